"""Reproducible packaging: fixed metadata and a deterministic zip (same input, same bytes)."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import UTC, datetime

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation

ZIP_EPOCH = 315532800  # 1980-01-01: the earliest time a zip entry can carry
_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>cara</Application><PresentationFormat>Custom</PresentationFormat>'
        '<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>'
        '</Properties>')


def finish(prs: Presentation, title: str, subject: str, owner: str, language: str,
           epoch: int) -> bytes:
    """The deck's bytes with fixed core and app properties, zipped deterministically."""
    props = prs.core_properties
    stamp = datetime.fromtimestamp(max(epoch, 0), UTC).replace(tzinfo=None)
    props.title, props.subject, props.language = title, subject, language
    props.author = props.last_modified_by = owner
    props.comments = props.keywords = props.category = props.content_status = ""
    props.identifier = props.version = ""
    props.revision = 1
    props.created = props.modified = stamp
    notes = sum(1 for slide in prs.slides if slide.has_notes_slide)
    app = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    app._blob = _APP.format(slides=len(prs.slides), notes=notes).encode("utf-8")
    out = io.BytesIO()
    prs.save(out)
    return rezip(out.getvalue(), epoch)


def rezip(data: bytes, epoch: int) -> bytes:
    """The same zip with sorted entries, one timestamp and fixed permissions."""
    stamp = time.gmtime(min(max(epoch, ZIP_EPOCH), 4102444800))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()
