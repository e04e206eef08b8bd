"""The deck's slides in order, as a slide model: title, per module an opener and its slides
and activities, then the local support services. Pure: no PowerPoint, no sizes yet."""

from __future__ import annotations

from collections.abc import Iterator

from cara.diagnostics import Location
from cara.i18n.lookup import interpolate
from cara.model import Block, Container, Heading, Quote
from cara.resolved import ResolvedModule, ResolvedWorkshop, slides_with_notes
from cara.timefmt import clock

from .content import Content
from .spec import ParaSpec, RunSpec, SlideSpec, para

_SKIP = ("facilitator-only", "handout", "notes")


def _walk(blocks: tuple[Block, ...]) -> Iterator[Container]:
    """Slides and activities in reading order (the blocks a deck shows)."""
    for block in blocks:
        if isinstance(block, Container):
            if block.kind in ("slide", "activity"):
                yield block
            elif block.kind not in _SKIP:
                yield from _walk(block.children)


class Planner:
    """Builds the slide model of one resolved workshop."""

    def __init__(self, workshop: ResolvedWorkshop, content: Content) -> None:
        self.w = workshop
        self.content = content
        self.number = workshop.locale.number
        self.where = Location(f"curriculum/{workshop.target.workshop}/workshop.yml")
        self.footer = self._footer()

    def deck(self) -> list[SlideSpec]:
        slides = [self.title_slide()]
        total = len(self.w.modules)
        for n, module in enumerate(self.w.modules, start=1):
            slides.append(self.opener(module, n, total))
            notes = {id(slide): found for slide, found in slides_with_notes(module.blocks)}
            for block in _walk(module.blocks):
                if block.kind == "slide":
                    slides.append(self.slide(block, notes.get(id(block)), module))
                else:
                    slides.append(self.activity(block))
        slides.append(self.closing())
        return slides

    # ------------------------------------------------------------------ pieces

    def _runs(self, value: object, location: Location, bold: bool = False) -> list[RunSpec]:
        return self.content.runs(value, location, bold)[0]  # type: ignore[arg-type]

    def _make(self, layout: str, location: Location, texts: dict[str, list[ParaSpec]],
              notes: list[ParaSpec], **extra: object) -> SlideSpec:
        texts = {role: paras for role, paras in texts.items() if paras}
        texts["footer"] = self.footer
        return SlideSpec(layout, location, {k: tuple(v) for k, v in texts.items()},
                         tuple(notes), **extra)  # type: ignore[arg-type]

    def _footer(self) -> list[ParaSpec]:
        _ = self.w.ui.gettext
        if self.w.watermark:
            runs = [RunSpec(self.content.clean(self.w.watermark, self.where))]
        else:
            runs = [*self._runs(self.w.programme_title, self.where), RunSpec(" – "),
                    *self._runs(self.w.title, self.where)]
        if self.w.unreviewed:
            runs += [RunSpec("   "),
                     RunSpec(_("Draft translation, not yet reviewed"), True, tone="draft")]
        return [ParaSpec(tuple(r for r in runs if r.tone != "marker"))]

    def _partner(self) -> tuple[list[ParaSpec], dict[str, object]]:
        partner = self.w.partner
        if partner is None:
            return [], {}
        where = Location(f"partners/{partner.id}.yml")
        runs = self._runs(partner.name, where, bold=True)
        branding = self._runs(partner.branding, where)
        if branding and "".join(r.text for r in branding) != "".join(r.text for r in runs):
            runs += [RunSpec("\n"), *branding]
        colour = partner.colour.lstrip("#").upper()
        valid = len(colour) == 6 and all(c in "0123456789ABCDEF" for c in colour)
        return [ParaSpec(tuple(runs))], ({"partner_colour": colour} if valid else {})

    def _minutes(self, n: int) -> str:
        ngettext = self.w.ui.ngettext
        return interpolate(ngettext("%(n)s minute", "%(n)s minutes", n), n=self.number(n))

    # ------------------------------------------------------------------ slides

    def title_slide(self) -> SlideSpec:
        _ = self.w.ui.gettext
        w, where = self.w, self.where
        version = interpolate(_("Version %(version)s"), version=self.number(w.version))
        body = [ParaSpec(tuple(self._runs(w.title, where, bold=True))),
                ParaSpec(tuple(self._runs(w.track_title, where))),
                para(f"{w.locale.name}  ·  {version}")]
        band, extra = self._partner()
        times = f"{clock(w.start, w.locale)}–{clock(w.end, w.locale)}"
        notes = [para(interpolate(_("Workshop day: %(times)s"), times=times))]
        if w.unreviewed:
            notes.append(para(_("This deck contains draft translations that have not been "
                                "reviewed yet.")))
        if w.counts.fallback:
            notes.append(para(_("Text not yet translated is shown in the source language and "
                                "marked with its language code.")))
        return self._make("title", where, {
            "title": [ParaSpec(tuple(self._runs(w.programme_title, where)))],
            "body": body, "partner": band}, notes, **extra)

    def opener(self, module: ResolvedModule, n: int, total: int) -> SlideSpec:
        _ = self.w.ui.gettext
        where = Location(module.path)
        loc = self.w.locale
        kicker = interpolate(_("Module %(n)s of %(total)s"), n=self.number(n),
                             total=self.number(total))
        body = [para(self._minutes(module.duration)),
                para(f"{clock(module.start, loc)}–{clock(module.end, loc)}")]
        notes: list[ParaSpec] = []
        for heading, items in ((_("Objectives"), module.objectives),
                               (_("Materials"), module.materials)):
            if items:
                notes.append(para(RunSpec(heading, bold=True)))
                notes += [ParaSpec(tuple(self._runs(item, where)), "bullet") for item in items]
        return self._make("section", where, {
            "kicker": [para(kicker)],
            "title": [ParaSpec(tuple(self._runs(module.title, where)))],
            "body": body}, notes)

    def slide(self, slide: Container, notes: Container | None,
              module: ResolvedModule) -> SlideSpec:
        where = slide.location
        blocks = list(slide.children)
        heading = next((b for b in blocks if isinstance(b, Heading)), None)
        if heading is not None:
            blocks.remove(heading)
            title = self._runs(heading.text, heading.location)
        else:
            title = self._runs(module.title, where)
        columns = [b for b in blocks if isinstance(b, Container) and b.kind == "column"]
        layout = slide.param("layout")
        texts: dict[str, list[ParaSpec]] = {"title": [ParaSpec(tuple(title))]}
        pictures = []
        if len(columns) >= 2 or (layout == "two-columns" and columns):
            rest = tuple(b for b in blocks if b not in columns)
            head, pics = self.content.paras(rest, where)
            left, pics_left = self.content.paras(columns[0].children, columns[0].location)
            right: list[ParaSpec] = []
            for column in columns[1:]:
                sub, more = self.content.paras(column.children, column.location)
                right += sub
                pics += more
            texts |= {"body": head + left, "body2": right}
            pictures = pics + pics_left
            kind = "two-columns"
        else:
            quote = bool(blocks) and all(isinstance(b, Quote) for b in blocks)
            kind = "quote" if quote or layout == "quote" else "bullets"
            texts["body"], pictures = self.content.paras(tuple(blocks), where)
        notes_paras = self.content.paras(notes.children, notes.location)[0] if notes else []
        return self._make(kind, where, texts, notes_paras, pictures=tuple(pictures))

    def activity(self, block: Container) -> SlideSpec:
        _ = self.w.ui.gettext
        blocks = list(block.children)
        heading = next((b for b in blocks if isinstance(b, Heading)), None)
        if heading is not None:
            blocks.remove(heading)
            title = ParaSpec(tuple(self._runs(heading.text, heading.location)))
        else:
            title = para(_("Activity"))
        ngettext = self.w.ui.ngettext
        n = block.number("minutes")
        badge = _("Activity")
        if n:
            badge = interpolate(ngettext("Activity, %(n)s minute", "Activity, %(n)s minutes",
                                         n), n=self.number(n))
        body, pictures = self.content.paras(tuple(blocks), block.location)
        notes = [para(RunSpec(badge, bold=True)), *body]
        return self._make("activity", block.location, {
            "title": [title], "badge": [para(badge)], "body": body}, notes,
            pictures=tuple(pictures))

    def closing(self) -> SlideSpec:
        _ = self.w.ui.gettext
        services = self.w.services
        where = getattr(services, "location", self.where)
        body = self.content.services(services) if hasattr(services, "entries") else []
        if not body:
            body = [para(_("Ask your facilitator about support services near you."))]
        notes: list[ParaSpec] = []
        for entry in getattr(services, "entries", ()):
            runs = [*self._runs(entry.name, entry.location, bold=True), RunSpec(": "),
                    *self._runs(entry.offers, entry.location)]
            notes.append(ParaSpec(tuple(runs), "bullet"))
        band, extra = self._partner()
        return self._make("closing", where, {
            "title": [para(_("Local support services"))], "body": body, "partner": band},
            notes, **extra)
