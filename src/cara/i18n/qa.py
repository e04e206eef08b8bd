"""Translation QA (filled in with the translation workflow)."""

from __future__ import annotations

from cara.diagnostics import Diagnostics
from cara.project import Project


def check_translations(project: Project, diagnostics: Diagnostics) -> None:
    del project, diagnostics
