"""Choose type sizes that fit each placeholder; continue overflowing text on new slides.

Sizes come from each placeholder's range (scaled by the locale's `font_scale`); a body that
does not fit even at the smallest size is packed into as many slides as it needs at the
preferred size, each continuation titled "<title> (cont.)".
"""

from __future__ import annotations

from dataclasses import replace

from cara.locales import LocaleInfo
from cara.textfit import Box, Fonts, Measure, Para, Piece

from .content import Warn
from .spec import ParaSpec, RunSpec, SlideSpec
from .template import LAYOUTS, Layout, Place

BODIES = ("body", "body2")
PREFERRED = 24  # body size we keep when text has to continue on another slide
BULLET_EM, NUMBER_EM = 1.0, 1.5  # hanging indents, in em of the paragraph's size
PRINT_LINE_HEIGHT = 1.45  # running-text line height that needs no extra slide spacing
PICTURE_SHARE = 0.4  # of the body width, for pictures beside text


def spacing(locale: LocaleInfo) -> float:
    """Slide line spacing: the locale's print line height relative to Latin's (Nastaliq 1.6)."""
    return max(1.0, locale.line_height / PRINT_LINE_HEIGHT)


def indent_em(p: ParaSpec) -> float:
    """Start indent of a paragraph (where its text begins), in em."""
    if p.kind == "bullet":
        return BULLET_EM * (p.level + 1)
    if p.kind == "number":
        return NUMBER_EM + BULLET_EM * p.level
    if p.kind == "cont":
        return BULLET_EM * max(p.level, 1)
    return 0.0


def font_runs(p: ParaSpec, fonts: Fonts,
              source: str | None = None) -> list[tuple[RunSpec, str | None]]:
    """The paragraph's runs (line breaks as runs of their own) with the family to try first.

    An untranslated run is set in `source`, the source locale's first family. A line the
    locale's first family cannot set but another listed family can (a phone number and web
    address in Urdu) is set wholly in that family: one font a line keeps LibreOffice's line
    placement right (a link in a mixed-font line lands on the line above).
    """
    lines: list[list[RunSpec]] = [[]]
    for run in p.runs:
        for index, text in enumerate(run.text.split("\n")):
            if index:
                lines.append([])
            if text:
                lines[-1].append(replace(run, text=text) if text != run.text else run)
    out: list[tuple[RunSpec, str | None]] = []
    primary = fonts.families[0]
    for number, line in enumerate(lines):
        if number:
            out.append((RunSpec("\n"), None))
        whole = fonts.family_for("".join(r.text for r in line))
        for run in line:
            family = whole if whole != primary else None
            if run.lang and source:
                family = source
            out.append((run, family))
    return out


def sizes(place: Place, locale: LocaleInfo) -> list[int]:
    high, low = place.sizes
    return sorted({max(1, round(s * locale.font_scale)) for s in range(low, high + 1)},
                  reverse=True)


def text_box(layout: Layout, place: Place, pictures: bool) -> tuple[float, ...]:
    """The placeholder's box in inches (x, y, w, h, left-to-right), narrowed for pictures."""
    x, y, w, h = place.box
    if pictures and place.role == "body" and layout.place("body2") is None:
        w = w * (1 - PICTURE_SHARE)
    return x, y, w, h


class Fitter:
    """Sizes the text of slides for one locale, splitting bodies that overflow."""

    def __init__(self, locale: LocaleInfo, measure: Measure, continued: str,
                 warn: Warn, source: str | None = None) -> None:
        self.locale = locale
        self.measure = measure
        self.source = source  # the family untranslated text is set in
        self.continued = continued  # e.g. "%(title)s (cont.)", translated
        self.warn = warn

    def para(self, p: ParaSpec, space: float | None = None, place: Place | None = None) -> Para:
        """The paragraph as the measurer sees it (a bold placeholder makes every run bold)."""
        bold, italic = (place.bold, place.italic) if place else (False, False)
        if space is None:
            space = place.space if place else 0.0
        pieces = tuple(Piece(r.text, r.bold or bold, r.italic or italic, r.scale, family)
                       for r, family in font_runs(p, self.measure.fonts, self.source))
        return Para(pieces, indent_em(p), space)

    def box(self, layout: Layout, place: Place, pictures: bool = False) -> Box:
        _, _, w, h = text_box(layout, place, pictures)
        return Box((w - 2 * place.pad) * 72, (h - sum(place.insets)) * 72)

    def best(self, paras: tuple[ParaSpec, ...], layout: Layout, place: Place,
             pictures: bool = False) -> int | None:
        return self.measure.best_size([self.para(p, place=place) for p in paras],
                                      self.box(layout, place, pictures), sizes(place, self.locale))

    def fit(self, spec: SlideSpec) -> list[SlideSpec]:
        layout = LAYOUTS[spec.layout]
        roles = [r for r in BODIES if r in spec.texts]
        pictures = bool(spec.pictures)
        common = self._common(spec.texts, roles, layout, pictures) if roles else None
        if not roles or common is not None or not layout.continues:
            return [self._sized(spec, layout, {r: common for r in roles if common})]
        chunks = {r: self._pack(spec.texts[r], layout, layout.place(r), pictures) for r in roles}
        parts = []
        for index in range(max(len(c) for c in chunks.values())):
            texts = dict(spec.texts)
            for role in roles:
                texts[role] = chunks[role][index] if index < len(chunks[role]) else ()
            if index:
                texts["title"] = self._continued(spec.texts.get("title", ()))
            parts.append(replace(spec, texts={k: v for k, v in texts.items() if v},
                                 pictures=spec.pictures if not index else ()))
        # One size for the slide and its continuations: the largest at which all fit.
        found = [self._common(p.texts, roles, layout, bool(p.pictures)) for p in parts]
        smallest = min(sizes(layout.place(r), self.locale)[-1] for r in roles)
        size = min((f for f in found if f), default=smallest)
        return [self._sized(p, layout, {r: size for r in roles}) for p in parts]

    def _sized(self, spec: SlideSpec, layout: Layout, bodies: dict[str, int]) -> SlideSpec:
        """The slide with sizes for its bodies and the best size for every other text."""
        chosen = dict(bodies)
        for role, paras in spec.texts.items():
            place = layout.place(role)
            if place is None or role in chosen:
                continue
            size = self.best(paras, layout, place)
            if size is None:
                size = sizes(place, self.locale)[-1]
                self.warn(spec.location, f"the {role} of slide {spec.title!r} is too long for "
                          "its box; shorten it", "slides.overflow")
            chosen[role] = size
        return replace(spec, sizes=chosen)

    def _common(self, texts: dict[str, tuple[ParaSpec, ...]], roles: list[str],
                layout: Layout, pictures: bool) -> int | None:
        found = []
        for role in roles:
            paras = texts.get(role, ())
            if paras:
                size = self.best(paras, layout, layout.place(role), pictures)
                if size is None:
                    return None
                found.append(size)
        return min(found) if found else sizes(layout.place(roles[0]), self.locale)[0]

    def _pack(self, paras: tuple[ParaSpec, ...], layout: Layout, place: Place,
              pictures: bool) -> list[tuple[ParaSpec, ...]]:
        box = self.box(layout, place, pictures)
        options = sizes(place, self.locale)
        target = max(min(round(PREFERRED * self.locale.font_scale), options[0]), options[-1])
        pieces: list[ParaSpec] = []
        for p in paras:
            pieces += self._split(p, box, target, place)
        measured = [self.para(p, place=place) for p in pieces]
        count = len(self.measure.pack(measured, box, target))
        own = [self.measure.lines(p, box.width, target) * self.measure.pitch(target)
               for p in measured]
        gaps = [p.space_before * target for p in measured]
        groups = _balance(own, gaps, count, box.height - self.measure.tail * target)
        return [tuple(pieces[i] for i in group) for group in groups]

    def _split(self, p: ParaSpec, box: Box, size: int, place: Place) -> list[ParaSpec]:
        """A paragraph too tall for a whole box, cut at word boundaries into ones that fit."""
        out: list[ParaSpec] = []
        while not self.measure.fits([self.para(p, place=place)], box, size):
            words = _words(p.runs)
            low, high = 1, len(words) - 1
            if high < 1:
                break
            while low < high:  # the most words that still fit
                mid = (low + high + 1) // 2
                head = replace(p, runs=_join(words[:mid]))
                if self.measure.fits([self.para(head, place=place)], box, size):
                    low = mid
                else:
                    high = mid - 1
            out.append(replace(p, runs=_join(words[:low])))
            kind = "cont" if p.kind in ("bullet", "number", "cont") else p.kind
            p = replace(p, runs=_join(words[low:]), kind=kind, number=None,
                        level=p.level + (kind == "cont" and p.kind != "cont"))
        return out + [p]

    def _continued(self, title: tuple[ParaSpec, ...]) -> tuple[ParaSpec, ...]:
        if not title:
            return title
        before, _, after = self.continued.partition("%(title)s")
        first = title[0]
        runs = ([RunSpec(before)] if before else []) + list(first.runs) + (
            [RunSpec(after)] if after else [])
        return (replace(first, runs=tuple(runs)), *title[1:])


def _balance(own: list[float], gaps: list[float], count: int,
             limit: float) -> list[list[int]]:
    """Paragraph indices in `count` consecutive groups, as even in height as possible.

    Minimises the tallest group, then the spread (sum of squares); every group fits `limit`
    (a paragraph taller than that, already split as far as it goes, stands alone).
    """
    n = len(own)

    def height(i: int, j: int) -> float:  # paragraphs i..j-1 in one box
        return sum(own[i:j]) + sum(gaps[i + 1:j])

    inf = (float("inf"), float("inf"))
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = (0.0, 0.0)
    for k in range(1, count + 1):
        for j in range(1, n + 1):
            for i in range(k - 1, j):
                h = height(i, j)
                if best[k - 1][i] == inf or (h > limit and j - i > 1):
                    continue
                score = (max(best[k - 1][i][0], h), best[k - 1][i][1] + h * h)
                if score < best[k][j]:
                    best[k][j], cut[k][j] = score, i
    if best[count][n] == inf:
        return [[i] for i in range(n)]
    groups, j = [], n
    for k in range(count, 0, -1):
        i = cut[k][j]
        groups.append(list(range(i, j)))
        j = i
    return groups[::-1]


def _words(runs: tuple[RunSpec, ...]) -> list[list[RunSpec]]:
    """Runs cut into words: each word is a list of runs (a word may change style)."""
    words: list[list[RunSpec]] = [[]]
    for run in runs:
        for index, part in enumerate(run.text.split(" ")):
            if index:
                words.append([])
            if part:
                words[-1].append(replace(run, text=part))
    return [w for w in words if w]


def _join(words: list[list[RunSpec]]) -> tuple[RunSpec, ...]:
    out: list[RunSpec] = []
    for index, word in enumerate(words):
        for n, run in enumerate(word):
            text = (" " if index and not n else "") + run.text
            if out and replace(out[-1], text="") == replace(run, text=""):
                out[-1] = replace(out[-1], text=out[-1].text + text)
            else:
                out.append(replace(run, text=text))
    return tuple(out)
