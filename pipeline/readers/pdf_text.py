"""Reader for PDFs with a text layer (PDFium words; pdfplumber for ruled tables).

Pages are opened with pypdfium2; a page whose drawing could hold a ruled
table (:func:`~pipeline.readers.pdfium_words.may_hold_ruled_table`) is read
with pdfplumber (words and ``find_tables``), and so is a page in legacy
TCVN3/VNI fonts (decoded by :mod:`pipeline.readers.legacy_fonts`); every other
page with PDFium's words in pdfplumber's shape
(:mod:`pipeline.readers.pdfium_words`), several times faster, same lines.
Signing stamps (widget annotations) are read with pdfplumber where a page has
annotations. Produces a :class:`pipeline.model.Document` whose pages hold the running text as
:class:`~pipeline.model.Line` objects (two-column layout blocks split into
columns) and each ruled table fragment as a :class:`~pipeline.model.Table` with
cell boxes. Words inside a table are not repeated as lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.page import Page as PlumberPage

from pipeline.model import Cell, Document, Line, Page, Table
from pipeline.readers.legacy_fonts import decode_words
from pipeline.readers.stamps import read_stamps
from pipeline.readers.pdfium_words import extract_words, may_hold_ruled_table
from pipeline.text.legacy import font_encoding
from pipeline.readers.layout import (
    Word,
    group_lines,
    line_bbox,
    line_text,
    split_columns,
    unwrap,
)

#: A running header or footer holding only a page number ("2", "- 3 -").
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,4}[-–\s]*$")
#: Top and bottom fraction of the page where page numbers are looked for.
_MARGIN_BAND = 0.09


def read_pdf(path: Path, doc_id: str) -> Document:
    """Read a text-layer PDF into a :class:`Document`.

    Raises whatever pdfplumber/pdfminer raise on unreadable files (encrypted,
    truncated, not a PDF); the ingest stage records those as failures.
    """
    pages: list[Page] = []
    plumber = None
    pdf = pdfium.PdfDocument(path)
    try:
        block = 0
        for number in range(1, len(pdf) + 1):
            fast = pdf[number - 1]
            width, height = (float(v) for v in fast.get_size())
            words = None if may_hold_ruled_table(fast) else extract_words(fast, height)
            if words is not None and not _legacy_fonts(words):
                words, legacy = decode_words(words)
                page, block = _assemble_page(words, legacy, [], number, width, height, block)
            else:  # tables and legacy fonts: pdfplumber's reading
                plumber = plumber or pdfplumber.open(path)
                page, block = _read_page(plumber.pages[number - 1], number, block)
            if pdfium_c.FPDFPage_GetAnnotCount(fast.raw) > 0:  # signing stamps live in annotations
                plumber = plumber or pdfplumber.open(path)
                page.stamps = read_stamps(plumber.pages[number - 1], number)
            fast.close()
            pages.append(page)
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()
    return Document(doc_id=doc_id, source_file=path.name, source_format="pdf", pages=pages)


def _legacy_fonts(words: list[Word]) -> bool:
    """True when some of the page's words are set in legacy TCVN3/VNI fonts."""
    return any(font_encoding(w.get("fontname")) for w in words)


def _read_page(pp: PlumberPage, number: int, block: int) -> tuple[Page, int]:
    """One page through pdfplumber: words and ruled tables."""
    words: list[Word] = pp.extract_words(extra_attrs=["fontname", "size"])
    words, legacy = decode_words(words)
    return _assemble_page(words, legacy, pp.find_tables(), number, float(pp.width), float(pp.height), block)


def _assemble_page(
    words: list[Word], legacy: str | None, found: list, number: int, width: float, height: float, block: int
) -> tuple[Page, int]:
    """Lines (outside tables) and tables of one page, in reading order from ``block`` on.

    ``words`` are already decoded from a legacy encoding (``legacy`` names it).
    """
    boxes = [t.bbox for t in found]
    free = [w for w in words if not any(_inside(w, b) for b in boxes)]

    items: list[tuple[float, Line | Table]] = []
    for visual in group_lines(free):
        text = line_text(visual)
        top = visual[0]["top"]
        if _PAGE_NUMBER.match(text) and (
            top < _MARGIN_BAND * height or top > (1 - _MARGIN_BAND) * height
        ):
            continue
        for column, part in split_columns(visual, width):
            fonts = [str(w.get("fontname", "")) for w in part]
            items.append(
                (
                    top,
                    Line(
                        text=line_text(part),
                        page=number,
                        bbox=line_bbox(part),
                        column=column,
                        bold=all("Bold" in f for f in fonts),
                        italic=all("Italic" in f or "Oblique" in f for f in fonts),
                        size=round(max(float(w.get("size", 0)) for w in part), 1),
                    ),
                )
            )
    for table in found:
        items.append((table.bbox[1], _read_table(table, words, number)))

    page = Page(number=number, width=width, height=height, source_kind="legacy_decoded" if legacy else "text")
    if legacy:
        page.warnings.append(f"text layer in the legacy {legacy.upper()} font encoding, decoded to Unicode")
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Table):
            item.block = block
            page.tables.append(item)
        else:
            item.block = block
            page.lines.append(item)
        block += 1
    if not words:
        page.warnings.append("no text layer on this page")
    return page, block


def _read_table(table: pdfplumber.table.Table, words: list[Word], page: int) -> Table:
    """Turn one pdfplumber table into a grid of :class:`Cell` with spans."""
    xs = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
    ys = sorted({round(c[1], 1) for c in table.cells} | {round(c[3], 1) for c in table.cells})
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for bbox in table.cells:
        c0, c1 = _index(xs, bbox[0]), _index(xs, bbox[2])
        r0, r1 = _index(ys, bbox[1]), _index(ys, bbox[3])
        inside = [w for w in words if _inside(w, bbox)]
        text = unwrap(group_lines(inside), right_edge=bbox[2]) if inside else ""
        cell = Cell(
            text=text,
            row=r0,
            col=c0,
            row_span=max(1, r1 - r0),
            col_span=max(1, c1 - c0),
            page=page,
            bbox=tuple(float(v) for v in bbox),  # type: ignore[arg-type]
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
            )
    rows = [[c for c in row if c is not None] for row in grid]
    return Table(
        rows=[r for r in rows if r],
        n_cols=n_cols,
        page=page,
        bbox=tuple(float(v) for v in table.bbox),  # type: ignore[arg-type]
    )


def _index(edges: list[float], value: float) -> int:
    """Index of the grid edge nearest to ``value``."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    """True when the word's centre lies inside ``bbox``."""
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]
