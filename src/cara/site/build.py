"""`cara build --format site`: the same MkDocs build as `mkdocs build --strict`, into
OUT/site. A project without mkdocs.yml gets a default configuration."""

from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path

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


def build_site(project: Project, out: Path) -> Path:
    """Build the website into OUT/site; warnings fail it (strict), and are printed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = (out / "site").resolve()
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
    return site_dir
