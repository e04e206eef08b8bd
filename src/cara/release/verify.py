"""`cara verify`: a partner checks a pack: signature, every hash, nothing missing or extra,
and that it is not older than what they already hold."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from cara.diagnostics import UserError
from cara.release import signing
from cara.release.pack import MANIFEST, PACK_FORMAT, SIGNATURE
from cara.release.snapshot import version_key
from cara.release.zipfiles import read_zip


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    changelog: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(pack_path: Path, public_key: Path, installed: str | None = None) -> Verdict:
    verdict = Verdict()
    key = signing.load_public(public_key)
    try:
        data = pack_path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {pack_path}: {exc}") from None
    try:
        files = read_zip(data)
    except UserError as exc:
        verdict.problems.append(str(exc))
        return verdict
    manifest_bytes = files.pop(MANIFEST, None)
    signature = files.pop(SIGNATURE, None)
    if manifest_bytes is None or signature is None:
        verdict.problems.append(f"the pack has no {MANIFEST} or no {SIGNATURE}")
        return verdict
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if not signing.valid(key, raw, manifest_bytes):
        verdict.problems.append("the signature does not match the manifest: the pack was "
                                "changed or signed with another key")
        return verdict
    try:
        manifest = json.loads(manifest_bytes)
        listed = {item["path"]: item for item in manifest["files"]}
        version = manifest["programme"]["version"]
    except (ValueError, KeyError, TypeError) as exc:
        verdict.problems.append(f"the manifest cannot be read: {exc}")
        return verdict
    verdict.manifest = manifest
    if manifest.get("pack_format") != PACK_FORMAT:
        verdict.problems.append(f"unknown pack format {manifest.get('pack_format')!r}")
    for name, item in sorted(listed.items()):
        content = files.get(name)
        if content is None:
            verdict.problems.append(f"missing file: {name}")
        elif len(content) != item.get("size") or hashlib.sha256(content).hexdigest() != (
                item.get("sha256")):
            verdict.problems.append(f"file changed: {name} (hash or size differs)")
    for name in sorted(set(files) - set(listed)):
        verdict.problems.append(f"file not in the manifest: {name}")
    try:
        if installed and version_key(version) < version_key(installed):
            verdict.problems.append(f"the pack is version {version}, older than version "
                                    f"{installed} you already hold")
        minimum = manifest.get("min_version")
        if minimum and version_key(version) < version_key(minimum):
            verdict.problems.append(f"the pack is version {version}, below the minimum "
                                    f"{minimum} its licence requires")
    except ValueError as exc:
        verdict.problems.append(str(exc))
    verdict.changelog = files.get("CHANGELOG.md", b"").decode("utf-8", "replace")
    return verdict
