"""Resolved workshop as one Markdown file: for review, diffs and quick reading."""

from __future__ import annotations

import re
from collections.abc import Callable

from cara.builders.base import Builder
from cara.locales import LocaleInfo
from cara.model import (
    Block,
    Code,
    Container,
    Emph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rich,
    Rule,
    Services,
    Strong,
    Table,
    Text,
)
from cara.resolved import ResolvedModule, ResolvedWorkshop
from cara.timefmt import clock

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|])")


def escape(text: str) -> str:
    """Text that Markdown shows as written (its special characters backslash-escaped)."""
    return _SPECIAL.sub(r"\\\1", text)


def inline(nodes: tuple[Inline, ...]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Strong):
            out.append(f"**{inline(node.children)}**")
        elif isinstance(node, Emph):
            out.append(f"*{inline(node.children)}*")
        elif isinstance(node, Code):
            out.append(f"`{node.text}`")
        elif isinstance(node, Link):
            out.append(f"[{inline(node.children)}]({node.href})")
        elif isinstance(node, Image):
            alt = escape(node.alt)
            out.append(f"![{alt}]({node.src})")
        elif isinstance(node, LineBreak):
            out.append("\\\n")
    return "".join(out)


def rich(value: object) -> str:
    assert isinstance(value, Rich)
    text = inline(value.nodes)
    return f"{text} *[{value.lang}]*" if value.lang else text


class MarkdownBuilder(Builder):
    name = "markdown"
    extension = "md"

    def render_prepared(self, workshop: ResolvedWorkshop, prepared: object) -> bytes:
        loc = workshop.locale
        _ = workshop.ui.gettext
        lines = [
            f"# {rich(workshop.programme_title)}: {rich(workshop.title)}",
            "",
            f"- {_('Track')}: {rich(workshop.track_title)}",
            f"- {_('Language')}: {loc.name} ({loc.code}, {loc.direction})",
            f"- {_('Version')}: {workshop.version}",
        ]
        if workshop.partner:
            lines.append(f"- {rich(workshop.partner.name)}: {rich(workshop.partner.branding)}")
        if workshop.counts.fallback:
            note = _("Text not yet translated is shown in the source language and marked "
                     "with its language code.")
            lines.append(f"- {note} ({loc.number(workshop.counts.fallback)})")
        if workshop.unreviewed:
            note = _("Draft translation: this document contains text that has not been "
                     "reviewed.")
            lines.append(f"- {note} ({loc.number(workshop.counts.unreviewed)})")
        lines += ["", f"## {_('Timetable')}", "", f"| {_('Time')} | {_('Session')} |",
                  "|---|---|"]
        for entry in workshop.schedule:
            lines.append(f"| {clock(entry.start, loc)}–{clock(entry.end, loc)} | "
                         f"{rich(entry.title)} |")
        for module in workshop.modules:
            lines += ["", *render_module(module, loc, _)]
        return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def render_module(module: ResolvedModule, loc: LocaleInfo,
                  _: Callable[[str], str] = str) -> list[str]:
    lines = [f"## {rich(module.title)}", "",
             f"*{clock(module.start, loc)}–{clock(module.end, loc)}, "
             f"{module.duration} min* ({module.path})", ""]
    if module.objectives:
        lines += [_("Objectives") + ":", ""] + [f"- {rich(o)}" for o in module.objectives] + [
            ""]
    if module.materials:
        lines += [_("Materials") + ": " + ", ".join(rich(m) for m in module.materials), ""]
    return lines + _blocks(module.blocks, 3)


def _blocks(blocks: tuple[Block, ...], depth: int) -> list[str]:
    out: list[str] = []
    for block in blocks:
        out += _block(block, depth)
    return out


def _block(block: Block, depth: int) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * min(6, max(block.level, depth))} {rich(block.text)}", ""]
    if isinstance(block, Paragraph):
        return [rich(block.text), ""]
    if isinstance(block, ListBlock):
        out = []
        for n, item in enumerate(block.items, start=block.start):
            body = _blocks(item.children, depth)
            marker = f"{n}. " if block.ordered else "- "
            first, *rest = [line for line in body if line] or [""]
            out.append(marker + first)
            out += ["   " + line for line in rest]
        return out + [""]
    if isinstance(block, Table):
        header = "| " + " | ".join(rich(c.text) for c in block.header) + " |"
        out = [header, "|" + "---|" * len(block.header)]
        out += ["| " + " | ".join(rich(c.text) for c in row) + " |" for row in block.rows]
        return out + [""]
    if isinstance(block, Quote):
        return ["> " + line if line else ">" for line in _blocks(block.children, depth)] + [""]
    if isinstance(block, Rule):
        return ["***", ""]
    if isinstance(block, Services):
        out = []
        for entry in block.entries:
            out.append(f"- **{rich(entry.name)}** ({rich(entry.category_label)}): "
                       f"{rich(entry.offers)} {entry.phone} {entry.web}".rstrip())
        return out + [""]
    if isinstance(block, Container):
        params = " ".join(f"{k}={v}" for k, v in block.params)
        fence = ":" * (3 + _nesting(block))
        return [f"{fence} {block.kind} {params}".rstrip()] + _blocks(block.children, depth + 1) + [
            fence, ""]
    return []


def _nesting(block: Container) -> int:
    inner = [c for c in block.children if isinstance(c, Container)]
    return 1 + max(_nesting(c) for c in inner) if inner else 0
