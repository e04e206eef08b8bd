"""A release snapshot: every segment's source text and every locale's translation state.

Kept in the repository (`releases/VERSION.json`) so later versions can be compared without
the old build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
from pathlib import Path

from cara.i18n.catalogs import locale_files, read_catalog
from cara.i18n.keys import split_gendered
from cara.i18n.segments import project_segments
from cara.i18n.states import state_of
from cara.project import Project
from cara.reproducible import build_epoch

FOLDER = "releases"
FORMAT = 1
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def version_key(version: str) -> tuple[int, int, int]:
    match = _VERSION.match(version)
    if not match:
        raise ValueError(f"not a semantic version: {version!r}")
    return (int(match.group(1)), int(match.group(2)), int(match.group(3)))


def segment_id(context: str, msgid: str) -> str:
    return hashlib.sha256(f"{context}\x04{msgid}".encode()).hexdigest()[:16]


def source_commit(root: Path) -> str:
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=False)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--",
                                "curriculum", "tracks", "locales", "partners"],
                               capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def take(project: Project) -> dict:
    """The snapshot of the project as it is now."""
    modules: dict[str, dict] = {}
    other: list[dict] = []
    for segment in project_segments(project):
        if not segment.msgid.strip():
            continue
        entry = {"id": segment_id(segment.context, segment.msgid), "text": segment.msgid,
                 "at": segment.location, "what": segment.note}
        if segment.context in project.modules:
            module = project.modules[segment.context]
            record = modules.setdefault(module.id, {
                "workshop": module.workshop, "title": str(module.title.text),
                "safety": module.safety_critical, "segments": []})
            if "facilitator-only" in segment.note or module.safety_critical:
                entry["safety"] = True
            if entry["id"] not in {s["id"] for s in record["segments"]}:
                record["segments"].append(entry)
        elif entry["id"] not in {s["id"] for s in other}:
            other.append(entry)
    return {
        "format": FORMAT,
        "programme": project.programme.id,
        "version": project.programme.version,
        "commit": source_commit(project.root),
        "date": dt.datetime.fromtimestamp(build_epoch(project.root), dt.UTC).isoformat(),
        "modules": modules,
        "other": other,
        "translations": translation_states(project),
    }


def translation_states(project: Project) -> dict[str, dict[str, str]]:
    """Locale -> segment id -> worst state among its entries (gendered forms included)."""
    order = ["untranslated", "fuzzy", "draft", "needs-review", "approved"]
    out: dict[str, dict[str, str]] = {}
    for code in project.locales.targets:
        states: dict[str, str] = {}
        for rel in locale_files(project.root, code):
            if rel.endswith("/ui.po"):
                continue
            for message in read_catalog(project.root, rel, code):
                if not message.id or not isinstance(message.id, str):
                    continue
                base, _ = split_gendered(message.context or "")
                sid = segment_id(base, message.id)
                state = state_of(message.string, message.flags, message.user_comments).value
                if sid not in states or order.index(state) < order.index(states[sid]):
                    states[sid] = state
        out[code] = dict(sorted(states.items()))
    return out


def path_for(version: str) -> str:
    return f"{FOLDER}/{version}.json"


def load(root: Path, version: str) -> dict:
    return json.loads((root / path_for(version)).read_text(encoding="utf-8"))


def dumps(snapshot: dict) -> str:
    return json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def versions(root: Path) -> list[str]:
    folder = root / FOLDER
    found = [p.stem for p in folder.glob("*.json")] if folder.is_dir() else []
    return sorted((v for v in found if _VERSION.match(v)), key=version_key)
