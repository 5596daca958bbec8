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
