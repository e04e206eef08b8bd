"""`cara pack`: the licensed subset of a release for one partner, as one signed zip.

Refused (with everything that is missing) when the licence has expired, when a licensed
locale has untranslated or fuzzy text, or when it has draft text the licence does not
allow. Two packs built from the same commit are byte-identical.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path

from cara import atomic
from cara.diagnostics import UserError
from cara.i18n.catalogs import make_translator
from cara.model import Rich
from cara.project import Project
from cara.release import changelog, signing, snapshot
from cara.release.zipfiles import write_zip
from cara.reproducible import build_epoch
from cara.resolve import resolve_workshop
from cara.resolved import ResolvedWorkshop, Target
from cara.runner import run
from cara.targets import Job

PACK_FORMAT = 1
FORMATS = ("manual", "handouts", "slides")
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"


def _rich_values(node: object) -> Iterator[Rich]:
    if isinstance(node, Rich):
        yield node
    elif isinstance(node, tuple | list):
        for item in node:
            yield from _rich_values(item)
    elif is_dataclass(node) and not isinstance(node, type):
        for f in fields(node):
            if f.repr:
                yield from _rich_values(getattr(node, f.name))


def shown_states(workshop: ResolvedWorkshop) -> dict[str, Counter[str]]:
    """Module id (or 'programme') -> how many shown segments are in each state."""
    out: dict[str, Counter[str]] = {}
    for module in workshop.modules:
        out[module.id] = Counter("fallback" if r.lang else r.state
                                 for r in _rich_values(module))
    rest = Counter("fallback" if r.lang else r.state for r in _rich_values(
        (workshop.programme_title, workshop.title, workshop.track_title, workshop.glossary,
         workshop.services, workshop.partner, [e.title for e in workshop.schedule])))
    out["programme"] = rest
    return out


def watermark_text(project: Project, partner_id: str, preview: bool) -> str:
    partner = project.partners[partner_id]
    text = (f"Licensed to {partner.name.text}, licence {partner.licence.id}, valid until "
            f"{partner.licence.expires.isoformat()}, version {project.programme.version}")
    return "PREVIEW, NOT FOR DELIVERY. " + text if preview else text


def check_release(project: Project, version: str) -> dict:
    if version != project.programme.version:
        raise UserError(f"curriculum/programme.yml is at version "
                        f"{project.programme.version}, not {version}; check out the commit "
                        f"of release {version}")
    if not (project.root / snapshot.path_for(version)).exists():
        raise UserError(f"release {version} is not recorded; run `cara release {version}` "
                        "first")
    recorded = snapshot.load(project.root, version)
    current = snapshot.take(project)
    for part in ("modules", "other", "translations"):
        if current[part] != recorded[part]:
            raise UserError(f"the {part} differ from what release {version} recorded "
                            f"(commit {recorded['commit']}); check out that commit or record "
                            "a new version")
    return recorded


def gate(project: Project, jobs: list[Job], allow_draft: bool) -> list[str]:
    """Everything that stops a pack: untranslated, fuzzy or (unless allowed) draft text."""
    problems: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    translators = {}
    for job in jobs:
        target = job.target
        if (target.workshop, target.track, target.locale) in seen:
            continue
        seen.add((target.workshop, target.track, target.locale))
        if target.locale not in translators:
            translators[target.locale] = make_translator(project, target.locale)
        workshop = resolve_workshop(project, target, translators[target.locale])
        for module, states in shown_states(workshop).items():
            where = f"{target.locale}, {target.workshop}, {target.track}, {module}"
            if states["fallback"]:
                problems.append(f"{where}: {states['fallback']} segment(s) untranslated or "
                                "fuzzy")
            unreviewed = states["draft"] + states["needs-review"]
            if unreviewed and not allow_draft:
                problems.append(f"{where}: {unreviewed} segment(s) in draft or needs-review "
                                "(the licence does not allow drafts; use --allow-draft for a "
                                "marked preview)")
    return problems


def changelog_text(project: Project, version: str) -> str:
    versions = [v for v in snapshot.versions(project.root)
                if snapshot.version_key(v) <= snapshot.version_key(version)]
    parts = [f"# Changelog of {project.programme.title.text}", ""]
    for older, newer in reversed(list(zip(versions, versions[1:], strict=False))):
        text = changelog.render(changelog.diff(snapshot.load(project.root, older),
                                               snapshot.load(project.root, newer)))
        parts.append("\n".join("#" + line if line.startswith("#") else line
                               for line in text.splitlines()) + "\n")
    parts.append(f"## {versions[0] if versions else version}\n\nFirst release.\n")
    return "\n".join(parts)


def licence_text(project: Project, partner_id: str, preview: bool) -> str:
    partner = project.partners[partner_id]
    lic = partner.licence
    lines = [
        f"{project.programme.title.text}, version {project.programme.version}",
        "",
        f"Licensed to: {partner.name.text}",
        f"Region: {partner.region.text}",
        f"Licence: {lic.id}",
        f"Valid until: {lic.expires.isoformat()}",
        f"Languages: {', '.join(lic.locales)}",
        f"Tracks: {', '.join(lic.tracks)}",
        f"Draft translations allowed: {'yes' if lic.allow_draft else 'no'}",
        "",
        "These materials are licensed to the partner named above for delivering the programme",
        "in its region, in the languages and tracks listed, until the date above. They may not",
        "be passed on, sold or published. Every page carries the licensee's watermark.",
    ]
    if preview:
        lines += ["", "PREVIEW: this pack contains unreviewed translation and is not for "
                  "delivery to participants."]
    if partner.sample:
        lines += ["", "Sample data: this partner and its services are fictional."]
    return "\n".join(lines) + "\n"


def pack(project: Project, version: str, partner_id: str, key_path: Path, out: Path,
         allow_draft: bool = False, today: dt.date | None = None,
         formats: tuple[str, ...] = FORMATS, workers: int | None = None) -> Path:
    if partner_id not in project.partners:
        raise UserError(f"unknown partner {partner_id!r}; known: "
                        f"{', '.join(project.partners)}")
    key = signing.load_private(key_path)
    partner = project.partners[partner_id]
    lic = partner.licence
    today = today or dt.date.today()
    problems = []
    if lic.expires < today:
        problems.append(f"the licence {lic.id} expired on {lic.expires.isoformat()}")
    recorded = check_release(project, version)
    jobs = [Job(Target(w.id, track, code, partner_id), fmt) for fmt in formats
            for w in project.programme.workshops for track in lic.tracks
            for code in lic.locales]
    drafts_ok = lic.allow_draft or allow_draft
    problems += gate(project, jobs, drafts_ok)
    if problems:
        raise UserError("pack refused; missing:\n  " + "\n  ".join(problems))
    preview = allow_draft and not lic.allow_draft
    epoch = int(dt.datetime.fromisoformat(recorded["date"]).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    build_epoch.cache_clear()
    mark = watermark_text(project, partner_id, preview)
    with tempfile.TemporaryDirectory(prefix="cara-pack-") as tmp:
        summary = run(project, jobs, Path(tmp), workers, watermark=lambda job: mark,
                      use_cache=False)
        if summary.failed:
            raise UserError("pack not built: " + "; ".join(
                f"{r.job.label}: {r.message}" for r in summary.failed))
        base = Path(tmp) / "partners" / partner_id
        files = {f"documents/{p.relative_to(base).as_posix()}": p.read_bytes()
                 for p in sorted(base.rglob("*")) if p.is_file()}
    files["LICENCE.txt"] = licence_text(project, partner_id, preview).encode()
    files["CHANGELOG.md"] = changelog_text(project, version).encode()
    manifest = {
        "pack_format": PACK_FORMAT,
        "programme": {"id": project.programme.id, "title": str(project.programme.title.text),
                      "version": version},
        "partner": {"id": partner_id, "name": str(partner.name.text)},
        "licence": {"id": lic.id, "locales": list(lic.locales), "tracks": list(lic.tracks),
                    "expires": lic.expires.isoformat(), "allow_draft": lic.allow_draft},
        "min_version": lic.min_version,
        "preview": preview,
        "build_date": recorded["date"],
        "source_commit": recorded["commit"],
        "files": [{"path": name, "size": len(data),
                   "sha256": hashlib.sha256(data).hexdigest()}
                  for name, data in sorted(files.items())],
    }
    manifest_bytes = (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False)
                      + "\n").encode()
    files[MANIFEST] = manifest_bytes
    files[SIGNATURE] = base64.b64encode(signing.sign(key, manifest_bytes)) + b"\n"
    name = f"{project.programme.id}-{version}-{partner_id}{'-preview' if preview else ''}.zip"
    path = out / name
    atomic.write_bytes(path, write_zip(files, epoch))
    return path
