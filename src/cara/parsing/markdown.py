"""The one configured Markdown parser: CommonMark, tables, `:::` containers, attributes."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

CONTAINER = "div"


@cache
def parser() -> MarkdownIt:
    # HTML stays enabled so that raw HTML is seen (and rejected with its line), not hidden.
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(front_matter_plugin)
    md.use(container_plugin, name=CONTAINER, validate=lambda params, *args: True)
    md.use(attrs_plugin, spans=True, after=("span_close",))
    return md
