"""Resolved blocks and inline nodes as HTML, shared by the PDF builders (and the website).

All text is escaped; only the node types of cara.model become markup, and link targets are
the parser's checked https/mailto/tel addresses. A builder decides what its containers
(slides, activities, handouts...) look like through one `hook`; everything else is generic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

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
    TextValue,
)
from cara.parsing.inline import LINK_SCHEMES

# A builder's renderer for containers and service directories; None means "the default".
Hook = Callable[[Block], "Markup | None"]
_ALIGN = {"left": "start", "right": "end", "center": "center"}
MAX_WRITE_LINES = 40


def attr(name: str, value: object) -> Markup:
    """` name="value"`, escaped."""
    return Markup(' {}="{}"').format(Markup(name), value)


class HtmlWriter:
    """Writes one document's blocks: knows its locale, UI translations and asset URLs."""

    def __init__(self, locale: LocaleInfo, gettext: Callable[[str], str], *,
                 source: LocaleInfo | None = None, heading_offset: int = 0,
                 hook: Hook | None = None,
                 asset_url: Callable[[str], str] | None = None) -> None:
        self.locale = locale
        # the language untranslated segments are shown in (default: the document's own)
        self.source = source or locale
        self.gettext = gettext
        self.heading_offset = heading_offset
        self.hook = hook
        self.asset_url = asset_url  # None: images are shown as their alt text

    # ------------------------------------------------------------ inline text

    def inline(self, nodes: Iterable[Inline]) -> Markup:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(escape(node.text))
            elif isinstance(node, Strong):
                out.append(Markup("<strong>{}</strong>").format(self.inline(node.children)))
            elif isinstance(node, Emph):
                out.append(Markup("<em>{}</em>").format(self.inline(node.children)))
            elif isinstance(node, Code):
                out.append(Markup("<code>{}</code>").format(node.text))
            elif isinstance(node, Link):
                out.append(self.link(node))
            elif isinstance(node, Image):
                out.append(self.image(node))
            elif isinstance(node, LineBreak):
                out.append(Markup("<br>"))
            # Terms and variants never reach a resolved tree; nothing else is markup.
        return Markup("").join(out)

    def link(self, node: Link) -> Markup:
        inner = self.inline(node.children)
        if not node.href.startswith(LINK_SCHEMES):
            return inner
        return Markup("<a{}>{}</a>").format(attr("href", node.href), inner)

    def image(self, node: Image) -> Markup:
        if self.asset_url is None or not node.src.startswith("assets/"):
            return Markup('<span class="image-alt">{}</span>').format(node.alt)
        return Markup("<img{}{}>").format(attr("src", self.asset_url(node.src)),
                                          attr("alt", node.alt))

    def text(self, value: TextValue) -> Markup:
        """One segment's content, with a language badge when it fell back to the source."""
        if not isinstance(value, Rich):
            return escape(value)
        body = self.inline(value.nodes)
        if value.lang and value.lang != self.locale.code:
            badge = Markup('<span class="lang-badge">{}</span>').format(value.lang.upper())
            return body + Markup(" ") + badge
        return body

    def attrs(self, value: TextValue, cls: str = "") -> Markup:
        """Attributes for the element holding one segment: class, and lang/dir if foreign."""
        classes = [cls] if cls else []
        extra = Markup("")
        if isinstance(value, Rich) and value.lang and value.lang != self.locale.code:
            classes.append("fallback")
            extra = attr("lang", value.lang) + attr("dir", self.source.direction)
        return (attr("class", " ".join(classes)) if classes else Markup("")) + extra

    def element(self, tag: str, value: TextValue, cls: str = "") -> Markup:
        """`<tag>segment</tag>`; `tag` is a literal from our code, never from content."""
        if tag == "li" and self.opposite(value):
            # The item (and its marker) keeps the list's direction; its text its own.
            return Markup("<li{}>{}</li>").format(
                attr("class", cls) if cls else Markup(""), self.element("div", value))
        return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), self.attrs(value, cls),
                                                  self.text(value))

    def opposite(self, value: TextValue) -> bool:
        """Whether a segment fell back to a language written in the other direction."""
        return bool(isinstance(value, Rich) and value.lang and value.lang != self.locale.code
                    and self.source.direction != self.locale.direction)

    def number(self, value: int | str) -> str:
        return self.locale.number(value)

    # ------------------------------------------------------------ blocks

    def blocks(self, blocks: Iterable[Block]) -> Markup:
        return Markup("").join(self.block(b) for b in blocks)

    def block(self, block: Block) -> Markup:
        if self.hook is not None and isinstance(block, Container | Services):
            drawn = self.hook(block)
            if drawn is not None:
                return drawn
        if isinstance(block, Heading):
            level = min(6, max(1, block.level + self.heading_offset))
            return self.element(f"h{level}", block.text)
        if isinstance(block, Paragraph):
            return self.element("p", block.text)
        if isinstance(block, ListBlock):
            return self.list(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Quote):
            return Markup("<blockquote>{}</blockquote>").format(self.blocks(block.children))
        if isinstance(block, Rule):
            return Markup("<hr>")
        if isinstance(block, Services):
            return self.services(block)
        if isinstance(block, Container):
            return self.container(block)
        return Markup("")

    def container(self, block: Container, cls: str = "") -> Markup:
        """The default: a div with the kind as class; `write` becomes ruled lines."""
        if block.kind == "write":
            return self.write(block)
        return Markup('<div class="block block-{}{}">{}</div>').format(
            block.kind, " " + cls if cls else "", self.blocks(block.children))

    def list(self, block: ListBlock) -> Markup:
        items = []
        for item in block.items:
            only = item.children[0] if len(item.children) == 1 else None
            if isinstance(only, Paragraph):  # a tight item: no <p> inside
                items.append(self.element("li", only.text))
            else:
                items.append(Markup("<li>{}</li>").format(self.blocks(item.children)))
        if block.ordered:
            start = attr("start", block.start) if block.start != 1 else Markup("")
            return Markup("<ol{}>{}</ol>").format(start, Markup("").join(items))
        return Markup("<ul>{}</ul>").format(Markup("").join(items))

    def table(self, block: Table, cls: str = "content-table") -> Markup:
        def cell(tag: str, value: TextValue, col: int) -> Markup:
            align = _ALIGN.get(block.align[col] if col < len(block.align) else "", "")
            return self.element(tag, value, f"align-{align}" if align else "")

        head = Markup("").join(cell("th", c.text, i) for i, c in enumerate(block.header))
        rows = Markup("").join(
            Markup("<tr>{}</tr>").format(Markup("").join(
                cell("td", c.text, i) for i, c in enumerate(row)))
            for row in block.rows)
        thead = Markup("<thead><tr>{}</tr></thead>").format(head) if block.header else ""
        return Markup('<table class="{}">{}<tbody>{}</tbody></table>').format(cls, thead, rows)

    def write(self, block: Container) -> Markup:
        """Ruled lines to write on (`::: write lines=N`)."""
        count = max(1, min(MAX_WRITE_LINES, block.number("lines", 4)))
        lines = Markup('<div class="write-line"></div>') * count
        return Markup('<div class="write">{}</div>').format(lines)

    def services(self, block: Services) -> Markup:
        """The local support services as a table: name, what they offer, phone, web."""
        _ = self.gettext
        head = Markup("").join(Markup('<th scope="col">{}</th>').format(label) for label in (
            _("Service"), _("What they offer"), _("Phone"), _("Website")))
        rows: list[Markup] = []
        category = None
        for entry in block.entries:
            if entry.category != category:
                category = entry.category
                rows.append(Markup('<tr class="category"><th colspan="4"{}>{}</th></tr>').format(
                    self.attrs(entry.category_label), self.text(entry.category_label)))
            rows.append(Markup("<tr>{}{}{}{}</tr>").format(
                self.element("td", entry.name, "service-name"),
                self.element("td", entry.offers),
                Markup('<td class="phone" dir="ltr">{}</td>').format(self.phone(entry.phone)),
                Markup('<td class="web" dir="ltr">{}</td>').format(self.web(entry.web))))
        return Markup('<table class="services">{}<tbody>{}</tbody></table>').format(
            Markup("<thead><tr>{}</tr></thead>").format(head), Markup("").join(rows))

    def phone(self, phone: str) -> Markup:
        """A phone number as written (digits people dial), linked with tel:."""
        if not phone:
            return Markup("")
        digits = "".join(c for c in phone if c.isdigit() or c == "+")
        return Markup("<a{}>{}</a>").format(attr("href", "tel:" + digits), phone)

    def web(self, url: str) -> Markup:
        """A web address shown without its scheme; linked only if it is https."""
        if not url:
            return Markup("")
        shown = url.removeprefix("https://").removeprefix("http://").rstrip("/")
        if not url.startswith("https://"):
            return escape(shown)
        return Markup("<a{}>{}</a>").format(attr("href", url), shown)
