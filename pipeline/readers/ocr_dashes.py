"""Dashes of OCR'd words told apart by their printed width: hyphen, en dash, em dash.

Decisions write a period of years with an en dash ("giai đoạn 2016 – 2020")
or a hyphen ("2011 - 2020"), often both in one text, and names of ministries
with an en dash ("Lao động – Thương binh và Xã hội"). Tesseract reads the en
dash as a hyphen, as an em dash, or as both glued ("—-"), so the text cannot
tell which was printed; the glyph's width can: in the usual serif fonts
(Times New Roman) a hyphen is a third of an em, an en dash half an em and an
em dash a whole em. A word made of dashes only gets the dash its ink width
says, measured against the height of the words beside it (the text line's
height, about 0.75 em on the seed scan: hyphens 0.37 of it, en dashes 0.68,
the em dash Tesseract gave for an en dash 0.71; on 91-TTr-CAT-PC04 hyphens
0.27–0.35, en dashes 0.60).
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from pipeline.readers.layout import Word

HYPHEN, EN_DASH, EM_DASH = "-", "\u2013", "\u2014"
DASHES = frozenset(HYPHEN + EN_DASH + EM_DASH + "\u2012\u2015\u2212")
#: Width ÷ neighbouring words' height under which a dash is a hyphen, and over
#: which it is an em dash (between the two: an en dash).
EN_FROM, EM_FROM = 0.55, 1.05
#: Words on each side whose heights give the text line's height.
NEIGHBOURS = 2


def dash_for(width: float, line_height: float) -> str:
    """The dash printed ``width`` wide on a text line ``line_height`` high (same unit)."""
    ratio = width / line_height
    if ratio < EN_FROM:
        return HYPHEN
    return EN_DASH if ratio < EM_FROM else EM_DASH


def restore_dashes(words: Sequence[Word]) -> list[tuple[str, str]]:
    """Rewrite dash-only words of ``words`` (in reading order) to the dash their width says.

    ``words`` are layout word dicts (``text``, ``x0``, ``x1``, ``top``,
    ``bottom``); the height of the line is the median height of up to
    :data:`NEIGHBOURS` words on each side that hold a letter or digit. A dash
    with no such neighbour is left alone. Changed in place; returns the
    ``(read, written)`` pairs.
    """
    changes: list[tuple[str, str]] = []
    for i, word in enumerate(words):
        text = str(word["text"])
        if not text or not set(text) <= DASHES:
            continue
        near = [w for w in [*words[max(0, i - NEIGHBOURS) : i], *words[i + 1 : i + 1 + NEIGHBOURS]] if _has_text(w)]
        if not near:
            continue
        height = median(float(w["bottom"]) - float(w["top"]) for w in near)
        if height <= 0:
            continue
        dash = dash_for(float(word["x1"]) - float(word["x0"]), height)
        if dash != text:
            word["text"] = dash
            changes.append((text, dash))
    return changes


def _has_text(word: Word) -> bool:
    return any(ch.isalnum() for ch in str(word["text"]))


#: Width of a printed en or em dash, in median word heights (a hyphen is narrower,
#: a rule or a signature stroke wider).
DASH_WIDTH = (0.4, 1.6)


def joining_dash(word: Word, words: Sequence[Word], height: float, confident: float) -> bool:
    """True for a dash-only word as wide as a printed dash with a confident word on each side in its row.

    ``height`` is the page's median word height (points), ``confident`` the
    confidence (0–100) a neighbour needs.

    Sauvola thresholding thins the motto's en dashes ("Độc lập – Tự do") and
    Tesseract gives one of them confidence 14: without this it went as dust.
    """
    width = word["x1"] - word["x0"]
    if not word["text"] or set(word["text"]) - set("-–—") or not DASH_WIDTH[0] * height <= width <= DASH_WIDTH[1] * height:
        return False
    middle = (word["top"] + word["bottom"]) / 2
    sides = set()
    for other in words:
        if other is word or other["conf"] < confident or not any(ch.isalnum() for ch in other["text"]):
            continue
        if not other["top"] <= middle <= other["bottom"]:
            continue
        if 0 <= word["x0"] - other["x1"] < height:
            sides.add("left")
        elif 0 <= other["x0"] - word["x1"] < height:
            sides.add("right")
    return sides == {"left", "right"}
