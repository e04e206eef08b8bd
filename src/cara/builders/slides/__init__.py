"""Slide decks (PPTX): one per workshop, track and locale, on a generated master.

The pipeline inside the builder: `plan` (resolved tree to slide model), `fitting` (type sizes
measured with the real fonts, overflow continued on new slides), `writer` (PowerPoint XML
with right-to-left and complex-script attributes), `package` (reproducible bytes).
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from cara.builders.base import Builder
from cara.diagnostics import Diagnostic, Location, Severity
from cara.resolved import ResolvedWorkshop
from cara.textfit import Measure, fonts_for
from cara.textnorm import clean

from .content import Content
from .fitting import Fitter, spacing
from .package import finish
from .plan import Planner
from .spec import SlideSpec
from .writer import Writer

__all__ = ["Deck", "SlideSpec", "SlidesBuilder"]


class Deck(NamedTuple):
    """What `prepare` makes: the sized slide model and the measurer that sized it."""

    slides: list[SlideSpec]
    measure: Measure


class SlidesBuilder(Builder):
    """Renders a resolved workshop as a PPTX deck; warnings are kept in `self.warnings`."""

    name = "slides"
    extension = "pptx"
    inputs: ClassVar[tuple[str, ...]] = tuple(
        f"builders/slides/{name}.py" for name in (
            "__init__", "content", "fitting", "package", "plan", "spec", "template", "writer")
    ) + ("textfit.py", "textnorm.py", "timefmt.py")

    def _warn(self, location: Location, message: str, code: str) -> None:
        item = Diagnostic(location, Severity.WARNING, message, code)
        if item not in self.warnings:
            self.warnings.append(item)

    def measure(self, workshop: ResolvedWorkshop) -> Measure:
        """Measures with the locale's fonts, then the source locale's (for fallbacks)."""
        locale = workshop.locale
        families = tuple(dict.fromkeys(locale.fonts + workshop.source_info.fonts))
        return Measure(fonts_for(families), spacing(locale))

    @staticmethod
    def _source(workshop: ResolvedWorkshop) -> str | None:
        return workshop.source_info.fonts[0] if workshop.source_info.fonts else None

    def slides(self, workshop: ResolvedWorkshop, measure: Measure | None = None
               ) -> list[SlideSpec]:
        """The deck's slide model, sized and split to fit (what `render` writes)."""
        _ = workshop.ui.gettext
        self.warnings = []
        measure = measure or self.measure(workshop)
        locale = workshop.locale
        numeral = None if locale.digits == "latn" else locale.number
        content = Content(self._warn, workshop.assets, numeral)
        planned = Planner(workshop, content).deck()
        fitter = Fitter(workshop.locale, measure, _("%(title)s (cont.)"), self._warn,
                        self._source(workshop))
        return [sized for spec in planned for sized in fitter.fit(spec)]

    def prepare(self, workshop: ResolvedWorkshop) -> Deck:
        measure = self.measure(workshop)
        return Deck(self.slides(workshop, measure), measure)

    def render_prepared(self, workshop: ResolvedWorkshop, prepared: object) -> bytes:
        deck = prepared if isinstance(prepared, Deck) else self.prepare(workshop)
        writer = Writer(workshop.locale, deck.measure.fonts, deck.measure,
                        self._source(workshop))
        prs = writer.write(deck.slides)
        title = clean(f"{workshop.programme_title.plain()} – {workshop.title.plain()}")[0]
        return finish(prs, title, clean(workshop.track_title.plain())[0], workshop.programme_id,
                      workshop.locale.tag, workshop.epoch)
