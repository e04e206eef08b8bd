"""The builder template: a fixed `build` method, small hooks per format (cf. Sphinx)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from cara import atomic
from cara.resolved import ResolvedWorkshop, Target


class Builder(ABC):
    name: ClassVar[str]
    extension: ClassVar[str]
    # Files (relative to the package) whose content shapes the output; part of cache keys.
    inputs: ClassVar[tuple[str, ...]] = ()

    def output_path(self, out: Path, target: Target) -> Path:
        base = out / "partners" / target.partner if target.partner else out
        name = f"{target.workshop}.{target.track}.{self.extension}"
        return base / self.name / target.locale / name

    @abstractmethod
    def render(self, workshop: ResolvedWorkshop) -> bytes:
        """The finished file's bytes. Pure: same workshop, same bytes."""

    def build(self, workshop: ResolvedWorkshop, path: Path) -> None:
        atomic.write_bytes(path, self.render(workshop))
