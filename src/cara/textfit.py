"""Measure text with the real font files (HarfBuzz) to choose a type size that fits a box.

Line model (measured with LibreOffice 7.4 and written by the slides builder as exact
points): a line is `1.2 x size x spacing` points high; a paragraph adds its space-before
(except the first in a box). Widths come from shaping each word with the fonts the locale
lists, falling back per character in list order, as LibreOffice does for missing glyphs.
Word widths are cached in em, so trying another size is arithmetic only.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import uharfbuzz as hb

from cara.fonts import default_file, font_file

LINE = 1.2  # line pitch at single spacing, in em (LibreOffice's, for every font)
BELOW = 0.25  # em of a line below its baseline; deeper descenders (Nastaliq) need room
SAFETY = 0.98  # share of the measured width we allow a line to fill
_STYLES = ("Regular", "Bold", "Italic", "Bold Italic")


@dataclass(frozen=True)
class Piece:
    """A stretch of text in one style; `scale` is relative to the paragraph's size."""

    text: str
    bold: bool = False
    italic: bool = False
    scale: float = 1.0
    family: str | None = None  # tried before the locale's others (see `Fonts.segments`)


@dataclass(frozen=True)
class Para:
    """A paragraph: its pieces, left (start) indent and space before, both in em."""

    pieces: tuple[Piece, ...]
    indent: float = 0.0
    space_before: float = 0.0


@dataclass(frozen=True)
class Box:
    """The area text may fill, in points, inside the insets."""

    width: float
    height: float


class FontsMissing(RuntimeError):
    """None of a locale's font families is installed."""


class _Face:
    """One font file: HarfBuzz font, units per em and a glyph coverage test."""

    def __init__(self, path: str) -> None:
        face = hb.Face(hb.Blob.from_file_path(path))
        self.font = hb.Font(face)
        self.upem = face.upem
        self.descent = -self.font.get_font_extents("ltr").descender / self.upem
        self._has: dict[str, bool] = {}

    def has(self, char: str) -> bool:
        found = self._has.get(char)
        if found is None:
            found = self._has[char] = self.font.get_nominal_glyph(ord(char)) is not None
        return found

    def advance(self, text: str) -> float:
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self.font, buf)
        return sum(p.x_advance for p in buf.glyph_positions) / self.upem


@cache
def _face(path: str) -> _Face:
    return _Face(path)


def _sticky(char: str) -> bool:
    """Characters that take the font of what precedes them (marks, joiners, spaces)."""
    return char.isspace() or unicodedata.category(char) in ("Mn", "Me", "Cf")


class Fonts:
    """A locale's font families in order of preference, as shaping faces per style."""

    def __init__(self, families: Sequence[str]) -> None:
        found = [f for f in families if font_file(f)]
        if not found:
            raise FontsMissing(f"none of the fonts {', '.join(families)} is installed "
                               "(Debian: fonts-noto-core)")
        self.families = tuple(found)
        self._chains = {style: [_face(font_file(f, style) or font_file(f) or "")
                                for f in self.families] for style in _STYLES}
        last = default_file()  # what fontconfig substitutes when no listed font has a glyph
        if last:
            for chain in self._chains.values():
                chain.append(_face(last))
        # The per-word cache grows with the vocabulary of the decks built in this process.
        self.descent = self._chains["Regular"][0].descent  # of the first family, in em
        self._widths: dict[tuple[str, str, str], float] = {}
        self._covering: dict[str, str | None] = {}

    def family_for(self, text: str) -> str | None:
        """The first family with a glyph for every visible character of `text`, if any."""
        if text in self._covering:
            return self._covering[text]
        found = None
        for family, face in zip(self.families, self._chains["Regular"], strict=False):
            if all(face.has(c) for c in text if not _sticky(c)):
                found = family
                break
        self._covering[text] = found
        return found

    def segments(self, text: str, family: str | None = None,
                 style: str = "Regular") -> list[tuple[int, str]]:
        """`text` cut into (face index, text) stretches: each character stays in the current
        face if it has a glyph (marks, joiners and spaces always do), else goes to the first
        face that has one. `family` is tried first. Index `len(families)` is fontconfig's
        default face (no listed family has the glyph)."""
        chain = self._chains[style]
        order = list(range(len(chain)))
        if family in self.families:
            first = self.families.index(family)
            order.remove(first)
            order.insert(0, first)
        out: list[tuple[int, str]] = []
        current: int | None = None
        for char in text:
            if current is None or not (_sticky(char) or chain[current].has(char)):
                found = next((i for i in order if chain[i].has(char)), order[0])
                if found != current:
                    out.append((found, ""))
                    current = found
            out[-1] = (out[-1][0], out[-1][1] + char)
        return out

    def family_of(self, index: int) -> str:
        """The family to name for a face index (the first family for the default face)."""
        return self.families[index] if index < len(self.families) else self.families[0]

    def width(self, text: str, bold: bool = False, italic: bool = False,
              family: str | None = None) -> float:
        """Advance width of `text` in em, shaped stretch by stretch (see `segments`)."""
        style = _STYLES[bold + 2 * italic]
        key = (style, family or "", text)
        cached = self._widths.get(key)
        if cached is None:
            chain = self._chains[style]
            cached = self._widths[key] = sum(chain[i].advance(part)
                                             for i, part in self.segments(text, family, style))
        return cached


@lru_cache(maxsize=64)
def fonts_for(families: tuple[str, ...]) -> Fonts:
    """Shared `Fonts` per family list (fonts and word widths live as long as the process)."""
    return Fonts(families)


# A token is a word (in em at scale 1), the space before it (em) and whether a line break
# forces it onto a new line.
Token = tuple[float, float, bool]
_BREAKS = re.compile(r"( |\n)")


class Measure:
    """Wraps paragraphs by words and adds up line heights for one font list and spacing."""

    def __init__(self, fonts: Fonts, spacing: float = 1.0) -> None:
        self.fonts = fonts
        self.spacing = spacing
        self.tail = max(0.0, fonts.descent - BELOW)  # em below the last line's box
        self._tokens: dict[Para, list[Token]] = {}

    def pitch(self, size: float) -> float:
        """Line height in points at `size`."""
        return LINE * self.spacing * size

    def tokens(self, para: Para) -> list[Token]:
        found = self._tokens.get(para)
        if found is None:
            found = self._tokens[para] = self._tokenise(para)
        return found

    def _tokenise(self, para: Para) -> list[Token]:
        out: list[Token] = []
        word, space, forced, started = 0.0, 0.0, False, False
        next_space, next_forced = 0.0, False
        for piece in para.pieces:
            for part in _BREAKS.split(piece.text):
                if part in (" ", "\n") or not part:
                    if started:
                        out.append((word, space, forced))
                        word, started = 0.0, False
                    if part == "\n":
                        next_space, next_forced = 0.0, True
                    elif part == " " and not next_forced:
                        next_space = self.fonts.width(" ", piece.bold, piece.italic,
                                                      piece.family) * piece.scale
                    continue
                if not started:
                    space, forced, started = next_space, next_forced, True
                    next_space, next_forced = 0.0, False
                word += self.fonts.width(part, piece.bold, piece.italic,
                                         piece.family) * piece.scale
        if started:
            out.append((word, space, forced))
        return out

    def lines(self, para: Para, width: float, size: float) -> int:
        """How many lines `para` takes in a box `width` points wide at `size` points."""
        avail = max(width * SAFETY / size - para.indent, 0.5)
        count, used = 1, 0.0
        for word, space, forced in self.tokens(para):
            if forced:
                count, used = count + 1, 0.0
            if used and used + space + word <= avail:
                used += space + word
                continue
            if used:
                count += 1
            extra = max(math.ceil(word / avail) - 1, 0)  # a word longer than a line breaks
            count += extra
            used = word - extra * avail
        return count

    def height(self, paras: Sequence[Para], width: float, size: float) -> float:
        """Height in points of `paras` set at `size` in a box `width` points wide."""
        total = self.tail * size if paras else 0.0
        for index, para in enumerate(paras):
            if index:
                total += para.space_before * size
            total += self.lines(para, width, size) * self.pitch(size)
        return total

    def fits(self, paras: Sequence[Para], box: Box, size: float) -> bool:
        return self.height(paras, box.width, size) <= box.height

    def best_size(self, paras: Sequence[Para], box: Box, sizes: Sequence[int]) -> int | None:
        """The largest of `sizes` at which `paras` fit `box`, or None."""
        for size in sorted(sizes, reverse=True):
            if self.fits(paras, box, size):
                return size
        return None

    def pack(self, paras: Sequence[Para], box: Box, size: float) -> list[list[int]]:
        """Indices of `paras` grouped into boxes, in order, each group fitting at `size`.

        A paragraph that alone does not fit gets a group of its own (split it first).
        """
        groups: list[list[int]] = []
        current: list[int] = []
        used = self.tail * size
        for index, para in enumerate(paras):
            own = self.lines(para, box.width, size) * self.pitch(size)
            gap = para.space_before * size if current else 0.0
            if current and used + gap + own > box.height:
                groups.append(current)
                current, used, gap = [], self.tail * size, 0.0
            current.append(index)
            used += gap + own
        if current:
            groups.append(current)
        return groups
