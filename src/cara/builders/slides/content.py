"""Resolved content to slide paragraphs: normalised text, marked fallbacks, safe pictures."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from cara.diagnostics import Location
from cara.model import (
    Block,
    Code,
    Container,
    Emph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rich,
    Services,
    Strong,
    Table,
    Text,
    Variant,
)
from cara.textnorm import clean

from .spec import ParaSpec, PictureSpec, RunSpec

Warn = Callable[[Location, str, str], None]  # location, message, code


class Content:
    """Converts the resolved tree's text into runs and paragraphs for one deck."""

    def __init__(self, warn: Warn, assets: str = "",
                 numeral: Callable[[int], str] | None = None) -> None:
        self.warn = warn
        self.assets = Path(assets) if assets else None
        # Steps numbered in native digits are written out ("١. "): PowerPoint's automatic
        # numbering has no scheme for most of them. None: automatic (Western digits).
        self.numeral = numeral

    def clean(self, text: str, location: Location) -> str:
        """NFC, without control or invalid characters (tabs and newlines kept); warns."""
        parts = [clean(part) for part in text.split("\t")]
        out = "\t".join(part for part, _ in parts)
        if any(changed for _, changed in parts):
            removed = sorted({c for c in text if c not in "\t\n" and clean(c)[1]})
            names = ", ".join(f"U+{ord(c):04X}" for c in removed)
            self.warn(location, f"removed control or invalid characters ({names}) from slide "
                      "text; delete them from the source or translation", "slides.control")
        return out

    def runs(self, value: Rich | str, location: Location, bold: bool = False,
             italic: bool = False) -> tuple[list[RunSpec], list[PictureSpec]]:
        """Runs of one text (a fallback gets its language and a marker) and its pictures."""
        if isinstance(value, str):
            text = self.clean(value, location)
            return ([RunSpec(text, bold, italic)] if text else []), []
        pictures: list[PictureSpec] = []
        runs = self._inline(value.nodes, location, bold, italic, None, value.lang, pictures)
        if value.lang and any(r.text.strip() for r in runs):
            runs.append(RunSpec(f" [{value.lang.upper()}]", True, False, value.lang, "marker",
                                scale=0.7))
        return runs, pictures

    def _inline(self, nodes: tuple[Inline, ...], location: Location, bold: bool, italic: bool,
                href: str | None, lang: str | None,
                pictures: list[PictureSpec]) -> list[RunSpec]:
        out: list[RunSpec] = []
        tone = "link" if href else None
        for node in nodes:
            if isinstance(node, Text | Code):
                text = self.clean(node.text, location)
                if text:
                    out.append(RunSpec(text, bold, italic, lang, tone, href))
            elif isinstance(node, Strong):
                out += self._inline(node.children, location, True, italic, href, lang, pictures)
            elif isinstance(node, Emph):
                out += self._inline(node.children, location, bold, True, href, lang, pictures)
            elif isinstance(node, Link):
                out += self._inline(node.children, location, bold, italic, node.href, lang,
                                    pictures)
            elif isinstance(node, Variant):
                out += self._inline(node.children, location, bold, italic, href, lang, pictures)
            elif isinstance(node, LineBreak):
                out.append(RunSpec("\n", bold, italic, lang))
            elif isinstance(node, Image):
                picture = self.picture(node, location)
                if picture:
                    pictures.append(picture)
        return out

    def picture(self, node: Image, location: Location) -> PictureSpec | None:
        """The image file, only if it lies inside the project's asset folder."""
        if self.assets is None:
            return None
        path = (self.assets.parent / node.src).resolve()
        if not path.is_relative_to(self.assets.resolve()) or not path.is_file():
            self.warn(location, f"image {node.src!r} not found in the asset folder; left out",
                      "slides.image")
            return None
        return PictureSpec(str(path), unicodedata.normalize("NFC", clean(node.alt)[0]))

    def paras(self, blocks: tuple[Block, ...], location: Location, level: int = 0,
              italic: bool = False) -> tuple[list[ParaSpec], list[PictureSpec]]:
        """Paragraphs of a sequence of blocks; lists become bullets or numbered steps."""
        out: list[ParaSpec] = []
        pictures: list[PictureSpec] = []

        def add(value: Rich | str, kind: str = "plain", number: int | None = None,
                bold: bool = False, lvl: int = level, where: Location = location) -> None:
            runs, pics = self.runs(value, where, bold, italic)
            pictures.extend(pics)
            if any(r.text.strip() for r in runs):
                out.append(ParaSpec(tuple(runs), kind, lvl, number))

        for block in blocks:
            if isinstance(block, Paragraph):
                add(block.text, "cont" if level else "plain")
            elif isinstance(block, Heading):
                add(block.text, bold=True)
            elif isinstance(block, ListBlock):
                for n, item in enumerate(block.items, start=block.start):
                    first = True
                    for child in item.children:
                        if isinstance(child, Paragraph | Heading) and first:
                            kind = "number" if block.ordered else "bullet"
                            add(child.text, kind, n if block.ordered else None)
                            if block.ordered and self.numeral and out:
                                out[-1] = ParaSpec((RunSpec(f"{self.numeral(n)}. "),
                                                    *out[-1].runs), "plain", level, n)
                            first = False
                        else:
                            sub, pics = self.paras((child,), location, level + 1, italic)
                            out.extend(sub)
                            pictures.extend(pics)
            elif isinstance(block, Quote):
                sub, pics = self.paras(block.children, location, level, True)
                out.extend(sub)
                pictures.extend(pics)
            elif isinstance(block, Table):
                for row, bold in ((block.header, True), *((r, False) for r in block.rows)):
                    runs: list[RunSpec] = []
                    for index, cell in enumerate(row):
                        if index:
                            runs.append(RunSpec(" – ", bold, italic))
                        runs += self.runs(cell.text, cell.location, bold, italic)[0]
                    if any(r.text.strip() for r in runs):
                        out.append(ParaSpec(tuple(runs)))
            elif isinstance(block, Services):
                out += self.services(block)
            elif isinstance(block, Container) and block.kind not in (
                    "notes", "facilitator-only", "handout", "activity"):
                sub, pics = self.paras(block.children, block.location, level, italic)
                out.extend(sub)
                pictures.extend(pics)
        return out, pictures

    def services(self, block: Services) -> list[ParaSpec]:
        """One paragraph per service: its name, then phone and web address."""
        out: list[ParaSpec] = []
        for entry in block.entries:
            runs = self.runs(entry.name, entry.location, bold=True)[0]
            contact = [RunSpec(self.clean(entry.phone, entry.location))] if entry.phone else []
            if entry.web:
                web = self.clean(entry.web, entry.location)
                if contact:
                    contact.append(RunSpec("  ·  "))
                contact.append(RunSpec(web.removeprefix("https://"), tone="link", href=web))
            if contact:
                runs += [RunSpec("\n"), *contact]
            out.append(ParaSpec(tuple(runs), "bullet"))
        return out
