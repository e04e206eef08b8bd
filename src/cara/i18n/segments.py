"""Every translatable segment of a project, with its context, source line and audience.

Extraction keeps every variant branch (a translator translates all of them), the opposite
of resolution, which keeps one. Both use the contexts of `keys` and `PARTICIPANT_KINDS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cara.conditions import Condition, combine
from cara.i18n import keys
from cara.model import (
    PARTICIPANT_KINDS,
    Block,
    Container,
    Heading,
    ListBlock,
    Module,
    Paragraph,
    Quote,
    Span,
    Table,
)
from cara.project import Project

PROGRAMME_DOMAIN = "programme"
PARTNERS_DOMAIN = "partners"
UI_DOMAIN = "ui"


@dataclass(frozen=True)
class Segment:
    domain: str
    context: str
    msgid: str
    location: str  # path:line
    participant: bool  # read by participants: may need a translation per gender
    condition: Condition | None  # where it can appear (limits the gendered entries needed)
    note: str  # what it is, for the translator (`#.` comment)


def project_segments(project: Project) -> Iterator[Segment]:
    """Every segment of the project, in a stable order (file order, then line order)."""
    programme = project.programme
    yield _span(PROGRAMME_DOMAIN, keys.PROGRAMME, programme.title, "programme title")
    for workshop in programme.workshops:
        yield _span(PROGRAMME_DOMAIN, keys.PROGRAMME, workshop.title, "workshop title")
        for item in workshop.items:
            label = getattr(item, "label", None)
            if label is not None:
                yield _span(PROGRAMME_DOMAIN, keys.PROGRAMME, label, "break in the timetable")
    for track in project.tracks.values():
        ctx = keys.track(track.id)
        yield _span(PROGRAMME_DOMAIN, ctx, track.title, "track title")
        for name, span in track.terms.items():
            yield _span(PROGRAMME_DOMAIN, ctx, span, f"track term {{{name}}}: replaces "
                        f"{{{name}}} in this track's text")
    for entry in project.glossary:
        yield _span(PROGRAMME_DOMAIN, keys.GLOSSARY, entry.term, "glossary term: the approved "
                    "translation, to be used wherever the term appears")
        yield _span(PROGRAMME_DOMAIN, keys.GLOSSARY, entry.definition,
                    f"glossary definition of '{entry.term.text}'")
    for cid, label in project.services.categories.items():
        yield _span(PROGRAMME_DOMAIN, keys.SERVICES, label, f"support service category {cid}",
                    participant=True)
    for service in project.services.services:
        yield _span(PROGRAMME_DOMAIN, keys.SERVICES, service.name, "support service name",
                    participant=True)
        yield _span(PROGRAMME_DOMAIN, keys.SERVICES, service.offers, "what the service offers",
                    participant=True)
    for partner in project.partners.values():
        ctx = keys.partner(partner.id)
        for span, note in ((partner.name, "partner name"), (partner.region, "partner region"),
                           (partner.branding, "partner co-branding line")):
            yield _span(PARTNERS_DOMAIN, ctx, span, note)
        for service in partner.services:
            yield _span(PARTNERS_DOMAIN, ctx, service.name, "local support service name",
                        participant=True)
            yield _span(PARTNERS_DOMAIN, ctx, service.offers, "what the service offers",
                        participant=True)
    for module in sorted(project.modules.values(), key=lambda m: m.path):
        yield from module_segments(module)


def module_segments(module: Module) -> Iterator[Segment]:
    ctx = keys.module(module.id)
    domain = module.workshop
    yield _span(domain, ctx, module.title, "module title")
    for span in module.objectives:
        yield _span(domain, ctx, span, "learning objective", participant=True)
    for span in module.materials:
        yield _span(domain, ctx, span, "material needed")
    yield from _blocks(module.blocks, domain, ctx, (), None)


def _span(domain: str, context: str, span: Span, note: str,
          participant: bool = False) -> Segment:
    return Segment(domain, context, str(span.text), str(span.location), participant, None, note)


def _blocks(blocks: tuple[Block, ...], domain: str, ctx: str, kinds: tuple[str, ...],
            condition: Condition | None) -> Iterator[Segment]:
    participant = bool(PARTICIPANT_KINDS & set(kinds))
    where = kinds[-1] if kinds else "manual text"
    for block in blocks:
        if isinstance(block, Container):
            yield from _blocks(block.children, domain, ctx, (*kinds, block.kind),
                               combine(condition, block.condition))
        elif isinstance(block, Heading | Paragraph):
            what = "heading" if isinstance(block, Heading) else "paragraph"
            yield Segment(domain, ctx, str(block.text), str(block.location), participant,
                          condition, f"{where}: {what}")
        elif isinstance(block, ListBlock):
            for item in block.items:
                for inner in _blocks(item.children, domain, ctx, kinds, condition):
                    yield Segment(inner.domain, inner.context, inner.msgid, inner.location,
                                  inner.participant, inner.condition,
                                  inner.note.replace("paragraph", "list item"))
        elif isinstance(block, Table):
            for cell in (*block.header, *(c for row in block.rows for c in row)):
                if str(cell.text).strip():
                    yield Segment(domain, ctx, str(cell.text), str(cell.location), participant,
                                  condition, f"{where}: table cell")
        elif isinstance(block, Quote):
            yield from _blocks(block.children, domain, ctx, kinds, condition)
