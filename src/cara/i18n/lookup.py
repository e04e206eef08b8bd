"""Translation lookup: the one place that decides which text a segment shows in a locale."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from dataclasses import dataclass, field

from cara.i18n import keys
from cara.i18n.states import USABLE, State
from cara.locales import LocaleInfo


def interpolate(message: str, *args: object, **values: object) -> str:
    """`message % values`, but a translation with a broken placeholder shows as written
    instead of failing the build (translation QA reports it and the gate drops it)."""
    try:
        return message % (values or args) if (values or args) else message
    except (KeyError, ValueError, TypeError, IndexError):
        return message


@dataclass(frozen=True)
class Entry:
    """A translation as read from a catalog: the text (or plural texts) and its state."""

    text: str | tuple[str, ...]
    state: State


@dataclass(frozen=True)
class Shown:
    """What a segment shows: its text, the language it is in (if not the document's)."""

    text: str
    lang: str | None
    state: State


@dataclass(frozen=True)
class Translator:
    locale: LocaleInfo
    source: str
    entries: Mapping[tuple[str, str], Entry] = field(hash=False, default_factory=dict)
    address_axis: str | None = None
    plural: str = "(n != 1)"

    @property
    def is_source(self) -> bool:
        return self.locale.code == self.source

    def segment(self, context: str, msgid: str, participant: bool = False,
                axes: Mapping[str, str] | None = None) -> Shown:
        """The text a segment shows: a usable translation, else the source, marked."""
        if self.is_source or not msgid.strip():
            return Shown(msgid, None, State.SOURCE)
        state = State.UNTRANSLATED
        for ctx in self._contexts(context, participant, axes or {}):
            entry = self.entries.get((ctx, msgid))
            if entry is None:
                continue
            if entry.state in USABLE and isinstance(entry.text, str) and entry.text:
                return Shown(entry.text, None, entry.state)
            state = entry.state
        return Shown(msgid, self.source, state)

    def _contexts(self, context: str, participant: bool,
                  axes: Mapping[str, str]) -> list[str]:
        """Where to look, best first. Text that is both participant-facing and not (a
        module title repeated as a slide title) has only the gendered entries: then the
        form of the track's own value serves the facilitator text too."""
        axis = self.address_axis
        if not (self.locale.gendered_address and axis and axis in axes):
            return [context]
        form = keys.gendered(context, axis, axes[axis])
        return [form, context] if participant else [context, form]

    # UI strings of the output templates (context-free entries of the `ui` catalog)

    def gettext(self, msgid: str) -> str:
        entry = self.entries.get(("", msgid))
        if (not self.is_source and entry is not None and entry.state in USABLE
                and isinstance(entry.text, str) and entry.text):
            return entry.text
        return msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        entry = self.entries.get(("", singular))
        if not self.is_source and entry is not None and entry.state in USABLE and isinstance(
                entry.text, tuple):
            index = gettext.c2py(self.plural)(n)
            if index < len(entry.text) and entry.text[index]:
                return entry.text[index]
        return singular if n == 1 else plural
