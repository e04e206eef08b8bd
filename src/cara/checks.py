"""Content checks over a loaded project: structure, placement, terms, timing, references.

Each check is a small function that reports into `Diagnostics` (cf. Babel's checkers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cara.conditions import Condition, combine
from cara.diagnostics import Diagnostics, Location
from cara.fonts import installed_families
from cara.model import (
    Block,
    Break,
    Container,
    Heading,
    Image,
    Inline,
    ListBlock,
    ModuleRef,
    Paragraph,
    Quote,
    Table,
    Term,
    walk_inline,
)
from cara.parsing import parse_inline
from cara.project import ASSETS, Project
from cara.resolve import workshop_items

Check = Callable[[Project, Diagnostics], None]


def run_checks(project: Project, diagnostics: Diagnostics) -> None:
    for check in CHECKS:
        check(project, diagnostics)


def _walk(blocks: tuple[Block, ...], parents: tuple[Container, ...] = (),
          condition: Condition | None = None
          ) -> Iterator[tuple[Block, tuple[Container, ...], Condition | None]]:
    """Every block with its enclosing containers and the condition under which it shows."""
    for block in blocks:
        yield block, parents, condition
        if isinstance(block, Container):
            yield from _walk(block.children, (*parents, block),
                             combine(condition, block.condition))
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _walk(item.children, parents, condition)
        elif isinstance(block, Quote):
            yield from _walk(block.children, parents, condition)


def _texts(block: Block) -> Iterator[tuple[Location, str]]:
    if isinstance(block, Heading | Paragraph):
        yield block.location, str(block.text)
    elif isinstance(block, Table):
        for cell in (*block.header, *(c for row in block.rows for c in row)):
            yield cell.location, str(cell.text)


def check_structure(project: Project, diagnostics: Diagnostics) -> None:
    """Slides have notes; notes follow a slide; blocks sit where their kind belongs."""
    for module in project.modules.values():
        _check_sequence(module.blocks, diagnostics)
        for block, parents, _ in _walk(module.blocks):
            if not isinstance(block, Container):
                continue
            kinds = [p.kind for p in parents]
            if block.kind == "facilitator-only" and {"slide", "handout", "activity"} & set(kinds):
                diagnostics.error(block.location, "facilitator-only content inside a "
                                  f"{kinds[-1]} would be shown to participants; move it out of "
                                  "the block", "content.facilitator-only")
            if block.kind == "column" and (not kinds or kinds[-1] != "slide"):
                diagnostics.error(block.location, "'column' belongs directly inside a 'slide'",
                                  "block.column")
            if block.kind == "write" and not {"handout", "activity"} & set(kinds):
                diagnostics.error(block.location, "'write' belongs inside a handout or "
                                  "activity", "block.write")
            if block.kind in ("slide", "handout", "activity", "notes") and (
                    {"slide", "handout", "activity", "notes"} & set(kinds)):
                diagnostics.error(block.location, f"a '{block.kind}' cannot be inside a "
                                  f"'{kinds[-1]}'", "block.nesting")
            if block.kind == "slide":
                columns = [c for c in block.children
                           if isinstance(c, Container) and c.kind == "column"]
                if columns and len(columns) != 2:
                    diagnostics.error(block.location, "a two-column slide needs exactly two "
                                      f"'column' blocks, not {len(columns)}", "slide.columns")
                if not any(isinstance(c, Heading) for c in block.children):
                    diagnostics.error(block.location, "slide has no title; start it with "
                                      "'## Title'", "slide.title")


def _check_sequence(blocks: tuple[Block, ...], diagnostics: Diagnostics) -> None:
    """Every slide is followed by notes (possibly inside the same `when`)."""
    flat = [b for b, _, _ in _walk(blocks) if isinstance(b, Container)
            and b.kind in ("slide", "notes")]
    pending: Container | None = None
    for block in flat:
        if block.kind == "slide":
            if pending is not None:
                diagnostics.error(pending.location, "slide has no notes; add a '::: notes' "
                                  "block after it", "slide.notes")
            pending = block
        elif pending is None:
            diagnostics.error(block.location, "notes without a slide before them; notes "
                              "belong to the slide just before", "notes.orphan")
        else:
            pending = None
    if pending is not None:
        diagnostics.error(pending.location, "slide has no notes; add a '::: notes' block "
                          "after it", "slide.notes")


def check_ids(project: Project, diagnostics: Diagnostics) -> None:
    seen: dict[tuple[str, str], Location] = {}
    for module in project.modules.values():
        for block, _, _ in _walk(module.blocks):
            if isinstance(block, Container) and block.kind in ("handout", "activity"):
                ident = block.param("id")
                if ident is None:
                    continue
                key = (block.kind, ident)
                if key in seen:
                    diagnostics.error(block.location, f"{block.kind} id {ident!r} is already "
                                      f"used at {seen[key]}", f"{block.kind}.duplicate-id")
                seen[key] = block.location


def _terms_in(nodes: tuple[Inline, ...]) -> Iterator[str]:
    return (node.name for node in walk_inline(nodes) if isinstance(node, Term))


def check_terms(project: Project, diagnostics: Diagnostics) -> None:
    """Every `{term}` is defined by every track in which its text can appear."""
    for module in project.modules.values():
        spans = [(s.location, str(s.text), None) for s in (module.title, *module.objectives)]
        for block, _, condition in _walk(module.blocks):
            spans.extend((loc, text, combine(condition, getattr(block, "condition", None)))
                         for loc, text in _texts(block))
        for location, text, condition in spans:
            nodes, _ = parse_inline(text, project.axes)
            for name in dict.fromkeys(_terms_in(nodes)):
                missing = [t.id for t in project.tracks.values()
                           if (condition is None or condition.holds(t.axes))
                           and name not in t.terms]
                if missing:
                    diagnostics.error(location, f"term {{{name}}} is not defined in track(s) "
                                      f"{', '.join(missing)}; add it under 'terms:' in "
                                      f"tracks/{missing[0]}.yml", "term.undefined")


def check_tracks(project: Project, diagnostics: Diagnostics) -> None:
    for track in project.tracks.values():
        for change in (*track.drop, *track.add, *track.move):
            for name in (change.module, change.after):
                if name is not None and name not in project.modules:
                    diagnostics.error(change.location, f"track refers to missing module "
                                      f"{name!r}", "track.module")
    listed = {i.module for w in project.programme.workshops for i in w.items
              if isinstance(i, ModuleRef)}
    added = {c.module for t in project.tracks.values() for c in t.add}
    for module in project.modules.values():
        if module.id not in listed | added:
            diagnostics.warning(module.location, f"module {module.id!r} is in no workshop "
                                "and no track adds it; it is never built", "module.unused")


def check_timing(project: Project, diagnostics: Diagnostics) -> None:
    """Activities fit their module; the day fits between a workshop's start and end."""
    for module in project.modules.values():
        minutes = sum(b.number("minutes") for b, _, c in _walk(module.blocks)
                      if isinstance(b, Container) and b.kind == "activity" and c is None
                      and b.condition is None)
        if module.duration and minutes > module.duration:
            diagnostics.error(module.title.location, f"activities take {minutes} minutes but "
                              f"the module lasts {module.duration}", "module.timing")
    for workshop in project.programme.workshops:
        if workshop.end is None:
            continue
        for track in project.tracks.values():
            total = 0
            for item in workshop_items(workshop, track):
                if isinstance(item, Break):
                    total += item.minutes
                elif item.module in project.modules:
                    total += project.modules[item.module].duration
            if workshop.start + total > workshop.end:
                over = workshop.start + total - workshop.end
                diagnostics.error(workshop.location, f"for track {track.id}, modules and breaks "
                                  f"take {total} minutes and end {over} minutes after the "
                                  "workshop's end time", "workshop.timing")


def check_assets(project: Project, diagnostics: Diagnostics) -> None:
    def images(nodes: tuple[Inline, ...]) -> Iterator[str]:
        return (node.src for node in walk_inline(nodes) if isinstance(node, Image))

    assets = (project.root / ASSETS).resolve()
    for module in project.modules.values():
        for block, _, _ in _walk(module.blocks):
            for location, text in _texts(block):
                for src in images(parse_inline(text, project.axes)[0]):
                    path = (project.root / "curriculum" / src).resolve()
                    if not path.is_relative_to(assets) or not path.is_file():
                        diagnostics.error(location, f"image {src!r} not found in {ASSETS}/",
                                          "content.image-missing")


def check_partners(project: Project, diagnostics: Diagnostics) -> None:
    for partner in project.partners.values():
        lic = partner.licence
        for code in lic.locales:
            if code not in project.locales:
                diagnostics.error(lic.location, f"licence names unknown locale {code!r}",
                                  "partner.licence")
        for track in lic.tracks:
            if track not in project.tracks:
                diagnostics.error(lic.location, f"licence names unknown track {track!r}",
                                  "partner.licence")


def check_fonts(project: Project, diagnostics: Diagnostics) -> None:
    """Every locale's first font is installed (else outputs silently use another)."""
    installed = installed_families()
    if installed is None:
        return
    for code, info in project.locales.by_code.items():
        first = info.fonts[0]
        if first != "sans-serif" and first.casefold() not in installed:
            diagnostics.warning(Location("locales/locales.yml"), f"font {first!r} of locale "
                                f"{code} is not installed; install fonts-noto-core",
                                "locale.font")


def check_data_texts(project: Project, diagnostics: Diagnostics) -> None:
    """Titles, terms, glossary, services and partner texts from YAML: the same inline rules
    as module text (module text is checked while it is parsed)."""
    from cara.i18n.segments import project_segments

    for segment in project_segments(project):
        if segment.context in project.modules:
            continue
        _, problems = parse_inline(segment.msgid, project.axes)
        path, _, line = segment.location.rpartition(":")
        for problem in problems:
            diagnostics.error(Location(path, int(line)), problem.message, problem.code)


CHECKS: tuple[Check, ...] = (check_structure, check_ids, check_terms, check_tracks,
                             check_timing, check_assets, check_partners, check_fonts,
                             check_data_texts)
