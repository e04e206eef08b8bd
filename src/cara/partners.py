"""Support-service directories and replication partners (branding, licence, local services)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from cara import yamlfile
from cara.diagnostics import Diagnostics, Location, UserError
from cara.model import Span

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_PHONE = re.compile(r"^[0-9 +()-]{3,20}$")


@dataclass(frozen=True)
class Service:
    location: Location
    name: Span
    category: str
    offers: Span
    phone: str
    web: str
    verified_on: str


@dataclass(frozen=True)
class ServiceDirectory:
    categories: dict[str, Span] = field(hash=False)
    services: tuple[Service, ...] = ()


@dataclass(frozen=True)
class Licence:
    id: str
    locales: tuple[str, ...]
    tracks: tuple[str, ...]
    expires: dt.date
    allow_draft: bool
    min_version: str | None
    location: Location


@dataclass(frozen=True)
class Partner:
    id: str
    location: Location
    name: Span
    region: Span
    branding: Span
    colour: str
    licence: Licence
    services: tuple[Service, ...]
    sample: bool


def load_directory(root: Path, diagnostics: Diagnostics) -> ServiceDirectory:
    rel = "curriculum/services.yml"
    if not (root / rel).exists():
        return ServiceDirectory({}, ())
    try:
        data = yamlfile.load(root, rel)
    except UserError as exc:
        diagnostics.extend(exc.diagnostics)
        return ServiceDirectory({}, ())
    f = yamlfile.Fields(data, rel, diagnostics, "services.yml")
    f.unknown(("categories", "services"))
    raw = f.raw("categories", {}) or {}
    categories: dict[str, Span] = {}
    if isinstance(raw, dict):
        for key, label in raw.items():
            categories[str(key)] = Span(Location(rel, yamlfile.line_of(raw, key)), str(label))
    else:
        diagnostics.error(f.loc("categories"), "'categories' must map ids to labels",
                          "services.categories")
    services = _services(f.raw("services", []), rel, categories, diagnostics)
    return ServiceDirectory(categories, services)


def _services(raw: object, rel: str, categories: dict[str, Span],
              diagnostics: Diagnostics) -> tuple[Service, ...]:
    if not isinstance(raw, list):
        diagnostics.error(Location(rel, yamlfile.line_of(raw) or 1),
                          "'services' must be a list", "services.type")
        return ()
    out = []
    for item in raw:
        f = yamlfile.Fields(item, rel, diagnostics, "service")
        f.unknown(("name", "category", "offers", "phone", "web", "verified_on"))
        category = f.str("category") or ""
        if categories and category not in categories:
            diagnostics.error(f.loc("category"), f"unknown service category {category!r} "
                              f"(known: {', '.join(categories)})", "services.category")
        phone = f.str("phone", default="", required=False) or ""
        if phone and not _PHONE.match(phone):
            diagnostics.error(f.loc("phone"), f"phone {phone!r} has characters a phone "
                              "number cannot have", "services.phone")
        web = f.str("web", default="", required=False) or ""
        if web and not web.startswith("https://"):
            diagnostics.error(f.loc("web"), "web address must start with https://",
                              "services.web")
        verified = f.raw("verified_on")
        if not isinstance(verified, dt.date):
            diagnostics.error(f.loc("verified_on" if f.has("verified_on") else None),
                              "verified_on must be a date (YYYY-MM-DD)", "services.verified")
        out.append(Service(f.loc(), Span(f.loc("name"), f.str("name") or ""), category,
                           Span(f.loc("offers"), f.str("offers", default="") or ""),
                           phone, web, str(verified or "")))
    return tuple(out)


def load_partners(root: Path, categories: dict[str, Span],
                  diagnostics: Diagnostics) -> dict[str, Partner]:
    partners: dict[str, Partner] = {}
    for path in sorted((root / "partners").glob("*.yml")):
        rel = f"partners/{path.name}"
        if not _ID.match(path.stem):
            diagnostics.error(Location(rel), "partner file names must be lowercase ids",
                              "partner.id")
            continue
        try:
            data = yamlfile.load(root, rel)
        except UserError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        partners[path.stem] = _partner(path.stem, rel, data, categories, diagnostics)
    return partners


def _partner(pid: str, rel: str, data: object, categories: dict[str, Span],
             diagnostics: Diagnostics) -> Partner:
    f = yamlfile.Fields(data, rel, diagnostics, "partner")
    f.unknown(("name", "region", "sample", "branding", "licence", "services"))
    b = yamlfile.Fields(f.raw("branding", {}), rel, diagnostics, "branding")
    b.unknown(("text", "colour"))
    colour = b.str("colour", default="#1d5f8a", required=False) or "#1d5f8a"
    if not _COLOUR.match(colour):
        diagnostics.error(b.loc("colour"), "colour must be #RRGGBB", "partner.colour")
        colour = "#1d5f8a"
    lic = yamlfile.Fields(f.raw("licence", {}), rel, diagnostics, "licence")
    lic.unknown(("id", "locales", "tracks", "expires", "allow_draft", "min_version"))
    expires = lic.raw("expires")
    if not isinstance(expires, dt.date):
        diagnostics.error(lic.loc("expires" if lic.has("expires") else None),
                          "licence expires must be a date (YYYY-MM-DD)", "partner.licence")
        expires = dt.date.min
    licence = Licence(
        id=lic.str("id") or "",
        locales=tuple(v for v, _ in lic.strs("locales", required=True)),
        tracks=tuple(v for v, _ in lic.strs("tracks", required=True)),
        expires=expires,
        allow_draft=lic.bool("allow_draft"),
        min_version=lic.str("min_version", required=False),
        location=lic.loc(),
    )
    return Partner(
        id=pid,
        location=Location(rel, 1),
        name=Span(f.loc("name"), f.str("name") or pid),
        region=Span(f.loc("region"), f.str("region", default="") or ""),
        branding=Span(b.loc("text"), b.str("text", default="", required=False) or ""),
        colour=colour,
        licence=licence,
        services=_services(f.raw("services", []), rel, categories, diagnostics),
        sample=f.bool("sample"),
    )
