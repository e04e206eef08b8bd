"""What changed between two snapshots: per workshop and module, per locale, safety first."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

USABLE = {"draft", "needs-review", "approved"}


@dataclass
class ModuleChanges:
    module: str
    workshop: str
    title: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)
    status: str = "changed"  # changed, added or removed
    safety: bool = False

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed) and self.status == "changed"


@dataclass
class Changes:
    old_version: str
    new_version: str
    modules: list[ModuleChanges]
    other: ModuleChanges
    stale: dict[str, int]  # locale -> translations whose source changed
    new_untranslated: dict[str, int]

    @property
    def safety(self) -> list[ModuleChanges]:
        return [m for m in self.modules if m.safety]


def _pair(removed: list[dict], added: list[dict]) -> tuple[list, list, list]:
    """Match removed and added segments that are edits of each other."""
    changed = []
    left = list(added)
    rest = []
    for old in removed:
        best, score = None, 0.6
        for new in left:
            ratio = difflib.SequenceMatcher(None, old["text"], new["text"]).ratio()
            if ratio > score:
                best, score = new, ratio
        if best is None:
            rest.append(old)
        else:
            left.remove(best)
            changed.append((old, best))
    return rest, left, changed


def _compare(name: str, workshop: str, title: str, old: list[dict],
             new: list[dict]) -> ModuleChanges:
    old_ids, new_ids = {s["id"] for s in old}, {s["id"] for s in new}
    removed = [s for s in old if s["id"] not in new_ids]
    added = [s for s in new if s["id"] not in old_ids]
    removed, added, changed = _pair(removed, added)
    result = ModuleChanges(name, workshop, title, added, removed, changed)
    result.safety = any(s.get("safety") for s in (*added, *removed)) or any(
        a.get("safety") or b.get("safety") for a, b in changed)
    return result


def diff(old: dict, new: dict) -> Changes:
    modules = []
    names = list(new["modules"]) + [m for m in old["modules"] if m not in new["modules"]]
    for name in names:
        before, after = old["modules"].get(name), new["modules"].get(name)
        record = after or before
        changes = _compare(name, record["workshop"], record["title"],
                           before["segments"] if before else [],
                           after["segments"] if after else [])
        if before is None:
            changes.status = "added"
        elif after is None:
            changes.status = "removed"
        changes.safety = changes.safety or (record.get("safety", False) and not changes.empty)
        if not changes.empty:
            modules.append(changes)
    other = _compare("programme", "", "Programme, tracks, glossary and services",
                     old["other"], new["other"])
    stale: dict[str, int] = {}
    fresh: dict[str, int] = {}
    for code, states in new["translations"].items():
        before = old["translations"].get(code, {})
        stale[code] = sum(
            1 for m in (*modules, other) for a, b in m.changed
            if before.get(a["id"]) in USABLE and states.get(b["id"]) not in USABLE)
        fresh[code] = sum(1 for m in (*modules, other) for s in m.added
                          if states.get(s["id"]) not in USABLE)
    return Changes(old["version"], new["version"], modules, other, stale, fresh)


def _identity(text: str) -> str:
    return text


def _quote(text: str, escape: Callable[[str], str], limit: int = 160) -> str:
    text = " ".join(text.split())
    return "“" + escape(text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def render(changes: Changes, escape: Callable[[str], str] = _identity) -> str:
    """The changes as Markdown; `escape` makes source text inert where it is rendered."""
    lines = [f"# Changes from {changes.old_version} to {changes.new_version}", ""]
    if changes.safety:
        lines += ["**⚠ Safety-critical changes: update your materials at once.**", ""]
        lines += [f"- {escape(m.title)} ({m.module})" for m in changes.safety] + [""]
    if not changes.modules and changes.other.empty:
        lines += ["No content changes.", ""]
    workshop = None
    for module in changes.modules:
        if module.workshop != workshop:
            workshop = module.workshop
            lines += [f"## {workshop}", ""]
        lines += _module(module, escape)
    if not changes.other.empty:
        lines += ["## Programme data", ""] + _module(changes.other, escape)
    lines += ["## Translations", "",
              "| locale | stale (source changed) | new, not yet translated |", "|---|---|---|"]
    for code in sorted(changes.stale):
        lines.append(f"| {code} | {changes.stale[code]} | {changes.new_untranslated[code]} |")
    return "\n".join(lines).rstrip() + "\n"


def _module(module: ModuleChanges, escape: Callable[[str], str]) -> list[str]:
    mark = "⚠ safety-critical: " if module.safety else ""
    head = f"### {mark}{escape(module.title)} ({module.module})"
    if module.status != "changed":
        head += f": module {module.status}"
    lines = [head, ""]
    for old, new in module.changed:
        lines.append(f"- Changed at {new['at']}: {_quote(old['text'], escape)} → "
                     f"{_quote(new['text'], escape)}")
    for seg in module.added:
        lines.append(f"- Added at {seg['at']}: {_quote(seg['text'], escape)}")
    for seg in module.removed:
        lines.append(f"- Removed (was at {seg['at']}): {_quote(seg['text'], escape)}")
    return lines + [""]
