"""Variant resolution: the one place that applies conditions, fills terms and translates.

`resolve_workshop` is a pure function of the project, a target and a translator: it returns
a new tree and never changes the parsed one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from cara.diagnostics import Location, UserError, fail
from cara.i18n import keys
from cara.i18n.lookup import Translator
from cara.i18n.states import UNREVIEWED, State
from cara.model import (
    PARTICIPANT_KINDS,
    Block,
    Break,
    Cell,
    Container,
    Emph,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Module,
    ModuleRef,
    Paragraph,
    Quote,
    Rich,
    ServiceEntry,
    Services,
    Span,
    Strong,
    Table,
    Term,
    Text,
    Variant,
    Workshop,
)
from cara.parsing import parse_inline
from cara.partners import Service
from cara.project import ASSETS, Project
from cara.reproducible import build_epoch
from cara.resolved import (
    Counts,
    GlossaryItem,
    PartnerInfo,
    ResolvedModule,
    ResolvedWorkshop,
    ScheduleEntry,
    Target,
)
from cara.textnorm import clean
from cara.tracks import Track


@dataclass
class _Context:
    """What resolving one segment needs; counts what fell back or is unreviewed."""

    translator: Translator
    axes: Mapping[str, str]
    all_axes: Mapping[str, tuple[str, ...]]
    terms: Mapping[str, tuple[Inline, ...]] = field(default_factory=dict)
    services: tuple[Service, ...] = ()
    categories: Mapping[str, Span] = field(default_factory=dict)
    services_context: str = keys.SERVICES
    fallback: int = 0
    unreviewed: int = 0

    def rich(self, context: str, text: str, participant: bool = False) -> Rich:
        shown = self.translator.segment(context, text, participant, self.axes)
        nodes, problems = parse_inline(clean(shown.text)[0], self.all_axes)
        state, lang = shown.state, shown.lang
        if problems and shown.lang is None and not self.translator.is_source:
            # A translation whose markup is not valid never reaches an output (QA reports it).
            nodes, _ = parse_inline(clean(text)[0], self.all_axes)
            state, lang = State.UNTRANSLATED, self.translator.source
        if lang is not None and text.strip():
            self.fallback += 1
        elif state in UNREVIEWED:
            self.unreviewed += 1
        return Rich(tuple(self._inline(nodes)), lang, state.value)

    def _inline(self, nodes: tuple[Inline, ...]) -> list[Inline]:
        out: list[Inline] = []
        for node in nodes:
            if isinstance(node, Variant):
                if node.condition.holds(self.axes):
                    out.extend(self._inline(node.children))
            elif isinstance(node, Term):
                out.extend(self.terms.get(node.name, (Text("{" + node.name + "}"),)))
            elif isinstance(node, Strong | Emph | Link):
                out.append(replace(node, children=tuple(self._inline(node.children))))
            else:
                out.append(node)
        return _merge_text(out)


def _merge_text(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out


def workshop_items(workshop: Workshop, track: Track) -> tuple[ModuleRef | Break, ...]:
    """The workshop's day for a track: its modules after the track's drop, add and move."""
    dropped = {c.module for c in track.drop}
    items = [i for i in workshop.items if not (isinstance(i, ModuleRef) and i.module in dropped)]
    for change in track.add:  # only into the workshop that has the module it follows
        if any(isinstance(i, ModuleRef) and i.module == change.after for i in items):
            _insert_after(items, ModuleRef(change.location, change.module), change.after)
    for change in track.move:
        moved = [i for i in items if isinstance(i, ModuleRef) and i.module == change.module]
        if moved:
            items.remove(moved[0])
            _insert_after(items, moved[0], change.after)
    return tuple(items)


def _insert_after(items: list, item: ModuleRef, after: str | None) -> None:
    for index, existing in enumerate(items):
        if isinstance(existing, ModuleRef) and existing.module == after:
            items.insert(index + 1, item)
            return
    items.append(item)


def track_terms(track: Track, ctx: _Context) -> dict[str, tuple[Inline, ...]]:
    return {name: ctx.rich(keys.track(track.id), str(span.text)).nodes
            for name, span in track.terms.items()}


def resolve_workshop(project: Project, target: Target, translator: Translator,
                     watermark: str | None = None) -> ResolvedWorkshop:
    """Resolve one workshop for one target. Raises UserError for an impossible target."""
    workshop = _find(project, target)
    track = project.tracks[target.track]
    partner = project.partners.get(target.partner) if target.partner else None
    ctx = _Context(translator, track.axes, project.axes,
                   services=partner.services if partner else project.services.services,
                   categories=project.services.categories,
                   services_context=keys.partner(partner.id) if partner else keys.SERVICES)
    ctx.terms = track_terms(track, ctx)
    schedule: list[ScheduleEntry] = []
    modules: list[ResolvedModule] = []
    clock = workshop.start
    for item in workshop_items(workshop, track):
        if isinstance(item, Break):
            label = ctx.rich(keys.PROGRAMME, str(item.label.text))
            schedule.append(ScheduleEntry(clock, clock + item.minutes, label, None))
            clock += item.minutes
            continue
        module = project.modules.get(item.module)
        if module is None:
            raise fail(item.location, f"unknown module {item.module!r}", "workshop.module")
        resolved = resolve_module(module, clock, ctx)
        modules.append(resolved)
        schedule.append(ScheduleEntry(clock, resolved.end, resolved.title, module.id))
        clock = resolved.end
    glossary = tuple(GlossaryItem(ctx.rich(keys.GLOSSARY, str(e.term.text)),
                                  ctx.rich(keys.GLOSSARY, str(e.definition.text)))
                     for e in project.glossary)
    directory = _services(ctx, None, workshop.location)
    info = None
    if partner is not None:
        pctx = keys.partner(partner.id)
        info = PartnerInfo(partner.id, ctx.rich(pctx, str(partner.name.text)),
                           ctx.rich(pctx, str(partner.region.text)),
                           ctx.rich(pctx, str(partner.branding.text)), partner.colour,
                           partner.licence.id, partner.licence.expires.isoformat())
    return ResolvedWorkshop(
        target=target,
        programme_title=ctx.rich(keys.PROGRAMME, str(project.programme.title.text)),
        programme_id=project.programme.id,
        version=project.programme.version,
        title=ctx.rich(keys.PROGRAMME, str(workshop.title.text)),
        track_title=ctx.rich(keys.track(track.id), str(track.title.text)),
        locale=translator.locale,
        source_locale=translator.source,
        source_info=project.locales[translator.source],
        start=workshop.start,
        end=clock,
        schedule=tuple(schedule),
        modules=tuple(modules),
        glossary=glossary,
        services=directory,
        partner=info,
        counts=Counts(ctx.fallback, ctx.unreviewed),
        ui=translator,
        watermark=watermark,
        epoch=build_epoch(project.root),
        assets=str((project.root / ASSETS).resolve()),
    )


def _find(project: Project, target: Target) -> Workshop:
    for workshop in project.programme.workshops:
        if workshop.id == target.workshop:
            break
    else:
        raise UserError(f"unknown workshop {target.workshop!r}")
    if target.track not in project.tracks:
        raise UserError(f"unknown track {target.track!r}")
    if target.locale not in project.locales:
        raise UserError(f"unknown locale {target.locale!r}")
    if target.partner and target.partner not in project.partners:
        raise UserError(f"unknown partner {target.partner!r}")
    return workshop


def resolve_module(module: Module, start: int, ctx: _Context) -> ResolvedModule:
    mctx = keys.module(module.id)
    return ResolvedModule(
        id=module.id,
        path=module.path,
        title=ctx.rich(mctx, str(module.title.text)),
        duration=module.duration,
        start=start,
        objectives=tuple(ctx.rich(mctx, str(s.text), True) for s in module.objectives),
        materials=tuple(ctx.rich(mctx, str(s.text)) for s in module.materials),
        blocks=tuple(_blocks(module.blocks, mctx, False, ctx)),
    )


def _blocks(blocks: tuple[Block, ...], mctx: str, participant: bool,
            ctx: _Context) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        out.extend(_block(block, mctx, participant, ctx))
    return out


def _block(block: Block, mctx: str, participant: bool, ctx: _Context) -> list[Block]:
    if isinstance(block, Container):
        if block.condition is not None and not block.condition.holds(ctx.axes):
            return []
        inner = participant or block.kind in PARTICIPANT_KINDS
        children = tuple(_blocks(block.children, mctx, inner, ctx))
        if block.kind == "when":
            return list(children)
        if block.kind == "services":
            return [_services(ctx, block.param("categories"), block.location)]
        return [replace(block, children=children)]
    if isinstance(block, Heading | Paragraph):
        return [replace(block, text=ctx.rich(mctx, str(block.text), participant))]
    if isinstance(block, ListBlock):
        items = tuple(ListItem(i.location, tuple(_blocks(i.children, mctx, participant, ctx)))
                      for i in block.items)
        return [replace(block, items=items)]
    if isinstance(block, Table):
        def cell(c: Cell) -> Cell:
            return replace(c, text=ctx.rich(mctx, str(c.text), participant))
        return [replace(block, header=tuple(cell(c) for c in block.header),
                        rows=tuple(tuple(cell(c) for c in row) for row in block.rows))]
    if isinstance(block, Quote):
        return [replace(block, children=tuple(_blocks(block.children, mctx, participant, ctx)))]
    return [block]


def _services(ctx: _Context, categories: str | None, location: Location) -> Services:
    wanted = tuple(c for c in (categories or "").split(",") if c)
    order = list(ctx.categories)
    chosen = [s for s in ctx.services if not wanted or s.category in wanted]
    chosen.sort(key=lambda s: (order.index(s.category) if s.category in order else len(order)))
    entries = tuple(ServiceEntry(
        s.location,
        ctx.rich(ctx.services_context, str(s.name.text), True),
        s.category,
        ctx.rich(keys.SERVICES, str(ctx.categories[s.category].text), True)
        if s.category in ctx.categories else Rich((Text(s.category),)),
        ctx.rich(ctx.services_context, str(s.offers.text), True),
        s.phone, s.web, s.verified_on) for s in chosen)
    return Services(location, wanted, entries)
