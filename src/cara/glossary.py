"""The programme's termbase: key terms and definitions, for translators and the manual."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cara import yamlfile
from cara.diagnostics import Diagnostics, Location, UserError
from cara.model import Span

PATH = "curriculum/glossary.yml"


@dataclass(frozen=True)
class GlossaryEntry:
    location: Location
    term: Span
    definition: Span


def load_glossary(root: Path, diagnostics: Diagnostics) -> tuple[GlossaryEntry, ...]:
    if not (root / PATH).exists():
        return ()
    try:
        data = yamlfile.load(root, PATH)
    except UserError as exc:
        diagnostics.extend(exc.diagnostics)
        return ()
    if not isinstance(data, list):
        diagnostics.error(Location(PATH, 1), "the glossary must be a list of "
                          "{term: ..., definition: ...}", "glossary.type")
        return ()
    entries = []
    seen: dict[str, Location] = {}
    for item in data:
        f = yamlfile.Fields(item, PATH, diagnostics, "glossary entry")
        f.unknown(("term", "definition"))
        term = f.str("term") or ""
        key = term.casefold()
        if key in seen:
            diagnostics.error(f.loc("term"), f"term {term!r} is already defined at "
                              f"{seen[key]}", "glossary.duplicate")
            continue
        seen[key] = f.loc("term")
        entries.append(GlossaryEntry(f.loc(), Span(f.loc("term"), term),
                                     Span(f.loc("definition"), f.str("definition") or "")))
    return tuple(sorted(entries, key=lambda e: str(e.term.text).casefold()))
