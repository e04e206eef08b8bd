"""`cara build --format site`: the same MkDocs build as `mkdocs build --strict`, into
OUT/site. A project without mkdocs.yml gets a default configuration."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from pathlib import Path

from cara.cache import Manifest, builder_inputs, file_digest_uncached, renderer_versions
from cara.diagnostics import UserError
from cara.project import Project

DEFAULT_CONFIG = """
site_name: {title}
site_url: https://curriculum.example.org/
docs_dir: {static}
theme:
  name: material
  font: false
  features: [navigation.indexes, navigation.top, search.highlight, toc.follow]
plugins:
  - cara:
      project: {root}
      build_dir: {out}
  - search
  - i18n:
      docs_structure: folder
      reconfigure_material: true
      fallback_to_default: true
      languages: [{{locale: {source}, default: true, name: {source}}}]
markdown_extensions: [tables, {{toc: {{permalink: true}}}}]
"""


SOURCES = ("curriculum", "tracks", "locales", "partners", "releases", "docs", "mkdocs.yml")
MANIFEST_KEY = "site/"


def site_key(project: Project, manifest: Manifest) -> str:
    """What the site is built from: every source file's content, cara's code and the
    documents it offers for download (by their recorded hashes)."""
    digest = hashlib.sha256(renderer_versions().encode())
    digest.update(builder_inputs("site", ("site", "builders/html.py", "timefmt.py",
                                          "locales.py"), str(Path(__file__))).encode())
    for name in SOURCES:
        path = project.root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else (
            [path] if path.is_file() else [])
        for item in files:
            digest.update(f"{item.relative_to(project.root)}:{file_digest_uncached(item)};"
                          .encode())
    for name, entry in sorted(manifest.entries.items()):
        if name != MANIFEST_KEY:
            digest.update(f"{name}:{entry.get('sha256')};".encode())
    return digest.hexdigest()


def build_site(project: Project, out: Path) -> bool:
    """Build the website into OUT/site unless nothing it depends on changed; warnings fail
    it (strict) and are printed. Returns whether it was built."""
    manifest = Manifest.load(out)
    key = site_key(project, manifest)
    site_dir = (out / "site").resolve()
    entry = manifest.entries.get(MANIFEST_KEY)
    if entry and entry.get("key") == key and (site_dir / "index.html").is_file():
        return False
    _mkdocs_build(project, out, site_dir)
    manifest = Manifest.load(out)
    manifest.entries[MANIFEST_KEY] = {"key": key}
    manifest.save()
    return True


def _mkdocs_build(project: Project, out: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = project.root / "mkdocs.yml"
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("site: %(levelname)s: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        if config_file.exists():
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            plugin = config.plugins.get("cara")
            if plugin is not None:
                plugin.config["build_dir"] = str(out.resolve())
        else:
            static = out / "site-static"
            static.mkdir(parents=True, exist_ok=True)
            text = DEFAULT_CONFIG.format(
                title=json.dumps(str(project.programme.title.text)),
                static=json.dumps(str(static.resolve())), root=json.dumps(str(project.root)),
                out=json.dumps(str(out.resolve())), source=project.locales.source)
            config = load_config(io.StringIO(text), site_dir=str(site_dir), strict=True)
        build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        raise UserError(f"the site was not built: {exc}") from None
    finally:
        logger.removeHandler(handler)
