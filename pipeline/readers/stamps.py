"""Text stamped into a signed PDF by its signing software (số và ngày cấp khi ký số).

Vietnamese e-government signing tools (eSignature, VGCA Sign) fill the number
and day of a document into the blanks left on its template ("Số:   /QĐ-UBND",
"ngày    tháng 12 năm 2025") at the moment of signing. They do not edit the page
content: they add a signature widget annotation whose appearance stream draws
the digits over the blank. pdfplumber reads page content only, so those digits
are absent from the text layer. :func:`read_stamps` reads them back from the
widgets' appearance streams (nested form XObjects), decoding the glyph codes
through the font's ``ToUnicode`` map with pdfminer (already a dependency of
pdfplumber).

:func:`signing_times` reads when each digital signature was made (the /M
entry of its signature dictionary, through PDFium's signature API).

A signed PDF is saved as incremental updates, one per signature. When its
cross-reference table is damaged, pdfminer falls back to the first copy of
each object and sees the page without its widgets, while PDFium (which viewers
share) shows the stamped digits. :func:`page_stamps` then reads those widgets
from the page image (:func:`ocr_stamps`): the page rendered with and without
its form widgets, the difference (the stamp's own ink) read by Tesseract. Such
a line carries its OCR ``confidence``, so the structure stage can say where the
value came from.

Pure reading: the result is a list of :class:`~pipeline.model.Line` per page
with the widget's rectangle as bbox (PDF points, origin top left). Which blank a
stamp fills is decided by ``pipeline.structure`` from the geometry.
"""

from __future__ import annotations

import ctypes
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFContentParser, PDFResourceManager
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral
from pdfplumber.page import Page as PlumberPage

from pipeline.model import Line

#: Form XObjects nest a few levels (FRM → n2 → …); deeper is malformed.
_MAX_DEPTH = 6
#: Resolution (dpi) at which unreadable stamp widgets are rendered for OCR.
STAMP_DPI = 300
#: Darkening (0–255 gray levels) that makes a pixel part of a widget's own ink.
STAMP_INK = 60
#: Tesseract page segmentation for a stamp: sparse text (digits apart: "09 … 9").
STAMP_PSM = 11


def page_stamps(path: str | Path, plumber_page: PlumberPage, page: pdfium.PdfPage, number: int) -> list[Line]:
    """Every signing stamp of one page: :func:`read_stamps`, then :func:`ocr_stamps` for the
    text-drawing widgets PDFium shows that pdfminer did not read (a damaged cross-reference
    table hides the incremental updates that added them)."""
    lines = read_stamps(plumber_page, number)
    missing = [r for r in text_widget_rects(page) if not any(_overlaps(r, ln.bbox) for ln in lines if ln.bbox)]
    if missing:
        lines.extend(ocr_stamps(path, number, missing))
    return lines


def text_widget_rects(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Rectangles (PDF points, origin top left) of the page's widget annotations whose
    appearance draws text objects (a seal or handwritten signature draws images only).
    A rotated page gives ``[]`` (its rectangles are not in the shown page's frame)."""
    if page.get_rotation():
        return []
    height = float(page.get_size()[1])
    rects = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET:
                continue
            objects = [pdfium_c.FPDFAnnot_GetObject(annot, j) for j in range(pdfium_c.FPDFAnnot_GetObjectCount(annot))]
            if not any(_draws_text(obj, 0) for obj in objects):
                continue
            r = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetRect(annot, r):
                rects.append((min(r.left, r.right), height - max(r.top, r.bottom), max(r.left, r.right), height - min(r.top, r.bottom)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects


def _draws_text(obj: Any, depth: int) -> bool:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        return True
    if kind != pdfium_c.FPDF_PAGEOBJ_FORM or depth > _MAX_DEPTH:
        return False
    return any(_draws_text(pdfium_c.FPDFFormObj_GetObject(obj, k), depth + 1) for k in range(pdfium_c.FPDFFormObj_CountObjects(obj)))


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def ocr_stamps(path: str | Path, number: int, rects: list[tuple[float, float, float, float]]) -> list[Line]:
    """Text of the widgets at ``rects`` (PDF points, top left) on page ``number``, read by OCR.

    The page is rendered at :data:`STAMP_DPI` with its form widgets and without;
    pixels the widgets darken by :data:`STAMP_INK` or more are their own ink (the
    digits, not the printed "Số:" beneath), read by Tesseract
    (:func:`pipeline.readers.tesseract.read_crop`). One ``Line`` per rectangle with
    text, ``style="stamp"``, ``confidence`` the mean word confidence. ``[]`` when
    Tesseract is missing or the page cannot be rendered.
    """
    from pipeline.readers import tesseract

    try:
        tesseract.check_tesseract()
        pdf = pdfium.PdfDocument(str(path))
    except Exception:  # noqa: BLE001 - no OCR, no stamp: the field stays as the text layer has it
        return []
    try:
        pdf.init_forms()
        page = pdf[number - 1]
        scale = STAMP_DPI / 72
        shown = np.array(page.render(scale=scale, grayscale=True, may_draw_forms=True).to_pil().convert("L"))
        bare = np.array(page.render(scale=scale, grayscale=True, may_draw_forms=False).to_pil().convert("L"))
    except Exception:  # noqa: BLE001 - a page PDFium cannot render holds no readable stamp
        pdf.close()
        return []
    pdf.close()
    ink = np.where(shown.astype(int) - bare.astype(int) <= -STAMP_INK, shown, 255).astype(np.uint8)
    lines = []
    for rect in rects:
        box = tuple(int(round(v * scale)) for v in rect)
        pixels = (max(0, box[0]), max(0, box[1]), min(ink.shape[1], box[2] + 1), min(ink.shape[0], box[3] + 1))
        if pixels[2] <= pixels[0] or pixels[3] <= pixels[1] or not (ink[pixels[1]:pixels[3], pixels[0]:pixels[2]] < 255).any():
            continue
        words = sorted(tesseract.read_crop(ink, pixels, STAMP_PSM, STAMP_DPI, lang=tesseract.LANG), key=lambda w: w["x0"])
        if words:
            conf = round(sum(float(w["conf"]) for w in words) / len(words), 1)
            text = " ".join(str(w["text"]) for w in words)
            lines.append(Line(text=text, page=number, bbox=rect, column=0, style="stamp", confidence=conf))
    return lines


def read_stamps(page: PlumberPage, number: int) -> list[Line]:
    """Text drawn by the page's widget annotations, one :class:`Line` per widget.

    Widgets whose appearance draws only images (the seal, the handwritten
    signature) or nothing give no line. Returns ``[]`` for pages without
    annotations. Never raises for a malformed appearance: it is skipped.
    """
    lines: list[Line] = []
    manager = PDFResourceManager()
    try:
        annots = resolve1(page.page_obj.annots) or []
    except Exception:  # noqa: BLE001 - unreadable annotation array
        return lines
    for ref in annots:
        data = resolve1(ref)
        if not isinstance(data, dict):
            continue
        subtype = resolve1(data.get("Subtype"))
        if not (isinstance(subtype, PSLiteral) and subtype.name == "Widget"):
            continue
        try:
            appearance = resolve1(resolve1(data.get("AP") or {}).get("N"))
            text = _stream_text(appearance, manager, 0) if isinstance(appearance, PDFStream) else ""
        except Exception:  # noqa: BLE001 - a broken appearance is not a broken document
            continue
        text = " ".join(text.split())
        rect = resolve1(data.get("Rect"))
        if text and isinstance(rect, list) and len(rect) == 4:
            x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
            top_y = float(page.mediabox[3]) if page.mediabox else float(page.height)
            bbox = (min(x0, x1), top_y - max(y0, y1), max(x0, x1), top_y - min(y0, y1))
            lines.append(Line(text=text, page=number, bbox=bbox, column=0, style="stamp"))
    return lines


def _stream_text(stream: PDFStream, manager: PDFResourceManager, depth: int) -> str:
    """Text shown by ``Tj``/``TJ`` in ``stream`` and the forms it paints, in order."""
    if depth > _MAX_DEPTH:
        return ""
    resources = resolve1(stream.get("Resources")) or {}
    fonts = {
        name: manager.get_font(None, resolve1(spec))
        for name, spec in (resolve1(resources.get("Font")) or {}).items()
    }
    forms = resolve1(resources.get("XObject")) or {}
    out: list[str] = []
    font: PDFFont | None = None
    operands: list[Any] = []
    for token in _tokens(stream):
        if not isinstance(token, _Op):
            operands.append(token)
            continue
        if token.name == "Tf" and len(operands) >= 2 and isinstance(operands[-2], PSLiteral):
            font = fonts.get(operands[-2].name)
        elif token.name in ("Tj", "'", '"') and operands and isinstance(operands[-1], bytes):
            out.append(_decode(font, operands[-1]))
        elif token.name == "TJ" and operands and isinstance(operands[-1], list):
            out.append("".join(_decode(font, s) for s in operands[-1] if isinstance(s, bytes)))
        elif token.name == "Do" and operands and isinstance(operands[-1], PSLiteral):
            form = resolve1(forms.get(operands[-1].name))
            if isinstance(form, PDFStream) and getattr(resolve1(form.get("Subtype")), "name", "") == "Form":
                out.append(_stream_text(form, manager, depth + 1))
        operands = []
    return " ".join(part for part in out if part)


def _decode(font: PDFFont | None, data: bytes) -> str:
    if font is None:
        return data.decode("latin-1")
    chars = []
    for cid in font.decode(data):
        try:
            chars.append(font.to_unichr(cid))
        except Exception:  # noqa: BLE001 - unmapped glyph
            continue
    return "".join(chars)


class _Op:
    """A content-stream operator token."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def _tokens(stream: PDFStream) -> list[Any]:
    """Operands and operators of a content stream, read with pdfminer's lexer."""
    parser = PDFContentParser([stream])
    tokens: list[Any] = []
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            break
        if isinstance(obj, PSKeyword):
            name = obj.name.decode("latin-1") if isinstance(obj.name, bytes) else str(obj.name)
            tokens.append(_Op(name))
        else:
            tokens.append(obj)
    return tokens


_PDF_DATE = re.compile(
    r"D:(?P<y>\d{4})(?P<mo>\d\d)?(?P<d>\d\d)?(?P<h>\d\d)?(?P<mi>\d\d)?(?P<s>\d\d)?"
    r"(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d\d)'?(?P<om>\d\d)?'?)?"
)


def signing_times(pdf: pdfium.PdfDocument) -> list[datetime]:
    """Signing times (/M of each signature dictionary, ISO 32000-1 §12.8.1) of an open PDF, in file order.

    PDF dates ("D:20251016104032+07'00'") become timezone-aware datetimes when
    they carry an offset, naive ones otherwise. A signature without a readable
    /M is skipped; an unsigned file gives ``[]``.
    """
    times: list[datetime] = []
    for i in range(pdfium_c.FPDF_GetSignatureCount(pdf.raw)):
        signature = pdfium_c.FPDF_GetSignatureObject(pdf.raw, i)
        size = pdfium_c.FPDFSignatureObj_GetTime(signature, None, 0)
        if size <= 1:
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFSignatureObj_GetTime(signature, buffer, size)
        parsed = parse_pdf_date(buffer.value.decode("latin-1"))
        if parsed is not None:
            times.append(parsed)
    return times


def parse_pdf_date(text: str) -> datetime | None:
    """A PDF date string (ISO 32000-1 §7.9.4, "D:YYYYMMDDHHmmSSOHH'mm'") as a datetime; None if malformed."""
    m = _PDF_DATE.match(text.strip())
    if not m:
        return None
    zone = None
    if m["z"]:
        zone = timezone.utc
    elif m["sign"]:
        offset = timedelta(hours=int(m["oh"]), minutes=int(m["om"] or 0))
        zone = timezone(offset if m["sign"] == "+" else -offset)
    try:
        return datetime(
            int(m["y"]), int(m["mo"] or 1), int(m["d"] or 1),
            int(m["h"] or 0), int(m["mi"] or 0), int(m["s"] or 0), tzinfo=zone,
        )
    except ValueError:
        return None
