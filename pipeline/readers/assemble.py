"""Words and table cell boxes → a :class:`~pipeline.model.Page`, for every PDF reader.

The text-layer reader (pdfplumber words) and the OCR reader (Tesseract words)
hand the same word dicts (see :mod:`pipeline.readers.layout`) and the same cell
rectangles here, so both produce identical ``Line``/``Table`` structures and the
structure stage cannot tell them apart. Word dicts may carry ``fontname`` and
``size`` (text layer) or ``conf`` (OCR, 0–100).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import fmean

from pipeline.model import BBox, Cell, Line, Page, SourceKind, Table
from pipeline.readers.layout import Word, group_lines, line_bbox, line_text, split_columns, unwrap

#: A running header or footer holding only a page number ("2", "- 3 -").
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,4}[-–\s]*$")
#: Top and bottom fraction of the page where page numbers are looked for.
_MARGIN_BAND = 0.09


def inside(word: Word, bbox: BBox) -> bool:
    """True when the word's centre lies inside ``bbox``."""
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def centres(words: Sequence[Word]) -> list[tuple[float, float, Word]]:
    """``(cx, cy, word)`` for each word: its centre as :func:`inside` computes it, once per word."""
    return [((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2, w) for w in words]


def within(centred: Sequence[tuple[float, float, Word]], bbox: BBox) -> list[Word]:
    """The words of ``centred`` (from :func:`centres`) whose centre lies inside ``bbox``, in order (as :func:`inside`)."""
    x0, top, x1, bottom = bbox[0], bbox[1], bbox[2], bbox[3]
    return [w for cx, cy, w in centred if x0 <= cx <= x1 and top <= cy <= bottom]


def mean_confidence(words: Sequence[Word]) -> float | None:
    """Mean ``conf`` of OCR words (0–100), ``None`` when the words carry none."""
    confs = [float(w["conf"]) for w in words if w.get("conf") is not None]
    return round(fmean(confs), 1) if confs else None


def _line(part: Sequence[Word], number: int, column: int) -> Line:
    fonts = [str(w.get("fontname", "")) for w in part]
    has_fonts = any(fonts)
    return Line(
        text=line_text(part),
        page=number,
        bbox=line_bbox(part),
        column=column,
        bold=has_fonts and all("Bold" in f for f in fonts),
        italic=has_fonts and all("Italic" in f or "Oblique" in f for f in fonts),
        size=round(max(float(w.get("size", 0)) for w in part), 1) if "size" in part[0] else None,
        confidence=mean_confidence(part),
    )


def build_page(
    number: int,
    width: float,
    height: float,
    words: Sequence[Word],
    tables: Sequence[Table],
    block: int,
    source_kind: SourceKind = "text",
) -> tuple[Page, int]:
    """Assemble one page from the words outside tables and the page's table fragments.

    Lines are grouped and split into layout columns (:mod:`layout`); a lone page
    number in the top or bottom margin band is dropped. Lines and tables are
    ordered top to bottom and numbered with consecutive ``block`` indices from
    ``block``. Returns the page and the next free block index.
    """
    items: list[tuple[float, Line | Table]] = []
    for visual in group_lines(words):
        top = visual[0]["top"]
        if _PAGE_NUMBER.match(line_text(visual)) and (
            top < _MARGIN_BAND * height or top > (1 - _MARGIN_BAND) * height
        ):
            continue
        for column, part in split_columns(visual, width):
            items.append((top, _line(part, number, column)))
    for table in tables:
        items.append((table.bbox[1] if table.bbox else 0.0, table))

    page = Page(number=number, width=width, height=height, source_kind=source_kind)
    for _, item in sorted(items, key=lambda pair: pair[0]):
        item.block = block
        (page.tables if isinstance(item, Table) else page.lines).append(item)  # type: ignore[arg-type]
        block += 1
    return page, block


def grid_table(cells: Sequence[BBox], bbox: BBox, words: Sequence[Word], page: int) -> Table:
    """Build a :class:`Table` from cell rectangles (points) and the words inside them.

    Grid edges are the distinct cell edges; a rectangle covering several grid
    columns/rows gets ``col_span``/``row_span``, and a vertically merged cell is
    repeated below as ``merged_from_above`` copies. Cell text keeps hard line
    breaks (:func:`layout.unwrap`).
    """
    xs = sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells} | {round(c[3], 1) for c in cells})
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    centred = centres(words)
    for box in cells:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        found = drop_footnote_marks(within(centred, box))
        text = unwrap(group_lines(found), right_edge=box[2]) if found else ""
        cell_box = tuple(float(v) for v in box)
        cell = Cell(
            text=text,
            row=r0,
            col=c0,
            row_span=max(1, r1 - r0),
            col_span=max(1, c1 - c0),
            page=page,
            bbox=cell_box,  # type: ignore[arg-type]
            confidence=mean_confidence(found),
        )
        grid[r0][c0] = cell
        for r in range(r0 + 1, r1):
            grid[r][c0] = Cell(
                text=text,
                row=r,
                col=c0,
                col_span=cell.col_span,
                merged_from_above=True,
                page=page,
                bbox=cell.bbox,
                confidence=cell.confidence,
            )
    rows = [[c for c in row if c is not None] for row in grid]
    return Table(
        rows=[r for r in rows if r],
        n_cols=n_cols,
        page=page,
        bbox=tuple(float(v) for v in bbox),  # type: ignore[arg-type]
    )


#: A word at most this share of the cell's usual size, raised above its neighbour's
#: baseline, and made of digits only is a footnote reference mark ("NQ/TW¹").
_FOOTNOTE_SIZE = 0.8


def drop_footnote_marks(words: list[Word]) -> list[Word]:
    """The cell's words without superscript footnote digits (the text layer glues them on:
    "66-NQ/TW1"). Words without a ``size`` (OCR) are kept as they are."""
    sizes = sorted(float(w["size"]) for w in words if w.get("size"))
    if len(sizes) < 2:
        return words
    usual = sizes[len(sizes) // 2]
    kept: list[Word] = []
    for w in words:
        prev = kept[-1] if kept else None
        raised = prev is not None and float(w["bottom"]) < float(prev["bottom"]) - 1
        small = float(w.get("size") or usual) <= _FOOTNOTE_SIZE * usual
        if str(w["text"]).isdigit() and small and raised:
            continue
        kept.append(w)
    return kept


def _index(edges: list[float], value: float) -> int:
    """Index of the grid edge nearest to ``value``."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))
