"""Translation QA: each check with a failing example, reported with the PO file's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cara.cli import main
from cara.diagnostics import Diagnostics
from cara.i18n.qa import CHECKERS, QaContext, check_translations
from conftest import load
from test_i18n_workflow import HELLO, translate

CTX = QaContext({"time-out": "przerwa"}, {"gender": ("male", "female")})


def problems(source: str, text: str) -> set[str]:
    return {p.code for checker in CHECKERS for p in checker(source, text, CTX)}


@pytest.mark.parametrize(("source", "text", "code"), [
    ("Tell {partner} now", "Powiedz teraz", "i18n.placeholder"),
    ("%(n)s minutes", "minut", "i18n.placeholder"),
    ("Be **calm**", "Bądź spokojny", "i18n.markup"),
    ("Say it[ gently]{when=\"gender=female\"}", "Powiedz to[ łagodnie]{when=\"gender=male\"}",
     "i18n.markup"),
    ("See [the site](https://example.org)", "Zobacz [stronę](https://evil.example)",
     "i18n.markup"),
    ("Hello", "Cześć <img src=file:///etc/hostname>", "i18n.html"),
    ("Hello", "Cześć <script>alert(1)</script>", "i18n.html"),
    ("Hello", "Cześć [tu](javascript:alert(1))", "i18n.url"),
    ("Hello", "Cześć https://evil.example/x", "i18n.url"),
    ("Hello", "Cze\u0007ść", "i18n.control"),
    ("Hello", "Cze\u202eść", "i18n.control"),
    ("Take a time-out when you need one", "Zrób pauzę, gdy jej potrzebujesz", "i18n.glossary"),
    ("A long sentence that needs a long translation too", "Krótko", "i18n.length"),
])
def test_each_check_catches_its_problem(source: str, text: str, code: str) -> None:
    assert code in problems(source, text)


def test_a_good_translation_passes_every_check() -> None:
    source = "Tell {partner}[ calmly]{when=\"gender=female\"} about your **time-out** plan"
    text = "Powiedz {partner}[ spokojnie]{when=\"gender=female\"} o planie **przerwy**"
    assert problems(source, text) == set()


def test_glossary_accepts_inflected_forms() -> None:
    assert "i18n.glossary" not in problems("Plan your time-out", "Zaplanuj swoją przerwę")


@pytest.fixture
def translated(root_copy) -> Path:
    root = root_copy("basic")
    assert main(["i18n", "extract", "--project", str(root)]) == 0
    assert main(["i18n", "update", "--project", str(root)]) == 0
    return root


def test_check_reports_po_path_and_line(translated: Path, capsys) -> None:
    translate(translated, "locales/pl/day-one.po", "hello|gender=male", HELLO,
              "Mówimy o <script>alert(1)</script>")
    capsys.readouterr()
    assert main(["check", "--project", str(translated)]) == 1
    out = capsys.readouterr().out
    text = (translated / "locales/pl/day-one.po").read_text().splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.startswith('msgid "This is a space'))
    assert (f"locales/pl/day-one.po:{line}: error: HTML is not allowed in a translation: "
            "'<script>' [i18n.html]") in out
    assert f"locales/pl/day-one.po:{line}: error: track terms differ" in out


def test_invalid_po_syntax_is_an_error_with_its_line(translated: Path) -> None:
    path = translated / "locales/pa/day-one.po"
    lines = path.read_text().splitlines()
    lines.insert(30, 'bogus "not a keyword"')
    path.write_text("\n".join(lines) + "\n")
    project, _ = load(translated)
    diagnostics = Diagnostics()
    check_translations(project, diagnostics)
    assert [(d.location.path, d.code) for d in diagnostics.errors] == [
        ("locales/pa/day-one.po", "i18n.syntax")]
    assert diagnostics.errors[0].location.line > 0


def test_injected_markup_never_reaches_an_output(translated: Path) -> None:
    translate(translated, "locales/pl/day-one.po", "hello|gender=male", HELLO,
              "Mówimy o {partner} <img src=file:///etc/hostname>")
    translate(translated, "locales/pl/day-one.po", "feelings", "Feelings",
              "[Uczucia](javascript:alert(1))")
    assert main(["build", "--project", str(translated), "--format", "markdown", "--locale",
                 "pl", "--track", "men-adult", "-j", "1", "-q"]) == 0
    out = (translated / "build/markdown/pl/day-one.men-adult.md").read_text()
    assert "<img" not in out and "javascript:" not in out
    assert "This is a space to talk about your partner *[en]*" in out  # source, marked
    assert "## Feelings *[en]*" in out


def test_names_may_keep_the_source_words_of_glossary_terms() -> None:
    from babel.messages.catalog import Catalog

    from cara.i18n.qa import check_catalog

    catalog = Catalog(locale="pl")
    catalog.add("Time-out Helpline (sample)", "Time-out Helpline (przykład)",
                context="services", auto_comments=["support service name"])
    catalog.add("Take a time-out", "Zrób sobie chwilę", context="m",
                auto_comments=["slide: list item"])
    diagnostics = Diagnostics()
    check_catalog("x.po", catalog, CTX, diagnostics)
    assert [(d.code, d.message.split(" is ")[0]) for d in diagnostics.items] == [
        ("i18n.glossary", "glossary term 'time-out'")]
