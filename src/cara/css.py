"""CSS text built from data (font names, labels): quoted so it cannot break out."""

from __future__ import annotations

import re

_CSS_SAFE = re.compile(r"[A-Za-z0-9 _.,\-]")


def css_string(text: str) -> str:
    """A quoted CSS string that cannot end the string, the rule or a <style> element."""
    return '"' + "".join(c if _CSS_SAFE.match(c) or ord(c) > 127 else f"\\{ord(c):x} "
                         for c in text) + '"'


def font_stack(families: tuple[str, ...]) -> str:
    """`font-family` value for families in order, ending with the generic sans-serif."""
    return ", ".join([*(css_string(f) for f in families if f != "sans-serif"), "sans-serif"])
