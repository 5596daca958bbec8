"""Layout helpers: PDF geometry (words → lines → columns → paragraphs) and the
two-column layout rules shared by the Word, HTML and text readers.

All lengths are PDF points. A *word* is a dict with at least ``text``, ``x0``,
``x1``, ``top``, ``bottom`` (the shape pdfplumber's ``extract_words`` returns);
OCR readers build the same dicts from Tesseract boxes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.model import Table

Word = dict[str, Any]

#: Words whose vertical centres differ by less than this fraction of their
#: height sit on one line.
LINE_TOLERANCE = 0.5
#: Smallest horizontal gap (points) that can separate the two columns of a
#: Decree 30 layout block (issuer | motto, recipients | signature).
COLUMN_GAP = 12.0
#: A gap this wide (points, three times :data:`COLUMN_GAP`) separates columns even when the
#: right part starts before 40 % of the width: the left cell of a Decree 30 header holding a
#: short issuer ("CHÍNH PHỦ", "QUỐC HỘI") is often set narrow, the motto starting at about a
#: third of the page (Word → PDF exports of Government and National Assembly documents).
WIDE_COLUMN_GAP = 36.0
#: Where the right part must start: this fraction of the width, or WIDE_START after a wide gap.
RIGHT_PART_START = 0.4
WIDE_RIGHT_PART_START = 0.3
#: Right-column lines have their centre right of this fraction of the width.
RIGHT_COLUMN_CENTRE = 0.58
#: Bullet and item markers that start a new paragraph inside a cell.
BULLETS = ("-", "+", "•", "–", "*", "▪", "○", "·")


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Group words into visual lines, top to bottom, each sorted left to right."""
    ordered = sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"]))
    lines: list[list[Word]] = []
    centre = height = 0.0
    for word in ordered:
        mid = (word["top"] + word["bottom"]) / 2
        h = word["bottom"] - word["top"]
        if lines and abs(mid - centre) <= LINE_TOLERANCE * max(h, height, 1.0):
            lines[-1].append(word)
            continue
        lines.append([word])
        centre, height = mid, h
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def split_columns(line: Sequence[Word], page_width: float) -> list[tuple[int, list[Word]]]:
    """Split one visual line into its layout columns.

    Returns ``[(column, words), …]``: one part when the line is a single run
    (column 1 if its centre lies right of :data:`RIGHT_COLUMN_CENTRE` of the page
    width, else 0), or two parts when the widest gap of at least
    :data:`COLUMN_GAP` points separates a left part ending before 60 % of the
    width from a right part starting after 40 % (after 30 % when the gap is at
    least :data:`WIDE_COLUMN_GAP`: a narrow issuer cell). No gap before a word
    starting with "/" splits: that blank awaits a number ("Số:        /KH-UBND",
    "(Kèm theo Quyết định số:      /QĐ-UBND ngày   /4/2026 …)" in drafts), no column
    starts with the symbol.
    """
    best: tuple[float, int] | None = None
    for i in range(1, len(line)):
        gap = line[i]["x0"] - line[i - 1]["x1"]
        if str(line[i]["text"]).startswith("/"):
            continue
        start = WIDE_RIGHT_PART_START if gap >= WIDE_COLUMN_GAP else RIGHT_PART_START
        if (
            gap >= COLUMN_GAP
            and line[i]["x0"] >= start * page_width
            and line[i - 1]["x1"] <= 0.6 * page_width
            and (best is None or gap > best[0])
        ):
            best = (gap, i)
    if best is not None:
        i = best[1]
        return [(0, list(line[:i])), (1, list(line[i:]))]
    centre = (line[0]["x0"] + line[-1]["x1"]) / 2
    return [(1 if centre > RIGHT_COLUMN_CENTRE * page_width else 0, list(line))]


#: Largest gap (points) between two text-layer words that still touch: pdfplumber
#: splits a word where the font or size changes ("Điều 3" bold + "." regular),
#: with no space character and no gap between the parts.
TOUCHING_GAP = 0.5


def line_text(words: Sequence[Word]) -> str:
    """Join a line's words with single spaces, except text-layer words that touch.

    Text-layer words carry their ``fontname``; OCR words (no font) are always
    separated by a space.
    """
    out: list[str] = []
    prev: Word | None = None
    for word in words:
        if prev is not None:
            touching = "fontname" in word and "fontname" in prev and word["x0"] - prev["x1"] <= TOUCHING_GAP
            if not touching:
                out.append(" ")
        out.append(word["text"])
        prev = word
    return "".join(out)


def line_bbox(words: Sequence[Word]) -> tuple[float, float, float, float]:
    """Bounding box ``(x0, top, x1, bottom)`` of a run of words."""
    return (
        min(w["x0"] for w in words),
        min(w["top"] for w in words),
        max(w["x1"] for w in words),
        max(w["bottom"] for w in words),
    )


def unwrap(lines: Sequence[Sequence[Word]], right_edge: float, slack: float = 4.0) -> str:
    """Rebuild paragraph text from wrapped visual lines inside one box.

    A visual line break is kept as ``"\\n"`` (a hard break: new paragraph or
    bullet) when the next line starts with a bullet marker or when the next line's
    first word would have fitted on the previous line before ``right_edge``
    (minus ``slack`` points); otherwise it was a soft wrap and becomes a space.
    """
    out: list[str] = []
    prev: Sequence[Word] | None = None
    for line in lines:
        text = line_text(line)
        if prev is not None:
            first = line[0]
            space = prev[-1]["x1"] + (first["x1"] - first["x0"]) + _space_width(prev)
            hard = text.startswith(BULLETS) or space < right_edge - slack
            out.append("\n" if hard else " ")
        out.append(text)
        prev = line
    return "".join(out)


def _space_width(line: Sequence[Word]) -> float:
    """Approximate width of one space in a line: a third of its height."""
    return (line[-1]["bottom"] - line[-1]["top"]) / 3.0


#: Layout gaps inside one typed line: a tab, or four blanks or more.
_LAYOUT_GAP = re.compile(r"\s*\t\s*|\s{4,}")
#: Longest piece that a layout gap may set beside another (header and signature
#: lines are short; a body paragraph with a tab in it is not split).
LAYOUT_PIECE_MAX = 80


def split_layout_line(text: str) -> list[str] | None:
    """Left and right pieces of a line laid out with tabs or runs of spaces.

    ``"Số: 256/2004/QĐ-UB\t   TP. Cần Thơ, ngày 01 tháng 7 năm 2004"`` →
    ``["Số: 256/2004/QĐ-UB", "TP. Cần Thơ, ngày 01 tháng 7 năm 2004"]``: how
    old Word files set the Decree 30 header and signature blocks without a
    table. ``None`` unless there are exactly two short non-empty pieces.
    """
    pieces = [p.strip() for p in _LAYOUT_GAP.split(text.strip())]
    pieces = [p for p in pieces if p]
    if len(pieces) != 2 or any(len(p) > LAYOUT_PIECE_MAX for p in pieces):
        return None
    return pieces


#: A table with this many columns (or more, all but this many empty) and at most
#: :data:`LAYOUT_MAX_ROWS` rows is a layout table (header or signature block),
#: read as two columns of lines.
LAYOUT_COLS = 2
LAYOUT_MAX_ROWS = 4


def is_layout_table(table: Table) -> bool:
    """A header or signature layout table: at most four rows and two columns with
    text (a spacer column left empty between them does not count)."""
    if len(table.rows) > LAYOUT_MAX_ROWS:
        return False
    filled = {col for row in table.rows for c in row if c.text.strip() for col in range(c.col, c.col + c.col_span)}
    return table.n_cols == LAYOUT_COLS or (table.n_cols > LAYOUT_COLS and len(filled) == LAYOUT_COLS)
