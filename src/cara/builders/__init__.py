"""One builder per output format; each renders resolved workshops and nothing else."""

from __future__ import annotations

from importlib import import_module

from cara.builders.base import Builder

# format name -> "module:Class"; imported lazily (WeasyPrint alone takes most of a second).
FORMATS: dict[str, str] = {
    "markdown": "cara.builders.markdown:MarkdownBuilder",
    "manual": "cara.builders.manual:ManualBuilder",
    "handouts": "cara.builders.handouts:HandoutsBuilder",
    "handouts-large": "cara.builders.handouts:LargeHandoutsBuilder",
    "slides": "cara.builders.slides:SlidesBuilder",
}


def builder_for(name: str) -> Builder:
    module, _, cls = FORMATS[name].partition(":")
    return getattr(import_module(module), cls)()


__all__ = ["FORMATS", "Builder", "builder_for"]
