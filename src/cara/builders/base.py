"""The builder template: a fixed `build` method, small hooks per format (cf. Sphinx)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from cara import atomic
from cara.diagnostics import Diagnostic
from cara.resolved import ResolvedWorkshop, Target


class Builder(ABC):
    """Renders one resolved workshop into one file. Problems in the content that do not
    stop the output (text that had to be cleaned, say) are kept in `warnings`."""

    name: ClassVar[str]
    extension: ClassVar[str]
    # Files (relative to the package) whose content shapes the output; part of cache keys.
    inputs: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.warnings: list[Diagnostic] = []

    def output_path(self, out: Path, target: Target) -> Path:
        base = out / "partners" / target.partner if target.partner else out
        name = f"{target.workshop}.{target.track}.{self.extension}"
        return base / self.name / target.locale / name

    def prepare(self, workshop: ResolvedWorkshop) -> object:
        """Everything the renderer needs (HTML, a slide model...), made from the workshop."""
        return workshop

    @abstractmethod
    def render_prepared(self, workshop: ResolvedWorkshop, prepared: object) -> bytes:
        """The renderer's own work on what `prepare` made (timed alone by benchmarks)."""

    def render(self, workshop: ResolvedWorkshop) -> bytes:
        """The finished file's bytes. Pure: same workshop, same bytes."""
        return self.render_prepared(workshop, self.prepare(workshop))

    def build(self, workshop: ResolvedWorkshop, path: Path) -> None:
        atomic.write_bytes(path, self.render(workshop))
