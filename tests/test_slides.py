"""Slide decks: the slide model and the PPTX XML (layouts, titles, notes, RTL, metadata)."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import UTC, datetime

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from cara.builders import builder_for
from cara.builders.slides import SlidesBuilder
from cara.builders.slides.template import LAYOUTS, MINT, NAVY, TEAL, WHITE, contrast, on
from cara.model import Text
from cara.resolve import resolve_workshop
from cara.resolved import Target
from conftest import ROOTS, load, resolve

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
# Children of a:rPr and a:pPr in schema order (CT_TextCharacterProperties, ...ParagraphProperties).
RPR_ORDER = ["ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill",
             "effectLst", "effectDag", "highlight", "uLnTx", "uLn", "uFillTx", "uFill", "latin",
             "ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"]
PPR_ORDER = ["lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts",
             "buFontTx", "buFont", "buNone", "buAutoNum", "buChar", "buBlip", "tabLst",
             "defRPr", "extLst"]


@pytest.fixture(scope="module")
def project():
    return load(ROOTS / "slides")[0]


@pytest.fixture(scope="module")
def decks(project):
    """Rendered decks and their slide models, per locale (with a partner)."""
    out = {}
    for code in ("en", "ur", "pa"):
        workshop = resolve(project, "day-one", "men", code, "riverside")
        builder = SlidesBuilder()
        data = builder.render(workshop)
        out[code] = (data, builder.slides(workshop), workshop)
    return out


def parts(data: bytes, prefix: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist()
                if n.startswith(prefix) and n.endswith(".xml")}


def deck(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def test_registered_and_named_layouts(decks):
    assert isinstance(builder_for("slides"), SlidesBuilder)
    prs = deck(decks["en"][0])
    names = [layout.name for layout in prs.slide_layouts]
    assert names == ["Title", "Module opener", "Bullets", "Two columns", "Activity", "Quote",
                     "Closing"]
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_deck_order_and_layouts(decks):
    slides = decks["en"][1]
    layouts = [s.layout for s in slides]
    assert layouts == ["title", "section", "bullets", "two-columns", "quote", "activity",
                       "section", "bullets", "bullets", "activity", "closing"]
    titles = [s.title for s in slides]
    assert titles[:3] == ["Safer Families", "Welcome and ground rules", "Welcome"]
    assert titles[-1] == "Local support services"
    assert slides[2].texts["body"][0].kind == "bullet"


def test_titles_in_title_placeholders(decks):
    for data, slides, _ in decks.values():
        prs = deck(data)
        assert len(prs.slides) == len(slides)
        for slide, spec in zip(prs.slides, slides, strict=True):
            title = slide.shapes.title
            assert title is not None and title.is_placeholder
            assert title.text_frame.text.replace("\v", "\n") == spec.title
            # the title comes first in reading order
            assert slide.shapes[0].shape_id == title.shape_id


def test_every_slide_has_notes(decks):
    for data, _, _ in decks.values():
        for slide in deck(data).slides:
            assert slide.has_notes_slide
            assert slide.notes_slide.notes_text_frame.text.strip()
    notes = deck(decks["en"][0]).slides[2].notes_slide.notes_text_frame
    assert notes.paragraphs[0].runs[0].text.startswith("Introduce both facilitators")
    bullets = notes._txBody.findall(f"{A}p/{A}pPr/{A}buChar")
    assert len(bullets) == 2  # the notes' list stays a list


def _check_paragraphs(root: etree._Element, rtl: bool, tag: str, fonts: tuple[str, ...],
                      where: str) -> int:
    checked = 0
    for ppr in root.iter(f"{A}pPr"):
        assert ppr.get("rtl") == ("1" if rtl else "0"), where
        number = ppr.getparent().find(f"{A}fld") is not None  # right-aligned slide number
        assert ppr.get("algn") == ("r" if rtl or number else "l"), where
        order = [etree.QName(c).localname for c in ppr]
        assert order == sorted(order, key=PPR_ORDER.index), (where, order)
    for rpr in root.iter(f"{A}rPr"):
        if etree.QName(rpr.getparent()).localname not in ("r", "fld"):
            continue
        order = [etree.QName(c).localname for c in rpr]
        assert order == sorted(order, key=RPR_ORDER.index), (where, order)
        faces = {rpr.find(f"{A}{t}").get("typeface") for t in ("latin", "ea", "cs")}
        text = rpr.getparent().findtext(f"{A}t")
        assert len(faces) == 1 and faces <= set(fonts), (where, text, faces)
        if any(c.isalpha() and ord(c) > 0x2FF for c in text):  # the locale's own script
            assert faces == {fonts[0]}, (where, text)
        if rpr.get("lang") == tag:
            checked += 1
        else:
            assert rpr.get("lang") == "en", (where, text)  # an untranslated fallback
    return checked


@pytest.mark.parametrize("code", ["ur", "en", "pa"])
def test_direction_language_and_fonts_in_slides_and_notes(decks, code):
    data, _, workshop = decks[code]
    loc = workshop.locale
    total = 0
    for name, root in parts(data, "ppt/slides/").items():
        total += _check_paragraphs(root, loc.rtl, loc.tag, loc.fonts, name)
    notes = parts(data, "ppt/notesSlides/")
    assert len(notes) == len(decks[code][1])
    for name, root in notes.items():
        body = [sp for sp in root.iter(f"{P}sp")
                if sp.find(f".//{P}ph") is not None and sp.find(f".//{P}ph").get("type") == "body"]
        total += _check_paragraphs(body[0], loc.rtl, loc.tag, loc.fonts, name)
    assert total > 50


def test_urdu_runs(decks):
    data, _, _ = decks["ur"]
    root = parts(data, "ppt/slides/slide3.xml")["ppt/slides/slide3.xml"]
    runs = [(r.findtext(f"{A}t"), r.find(f"{A}rPr")) for r in root.iter(f"{A}r")]
    welcome = [rpr for text, rpr in runs if text == "خوش آمدید"][0]
    assert welcome.get("lang") == "ur-PK"
    assert [welcome.find(f"{A}{t}").get("typeface") for t in ("latin", "ea", "cs")] == [
        "Noto Nastaliq Urdu"] * 3
    pitch = int(root.find(f".//{A}lnSpc/{A}spcPts").get("val"))
    size = int(welcome.get("sz"))
    assert pitch >= 1.5 * 1.2 * size  # Nastaliq needs at least 1.5 line spacing


def test_untranslated_text_is_marked(decks):
    data, slides, _ = decks["ur"]
    bullets = slides[2].texts["body"]
    fallback = [p for p in bullets if p.runs[0].lang == "en"]
    assert len(fallback) == 1 and fallback[0].runs[0].text == "We start and finish on time"
    assert fallback[0].runs[-1].text == " [EN]" and fallback[0].runs[-1].tone == "marker"
    xml = etree.tostring(parts(data, "ppt/slides/slide3.xml")["ppt/slides/slide3.xml"],
                         encoding="unicode")
    assert 'lang="en"' in xml and "[EN]" in xml
    assert 'typeface="Noto Sans"' in xml  # set in a font that has the Latin letters


def test_draft_watermark_and_partner(project, decks):
    draft = Presentation(io.BytesIO(decks["ur"][0]))
    approved = Presentation(io.BytesIO(decks["pa"][0]))
    note = "مسودہ ترجمہ، ابھی نظرثانی نہیں ہوئی"
    for slide in draft.slides:
        footer = [s for s in slide.placeholders if s.placeholder_format.type == 15]
        assert note in footer[0].text_frame.text
    assert all("ਖਰੜਾ" not in s.placeholders[11].text_frame.text for s in approved.slides)
    workshop = resolve_workshop(project, Target("day-one", "men", "en", "riverside"),
                                decks["en"][2].ui, watermark="Licensed to Riverside")
    prs = deck(SlidesBuilder().render(workshop))
    for slide in prs.slides:
        assert "Licensed to Riverside" in slide.placeholders[11].text_frame.text
        numbers = [s for s in slide.placeholders if s.placeholder_format.type == 13]
        assert numbers and numbers[0].text_frame.text.isdigit()
    first, last = prs.slides[0], prs.slides[len(prs.slides) - 1]
    for slide in (first, last):
        band = slide.placeholders[15]
        assert "Riverside Family Trust (sample)" in band.text_frame.text
        assert band.fill.fore_color.rgb == (0x6B, 0x3F, 0xA0)


def test_activity_slide(decks):
    slides = decks["en"][1]
    activity = slides[5]
    assert activity.title == "Hopes and worries"
    assert activity.texts["badge"][0].text == "Activity, 15 minutes"
    assert [p.kind for p in activity.texts["body"]] == ["number"] * 3
    prs = deck(decks["en"][0])
    xml = etree.tostring(prs.slides[5]._element, encoding="unicode")
    assert 'type="arabicPeriod" startAt="1"' in xml
    ur = decks["ur"][1][5]
    assert ur.texts["badge"][0].text == "سرگرمی، 15 منٹ"


def test_picture_has_alt_text(decks):
    prs = deck(decks["ur"][0])
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    descr = pictures[0]._element.nvPicPr.cNvPr.get("descr")
    assert descr.startswith("ایک شخص")
    assert pictures[0].left < Emu(12192000 // 2)  # right-to-left: picture on the left


def test_sizes_in_range(decks):
    for _, slides, workshop in decks.values():
        for spec in slides:
            layout = LAYOUTS[spec.layout]
            for role, size in spec.sizes.items():
                high, low = layout.place(role).sizes
                scale = workshop.locale.font_scale
                assert round(low * scale) <= size <= round(high * scale), (spec.title, role)
                if role in ("body", "body2"):
                    assert size >= 18


def _swap_text(value, old: str, new: str):
    """`value` (a resolved tree) with every Text `old` replaced by `new`."""
    if isinstance(value, Text):
        return Text(value.text.replace(old, new))
    if isinstance(value, tuple):
        return tuple(_swap_text(v, old, new) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _swap_text(getattr(value, f.name), old, new)
                   for f in dataclasses.fields(value) if f.name not in ("ui", "locale")}
        return dataclasses.replace(value, **changes)
    return value


def test_control_characters_removed_with_warning(project, decks):
    # The resolver already cleans catalog and source text; the builder still guards itself.
    workshop = decks["en"][2]
    dirty = _swap_text(workshop, "You choose what you share", "You choose\x07 what you\x1b share")
    builder = SlidesBuilder()
    data = builder.render(dirty)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "_x0007_" not in xml and "_x001B_" not in xml and "\x07" not in xml
    assert "You choose what you share" in xml
    messages = [str(w) for w in builder.warnings]
    assert messages == ["curriculum/day-one/01-welcome.md:13: warning: removed control or "
                        "invalid characters (U+0007, U+001B) from slide text; delete them "
                        "from the source or translation [slides.control]"]


def test_lone_surrogates_and_noncharacters(decks):
    from cara.builders.slides.content import Content
    from cara.diagnostics import Location

    seen = []
    content = Content(lambda *args: seen.append(args))
    assert content.clean("a\ud800b\uffffc\ufffe\td\ne", Location("x.md", 3)) == "abc\td\ne"
    assert seen and seen[0][0] == Location("x.md", 3)
    assert content.clean("e\u0301", Location("x.md", 4)) == "\u00e9"  # NFC
    assert len(seen) == 1


def test_reproducible_bytes_and_metadata(project, decks):
    workshop = decks["ur"][2]
    again = SlidesBuilder().render(resolve(project, "day-one", "men", "ur", "riverside"))
    assert again == decks["ur"][0]
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert infos[0].filename == "[Content_Types].xml"
        assert len({i.date_time for i in infos}) == 1
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        names = set(z.namelist())
    assert "docProps/thumbnail.jpeg" not in names
    assert not any("printerSettings" in n for n in names)
    props = deck(again).core_properties
    assert props.author == props.last_modified_by == "safer"
    assert props.revision == 1
    assert props.created == props.modified == datetime.fromtimestamp(
        workshop.epoch, UTC).replace(tzinfo=None)
    assert props.title == "محفوظ خاندان – پہلا دن"
    assert props.language == "ur-PK"
    assert "Canny" not in again.decode("latin-1")


def test_contrast_meets_wcag_aa():
    for layout in LAYOUTS.values():
        for name, colour in layout.scheme.text_colours().items():
            assert contrast(colour, layout.scheme.bg) >= 4.5, (layout.name, name)
    for scheme in (WHITE, MINT, NAVY, TEAL):
        assert contrast(scheme.text, scheme.bg) >= 4.5
    assert contrast("0B5F5E", MINT.bg) >= 4.5  # the activity badge
    for partner in ("6B3FA0", "225577", "FFD700", "00FF00", "777777", "000000"):
        assert contrast(on(partner), partner) >= 4.5


def test_contrast_formula():
    assert round(contrast("000000", "FFFFFF"), 1) == 21.0
    assert round(contrast("777777", "FFFFFF"), 2) == 4.48
