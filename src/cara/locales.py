"""Locales as data: script, direction, fonts, digits and gendered address, in one place.

Builders ask this module how to set text in a language; they never decide it themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from cara import yamlfile
from cara.diagnostics import Diagnostics, Location, UserError

# Unicode zero of each CLDR numbering system we can print, and its CSS counter style.
_DIGIT_ZERO = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966",
               "beng": "\u09e6", "guru": "\u0a66", "gujr": "\u0ae6"}
_CSS_COUNTER = {"latn": "decimal", "arab": "arabic-indic", "arabext": "persian",
                "deva": "devanagari", "beng": "bengali", "guru": "gurmukhi",
                "gujr": "gujarati"}


@dataclass(frozen=True)
class LocaleInfo:
    code: str
    name: str  # the language's own name for itself
    english_name: str
    script: str
    direction: str  # "ltr" or "rtl"
    fonts: tuple[str, ...]
    gendered_address: bool
    digits: str  # CLDR numbering system
    region: str  # for lang tags like ur-PK in slides
    font_scale: float  # relative size that makes the script look as large as Latin
    line_height: float  # for running text in print

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def tag(self) -> str:
        """BCP 47 tag with region, e.g. `ur-PK`."""
        return f"{self.code}-{self.region}" if self.region else self.code

    @property
    def css_counter(self) -> str:
        return _CSS_COUNTER[self.digits]

    def number(self, value: int | str) -> str:
        """A number written with this locale's digits."""
        text = str(value)
        zero = _DIGIT_ZERO[self.digits]
        if zero == "0":
            return text
        return "".join(chr(ord(zero) + int(c)) if c.isdigit() and c.isascii() else c
                       for c in text)

    def babel(self) -> Locale:
        return Locale.parse(self.code)


@dataclass(frozen=True)
class Locales:
    source: str
    address_axis: str | None  # the variant axis by which some languages address "you"
    by_code: dict[str, LocaleInfo]

    def __getitem__(self, code: str) -> LocaleInfo:
        return self.by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.by_code)

    @property
    def targets(self) -> tuple[str, ...]:
        """Every locale but the source, in file order."""
        return tuple(c for c in self.by_code if c != self.source)


def load_locales(root: Path, source: str, axes: dict[str, tuple[str, ...]],
                 diagnostics: Diagnostics) -> Locales:
    rel = "locales/locales.yml"
    try:
        data = yamlfile.load(root, rel)
    except UserError as exc:
        diagnostics.extend(exc.diagnostics)
        return Locales(source, None, {})
    f = yamlfile.Fields(data, rel, diagnostics, "locales.yml")
    f.unknown(("address_axis", "locales"))
    axis = f.str("address_axis", required=False)
    if axis is not None and axis not in axes:
        diagnostics.error(f.loc("address_axis"), f"address_axis {axis!r} is not an axis in "
                          "tracks/axes.yml", "locale.address-axis")
        axis = None
    raw = f.raw("locales", {})
    by_code: dict[str, LocaleInfo] = {}
    if not isinstance(raw, dict) or not raw:
        diagnostics.error(f.loc("locales"), "'locales' must map codes to their settings",
                          "locale.none")
        return Locales(source, axis, by_code)
    for code, settings in raw.items():
        info = _locale(str(code), settings, rel, yamlfile.line_of(raw, code), diagnostics)
        if info is not None:
            by_code[info.code] = info
    if source not in by_code:
        diagnostics.error(f.loc("locales"), f"the source locale {source!r} is not listed",
                          "locale.source")
    return Locales(source, axis, by_code)


def _locale(code: str, settings: object, rel: str, line: int,
            diagnostics: Diagnostics) -> LocaleInfo | None:
    try:
        babel = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        diagnostics.error(Location(rel, line), f"unknown locale code {code!r}", "locale.code")
        return None
    f = yamlfile.Fields(settings, rel, diagnostics, f"locale {code}")
    f.unknown(("name", "script", "direction", "fonts", "gendered_address", "digits", "region",
               "font_scale", "line_height"))
    direction = f.str("direction", default=babel.text_direction)
    if direction not in ("ltr", "rtl"):
        diagnostics.error(f.loc("direction"), "direction must be ltr or rtl", "locale.direction")
        direction = "ltr"
    digits = f.str("digits", default=babel.default_numbering_system or "latn")
    if digits not in _DIGIT_ZERO:
        diagnostics.error(f.loc("digits"), f"digits must be one of {', '.join(_DIGIT_ZERO)}",
                          "locale.digits")
        digits = "latn"
    fonts = tuple(name for name, _ in f.strs("fonts", required=True))
    return LocaleInfo(
        code=code,
        name=f.str("name", default=babel.get_display_name(babel) or code) or code,
        english_name=babel.get_display_name("en") or code,
        script=f.str("script", required=True) or "Latn",
        direction=direction,
        fonts=fonts or ("sans-serif",),
        gendered_address=f.bool("gendered_address"),
        digits=digits,
        region=_region(f),
        font_scale=_positive(f, "font_scale", 1.0),
        line_height=_positive(f, "line_height", 1.45),
    )


def _positive(f: yamlfile.Fields, key: str, default: float) -> float:
    value = f.raw(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.5 <= value <= 4:
        f.diagnostics.error(f.loc(key), f"{key} must be a number between 0.5 and 4",
                            "locale.number")
        return default
    return float(value)


def _region(f: yamlfile.Fields) -> str:
    region = f.str("region", default="", required=False) or ""
    if region and not re.fullmatch(r"[A-Z]{2}|\d{3}", region):
        f.diagnostics.error(f.loc("region"), "region must be a two-letter country code such "
                            "as GB or PK", "locale.region")
        return ""
    return region
