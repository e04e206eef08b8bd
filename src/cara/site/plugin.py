"""The MkDocs plugin: generates the site's pages from the curriculum at build time.

`mkdocs build --strict` and `mkdocs serve` work from the project root with no extra step;
editing a module while `mkdocs serve` runs rebuilds its pages. Languages come from
`locales/locales.yml` and are handed to mkdocs-static-i18n, which builds each language with
Material's translations and direction (right-to-left for ur, ar, fa). mkdocs-static-i18n
reads pages from disk, so the pages are written to a generated folder under build/ (never
committed), rewritten only when a source file changed.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

from cara import atomic
from cara.i18n.catalogs import make_translator
from cara.project import Project
from cara.resolved import Target
from cara.site import pages
from cara.site.style import fonts_css

OVERRIDES = Path(__file__).parent / "overrides"
STYLESHEET = Path(__file__).parent / "static" / "cara.css"
CSS = ("assets/cara/cara.css", "assets/cara/fonts.css")
WATCHED = ("curriculum", "tracks", "locales", "partners", "releases")
_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([A-Za-z-]+)">')


class CaraConfig(base.Config):
    project = c.Type(str, default=".")  # the curriculum project, relative to mkdocs.yml
    build_dir = c.Type(str, default="build")  # built PDFs and decks, and the generated pages


class CaraPlugin(plugins.BasePlugin[CaraConfig]):
    def __init__(self) -> None:
        self.root: Path | None = None
        self.static: Path | None = None  # the docs_dir of mkdocs.yml: static files
        self._fingerprint = ""
        self._generated_for = ""
        self._project: Project | None = None
        self._sections: dict[str, str] = {}

    def project(self) -> Project:
        """The project, reloaded whenever a source file changed (for `mkdocs serve`)."""
        assert self.root is not None and self.static is not None
        fingerprint = _fingerprint(self.root, self.static)
        if self._project is None or fingerprint != self._fingerprint:
            from cara.cli import load_or_fail
            from cara.diagnostics import UserError

            try:
                self._project, _ = load_or_fail(self.root)
            except UserError as exc:
                raise PluginError("the curriculum has errors (run `cara check`):\n"
                                  + str(exc)) from None
            self._fingerprint = fingerprint
        return self._project

    @plugins.event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.root is None:
            base = Path(config.config_file_path).parent if config.config_file_path else Path()
            self.root = (base / self.config.project).resolve()
            self.static = Path(config.docs_dir).resolve()
        project = self.project()
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            i18n.config["languages"] = _languages(project)
            if not config.site_url:
                # the language selector reads the sitemap, whose addresses need a site URL
                raise PluginError("set site_url in mkdocs.yml (where the site is published)")
        if str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        for name in CSS:
            if name not in config.extra_css:
                config.extra_css.append(name)
        generated = project.root / self.config.build_dir / "site-src"
        if self._generated_for != self._fingerprint or not generated.is_dir():
            self.generate(project, generated, per_language=i18n is not None)
            self._generated_for = self._fingerprint
        config.docs_dir = str(generated)
        return config

    def generate(self, project: Project, folder: Path, per_language: bool) -> None:
        """Write every language's pages, downloads and the static files into `folder`."""
        from cara.i18n.stats import stats

        assert self.static is not None
        wanted: dict[str, bytes | Path] = {}
        if self.static.is_dir():
            for path in self.static.rglob("*"):
                if path.is_file():
                    wanted[path.relative_to(self.static).as_posix()] = path
        wanted[CSS[0]] = STYLESHEET
        wanted[CSS[1]] = fonts_css(project.locales).encode()
        build = (project.root / self.config.build_dir).resolve()
        data = stats(project)
        names = {k: v.name for k, v in project.locales.by_code.items()}
        codes = project.locales.codes if per_language else (project.locales.source,)
        self._sections = {}
        for code in codes:
            prefix = f"{code}/" if per_language else ""
            translator = make_translator(project, code)
            site = pages.language_pages(project, translator, _built(build, code))
            site.pages["status.md"] = pages.status_page(data, translator, names)
            site.pages.update(pages.release_pages(project.root, translator))
            wanted.update({prefix + k: v.encode() for k, v in site.pages.items()})
            wanted.update({prefix + k: Path(v) for k, v in site.downloads.items()})
            self._sections.update({prefix + k: v for k, v in site.sections.items()})
            self._sections[prefix + "releases"] = translator.gettext("Releases")
        _sync(folder, wanted)

    @plugins.event_priority(-200)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Sections take the translated titles of workshops and tracks, not folder names."""
        for section in _sections(nav.items):
            folder = _folder(section)
            if folder in self._sections:
                # MkDocs' templates do not escape: every title we hand them is escaped.
                section.title = html.escape(self._sections[folder])
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):  # noqa: ANN001
        i18n = config.plugins.get("i18n")
        default = i18n.default_language if i18n is not None else ""

        def alternate_roots(markup: str, base_url: str) -> Markup:
            def root(match: re.Match[str]) -> str:
                lang = match.group(2)
                path = base_url.rstrip("/") + "/" + ("" if lang == default else lang + "/")
                return f'<link rel="alternate" href="{html.escape(path)}" hreflang="{lang}">'
            return Markup(_ALTERNATE.sub(root, str(markup)))

        env.filters["cara_alternate_roots"] = alternate_roots
        return env

    @plugins.event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Material's language selector reads `sitemap.xml` under each language's base URL;
        mkdocs-static-i18n writes it only at the top: give every language a copy."""
        site = Path(config.site_dir)
        i18n = config.plugins.get("i18n")
        if i18n is None or getattr(i18n, "building", True) is False:
            return
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).is_file():
                for code in i18n.all_languages:
                    if (site / code).is_dir():
                        atomic.write_bytes(site / code / name, (site / name).read_bytes())

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001
        assert self.root is not None and self.static is not None
        for name in WATCHED:
            if (self.root / name).exists():
                server.watch(str(self.root / name))
        server.watch(str(self.static))
        return server


def _languages(project: Project) -> list:
    from mkdocs_static_i18n.config import I18nPluginLanguage

    out = []
    for code, info in project.locales.by_code.items():
        language = I18nPluginLanguage()
        language.load_dict({"locale": code, "name": info.name,
                            "default": code == project.locales.source, "build": True})
        failed, _ = language.validate()
        if failed:
            raise PluginError(f"locale {code}: {failed}")
        out.append(language)
    return out


def _built(build: Path, code: str):
    def find(fmt: str, target: Target, ext: str) -> str | None:
        path = build / fmt / code / f"{target.workshop}.{target.track}.{ext}"
        return str(path) if path.is_file() else None
    return find


def _sync(folder: Path, wanted: dict[str, bytes | Path]) -> None:
    """Make `folder` hold exactly `wanted`, touching only files that differ (so that
    `mkdocs serve` does not rebuild for nothing). Downloads are hard links when possible."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.rglob("*"), reverse=True):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel, content in wanted.items():
        target = folder / rel
        if isinstance(content, Path):
            if target.exists() and os.path.samefile(target, content):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:
                os.link(content, target)
            except OSError:
                atomic.write_bytes(target, content.read_bytes())
        elif not target.is_file() or target.read_bytes() != content:
            atomic.write_bytes(target, content)


def _sections(items: list) -> list[Section]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found.append(item)
            found.extend(_sections(item.children))
    return found


def _folder(section: Section) -> str:
    """The folder a section stands for: the deepest folder shared by its pages."""
    paths = []

    def collect(items: list) -> None:
        for item in items:
            if isinstance(item, Section):
                collect(item.children)
            elif getattr(item, "file", None) is not None:
                paths.append(item.file.src_uri.split("/")[:-1])
    collect(section.children)
    if not paths:
        return ""
    common = paths[0]
    for parts in paths[1:]:
        size = 0
        while size < min(len(common), len(parts)) and common[size] == parts[size]:
            size += 1
        common = common[:size]
    return "/".join(common)


def _fingerprint(root: Path, static: Path) -> str:
    digest = hashlib.sha256()
    for folder in (*(root / name for name in WATCHED), static):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return digest.hexdigest()
