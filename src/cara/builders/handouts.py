"""Participant handouts PDF: every handout of the day and the local support services.

Only participant-facing content: facilitator-only, notes and slide blocks are never drawn,
even when nested inside a handout. Large clear type; `write` blocks become ruled lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cara.model import Block, Container, Heading
from cara.pdf import PdfBuilder, split_title
from cara.resolved import FACILITATOR_KINDS, ResolvedWorkshop, handouts_in


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
    found = [(module.id, block) for module in workshop.modules
             for block in handouts_in(module.blocks)]
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
