"""Parser fixtures: tests/fixtures/*.md hold cases of `# title`, input, `.`, expected dump.

Each case's input is a module body (front matter is added); the expected dump lists every
block with its kind, parameters, condition and source line, then any diagnostics.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cara.diagnostics import Diagnostics
from cara.parsing import parse_module
from treedump import dump

FIXTURES = Path(__file__).parent / "fixtures"
AXES = {"gender": ("male", "female"), "relationship": ("intimate", "familial"),
        "age": ("adult", "youth")}
FRONT = "---\nid: m\ntitle: M\nduration: 10\n---\n"  # body starts on line 6


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    cases = []
    for chunk in ("\n" + path.read_text(encoding="utf-8")).split("\n# ")[1:]:
        title, rest = chunk.split("\n", 1)
        source, expected = rest.split("\n.\n", 1)
        cases.append((title.strip(), source.strip("\n") + "\n", expected.strip("\n")))
    return cases


CASES = [(f"{p.stem}: {title}", source, expected)
         for p in sorted(FIXTURES.glob("*.md")) for title, source, expected in read_cases(p)]


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fixture(name: str, source: str, expected: str) -> None:
    diagnostics = Diagnostics()
    module = parse_module(FRONT + source, "m.md", "w", AXES, diagnostics)
    assert module is not None
    lines = dump(module.blocks) + [str(d) for d in diagnostics.sorted()]
    assert "\n".join(lines) == expected
