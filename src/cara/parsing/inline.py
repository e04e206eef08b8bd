"""Inline Markdown of one segment (source or translation) into inline nodes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from cara.conditions import Condition, ConditionError, parse_condition
from cara.model import (
    Code,
    Emph,
    Image,
    Inline,
    LineBreak,
    Link,
    Strong,
    Term,
    Text,
    Variant,
)
from cara.parsing.markdown import parser

TERM = re.compile(r"\{([A-Za-z_][\w-]*)\}")
# "<" followed by a tag-like name, as markup injected through HTML entities would read.
_TAG_LIKE = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_ESCAPED_BRACE = "\ue000"
LINK_SCHEMES = ("https://", "mailto:", "tel:")
ASSET_PREFIX = "assets/"
# A span whose attributes were refused keeps its text, unconditionally.
ALWAYS = Condition(())


@dataclass(frozen=True)
class InlineProblem:
    message: str
    code: str


def parse_inline(
    text: str, axes: Mapping[str, tuple[str, ...]]
) -> tuple[tuple[Inline, ...], list[InlineProblem]]:
    """Parse one segment. Problems are returned, never raised: the caller knows the line."""
    problems: list[InlineProblem] = []
    protected = text.replace("\\{", _ESCAPED_BRACE)
    tokens = parser().parseInline(protected)
    children = tokens[0].children or [] if tokens else []
    nodes, _ = _convert(children, 0, None, axes, problems)
    return tuple(nodes), problems


def _convert(
    tokens: list[Token],
    pos: int,
    closing: str | None,
    axes: Mapping[str, tuple[str, ...]],
    problems: list[InlineProblem],
) -> tuple[list[Inline], int]:
    out: list[Inline] = []
    while pos < len(tokens):
        tok = tokens[pos]
        kind = tok.type
        if closing is not None and kind == closing:
            return out, pos + 1
        pos += 1
        if kind == "text":
            if _TAG_LIKE.search(tok.content):
                problems.append(InlineProblem(
                    "text that reads as an HTML tag (written with entities like &lt;) is not "
                    "allowed; reword it", "content.html"))
            out.extend(_split_terms(tok.content))
        elif kind == "softbreak":
            out.append(Text(" "))
        elif kind == "hardbreak":
            out.append(LineBreak())
        elif kind == "code_inline":
            out.append(Code(tok.content))
        elif kind in ("strong_open", "em_open"):
            inner, pos = _convert(tokens, pos, kind.replace("_open", "_close"), axes, problems)
            out.append(Strong(tuple(inner)) if kind == "strong_open" else Emph(tuple(inner)))
        elif kind == "link_open":
            href = str(tok.attrs.get("href", ""))
            inner, pos = _convert(tokens, pos, "link_close", axes, problems)
            if not href.startswith(LINK_SCHEMES):
                problems.append(InlineProblem(
                    f"link target {href!r} is not allowed; use an https:, mailto: or tel: address",
                    "content.link",
                ))
                out.extend(inner)
            else:
                out.append(Link(href, tuple(inner)))
        elif kind == "image":
            out.append(_image(tok, problems))
        elif kind == "span_open":
            inner, pos = _convert(tokens, pos, "span_close", axes, problems)
            out.append(_span(tok, tuple(inner), axes, problems))
        elif kind == "html_inline":
            problems.append(InlineProblem(
                f"raw HTML {tok.content!r} is not allowed; use Markdown instead", "content.html"
            ))
            out.append(Text(tok.content))
        else:
            out.append(Text(tok.content))
    return out, pos


def _split_terms(text: str) -> list[Inline]:
    out: list[Inline] = []
    last = 0
    for match in TERM.finditer(text):
        if match.start() > last:
            out.append(Text(_restore(text[last : match.start()])))
        out.append(Term(match.group(1)))
        last = match.end()
    if last < len(text):
        out.append(Text(_restore(text[last:])))
    return out


def _restore(text: str) -> str:
    return text.replace(_ESCAPED_BRACE, "{")


def _image(tok: Token, problems: list[InlineProblem]) -> Inline:
    src = str(tok.attrs.get("src", ""))
    alt = "".join(child.content for child in tok.children or []).strip()
    if not alt:
        problems.append(InlineProblem(
            f"image {src!r} has no alt text; describe it in ![...]", "content.image-alt"
        ))
    parts = src.split("/")
    if not src.startswith(ASSET_PREFIX) or ".." in parts or "\\" in src or ":" in src:
        problems.append(InlineProblem(
            f"image {src!r} is not allowed; images must be files under assets/",
            "content.image-path",
        ))
        return Text(alt)
    return Image(src, alt)


def _span(
    tok: Token,
    children: tuple[Inline, ...],
    axes: Mapping[str, tuple[str, ...]],
    problems: list[InlineProblem],
) -> Inline:
    attrs = dict(tok.attrs)
    when = attrs.pop("when", None)
    if attrs or when is None:
        problems.append(InlineProblem(
            f"unknown inline attribute(s) {sorted(attrs) or ['(none)']}; "
            'only {when="axis=value"} is allowed',
            "content.attribute",
        ))
        return Variant(ALWAYS, children)
    try:
        return Variant(parse_condition(str(when), axes), children)
    except ConditionError as exc:
        problems.append(InlineProblem(str(exc), exc.code))
        return Variant(ALWAYS, children)
