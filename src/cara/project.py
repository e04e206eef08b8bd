"""Load a whole project: programme, workshops, modules, tracks, locales, partners, glossary.

Loading gathers every problem before reporting (like MkDocs' config validation): the
result is a `Project` plus the diagnostics; callers decide whether errors stop them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cara import yamlfile
from cara.diagnostics import Diagnostics, Location, UserError
from cara.glossary import GlossaryEntry, load_glossary
from cara.locales import Locales, load_locales
from cara.model import Break, Item, Module, ModuleRef, Programme, Span, Workshop
from cara.parsing import parse_module
from cara.partners import Partner, ServiceDirectory, load_directory, load_partners
from cara.tracks import Axes, Track, load_axes, load_tracks

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_FILE = re.compile(r"^\d+-(.+)\.md$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ASSETS = "curriculum/assets"


@dataclass(frozen=True)
class Project:
    root: Path
    programme: Programme
    axes: Axes = field(hash=False)
    tracks: dict[str, Track] = field(hash=False)
    locales: Locales
    partners: dict[str, Partner] = field(hash=False)
    glossary: tuple[GlossaryEntry, ...]
    services: ServiceDirectory

    @property
    def modules(self) -> dict[str, Module]:
        return self.programme.modules

    def workshop(self, workshop_id: str) -> Workshop:
        return next(w for w in self.programme.workshops if w.id == workshop_id)


def load_project(root: Path) -> tuple[Project | None, Diagnostics]:
    """Load everything under `root`; None when the project is too broken to use."""
    diagnostics = Diagnostics()
    root = root.resolve()
    if not (root / "curriculum" / "programme.yml").exists():
        diagnostics.error(Location("curriculum/programme.yml"), "no curriculum here: "
                          f"{root} has no curriculum/programme.yml (use --project DIR)",
                          "project.missing")
        return None, diagnostics
    axes = load_axes(root, diagnostics)
    programme = _programme(root, axes, diagnostics)
    if programme is None:
        return None, diagnostics
    tracks = load_tracks(root, axes, diagnostics)
    locales = load_locales(root, programme.source_locale, axes, diagnostics)
    services = load_directory(root, diagnostics)
    partners = load_partners(root, services.categories, diagnostics)
    glossary = load_glossary(root, diagnostics)
    project = Project(root, programme, axes, tracks, locales, partners, glossary, services)
    return project, diagnostics


def _programme(root: Path, axes: Axes, diagnostics: Diagnostics) -> Programme | None:
    rel = "curriculum/programme.yml"
    try:
        data = yamlfile.load(root, rel)
    except UserError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
    f = yamlfile.Fields(data, rel, diagnostics, "programme")
    f.unknown(("id", "title", "version", "source_locale", "workshops"))
    workshop_ids = f.strs("workshops", required=True)
    modules: dict[str, Module] = {}
    workshops = []
    for wid, line in workshop_ids:
        if not _ID.match(wid):
            diagnostics.error(Location(rel, line), f"workshop id {wid!r} must be lowercase "
                              "letters, digits and hyphens (it names a folder)", "workshop.id")
            continue
        workshop = _workshop(root, wid, Location(rel, line), axes, modules, diagnostics)
        if workshop is not None:
            workshops.append(workshop)
    version = f.str("version", default="0.0.0") or "0.0.0"
    if not re.match(r"^\d+\.\d+\.\d+$", version):
        diagnostics.error(f.loc("version"), f"version {version!r} must be MAJOR.MINOR.PATCH",
                          "programme.version")
    return Programme(
        id=f.str("id") or "programme",
        location=Location(rel, 1),
        title=Span(f.loc("title"), f.str("title") or ""),
        version=version,
        source_locale=f.str("source_locale", default="en") or "en",
        workshops=tuple(workshops),
        modules=modules,
    )


def _workshop(root: Path, wid: str, where: Location, axes: Axes, modules: dict[str, Module],
              diagnostics: Diagnostics) -> Workshop | None:
    rel = f"curriculum/{wid}/workshop.yml"
    if not (root / rel).exists():
        diagnostics.error(where, f"workshop {wid!r} has no {rel}; create it or remove "
                          "the workshop from the list", "workshop.missing")
        return None
    try:
        data = yamlfile.load(root, rel)
    except UserError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
    own = _modules_in(root, wid, axes, modules, diagnostics)
    unreadable = {m.group(1) for p in (root / "curriculum" / wid).glob("*.md")
                  if (m := _FILE.match(p.name)) and m.group(1) not in own}
    f = yamlfile.Fields(data, rel, diagnostics, "workshop")
    f.unknown(("title", "start", "end", "modules"))
    start = _time(f, "start", required=True) or 0
    end = _time(f, "end", required=False)
    items: list[Item] = []
    if not f.has("modules"):
        diagnostics.error(f.loc(), "workshop: 'modules' is missing; list the modules and "
                          "breaks of the day", "yaml.missing")
    raw = f.raw("modules", [])
    if not isinstance(raw, list):
        diagnostics.error(f.loc("modules"), "'modules' must be a list", "workshop.modules")
        raw = []
    for i, entry in enumerate(raw):
        loc = Location(rel, yamlfile.line_of(raw, i) or f.loc("modules").line)
        if isinstance(entry, str):
            if entry not in own and entry not in unreadable:
                where_else = modules.get(entry)
                hint = (f"it is in {where_else.path}; move the file into curriculum/{wid}/"
                        if where_else else f"add curriculum/{wid}/NN-{entry}.md")
                diagnostics.error(loc, f"unknown module {entry!r}; {hint}", "workshop.module")
            items.append(ModuleRef(loc, entry))
        elif isinstance(entry, dict) and "break" in entry:
            b = yamlfile.Fields(entry, rel, diagnostics, "break")
            b.unknown(("break", "minutes"))
            minutes = b.int("minutes") or 0
            if minutes <= 0:
                diagnostics.error(loc, "a break needs minutes: a whole number above 0",
                                  "workshop.break")
            items.append(Break(loc, Span(loc, b.str("break") or ""), max(0, minutes)))
        else:
            diagnostics.error(loc, "each entry must be a module id or "
                              "{break: LABEL, minutes: N}", "workshop.modules")
    return Workshop(wid, Location(rel, 1), Span(f.loc("title"), f.str("title") or wid),
                    start, end, tuple(items))


def _modules_in(root: Path, wid: str, axes: Axes, modules: dict[str, Module],
                diagnostics: Diagnostics) -> set[str]:
    own: set[str] = set()
    for path in sorted((root / "curriculum" / wid).glob("*.md")):
        rel = f"curriculum/{wid}/{path.name}"
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            diagnostics.error(Location(rel), "not valid UTF-8; save it as UTF-8",
                              "file.encoding")
            continue
        module = parse_module(text, rel, wid, axes, diagnostics)
        if module is None:
            continue
        match = _FILE.match(path.name)
        if match and match.group(1) != module.id:
            diagnostics.warning(module.title.location, f"file name says {match.group(1)!r} but "
                                f"the module id is {module.id!r}", "module.file-name")
        if module.id in modules:
            diagnostics.error(module.location, f"duplicate module id {module.id!r}, also in "
                              f"{modules[module.id].path}; ids must be unique", "module.duplicate")
            continue
        modules[module.id] = module
        own.add(module.id)
    return own


def _time(f: yamlfile.Fields, key: str, required: bool) -> int | None:
    if not f.has(key):
        if required:
            f.diagnostics.error(f.loc(), f"workshop: '{key}' is missing; add e.g. "
                                f"{key}: \"09:30\"", "yaml.missing")
        return None
    value = f.raw(key)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return value  # YAML 1.1 reads an unquoted 09:30 as sexagesimal 570: minutes already
    match = _TIME.match(str(value))
    if not match:
        f.diagnostics.error(f.loc(key), f"{key} {value!r} must be a time like \"09:30\"",
                            "workshop.time")
        return None
    return int(match.group(1)) * 60 + int(match.group(2))
