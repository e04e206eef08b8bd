"""The repository's twelve translations: complete, clean, and never falling back to English."""

from __future__ import annotations

import pytest

from cara.diagnostics import Diagnostics
from cara.i18n.catalogs import make_translator, read_catalog
from cara.i18n.qa import check_translations
from cara.i18n.states import USABLE
from cara.i18n.stats import locale_stats, total
from cara.resolve import resolve_workshop
from cara.resolved import Target
from conftest import REPO, load

LOCALES = ("pl", "pa", "ur", "bn", "gu", "hi", "ar", "ro", "so", "pt", "lt", "fa")


@pytest.fixture(scope="module")
def project():
    return load(REPO)[0]


def test_the_twelve_languages_are_declared(project) -> None:
    assert set(project.locales.targets) == set(LOCALES)


@pytest.mark.parametrize("code", LOCALES)
def test_every_segment_is_translated_at_draft_or_better(project, code: str) -> None:
    groups = locale_stats(project, code)
    tally = total(groups)
    assert tally.total > 2000 if project.locales[code].gendered_address else tally.total > 1500
    missing = {name: t.total - t.usable for name, t in groups.items() if t.usable < t.total}
    assert missing == {}, f"{code}: segments not translated (or fuzzy) per group: {missing}"


@pytest.mark.parametrize("code", LOCALES)
def test_no_document_falls_back_to_english(project, code: str) -> None:
    translator = make_translator(project, code)
    for workshop in project.programme.workshops:
        for track in project.tracks:
            resolved = resolve_workshop(project, Target(workshop.id, track, code), translator)
            assert resolved.counts.fallback == 0, (code, workshop.id, track)
            assert resolved.unreviewed  # honest: drafts are marked as such
    template = read_catalog(REPO, "locales/templates/ui.pot")
    for message in template:
        if message.id and isinstance(message.id, str):
            entry = translator.entries.get(("", message.id))
            assert entry is not None and entry.state in USABLE, (code, message.id)


def test_translation_qa_has_no_errors(project) -> None:
    diagnostics = Diagnostics()
    check_translations(project, diagnostics)
    assert [str(d) for d in diagnostics.errors] == []
