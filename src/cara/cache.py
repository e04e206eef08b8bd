"""Build cache: a key per target from exactly what it depends on, kept under build/.

A key hashes the resolved workshop (content, translations, terms, partner overlay), the
builder's templates and stylesheets, the fonts of the locale, the UI strings of the locale,
and the versions of cara and of the renderers. Content hashes, not modification times, so
a fresh clone behaves like the working copy. The manifest is rewritten atomically after
every finished target: an interrupted build leaves it consistent.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from cara import __version__, atomic
from cara.builders import Builder
from cara.fonts import fingerprint
from cara.resolved import ResolvedWorkshop

MANIFEST = ".cara-cache.json"
RENDERERS = ("weasyprint", "pydyf", "python-pptx", "fonttools", "uharfbuzz", "jinja2",
             "markdown-it-py", "babel")
PACKAGE = Path(__file__).parent


@cache
def renderer_versions() -> str:
    versions = []
    for name in RENDERERS:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return f"cara={__version__};" + ";".join(versions)


@cache
def file_digest(path: str) -> str:
    data = Path(path).read_bytes() if Path(path).is_file() else b""
    return hashlib.sha256(data).hexdigest()


@cache
def builder_inputs(builder_name: str, inputs: tuple[str, ...], module_file: str) -> str:
    """Hash of the builder's own code, templates and stylesheets."""
    digest = hashlib.sha256(builder_name.encode())
    for rel in (module_file, *inputs):
        path = PACKAGE / rel if not Path(rel).is_absolute() else Path(rel)
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in
                       p.parts) if path.is_dir() else [path]
        for item in files:
            digest.update(str(item.relative_to(PACKAGE) if item.is_relative_to(PACKAGE)
                              else item).encode())
            digest.update(file_digest(str(item)).encode())
    return digest.hexdigest()


def ui_digest(workshop: ResolvedWorkshop) -> str:
    entries = sorted((k[1], repr(v)) for k, v in workshop.ui.entries.items() if k[0] == "")
    return hashlib.sha256(repr(entries).encode()).hexdigest()


@cache
def assets_digest(folder: str) -> str:
    """Images a document may embed live in one folder: hash all of it (it is small)."""
    root = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")) if root.is_dir() else ():
        if path.is_file():
            digest.update(f"{path.relative_to(root)}={file_digest(str(path))};".encode())
    return digest.hexdigest()


def target_key(builder: Builder, workshop: ResolvedWorkshop) -> str:
    digest = hashlib.sha256()
    for part in (renderer_versions(),
                 builder_inputs(builder.name, builder.inputs, _module_file(builder)),
                 fingerprint(workshop.locale.fonts + workshop.source_info.fonts),
                 ui_digest(workshop),
                 assets_digest(workshop.assets),
                 repr(workshop)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


# Source files every document may read, and the per-locale catalogs (relative to the root).
SHARED_SOURCES = ("curriculum", "tracks", "partners", "locales/locales.yml")


def _tree_digest(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else (
            [path] if path.is_file() else [])
        for item in files:
            digest.update(f"{item.relative_to(root)}:{file_digest_uncached(item)};".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class SourceDigests:
    """Content hashes of the sources, read once per build: the shared ones and each
    locale's catalogs. They give every target a quick key that needs no resolution."""

    shared: str
    locales: dict[str, str]

    @classmethod
    def of(cls, root: Path, codes: tuple[str, ...]) -> SourceDigests:
        shared = _tree_digest([root / name for name in SHARED_SOURCES], root)
        return cls(shared, {code: _tree_digest([root / "locales" / code], root)
                            for code in codes})


def quick_key(builder: Builder, target: object, fonts: tuple[str, ...],
              sources: SourceDigests, locale: str, watermark: str | None) -> str:
    """A target's key from the files it may read (coarser than `target_key`, which looks
    at the resolved content): when it matches, nothing the target reads has changed."""
    digest = hashlib.sha256()
    for part in (renderer_versions(),
                 builder_inputs(builder.name, builder.inputs, _module_file(builder)),
                 fingerprint(fonts), sources.shared, sources.locales.get(locale, ""),
                 repr(target), repr(watermark)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _module_file(builder: Builder) -> str:
    module = type(builder).__module__.removeprefix("cara.").replace(".", "/")
    path = PACKAGE / f"{module}.py"
    return str(path if path.exists() else PACKAGE / module)


@dataclass
class Manifest:
    """What each output was built from: path -> key, output hash, seconds taken."""

    path: Path
    entries: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / MANIFEST
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries)

    def _name(self, output: Path) -> str:
        try:
            return output.relative_to(self.path.parent).as_posix()
        except ValueError:
            return str(output)

    def fresh(self, output: Path, key: str) -> bool:
        """The output exists, is what we built, and was built from this key. (Inputs are
        compared by content; the output's own size and time only spare re-reading it.)"""
        entry = self.entries.get(self._name(output))
        if not entry or entry.get("key") != key or not output.is_file():
            return False
        stat = output.stat()
        if entry.get("stamp") == [stat.st_size, stat.st_mtime_ns]:
            return True
        return entry.get("sha256") == file_digest_uncached(output)

    def record(self, output: Path, key: str, seconds: float, quick: str = "") -> None:
        stat = output.stat()
        self.entries[self._name(output)] = {
            "key": key, "quick": quick, "sha256": file_digest_uncached(output),
            "seconds": round(seconds, 3), "stamp": [stat.st_size, stat.st_mtime_ns]}

    def quick_fresh(self, output: Path, quick: str) -> bool:
        """Nothing the output reads changed since it was built or last checked."""
        entry = self.entries.get(self._name(output))
        return bool(entry and quick and entry.get("quick") == quick) and self.fresh(
            output, entry["key"])

    def restamp(self, output: Path, quick: str) -> bool:
        """Remember a checked output's size and time (so the next check needs no read)
        and the quick key it was found fresh under."""
        entry = self.entries.get(self._name(output))
        if entry is None or not output.is_file():
            return False
        stat = output.stat()
        stamp = [stat.st_size, stat.st_mtime_ns]
        if entry.get("stamp") == stamp and entry.get("quick") == quick:
            return False
        entry["stamp"], entry["quick"] = stamp, quick
        return True

    def seconds(self, output: Path) -> float | None:
        entry = self.entries.get(self._name(output))
        return entry.get("seconds") if entry else None

    def save(self) -> None:
        atomic.write_text(self.path, json.dumps(self.entries, indent=0, sort_keys=True))


def file_digest_uncached(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
