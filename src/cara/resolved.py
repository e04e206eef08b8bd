"""The resolved tree builders receive: one workshop, for one track, locale and partner.

Conditions are applied, terms filled and text translated; inline text is `Rich`. Builders
render this and nothing else: they never parse source or look up translations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cara.i18n.lookup import Translator
from cara.locales import LocaleInfo
from cara.model import Block, Container, ListBlock, Quote, Rich


@dataclass(frozen=True)
class Target:
    """One cell of the build matrix (without the output format)."""

    workshop: str
    track: str
    locale: str
    partner: str | None = None

    @property
    def slug(self) -> str:
        base = f"{self.workshop}/{self.track}/{self.locale}"
        return f"{self.partner}/{base}" if self.partner else base


@dataclass(frozen=True)
class ResolvedModule:
    id: str
    path: str
    title: Rich
    duration: int
    start: int  # minutes after midnight
    objectives: tuple[Rich, ...]
    materials: tuple[Rich, ...]
    blocks: tuple[Block, ...]

    @property
    def end(self) -> int:
        return self.start + self.duration


@dataclass(frozen=True)
class ScheduleEntry:
    start: int
    end: int
    title: Rich
    module: str | None  # None for a break


@dataclass(frozen=True)
class GlossaryItem:
    term: Rich
    definition: Rich


@dataclass(frozen=True)
class PartnerInfo:
    id: str
    name: Rich
    region: Rich
    branding: Rich
    colour: str
    licence_id: str
    expires: str


@dataclass(frozen=True)
class Counts:
    """How many shown segments fell back to the source, and how many are unreviewed."""

    fallback: int = 0
    unreviewed: int = 0


@dataclass(frozen=True)
class ResolvedWorkshop:
    target: Target
    programme_title: Rich
    programme_id: str
    version: str
    title: Rich
    track_title: Rich
    locale: LocaleInfo
    source_locale: str
    source_info: LocaleInfo  # how untranslated segments (shown in the source) are set
    start: int
    end: int
    schedule: tuple[ScheduleEntry, ...]
    modules: tuple[ResolvedModule, ...]
    glossary: tuple[GlossaryItem, ...]
    services: Block  # the whole local directory (a `Services` block)
    partner: PartnerInfo | None
    counts: Counts
    ui: Translator = field(compare=False, repr=False)
    watermark: str | None = None
    # The build date for metadata inside outputs. Not part of the content (nor of cache
    # keys): a target skipped as unchanged keeps the date of its last build.
    epoch: int = field(default=315532800, compare=False, repr=False)
    # Absolute path of the project's asset folder: the only files an output may embed.
    assets: str = field(default="", compare=False, repr=False)

    @property
    def unreviewed(self) -> bool:
        return self.counts.unreviewed > 0


def slides_with_notes(blocks: tuple[Block, ...]) -> list[tuple[Container, Container | None]]:
    """Every slide in reading order, with the notes block that follows it (if any)."""
    out: list[tuple[Container, Container | None]] = []

    def walk(seq: tuple[Block, ...]) -> None:
        for block in seq:
            if isinstance(block, Container) and block.kind == "slide":
                out.append((block, None))
            elif isinstance(block, Container) and block.kind == "notes" and out and (
                    out[-1][1] is None):
                out[-1] = (out[-1][0], block)
            elif isinstance(block, Container) and block.kind in ("facilitator-only",):
                continue
            elif isinstance(block, Container) and block.kind not in ("handout", "activity"):
                walk(block.children)

    walk(blocks)
    return out


# Kinds whose content participants must never receive, wherever they are nested.
FACILITATOR_KINDS = frozenset({"facilitator-only", "notes", "slide"})


def handouts_in(blocks: tuple[Block, ...]) -> list[Container]:
    """Every handout in reading order, none from facilitator-only, notes or slide blocks."""
    found: list[Container] = []

    def walk(seq: tuple[Block, ...]) -> None:
        for block in seq:
            if isinstance(block, Container):
                if block.kind == "handout":
                    found.append(block)
                elif block.kind not in FACILITATOR_KINDS:
                    walk(block.children)
            elif isinstance(block, Quote):
                walk(block.children)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item.children)

    walk(blocks)
    return found
