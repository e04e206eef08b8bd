"""Message contexts: the one definition shared by extraction and lookup.

A segment's msgctxt names where it lives (a module id, `programme`, `track:ID`, ...);
a participant-facing segment in a language with gendered address gets one entry per value
of the address axis, with context `CTX|axis=value`.
"""

from __future__ import annotations

PROGRAMME = "programme"
GLOSSARY = "glossary"
SERVICES = "services"


def module(module_id: str) -> str:
    return module_id


def track(track_id: str) -> str:
    return f"track:{track_id}"


def partner(partner_id: str) -> str:
    return f"partner:{partner_id}"


def gendered(context: str, axis: str, value: str) -> str:
    return f"{context}|{axis}={value}"


def split_gendered(context: str) -> tuple[str, str | None]:
    """`mod|gender=female` -> (`mod`, `gender=female`); plain contexts -> (ctx, None)."""
    base, sep, rest = context.partition("|")
    return base, rest if sep else None
