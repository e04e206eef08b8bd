"""Variant axes and tracks: data, not code. A track picks one value per axis."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cara import yamlfile
from cara.diagnostics import Diagnostics, Location, UserError
from cara.model import Span

Axes = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class ModuleChange:
    location: Location
    module: str
    after: str | None = None  # for add and move: place after this module (None: at the end)


@dataclass(frozen=True)
class Track:
    id: str
    location: Location
    title: Span
    axes: dict[str, str] = field(hash=False)
    terms: dict[str, Span] = field(hash=False)
    drop: tuple[ModuleChange, ...] = ()
    add: tuple[ModuleChange, ...] = ()
    move: tuple[ModuleChange, ...] = ()


def load_axes(root: Path, diagnostics: Diagnostics) -> Axes:
    rel = "tracks/axes.yml"
    try:
        data = yamlfile.load(root, rel)
    except UserError as exc:
        diagnostics.extend(exc.diagnostics)
        return {}
    axes: Axes = {}
    if not isinstance(data, dict) or not data:
        diagnostics.error(Location(rel, 1), "axes.yml must map each axis to its list of values, "
                          "e.g. 'gender: [male, female]'", "track.axes")
        return axes
    for name, values in data.items():
        line = yamlfile.line_of(data, name)
        if not isinstance(values, list) or not values or not all(
                isinstance(v, str) for v in values):
            diagnostics.error(Location(rel, line), f"axis {name!r} needs a list of values",
                              "track.axes")
            continue
        axes[str(name)] = tuple(values)
    return axes


def load_tracks(root: Path, axes: Axes, diagnostics: Diagnostics) -> dict[str, Track]:
    tracks: dict[str, Track] = {}
    for path in sorted((root / "tracks").glob("*.yml")):
        if path.name == "axes.yml":
            continue
        rel = f"tracks/{path.name}"
        try:
            data = yamlfile.load(root, rel)
        except UserError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        track = _track(path.stem, rel, data, axes, diagnostics)
        if track is not None:
            tracks[track.id] = track
    if not tracks:
        diagnostics.error(Location("tracks"), "no tracks; add a file tracks/<id>.yml",
                          "track.none")
    return tracks


def _track(track_id: str, rel: str, data: object, axes: Axes,
           diagnostics: Diagnostics) -> Track | None:
    f = yamlfile.Fields(data, rel, diagnostics, "track")
    f.unknown(("title", "axes", "terms", "modules"))
    title = f.str("title", default=track_id)
    chosen: dict[str, str] = {}
    raw_axes = f.raw("axes", {})
    if not isinstance(raw_axes, dict):
        diagnostics.error(f.loc("axes"), "'axes' must map each axis to one value", "track.axes")
        raw_axes = {}
    for name, value in raw_axes.items():
        loc = Location(rel, yamlfile.line_of(raw_axes, name))
        if name not in axes:
            diagnostics.error(loc, f"unknown axis {name!r} (known: {', '.join(axes)}); "
                              "declare it in tracks/axes.yml", "variant.unknown-axis")
        elif value not in axes[name]:
            diagnostics.error(loc, f"unknown value {value!r} for axis {name!r} (known: "
                              f"{', '.join(axes[name])})", "variant.unknown-value")
        else:
            chosen[name] = value
    for name in axes:
        if name not in raw_axes:
            diagnostics.error(f.loc("axes"), f"track does not choose a value for axis {name!r}",
                              "track.axes")
    terms: dict[str, Span] = {}
    raw_terms = f.raw("terms", {}) or {}
    if not isinstance(raw_terms, dict):
        diagnostics.error(f.loc("terms"), "'terms' must map names to texts", "track.terms")
        raw_terms = {}
    for name, value in raw_terms.items():
        loc = Location(rel, yamlfile.line_of(raw_terms, name))
        if not isinstance(value, str):
            diagnostics.error(loc, f"term {name!r} must be a text", "track.terms")
            continue
        terms[str(name)] = Span(loc, value.strip())
    changes = _changes(f.raw("modules", {}) or {}, rel, f.loc("modules"), diagnostics)
    return Track(track_id, Location(rel, 1), Span(f.loc("title"), title or track_id), chosen,
                 terms, **changes)


def _changes(raw: object, rel: str, loc: Location,
             diagnostics: Diagnostics) -> dict[str, tuple[ModuleChange, ...]]:
    out: dict[str, tuple[ModuleChange, ...]] = {"drop": (), "add": (), "move": ()}
    if not isinstance(raw, dict):
        diagnostics.error(loc, "'modules' must have drop, add or move lists", "track.modules")
        return out
    for key, value in raw.items():
        kloc = Location(rel, yamlfile.line_of(raw, key))
        if key not in out:
            diagnostics.error(kloc, f"unknown module change {key!r}; use drop, add or move",
                              "track.modules")
            continue
        if not isinstance(value, list):
            diagnostics.error(kloc, f"'{key}' must be a list", "track.modules")
            continue
        items = []
        for i, item in enumerate(value):
            iloc = Location(rel, yamlfile.line_of(value, i) or kloc.line)
            if isinstance(item, str) and key == "drop":
                items.append(ModuleChange(iloc, item))
            elif isinstance(item, dict) and isinstance(item.get("module"), str) and key != "drop":
                after = item.get("after")
                if key == "add" and not after:
                    diagnostics.error(iloc, "'add' needs after: MODULE (the module it follows, "
                                      "which also says which workshop gets it)", "track.modules")
                    continue
                items.append(ModuleChange(iloc, item["module"], str(after) if after else None))
            else:
                form = "a module id" if key == "drop" else "{module: ID, after: ID}"
                diagnostics.error(iloc, f"each '{key}' entry must be {form}", "track.modules")
        out[key] = tuple(items)
    return out
