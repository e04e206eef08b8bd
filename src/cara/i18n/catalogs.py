"""PO catalogs on disk: where they live, reading them strictly, writing them atomically."""

from __future__ import annotations

import io
import re
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
NO_WRAP = 1_000_000


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
    _check_strings(rel, data)
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


_KEYWORD = re.compile(r"^(?:#[~|]\s*)*(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$")
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


def _check_strings(rel: str, data: bytes) -> None:
    """Babel silently drops the last character of an unterminated string; GNU msgfmt
    refuses the file. Refuse it too, naming the line."""
    for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        line = raw.strip()
        match = _KEYWORD.match(line)
        text = match.group(1) if match else (
            line.lstrip("#~| ") if line.startswith(('"', "#~ \"", "#| \"")) else None)
        if text is not None and not _STRING.match(text.strip()):
            raise UserError(Diagnostic(Location(rel, number), Severity.ERROR,
                                       "invalid PO syntax: a string is not closed with \" "
                                       "(or has a stray quote); fix the line in a PO editor",
                                       "i18n.syntax"))


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
    # No wrapping: Babel wraps comments at 76 columns even with width=0, which splits a long
    # previous msgid (`#| msgid "..."`) into a line GNU msgfmt rejects.
    write_po(buffer, catalog, width=NO_WRAP, sort_output=False, include_previous=True,
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


def _passes(gate: Callable[[str, str], bool], ids: object,
            string: str | tuple[str, ...]) -> bool:
    """Every form of a translation (plural forms included) passes the gate."""
    sources = list(ids) if isinstance(ids, tuple | list) else [ids]
    forms = string if isinstance(string, tuple) else (string,)
    return all(gate(str(sources[min(i, len(sources) - 1)]), form)
               for i, form in enumerate(forms) if form)


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
            if gate is not None and not _passes(gate, message.id, string):
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
