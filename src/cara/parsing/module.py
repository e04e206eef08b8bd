"""One module file (YAML front matter + Markdown body) into a `Module`."""

from __future__ import annotations

import re
from collections.abc import Mapping

from cara import yamlfile
from cara.diagnostics import Diagnostics, Location, UserError
from cara.model import Module, Span
from cara.parsing.blocks import BlockReader
from cara.parsing.inline import parse_inline
from cara.parsing.markdown import parser

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FRONT_MATTER_KEYS = ("id", "title", "duration", "objectives", "materials", "safety_critical")


def parse_module(
    text: str,
    path: str,
    workshop: str,
    axes: Mapping[str, tuple[str, ...]],
    diagnostics: Diagnostics,
) -> Module | None:
    """Parse a module; problems go to `diagnostics`. Returns None if it cannot be used."""
    tokens = parser().parse(text)
    lines = text.splitlines()
    if not tokens or tokens[0].type != "front_matter":
        diagnostics.error(Location(path, 1), "module has no front matter; start the file with "
                          "'---', then id, title and duration, then '---'", "module.front-matter")
        return None
    front = tokens[0]
    try:
        meta = yamlfile.loads(front.content, path, first_line=2)
    except UserError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
    if not isinstance(meta, dict):
        diagnostics.error(Location(path, 2), "front matter must be a mapping of keys to values",
                          "module.front-matter")
        return None

    def where(key: str) -> Location:
        return Location(path, yamlfile.line_of(meta, key) or 1)

    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            diagnostics.warning(where(key), f"unknown front matter key {key!r} "
                                f"(known: {', '.join(FRONT_MATTER_KEYS)})", "module.unknown-key")
    module_id = meta.get("id")
    if not isinstance(module_id, str) or not ID.match(module_id):
        diagnostics.error(where("id") if "id" in meta else Location(path, 1),
                          "module needs an id of lowercase letters, digits and hyphens",
                          "module.id")
        return None
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        diagnostics.error(where("title") if "title" in meta else Location(path, 1),
                          "module needs a title", "module.title")
        title = module_id
    duration = meta.get("duration")
    if not isinstance(duration, int) or isinstance(duration, bool) or duration <= 0:
        diagnostics.error(where("duration") if "duration" in meta else Location(path, 1),
                          "module needs a duration in whole minutes above 0", "module.duration")
        duration = 0

    spans = {key: _spans(meta, key, path, axes, diagnostics) for key in ("objectives",
                                                                          "materials")}
    title_span = Span(where("title"), title.strip())
    _check_inline(title_span, axes, diagnostics)
    safety = meta.get("safety_critical", False)
    if not isinstance(safety, bool):
        diagnostics.error(where("safety_critical"), "safety_critical must be true or false",
                          "module.safety")
        safety = False
    reader = BlockReader(path, lines, axes, diagnostics)
    blocks = reader.read(tokens[1:])
    return Module(
        id=module_id,
        path=path,
        location=Location(path, 1),
        title=title_span,
        duration=duration,
        objectives=spans["objectives"],
        materials=spans["materials"],
        blocks=blocks,
        workshop=workshop,
        safety_critical=safety,
    )


def _spans(
    meta: dict, key: str, path: str, axes: Mapping[str, tuple[str, ...]],
    diagnostics: Diagnostics,
) -> tuple[Span, ...]:
    value = meta.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        diagnostics.error(Location(path, yamlfile.line_of(meta, key)),
                          f"{key} must be a list of short texts", f"module.{key}")
        return ()
    spans = tuple(Span(Location(path, yamlfile.line_of(value, i) or yamlfile.line_of(meta, key)),
                       str(v).strip()) for i, v in enumerate(value))
    for span in spans:
        _check_inline(span, axes, diagnostics)
    return spans


def _check_inline(span: Span, axes: Mapping[str, tuple[str, ...]],
                  diagnostics: Diagnostics) -> None:
    _, problems = parse_inline(str(span.text), axes)
    for problem in problems:
        diagnostics.error(span.location, problem.message, problem.code)
