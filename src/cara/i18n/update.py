"""`cara i18n update`: create or update each locale's PO catalogs from the templates.

Never loses a translator's work: changed source keeps the old translation as fuzzy with
the previous msgid; removed source is kept as obsolete (and restored if it comes back);
a translation found in another of the locale's catalogs (a module moved between workshops)
is carried over; running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel.messages.catalog import Catalog, Message

from cara.i18n import keys
from cara.i18n.catalogs import (
    locale_files,
    po_path,
    read_catalog,
    template_path,
    write_catalog,
)
from cara.i18n.extract import PARTICIPANT_FLAG, VALUES_PREFIX
from cara.i18n.states import State, state_of, with_state
from cara.locales import LocaleInfo
from cara.project import Project


def localized_template(template: Catalog, locale: LocaleInfo, axis: str | None,
                       axis_values: tuple[str, ...]) -> Catalog:
    """The template as this locale needs it: participant-facing entries split per address
    value where the locale addresses "you" differently by that axis."""
    if not (locale.gendered_address and axis):
        return template
    out = Catalog(project=template.project, version=template.version,
                  creation_date=template.creation_date, fuzzy=False)
    for message in template:
        if not message.id:
            continue
        if PARTICIPANT_FLAG not in message.auto_comments:
            out[message.id] = _copy(message, message.context)
            continue
        values = axis_values
        for comment in message.auto_comments:
            if comment.startswith(VALUES_PREFIX):
                values = tuple(comment[len(VALUES_PREFIX):].strip().split(","))
        for value in values:
            ctx = keys.gendered(message.context or "", axis, value)
            copy = _copy(message, ctx)
            copy.auto_comments = [*message.auto_comments, f"form for {axis}={value}"]
            out[message.id] = copy
    return out


def _copy(message: Message, context: str | None) -> Message:
    return Message(message.id, "", locations=list(message.locations),
                   auto_comments=list(message.auto_comments), context=context,
                   flags=set(message.flags) - {"fuzzy"})


def update_locale(project: Project, code: str, domains: Iterable[str]) -> list[str]:
    """Update one locale's catalogs for `domains`; returns the files written."""
    locale = project.locales[code]
    axis = project.locales.address_axis
    values = project.axes.get(axis, ()) if axis else ()
    memory = _memory(project, code)
    written = []
    for domain in domains:
        template = read_catalog(project.root, template_path(domain))
        wanted = localized_template(template, locale, axis, values)
        rel = po_path(code, domain)
        if (project.root / rel).exists():
            catalog = read_catalog(project.root, rel, code)
        else:
            catalog = Catalog(locale=code, project=template.project, version=template.version,
                              creation_date=template.creation_date, fuzzy=False)
            catalog.revision_date = template.creation_date
        _restore_obsolete(catalog, wanted)
        before = {(m.context, m.id): m.previous_id for m in catalog if m.id}
        catalog.update(wanted, update_creation_date=True)
        catalog.project, catalog.version = template.project, template.version
        catalog.revision_date = template.creation_date
        _fill_header(catalog, locale)
        for message in catalog:
            if not message.id:
                continue
            earlier = before.get((message.context, message.id))
            if "fuzzy" in message.flags and not message.previous_id and earlier:
                message.previous_id = earlier  # Babel drops it on an exact match
            elif "fuzzy" in message.flags and message.previous_id and (
                    before.get((message.context, message.id)) != message.previous_id):
                # Source changed: the old translation is kept, but is a draft once fixed.
                message.user_comments = with_state(message.user_comments, State.DRAFT)
            elif not message.string and (message.context, message.id) in memory:
                string, comments, flags = memory[(message.context, message.id)]
                message.string, message.user_comments = string, comments
                message.flags |= flags
        _prefill_gendered(catalog, axis, values)
        if write_catalog(project.root, rel, catalog):
            written.append(rel)
    return written


def _fill_header(catalog: Catalog, locale: LocaleInfo) -> None:
    """Replace Babel's placeholder header values (msgfmt warns about them); a translator's
    tool replaces ours when they save."""
    if catalog.last_translator in ("", "FULL NAME <EMAIL@ADDRESS>"):
        catalog.last_translator = "not yet reviewed"
    if not catalog.language_team or "LL@li.org" in catalog.language_team:
        catalog.language_team = f"{locale.english_name} translators"
    if catalog.msgid_bugs_address in ("", "EMAIL@ADDRESS"):
        catalog.msgid_bugs_address = "curriculum authors"


def _restore_obsolete(catalog: Catalog, wanted: Catalog) -> None:
    for key, message in list(catalog.obsolete.items()):
        if wanted.get(message.id, message.context) is not None:
            del catalog.obsolete[key]
            catalog[message.id] = message


def _memory(project: Project, code: str) -> dict[tuple[str | None, str], tuple]:
    """Translations in all of a locale's catalogs, to carry over when an entry moves."""
    memory: dict[tuple[str | None, str], tuple] = {}
    for rel in locale_files(project.root, code):
        for message in read_catalog(project.root, rel, code):
            if message.id and message.string and "fuzzy" not in message.flags:
                memory[(message.context, message.id)] = (
                    message.string, list(message.user_comments), set(message.flags))
    return memory


def _prefill_gendered(catalog: Catalog, axis: str | None, values: tuple[str, ...]) -> None:
    """Pre-fill an empty gendered form from a translated sibling, as fuzzy, so that the
    translator only adjusts it."""
    if not axis:
        return
    groups: dict[tuple[str, str], list[Message]] = {}
    for message in catalog:
        if not message.id or not message.context:
            continue
        base, form = keys.split_gendered(message.context)
        if form is not None:
            groups.setdefault((base, message.id), []).append(message)
    for siblings in groups.values():
        siblings.sort(key=lambda m: _value_rank(m.context or "", values))
        donor = next((m for m in siblings if state_of(m.string, m.flags, m.user_comments)
                      in (State.DRAFT, State.NEEDS_REVIEW, State.APPROVED)), None)
        if donor is None:
            continue
        for message in siblings:
            if not message.string:
                message.string = donor.string
                message.flags.add("fuzzy")
                message.user_comments = with_state(
                    [c for c in message.user_comments], State.DRAFT)


def _value_rank(context: str, values: tuple[str, ...]) -> int:
    _, form = keys.split_gendered(context)
    value = (form or "").partition("=")[2]
    return values.index(value) if value in values else len(values)


def update(project: Project, locales: Iterable[str] | None = None) -> list[str]:
    """Update the catalogs of `locales` (default: every target locale)."""
    folder = project.root / "locales" / "templates"
    domains = sorted(p.stem for p in folder.glob("*.pot"))
    written = []
    for code in locales or project.locales.targets:
        written += update_locale(project, code, domains)
    return written
