"""cara: author a curriculum once, build every manual, handout, deck and page from it."""

__version__ = "0.1.0"
