"""Facilitator manual PDF: cover, contents, timetable, modules, glossary, handouts.

Slides are drawn as framed boxes with their speaker notes; facilitator-only guidance is a
shaded, labelled box; handouts appear in full as appendices, referenced from their module.
"""

from __future__ import annotations

from typing import Any

from cara.builders.handouts import Handout, find_handouts
from cara.model import Container
from cara.pdf import PdfBuilder
from cara.resolved import ResolvedWorkshop, slides_with_notes


class ManualBuilder(PdfBuilder):
    name = "manual"
    template = "manual.html"
    blocks_template = "manual_blocks.html"
    stylesheets = ("print.css", "manual.css")
    size_pt = 10.5

    def context(self, workshop: ResolvedWorkshop) -> dict[str, Any]:
        # Keyed by identity: two equal blocks in different places are different slides.
        numbers: dict[int, int] = {}
        notes: dict[int, Container] = {}
        paired: set[int] = set()
        for module in workshop.modules:
            for slide, note in slides_with_notes(module.blocks):
                numbers[id(slide)] = len(numbers) + 1
                if note is not None:
                    notes[id(slide)] = note
                    paired.add(id(note))
        handouts = find_handouts(workshop)
        by_block: dict[int, Handout] = {id(h.block): h for h in handouts}
        return {
            "handouts": handouts,
            "slide_number": lambda block: numbers.get(id(block), 0),
            "notes_for": lambda block: notes.get(id(block)),
            "is_paired_notes": lambda block: id(block) in paired,
            "handout_for": lambda block: by_block.get(id(block)),
        }
