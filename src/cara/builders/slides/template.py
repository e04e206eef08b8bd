"""The deck's slide master, generated in code from python-pptx's default template.

Seven named layouts on a 16:9 master, a theme with our colours and the locale's fonts, and
the geometry (in inches, left-to-right; mirrored for right-to-left locales) that the text
fitter measures against. No hand-edited binary: change the tables below instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

EMU = 914400  # per inch
SLIDE_SIZE = (12192000, 6858000)  # 16:9, in EMU
WIDTH, HEIGHT = SLIDE_SIZE[0] / EMU, SLIDE_SIZE[1] / EMU  # inches
INSET_X, INSET_Y = 0.1, 0.05  # text insets, inches
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
_DECORATIVE = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
               'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" '
               'val="1"/></a:ext></a:extLst>')


@dataclass(frozen=True)
class Scheme:
    """Colours of one background; every text colour meets WCAG AA (4.5:1) on `bg`."""

    bg: str
    title: str
    text: str
    muted: str
    marker: str  # untranslated text shown in the source language
    draft: str  # the unreviewed-translation note
    link: str
    accent: str  # decoration only (rules, bullets)

    def text_colours(self) -> dict[str, str]:
        return {"title": self.title, "text": self.text, "muted": self.muted,
                "marker": self.marker, "draft": self.draft, "link": self.link}


_LIGHT = dict(title="1B2A41", text="1F2937", muted="4B5563", marker="9A3412", draft="9B1C1C",
              link="1D4ED8", accent="0E7C7B")
WHITE = Scheme(bg="FFFFFF", **_LIGHT)
MINT = Scheme(bg="EEF6F5", **_LIGHT)
PAPER = Scheme(bg="FAF7F2", **_LIGHT)
NAVY = Scheme(bg="1B2A41", title="FFFFFF", text="D6DEE8", muted="D6DEE8", marker="FDBA74",
              draft="FCA5A5", link="93C5FD", accent="4FD1C5")
TEAL = Scheme(bg="0F4C5C", title="FFFFFF", text="D5EEF0", muted="BFE3E6", marker="FDBA74",
              draft="FECACA", link="BFDBFE", accent="7DD3C0")


@dataclass(frozen=True)
class Place:
    """A placeholder of a layout: its role for the builder, box (inches) and type sizes."""

    role: str
    name: str
    ph: str  # placeholder type
    idx: int
    box: tuple[float, float, float, float]  # x, y, width, height in inches (left-to-right)
    sizes: tuple[int, int]  # largest and smallest size in points, before the locale's scale
    colour: str = "text"  # a Scheme colour name
    bold: bool = False
    italic: bool = False
    anchor: str = "t"
    pad: float = INSET_X  # left and right text inset, inches
    space: float = 0.0  # space before each paragraph but the first, in em

    @property
    def insets(self) -> tuple[float, float]:
        """Top and bottom text insets in inches: a title that sits on its accent rule keeps
        room below it for deep descenders (Nastaliq)."""
        return INSET_Y, (0.14 if self.role == "title" else INSET_Y)

    def emu(self, rtl: bool) -> tuple[int, int, int, int]:
        x, y, w, h = self.box
        if rtl:
            x = WIDTH - x - w
        return round(x * EMU), round(y * EMU), round(w * EMU), round(h * EMU)

    @property
    def inner(self) -> tuple[float, float]:
        """Width and height in points inside the insets (what text may fill)."""
        return (self.box[2] - 2 * self.pad) * 72, (self.box[3] - sum(self.insets)) * 72


@dataclass(frozen=True)
class Layout:
    """A named slide layout: its colours, placeholders and decoration (accent bars)."""

    key: str
    name: str
    scheme: Scheme
    places: tuple[Place, ...]
    decor: tuple[tuple[float, float, float, float], ...] = field(default=())
    continues: bool = True  # text that does not fit goes on to a "(cont.)" slide

    def place(self, role: str) -> Place | None:
        return next((p for p in self.places if p.role == role), None)


M = 0.6  # side margin
CW = WIDTH - 2 * M  # content width
TITLE = Place("title", "Title", "title", 0, (M, 0.3, CW, 1.3), (40, 24), "title", True,
              anchor="b")
BODY = Place("body", "Text", "body", 1, (M, 1.9, CW, 4.7), (32, 18), space=0.45)
FOOTER = Place("footer", "Footer", "ftr", 11, (M, 6.8, 10.0, 0.55), (16, 12), "muted",
               anchor="ctr")
NUMBER = Place("number", "Slide number", "sldNum", 12, (WIDTH - M - 1.1, 6.8, 1.1, 0.55),
               (16, 16), "muted", True, anchor="ctr")
RULE = (M + INSET_X, 1.66, 1.4, 0.07)
HALF = (CW - 0.35) / 2
LAYOUTS: dict[str, Layout] = {layout.key: layout for layout in (
    Layout("title", "Title", NAVY, (
        Place("title", "Title", "ctrTitle", 0, (0.9, 1.0, 11.5, 2.15), (44, 28), "title", True,
              anchor="b"),
        Place("body", "Subtitle", "subTitle", 1, (0.9, 3.4, 11.5, 2.15), (26, 18), space=0.25),
        Place("partner", "Partner", "body", 15, (0.0, 5.65, WIDTH, 1.05), (20, 14), "title",
              anchor="ctr", pad=1.0),
        FOOTER, NUMBER), ((1.0, 3.22, 1.6, 0.08),), continues=False),
    Layout("section", "Module opener", TEAL, (
        Place("title", "Title", "title", 0, (0.9, 2.0, 11.5, 2.0), (44, 28), "title", True,
              anchor="b"),
        Place("kicker", "Module number", "body", 14, (0.9, 1.3, 11.5, 0.7), (22, 16), "text",
              True, anchor="b"),
        Place("body", "Timing", "body", 1, (0.9, 4.25, 11.5, 1.6), (28, 18), space=0.25),
        FOOTER, NUMBER), ((1.0, 4.1, 1.6, 0.08),), continues=False),
    Layout("bullets", "Bullets", WHITE, (TITLE, BODY, FOOTER, NUMBER), (RULE,)),
    Layout("two-columns", "Two columns", WHITE, (
        TITLE,
        Place("body", "Left column", "body", 1, (M, 1.9, HALF, 4.7), (28, 18), space=0.45),
        Place("body2", "Right column", "body", 2, (M + HALF + 0.35, 1.9, HALF, 4.7), (28, 18),
              space=0.45),
        FOOTER, NUMBER), (RULE,)),
    Layout("activity", "Activity", MINT, (
        TITLE,
        Place("badge", "Duration", "body", 13, (M, 1.74, CW, 0.86), (24, 18), "accent_text",
              True, anchor="ctr"),
        Place("body", "Steps", "body", 1, (M, 2.6, CW, 4.0), (32, 18), space=0.45),
        FOOTER, NUMBER), (RULE,)),
    Layout("quote", "Quote", PAPER, (
        TITLE,
        Place("body", "Quote", "body", 1, (1.25, 1.95, CW - 0.9, 4.55), (36, 20), italic=True,
              anchor="ctr", space=0.45),
        FOOTER, NUMBER), (RULE, (0.85, 2.2, 0.09, 4.05))),
    Layout("closing", "Closing", WHITE, (
        TITLE,
        Place("body", "Services", "body", 1, (M, 1.9, CW, 3.65), (26, 18), space=0.45),
        Place("partner", "Partner", "body", 15, (0.0, 5.65, WIDTH, 1.05), (20, 14), "title",
              anchor="ctr", pad=M + INSET_X),
        FOOTER, NUMBER), (RULE,)),
)}
NOTES_BOXES = {PP_PLACEHOLDER.SLIDE_IMAGE: (0.75, 0.6, 6.0, 3.375),
               PP_PLACEHOLDER.BODY: (0.75, 4.25, 6.0, 5.05)}  # on a 7.5 x 10 in page
ACCENT_TEXT = "0B5F5E"  # the activity badge: the accent, darkened for text contrast


def colour(scheme: Scheme, name: str) -> str:
    return ACCENT_TEXT if name == "accent_text" else getattr(scheme, name)


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two sRGB hex colours."""
    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def on(bg: str) -> str:
    """White or dark text, whichever contrasts more with `bg` (e.g. a partner's colour);
    black where neither of ours reaches 4.5:1 (mid greys)."""
    best = max(("FFFFFF", WHITE.text), key=lambda fg: contrast(fg, bg))
    return best if contrast(best, bg) >= 4.5 else "000000"


# ------------------------------------------------------------------- XML of the master


def _xfrm(x: int, y: int, w: int, h: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _font_xml(major: bool) -> str:
    kind = "mj" if major else "mn"
    return (f'<a:latin typeface="+{kind}-lt"/><a:ea typeface="+{kind}-ea"/>'
            f'<a:cs typeface="+{kind}-cs"/>')


def _ppr(tag: str, rtl: bool, size: int, rgb: str, bold: bool = False, italic: bool = False,
         bullet: bool = False, level: int = 0, major: bool = False) -> str:
    mar = f' marL="{(level + 1) * 342900}" indent="-342900"' if bullet else ' marL="0" indent="0"'
    bu = ('<a:buClr><a:srgbClr val="0E7C7B"/></a:buClr><a:buFont typeface="+mj-lt"/>'
          '<a:buChar char="&#8226;"/>') if bullet else "<a:buNone/>"
    return (f'<a:{tag}{mar} algn="{"r" if rtl else "l"}" rtl="{int(rtl)}">'
            f'<a:spcBef><a:spcPts val="{size * 40}"/></a:spcBef>{bu}'
            f'<a:defRPr sz="{size * 100}" b="{int(bold)}" i="{int(italic)}"><a:solidFill>'
            f'<a:srgbClr val="{rgb}"/></a:solidFill>{_font_xml(major)}</a:defRPr></a:{tag}>')


def _placeholder(shape_id: int, place: Place, scheme: Scheme, rtl: bool, lang: str) -> str:
    idx = f' idx="{place.idx}"' if place.idx else ""
    size = ' sz="quarter"' if place.ph in ("ftr", "sldNum") or place.idx > 12 else ""
    ppr = _ppr("lvl1pPr", rtl, place.sizes[0], colour(scheme, place.colour), place.bold,
               place.italic, major=place.role == "title")
    prompt = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
              f'<a:rPr lang="{lang}"/><a:t>&#8249;#&#8250;</a:t></a:fld>'
              if place.ph == "sldNum" else
              f'<a:r><a:rPr lang="{lang}"/><a:t>{place.name}</a:t></a:r>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{place.name}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{place.ph}"{size}{idx}/>'
            f'</p:nvPr></p:nvSpPr><p:spPr>{_xfrm(*place.emu(rtl))}<a:prstGeom prst="rect">'
            f'<a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="square" '
            f'lIns="{round(place.pad * EMU)}" tIns="{round(place.insets[0] * EMU)}" '
            f'rIns="{round(place.pad * EMU)}" bIns="{round(place.insets[1] * EMU)}" '
            f'anchor="{place.anchor}"'
            f' rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle>{ppr}</a:lstStyle><a:p>'
            f'{prompt}</a:p></p:txBody></p:sp>')


def _decor(shape_id: int, box: tuple[float, float, float, float], rgb: str, rtl: bool) -> str:
    x, y, w, h = box
    if rtl:
        x = WIDTH - x - w
    xfrm = _xfrm(round(x * EMU), round(y * EMU), round(w * EMU), round(h * EMU))
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Accent {shape_id}">{_DECORATIVE}'
            f'</p:cNvPr><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr '
            f'val="{rgb}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


_TREE = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
         '<p:grpSpPr>' + _xfrm(0, 0, 0, 0).replace("</a:xfrm>", '<a:chOff x="0" y="0"/>'
                                                     '<a:chExt cx="0" cy="0"/></a:xfrm>')
         + '</p:grpSpPr>')


def _background(rgb: str) -> str:
    return (f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill><a:effectLst/>'
            '</p:bgPr></p:bg>')


def layout_xml(layout: Layout, rtl: bool, lang: str) -> str:
    shapes = [_decor(20 + n, box, layout.scheme.accent, rtl)
              for n, box in enumerate(layout.decor)]
    shapes += [_placeholder(2 + n, place, layout.scheme, rtl, lang)
               for n, place in enumerate(layout.places)]
    return (f'<p:sldLayout {NS} preserve="1" userDrawn="1"><p:cSld name="{layout.name}">'
            f'{_background(layout.scheme.bg)}<p:spTree>{_TREE}{"".join(shapes)}</p:spTree>'
            '</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def master_xml(rtl: bool, lang: str, layout_rids: list[str]) -> str:
    s = WHITE
    places = (TITLE, BODY, FOOTER, NUMBER)
    shapes = "".join(_placeholder(2 + n, p, s, rtl, lang) for n, p in enumerate(places))
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + n}" r:id="{rid}"/>'
                  for n, rid in enumerate(layout_rids))
    body = "".join(_ppr(f"lvl{n + 1}pPr", rtl, size, s.text, bullet=True, level=n)
                   for n, size in enumerate((28, 24, 20)))
    other = _ppr("lvl1pPr", rtl, 18, s.text)
    title = _ppr("lvl1pPr", rtl, 40, s.title, bold=True, major=True)
    return (f'<p:sldMaster {NS}><p:cSld>{_background(s.bg)}<p:spTree>{_TREE}{shapes}'
            '</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" '
            'accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" '
            'accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
            f'<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst><p:txStyles><p:titleStyle>{title}'
            f'</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle><p:otherStyle>{other}'
            '</p:otherStyle></p:txStyles></p:sldMaster>')


_THEME_COLOURS = {"dk1": WHITE.text, "lt1": "FFFFFF", "dk2": NAVY.bg, "lt2": MINT.bg,
                  "accent1": "0E7C7B", "accent2": TEAL.bg, "accent3": "9A3412",
                  "accent4": "6D28D9", "accent5": "1D4ED8", "accent6": "B45309",
                  "hlink": WHITE.link, "folHlink": "6D28D9"}
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme(blob: bytes, font: str, script: str) -> bytes:
    element = etree.fromstring(blob)
    element.set("name", "cara")
    scheme = element.find(f"{_A}themeElements/{_A}clrScheme")
    scheme.set("name", "cara")
    for slot in scheme:
        slot_name = etree.QName(slot).localname
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{_A}srgbClr", val=_THEME_COLOURS[slot_name])
    fonts = element.find(f"{_A}themeElements/{_A}fontScheme")
    fonts.set("name", "cara")
    for kind in ("majorFont", "minorFont"):
        group = fonts.find(f"{_A}{kind}")
        for tag in ("latin", "cs"):
            group.find(f"{_A}{tag}").set("typeface", font)
        for entry in group.findall(f"{_A}font"):
            if entry.get("script") == script:
                entry.set("typeface", font)
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=16)
def template(font: str, script: str, rtl: bool, lang: str) -> bytes:
    """The template deck (no slides) for a locale's main font, script and direction."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_SIZE
    prs.part._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz").attrib.pop(
        "type", None)
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rid)
    master_part = prs.part.part_related_by(RT.SLIDE_MASTER)
    layout_rids = [rid for rid, rel in master_part.rels.items()
                   if rel.reltype == RT.SLIDE_LAYOUT]
    layout_rids.sort(key=lambda rid: int(rid[3:]))
    kept = layout_rids[:len(LAYOUTS)]
    for rid, layout in zip(kept, LAYOUTS.values(), strict=True):
        master_part.related_part(rid)._element = parse_xml(layout_xml(layout, rtl, lang))
    master_part._element = parse_xml(master_xml(rtl, lang, kept))
    for rid in layout_rids[len(LAYOUTS):]:
        master_part.drop_rel(rid)
    theme = master_part.part_related_by(RT.THEME)
    theme._blob = _theme(theme.blob, font, script)
    for shape in prs.notes_master.placeholders:  # notes pages: a 16:9 picture, more text
        box = NOTES_BOXES.get(shape.placeholder_format.type)
        if box:
            shape.left, shape.top, shape.width, shape.height = (round(v * EMU) for v in box)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
