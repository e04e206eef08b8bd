"""Participant handouts as real PDFs: only participant-facing content, large clear type."""

from __future__ import annotations

import io
from functools import cache

import pytest
from pypdf import PdfReader

from cara.builders.handouts import HandoutsBuilder, LargeHandoutsBuilder
from conftest import resolve
from test_html import scripts_workshop
from test_pdf_manual import drawn, glyph_problems, pdf_text

pytestmark = pytest.mark.render

FACILITATOR_TEXT = (  # tests/roots/basic: facilitator-only, notes, slides, prose, activities
    "safeguarding", "Introduce both facilitators", "Welcome the group and explain the day",
    "Keep the language simple", "Feelings we all have", "This is a space to talk",
    "feelings sit underneath", "Feelings list", "In pairs, list feelings",
    "retaliatory violence", "Speaker notes", "Facilitator only")


@cache
def handouts(code: str = "en", large: bool = False, partner: str | None = None) -> bytes:
    builder = LargeHandoutsBuilder() if large else HandoutsBuilder()
    return builder.render(scripts_workshop(code, partner=partner))


def body_sizes(data: bytes) -> dict[float, int]:
    """Effective font size (pt) -> characters set at that size, on the handout pages."""
    sizes: dict[float, int] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            key = round(size * tm[0] * cm[0], 1)
            sizes[key] = sizes.get(key, 0) + len(text.strip())

    for page in PdfReader(io.BytesIO(data)).pages[1:]:
        page.extract_text(visitor_text=visit)
    return sizes


def test_no_facilitator_content_for_any_track(basic):
    for track in basic.tracks:
        for partner in (None, "acme"):
            workshop = resolve(basic, "day-one", track, "en", partner)
            text = pdf_text(HandoutsBuilder().render(workshop)).replace("\n", " ")
            for secret in FACILITATOR_TEXT:
                assert secret not in text, (track, partner, secret)
            assert "About me" in text and "Write one thing you hope to learn." in text
            assert ("Acme Listening Line" if partner else "Demo Helpline") in text


def test_handout_content_and_services():
    text = pdf_text(handouts("en", partner="harbour"))
    for part in ("Handouts", "In this pack", "Handout 1", "My time-out plan",
                 "My early warning signs:", "What I notice", "Where to get help",
                 "Harbour Listening Line (sample)", "01632 960002", "example.org/harbour",
                 "Harbour Family Support (sample)", "Page 2 of 3"):
        assert part in text, part
    for secret in ("safeguarding", "Ask the group", "Notice the warning signs",
                   "In pairs, list three early signs"):
        assert secret not in text


def test_large_clear_type():
    """Body text is at least 12pt, and at least 16pt in the large-print variant."""
    for large, minimum in ((False, 12), (True, 16)):
        sizes = body_sizes(handouts("en", large))
        body = max(sizes, key=lambda size: sizes[size])
        assert body >= minimum, sizes
    scaled = body_sizes(handouts("ar"))
    assert max(scaled, key=lambda size: scaled[size]) >= 12 * 1.15 - 0.1


def test_urdu_handouts_right_to_left_and_complete():
    html = HandoutsBuilder().html(scripts_workshop("ur"))
    assert '<html lang="ur-PK" dir="rtl">' in html and "میرا ٹائم آؤٹ منصوبہ" in html
    data = handouts("ur")
    text = pdf_text(data)
    assert sum("\u0600" <= c <= "\u06ff" for c in text) > 60 and "\u202b" in text
    assert glyph_problems(drawn(data)) == []
    assert "safeguarding" not in text and "حفاظتی" not in text


def test_handouts_tagged_and_reproducible():
    data = handouts("pa", True)
    assert LargeHandoutsBuilder().render(scripts_workshop("pa")) == data
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "pa-IN"
    assert reader.metadata["/Title"].endswith("ਹੈਂਡਆਊਟ")
    assert "/Author" not in reader.metadata
