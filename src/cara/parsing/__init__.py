"""Parsing: source files into the content model. Parser tokens never leave this package."""

from cara.parsing.inline import InlineProblem, parse_inline
from cara.parsing.module import parse_module

__all__ = ["InlineProblem", "parse_inline", "parse_module"]
