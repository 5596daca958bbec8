"""Zones of an OCR'd page read a second time on their own (đọc lại vùng chữ ký).

The whole-page reading (Tesseract's automatic layout, psm 3) loses lines that
sit beside a seal or under a signature: on a real scan the capacity and
position lines of the signature block ("KT. TỔ TRƯỞNG" / "PHÓ TỔ TRƯỞNG THƯỜNG
TRỰC") were missing altogether, and on another "PHÓ GIÁM ĐỐC" came back as
"PHO GLAM ĐỌC" between stroke debris. Read again from a crop of that zone
alone, with a white margin and one-column segmentation (psm 4), the same pixels
give the lines whole.

Zone (Decree 30/2020, Appendix I, part 7): the closing sets the recipients list
("Nơi nhận:") on the left and the signature block on the right, under the last
body line that runs across both columns (:func:`closing_band`; "Nơi nhận"
itself may be lost in the first reading). The band is split at the white
gutter between the two (:func:`gutter`) and each column read from its own
crop. The second reading replaces the first inside the band unless it holds
clearly fewer confidently read letters (:data:`KEEP_SHARE`,
:func:`confident_letters`). Pure function of the page image and the first
reading.
"""

from __future__ import annotations

import re

import numpy as np

from pipeline.model import Note
from pipeline.readers.layout import Word, group_lines, split_columns
from pipeline.readers.scan_tables import has_ink
from pipeline.readers.tesseract import CELL_LANG, read_crop

#: Page segmentation for a zone: one column of text of variable sizes.
PSM_ZONE = 4
#: Fewest words starting right of :data:`RIGHT_START` under the body that make a closing band.
MIN_WORDS = 2
#: Share of the page height under the last body line searched for the title and name.
BELOW_SHARE = 0.3
#: Margin (points) added below the band's last word.
GAP_PT = 4.0
#: How far (points) left of the signature block's first reading the gutter is looked for.
GUTTER_REACH_PT = 40.0
#: Narrowest gutter (points): wider than the space between two words of a line.
GUTTER_MIN_PT = 5.0
#: A gutter column holds at most this share of the band's height in ink pixels.
GUTTER_INK = 0.03
#: Gray level (0–255) under which a pixel is ink.
INK_LEVEL = 128
#: The second reading is kept unless it holds fewer than this share of the first's
#: confident letters: the crop is the better reading of the zone (issue 13), but a
#: crop that lost whole lines is not.
KEEP_SHARE = 0.8
#: A word counts in :func:`confident_letters` from this confidence (0–100).
CONFIDENT = 70.0
#: A word of the signature block starts right of this share of the width.
RIGHT_START = 0.45
#: A body line spans from left of this share of the width to right of ``1 - BODY_SPAN``.
BODY_SPAN = 0.4
#: The recipients list ends left of this share of the width (its column is the left half or less).
LIST_END = 0.6
#: The recipients heading ("Nơi nhận:", Decree 30/2020 Appendix I part 7) as OCR reads it
#: on a scan: marks lost or swapped ("Noi nhân", "Nơi nhặn"), a leading stroke or dash.
RECIPIENTS_READ = re.compile(r"^\W*N[oơóờ][iíì]\s*nh[aăâạậặấầẩẫ]n\b", re.IGNORECASE)


def confident_letters(words: list[Word]) -> int:
    """Letters in the words read with at least :data:`CONFIDENT` confidence: how much a reading says."""
    return sum(sum(c.isalpha() for c in w["text"]) for w in words if float(w.get("conf") or 0) >= CONFIDENT)


def closing_band(free: list[Word], width: float, height: float) -> tuple[float, float, float, float] | None:
    """``(top, bottom, start, left)`` in points of the closing band (recipients beside the signature), or None.

    ``start`` is where the signature block's leftmost line starts in this
    reading, ``left`` where the recipients list's longest line ends (0 when
    none is read).

    ``free`` are the page's words (points). The closing of a Decree 30
    document sets "Nơi nhận" and the signature block side by side under the
    last body line (a line running across both columns); the band reaches
    down to the last word within :data:`BELOW_SHARE` of the page height. None
    when fewer than :data:`MIN_WORDS` words start right of
    :data:`RIGHT_START` of the width under the body (a page of running text, a
    header page) or the page has no body line.
    """
    lines = group_lines(free)
    body = [ln for ln in lines if _body_line(ln, width)]
    if not body:
        return None  # no running text: a table page, a page of one column
    top = max(max(w["bottom"] for w in ln) for ln in body) + 1.0
    limit = top + BELOW_SHARE * height
    band = [ln for ln in lines if top <= ln[0]["top"] <= limit]
    split = [(col, part) for ln in band for col, part in split_columns(ln, width)]
    parts = [part for col, part in split if col == 1 and part[0]["x0"] >= RIGHT_START * width]
    bottom = min(height, max((w["bottom"] for ln in band for w in ln), default=top) + GAP_PT)
    if sum(len(part) for part in parts) < MIN_WORDS:
        if not any(RECIPIENTS_READ.match(" ".join(w["text"] for w in part)) for _, part in split):
            return None
        # "Nơi nhận" read but nothing right of it: the signature block beside a black seal was
        # lost by the page's binarisation; its right column is read from its own crop, as far
        # down as the signature may reach (:func:`reach`).
        left = max((part[-1]["x1"] for col, part in split if col == 0 and part[-1]["x1"] < LIST_END * width), default=0.0)
        return top, max(bottom, reach(lines, top, height)), width, left
    start = min(part[0]["x0"] for part in parts)
    left = max((part[-1]["x1"] for col, part in split if col == 0 and part[-1]["x1"] < start), default=0.0)
    return top, bottom, start, left


def reach(lines: list[list[Word]], top: float, height: float) -> float:
    """How far down (points) the closing band's signature may reach: :data:`BELOW_SHARE` of the
    page height under ``top``, stopping short of the next line read (``lines``: grouped lines)."""
    limit = top + BELOW_SHARE * height
    below = min((ln[0]["top"] for ln in lines if ln[0]["top"] > limit), default=height)
    return min(height, limit, below - GAP_PT / 2)


def _body_line(line: list[Word], width: float) -> bool:
    """A line of running text across the page: one column part from the left margin past the middle."""
    parts = split_columns(line, width)
    return len(parts) == 1 and line[0]["x0"] < BODY_SPAN * width and line[-1]["x1"] > (1 - BODY_SPAN) * width


def gutter(gray: np.ndarray, top: int, bottom: int, span: tuple[int, int], dpi: int) -> int:
    """Column (pixels) between the recipients list and the signature block in rows ``top:bottom``.

    ``span`` is ``(left, start)`` in pixels: where the list's longest line ends
    and the signature block's leftmost line starts in the first reading (0
    for a list not read). Columns holding no more ink than :data:`GUTTER_INK`
    of the band's height are clear (a seal or a signature stroke may cross
    the gutter, dust and halo leave a few pixels); the middle of the clear
    run at least :data:`GUTTER_MIN_PT` wide nearest left of ``start``, within
    :data:`GUTTER_REACH_PT` and right of ``left``, is the gutter; else just
    right of ``left`` (a black seal over the gutter), else
    :data:`GUTTER_REACH_PT` / 4 left of ``start``.
    """
    left, start = span
    band = gray[top:bottom] < INK_LEVEL
    reach = int(GUTTER_REACH_PT * dpi / 72)
    lo = max(0, start - reach, left)
    ink = band[:, lo:start].sum(axis=0)
    clear = ink <= GUTTER_INK * max(1, bottom - top)
    wide = GUTTER_MIN_PT * dpi / 72
    end = None
    for i in range(len(clear) - 1, -2, -1):
        if i >= 0 and clear[i]:
            end = i if end is None else end
            continue
        if end is not None and end - i >= wide:
            return lo + (i + 1 + end) // 2
        end = None
    if left and start - left > wide / 2:
        return left + int(wide / 2)
    return max(0, start - reach // 4)


def reread_closing(gray: np.ndarray, dpi: int, free: list[Word], width: float, height: float) -> tuple[list[Word], Note | None]:
    """``free`` with the closing band read again, each column from its own crop, when that reads better.

    Returns the words and a warning (None when nothing changed). The band is
    split at its :func:`gutter`; the recipients list and the signature block
    are each read with one-column segmentation (:data:`PSM_ZONE`).
    """
    band = closing_band(free, width, height)
    if band is None:
        return free, None
    scale = dpi / 72.0
    top, bottom = max(0, int(band[0] * scale)), min(gray.shape[0], int(band[1] * scale))
    if bottom - top < 10:
        return free, None
    if band[2] >= width:  # the signature column was not read at all: read it alone
        return _read_lost_column(gray, dpi, free, band, (top, bottom))
    split = gutter(gray, top, bottom, (int(band[3] * scale), int(band[2] * scale)), dpi)

    def within(w: Word) -> bool:
        return band[0] <= (w["top"] + w["bottom"]) / 2 <= band[1]

    kept = [w for w in free if not within(w)]
    first = [w for w in free if within(w)]
    again = [
        *read_crop(gray, (0, top, split, bottom), PSM_ZONE, dpi, lang=CELL_LANG),
        *read_crop(gray, (split, top, gray.shape[1], bottom), PSM_ZONE, dpi, lang=CELL_LANG),
    ]
    kept_band = confident_letters(again) >= KEEP_SHARE * confident_letters(first)
    words = kept + again if kept_band else free
    words, lower = _read_below(gray, dpi, words, band, split)
    more = f"; signature column below its last line read again ({lower} words)" if lower else ""
    if not kept_band:
        return words, (Note("ocr_closing_reread", "text", "closing band kept as read" + more) if lower else None)
    return words, Note("ocr_closing_reread", "text", f"closing (recipients, signature) read again per column ({len(first)} → {len(again)} words){more}")


def _read_below(
    gray: np.ndarray, dpi: int, words: list[Word], band: tuple[float, float, float, float], split: int
) -> tuple[list[Word], int]:
    """``words`` with the signature column read again from the band's top down to its :func:`reach`.

    A signer's name under a seal and a signature stroke may be lost by the
    page reading and lie below the last line read (KH 3070/KH-UBND Bỉm Sơn
    scanned). When ink lies right of the gutter ``split`` (pixels) under the
    band's last line, the strip right of its own gutter is read alone (psm 4) and
    replaces the words there when it reads more confident letters. Returns the
    words and how many were read in the strip (0: unchanged).
    """
    scale = dpi / 72.0
    start = band[0]
    lower = reach(group_lines(words), band[0], gray.shape[0] / scale)
    top, bottom = int(start * scale), min(gray.shape[0], int(lower * scale))
    last = int(band[1] * scale)  # under the band's last line read: is anything left unread there?
    if bottom - last < 10 or not has_ink(gray, (split, last, gray.shape[1], bottom), 2):
        return words, 0
    split = gutter(gray, top, bottom, (int(band[3] * scale), int(band[2] * scale)), dpi)  # over the whole strip
    x_split = split / scale

    def inside(w: Word) -> bool:
        return w["x0"] >= x_split and start <= (w["top"] + w["bottom"]) / 2 <= lower

    strip = read_crop(gray, (split, top, gray.shape[1], bottom), PSM_ZONE, dpi, lang=CELL_LANG)
    if confident_letters(strip) <= confident_letters([w for w in words if inside(w)]):
        return words, 0
    return [w for w in words if not inside(w)] + strip, len(strip)


def _read_lost_column(
    gray: np.ndarray, dpi: int, free: list[Word], band: tuple[float, float, float, float], rows: tuple[int, int]
) -> tuple[list[Word], Note | None]:
    """``free`` with the words of the band's right column read from its own crop (Otsu, psm 4).

    For a band whose recipients list was read and whose signature column was
    not (:func:`closing_band` gives ``start`` = the page width): the crop runs
    from just right of the list's longest line (``band[3]``) to the page's
    right edge over ``rows`` (pixels). The first reading's words there, if
    any, are replaced when the crop reads at least as many confident letters.
    """
    top, bottom = rows
    split = int(band[3] * dpi / 72.0 + GUTTER_MIN_PT * dpi / 72.0 / 2)
    if gray.shape[1] - split < 10:
        return free, None
    x_split = split * 72.0 / dpi

    def right(w: Word) -> bool:
        return band[0] <= (w["top"] + w["bottom"]) / 2 <= band[1] and w["x0"] >= x_split

    first = [w for w in free if right(w)]
    again = read_crop(gray, (split, top, gray.shape[1], bottom), PSM_ZONE, dpi, lang=CELL_LANG)
    if not confident_letters(again) or confident_letters(again) < confident_letters(first):
        return free, None
    kept = [w for w in free if not right(w)]
    return kept + again, Note("ocr_closing_reread", "text", f"signature column not read beside the recipients, read from its own crop ({len(first)} → {len(again)} words)")
