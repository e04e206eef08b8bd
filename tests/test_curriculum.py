"""The repository's own curriculum: it checks clean, tracks differ where they must, and
nothing meant for facilitators reaches participants in any track."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from cara.checks import run_checks
from cara.model import PARTICIPANT_KINDS, Block, Container, ListBlock, Quote, Rich, Services
from cara.resolved import ResolvedWorkshop
from conftest import REPO, load, resolve

# Words that only guidance about the contact with the person harmed uses.
VICTIM_CONTACT = re.compile(
    r"victim contact|contact (the service|we) made|feedback from (the|their)|"
    r"who gave the feedback|partner contact worker|safety contact", re.IGNORECASE)


@pytest.fixture(scope="module")
def project():
    project, diagnostics = load(REPO)
    run_checks(project, diagnostics)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    return project


def texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        for value in vars(block).values():
            if isinstance(value, Rich):
                yield value.plain()
        if isinstance(block, Container | Quote):
            yield from texts(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from texts(item.children)
        elif isinstance(block, Services):
            for entry in block.entries:
                yield entry.name.plain()
                yield entry.offers.plain()
        for cells in (getattr(block, "header", ()), *getattr(block, "rows", ())):
            for cell in cells:
                yield cell.text.plain()


def split(workshop: ResolvedWorkshop) -> tuple[list[str], list[str]]:
    """(participant-facing texts, facilitator-only texts) of a resolved workshop."""
    participant: list[str] = []
    facilitator: list[str] = []

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Container) and block.kind in PARTICIPANT_KINDS:
                participant.extend(texts((block,)))
            elif isinstance(block, Container) and block.kind == "facilitator-only":
                facilitator.extend(texts(block.children))
            elif isinstance(block, Container):
                walk(block.children)
    for module in workshop.modules:
        walk(module.blocks)
    return participant, facilitator


TRACKS = ("male-intimate", "female-intimate", "male-familial", "female-familial")


@pytest.mark.parametrize("track", TRACKS)
@pytest.mark.parametrize("workshop_id", ["workshop-a", "workshop-b"])
def test_facilitator_only_and_victim_contact_never_reach_participants(project, track,
                                                                     workshop_id) -> None:
    workshop = resolve(project, workshop_id, track)
    participant, facilitator = split(workshop)
    assert participant and facilitator
    shown = "\n".join(participant)
    for text in facilitator:
        if len(text) > 25:
            assert text not in shown, text
    assert not VICTIM_CONTACT.search(shown), VICTIM_CONTACT.search(shown)


def test_the_day_fills_the_workshop_hours(project) -> None:
    for track in TRACKS:
        for workshop_id in ("workshop-a", "workshop-b"):
            workshop = resolve(project, workshop_id, track)
            assert (workshop.start, workshop.end) == (9 * 60 + 30, 16 * 60 + 30)


def test_tracks_differ_where_required_and_share_everything_else(project) -> None:
    def full(track: str) -> set[str]:
        workshop = resolve(project, "workshop-a", track)
        return {t for m in workshop.modules for t in texts(m.blocks)}

    men, women = full("male-intimate"), full("female-intimate")
    family = full("male-familial")
    assert men - women and women - men and men - family
    shared = men & women & family
    assert len(shared) > 0.6 * len(men)
    women_only = " ".join(women - men).lower()
    assert "retaliat" in women_only or "resist" in women_only
    family_only = " ".join(family - men).lower()
    assert any(word in family_only for word in ("parent", "brother", "sister", "relative"))


def test_every_slide_has_notes_and_every_module_has_an_activity(project) -> None:
    from cara.resolved import slides_with_notes

    for track in TRACKS:
        for workshop_id in ("workshop-a", "workshop-b"):
            for module in resolve(project, workshop_id, track).modules:
                pairs = slides_with_notes(module.blocks)
                assert 3 <= len(pairs) <= 8, (module.id, track, len(pairs))
                assert all(notes is not None for _, notes in pairs), module.id
                kinds = [b.kind for b in module.blocks if isinstance(b, Container)]
                assert "activity" in kinds, module.id
