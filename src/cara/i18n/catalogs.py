"""PO catalogs on disk: where they live, reading them strictly, writing them atomically."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from cara import atomic
from cara.diagnostics import Diagnostic, Location, Severity, UserError
from cara.i18n.lookup import Entry, Translator
from cara.i18n.states import state_of

if TYPE_CHECKING:
    from cara.project import Project

TEMPLATES = "locales/templates"


def template_path(domain: str) -> str:
    return f"{TEMPLATES}/{domain}.pot"


def po_path(locale: str, domain: str) -> str:
    return f"locales/{locale}/{domain}.po"


def read_catalog(root: Path, rel: str, locale: str | None = None) -> Catalog:
    """Read a PO/POT file; invalid syntax is a UserError naming the line."""
    try:
        data = (root / rel).read_bytes()
    except FileNotFoundError:
        raise UserError(Diagnostic(Location(rel), Severity.ERROR, "catalog not found",
                                   "i18n.missing")) from None
    try:
        return read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise UserError(Diagnostic(Location(rel, line), Severity.ERROR,
                                   f"invalid PO syntax: {exc}; fix the file in a PO editor",
                                   "i18n.syntax")) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(Diagnostic(Location(rel), Severity.ERROR,
                                   f"cannot read catalog: {exc}", "i18n.syntax")) from None


def write_catalog(root: Path, rel: str, catalog: Catalog) -> bool:
    """Write a catalog atomically; returns False (and writes nothing) if nothing changed."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=True,
             omit_header=False)
    data = buffer.getvalue()
    path = root / rel
    if path.exists() and path.read_bytes() == data:
        return False
    atomic.write_bytes(path, data)
    return True


def locale_files(root: Path, locale: str) -> list[str]:
    folder = root / "locales" / locale
    return sorted(f"locales/{locale}/{p.name}" for p in folder.glob("*.po")) if (
        folder.is_dir()) else []


@dataclass(frozen=True)
class LoadedLocale:
    entries: dict[tuple[str, str], Entry]
    plural: str


def load_entries(root: Path, locale: str) -> LoadedLocale:
    """Every entry of a locale's catalogs, keyed by (msgctxt or "", msgid)."""
    entries: dict[tuple[str, str], Entry] = {}
    plural = "(n != 1)"
    for rel in locale_files(root, locale):
        catalog = read_catalog(root, rel, locale)
        plural = catalog.plural_expr or plural
        for message in catalog:
            if not message.id:
                continue
            msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
            string = tuple(message.string) if isinstance(message.string, tuple | list) else (
                message.string or "")
            state = state_of(string, message.flags, message.user_comments)
            entries[(message.context or "", msgid)] = Entry(string, state)
    return LoadedLocale(entries, plural)


def make_translator(project: Project, code: str) -> Translator:
    """The translator for one locale of a project (the source locale needs no catalogs)."""
    source = project.locales.source
    loaded = LoadedLocale({}, "(n != 1)") if code == source else load_entries(project.root, code)
    return Translator(project.locales[code], source, loaded.entries,
                      project.locales.address_axis, loaded.plural)
