"""The facilitator manual as a real PDF: content, tagging, metadata, safety, glyphs.

PDFs are read back with pypdf and poppler's pdftotext. Renders are cached per module so
that each document is laid out once (WeasyPrint takes 0.1-0.5 s a document here).
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject, StreamObject

from cara.builders.handouts import HandoutsBuilder
from cara.builders.manual import ManualBuilder
from cara.diagnostics import UserError
from cara.pdf import AssetFetcher, RefusedURL, render_pdf
from conftest import REPO, ROOTS, load
from test_html import SCRIPTS, scripts_workshop

pytestmark = pytest.mark.render


@cache
def manual(code: str = "en", partner: str | None = None) -> bytes:
    return ManualBuilder().render(scripts_workshop(code, partner=partner))


def pdf_text(data: bytes, *args: str) -> str:
    """The text poppler extracts (NFC), one page after another."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, handle.name, "-"],
                             capture_output=True, check=True)
    return unicodedata.normalize("NFC", out.stdout.decode("utf-8"))


def all_objects(reader: PdfReader):
    """Every object of the file (streams decompressed by the caller)."""
    size = int(reader.trailer["/Size"])
    for number in range(1, size):
        try:
            yield reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # free or compressed-away entries
            continue


# ---------------------------------------------------------------- glyph coverage
#
# Method: WeasyPrint writes every font as a Type0/CIDFontType2 font with Identity-H
# encoding, CIDToGIDMap /Identity and subsets that retain glyph ids, so each two bytes of a
# text-showing operator are a glyph id of the real font file, and ToUnicode maps give the
# characters each glyph stands for. A character that no font has is drawn as .notdef or
# as a glyph of a font that lacks it (the "tofu" box). So, for every font in the PDF:
# (1) no text operator draws glyph 0; (2) every glyph id drawn exists in the system font
# file it came from (found through fontconfig by the PostScript name in the embedded
# program) and every character drawn is in that file's cmap; (3) no dotted circle
# (U+25CC), which HarfBuzz draws for broken clusters; (4) the script's letters are drawn
# by the family the locale asks for, and all the module title's letters were drawn.
# `test_glyph_check_finds_tofu` shows the check failing on characters no font has.


def drawn(data: bytes) -> dict[str, dict]:
    """PostScript name -> {"gids": glyph ids drawn, "chars": their ToUnicode characters}."""
    reader = PdfReader(io.BytesIO(data))
    fonts: dict[str, dict] = {}
    by_ref: dict[int, dict] = {}
    for page in reader.pages:
        table = page["/Resources"].get("/Font", {})
        current = None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                ref = table.raw_get(operands[0])
                if ref.idnum not in by_ref:
                    by_ref[ref.idnum] = _font_entry(fonts, ref.get_object())
                current = by_ref[ref.idnum]
            elif op in (b"Tj", b"TJ") and current is not None:
                for item in operands[0] if op == b"TJ" else [operands[0]]:
                    if isinstance(item, str | bytes):
                        raw = bytes(item) if isinstance(item, bytes) else item.original_bytes
                        for i in range(0, len(raw) - 1, 2):
                            gid = int.from_bytes(raw[i:i + 2], "big")
                            current["gids"].add(gid)
                            current["chars"].update(current["to_unicode"].get(gid, ""))
    return fonts


def _font_entry(fonts: dict[str, dict], font) -> dict:
    descendant = font["/DescendantFonts"][0].get_object()
    program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
    name = TTFont(io.BytesIO(program.get_data()))["name"].getDebugName(6)
    entry = fonts.setdefault(name, {"name": name, "gids": set(), "chars": set(),
                                    "to_unicode": {}})
    entry["to_unicode"] = {**_to_unicode(font["/ToUnicode"].get_object().get_data()),
                           **entry["to_unicode"]}
    return entry


def _to_unicode(cmap: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    inside = False
    for line in cmap.decode("latin-1").splitlines():
        if line.endswith("beginbfchar"):
            inside = True
        elif line.endswith("endbfchar"):
            inside = False
        elif inside and line.startswith("<"):
            gid, _, text = line.partition(" ")
            hexes = text.strip().strip("<>")
            out[int(gid.strip("<>"), 16)] = bytes.fromhex(hexes).decode("utf-16-be")
    return out


@cache
def system_font(postscript: str) -> tuple[dict[int, str], int]:
    """The cmap and glyph count of the installed font file with this PostScript name."""
    out = subprocess.run(["fc-list", f":postscriptname={postscript}", "file"],
                         capture_output=True, text=True, check=True)
    path = out.stdout.split(":")[0].strip()
    assert path, f"no system font file for {postscript}"
    font = TTFont(path, lazy=True)
    return font.getBestCmap(), font["maxp"].numGlyphs


SCRIPT_FONTS = {  # locale -> (its script: a Unicode range, or Latn; the font it must use)
    "en": ("Latn", "NotoSans-"), "pl": ("Latn", "NotoSans-"),
    "pa": ("\u0a00-\u0a7f", "NotoSansGurmukhi-"), "bn": ("\u0980-\u09ff", "NotoSansBengali-"),
    "gu": ("\u0a80-\u0aff", "NotoSansGujarati-"),
    "hi": ("\u0900-\u097f", "NotoSansDevanagari-"),
    "ar": ("\u0600-\u06ff", "NotoNaskhArabic-"), "fa": ("\u0600-\u06ff", "NotoNaskhArabic-"),
    "ur": ("\u0600-\u06ff", "NotoNastaliqUrdu-"),
}


def _in_script(char: str, script: str) -> bool:
    if script == "Latn":
        return char.isascii() and char.isalpha()
    low, high = script.split("-")
    return low <= char <= high


def glyph_problems(fonts: dict[str, dict]) -> list[str]:
    """Missing glyphs: .notdef drawn, characters the drawing font lacks, broken clusters."""
    problems = []
    for entry in fonts.values():
        if 0 in entry["gids"]:
            problems.append(f"{entry['name']} draws .notdef")
        cmap, count = system_font(entry["name"])
        if max(entry["gids"]) >= count:
            problems.append(f"{entry['name']} draws glyph ids it does not have")
        chars = {c for c in entry["chars"]
                 if unicodedata.category(c) not in ("Zs", "Zl", "Zp", "Cc", "Cf")}
        missing = sorted(c for c in chars if ord(c) not in cmap)
        if missing:
            problems.append(f"{entry['name']} has no glyph for {missing}")
        if "\u25cc" in entry["chars"]:
            problems.append(f"{entry['name']} draws a dotted circle (broken cluster)")
    return problems


@pytest.mark.parametrize("code", list(SCRIPT_FONTS))
def test_no_missing_glyphs(code):
    fonts = drawn(manual(code))
    assert glyph_problems(fonts) == []
    script, family = SCRIPT_FONTS[code]
    used: set[str] = set()
    for entry in fonts.values():
        in_script = {c for c in entry["chars"] if _in_script(c, script)}
        if in_script:
            assert entry["name"].startswith(family), (entry["name"], sorted(in_script)[:5])
            used |= in_script
    title = scripts_workshop(code).modules[0].title.plain()
    expected = {c for c in title if _in_script(c, script)}
    assert expected and expected <= used, "the module title's letters were not drawn"


def test_glyph_check_finds_tofu():
    """The check above does fail for characters no installed font has."""
    data = render_pdf('<html lang="en"><p>A \u0378 \U0010fffd B</p></html>', [], assets=None,
                      epoch=0)
    problems = glyph_problems(drawn(data))
    assert any("has no glyph" in p for p in problems), problems


# ---------------------------------------------------------------- content


def test_manual_content_and_page_numbers():
    text = pdf_text(manual("en", "harbour"))
    for heading in ("Facilitator manual", "Contents", "Timetable", "Module 1",
                    "Taking a time-out", "Objectives", "Materials", "Slide 1",
                    "Speaker notes", "Activity", "10 minutes", "Facilitator only",
                    "safeguarding procedure", "Glossary", "Handouts", "Handout 1",
                    "My time-out plan", "Harbour Family Support (sample)",
                    "Harbour Listening Line", "Page 2 of 6"):
        assert heading in text, heading
    reader = PdfReader(io.BytesIO(manual("en", "harbour")))
    pages = len(reader.pages)
    assert f"Page {pages} of {pages}" in text
    contents = text.split("Contents", 1)[1].split("Page 2", 1)[0]
    assert "Taking a time-out" in contents and ". 4" in contents  # target-counter filled


def test_native_digits_in_page_numbers():
    arabic = pdf_text(manual("ar"))
    assert "صفحة" in arabic and "٢" in arabic and "2" not in arabic.split("صفحة", 1)[1][:20]
    assert "۲" in pdf_text(manual("fa"))


def test_urdu_is_right_to_left_text():
    """Urdu text is real text (not outlines), right to left, in the Nastaliq font.

    Exact extraction is not possible with Nastaliq: its letters share glyphs (skeletons
    with separate dots) and WeasyPrint maps each glyph to one string in ToUnicode, with no
    /ActualText; Naskh Arabic, below, extracts exactly."""
    html = ManualBuilder().html(scripts_workshop("ur"))
    assert '<html lang="ur-PK" dir="rtl">' in html
    text = pdf_text(manual("ur"))
    arabic = [c for c in text if "\u0600" <= c <= "\u06ff"]
    assert len(arabic) > 300
    assert "\u202b" in text  # poppler found right-to-left runs
    for word in ("اردو", "مرد"):
        assert word in text
    assert "أخذ استراحة مؤقتة" in pdf_text(manual("ar"))


def test_tagged_pdf_ua_with_language_and_title():
    reader = PdfReader(io.BytesIO(manual("ur")))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "ur-PK"
    assert reader.metadata["/Title"] == "محفوظ تعلقات: ورکشاپ اے. سہولت کار کی رہنما کتاب"
    assert b"pdfuaid:part=\"1\"" in reader.xmp_metadata.stream.get_data()
    figures = [obj.get("/Alt") for obj in all_objects(PdfReader(io.BytesIO(manual("en"))))
               if isinstance(obj, dict) and obj.get("/S") == "/Figure"]
    assert figures == ["A circle: breathe in, breathe out"]


def test_metadata_is_reproducible_and_private():
    data = manual("en", "harbour")
    assert ManualBuilder().render(scripts_workshop("en", partner="harbour")) == data
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert "/Author" not in info
    epoch = scripts_workshop("en").epoch
    import datetime as dt
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("D:%Y%m%d%H%M%S")
    assert info["/CreationDate"].startswith(stamp) and info["/ModDate"].startswith(stamp)
    private = [str(REPO).encode(), str(Path.home()).encode(), socket.gethostname().encode(),
               os.environ.get("USER", "nobody-at-all").encode()]
    for obj in all_objects(reader):
        blob = obj.get_data() if isinstance(obj, StreamObject) else str(obj).encode()
        if isinstance(obj, StreamObject) and obj.get("/Subtype") in ("/Image",):
            continue
        if isinstance(obj, StreamObject) and "/Length1" in obj:  # font programs
            continue
        for secret in private:
            assert secret not in blob, secret


def test_identical_bytes_across_processes(tmp_path):
    """SOURCE_DATE_EPOCH (set by conftest) makes a fresh process write the same bytes."""
    script = tmp_path / "render.py"
    script.write_text(
        "import sys\n"
        f"sys.path[:0] = [{str(REPO / 'tests')!r}]\n"
        "from test_html import scripts_workshop\n"
        "from cara.builders.manual import ManualBuilder\n"
        "sys.stdout.buffer.write(ManualBuilder().render(scripts_workshop('pa')))\n")
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"]}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, check=True,
                         cwd=tmp_path, env=env)
    assert out.stdout == manual("pa")


# ---------------------------------------------------------------- safety

HOSTNAME = Path("/etc/hostname")
EVIL = '<img src="file:///etc/hostname">'


def _assert_no_embedded_content(data: bytes, secret: str) -> None:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    images = set()
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
        xobjects = page["/Resources"].get("/XObject", {})
        images |= {xobjects.raw_get(key).idnum for key in xobjects
                   if xobjects[key].get("/Subtype") == "/Image"}
    assert len(images) <= 1  # only the module's own picture from assets/
    if secret.strip():
        lines = [line.strip() for line in pdf_text(data).splitlines()]
        assert secret.strip() not in lines


def test_markup_in_module_and_translation_cannot_embed_files(root_copy):
    root = root_copy("scripts")
    path = root / "curriculum/workshop/01-time-out.md"
    path.write_text(path.read_text().replace(
        "A time-out is a planned pause.", f"A time-out is a planned pause. {EVIL}"), "utf-8")
    project = load(root)[0]
    secret = HOSTNAME.read_text() if HOSTNAME.exists() else ""
    english = ManualBuilder().render(scripts_workshop("en", project=project))
    assert EVIL in pdf_text(english).replace("\n", " ")  # shown as text, not an image
    _assert_no_embedded_content(english, secret)
    extra = {("time-out", "My time-out plan"): f"میرا منصوبہ {EVIL}",
             ("time-out", "A time-out is a planned pause."): f"وقفہ {EVIL}"}
    for builder in (ManualBuilder(), HandoutsBuilder()):
        data = builder.render(scripts_workshop("ur", project=project, extra=extra))
        _assert_no_embedded_content(data, secret)


def test_fetcher_allows_only_data_and_asset_files(tmp_path):
    assets = SCRIPTS / "curriculum/assets"
    fetcher = AssetFetcher(assets)
    assert fetcher.fetch((assets / "calm.png").as_uri()).read().startswith(b"\x89PNG")
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    link = tmp_path / "assets"
    link.mkdir()
    (link / "host.png").symlink_to("/etc/hostname")
    refused = ["file:///etc/hostname", "http://example.org/x.png", "https://example.org/x.png",
               "ftp://example.org/x", "file://example.org/etc/hostname",
               (assets / "../../../../../../etc/hostname").as_uri(),
               f"file://{assets}/../workshop/01-time-out.md", (assets / "missing.png").as_uri()]
    for url in refused:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    with pytest.raises(RefusedURL):
        AssetFetcher(link).fetch((link / "host.png").as_uri())
    with pytest.raises(RefusedURL):
        AssetFetcher(None).fetch((assets / "calm.png").as_uri())
    # system font files only when our CSS names them exactly (see cara.pdf.FontFix)
    font = Path(subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans"], capture_output=True,
                               text=True, check=True).stdout)
    with pytest.raises(RefusedURL):
        fetcher.fetch(font.as_uri())
    assert AssetFetcher(None, [font]).fetch(font.as_uri()).read(4) in (b"\0\1\0\0", b"OTTO")


@pytest.mark.parametrize("html", [
    '<html lang="en"><img src="file:///etc/hostname" alt="x"></html>',
    '<html lang="en"><link rel="attachment" href="file:///etc/hostname"><p>x</p></html>',
    '<html lang="en"><p style="background: url(http://127.0.0.1:9/x.png)">x</p></html>',
])
def test_forbidden_url_fails_the_build(html):
    with pytest.raises(UserError, match="refused to load|attach files"):
        render_pdf(html, [], assets=str(SCRIPTS / "curriculum/assets"), epoch=0)


def test_symlinked_asset_fails_the_build(root_copy):
    root = root_copy("scripts")
    (root / "curriculum/assets/evil.png").symlink_to("/etc/hostname")
    path = root / "curriculum/workshop/01-time-out.md"
    path.write_text(path.read_text().replace("assets/calm.png", "assets/evil.png"), "utf-8")
    workshop = scripts_workshop("en", project=load(root)[0])
    with pytest.raises(UserError, match="evil.png"):
        ManualBuilder().render(workshop)


def test_basic_root_manual(basic):
    from conftest import resolve
    text = pdf_text(ManualBuilder().render(resolve(basic, "day-one", "women-youth", "en")))
    assert "Keep the language simple for younger participants." in text
    assert "Women's groups: discuss retaliatory violence." in text
    assert "Everyone is heard, young or old" in text
    assert ROOTS.name  # the basic root is shared: read only


def test_no_weasyprint_warnings():
    """Our CSS and HTML are clean: WeasyPrint reports nothing while rendering."""
    import logging

    from cara.pdf import WarningLog
    log = WarningLog()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(log)
    try:
        ManualBuilder().render(scripts_workshop("ur", partner="harbour", watermark="W"))
        HandoutsBuilder().render(scripts_workshop("pa"))
    finally:
        logger.removeHandler(log)
    assert log.messages == []
