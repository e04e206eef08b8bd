"""Decks opened by LibreOffice Impress: pages, titles, right-to-left Urdu, notes, no overflow.

Two decks (English and Urdu, with a partner), each converted twice: to a plain PDF and with
the notes pages export filter (slides first, then one notes page per slide).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from cara.builders.slides import SlidesBuilder
from conftest import ROOTS, load, resolve

pytestmark = [pytest.mark.render,
              pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                                 reason="needs LibreOffice and poppler-utils")]
NOTES_FILTER = 'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"}}'
_INVISIBLE = re.compile(r"[\s\u200c-\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")


def convert(files: list[Path], out: Path, profile: Path, target: str = "pdf") -> None:
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=180)


def text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(out)]


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def flat(value: str) -> str:
    return _INVISIBLE.sub("", value)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("decks")
    project = load(ROOTS / "slides")[0]
    decks = {}
    for code in ("en", "ur"):
        builder = SlidesBuilder()
        workshop = resolve(project, "day-one", "men", code, "riverside")
        path = folder / f"{code}.pptx"
        path.write_bytes(builder.render(workshop))
        decks[code] = (path, builder.slides(workshop))
    profile = folder / "profile"
    files = [path for path, _ in decks.values()]
    convert(files, folder / "pdf", profile)
    convert(files, folder / "notes", profile, NOTES_FILTER)
    return {code: (folder / "pdf" / f"{code}.pdf", folder / "notes" / f"{code}.pdf", slides)
            for code, (_, slides) in decks.items()}


@pytest.mark.parametrize("code", ["en", "ur"])
def test_one_page_per_slide_with_its_title(rendered, code):
    pdf, _, slides = rendered[code]
    assert pages(pdf) == len(slides)
    for number, spec in enumerate(slides, start=1):
        page, title = flat(text(pdf, number)), flat(spec.title)
        if code == "ur":
            # Nastaliq glyphs come out of the PDF in drawing order (a letter of a ligature can
            # move ahead of its word): every letter of the title must be there.
            assert not Counter(title) - Counter(page), (number, spec.title, page)
        else:
            assert title in page, (number, spec.title)


def _x(clusters: list[tuple[float, str]], letter: str) -> float:
    """Where the extracted cluster holding `letter` starts (the letter is unique on its line)."""
    found = [x for x, cluster in clusters if letter in cluster]
    assert len(found) == 1, (letter, clusters)
    return found[0]


def test_urdu_reads_right_to_left(rendered):
    pdf, _, slides = rendered["ur"]
    found = words(pdf, 3)
    assert slides[2].title == "خوش آمدید"
    title = [(x0, w) for x0, y0, x1, y1, w in found if y1 < 120]
    assert _x(title, "خ") > _x(title, "م")  # the first word stands right of the second
    line = "یہاں ہر کوئی چاہتا ہے کہ گھر میں حالات بہتر ہوں"
    assert slides[2].texts["body"][0].text == line
    y = min(y1 for x0, y0, x1, y1, w in found if w == "•")
    bullet = [x0 for x0, y0, x1, y1, w in found if w == "•" and y1 == y][0]
    row = [(x0, w) for x0, y0, x1, y1, w in found if abs(y1 - y) < 25 and w != "•"]
    assert all(x < bullet for x, _ in row)  # the bullet is on the right
    # چاہتا, گھر, حالات and بہتر come in this order: right to left on the page.
    xs = [_x(row, letter) for letter in "چگحب"]
    assert xs == sorted(xs, reverse=True), xs
    english = {w: x0 for x0, y0, x1, y1, w in words(rendered["en"][0], 3)}
    assert english["•"] < english["Everyone"] < english["home"]


@pytest.mark.parametrize("code", ["en", "ur"])
def test_notes_pages_exported(rendered, code):
    _, notes, slides = rendered[code]
    count = len(slides)
    assert pages(notes) == 2 * count  # the slides, then a notes page for each
    expected = {"en": "Introduce both facilitators", "ur": "دونوں سہولت کاروں کا تعارف"}[code]
    assert flat(expected) in flat(text(notes, count + 3))
    assert flat(expected) not in flat(text(notes, 3))


@pytest.mark.parametrize("code", ["en", "ur"])
def test_nothing_overflows(rendered, code):
    pdf, _, slides = rendered[code]
    footer_top = 6.75 * 72  # inches to points: the footer band starts at 6.8 in
    for number in range(1, len(slides) + 1):
        for x0, y0, x1, y1, w in words(pdf, number):
            assert x0 >= 0 and x1 <= 960.1 and y0 >= 0 and y1 <= 540, (number, w)
            if y0 < footer_top:  # the slide's text never runs into the footer
                assert y1 <= footer_top, (number, w)
