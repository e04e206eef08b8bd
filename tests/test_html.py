"""HTML of the PDF builders (no PDF rendering): structure, escaping, direction, languages.

Also holds the helpers the PDF tests share: the `scripts` root (one short module in nine
languages) resolved with in-memory translations read from its translations.yml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from cara.i18n.lookup import Entry, Translator
from cara.i18n.states import State
from cara.project import Project
from cara.resolve import resolve_workshop
from cara.resolved import ResolvedWorkshop, Target
from conftest import ROOTS, load

SCRIPTS = ROOTS / "scripts"
PL_PLURAL = ("(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)")


@cache
def scripts_project() -> Project:
    return load(SCRIPTS)[0]


@cache
def _translations() -> dict:
    return yaml.safe_load((SCRIPTS / "translations.yml").read_text(encoding="utf-8"))


def translator(project: Project, code: str, state: State = State.APPROVED,
               extra: dict[tuple[str, str], str] | None = None) -> Translator:
    """A Translator for `code` from translations.yml (plus `extra` (ctx, msgid) entries)."""
    entries: dict[tuple[str, str], Entry] = {}
    for ctx, messages in _translations().get(code, {}).items():
        for msgid, text in messages.items():
            value = tuple(text) if isinstance(text, list) else text
            entries[(ctx, msgid)] = Entry(value, state)
    for key, text in (extra or {}).items():
        entries[key] = Entry(text, state)
    return Translator(project.locales[code], project.locales.source, entries,
                      project.locales.address_axis,
                      PL_PLURAL if code == "pl" else "(n != 1)")


def scripts_workshop(code: str = "en", track: str = "men", partner: str | None = None,
                     state: State = State.APPROVED,
                     extra: dict[tuple[str, str], str] | None = None,
                     project: Project | None = None,
                     watermark: str | None = None) -> ResolvedWorkshop:
    project = project or scripts_project()
    return resolve_workshop(project, Target("workshop", track, code, partner),
                            translator(project, code, state, extra), watermark=watermark)


def module_path(project: Project, module: str) -> Path:
    return project.root / project.modules[module].path


def manual_html(workshop: ResolvedWorkshop) -> str:
    from cara.builders.manual import ManualBuilder
    return ManualBuilder().html(workshop)


def handouts_html(workshop: ResolvedWorkshop) -> str:
    from cara.builders.handouts import HandoutsBuilder
    return HandoutsBuilder().html(workshop)


# ---------------------------------------------------------------- the writer


def _writer(code: str = "en"):
    from cara.builders.html import HtmlWriter
    locales = scripts_project().locales
    return HtmlWriter(locales[code], lambda s: s, source=locales[locales.source])


def test_inline_nodes_are_escaped_and_links_checked():
    from cara.model import Code, Emph, Link, Rich, Strong, Text
    w = _writer()
    html = w.text(Rich((Text('<img src="file:///etc/hostname"> & '), Strong((Text("b"),)),
                        Emph((Text("i"),)), Code("<x>"),
                        Link("https://example.org/?a=1&b=2", (Text("ok"),)),
                        Link("javascript:alert(1)", (Text("bad"),)))))
    assert "<img" not in html
    assert "&lt;img src=&#34;file:///etc/hostname&#34;&gt; &amp; " in html
    assert "<strong>b</strong><em>i</em><code>&lt;x&gt;</code>" in html
    assert '<a href="https://example.org/?a=1&amp;b=2">ok</a>' in html
    assert "javascript" not in html and "bad" in html


def test_fallback_segment_gets_lang_dir_and_badge():
    from cara.model import Rich, Text
    w = _writer("ur")
    html = w.element("p", Rich((Text("Hello."),), lang="en", state="untranslated"))
    assert html == ('<p class="fallback" lang="en" dir="ltr">Hello. '
                    '<span class="lang-badge">EN</span></p>')
    assert w.element("p", Rich((Text("سلام"),))) == "<p>سلام</p>"
    # a list item keeps the list's direction (its marker stays put); its text gets its own
    assert w.element("li", Rich((Text("Hi"),), lang="en")) == (
        '<li><div class="fallback" lang="en" dir="ltr">Hi <span class="lang-badge">EN</span>'
        "</div></li>")
    assert _writer("pa").element("li", Rich((Text("Hi"),), lang="en")) == (
        '<li class="fallback" lang="en" dir="ltr">Hi <span class="lang-badge">EN</span></li>')


def test_images_only_from_assets_with_alt():
    from cara.builders.html import HtmlWriter
    from cara.model import Image, Rich
    locale = scripts_project().locales["en"]
    w = HtmlWriter(locale, str, asset_url=lambda src: "file:///assets/" + src[7:])
    assert w.text(Rich((Image("assets/a.png", 'A "quoted" alt'),))) == (
        '<img src="file:///assets/a.png" alt="A &#34;quoted&#34; alt">')
    assert "<img" not in w.text(Rich((Image("/etc/hostname", "x"),)))
    assert "<img" not in HtmlWriter(locale, str).text(Rich((Image("assets/a.png", "alt"),)))


def test_write_block_is_ruled_lines():
    from cara.diagnostics import Location
    from cara.model import Container
    w = _writer()
    block = Container(Location("x.md", 1), "write", (("lines", "3"),), None, ())
    assert w.block(block).count('class="write-line"') == 3
    huge = Container(Location("x.md", 1), "write", (("lines", "100000"),), None, ())
    assert w.block(huge).count('class="write-line"') == 40


# ---------------------------------------------------------------- CSS helpers


def test_css_string_cannot_break_out():
    from cara.css import css_string
    value = css_string('a"b\\c;}</style><script>\n')
    assert value.startswith('"') and value.endswith('"')
    inner = value[1:-1]
    assert not any(c in inner for c in '"<>;{}\n') and "\\22 " in inner


def test_page_counter_uses_native_digits():
    from cara.pdf import page_counter
    assert page_counter("Page %(page)s of %(pages)s", "arabic-indic") == (
        '"Page " counter(page, arabic-indic) " of " counter(pages, arabic-indic)')
    assert page_counter("%(pages)s / %(page)s", "decimal") == (
        'counter(pages, decimal) " \\2f  " counter(page, decimal)')


def test_locale_css_from_locale_info():
    from cara.pdf import locale_css
    locales = scripts_project().locales
    ur = locale_css(locales["ur"], 10)
    # Nastaliq may be loaded under an alias (see cara.pdf.FontFix); the order is the locale's
    assert re.search(r'font-family: "(cara )?Noto Nastaliq Urdu", "Noto Naskh Arabic", '
                     r'"Noto Sans", sans-serif;', ur)
    assert "line-height: 2.3" in ur and "direction: rtl" in ur
    ar = locale_css(locales["ar"], 10)
    assert "font-size: 11.5pt" in ar and "arabic-indic" in ar
    assert "persian" in locale_css(locales["fa"], 10)
    assert "direction: rtl" not in locale_css(locales["pa"], 10)


def test_partner_colour_text_has_aa_contrast():
    from cara.pdf import luminance, partner_colours
    for colour in ("#f2c14e", "#225577", "#ffffff", "#000000", "not a colour"):
        c = partner_colours(colour)
        lighter, darker = sorted((luminance(c["accent"]), luminance(c["on_accent"])))[::-1]
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, colour
    assert partner_colours("red; background: url(x)")["accent"] == "#17405c"


# ---------------------------------------------------------------- documents


def test_manual_html_structure():
    html = manual_html(scripts_workshop("en", partner="harbour"))
    assert '<html lang="en-GB" dir="ltr">' in html
    assert "<title>Safer Relationships: Workshop A. Facilitator manual</title>" in html
    for text in ("Contents", "Timetable", "Objectives", "Materials", "Slide 1",
                 "Speaker notes", "Activity", "10 minutes", "Facilitator only",
                 "Glossary", "Handout 1", "My time-out plan", "Harbour Listening Line",
                 "Harbour Family Support (sample)", "09:30–10:15", "Tea break"):
        assert text in html, text
    assert 'alt="A circle: breathe in, breathe out"' in html
    assert "<link" not in html  # nothing WeasyPrint would fetch or attach
    assert "Draft translation" not in html


def test_manual_html_rtl_and_translated_ui():
    html = manual_html(scripts_workshop("ur"))
    assert '<html lang="ur-PK" dir="rtl">' in html
    assert "ٹائم آؤٹ لینا" in html and "صرف سہولت کار کے لیے" in html
    assert "45 منٹ" in html
    assert "counter(page, decimal)" in html
    # an untranslated segment is marked with its language, direction and a badge
    assert ('<td class="fallback" lang="en" dir="ltr">Someone to talk to, day or night. '
            '<span class="lang-badge">EN</span></td>') in html


def test_native_digits_in_times_and_counters():
    html = manual_html(scripts_workshop("ar"))
    assert "٠٩:٣٠–١٠:١٥" in html and "counter(page, arabic-indic)" in html
    assert "۰۹:۳۰" in manual_html(scripts_workshop("fa"))


def test_plural_ui_strings():
    html = manual_html(scripts_workshop("pl"))
    assert "45 minut" in html and "15 minut" in html and "Strona" in html


def test_unreviewed_and_watermark_footer():
    from cara.i18n.states import State
    html = manual_html(scripts_workshop("pa", state=State.DRAFT, watermark="Licensed to X & Y"))
    assert "Draft translation" in html and "Licensed to X \\26  Y" in html
    assert "Draft translation" not in manual_html(scripts_workshop("pa"))


def test_broken_ui_placeholder_does_not_fail_the_build():
    html = manual_html(scripts_workshop("ur", extra={("", "Slide %(n)s"): "سلائیڈ %(m)s"}))
    assert "سلائیڈ %(m)s" in html


def test_ui_translation_markup_is_escaped():
    html = manual_html(scripts_workshop("ur", extra={("", "Contents"): "<b>فہرست</b>"}))
    assert "&lt;b&gt;فہرست&lt;/b&gt;" in html and "<b>" not in html


def test_raw_html_in_module_and_translation_stays_text(root_copy):
    root = root_copy("scripts")
    path = root / "curriculum/workshop/01-time-out.md"
    path.write_text(path.read_text().replace(
        "A time-out is a planned pause.",
        'A time-out is a planned pause. <img src="file:///etc/hostname">'), "utf-8")
    project = load(root)[0]
    html = manual_html(scripts_workshop("en", project=project))
    assert "&lt;img src=&#34;file:///etc/hostname&#34;&gt;" in html
    assert '<img src="file:///etc/hostname"' not in html
    evil = {("time-out", "My time-out plan"): 'منصوبہ <img src="file:///etc/hostname">'}
    for builder in (manual_html, handouts_html):
        html = builder(scripts_workshop("ur", project=project, extra=evil))
        assert "file:///etc/hostname" not in html.replace("&lt;img src=&#34;file:///etc/"
                                                          "hostname&#34;&gt;", "")


def test_handouts_html_has_only_participant_content(basic):
    from conftest import resolve
    for track in basic.tracks:
        for partner in (None, "acme"):
            html = handouts_html(resolve(basic, "day-one", track, "en", partner))
            for text in ("safeguarding", "Introduce both facilitators", "Welcome the group",
                         "Feelings we all have", "Speaker notes", "Facilitator only",
                         "feelings sit underneath"):
                assert text not in html, (track, text)
            assert "About me" in html and "write-line" in html
            assert ("Acme Listening Line" if partner else "Demo Helpline") in html


def test_handouts_never_draw_facilitator_blocks_nested_in_a_handout():
    from dataclasses import replace

    from cara.diagnostics import Location
    from cara.model import Container, Paragraph, Rich, Text
    ws = scripts_workshop("en")
    loc = Location("x.md", 1)
    secret = Container(loc, "facilitator-only", (), None,
                       (Paragraph(loc, Rich((Text("SECRET GUIDANCE"),))),))
    notes = Container(loc, "notes", (), None, (Paragraph(loc, Rich((Text("SECRET NOTE"),))),))
    handout = Container(loc, "handout", (("id", "h"),), None,
                        (Paragraph(loc, Rich((Text("Visible"),))), secret, notes))
    module = replace(ws.modules[0], blocks=(handout,))
    html = handouts_html(replace(ws, modules=(module,)))
    assert "Visible" in html and "SECRET" not in html
