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
from math import floor
from operator import itemgetter

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
_DOUBLE_P = ctypes.POINTER(ctypes.c_double)
_ORIGIN = _plain_prototype(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_void_p, ctypes.c_int, _DOUBLE_P, _DOUBLE_P)
_LOOSE_BOX = _plain_prototype(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(pdfium_c.FS_RECTF)
)


def page_chars(page: pdfium.PdfPage, height: float) -> list[dict]:
    """Every non-generated character of ``page`` in content-stream order, with box, font and size.

    The page's code units are read in one call (``FPDFText_GetText``, which
    reports PDFium's line-end hyphen U+0002 as U+FFFE: those are asked again one
    by one); PDFium generates only blanks and line breaks, so only those are
    asked whether they are generated; font name and size are read once per text
    object (one font and size each).
    """
    textpage = page.get_textpage()
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p)
    get_unicode, get_origin = pdfium_c.FPDFText_GetUnicode, _ORIGIN
    is_generated, get_box, text_object = pdfium_c.FPDFText_IsGenerated, _LOOSE_BOX, _TEXT_OBJECT
    ligature = LIGATURES.get
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect = pdfium_c.FS_RECTF()
    fonts: dict[int, str] = {}  # font handle → base font name
    by_object: dict[int, tuple[str, float]] = {}  # text object → its font's name and size
    chars: list[dict] = []
    append = chars.append
    prev: dict | None = None  # chars[-1]
    count = pdfium_c.FPDFText_CountChars(raw)
    units = (ctypes.c_ushort * (count + 1))()
    if count > 0:
        pdfium_c.FPDFText_GetText(raw, 0, count, units)
    for i, code in enumerate(units[:count]):
        if code == 0xFFFE:
            code = get_unicode(raw, i)
        get_origin(handle, i, ox, oy)
        x, y = ox.value, oy.value
        if prev is not None and prev["x1"] > x > prev["x0"] and prev["y"] == y:
            prev["x1"] = x  # the advance ends where the next glyph starts
        text = chr(code)
        if text.isspace() and is_generated(raw, i) == 1:
            if prev is not None:  # a word break PDFium saw (often a space in another font)
                prev = {**prev, "text": " ", "x0": x, "x1": x}
                append(prev)
            continue
        if code < 3 or code >= 0xD800:  # rare codes: NUL, PDFium's line-end hyphen, surrogates, non-characters
            if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue
            if code == 2:
                text = "-"  # PDFium marks a line-end hyphen as U+0002
        get_box(handle, i, rect)
        obj = text_object(handle, i) or 0
        font = by_object.get(obj)
        if font is None:
            font = by_object[obj] = (_font_name(raw, i, fonts), round(pdfium_c.FPDFText_GetFontSize(raw, i), 6))
        fontname, size = font
        right = rect.right
        prev = {
            "text": ligature(text, text),
            "x0": x,
            "x1": x if x > right else right,  # max(right, x)
            "y": y,
            "top": height - (y + size),
            "bottom": height - y,
            "fontname": fontname,
            "size": size,
        }
        append(prev)
    textpage.close()
    return chars


def _font_name(raw, index: int, fonts: dict[int, str]) -> str:  # type: ignore[no-untyped-def]
    """Base font name of character ``index``'s font (``fonts``: font handle → name, filled here)."""
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, index))
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    name = fonts.get(key)
    if name is None:
        buffer = ctypes.create_string_buffer(512)
        n = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
        name = fonts[key] = buffer.raw[: max(0, n - 1)].decode("latin-1")
    return name


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
    # Buckets two tolerances wide, per glyph: a double within the tolerance lies in the char's own
    # bucket or the neighbour on the side of the bucket's half it falls in (2 x 2 look-ups).
    scale = 1 / (2 * DEDUPE_TOLERANCE)
    tol = DEDUPE_TOLERANCE
    seen: dict[tuple, dict[tuple[int, int], list[tuple[float, float]]]] = {}  # glyph → bucket → points
    out: list[dict] = []
    append = out.append
    vertical = "y" if chars and "y" in chars[0] else "top"
    for c in chars:
        text = c["text"]
        if text.isspace():
            append(c)
            continue
        x, y = c["x0"], c[vertical]
        fx, fy = x * scale, y * scale
        bx, by = floor(fx), floor(fy)
        glyph = (text, c["fontname"], c["size"])
        buckets = seen.get(glyph)
        if buckets is None:  # the glyph's first drawing on the page
            seen[glyph] = {(bx, by): [(x, y)]}
            append(c)
            continue
        nx = bx + 1 if fx - bx >= 0.5 else bx - 1
        ny = by + 1 if fy - by >= 0.5 else by - 1
        own = buckets.get((bx, by))
        if _any_near((own, buckets.get((nx, by)), buckets.get((bx, ny)), buckets.get((nx, ny))), x, y, tol):
            continue
        if own is None:
            buckets[(bx, by)] = [(x, y)]
        else:
            own.append((x, y))
        append(c)
    return out


def _any_near(buckets: tuple, x: float, y: float, tol: float) -> bool:
    """True when a point of ``buckets`` (lists of ``(x, y)`` or None) lies within ``tol`` of ``(x, y)`` in x and y."""
    for points in buckets:
        if points:
            for px, py in points:
                if -tol <= px - x <= tol and -tol <= py - y <= tol:
                    return True
    return False


def _cluster_by_top(chars: list[dict]) -> list[list[dict]]:
    """pdfplumber's line clusters: sorted distinct tops chained within :data:`Y_TOLERANCE`."""
    index: dict[float, int] = {}
    group, last = -1, None
    for top in sorted({c["top"] for c in chars}):
        if last is None or top > last + Y_TOLERANCE:
            group += 1
        index[top] = group
        last = top
    lines: list[list[dict]] = [[] for _ in range(group + 1)]
    for c in chars:  # stream order kept within a line
        lines[index[c["top"]]].append(c)
    return lines


_TEXT, _X1, _TOP, _BOTTOM = (itemgetter(k) for k in ("text", "x1", "top", "bottom"))
_X0 = itemgetter("x0")
_FONT = itemgetter("fontname", "size")


def _word(chars: list[dict]) -> Word:
    """One word from its characters, sorted by ``x0`` (so the first has the smallest)."""
    first = chars[0]
    return {
        "text": "".join(map(_TEXT, chars)),
        "x0": first["x0"],
        "x1": max(map(_X1, chars)),
        "top": min(map(_TOP, chars)),
        "bottom": max(map(_BOTTOM, chars)),
        "fontname": first["fontname"],
        "size": first["size"],
    }


def _line_words(line: list[dict], words: list[Word]) -> None:
    """Append the words of one line of characters to ``words``, left to right.

    A word ends at a blank, at a step back, at a gap wider than
    :data:`X_TOLERANCE` or at a jump of more than :data:`Y_TOLERANCE` (pdfplumber's rules).
    """
    current: list[dict] = []
    prev: dict | None = None  # current[-1]
    for char in sorted(line, key=_X0):
        if char["text"].isspace():
            if current:
                words.append(_word(current))
            current, prev = [], None
            continue
        x0 = char["x0"]
        if prev is not None and (
            x0 < prev["x0"] or x0 > prev["x1"] + X_TOLERANCE or abs(char["top"] - prev["top"]) > Y_TOLERANCE
        ):
            words.append(_word(current))
            current = [char]
        else:
            current.append(char)
        prev = char
    if current:
        words.append(_word(current))


def extract_words(page: pdfium.PdfPage, height: float) -> list[Word]:
    """Words of ``page`` (dicts with text, x0, x1, top, bottom, fontname, size; points).

    As pdfplumber's ``extract_words(extra_attrs=["fontname", "size"])`` on a
    page after ``dedupe_chars()``: fake-bold doubles dropped
    (:func:`dedupe_chars`), runs of characters with one font and size, in
    stream order, each cut into lines and words.
    """
    words: list[Word] = []
    for _, run in groupby(dedupe_chars(page_chars(page, height)), key=_FONT):
        for line in _cluster_by_top(list(run)):
            _line_words(line, words)
    return words


def may_hold_ruled_table(page: pdfium.PdfPage) -> bool:
    """True unless the page clearly has no ruled table: fewer than two vertical and two horizontal rules.

    Each path object counts by its bounds: a thin wide one is a horizontal
    rule, a thin tall one a vertical rule, any other box both (its four sides).
    Form XObjects and images are not looked into: the page is assumed to hold
    one.
    """
    horizontal = vertical = 0
    raw, get, kind = page.raw, pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    box = [ctypes.c_float() for _ in range(4)]
    for i in range(max(0, pdfium_c.FPDFPage_CountObjects(raw))):  # raw calls: no Python object per page object
        obj = get(raw, i)
        found = kind(obj)
        if found == pdfium_c.FPDF_PAGEOBJ_FORM:
            return True
        if found != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, *box):
            continue
        x0, y0, x1, y1 = (v.value for v in box)
        wide, tall = x1 - x0 > 3, y1 - y0 > 3
        horizontal += 2 if (wide and tall) else int(wide)
        vertical += 2 if (wide and tall) else int(tall)
        if horizontal >= 2 and vertical >= 2:
            return True
    return False
