"""Participant handouts PDF: every handout of the day and the local support services.

Only participant-facing content: facilitator-only, notes and slide blocks are never drawn,
even when nested inside a handout. Large clear type; `write` blocks become ruled lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cara.model import Block, Container, Heading, ListBlock, Quote
from cara.pdf import PdfBuilder, split_title
from cara.resolved import ResolvedWorkshop

# Kinds whose content participants must never receive, wherever they are nested.
FACILITATOR_KINDS = frozenset({"facilitator-only", "notes", "slide"})


@dataclass(frozen=True)
class Handout:
    """One handout found in a module: its anchor, title heading and remaining blocks."""

    number: int
    anchor: str
    ident: str
    module: str
    block: Container
    title: Heading | None
    body: tuple[Block, ...]


def find_handouts(workshop: ResolvedWorkshop) -> list[Handout]:
    """Every handout in the modules' blocks, in reading order (none from facilitator-only
    or notes blocks)."""
    found: list[tuple[str, Container]] = []

    def walk(blocks: Iterable[Block], module: str) -> None:
        for block in blocks:
            if isinstance(block, Container):
                if block.kind == "handout":
                    found.append((module, block))
                elif block.kind not in FACILITATOR_KINDS:
                    walk(block.children, module)
            elif isinstance(block, Quote):
                walk(block.children, module)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item.children, module)

    for module in workshop.modules:
        walk(module.blocks, module.id)
    out = []
    for number, (module, block) in enumerate(found, start=1):
        title, body = split_title(block.children)
        out.append(Handout(number, f"handout-{number}", block.param("id") or "", module,
                           block, title, body))
    return out


class HandoutsBuilder(PdfBuilder):
    name = "handouts"
    template = "handouts.html"
    blocks_template = "handouts_blocks.html"
    stylesheets = ("print.css", "handouts.css")
    size_pt = 12.5
    large_print = False

    def context(self, workshop: ResolvedWorkshop) -> dict[str, Any]:
        return {"handouts": find_handouts(workshop), "large_print": self.large_print,
                "facilitator_kinds": FACILITATOR_KINDS}


class LargeHandoutsBuilder(HandoutsBuilder):
    """The large-print variant: body text at 17pt."""

    name = "handouts-large"
    size_pt = 17.0
    large_print = True
