"""Sized slide model to PowerPoint XML: placeholders, right-to-left paragraphs, complex-script
fonts, speaker notes, pictures with alt text, footers and slide numbers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Pptx
from pptx.slide import Slide

from cara.locales import LocaleInfo
from cara.textfit import Box, Fonts, Measure

from .fitting import (
    BULLET_EM,
    NUMBER_EM,
    PICTURE_SHARE,
    Fitter,
    font_runs,
    indent_em,
    text_box,
)
from .spec import ParaSpec, RunSpec, SlideSpec
from .template import (
    EMU,
    INSET_X,
    INSET_Y,
    LAYOUTS,
    WHITE,
    WIDTH,
    Layout,
    Place,
    Scheme,
    colour,
    on,
)
from .template import template as make_template

PT = 12700  # EMU per point
NOTES_SIZES = list(range(14, 9, -1))
_SLIDENUM_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_HLINK = ('<a:hlinkClick xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'r:id="{rid}"/>')


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, qn(tag), {k: v for k, v in attrs.items()})


class Writer:
    """Writes sized slides into a deck built on the generated template."""

    def __init__(self, locale: LocaleInfo, fonts: Fonts, measure: Measure,
                 source: str | None = None) -> None:
        self.locale = locale
        self.source = source  # the family untranslated text is set in
        self.fonts = fonts
        self.measure = measure
        self.rtl = locale.rtl
        self.font = locale.fonts[0] if locale.fonts else fonts.families[0]
        self.bullet_font = fonts.family_for("•") or self.font
        data = make_template(self.font, locale.script, self.rtl, locale.tag)
        self.prs = Presentation(io.BytesIO(data))
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        self._part = self.prs.part  # the part hyperlinks are related from

    def write(self, slides: Sequence[SlideSpec]) -> Pptx:
        for number, spec in enumerate(slides, start=1):
            self.slide(spec, number)
        return self.prs

    # ------------------------------------------------------------------ slides

    def slide(self, spec: SlideSpec, number: int) -> Slide:
        layout = LAYOUTS[spec.layout]
        slide = self.prs.slides.add_slide(self.layouts[layout.name])
        self._part = slide.part
        tree = slide.shapes._spTree
        by_idx = {p.idx: p for p in layout.places}
        for shape in list(slide.placeholders):
            place = by_idx.get(shape.placeholder_format.idx)
            paras = spec.texts.get(place.role, ()) if place else ()
            if not paras:
                tree.remove(shape._element)
                continue
            self._fill(shape._element, paras, spec.sizes[place.role], layout, place, spec)
        for picture in spec.pictures:
            self._picture(slide, spec, layout, picture.path, picture.alt)
        footer = layout.place("footer")
        if footer and spec.texts.get("footer"):
            sp = self._placeholder(slide, footer)
            self._fill(sp, spec.texts["footer"], spec.sizes["footer"], layout, footer, spec)
        place = layout.place("number")
        if place:
            self._slide_number(self._placeholder(slide, place), number, layout, place)
        if spec.notes:
            self._notes(slide, spec.notes)
        return slide

    def _placeholder(self, slide: Slide, place: Place) -> etree._Element:
        shape_id = slide.shapes._next_shape_id
        sp = etree.fromstring(
            f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr>'
            f'<p:cNvPr id="{shape_id}" name="{place.name}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f'</p:cNvSpPr><p:nvPr><p:ph type="{place.ph}" sz="quarter" idx="{place.idx}"/>'
            '</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/></p:txBody></p:sp>')
        slide.shapes._spTree.append(sp)
        return sp

    def _fill(self, sp: etree._Element, paras: Sequence[ParaSpec], size: int, layout: Layout,
              place: Place, spec: SlideSpec) -> None:
        scheme = layout.scheme
        rgb = colour(scheme, place.colour)
        if place.role == "partner" and spec.partner_colour:
            sp_pr = sp.find(qn("p:spPr"))
            fill = _sub(sp_pr, "a:solidFill")
            _sub(fill, "a:srgbClr", val=spec.partner_colour)
            rgb = on(spec.partner_colour)
            scheme = _readable(scheme, spec.partner_colour)
        if place.role == "body" and spec.pictures:
            x, y, w, h = text_box(layout, place, True)
            if self.rtl:
                x = WIDTH - x - w
            self._xfrm(sp.find(qn("p:spPr")), x, y, w, h)
        body = sp.find(qn("p:txBody"))
        body_pr = body.find(qn("a:bodyPr"))
        for child in list(body_pr):
            body_pr.remove(child)
        body_pr.set("wrap", "square")
        _sub(body_pr, "a:noAutofit")
        for p in body.findall(qn("a:p")):
            body.remove(p)
        for index, p in enumerate(paras):
            space = place.space * size if index else 0.0
            body.append(self._p(p, size, rgb, scheme, place.bold, place.italic, space))

    def _p(self, p: ParaSpec, size: float, rgb: str, scheme: Scheme, bold: bool = False,
           italic: bool = False, space: float = 0.0) -> etree._Element:
        el = etree.Element(qn("a:p"))
        ppr = _sub(el, "a:pPr")
        start = round(indent_em(p) * size * PT)
        hang = {"bullet": BULLET_EM, "number": NUMBER_EM}.get(p.kind, 0.0) * size
        ppr.set("marL", str(start))
        ppr.set("indent", str(-round(hang * PT)))
        ppr.set("algn", "r" if self.rtl else "l")
        ppr.set("rtl", "1" if self.rtl else "0")
        _sub(_sub(ppr, "a:lnSpc"), "a:spcPts", val=str(round(self.measure.pitch(size) * 100)))
        _sub(_sub(ppr, "a:spcBef"), "a:spcPts", val=str(round(space * 100)))
        if p.kind == "bullet":
            _sub(_sub(ppr, "a:buClr"), "a:srgbClr", val=scheme.accent)
            _sub(ppr, "a:buFont", typeface=self.bullet_font)
            _sub(ppr, "a:buChar", char="•")
        elif p.kind == "number":
            _sub(ppr, "a:buFontTx")
            _sub(ppr, "a:buAutoNum", type="arabicPeriod", startAt=str(p.number or 1))
        else:
            _sub(ppr, "a:buNone")
        for run, family in font_runs(p, self.fonts, self.source):
            self._r(el, run, family, size, rgb, scheme, bold, italic)
        _sub(el, "a:endParaRPr", lang=self.locale.tag, sz=str(round(size * 100)))
        return el

    def _r(self, parent: etree._Element, run: RunSpec, family: str | None, size: float,
           rgb: str, scheme: Scheme, bold: bool, italic: bool) -> None:
        sz = str(round(size * run.scale * 100))
        lang = run.lang or self.locale.tag
        if run.text == "\n":
            _sub(_sub(parent, "a:br"), "a:rPr", lang=lang, sz=sz)
            return
        for index, part in self.fonts.segments(run.text, family):
            name = self.fonts.family_of(index)
            r = _sub(parent, "a:r")
            rpr = _sub(r, "a:rPr", lang=lang, sz=sz, b=str(int(bold or run.bold)),
                       i=str(int(italic or run.italic)), dirty="0")
            if run.href:
                rpr.set("u", "sng")
            tone = getattr(scheme, run.tone) if run.tone else rgb
            _sub(_sub(rpr, "a:solidFill"), "a:srgbClr", val=tone)
            for tag in ("a:latin", "a:ea", "a:cs"):
                _sub(rpr, tag, typeface=self.font if name == self.fonts.families[0] else name)
            if run.href:
                rid = self._part.relate_to(run.href, RT.HYPERLINK, is_external=True)
                rpr.append(etree.fromstring(_HLINK.format(rid=rid)))
            _sub(r, "a:t").text = part

    # ------------------------------------------------------------------ other shapes

    def _slide_number(self, sp: etree._Element, number: int, layout: Layout,
                      place: Place) -> None:
        body = sp.find(qn("p:txBody"))
        _sub(body.find(qn("a:bodyPr")), "a:noAutofit")
        p = _sub(body, "a:p")
        _sub(p, "a:pPr", algn="r", rtl="1" if self.rtl else "0")
        field = _sub(p, "a:fld", id=_SLIDENUM_ID, type="slidenum")
        rpr = _sub(field, "a:rPr", lang=self.locale.tag, sz=str(place.sizes[0] * 100), b="1")
        _sub(_sub(rpr, "a:solidFill"), "a:srgbClr", val=colour(layout.scheme, place.colour))
        for tag in ("a:latin", "a:ea", "a:cs"):
            _sub(rpr, tag, typeface=self.font)
        _sub(field, "a:t").text = self.locale.number(number)

    def _picture(self, slide: Slide, spec: SlideSpec, layout: Layout, path: str,
                 alt: str) -> None:
        body = layout.place("body") or layout.places[0]
        x, y, w, h = body.box
        if spec.texts.get("body"):  # beside the text, which `text_box` narrowed
            share = w * PICTURE_SHARE
            x, w = x + w - share + 0.2, share - 0.2
        if self.rtl:
            x = WIDTH - x - w
        pic = slide.shapes.add_picture(path, round(x * EMU), round(y * EMU))
        scale = min(w * EMU / pic.width, h * EMU / pic.height)
        pic.width, pic.height = round(pic.width * scale), round(pic.height * scale)
        pic.left = round(x * EMU + (w * EMU - pic.width) / 2)
        pic.top = round(y * EMU + (h * EMU - pic.height) / 2)
        pic._element.nvPicPr.cNvPr.set("descr", alt)

    def _notes(self, slide: Slide, paras: Sequence[ParaSpec]) -> None:
        notes = slide.notes_slide
        shape = notes.notes_placeholder
        if shape is None:
            return
        self._part = notes.part
        box = Box(shape.width / PT - 2 * INSET_X * 72, shape.height / PT - 2 * INSET_Y * 72)
        fitter = Fitter(self.locale, self.measure, "", lambda *_: None, self.source)
        measured = [fitter.para(p, 0.3) for p in paras]
        size = self.measure.best_size(measured, box, NOTES_SIZES) or NOTES_SIZES[-1]
        body = shape._element.find(qn("p:txBody"))
        for p in body.findall(qn("a:p")):
            body.remove(p)
        for index, p in enumerate(paras):
            body.append(self._p(p, size, WHITE.text, WHITE, space=0.3 * size * bool(index)))

    @staticmethod
    def _xfrm(sp_pr: etree._Element, x: float, y: float, w: float, h: float) -> None:
        xfrm = _sub(sp_pr, "a:xfrm")
        _sub(xfrm, "a:off", x=str(round(x * EMU)), y=str(round(y * EMU)))
        _sub(xfrm, "a:ext", cx=str(round(w * EMU)), cy=str(round(h * EMU)))


def _readable(scheme: Scheme, bg: str) -> Scheme:
    """The scheme with every text colour replaced by the best one on a partner's colour."""
    text = on(bg)
    return replace(scheme, bg=bg, title=text, text=text, muted=text, marker=text, draft=text,
                   link=text)
