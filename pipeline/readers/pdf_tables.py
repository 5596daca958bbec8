"""Ruled tables of a text-layer PDF page (bảng kẻ ô), found by pdfplumber on the visible rules only.

Word → PDF exports often paint every text line of a cell with a white (or
"no colour") filled rectangle: an invisible background box, not a rule. Left in,
those boxes cut each cell into one grid row per text line, and the appendix rows
come out shredded. :func:`find_tables` hides filled rectangles drawn in white
(grey 1, RGB 1 1 1, CMYK 0 0 0 0) and never stroked before pdfplumber looks for
tables; black or coloured fills (thin rules drawn as filled boxes) stay.
"""

from __future__ import annotations

from typing import Any

#: A colour component this close to paper white counts as white.
_WHITE = 0.95


def _is_white(colour: Any) -> bool:
    """True for a white fill colour in grey, RGB or CMYK (pdfplumber's ``non_stroking_color``)."""
    if colour is None:
        return False
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    if not values or not all(isinstance(v, (int, float)) for v in values):
        return False
    if len(values) == 4:  # CMYK: no ink at all
        return all(v <= 1 - _WHITE for v in values)
    return all(v >= _WHITE for v in values)


def visible(obj: dict) -> bool:
    """False for an invisible background box: a filled, unstroked white rectangle."""
    if obj.get("object_type") != "rect" or not obj.get("fill") or obj.get("stroke"):
        return True
    return not _is_white(obj.get("non_stroking_color"))


def find_tables(page: Any) -> list:
    """pdfplumber's tables of ``page`` (a ``pdfplumber.page.Page``) drawn by visible rules only."""
    return page.filter(visible).find_tables()


def split_at_cell_edges(words: list[dict], tables: list) -> list[dict]:
    """``words`` (pdfplumber's, with ``return_chars=True``) cut where a cell's side rule runs
    through them; the ``chars`` lists are dropped either way.

    Characters closer than pdfplumber's x tolerance join into one word even across a
    column rule: an ordinal set flush against the rule of a narrow "STT" column runs into
    the next cell's first word ("13.liên", "37.Luật" in Word → PDF exports whose cells
    have no inner margin), and the word then lands, by its centre, in one cell only. A
    word is cut at the left or right side of any cell (``tables``: pdfplumber's
    ``Table`` objects, ``.cells`` of (x0, top, x1, bottom) points) whose rows hold the
    word's middle, except the table's outer sides; each character goes to the side of
    the cut holding its centre. Output words keep pdfplumber's keys (text, x0, x1, top,
    bottom, fontname, size …).
    """
    sides: set[tuple[float, float, float]] = set()  # (x, top, bottom): a cell side rule inside a table
    for table in tables:
        left, right = table.bbox[0], table.bbox[2]
        for x0, top, x1, bottom in table.cells:
            sides.update((x, top, bottom) for x in (x0, x1) if left + 1 < x < right - 1)  # neighbours share a side
    out = []
    for word in words:
        chars = word.pop("chars", None)
        middle = (word["top"] + word["bottom"]) / 2
        cuts = sorted({x for x, top, bottom in sides if top <= middle <= bottom and word["x0"] < x < word["x1"]})
        if not cuts or not chars:
            out.append(word)
            continue
        out.extend(_cut(word, chars, cuts))
    return out


def _cut(word: dict, chars: list[dict], cuts: list[float]) -> list[dict]:
    """The pieces of ``word`` between the x positions ``cuts`` (a piece per run of characters)."""
    pieces: list[list[dict]] = []
    last = None
    for ch in chars:
        side = sum(1 for x in cuts if (ch["x0"] + ch["x1"]) / 2 > x)
        if side != last:
            pieces.append([])
            last = side
        pieces[-1].append(ch)
    if len(pieces) < 2:
        return [word]
    out = []
    for part in pieces:
        text = "".join(c["text"] for c in part)
        if not text.strip():
            continue
        piece = dict(word)
        piece.update(text=text.strip(), x0=min(c["x0"] for c in part), x1=max(c["x1"] for c in part))
        out.append(piece)
    return out
