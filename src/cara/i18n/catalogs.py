"""PO catalogs on disk: where they live, reading them strictly, writing them atomically."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from cara import atomic
from cara.diagnostics import Diagnostic, Location, Severity, UserError
from cara.i18n.lookup import Entry, Translator
from cara.i18n.states import State, state_of

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
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise UserError(Diagnostic(Location(rel, line), Severity.ERROR,
                                   f"invalid PO syntax: {exc}; fix the file in a PO editor",
                                   "i18n.syntax")) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(Diagnostic(Location(rel), Severity.ERROR,
                                   f"cannot read catalog: {exc}", "i18n.syntax")) from None
    for message in (*catalog, *catalog.obsolete.values()):
        _read_previous(message)
    return catalog


def _read_previous(message: Message) -> None:
    """Babel reads `#| msgid "..."` (the previous source of a fuzzy entry) as a user
    comment; turn it back into `previous_id` so that rewriting keeps it in place."""
    previous: dict[str, str] = {}
    keyword = None
    kept = []
    for comment in message.user_comments:
        if not comment.startswith("|"):
            kept.append(comment)
            continue
        line = comment[1:].strip()
        if line.startswith('"') and keyword is not None:
            previous[keyword] += unescape(line)
            continue
        keyword, _, rest = line.partition(" ")
        previous[keyword] = unescape(rest.strip()) if rest.strip().startswith('"') else ""
    if previous.get("msgid"):
        message.previous_id = [previous["msgid"]] + (
            [previous["msgid_plural"]] if previous.get("msgid_plural") else [])
        message.user_comments = kept


def write_catalog(root: Path, rel: str, catalog: Catalog, dry_run: bool = False) -> bool:
    """Write a catalog atomically; returns False (and writes nothing) if nothing changed.
    With `dry_run`, only says whether it would change."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, include_previous=True,
             omit_header=False)
    data = buffer.getvalue()
    path = root / rel
    if path.exists() and path.read_bytes() == data:
        return False
    if not dry_run:
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


def load_entries(root: Path, locale: str,
                 gate: Callable[[str, str], bool] | None = None) -> LoadedLocale:
    """Every entry of a locale's catalogs, keyed by (msgctxt or "", msgid). Entries that
    fail `gate` (translation QA) count as untranslated: they never reach an output."""
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
            if gate is not None and isinstance(string, str) and string and not gate(msgid,
                                                                                     string):
                string, state = "", State.UNTRANSLATED
            entries[(message.context or "", msgid)] = Entry(string, state)
    return LoadedLocale(entries, plural)


def make_translator(project: Project, code: str) -> Translator:
    """The translator for one locale of a project (the source locale needs no catalogs)."""
    source = project.locales.source
    from cara.i18n.qa import acceptable

    def gate(msgid: str, text: str) -> bool:
        return acceptable(msgid, text, project.axes)

    loaded = LoadedLocale({}, "(n != 1)") if code == source else load_entries(
        project.root, code, gate)
    return Translator(project.locales[code], source, loaded.entries,
                      project.locales.address_axis, loaded.plural)
