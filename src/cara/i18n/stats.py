"""`cara i18n stats`: per locale and module, segments and words in each review state."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from cara.i18n import keys
from cara.i18n.catalogs import locale_files, read_catalog
from cara.i18n.states import ORDER, USABLE, State, state_of
from cara.project import Project


@dataclass
class Tally:
    segments: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)

    def add(self, state: State, words: int) -> None:
        self.segments[state.value] += 1
        self.words[state.value] += words

    @property
    def total(self) -> int:
        return sum(self.segments.values())

    @property
    def usable(self) -> int:
        return sum(self.segments[s.value] for s in USABLE)

    def percent(self) -> float:
        return 100.0 * self.usable / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        return {"segments": {s.value: self.segments[s.value] for s in ORDER},
                "words": {s.value: self.words[s.value] for s in ORDER},
                "total": self.total, "translated_percent": round(self.percent(), 1)}


def _words(msgid: str | tuple) -> int:
    text = msgid[0] if isinstance(msgid, tuple | list) else msgid
    return len(text.split())


def locale_stats(project: Project, code: str) -> dict[str, Tally]:
    """Group -> tally; groups are module ids, plus 'programme', 'partners', 'ui'."""
    groups: dict[str, Tally] = {}
    for rel in locale_files(project.root, code):
        domain = rel.rsplit("/", 1)[1].removesuffix(".po")
        for message in read_catalog(project.root, rel, code):
            if not message.id:
                continue
            base, _ = keys.split_gendered(message.context or "")
            group = base if base in project.modules else domain
            state = state_of(message.string, message.flags, message.user_comments)
            groups.setdefault(group, Tally()).add(state, _words(message.id))
    return groups


def stats(project: Project, locales: list[str] | None = None) -> dict[str, dict[str, Tally]]:
    return {code: locale_stats(project, code) for code in locales or project.locales.targets}


def total(groups: dict[str, Tally]) -> Tally:
    out = Tally()
    for tally in groups.values():
        out.segments.update(tally.segments)
        out.words.update(tally.words)
    return out


def render_json(data: dict[str, dict[str, Tally]]) -> str:
    return json.dumps({code: {"total": total(groups).as_dict(),
                              "groups": {g: t.as_dict() for g, t in sorted(groups.items())}}
                       for code, groups in data.items()}, indent=2, ensure_ascii=False)


def render_table(data: dict[str, dict[str, Tally]]) -> str:
    heads = ["locale", "group", *[s.value for s in ORDER], "words", "done %"]
    rows = []
    for code, groups in data.items():
        for name, tally in [*sorted(groups.items()), ("TOTAL", total(groups))]:
            rows.append([code, name, *[str(tally.segments[s.value]) for s in ORDER],
                         str(sum(tally.words.values())), f"{tally.percent():.1f}"])
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    return "\n".join([line(heads), *(line(r) for r in rows)])
