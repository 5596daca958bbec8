"""Reader for Word 2007+ documents (python-docx): paragraphs and tables in body order.

Paragraphs become :class:`~pipeline.model.Line` objects carrying their style name
and list numbering (``numId``, ``ilvl``). Borderless two-column layout tables
(Decree 30 header: issuer | motto; closing: recipients | signature) become lines
tagged with their column, as the PDF reader tags them; other tables become
:class:`~pipeline.model.Table` grids with horizontal spans (``gridSpan``) and
vertical merges (``vMerge``) resolved. A paragraph laid out in two columns with
tabs or runs of spaces (old Word files) becomes two lines, column 0 and 1. DOCX has no pages: ``page`` is ``None``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from pipeline.model import Cell, Document, Line, Note, Page, Table
from pipeline.readers.docx_numbering import ListCounter
from pipeline.readers.layout import is_layout_table, split_layout_line
from pipeline.readers.legacy_fonts import DocxFonts



def read_docx(path: Path, doc_id: str) -> Document:
    """Read a .docx file into a one-page, page-less :class:`Document`.

    Raises ``docx.opc.exceptions.PackageNotFoundError`` or ``KeyError`` /
    ``zipfile.BadZipFile`` for damaged packages; ingest records those.
    """
    document = docx.Document(str(path))
    fonts = DocxFonts(document)
    page = Page(number=1, source_kind="legacy_decoded" if fonts.legacy else "docx")
    if fonts.legacy:
        page.warnings.append(Note("legacy_encoding_decoded", "text", "runs in legacy TCVN3/VNI fonts, decoded to Unicode"))
    block = 0
    counter = ListCounter(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            counter.label(child)  # keeps Word's list counters in document order
            page.lines.extend(_split(_line(Paragraph(child, document), block, fonts)))
        elif child.tag == qn("w:tbl"):
            table = _read_table(child, document, block, fonts, counter)
            if is_layout_table(table):
                page.lines.extend(_layout_lines(child, document, block, fonts))
                page.layout_tables.append(table)
            else:
                page.tables.append(table)
            _nested_tables(child, document, block, fonts, page, is_layout_table(table))
        else:
            continue
        block += 1
    return Document(
        doc_id=doc_id, source_file=path.name, source_format="docx", pages=[page], paged=False
    )


def _line(paragraph: Paragraph, block: int, fonts: DocxFonts, column: int = 0) -> Line:
    runs = [r for r in paragraph.runs if r.text.strip()]
    numbering = None
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        num_id = ppr.numPr.numId
        ilvl = ppr.numPr.ilvl
        numbering = (
            int(num_id.val) if num_id is not None else 0,
            int(ilvl.val) if ilvl is not None else 0,
        )
    style = paragraph.style.name if paragraph.style is not None else None
    return Line(
        text=fonts.text(paragraph),
        page=None,
        column=column,
        block=block,
        bold=bool(runs) and all(_bold(r, paragraph) for r in runs),
        italic=bool(runs) and all(bool(r.italic) for r in runs),
        style=style,
        numbering=numbering,
    )


def _split(line: Line) -> list[Line]:
    """A paragraph laid out in two columns with tabs or spaces, as two column lines."""
    pieces = split_layout_line(line.text)
    if pieces is None:
        return [line]
    return [replace(line, text=pieces[0], column=0), replace(line, text=pieces[1], column=1)]


def _bold(run, paragraph: Paragraph) -> bool:  # type: ignore[no-untyped-def]
    if run.bold is not None:
        return bool(run.bold)
    style = paragraph.style
    return bool(style is not None and style.font is not None and style.font.bold)


def _layout_lines(tbl, document, block: int, fonts: DocxFonts) -> list[Line]:  # type: ignore[no-untyped-def]
    """Lines of a layout table: each cell's paragraphs, tagged with the cell's column."""
    lines: list[Line] = []
    for tr in tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            for p in tc.iter(qn("w:p")):
                lines.append(_line(Paragraph(p, document), block, fonts, column=min(col, 1)))
            col += tc.grid_span
    return lines


def _nested_tables(tbl, document, block: int, fonts: DocxFonts, page: Page, in_layout: bool, depth: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Tables nested in the cells of ``tbl`` (python-docx's cell text leaves them out), at ``depth``.

    Nested in a data table they are data tables (their text is nowhere else);
    nested in a layout table their paragraphs are already lines, so they are
    kept as layout tables.
    """
    for tr in tbl.tr_lst:
        for tc in tr.tc_lst:
            for inner in tc.iterchildren(qn("w:tbl")):
                table = _read_table(inner, document, block, fonts)
                table.depth = depth
                layout = in_layout or is_layout_table(table)
                (page.layout_tables if layout else page.tables).append(table)
                _nested_tables(inner, document, block, fonts, page, layout, depth + 1)


def _cell_text(cell_: _Cell, fonts: DocxFonts, counter: ListCounter | None) -> str:
    """A cell's paragraphs joined by line breaks; an empty list paragraph shows its Word
    number ("1."), as in a TT column numbered by Word itself."""
    texts = []
    for p in cell_.paragraphs:
        text = fonts.text(p) if fonts.legacy else p.text
        label = counter.label(p._p) if counter is not None else ""
        texts.append(text if text.strip() or not label else label)
    return "\n".join(texts)


def _read_table(tbl, document, block: int, fonts: DocxFonts, counter: ListCounter | None = None) -> Table:  # type: ignore[no-untyped-def]
    """Grid of cells with spans; a ``vMerge`` continuation repeats its top cell's text."""
    rows: list[list[Cell]] = []
    open_merges: dict[int, Cell] = {}
    n_cols = 0
    for r, tr in enumerate(tbl.tr_lst):
        col = tr.grid_before
        row: list[Cell] = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            cell_ = _Cell(tc, document)
            text = _cell_text(cell_, fonts, counter)
            merge = tc.vMerge
            if merge is not None and merge != "restart" and col in open_merges:
                top = open_merges[col]
                top.row_span += 1
                cell = Cell(text=top.text, row=r, col=col, col_span=span, merged_from_above=True)
            else:
                cell = Cell(text=text, row=r, col=col, col_span=span)
                if merge == "restart":
                    open_merges[col] = cell
                else:
                    open_merges.pop(col, None)
            row.append(cell)
            col += span
        n_cols = max(n_cols, col)
        rows.append(row)
    return Table(rows=rows, n_cols=n_cols, block=block)
