"""Words with boxes from pypdfium2 (PDFium), in the shape pdfplumber's ``extract_words`` gives.

PDFium reads a page's text in C, an order of magnitude faster than pdfminer,
so pages without ruled tables are read here and only pages that may carry a
ruled table go through pdfplumber (:mod:`pipeline.readers.pdf_text`). Words
follow pdfplumber's default rules so both paths give the same lines:

- characters are taken in runs of one font name and size (stream order), each
  run grouped into lines by ``top`` (chains closer than :data:`Y_TOLERANCE`
  points) and each line read left to right;
- a word ends at a blank character, at a gap wider than :data:`X_TOLERANCE`
  points, at a step back, or at a jump of more than :data:`Y_TOLERANCE`;
- boxes as pdfminer draws them: ``x0`` at the glyph origin, ``x1`` at the end
  of PDFium's loose box (its advance; within 1.5 pt of pdfminer's), ``bottom``
  on the baseline and ``top`` one font size above it, in points from the top
  left of the page.
"""

from __future__ import annotations

import ctypes
from itertools import groupby

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.readers.layout import Word

#: pdfplumber's defaults (points).
X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
#: Ligatures expanded as pdfplumber expands them.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def _plain_prototype(func: object, *argtypes: type) -> object:
    """``func`` (a pypdfium2 raw binding) called with and returning plain addresses.

    The raw bindings wrap every pointer in a typed ctypes object; where a
    pointer is only compared or used as a key that costs a cast per character.
    """
    return ctypes.CFUNCTYPE(ctypes.c_void_p, *argtypes)(ctypes.cast(func, ctypes.c_void_p).value)


_TEXT_OBJECT = _plain_prototype(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_int)


def page_chars(page: pdfium.PdfPage, height: float) -> list[dict]:
    """Every non-generated character of ``page`` in content-stream order, with box, font and size."""
    textpage = page.get_textpage()
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p)
    get_unicode, get_origin = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetCharOrigin
    is_generated, get_box = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetLooseCharBox
    get_size = pdfium_c.FPDFText_GetFontSize
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(512)
    fonts: dict[int, str] = {}  # font handle → base font name
    by_object: dict[int, str] = {}  # text object → its font's name (one font per text object)
    chars: list[dict] = []
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = get_unicode(raw, i)
        get_origin(raw, i, ox, oy)
        if chars and chars[-1]["x1"] > ox.value > chars[-1]["x0"] and chars[-1]["y"] == oy.value:
            chars[-1]["x1"] = ox.value  # the advance ends where the next glyph starts
        if is_generated(raw, i) == 1:
            if chars and chr(code).isspace():  # a word break PDFium saw (often a space in another font)
                chars.append({**chars[-1], "text": " ", "x0": ox.value, "x1": ox.value})
            continue
        if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue
        text = "-" if code == 2 else chr(code)  # PDFium marks a line-end hyphen as U+0002
        get_box(raw, i, rect)
        size = round(get_size(raw, i), 6)
        obj = _TEXT_OBJECT(handle, i) or 0
        fontname = by_object.get(obj)
        if fontname is None:
            font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, i))
            key = ctypes.cast(font, ctypes.c_void_p).value or 0
            fontname = fonts.get(key)
            if fontname is None:
                n = pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
                fontname = fonts[key] = name.raw[: max(0, n - 1)].decode("latin-1")
            by_object[obj] = fontname
        chars.append(
            {
                "text": LIGATURES.get(text, text),
                "x0": ox.value,
                "x1": max(rect.right, ox.value),
                "y": oy.value,
                "top": height - (oy.value + size),
                "bottom": height - oy.value,
                "fontname": fontname,
                "size": size,
            }
        )
    textpage.close()
    return chars


#: Two drawings of one glyph closer than this (points, in x and in y) are one
#: character: pdfplumber's ``dedupe_chars`` tolerance.
DEDUPE_TOLERANCE = 1.0


def dedupe_chars(chars: list[dict]) -> list[dict]:
    """``chars`` without fake-bold doubles: the same glyph drawn again within :data:`DEDUPE_TOLERANCE`.

    Word processors and PDF printers fake bold by drawing each glyph twice,
    shifted by a fraction of a point ("QQuuyyếếtt"; pdfplumber issue #1155);
    the first drawing is kept. Same text, font and size are required, as in
    pdfplumber's ``dedupe_chars``; spaces are never dropped. Works on
    PDFium's chars (``y``: baseline) and on pdfplumber's (``top``), in linear
    time (pdfplumber's own ``dedupe_chars`` costs 70 % of a page's word extraction).
    """
    # Buckets two tolerances wide: a double within the tolerance lies in the char's own
    # bucket or the neighbour on the side of the bucket's half it falls in (2 x 2 look-ups).
    width = 2 * DEDUPE_TOLERANCE
    seen: dict[tuple, list[tuple[float, float]]] = {}
    out: list[dict] = []
    for c in chars:
        text = c["text"]
        if text.isspace():
            out.append(c)
            continue
        x, y = c["x0"], c.get("y", c.get("top", 0.0))
        fx, fy = x / width, y / width
        bx, by = int(fx // 1), int(fy // 1)
        sx = 1 if fx - bx >= 0.5 else -1
        sy = 1 if fy - by >= 0.5 else -1
        glyph = (text, c["fontname"], c["size"])
        double = False
        for kx in (bx, bx + sx):
            for ky in (by, by + sy):
                for px, py in seen.get((glyph, kx, ky), ()):
                    if abs(px - x) <= DEDUPE_TOLERANCE and abs(py - y) <= DEDUPE_TOLERANCE:
                        double = True
                        break
        if not double:
            seen.setdefault((glyph, bx, by), []).append((x, y))
            out.append(c)
    return out


def _cluster_by_top(chars: list[dict]) -> list[list[dict]]:
    """pdfplumber's line clusters: sorted distinct tops chained within :data:`Y_TOLERANCE`."""
    index: dict[float, int] = {}
    group, last = -1, None
    for top in sorted({c["top"] for c in chars}):
        if last is None or top > last + Y_TOLERANCE:
            group += 1
        index[top] = group
        last = top
    ordered = sorted(chars, key=lambda c: index[c["top"]])
    return [list(run) for _, run in groupby(ordered, key=lambda c: index[c["top"]])]


def _begins_word(prev: dict, char: dict) -> bool:
    return (
        char["x0"] < prev["x0"]
        or char["x0"] > prev["x1"] + X_TOLERANCE
        or abs(char["top"] - prev["top"]) > Y_TOLERANCE
    )


def _word(chars: list[dict]) -> Word:
    return {
        "text": "".join(c["text"] for c in chars),
        "x0": min(c["x0"] for c in chars),
        "x1": max(c["x1"] for c in chars),
        "top": min(c["top"] for c in chars),
        "bottom": max(c["bottom"] for c in chars),
        "fontname": chars[0]["fontname"],
        "size": chars[0]["size"],
    }


def extract_words(page: pdfium.PdfPage, height: float) -> list[Word]:
    """Words of ``page`` (dicts with text, x0, x1, top, bottom, fontname, size; points).

    As pdfplumber's ``extract_words(extra_attrs=["fontname", "size"])`` on a
    page after ``dedupe_chars()``: fake-bold doubles dropped
    (:func:`dedupe_chars`), runs of characters with one font and size, in
    stream order, each cut into lines and words.
    """
    words: list[Word] = []
    for _, run in groupby(dedupe_chars(page_chars(page, height)), key=lambda c: (c["fontname"], c["size"])):
        for line in _cluster_by_top(list(run)):
            current: list[dict] = []
            for char in sorted(line, key=lambda c: c["x0"]):
                if char["text"].isspace():
                    if current:
                        words.append(_word(current))
                    current = []
                elif current and _begins_word(current[-1], char):
                    words.append(_word(current))
                    current = [char]
                else:
                    current.append(char)
            if current:
                words.append(_word(current))
    return words


def may_hold_ruled_table(page: pdfium.PdfPage) -> bool:
    """True unless the page clearly has no ruled table: fewer than two vertical and two horizontal rules.

    Each path object counts by its bounds: a thin wide one is a horizontal
    rule, a thin tall one a vertical rule, any other box both (its four sides).
    Form XObjects and images are not looked into: the page is assumed to hold
    one.
    """
    horizontal = vertical = 0
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            return True
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        wide, tall = x1 - x0 > 3, y1 - y0 > 3
        horizontal += 2 if (wide and tall) else int(wide)
        vertical += 2 if (wide and tall) else int(tall)
        if horizontal >= 2 and vertical >= 2:
            return True
    return False
