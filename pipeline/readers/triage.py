"""Text-layer triage: decide per PDF page whether its text layer can be trusted.

Three outcomes (:class:`Triage`), each with a reason (a :class:`~pipeline.model.Note`
with a ``triage_*`` code) that the reader stores in ``Page.warnings``:

- ``route="text"``: the layer reads as Vietnamese; use it as it is.
- ``route="ocr"``: no text layer, only a few words over a page-sized image (a
  stamp or "SAO Y" band on a scan), or a layer that is mostly not Vietnamese
  syllables (an English OCR layer over a Vietnamese scan reads "cgNG HoA x.A.
  Hor cHU NGHIA"); the page image is OCR'd instead. A page with only a few
  words and no page image (a page of figures) keeps its layer.
- a layer in another language that reads well (English, Chinese) is kept
  (``route="text"``) with a reason saying so: triage judges the layer's
  quality, not its language;
- mixed-script mojibake, unmapped glyphs ``(cid:N)``, pages drawn as vector
  outlines and layers covering only part of the page's ink
  (:mod:`pipeline.readers.layer_checks`) are OCR'd;
- ``route="legacy"``: the layer uses legacy 8-bit Vietnamese fonts (TCVN3
  ".VnTime", VNI "VNI-Times") or their byte patterns ("QuyÕt ®Þnh"), as
  :func:`pipeline.text.legacy.detect_encoding` finds them; the text layer is
  read and decoded to Unicode (``source_kind="legacy_decoded"``).

The Vietnamese test is orthographic, not a dictionary: a token is a plausible
syllable when it has the shape of one (:mod:`pipeline.text.syllables`) and is
written in one case (lower, UPPER or Title).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.model import Note, SourceKind
from pipeline.readers import layer_checks as checks
from pipeline.readers.layout import Word
from pipeline.text.legacy import Encoding, detect_encoding
from pipeline.text.syllables import is_syllable as syllable_shape

#: Fewer plausible Vietnamese syllables than this, over an image covering most
#: of the page, means the layer is only a stamp or a header band.
MIN_WORDS = 15
#: Share of letter tokens that must be plausible Vietnamese syllables.
MIN_VIETNAMESE = 0.6
#: Share of the page an image must cover to count as a scanned page image.
PAGE_IMAGE_AREA = 0.5
#: Share of glyphs without a Unicode mapping ((cid:N)) that makes a layer unreadable.
MAX_UNMAPPED = 0.1
#: Mojibake words (:func:`layer_checks.mojibake_tokens`) a page must have, in
#: number and as a share of its words, to be OCR'd: one "BТС" typed with
#: Cyrillic letters or two "Ø=90-110mm" in a good layer stay.
MIN_MOJIBAKE, MOJIBAKE_SHARE = 3, 0.02
#: Path objects from which a page without text is vector outlines, and from
#: which a page with text gets the ink check.
OUTLINE_PATHS = 200
#: Image cover from which a page with a text layer gets the ink check.
INK_CHECK_IMAGE = 0.1
#: Text-like ink outside the layer's boxes above which the layer is partial,
#: and the least share of the page that ink must cover (a blank page is no
#: evidence). Dev corpus text pages: at most 0.03 outside; signed pages with
#: a seal image about 0.1.
MAX_UNCOVERED_INK, MIN_INK = 0.35, 0.005

_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(slots=True, frozen=True)
class Triage:
    """Verdict on one page's text layer: route, resulting source kind, reason (a ``triage_*`` note)."""

    route: Literal["text", "ocr", "legacy"]
    source_kind: SourceKind
    reason: Note
    #: Legacy encoding found by :func:`pipeline.text.legacy.detect_encoding`
    #: (``None``: Unicode, or no layer to test), so the reader need not detect it again.
    encoding: Encoding | None = None


@lru_cache(maxsize=1 << 16)
def is_syllable(token: str) -> bool:
    """True when ``token`` is written like one Vietnamese syllable in one case style.

    Shape from :func:`pipeline.text.syllables.is_syllable`; the case must be
    lower, UPPER or Title ("cHU", "vIDT" from an English OCR layer are not).
    Memoised: pages repeat a few hundred syllables.
    """
    if not (token.islower() or token.isupper() or token.istitle()):
        return False
    return syllable_shape(token)


def vietnamese_share(text: str) -> tuple[float, int]:
    """``(share, count)``: share of letter tokens that are plausible syllables, and their count.

    Single letters are ignored (initials, list markers). ``share`` is 0.0 for
    text without tokens.
    """
    tokens = [t for t in _TOKEN.findall(text) if len(t) > 1]
    good = sum(is_syllable(t) for t in tokens)
    return (good / len(tokens) if tokens else 0.0), good


def _letter_tokens(text: str) -> int:
    """Letter tokens of two letters or more (a page of figures has few)."""
    return sum(1 for t in _TOKEN.findall(text) if len(t) > 1)


#: Form XObjects nested deeper than this are not looked into (pypdfium2's default).
MAX_FORM_DEPTH = 15


def _images(parent, in_form: bool = False, level: int = 0):  # type: ignore[no-untyped-def]
    """Raw PDFium image objects of a page (``parent``: its raw handle) or form, forms looked into.

    Raw calls: pypdfium2's ``get_objects`` wraps every object of the page in a
    Python object, which costs more than the check it serves.
    """
    count = pdfium_c.FPDFFormObj_CountObjects if in_form else pdfium_c.FPDFPage_CountObjects
    get = pdfium_c.FPDFFormObj_GetObject if in_form else pdfium_c.FPDFPage_GetObject
    kind = pdfium_c.FPDFPageObj_GetType
    for i in range(max(0, count(parent))):
        obj = get(parent, i)
        if not obj:
            continue
        found = kind(obj)
        if found == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            yield obj
        elif found == pdfium_c.FPDF_PAGEOBJ_FORM and level < MAX_FORM_DEPTH - 1:
            yield from _images(obj, True, level + 1)


def image_cover(page: pdfium.PdfPage) -> float:
    """Largest share of the page area covered by one image drawn on it (0.0–1.0)."""
    width, height = page.get_size()
    area = float(width) * float(height) or 1.0
    shares = []
    box = [ctypes.c_float() for _ in range(4)]
    for image in _images(page.raw):
        if not pdfium_c.FPDFPageObj_GetBounds(image, *box):
            continue
        left, bottom, right, top = (v.value for v in box)
        shares.append(max(0.0, (right - left) * (top - bottom)) / area)
    return max(shares, default=0.0)


def path_count(page: pdfium.PdfPage, limit: int = 10_000) -> int:
    """Path objects drawn on the page (top level), counted up to ``limit``."""
    raw, get, kind = page.raw, pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    count = 0
    for i in range(max(0, pdfium_c.FPDFPage_CountObjects(raw))):
        count += kind(get(raw, i)) == pdfium_c.FPDF_PAGEOBJ_PATH
        if count >= limit:
            break
    return count


def triage_page(words: Sequence[Word], covered: float, page: pdfium.PdfPage | None = None) -> Triage:
    """Decide how to read one page from its text layer's words (with fonts) and image cover.

    ``covered`` is the share of the page under its largest image
    (:func:`image_cover`). With ``page`` (the pypdfium2 page), a page without
    text is told apart as vector outlines, and a layer is compared with the
    page's ink (:func:`layer_checks.ink_outside_text`) when the page holds an
    image or many paths. The checks, in order: no layer; unmapped glyphs;
    legacy font encoding; a few words over a page image; not Vietnamese (kept
    when it reads as English or CJK, with a warning; else noise); mixed-script
    mojibake; partial layer. Each verdict's ``reason`` says which and by how much.
    """
    text = " ".join(str(w["text"]) for w in words)
    if not text.strip():
        paths = path_count(page) if page is not None else 0
        if paths >= OUTLINE_PATHS and covered <= PAGE_IMAGE_AREA:
            return Triage("ocr", "ocr", Note("triage_vector_outlines", "text", f"page drawn as vector outlines ({paths} paths), no text layer, page OCR'd"))
        return Triage("ocr", "ocr", Note("triage_no_text_layer", "text", "no text layer, page OCR'd"))
    unmapped, glyphs = checks.unmapped_glyphs(words)
    if unmapped and unmapped >= MAX_UNMAPPED * glyphs:
        return Triage(
            "ocr", "ocr", Note("triage_unmapped_glyphs", "text", f"{unmapped} of {glyphs} glyphs have no Unicode mapping ((cid:N)), page OCR'd")
        )
    fonts = [str(w.get("fontname", "")) for w in words]
    encoding = detect_encoding(text, fonts)
    if encoding:
        return Triage(
            "legacy", "legacy_decoded", Note("triage_legacy_font", "text", f"legacy {encoding.upper()} font encoding, text layer decoded to Unicode"),
            encoding,
        )
    share, count = vietnamese_share(text)
    if count < MIN_WORDS and covered > PAGE_IMAGE_AREA:
        return Triage(
            "ocr", "ocr", Note("triage_few_words_over_image", "text", f"text layer has only {count} Vietnamese words over a page image, page OCR'd")
        )
    if share < MIN_VIETNAMESE and (covered > PAGE_IMAGE_AREA or _letter_tokens(text) >= MIN_WORDS):
        language = checks.other_language(words)
        if language:
            return Triage("text", "text", Note("triage_other_language", "text", f"text layer in {language}, not Vietnamese: read as it is"))
        return Triage(
            "ocr", "ocr", Note("triage_noise", "text", f"text layer is noise ({share:.0%} Vietnamese syllables), page OCR'd")
        )
    broken = checks.mojibake_tokens(words)
    if len(broken) >= MIN_MOJIBAKE and len(broken) >= MOJIBAKE_SHARE * len(words):
        shown = ", ".join(repr(t) for t in broken[:4])
        return Triage(
            "ocr", "ocr", Note("triage_mojibake", "text", f"mixed-script mojibake in {len(broken)} words ({shown}), page OCR'd")
        )
    if page is not None and (covered >= INK_CHECK_IMAGE or path_count(page, OUTLINE_PATHS) >= OUTLINE_PATHS):
        outside, ink = checks.ink_outside_text(page)
        if outside > MAX_UNCOVERED_INK and ink >= MIN_INK:
            return Triage(
                "ocr", "ocr", Note("triage_partial_layer", "text", f"text layer covers only {1 - outside:.0%} of the page's text ink, page OCR'd")
            )
    return Triage("text", "text", Note("triage_text_layer_used", "text", f"text layer used ({share:.0%} Vietnamese syllables)"))
