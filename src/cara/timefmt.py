"""Clock times and durations written in a locale's digits."""

from __future__ import annotations

from cara.locales import LocaleInfo


def clock(minutes: int, locale: LocaleInfo) -> str:
    """Minutes after midnight as a 24-hour time, e.g. 09:30 (or ۰۹:۳۰)."""
    return locale.number(f"{minutes // 60:02d}:{minutes % 60:02d}")
