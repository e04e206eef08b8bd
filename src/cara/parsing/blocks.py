"""Block tokens of a Markdown body into model blocks, with source lines and diagnostics."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from cara.conditions import Condition, ConditionError, parse_condition
from cara.diagnostics import Diagnostics, Location
from cara.model import (
    BLOCK_KINDS,
    Block,
    Cell,
    Container,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
)
from cara.parsing.inline import parse_inline
from cara.parsing.markdown import CONTAINER
from cara.textnorm import clean

# The parameters each kind of block accepts; `when` is accepted by every kind but `column`.
KIND_PARAMS: dict[str, frozenset[str]] = {
    "slide": frozenset({"layout"}),
    "notes": frozenset(),
    "activity": frozenset({"minutes", "id"}),
    "handout": frozenset({"id"}),
    "facilitator-only": frozenset(),
    "when": frozenset(),
    "column": frozenset(),
    "services": frozenset({"categories"}),
    "write": frozenset({"lines"}),
}
REQUIRED_PARAMS = {"activity": ("minutes",), "handout": ("id",)}
INTEGER_PARAMS = frozenset({"minutes", "lines"})
CHOICE_PARAMS = {"layout": ("bullets", "two-columns", "quote")}
_FENCE = re.compile(r"^\s*(:{3,})\s*$")
_LINE_END = re.compile(r"(\\|  +)?[ \t]*\n[ \t]*")


def segment_text(content: str) -> str:
    """A paragraph's inline source as one segment: soft line breaks become spaces, hard
    breaks (two spaces or a backslash before the newline) are kept as `\\` + newline."""
    return _LINE_END.sub(lambda m: "\\\n" if m.group(1) else " ", content.strip())


@dataclass
class BlockReader:
    """Reads one file's block tokens; collects diagnostics instead of raising."""

    path: str
    lines: list[str]
    axes: Mapping[str, tuple[str, ...]]
    diagnostics: Diagnostics

    def loc(self, token: Token) -> Location:
        return Location(self.path, token.map[0] + 1 if token.map else 0)

    def read(self, tokens: list[Token]) -> tuple[Block, ...]:
        blocks, _ = self._blocks(tokens, 0, None, None)
        return tuple(blocks)

    def _blocks(
        self, tokens: list[Token], pos: int, closing: str | None, parent_end: int | None
    ) -> tuple[list[Block], int]:
        out: list[Block] = []
        while pos < len(tokens):
            tok = tokens[pos]
            if closing is not None and tok.type == closing:
                return out, pos + 1
            block, pos = self._block(tokens, pos, parent_end)
            if block is not None:
                out.append(block)
        return out, pos

    def _block(
        self, tokens: list[Token], pos: int, parent_end: int | None
    ) -> tuple[Block | None, int]:
        tok = tokens[pos]
        kind = tok.type
        loc = self.loc(tok)
        if kind == "heading_open":
            text = self._segment(tokens[pos + 1], loc)
            return Heading(loc, int(tok.tag[1]), text), pos + 3
        if kind == "paragraph_open":
            content = tokens[pos + 1].content
            if _FENCE.match(content.splitlines()[0] if content else ""):
                self.diagnostics.error(
                    loc, "closing ':::' without an open block; remove it, or use a longer "
                    "fence (::::) for the block around nested blocks", "block.stray-fence")
                return None, pos + 3
            return Paragraph(loc, self._segment(tokens[pos + 1], loc)), pos + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(tokens, pos, parent_end)
        if kind == "blockquote_open":
            children, pos = self._blocks(tokens, pos + 1, "blockquote_close", parent_end)
            return Quote(loc, tuple(children)), pos
        if kind == "table_open":
            return self._table(tokens, pos)
        if kind == "hr":
            return Rule(loc), pos + 1
        if kind == f"container_{CONTAINER}_open":
            return self._container(tokens, pos, parent_end)
        if kind == "front_matter":
            return None, pos + 1
        if kind == "html_block":
            self.diagnostics.error(loc, "raw HTML is not allowed in content; use Markdown",
                                   "content.html")
            return None, pos + 1
        if kind in ("fence", "code_block"):
            self.diagnostics.error(loc, "code blocks are not supported in curriculum content; "
                                   "remove the indentation or the ``` fence", "content.code")
            return None, pos + 1
        self.diagnostics.error(loc, f"unsupported Markdown ({kind}); remove it", "content.syntax")
        return None, _skip(tokens, pos)

    def _segment(self, inline: Token, loc: Location) -> str:
        text = segment_text(inline.content)
        if clean(text)[1]:
            self.diagnostics.warning(loc, "control or invisible formatting characters will be "
                                     "removed from the output; delete them", "content.control")
        _, problems = parse_inline(text, self.axes)
        for problem in problems:
            self.diagnostics.error(loc, problem.message, problem.code)
        return text

    def _list(
        self, tokens: list[Token], pos: int, parent_end: int | None
    ) -> tuple[Block, int]:
        tok = tokens[pos]
        ordered = tok.type == "ordered_list_open"
        close = tok.type.replace("_open", "_close")
        start = int(tok.attrs.get("start", 1)) if ordered else 1
        items: list[ListItem] = []
        pos += 1
        while tokens[pos].type != close:
            item_tok = tokens[pos]
            children, pos = self._blocks(tokens, pos + 1, "list_item_close", parent_end)
            items.append(ListItem(self.loc(item_tok), tuple(children)))
        return ListBlock(self.loc(tok), ordered, start, tuple(items)), pos + 1

    def _table(self, tokens: list[Token], pos: int) -> tuple[Block, int]:
        loc = self.loc(tokens[pos])
        header: list[Cell] = []
        rows: list[tuple[Cell, ...]] = []
        align: list[str] = []
        row: list[Cell] = []
        row_loc = loc
        pos += 1
        while tokens[pos].type != "table_close":
            tok = tokens[pos]
            if tok.type == "tr_open":
                row, row_loc = [], self.loc(tok)
            elif tok.type in ("th_open", "td_open"):
                style = str(tok.attrs.get("style", ""))
                if tok.type == "th_open":
                    align.append(style.removeprefix("text-align:") or "")
                row.append(Cell(row_loc, self._segment(tokens[pos + 1], row_loc)))
            elif tok.type == "tr_close":
                if header:
                    rows.append(tuple(row))
                else:
                    header = row
            pos += 1
        return Table(loc, tuple(header), tuple(rows), tuple(align)), pos + 1

    def _container(
        self, tokens: list[Token], pos: int, parent_end: int | None
    ) -> tuple[Block | None, int]:
        tok = tokens[pos]
        loc = self.loc(tok)
        end_line = tok.map[1] if tok.map else 0
        closed = self._closed(end_line, len(tok.markup), parent_end)
        children, pos = self._blocks(tokens, pos + 1, f"container_{CONTAINER}_close", end_line)
        if not tok.info.strip():
            # A bare fence that closes nothing opens an empty "block" in the plugin.
            self.diagnostics.error(
                loc, f"closing '{tok.markup}' without an open block; remove it, or use a "
                "longer fence (::::) for the block around nested blocks", "block.stray-fence")
            return None, pos
        if not closed:
            self.diagnostics.error(
                loc, f"block '{tok.markup} {tok.info.strip()}' is never closed; add a line "
                f"'{tok.markup}' after its content (nested blocks need a longer fence "
                "outside: '::::' around ':::')", "block.unclosed")
        header = self._header(tok.info, loc)
        if header is None:
            return None, pos
        kind, params, condition = header
        return Container(loc, kind, params, condition, tuple(children)), pos

    def _closed(self, end_line: int, fence_len: int, parent_end: int | None) -> bool:
        if end_line >= len(self.lines) or (parent_end is not None and end_line >= parent_end):
            return False
        match = _FENCE.match(self.lines[end_line])
        return bool(match) and len(match.group(1)) >= fence_len

    def _header(
        self, info: str, loc: Location
    ) -> tuple[str, tuple[tuple[str, str], ...], Condition | None] | None:
        try:
            words = shlex.split(info)
        except ValueError as exc:
            self.diagnostics.error(loc, f"cannot read block parameters: {exc}", "block.syntax")
            return None
        if not words:
            self.diagnostics.error(loc, "block has no kind; write e.g. '::: slide'",
                                   "block.syntax")
            return None
        kind, rest = words[0], words[1:]
        if kind not in BLOCK_KINDS:
            self.diagnostics.error(
                loc, f"unknown block kind {kind!r}; use one of: {', '.join(BLOCK_KINDS)}",
                "block.unknown-kind")
            return None
        if kind == "when":
            return kind, (), self._condition(" ".join(rest), loc)
        params: dict[str, str] = {}
        condition = None
        for word in rest:
            name, eq, value = word.partition("=")
            if not eq:
                self.diagnostics.error(loc, f"cannot read parameter {word!r}; write name=value",
                                       "block.syntax")
            elif name == "when" and kind != "column":
                condition = self._condition(value, loc)
            elif name not in KIND_PARAMS[kind]:
                allowed = sorted(KIND_PARAMS[kind] | ({"when"} if kind != "column" else set()))
                self.diagnostics.error(
                    loc, f"unknown parameter {name!r} for '{kind}' "
                    f"(allowed: {', '.join(allowed) or 'none'})", "block.param")
            elif name in CHOICE_PARAMS and value not in CHOICE_PARAMS[name]:
                self.diagnostics.error(loc, f"{name}={value!r} is not one of "
                                       f"{', '.join(CHOICE_PARAMS[name])}", "block.param")
            elif name in INTEGER_PARAMS and not (value.isascii() and value.isdigit()
                                                 and int(value) > 0):
                self.diagnostics.error(loc, f"{name}={value!r} must be a whole number above 0",
                                       "block.param")
            else:
                params[name] = value
        for name in REQUIRED_PARAMS.get(kind, ()):
            if name not in params:
                self.diagnostics.error(loc, f"'{kind}' needs a {name}= parameter",
                                       "block.param")
        return kind, tuple(sorted(params.items())), condition

    def _condition(self, text: str, loc: Location) -> Condition | None:
        try:
            return parse_condition(text, self.axes)
        except ConditionError as exc:
            self.diagnostics.error(loc, str(exc), exc.code)
            return None


def _skip(tokens: list[Token], pos: int) -> int:
    """Skip a token and, if it opens, everything up to its matching close."""
    depth = 0
    while pos < len(tokens):
        depth += tokens[pos].nesting
        pos += 1
        if depth <= 0:
            return pos
    return pos
