"""The build matrix: workshops x tracks x locales x formats, narrowed by the user's filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cara.builders import FORMATS
from cara.diagnostics import UserError
from cara.project import Project
from cara.resolved import Target


@dataclass(frozen=True)
class Job:
    target: Target
    format: str

    @property
    def label(self) -> str:
        return f"{self.format}/{self.target.slug}"


def _choose(kind: str, wanted: Sequence[str] | None, known: Sequence[str]) -> list[str]:
    if not wanted:
        return list(known)
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise UserError(f"unknown {kind} {', '.join(map(repr, unknown))}; "
                        f"known: {', '.join(known)}")
    return [k for k in known if k in wanted]


def plan(project: Project, workshops: Sequence[str] | None = None,
         tracks: Sequence[str] | None = None, locales: Sequence[str] | None = None,
         formats: Sequence[str] | None = None, partner: str | None = None,
         default_formats: Sequence[str] = ("markdown",)) -> list[Job]:
    if partner is not None and partner not in project.partners:
        raise UserError(f"unknown partner {partner!r}; known: {', '.join(project.partners)}")
    chosen_formats = _choose("format", formats or list(default_formats), [*FORMATS, "site"])
    chosen_formats = [f for f in chosen_formats if f in FORMATS]
    ws = _choose("workshop", workshops, [w.id for w in project.programme.workshops])
    ts = _choose("track", tracks, list(project.tracks))
    ls = _choose("locale", locales, list(project.locales.codes))
    return [Job(Target(w, t, loc, partner), f)
            for f in chosen_formats for w in ws for t in ts for loc in ls]
