"""Text fitting: widths from the real fonts, wrapping, sizes, and the longest slides in every
locale of the product's locales.yml fitting their placeholders (continuing when they must)."""

from __future__ import annotations

import dataclasses
import io
import time
from collections import Counter

import pytest
from pptx import Presentation

from cara.builders.slides import SlidesBuilder
from cara.builders.slides.fitting import spacing
from cara.diagnostics import Diagnostics
from cara.i18n.lookup import Entry, Translator
from cara.i18n.states import State
from cara.locales import load_locales
from cara.resolve import resolve_workshop
from cara.resolved import Target
from cara.textfit import Box, Measure, Para, Piece, fonts_for
from conftest import REPO, ROOTS, load

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LATIN = ("Noto Sans", "DejaVu Sans")
URDU = ("Noto Nastaliq Urdu", "Noto Naskh Arabic", "Noto Sans")

# One long, realistic sentence per language of the product (the same advice in each).
SENTENCES = {
    "en": "Notice the early warning signs in your body, such as a tight chest, clenched fists "
          "or a fast heartbeat, and leave before things get worse",
    "pl": "Zwróć uwagę na wczesne sygnały ostrzegawcze w swoim ciele, takie jak ucisk w klatce "
          "piersiowej, zaciśnięte pięści lub szybkie bicie serca, i wyjdź, zanim sytuacja się "
          "pogorszy",
    "pa": "ਆਪਣੇ ਸਰੀਰ ਵਿੱਚ ਸ਼ੁਰੂਆਤੀ ਚੇਤਾਵਨੀ ਸੰਕੇਤਾਂ ਵੱਲ ਧਿਆਨ ਦਿਓ, ਜਿਵੇਂ ਛਾਤੀ ਵਿੱਚ ਕੱਸ, ਘੁੱਟੀਆਂ ਹੋਈਆਂ "
          "ਮੁੱਠੀਆਂ ਜਾਂ ਤੇਜ਼ ਧੜਕਣ, ਅਤੇ ਹਾਲਾਤ ਵਿਗੜਨ ਤੋਂ ਪਹਿਲਾਂ ਚਲੇ ਜਾਓ",
    "ur": "اپنے جسم میں ابتدائی انتباہی علامات پر دھیان دیں، جیسے سینے میں کھنچاؤ، بھنچی ہوئی "
          "مٹھیاں یا دل کی تیز دھڑکن، اور حالات بگڑنے سے پہلے وہاں سے چلے جائیں",
    "bn": "আপনার শরীরে প্রাথমিক সতর্কতার লক্ষণগুলো লক্ষ্য করুন, যেমন বুকে চাপ, মুঠো শক্ত হয়ে যাওয়া "
          "বা দ্রুত হৃদস্পন্দন, এবং পরিস্থিতি খারাপ হওয়ার আগেই সরে যান",
    "gu": "તમારા શરીરમાં શરૂઆતના ચેતવણીના સંકેતો પર ધ્યાન આપો, જેમ કે છાતીમાં ભીંસ, વળેલી મુઠ્ઠીઓ "
          "અથવા ઝડપી ધબકારા, અને પરિસ્થિતિ બગડે તે પહેલાં ત્યાંથી નીકળી જાઓ",
    "hi": "अपने शरीर में शुरुआती चेतावनी के संकेतों पर ध्यान दें, जैसे सीने में जकड़न, भिंची हुई "
          "मुट्ठियाँ या तेज़ धड़कन, और हालात बिगड़ने से पहले वहाँ से चले जाएँ",
    "ar": "لاحظ علامات الإنذار المبكرة في جسمك، مثل ضيق الصدر أو قبضتين مشدودتين أو تسارع "
          "ضربات القلب، وابتعد قبل أن تسوء الأمور",
    "ro": "Observă semnele de avertizare timpurii din corpul tău, cum ar fi o strângere în "
          "piept, pumnii încleștați sau bătăile rapide ale inimii, și pleacă înainte ca "
          "lucrurile să se înrăutățească",
    "so": "U fiirso calaamadaha digniinta hore ee jirkaaga, sida laabta oo kugu cidhiidhyowda, "
          "feedho la isku qabsaday ama wadne garaac degdeg ah, oo ka tag ka hor inta aysan "
          "arrimuhu xumaan",
    "pt": "Repare nos primeiros sinais de alerta no seu corpo, como aperto no peito, punhos "
          "cerrados ou batimentos cardíacos acelerados, e saia antes que as coisas piorem",
    "lt": "Atkreipkite dėmesį į ankstyvus įspėjamuosius ženklus savo kūne, pavyzdžiui, "
          "spaudimą krūtinėje, sugniaužtus kumščius ar greitą širdies plakimą, ir išeikite, "
          "kol padėtis nepablogėjo",
    "fa": "به نشانه‌های هشداردهندهٔ اولیه در بدن خود توجه کنید، مانند گرفتگی قفسهٔ سینه، "
          "مشت‌های گره‌کرده یا تپش تند قلب، و پیش از آنکه اوضاع بدتر شود آنجا را ترک کنید",
}
BULLETS = ("Notice the early warning signs in your body, such as a tight chest or clenched fists",
           "Say the words you agreed in advance, calmly and without blaming anyone",
           "Leave the room and go somewhere safe, such as a walk around the block",
           "Calm your body down: breathe slowly, stretch and drink some water",
           "Do not drink alcohol, take drugs or drive while you are angry",
           "Come back at the time you agreed, even if you still feel a little upset",
           "Talk calmly about what happened, or agree a better time to talk")
REAL = load_locales(REPO, "en", {"gender": ("male", "female")}, Diagnostics())


# ------------------------------------------------------------------ measuring


def test_widths_match_libreoffice():
    # LibreOffice 7.4 set these lines at 40 pt: 325.8 pt and 604.8 pt wide (pdftotext -bbox).
    assert fonts_for(LATIN).width("Hello world line 0") * 40 == pytest.approx(325.8, rel=0.01)
    ur = "یہ ایک مثال ہے۔ گھر میں بچوں کی حفاظت 0"
    assert fonts_for(URDU).width(ur) * 40 == pytest.approx(604.8, rel=0.01)


def test_fallback_and_coverage():
    fonts = fonts_for(URDU)
    assert fonts.family_for("خوش آمدید") == "Noto Nastaliq Urdu"
    assert fonts.family_for("example.org") == "Noto Sans"
    assert fonts.family_for("•") == "Noto Sans"
    parts = fonts.segments("سلام WhatsApp 12")
    assert [fonts.family_of(i) for i, _ in parts] == ["Noto Nastaliq Urdu", "Noto Sans"]
    assert "".join(p for _, p in parts) == "سلام WhatsApp 12"


def test_wrapping_and_sizes():
    measure = Measure(fonts_for(LATIN), 1.0)
    words = Para((Piece("one two three four five six seven eight nine ten"),))
    wide = measure.lines(words, 2000, 20)
    narrow = measure.lines(words, 200, 20)
    assert wide == 1 and narrow > 2
    assert measure.lines(Para((Piece("one\ntwo"),)), 2000, 20) == 2  # a line break
    bold = Para((Piece("one two three", bold=True),))
    assert measure.fonts.width("one", bold=True) > measure.fonts.width("one")
    tail = measure.tail * 20  # room for descenders below the last line
    assert measure.height([words, bold], 2000, 20) == pytest.approx(2 * 24 + tail)
    assert 0 <= measure.tail < Measure(fonts_for(URDU)).tail
    box = Box(400, 100)
    size = measure.best_size([words], box, range(10, 41))
    assert measure.fits([words], box, size) and not measure.fits([words], box, size + 1)
    assert measure.best_size([words] * 20, box, range(18, 29)) is None
    groups = measure.pack([words] * 20, box, 18)
    assert sum(len(g) for g in groups) == 20 and len(groups) > 1
    assert all(measure.fits([words] * len(g), box, 18) for g in groups)


def test_nastaliq_spacing():
    assert spacing(REAL["ur"]) >= 1.5
    assert spacing(REAL["en"]) == 1.0
    assert Measure(fonts_for(URDU), spacing(REAL["ur"])).pitch(20) >= 1.5 * 1.2 * 20


# ------------------------------------------------------------------ whole decks


@pytest.fixture(scope="module")
def project():
    base = load(ROOTS / "slides")[0]
    fake = dataclasses.replace(REAL["en"], code="zz")  # a source for English "translations"
    return dataclasses.replace(base, locales=dataclasses.replace(
        REAL, by_code={**REAL.by_code, "zz": fake}))


def render(project, code: str, text: str) -> tuple[SlidesBuilder, bytes, float, int]:
    locale = REAL[code]
    entries = {("time-out", msgid): Entry(text, State.DRAFT) for msgid in BULLETS}
    # English is the source: pretend another source so that its "translation" is shown.
    translator = Translator(locale, "zz" if code == "en" else "en", entries, "gender")
    workshop = resolve_workshop(project, Target("day-one", "men", code), translator)
    builder = SlidesBuilder()
    started = time.perf_counter()
    data = builder.render(workshop)
    return builder, data, time.perf_counter() - started, len(builder.slides(workshop))


def measured(shape, measure: Measure) -> tuple[float, float]:
    """Height the text of a placeholder takes, read back from the XML, and its box height."""
    paras, size = [], None
    for p in shape.text_frame._txBody.iter(f"{A}p"):
        ppr = p.find(f"{A}pPr")
        pieces = []
        for child in p:
            if child.tag == f"{A}br":
                pieces.append(Piece("\n"))
            elif child.tag == f"{A}r":
                rpr = child.find(f"{A}rPr")
                size = size or int(rpr.get("sz")) / 100
                pieces.append(Piece(child.findtext(f"{A}t"), rpr.get("b") == "1",
                                    rpr.get("i") == "1", int(rpr.get("sz")) / 100 / size,
                                    rpr.find(f"{A}latin").get("typeface")))
        pitch = int(ppr.find(f"{A}lnSpc/{A}spcPts").get("val")) / 100
        assert pitch == pytest.approx(measure.pitch(size), abs=0.01)
        before = int(ppr.find(f"{A}spcBef/{A}spcPts").get("val")) / 100
        paras.append(Para(tuple(pieces), int(ppr.get("marL")) / 12700 / size, before / size))
    frame = shape.text_frame
    width = (shape.width - frame.margin_left - frame.margin_right) / 12700
    height = (shape.height - frame.margin_top - frame.margin_bottom) / 12700
    return measure.height(paras, width, size), height


@pytest.mark.parametrize("code", list(SENTENCES))
def test_longest_slide_fits_in_every_locale(project, code):
    builder, data, _, _ = render(project, code, SENTENCES[code])
    locale = REAL[code]
    measure = Measure(fonts_for(locale.fonts), spacing(locale))
    prs = Presentation(io.BytesIO(data))
    long_slides = []
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx in (0, 1, 2) and shape.has_text_frame:
                height, box = measured(shape, measure)
                assert height <= box + 0.01, (code, shape.name, slide.shapes.title.text)
        body = slide.placeholders[1].text_frame.text if 1 in [
            p.placeholder_format.idx for p in slide.placeholders] else ""
        if SENTENCES[code].split()[2] in body:
            long_slides.append((slide.shapes.title.text_frame.text, body))
    assert len(long_slides) >= 2, "six long bullets continue on another slide"
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts.count("Title") == 1 and layouts.count("Module opener") == 2
    first_title = long_slides[0][0]
    assert all(title.endswith("(cont.)") and title.startswith(first_title.split(" [")[0])
               for title, _ in long_slides[1:])
    words = Counter(w for _, body in long_slides for w in body.split())
    assert words == Counter(SENTENCES[code].split() * len(BULLETS))  # nothing lost
    assert not [w for w in builder.warnings if w.code == "slides.overflow"]


def test_a_paragraph_longer_than_a_slide_is_split(project):
    text = " ".join([SENTENCES["en"]] * 12)
    _, data, _, _ = render(project, "en", text)
    prs = Presentation(io.BytesIO(data))
    measure = Measure(fonts_for(REAL["en"].fonts), 1.0)
    bodies = [s.placeholders[1] for s in prs.slides
              if "(cont.)" in s.shapes.title.text_frame.text or
              s.shapes.title.text_frame.text.startswith("Taking a time-out,")]
    assert len(bodies) > len(BULLETS)
    for shape in bodies:
        height, box = measured(shape, measure)
        assert height <= box + 0.01
    words = sum(len(b.text_frame.text.split()) for b in bodies)
    assert words == len(text.split()) * len(BULLETS)


def test_speed_per_slide(project):
    timings = {}
    for code in ("en", "ur", "pa"):
        render(project, code, SENTENCES[code])  # warm caches (fonts, template)
        _, _, seconds, count = render(project, code, SENTENCES[code])
        timings[code] = seconds / count * 1000
    assert max(timings.values()) < 40, timings  # ms a slide; budget about 10 ms
