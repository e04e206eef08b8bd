"""The slide model: what each slide shows, before any PowerPoint XML is written.

Tests check this model; `writer.py` turns it into a deck. Sizes are filled in by `fitting.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cara.diagnostics import Location


@dataclass(frozen=True)
class RunSpec:
    """A stretch of text in one style.

    `lang` is set for text shown in another language than the deck's (an untranslated
    fallback); `tone` names a colour of the layout's scheme ("marker", "draft", "link").
    """

    text: str
    bold: bool = False
    italic: bool = False
    lang: str | None = None
    tone: str | None = None
    href: str | None = None
    scale: float = 1.0


@dataclass(frozen=True)
class ParaSpec:
    """A paragraph: plain, bulleted or numbered (`number` is its step number)."""

    runs: tuple[RunSpec, ...]
    kind: str = "plain"
    level: int = 0
    number: int | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class PictureSpec:
    """An image from the project's asset folder and its alt text."""

    path: str
    alt: str


@dataclass(frozen=True)
class SlideSpec:
    """One slide: a layout key, paragraphs per placeholder role, notes, pictures.

    `sizes` maps roles to the type size (points) chosen to fit; `partner_colour` fills the
    partner band on title and closing slides.
    """

    layout: str
    location: Location
    texts: dict[str, tuple[ParaSpec, ...]]
    notes: tuple[ParaSpec, ...] = ()
    pictures: tuple[PictureSpec, ...] = ()
    sizes: dict[str, int] = field(default_factory=dict)
    partner_colour: str | None = None

    @property
    def title(self) -> str:
        return "\n".join(p.text for p in self.texts.get("title", ()))


def para(*runs: RunSpec | str, kind: str = "plain", level: int = 0,
         number: int | None = None) -> ParaSpec:
    """A paragraph from runs or plain strings."""
    return ParaSpec(tuple(RunSpec(r) if isinstance(r, str) else r for r in runs), kind, level,
                    number)
