"""A plain-text dump of parsed blocks, for fixture tests (one node per line, indented)."""

from __future__ import annotations

from cara.model import (
    Block,
    Container,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
)


def dump(blocks: tuple[Block, ...], depth: int = 0) -> list[str]:
    pad = "  " * depth
    out: list[str] = []
    for block in blocks:
        line = block.location.line
        if isinstance(block, Heading):
            out.append(f"{pad}heading{block.level} @{line}: {block.text}")
        elif isinstance(block, Paragraph):
            out.append(f"{pad}paragraph @{line}: {block.text}")
        elif isinstance(block, ListBlock):
            out.append(f"{pad}{'ordered' if block.ordered else 'bullet'}-list @{line}")
            for item in block.items:
                out.append(f"{pad}  item @{item.location.line}")
                out += dump(item.children, depth + 2)
        elif isinstance(block, Table):
            out.append(f"{pad}table @{line}: " + " | ".join(str(c.text) for c in block.header))
            for row in block.rows:
                out.append(f"{pad}  row @{row[0].location.line if row else line}: "
                           + " | ".join(str(c.text) for c in row))
        elif isinstance(block, Quote):
            out.append(f"{pad}quote @{line}")
            out += dump(block.children, depth + 1)
        elif isinstance(block, Rule):
            out.append(f"{pad}rule @{line}")
        elif isinstance(block, Container):
            params = "".join(f" {k}={v}" for k, v in block.params)
            cond = f" when[{block.condition}]" if block.condition else ""
            out.append(f"{pad}{block.kind}{params}{cond} @{line}")
            out += dump(block.children, depth + 1)
    return out
