"""Variant resolution on a project with a third axis (age): conditions, terms, module lists."""

from __future__ import annotations

import dataclasses

from cara.model import Container, Paragraph, Services
from cara.resolve import workshop_items
from cara.tracks import ModuleChange
from conftest import resolve


def texts(workshop) -> str:
    from cara.builders.markdown import MarkdownBuilder

    return MarkdownBuilder().render(workshop).decode()


def test_block_conditions_follow_the_track_axes(basic) -> None:
    youth = texts(resolve(basic, "day-one", "women-youth"))
    adult = texts(resolve(basic, "day-one", "men-adult"))
    assert "Keep the language simple for younger participants." in youth
    assert "Keep the language simple" not in adult
    assert "Women's groups: discuss retaliatory violence." in youth
    assert "retaliatory" not in adult


def test_inline_variants_and_terms_are_filled(basic) -> None:
    youth = texts(resolve(basic, "day-one", "women-youth"))
    adult = texts(resolve(basic, "day-one", "men-adult"))
    assert "This is a space to talk about your family" in youth
    assert "Everyone is heard, young or old" in youth
    assert "This is a space to talk about your partner" in adult
    assert "young or old" not in adult and "{partner}" not in adult


def test_timetable_counts_breaks_and_durations(basic) -> None:
    workshop = resolve(basic, "day-one", "men-adult")
    assert [(e.start, e.end) for e in workshop.schedule] == [(600, 630), (630, 640), (640, 685)]
    assert [m.id for m in workshop.modules] == ["hello", "feelings"]


def test_resolution_leaves_no_when_blocks_and_fills_services(basic) -> None:
    workshop = resolve(basic, "day-one", "women-youth")

    def kinds(blocks):
        for block in blocks:
            if isinstance(block, Container):
                yield block.kind
                yield from kinds(block.children)
    found = set(kinds(b for m in workshop.modules for b in m.blocks))
    assert "when" not in found and "services" not in found
    services = [b for b in workshop.modules[1].blocks if isinstance(b, Services)]
    assert services[0].entries[0].name.plain() == "Demo Helpline (sample)"


def test_partner_services_replace_the_default_directory(basic) -> None:
    workshop = resolve(basic, "day-one", "men-adult", partner="acme")
    services = [b for b in workshop.modules[1].blocks if isinstance(b, Services)]
    assert [e.name.plain() for e in services[0].entries] == ["Acme Listening Line (sample)"]
    assert workshop.partner is not None and workshop.partner.name.plain().startswith("Acme")


def test_tracks_can_drop_add_and_move_modules(basic) -> None:
    track = basic.tracks["men-adult"]
    workshop = basic.workshop("day-one")
    dropped = dataclasses.replace(track, drop=(ModuleChange(track.location, "hello"),))
    assert [getattr(i, "module", None) for i in workshop_items(workshop, dropped)] == [
        None, "feelings"]
    added = dataclasses.replace(track, drop=(ModuleChange(track.location, "feelings"),),
                                add=(ModuleChange(track.location, "feelings", "hello"),))
    assert [getattr(i, "module", None) for i in workshop_items(workshop, added)] == [
        "hello", "feelings", None]
    # an addition whose `after` is not in this workshop does not land here
    elsewhere = dataclasses.replace(track, add=(ModuleChange(track.location, "extra", "x"),))
    assert [getattr(i, "module", None) for i in workshop_items(workshop, elsewhere)] == [
        "hello", None, "feelings"]
    moved = dataclasses.replace(track, move=(ModuleChange(track.location, "hello", "feelings"),))
    assert [getattr(i, "module", None) for i in workshop_items(workshop, moved)] == [
        None, "feelings", "hello"]


def test_resolution_does_not_change_the_parsed_tree(basic) -> None:
    before = basic.modules["hello"]
    resolve(basic, "day-one", "women-youth")
    assert basic.modules["hello"] is before
    first = before.blocks[0]
    assert isinstance(first, Paragraph) and isinstance(first.text, str)
