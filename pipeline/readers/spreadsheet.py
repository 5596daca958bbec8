"""Reader for spreadsheets (bảng tính): Excel 2007+ workbooks (.xlsx) and Excel 97–2003 (.xls).

Appendices (Phụ lục, Biểu) often arrive as workbooks rather than inside the
decision. Each worksheet becomes one :class:`~pipeline.model.Table` whose grid
positions are the sheet's own (``row`` 0 is sheet row 1, ``col`` 0 is column A,
so every cell keeps its A1 address as provenance) and whose ``name`` is the
sheet name. Merged ranges become ``row_span``/``col_span`` on the top-left
cell; the rows below it carry a ``merged_from_above`` cell repeating its text,
as the DOCX and PDF readers do. Trailing empty rows and columns are dropped; a
sheet without any value gives no table.

Values are cached results (formulas are not evaluated), written as text:
whole numbers without a decimal part (``1.0`` → ``"1"``), other numbers with up
to 15 significant digits, dates in ISO form, booleans ``TRUE``/``FALSE``, error
values as Excel shows them (``#N/A``). Strings typed in a legacy TCVN3/VNI font
(``.VnTime``, ``.VnTimeH``, ``VNI-Times``) are decoded with
:mod:`pipeline.text.legacy`, in capitals for a TCVN3 capitals font; a workbook
without legacy font names whose strings read as legacy mojibake is decoded by
character statistics. The page records the decoding in its ``source_kind``
(``legacy_decoded``) and warnings.

Libraries: openpyxl (.xlsx, ``data_only=True``) and xlrd (.xls BIFF,
``formatting_info=True`` for merged ranges and fonts). Workbooks have no pages:
one pseudo page, ``paged=False``, ``page``/``bbox`` ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.model import Cell, Document, Note, Page, Table
from pipeline.text.legacy import Encoding, decode, detect_encoding, font_encoding, is_caps_font


@dataclass(slots=True)
class RawCell:
    """One non-empty sheet cell before decoding: 0-based position, value and its font name."""

    row: int
    col: int
    value: Any
    font: str | None = None


@dataclass(slots=True)
class Sheet:
    """One worksheet as read by a library: its name, non-empty cells and merged ranges.

    ``merged`` holds ``(row_lo, row_hi, col_lo, col_hi)`` with the high bounds
    exclusive (xlrd's convention), 0-based.
    """

    name: str
    cells: list[RawCell]
    merged: list[tuple[int, int, int, int]]


def read_spreadsheet(path: Path, doc_id: str, kind: str) -> Document:
    """Read a workbook into a page-less :class:`Document` with one table per worksheet.

    ``kind`` is ``"xlsx"`` or ``"xls"`` (from :func:`pipeline.readers.sniff`).
    Raises the library's error for a damaged file (the dispatcher words it).
    """
    sheets = list(_xlsx_sheets(path) if kind == "xlsx" else _xls_sheets(path))
    fallback = _statistical_encoding(sheets)
    page = Page(number=1, source_kind="spreadsheet")
    legacy = False
    for block, sheet in enumerate(sheets):
        table, decoded = sheet_table(sheet, block, fallback)
        legacy |= decoded
        if table is not None:
            page.tables.append(table)
    if legacy:
        page.source_kind = "legacy_decoded"
        page.warnings.append(Note("legacy_encoding_decoded", "text", "cells in legacy TCVN3/VNI fonts, decoded to Unicode"))
    return Document(doc_id=doc_id, source_file=path.name, source_format=kind, pages=[page], paged=False)  # type: ignore[arg-type]


def sheet_table(sheet: Sheet, block: int, fallback: Encoding | None = None) -> tuple[Table | None, bool]:
    """The :class:`Table` of one worksheet and whether any cell was legacy-decoded.

    ``None`` for a sheet without a value. ``fallback`` is the encoding applied
    to strings whose font implies none (see :func:`_statistical_encoding`).
    """
    texts: dict[tuple[int, int], str] = {}
    decoded = False
    for raw in sheet.cells:
        text, legacy = cell_text(raw, fallback)
        decoded |= legacy
        if text.strip():
            texts[(raw.row, raw.col)] = text
    if not texts:
        return None, decoded
    n_rows = max(r for r, _ in texts) + 1
    n_cols = max(c for _, c in texts) + 1
    spans = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in sheet.merged if r0 < n_rows and c0 < n_cols}
    rows = _grid(texts, spans, n_rows, n_cols)
    return Table(rows=rows, n_cols=n_cols, block=block, name=sheet.name), decoded


def _grid(
    texts: dict[tuple[int, int], str], spans: dict[tuple[int, int], tuple[int, int]], n_rows: int, n_cols: int
) -> list[list[Cell]]:
    """Rows of cells with merged ranges resolved (covered cells dropped or repeated from above)."""
    covered: dict[tuple[int, int], Cell] = {}  # position → top-left cell of its merged range
    rows: list[list[Cell]] = []
    for r in range(n_rows):
        row: list[Cell] = []
        c = 0
        while c < n_cols:
            top = covered.get((r, c))
            if top is not None:
                if top.col == c:
                    row.append(Cell(text=top.text, row=r, col=c, col_span=top.col_span, merged_from_above=True))
                c = top.col + top.col_span
                continue
            r1, c1 = spans.get((r, c), (r + 1, c + 1))
            cell = Cell(text=texts.get((r, c), ""), row=r, col=c, row_span=min(r1, n_rows) - r,
                        col_span=min(c1, n_cols) - c)
            for rr in range(r, r + cell.row_span):
                for cc in range(c, c + cell.col_span):
                    if (rr, cc) != (r, c):
                        covered[(rr, cc)] = cell
            row.append(cell)
            c += cell.col_span
        rows.append(row)
    return rows


def cell_text(raw: RawCell, fallback: Encoding | None = None) -> tuple[str, bool]:
    """A cell's value as text (see the module docstring) and whether it was legacy-decoded."""
    value = raw.value
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, (int, float)):
        return number_text(value), False
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date_text(value), False
    text = str(value)
    encoding = font_encoding(raw.font) or fallback
    if encoding is None or text.isascii():
        return text, False
    return decode(text, encoding, uppercase=is_caps_font(raw.font)), True


def number_text(value: float) -> str:
    """``1.0`` → ``"1"``, ``6.8`` → ``"6.8"``, ``33.746687251801891`` → ``"33.7466872518019"`` (15 digits)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g") if isinstance(value, float) else str(value)


def _date_text(value: dt.date | dt.time) -> str:
    """ISO date for midnight datetimes and dates, ISO date-time or time otherwise."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return value.isoformat()


def _statistical_encoding(sheets: list[Sheet]) -> Encoding | None:
    """Legacy encoding of a workbook whose strings carry no legacy font name, by character statistics.

    ``None`` when any string is in a legacy font (those are decoded by font)
    or when the strings read as Unicode Vietnamese.
    """
    strings = [c for s in sheets for c in s.cells if isinstance(c.value, str)]
    if any(font_encoding(c.font) for c in strings):
        return None
    return detect_encoding(" ".join(c.value for c in strings[:5000]))


# ------------------------------------------------------------------ libraries
def _xlsx_sheets(path: Path) -> Iterator[Sheet]:
    """Worksheets of an .xlsx/.xlsm workbook (openpyxl, cached formula values)."""
    import openpyxl

    with path.open("rb") as handle:  # a file object: openpyxl would refuse a path not named .xlsx
        book = openpyxl.load_workbook(handle, data_only=True)
    try:
        for ws in book.worksheets:
            cells = [
                RawCell(cell.row - 1, cell.column - 1, cell.value, cell.font.name if cell.font else None)
                for row in ws.iter_rows()
                for cell in row
                if cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip())
            ]
            merged = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in ws.merged_cells.ranges]
            yield Sheet(ws.title, cells, merged)
    finally:
        book.close()


def _xls_sheets(path: Path) -> Iterator[Sheet]:
    """Worksheets of an Excel 97–2003 (BIFF) workbook (xlrd, with formatting for fonts and merges)."""
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    try:
        for index in range(book.nsheets):
            ws = book.sheet_by_index(index)
            cells = []
            for r in range(ws.nrows):
                for c in range(ws.ncols):
                    value = _xls_value(book, ws.cell(r, c))
                    if value is None:
                        continue
                    xf = book.xf_list[ws.cell_xf_index(r, c)]
                    cells.append(RawCell(r, c, value, book.font_list[xf.font_index].name))
            yield Sheet(ws.name, cells, [tuple(m) for m in ws.merged_cells])  # type: ignore[misc]
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _xls_value(book: Any, cell: Any) -> Any:
    """Python value of an xlrd cell: str, float, bool, datetime, Excel error text; ``None`` when empty."""
    import xlrd

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_TEXT:
        return cell.value if cell.value.strip() else None
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    return cell.value
