"""The content model: frozen trees of programme, workshops, modules, blocks and inline text.

Parsed trees carry text as `str` (one translatable segment of inline Markdown). Resolved
trees (see resolve.py) carry the same node types with text as `Rich` (inline nodes).
Every node keeps its `Location`, so any problem can name `path:line`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from cara.conditions import Condition
from cara.diagnostics import Location

# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Image:
    src: str
    alt: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Term:
    """`{name}`: a track term, replaced by its value during resolution."""

    name: str


@dataclass(frozen=True)
class Variant:
    """`[text]{when="axis=value"}`: kept only where the condition holds."""

    condition: Condition
    children: tuple[Inline, ...]


Inline = Text | Strong | Emph | Code | Link | Image | LineBreak | Term | Variant


@dataclass(frozen=True)
class Rich:
    """Resolved inline content of one segment.

    `lang` is set when the text is not in the document's language (an untranslated
    segment shown in the source language); `state` is the translation's review state.
    """

    nodes: tuple[Inline, ...]
    lang: str | None = None
    state: str = "source"

    def plain(self) -> str:
        return plain_text(self.nodes)


def plain_text(nodes: tuple[Inline, ...]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text | Code):
            out.append(node.text)
        elif isinstance(node, Strong | Emph | Link | Variant):
            out.append(plain_text(node.children))
        elif isinstance(node, Image):
            out.append(node.alt)
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, Term):
            out.append("{" + node.name + "}")
    return "".join(out)


def walk_inline(nodes: tuple[Inline, ...]) -> Iterator[Inline]:
    """Every inline node, depth first (variants' branches included)."""
    for node in nodes:
        yield node
        if isinstance(node, Strong | Emph | Link | Variant):
            yield from walk_inline(node.children)


TextValue = str | Rich

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Span:
    """A standalone text: a title, an objective, a material, a label."""

    location: Location
    text: TextValue


@dataclass(frozen=True)
class Heading:
    location: Location
    level: int
    text: TextValue


@dataclass(frozen=True)
class Paragraph:
    location: Location
    text: TextValue


@dataclass(frozen=True)
class ListItem:
    location: Location
    children: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    location: Location
    ordered: bool
    start: int
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Cell:
    location: Location
    text: TextValue


@dataclass(frozen=True)
class Table:
    location: Location
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    location: Location
    children: tuple[Block, ...]


@dataclass(frozen=True)
class Rule:
    location: Location


@dataclass(frozen=True)
class Container:
    """A fenced block: `::: kind params`. `condition` comes from `when` or a `when=` param."""

    location: Location
    kind: str
    params: tuple[tuple[str, str], ...]
    condition: Condition | None
    children: tuple[Block, ...]

    def param(self, name: str, default: str | None = None) -> str | None:
        return dict(self.params).get(name, default)

    def number(self, name: str, default: int = 0) -> int:
        """A whole-number parameter (`minutes=`, `lines=`), checked by the parser."""
        value = self.param(name)
        return int(value) if value is not None and value.isascii() and value.isdigit() else (
            default)


@dataclass(frozen=True)
class ServiceEntry:
    """One support service, resolved for a build (name and description translated)."""

    location: Location
    name: TextValue
    category: str
    category_label: TextValue
    offers: TextValue
    phone: str
    web: str
    verified_on: str


@dataclass(frozen=True)
class Services:
    """A resolved `::: services` block: the build's local support services."""

    location: Location
    categories: tuple[str, ...]
    entries: tuple[ServiceEntry, ...]


Block = Heading | Paragraph | ListBlock | Table | Quote | Rule | Container | Services

# Kinds of fenced blocks and what each may hold. Participant-facing kinds are the ones a
# participant reads or hears; their text may need a separate translation per gender.
BLOCK_KINDS = (
    "slide", "notes", "activity", "handout", "facilitator-only", "when", "column",
    "services", "write",
)
PARTICIPANT_KINDS = frozenset({"slide", "handout", "activity", "column", "services", "write"})

# ---------------------------------------------------------------- documents


@dataclass(frozen=True)
class Module:
    id: str
    path: str
    location: Location
    title: Span
    duration: int
    objectives: tuple[Span, ...]
    materials: tuple[Span, ...]
    blocks: tuple[Block, ...]
    workshop: str
    safety_critical: bool = False  # changes are flagged to partners as urgent


@dataclass(frozen=True)
class Break:
    location: Location
    label: Span
    minutes: int


@dataclass(frozen=True)
class ModuleRef:
    location: Location
    module: str


Item = ModuleRef | Break


@dataclass(frozen=True)
class Workshop:
    id: str
    location: Location
    title: Span
    start: int  # minutes after midnight
    end: int | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Programme:
    id: str
    location: Location
    title: Span
    version: str
    source_locale: str
    workshops: tuple[Workshop, ...]
    modules: dict[str, Module] = field(hash=False, compare=False)
