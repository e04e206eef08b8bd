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
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from cara.diagnostics import UserError
from cara.locales import LocaleInfo

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True, "pdf_forms": False,
               "custom_metadata": False, "presentational_hints": False}
_CSS_SAFE = re.compile(r"[A-Za-z0-9 _.,\-]")


class RefusedURL(FatalURLFetchingError):
    """A resource outside the allowed set; stops rendering (FatalURLFetchingError is a
    BaseException, so WeasyPrint does not swallow it as a warning)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.url = url
        self.reason = reason


class AssetFetcher(URLFetcher):
    """Fetches only `data:` URLs and regular files inside `assets` (links resolved)."""

    def __init__(self, assets: str | Path | None) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False,
                         fail_on_errors=True)
        self.root = Path(assets).resolve() if assets else None

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
        if parts.netloc not in ("", "localhost") or self.root is None:
            raise RefusedURL(url, "file is not in the asset folder")
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            raise RefusedURL(url, "file not found") from None
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(url, "file is not in the asset folder")
        return path


# ---------------------------------------------------------------- CSS


def css_string(text: str) -> str:
    """A quoted CSS string that cannot end the string, the rule or a <style> element."""
    return '"' + "".join(c if _CSS_SAFE.match(c) or ord(c) > 127 else f"\\{ord(c):x} "
                         for c in text) + '"'


def font_stack(locale: LocaleInfo) -> str:
    return ", ".join([*(css_string(f) for f in locale.fonts if f != "sans-serif"),
                      "sans-serif"])


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


def locale_css(locale: LocaleInfo, size_pt: float) -> str:
    """Fonts, size, line height, direction and digit counters for one locale (the one place)."""
    stack = font_stack(locale)
    size = round(size_pt * locale.font_scale, 2)
    tight = round(max(1.2, 1.2 + (locale.line_height - 1.45) * 0.9), 2)
    counter = locale.css_counter
    tag = css_string(locale.tag)
    extra = "@page { direction: rtl; }\n" if locale.rtl else ""
    if locale.script not in ("Latn", "Cyrl", "Grek"):  # no italic faces: mark emphasis by weight
        extra += "em { font-style: normal; font-weight: 700; }\n"
    return extra + f"""
html, html[lang={tag}], :lang({locale.code}) {{ font-family: {stack}; }}
html {{ font-size: {size}pt; line-height: {locale.line_height}; }}
h1, h2, h3, h4, .tight {{ line-height: {tight}; }}
@page {{ font-family: {stack}; font-size: {round(8 * locale.font_scale, 2)}pt;
        line-height: {tight}; }}
a.page-ref::after {{ content: target-counter(attr(href url), page, {counter}); }}
.toc-list a::after {{ content: leader(dotted) " " target-counter(attr(href url), page, {counter}); }}
ol {{ list-style-type: {counter}; }}
ol ol {{ list-style-type: lower-latin; }}
"""


# ---------------------------------------------------------------- rendering


def w3c_date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def render_pdf(html: str, stylesheets: Sequence[str], *, assets: str | None,
               epoch: int) -> bytes:
    """A tagged, reproducible PDF of one HTML document; a refused URL is a UserError."""
    # WeasyPrint's font subsetting reads it; the CLI normally sets it already.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    fetcher = AssetFetcher(assets)
    try:
        css = [CSS(string=text, url_fetcher=fetcher) for text in stylesheets]
        document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=css,
                                                                   **PDF_OPTIONS)
        meta = document.metadata
        meta.authors, meta.attachments, meta.keywords = [], [], []
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
