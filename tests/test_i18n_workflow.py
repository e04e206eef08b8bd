"""Translation round trips: extract, update, translate, build; fuzzy, obsolete, gendered."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import write_po

from cara.cli import main
from cara.i18n.catalogs import read_catalog
from cara.i18n.states import State, state_of
from conftest import load

HELLO = "This is a space to talk about {partner}"


def po(root: Path, rel: str):
    return read_catalog(root, rel)


def translate(root: Path, rel: str, context: str, msgid: str, text: str,
              state: str = "draft") -> None:
    catalog = read_catalog(root, rel)
    message = catalog.get(msgid, context)
    assert message is not None, (context, msgid)
    message.string = text
    message.flags.discard("fuzzy")
    message.user_comments = [f"review: {state}"]
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=True)
    (root / rel).write_bytes(buffer.getvalue())


def run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def project(root_copy) -> Path:
    root = root_copy("basic")
    assert run("i18n", "extract", "--project", str(root)) == 0
    assert run("i18n", "update", "--project", str(root)) == 0
    return root


def build_md(root: Path, track: str, locale: str) -> str:
    assert run("build", "--project", str(root), "--format", "markdown", "--track", track,
               "--locale", locale, "-j", "1", "-q") == 0
    return (root / "build" / "markdown" / locale / f"day-one.{track}.md").read_text()


def test_extract_writes_every_segment_with_context_and_reference(project: Path) -> None:
    template = po(project, "locales/templates/day-one.pot")
    hello = template.get(HELLO, "hello")
    assert hello is not None
    assert ("curriculum/day-one/01-hello.md", 14) in hello.locations
    assert "participant-facing" in hello.auto_comments
    # every variant branch is extracted, whatever the track
    assert template.get("Keep the language simple for younger participants.", "hello")
    assert template.get("Women's groups: discuss retaliatory violence.", "feelings")
    programme = po(project, "locales/templates/programme.pot")
    assert programme.get("your family", "track:women-youth") is not None
    assert programme.get("Demo Helpline (sample)", "services") is not None
    assert po(project, "locales/templates/partners.pot").get(
        "Acme Support (sample)", "partner:acme") is not None


def test_gendered_locales_get_one_entry_per_gender_others_one(project: Path) -> None:
    polish = po(project, "locales/pl/day-one.po")
    assert polish.get(HELLO, "hello|gender=male") is not None
    assert polish.get(HELLO, "hello|gender=female") is not None
    assert polish.get(HELLO, "hello") is None
    # facilitator text is not split
    assert polish.get("Introduce both facilitators.", "hello") is not None
    # a segment only shown in women's groups gets only the female form
    assert polish.get("Women's groups: discuss retaliatory violence.",
                      "feelings|gender=male") is None
    punjabi = po(project, "locales/pa/day-one.po")
    assert punjabi.get(HELLO, "hello") is not None
    assert punjabi.get(HELLO, "hello|gender=male") is None


def test_translation_round_trip_and_gendered_lookup(project: Path) -> None:
    rel = "locales/pl/day-one.po"
    translate(project, rel, "hello|gender=male", HELLO, "To miejsce, by mówić o {partner}")
    translate(project, rel, "hello|gender=female", HELLO, "Tu możesz mówić o {partner} (K)")
    translate(project, "locales/pl/programme.po", "track:women-youth", "your family",
              "twojej rodzinie")
    men = build_md(project, "men-adult", "pl")
    women = build_md(project, "women-youth", "pl")
    assert "To miejsce, by mówić o your partner *\\[en\\]*" not in men
    assert "To miejsce, by mówić o your partner" in men  # term not translated: source
    assert "Tu możesz mówić o twojej rodzinie (K)" in women
    assert "Draft translation: this document contains text that has not been reviewed." in women
    # an untranslated segment shows the English source, marked with its language
    assert "Introduce both facilitators. *[en]*" in women


def test_second_gender_form_is_prefilled_as_fuzzy(project: Path) -> None:
    rel = "locales/pl/day-one.po"
    translate(project, rel, "hello|gender=male", HELLO, "Mówimy o {partner}")
    assert run("i18n", "update", "--project", str(project), "--locale", "pl") == 0
    female = po(project, rel).get(HELLO, "hello|gender=female")
    assert female.string == "Mówimy o {partner}"
    assert state_of(female.string, female.flags, female.user_comments) is State.FUZZY


def test_changed_source_is_fuzzy_with_previous_msgid_and_falls_back(project: Path) -> None:
    rel = "locales/pa/day-one.po"
    translate(project, rel, "hello", "Introduce both facilitators.", "ਦੋਵੇਂ ਸਹਾਇਕਾਂ ਦੀ ਜਾਣ-ਪਛਾਣ ਕਰਾਓ।")
    assert "ਦੋਵੇਂ ਸਹਾਇਕਾਂ" in build_md(project, "men-adult", "pa")
    module = project / "curriculum/day-one/01-hello.md"
    module.write_text(module.read_text().replace("Introduce both facilitators.",
                                                 "Introduce both facilitators warmly."))
    assert run("i18n", "extract", "--project", str(project)) == 0
    assert run("i18n", "update", "--project", str(project)) == 0
    message = po(project, rel).get("Introduce both facilitators warmly.", "hello")
    assert message.string == "ਦੋਵੇਂ ਸਹਾਇਕਾਂ ਦੀ ਜਾਣ-ਪਛਾਣ ਕਰਾਓ।"
    assert "fuzzy" in message.flags
    assert message.previous_id == ["Introduce both facilitators."]
    assert "#| msgid \"Introduce both facilitators.\"" in (project / rel).read_text()
    text = build_md(project, "men-adult", "pa")
    assert "ਦੋਵੇਂ ਸਹਾਇਕਾਂ" not in text
    assert "Introduce both facilitators warmly. *[en]*" in text


def test_deleted_source_is_kept_as_obsolete_and_restored(project: Path) -> None:
    rel = "locales/pa/day-one.po"
    translate(project, rel, "hello", "Introduce both facilitators.", "ਜਾਣ-ਪਛਾਣ")
    module = project / "curriculum/day-one/01-hello.md"
    original = module.read_text()
    module.write_text(original.replace("::: notes\nIntroduce both facilitators.\n",
                                       "::: notes\nSomething else entirely different.\n"))
    run("i18n", "extract", "--project", str(project))
    run("i18n", "update", "--project", str(project))
    text = (project / rel).read_text()
    assert ('#~ msgctxt "hello"\n#~ msgid "Introduce both facilitators."\n'
            '#~ msgstr "ਜਾਣ-ਪਛਾਣ"') in text
    module.write_text(original)
    run("i18n", "extract", "--project", str(project))
    run("i18n", "update", "--project", str(project))
    message = po(project, rel).get("Introduce both facilitators.", "hello")
    assert message.string == "ਜਾਣ-ਪਛਾਣ" and "fuzzy" not in message.flags


def test_update_twice_changes_nothing(project: Path) -> None:
    translate(project, "locales/pl/day-one.po", "hello|gender=male", HELLO, "Mówimy o {partner}")
    run("i18n", "update", "--project", str(project))
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}
    run("i18n", "extract", "--project", str(project))
    run("i18n", "update", "--project", str(project))
    after = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}
    assert before == after


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_msgfmt_accepts_every_catalog_written(project: Path) -> None:
    translate(project, "locales/pl/day-one.po", "hello|gender=male", HELLO, "Mówimy o {partner}")
    run("i18n", "update", "--project", str(project))
    files = sorted((project / "locales").rglob("*.po")) + sorted(
        (project / "locales").rglob("*.pot"))
    assert len(files) > 8
    for path in files:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, (path, result.stderr)


def test_stats_count_states_and_words(project: Path, capsys) -> None:
    translate(project, "locales/pa/day-one.po", "hello", "Introduce both facilitators.", "ਜਾਣ",
              state="approved")
    translate(project, "locales/pa/day-one.po", "hello", "Meet the group", "ਮਿਲੋ",
              state="needs-review")
    capsys.readouterr()
    assert run("i18n", "stats", "--project", str(project), "--locale", "pa",
               "--format", "json") == 0
    import json

    data = json.loads(capsys.readouterr().out)["pa"]
    hello = data["groups"]["hello"]
    assert hello["segments"]["approved"] == 1 and hello["segments"]["needs-review"] == 1
    assert hello["words"]["approved"] == 3
    assert data["total"]["segments"]["untranslated"] == data["total"]["total"] - 2
    assert run("i18n", "stats", "--project", str(project), "--locale", "pa") == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["locale", "group", "untranslated", "fuzzy"]


def test_project_loads_after_round_trip(project: Path) -> None:
    load(project)


def test_text_both_participant_and_facilitator_facing_finds_its_gendered_entry(
        project: Path) -> None:
    # "Feelings" is the module title (facilitator) and a slide title would be participant
    # text; when they share one entry, it is split by gender and both must find it.
    from cara.i18n.catalogs import make_translator

    rel = "locales/pl/day-one.po"
    catalog = read_catalog(project, rel)
    assert catalog.get("Meet the group", "hello") is None  # objective: participant only
    translate(project, rel, "hello|gender=male", "Meet the group", "Poznaj grupę")
    translator = make_translator(load(project)[0], "pl")
    shown = translator.segment("hello", "Meet the group", participant=False,
                               axes={"gender": "male"})
    assert shown.text == "Poznaj grupę" and shown.lang is None


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_long_previous_msgids_stay_valid_for_gettext(project: Path) -> None:
    long = ("Introduce both facilitators, and say a little about the day ahead and "
            "about how the breaks and lunch will work today.")
    module = project / "curriculum/day-one/01-hello.md"
    module.write_text(module.read_text().replace("Introduce both facilitators.", long))
    run("i18n", "extract", "--project", str(project))
    run("i18n", "update", "--project", str(project))
    rel = "locales/pa/day-one.po"
    translate(project, rel, "hello", long, "ਜਾਣ-ਪਛਾਣ")
    module.write_text(module.read_text().replace("lunch will work", "lunch work"))
    run("i18n", "extract", "--project", str(project))
    run("i18n", "update", "--project", str(project))
    run("i18n", "update", "--project", str(project))
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(project / rel)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    edited = long.replace("lunch will work", "lunch work")
    assert po(project, rel).get(edited, "hello").previous_id == [long]
