"""Handwritten digits of the number line read again from a tight crop (số viết tay).

Offices print "Số:      /KH-UBND" and write the number by hand when the
document is registered. The page reading gives junk there ("Só:#6`",
"Số: ML /CT-UBND"). The blank between the label and the slash is cut out
tightly, and read twice (as it is and enlarged twice) by Tesseract's English
model limited to digits, one line (psm 7). The digits are taken only when
both readings agree, each with at least :data:`MIN_CONFIDENCE`, and give one
to :data:`MAX_DIGITS` digits; otherwise the line stays as read (the structure
stage then reports the number unreadable). Every number taken is reported in
the page's warnings. Nothing is guessed: a hand Tesseract cannot read stays
unread.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from pipeline.model import Note
from pipeline.readers.layout import Word, group_lines, line_text, split_columns
from pipeline.readers.tesseract import available

#: Model and characters for handwritten digits.
DIGIT_LANG, DIGITS = "eng", "0123456789"
#: Page segmentation: one text line.
PSM_LINE = 7
#: Each reading's confidence (0–100) must reach this.
MIN_CONFIDENCE = 60.0
#: A document number's sequence has at most this many digits.
MAX_DIGITS = 5
#: Share of the page height holding the number line.
HEADER_BAND = 0.3
#: Rows (share of the line height) added above and below: handwriting outgrows the print.
REACH = 0.1
#: The number label as OCR gives it, possibly glued to the junk after it ("Só:#6`").
LABEL = re.compile(r"^S[ốóôòỏõọồổỗộo06]\s*[:.;]")
#: Width of the label's colon, in letters of the printed symbol.
LABEL_COLON = 0.25
#: Where the printed symbol begins after the blank: "/CT-UBND", "/2020/TT-BCA", or
#: "KH-TCTLNTW-C04" when OCR lost the slash.
SYMBOL_AT = re.compile(r"/(?:(?:19|20)\d\d/)?[A-ZĐ]|(?<![^\W\d_])[A-ZĐ]{2,}[A-ZĐ0-9&]*-")


def _engine():  # type: ignore[no-untyped-def]
    """This process's digit-only engine, or None when the English model is not installed."""
    import tesserocr

    from pipeline.readers import tesseract

    if available(DIGIT_LANG) != DIGIT_LANG:
        return None
    key = "digits"
    if key not in tesseract._API:  # noqa: SLF001 - one engine per process, kept with the others
        api = tesserocr.PyTessBaseAPI(path=tesseract.tessdata_dir() + "/", lang=DIGIT_LANG)
        api.SetVariable("tessedit_char_whitelist", DIGITS)
        api.SetPageSegMode(PSM_LINE)
        tesseract._API[key] = api  # noqa: SLF001
    return tesseract._API[key]  # noqa: SLF001


def read_digits(gray: np.ndarray, rect: tuple[int, int, int, int], dpi: int) -> tuple[str, float] | None:
    """``(digits, confidence)`` read in ``rect`` (pixels) of ``gray`` when two readings agree, else None.

    The crop is binarised (Otsu) and given a white margin; it is read as it
    is and enlarged twice (bicubic).
    """
    from PIL import Image

    api = _engine()
    x0, y0, x1, y1 = rect
    if api is None or x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = gray[y0:y1, x0:x1]
    if not (crop < 128).any():
        return None
    readings = []
    for scale in (1, 2):
        image = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else crop
        _, image = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        margin = max(8, int(0.1 * dpi * scale))
        image = cv2.copyMakeBorder(image, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
        api.SetImage(Image.fromarray(image))
        api.SetSourceResolution(dpi)  # read as larger writing, not as the same at a finer resolution
        text = "".join(api.GetUTF8Text().split())
        readings.append((text, float(api.MeanTextConf())))
    (first, c1), (second, c2) = readings
    if first != second or not first.isdigit() or len(first) > MAX_DIGITS or min(c1, c2) < MIN_CONFIDENCE:
        return None
    return first, round(min(c1, c2), 1)


def _blank(line: list[Word]) -> tuple[int, int, str] | None:
    """``(symbol word index, start of the symbol in that word, label text)`` of a number line.

    None when the line has no label or no symbol, or its sequence reads as
    digits already.
    """
    head = line[0]["text"]
    m = LABEL.match(head)
    if m is None:
        return None
    for k, w in enumerate(line):
        found = SYMBOL_AT.search(w["text"], m.end() if k == 0 else 0)
        if found is None:
            continue
        before = head[m.end():] + "".join(x["text"] for x in line[1:k]) if k else head[m.end(): found.start()]
        if k:
            before += w["text"][: found.start()]
        if before.strip().strip("/").isdigit():
            return None
        return k, found.start(), m.group()
    return None


def reread_number(gray: np.ndarray, dpi: int, free: list[Word], width: float, height: float) -> tuple[list[Word], Note | None]:
    """``free`` with a handwritten number's junk replaced by the digits :func:`read_digits` finds.

    Only the first number line in the header band (:data:`HEADER_BAND`) is
    looked at. Returns the words and a warning (None when nothing changed).
    """
    scale = dpi / 72.0
    for visual in group_lines(w for w in free if w["top"] < HEADER_BAND * height):
        part = split_columns(visual, width)[0][1]
        found = _blank(part)
        if found is None:
            continue
        slash, at, label = found
        if slash == 0:
            return free, None
        head, end = part[0], part[slash]
        if len(head["text"]) > len(label):  # the label glued to the junk: measured in the symbol's letters
            pitch = (end["x1"] - end["x0"]) / max(1, len(end["text"]))
            left = head["x0"] + pitch * (sum(c.isalpha() for c in label) + LABEL_COLON)
        else:
            left = head["x1"]
        right = end["x0"] + (end["x1"] - end["x0"]) * at / max(1, len(end["text"]))
        top = min(w["top"] for w in part)
        bottom = max(w["bottom"] for w in part)
        reach = REACH * (bottom - top)
        rect = (int((left + 1) * scale), int((top - reach) * scale), int((right - 1) * scale), int((bottom + reach) * scale))
        result = read_digits(gray, rect, dpi)
        if result is None:
            return free, None
        digits, confidence = result
        junk = {id(w) for w in part[1:slash]}
        number = {"text": digits, "x0": left + 1, "top": top, "x1": right - 1, "bottom": bottom, "conf": confidence}
        out = []
        for w in free:
            if id(w) in junk:
                continue
            if w is head and len(head["text"]) > len(label):
                w = {**w, "text": label, "x1": left}
            if w is end:
                symbol = end["text"][at:]
                w = {**w, "text": symbol if symbol.startswith("/") else "/" + symbol, "x0": right}
            out.append(w)
        out.append(number)
        read = line_text(part)
        restored = "" if end["text"][at:].startswith("/") else ", the slash before the symbol restored"
        return out, Note(
            "ocr_number_reread", "number",
            f"handwritten number read as {digits!r} from a digit-only crop (two readings agree{restored}), line read {read!r}",
        )
    return free, None
