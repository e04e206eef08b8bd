"""HTML to PDF through WeasyPrint: a safe URL fetcher, per-locale CSS, fixed metadata.

WeasyPrint's default fetcher reads any local file or URL (and `<link rel=attachment>`
embeds it), so every document uses `AssetFetcher`: `data:` URLs and files inside the
project's asset folder only, never the network. Output is tagged PDF/UA-1, and the same
input gives the same bytes (dates from the build epoch, identifier from the content).
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from cara.builders.base import Builder
from cara.builders.html import HtmlWriter
from cara.css import css_string
from cara.css import font_stack as css_stack
from cara.diagnostics import UserError
from cara.fonts import upright_faces
from cara.i18n.lookup import interpolate
from cara.locales import LocaleInfo
from cara.model import Block, Heading, Services
from cara.resolved import ResolvedWorkshop
from cara.timefmt import clock

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True, "pdf_forms": False,
               "custom_metadata": False, "presentational_hints": False}
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_ACCENT = "#17405c"


class RefusedURL(FatalURLFetchingError):
    """A resource outside the allowed set; stops rendering (FatalURLFetchingError is a
    BaseException, so WeasyPrint does not swallow it as a warning)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.url = url
        self.reason = reason


class AssetFetcher(URLFetcher):
    """Fetches only `data:` URLs and regular files inside `assets` (links resolved), plus
    the exact system font files our own CSS names (see `FontFix`)."""

    def __init__(self, assets: str | Path | None, fonts: Iterable[Path] = ()) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False,
                         fail_on_errors=True)
        self.root = Path(assets).resolve() if assets else None
        self.fonts = frozenset(Path(f).resolve() for f in fonts)  # exact system font files

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise RefusedURL(url, "only data: URLs and files in the asset folder may be "
                             "embedded (no network)")
        path = self.allowed_path(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    def allowed_path(self, url: str) -> Path:
        """The real path of a file: URL, if it lies inside the asset folder; else refused."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(url, "file is not in the asset folder")
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            raise RefusedURL(url, "file not found") from None
        if path in self.fonts:
            return path
        if self.root is None or not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(url, "file is not in the asset folder")
        return path


# ---------------------------------------------------------------- CSS


@dataclass(frozen=True)
class FontFix:
    """A family whose Regular and Bold files claim the same weight (Debian's Noto Nastaliq
    Urdu does): fontconfig may then set body text in Bold. We load both files under an
    alias with their real weights instead."""

    family: str
    alias: str
    regular: tuple[str, str]  # (file, PostScript name)
    bold: tuple[str, str]


@cache
def font_fix(family: str) -> FontFix | None:
    """The fix a family needs on this system, if any (asks fontconfig once per process)."""
    faces = {style: (file, weight, ps) for file, style, weight, ps in upright_faces(family)}
    regular, bold = faces.get("Regular"), faces.get("Bold")
    if not regular or not bold or regular[1] != bold[1] or not regular[2] or not bold[2]:
        return None
    return FontFix(family, f"cara {family}", (regular[0], regular[2]), (bold[0], bold[2]))


def font_files(locale: LocaleInfo) -> list[Path]:
    """System font files the locale's CSS loads by name (allowed by the fetcher)."""
    fixes = [f for f in map(font_fix, locale.fonts) if f]
    return [Path(p) for fix in fixes for p in (fix.regular[0], fix.bold[0])]


def font_stack(locale: LocaleInfo) -> str:
    """The locale's families, in its order (aliases where a FontFix applies)."""
    return css_stack(tuple(fix.alias if (fix := font_fix(f)) else f for f in locale.fonts))


def font_faces_css(locale: LocaleInfo) -> str:
    """@font-face rules loading each FontFix family's files with their real weights."""
    rules = []
    for fix in filter(None, map(font_fix, locale.fonts)):
        for (_, ps), weight in ((fix.regular, 400), (fix.bold, 700)):
            rules.append(f"@font-face {{ font-family: {css_string(fix.alias)}; "
                         f"src: local({css_string(ps)}); font-weight: {weight}; }}")
    return "\n".join(rules) + "\n"


def page_counter(label: str, style: str) -> str:
    """`content` for a translated "Page %(page)s of %(pages)s", with the locale's digits."""
    out = []
    for piece in re.split(r"(%\((?:page|pages)\)s)", label):
        if piece == "%(page)s":
            out.append(f"counter(page, {style})")
        elif piece == "%(pages)s":
            out.append(f"counter(pages, {style})")
        elif piece:
            out.append(css_string(piece.replace("%%", "%")))
    return " ".join(out) or '""'


def locale_css(locale: LocaleInfo, size_pt: float, source: LocaleInfo | None = None) -> str:
    """Fonts, size, line height, direction and digit counters for one locale (the one place).

    Untranslated segments (`.fallback`, with their own `lang`) take the source locale's
    fonts; without its LocaleInfo, `sans-serif` lets fontconfig choose by their `lang`."""
    stack = font_stack(locale)
    fallback = font_stack(source) if source else "sans-serif"
    size = round(size_pt * locale.font_scale, 2)
    tight = round(max(1.2, 1.2 + (locale.line_height - 1.45) * 0.9), 2)
    counter = locale.css_counter
    tag = css_string(locale.tag)
    extra = font_faces_css(locale)
    extra += "@page { direction: rtl; }\n" if locale.rtl else ""
    if locale.script not in ("Latn", "Cyrl", "Grek"):  # no italic faces: mark emphasis by weight
        extra += "em { font-style: normal; font-weight: 700; }\n"
    return extra + f"""
html, html[lang={tag}], :lang({locale.code}) {{ font-family: {stack}; }}
.fallback {{ font-family: {fallback}; }}
li > .fallback {{ text-align: {"right" if locale.rtl else "left"}; }}
html {{ font-size: {size}pt; line-height: {locale.line_height}; }}
h1, h2, h3, h4, .tight {{ line-height: {tight}; }}
@page {{ font-family: {stack}; font-size: {round(size_pt * 0.76 * locale.font_scale, 1)}pt;
        line-height: {tight}; }}
a.page-ref::after {{ content: target-counter(attr(href url), page, {counter}); }}
.toc-list a::after {{ content: leader(dotted) " "
                               target-counter(attr(href url), page, {counter}); }}
ol {{ list-style-type: {counter}; }}
ol ol {{ list-style-type: lower-latin; }}
"""


# ---------------------------------------------------------------- rendering


def w3c_date(epoch: int) -> str:
    """The build date as WeasyPrint's metadata wants it (W3C date-time, UTC)."""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def render_pdf(html: str, stylesheets: Sequence[str], *, assets: str | None,
               epoch: int, fonts: Iterable[Path] = ()) -> bytes:
    """A tagged, reproducible PDF of one HTML document; a refused URL is a UserError."""
    # WeasyPrint's font subsetting reads it; the CLI normally sets it already.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    fetcher = AssetFetcher(assets, fonts)
    try:
        fonts_config = FontConfiguration()  # needed for @font-face in our stylesheets
        css = [CSS(string=text, url_fetcher=fetcher, font_config=fonts_config)
               for text in stylesheets]
        document = HTML(string=html, url_fetcher=fetcher).render(
            stylesheets=css, font_config=fonts_config, **PDF_OPTIONS)
        meta = document.metadata
        if meta.attachments:  # `<link rel=attachment>`: never produced by our templates
            raise UserError("cannot build PDF: the document asks to attach files")
        meta.authors, meta.keywords = [], []
        meta.generator = "cara"
        meta.created = meta.modified = w3c_date(epoch)
        return document.write_pdf(**PDF_OPTIONS)
    except RefusedURL as exc:
        raise UserError(f"cannot build PDF: refused to load {exc.url!r} ({exc.reason})") from None


class WarningLog(logging.Handler):
    """Collects WeasyPrint's warnings (tests use it to keep the CSS clean)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# ---------------------------------------------------------------- builders


@cache
def environment() -> Environment:
    """Jinja2 for cara's templates: autoescaped; UI strings come in as plain functions."""
    env = Environment(loader=PackageLoader("cara", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = lambda value: Markup(css_string(str(value)))
    env.filters["css_lines"] = lambda lines: Markup(css_string("\n".join(map(str, lines))))
    env.filters["page_counter"] = lambda label, style: Markup(page_counter(str(label), style))
    env.filters["format"] = interpolate
    env.tests["services"] = lambda block: isinstance(block, Services)
    return env


@cache
def stylesheet(name: str) -> str:
    """A CSS file of the templates folder."""
    return resources.files("cara").joinpath("templates", name).read_text("utf-8")


def luminance(colour: str) -> float:
    """WCAG relative luminance of #RRGGBB."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def partner_colours(colour: str) -> dict[str, str]:
    """The partner's colour (checked) and a text colour on it with at least 4.5:1 contrast."""
    accent = colour if _COLOUR.match(colour or "") else DEFAULT_ACCENT
    white = 1.05 / (luminance(accent) + 0.05)
    return {"accent": accent, "on_accent": "#ffffff" if white >= 4.5 else "#1b1f24"}


def split_title(blocks: tuple[Block, ...]) -> tuple[Heading | None, tuple[Block, ...]]:
    """A box's leading heading (its title) and the rest."""
    if blocks and isinstance(blocks[0], Heading):
        return blocks[0], blocks[1:]
    return None, blocks


class PdfBuilder(Builder):
    """A PDF from a Jinja template: hooks give the template's context and block drawing."""

    extension = "pdf"
    inputs: ClassVar[tuple[str, ...]] = (
        "pdf.py", "builders/html.py", "builders/handouts.py", "timefmt.py", "templates")
    template: ClassVar[str]
    blocks_template: ClassVar[str]  # defines `container(block)`, the writer's hook
    stylesheets: ClassVar[tuple[str, ...]] = ("print.css",)
    size_pt: ClassVar[float] = 10.5  # body text size for Latin script

    def context(self, workshop: ResolvedWorkshop) -> dict[str, Any]:
        """What this document's template needs beyond the shared context."""
        return {}

    def html(self, workshop: ResolvedWorkshop) -> str:
        """The document as HTML (what WeasyPrint renders; tests read it)."""
        locale = workshop.locale
        assets = Path(workshop.assets) if workshop.assets else None
        writer = HtmlWriter(
            locale, workshop.ui.gettext, source=workshop.source_info,
            asset_url=(lambda src: (assets / src.removeprefix("assets/")).as_uri())
            if assets else None)
        context: dict[str, Any] = {
            "workshop": workshop, "locale": locale, "w": writer,
            "_": workshop.ui.gettext, "gettext": workshop.ui.gettext,
            "ngettext": workshop.ui.ngettext, "num": locale.number,
            "clock": lambda minutes: clock(minutes, locale),
            "partner_colours": partner_colours, "split_title": split_title,
            "header": f"{workshop.programme_title.plain()}: {workshop.title.plain()}",
        }
        context.update(self.context(workshop))
        env = environment()
        writer.hook = env.get_template(self.blocks_template).make_module(context).container
        return env.get_template(self.template).render(context)

    def css(self, workshop: ResolvedWorkshop) -> list[str]:
        return [stylesheet(name) for name in self.stylesheets] + [
            locale_css(workshop.locale, self.size_pt, workshop.source_info)]

    def prepare(self, workshop: ResolvedWorkshop) -> tuple[str, list[str]]:
        return self.html(workshop), self.css(workshop)

    def render_prepared(self, workshop: ResolvedWorkshop, prepared: object) -> bytes:
        html, css = prepared  # type: ignore[misc]
        return render_pdf(html, css, assets=workshop.assets, epoch=workshop.epoch,
                          fonts=font_files(workshop.locale))
