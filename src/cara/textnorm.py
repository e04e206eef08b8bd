"""Text normalisation for every segment that reaches an output: NFC, no control characters.

Outputs can't hold control characters (PPTX writes BEL as `_x0007_`, XML forbids most C0
controls, lone surrogates break saving), and bidi overrides can disguise text.
"""

from __future__ import annotations

import re
import unicodedata

_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                  "\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> tuple[str, bool]:
    """The text in NFC without control characters; True if anything was removed."""
    stripped = _BAD.sub("", text.replace("\t", " "))
    return unicodedata.normalize("NFC", stripped), stripped != text.replace("\t", " ")
