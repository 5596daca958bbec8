"""Reader for HTML exports of decisions (Word saved as a web page, legal-document sites).

Parsing is lxml's (``lxml.html``, libxml2's forgiving HTML parser), which honours
the page's ``<meta charset>``. Body order is kept: each paragraph-level element
(``<p>``, headings, ``<li>``, ``<pre>``, text directly inside a ``<div>``) gives
:class:`~pipeline.model.Line` objects, one per ``<br>``-separated piece, all in
one ``block``; each top-level ``<table>`` is one block. As in the DOCX reader, a
two-column table of at most four rows is a layout table (issuer | motto,
recipients | signature) read as lines tagged with their column, and so is a
paragraph laid out in two pieces with a tab or a run of blanks (Word files
saved as HTML keep that spacing in the source); other tables
become :class:`~pipeline.model.Table` grids in which ``colspan`` gives
``col_span`` and ``rowspan`` gives ``row_span`` on the top cell plus a
``merged_from_above`` copy in each row below. HTML has no pages: ``page`` and
``bbox`` are ``None``.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml.etree import _Element

from pipeline.model import Cell, Document, Line, Note, Page, Table
from pipeline.readers.html_styles import apply_sheet_fonts
from pipeline.readers.layout import LAYOUT_MAX_ROWS, is_layout_table, split_layout_line
from pipeline.readers.markup import BLOCK_TAGS, HIDDEN_TAGS, Paragraph, cell_text, fold_spaces, paragraphs

#: Elements whose content is one paragraph (``<br>`` still breaks lines).
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dt", "dd", "caption"})


#: libxml2 stops at a text node over 10 MB (an inline ``data:`` image, one huge paragraph) and
#: silently drops the rest of the page unless ``huge_tree`` is set. The HTML parser expands no
#: DTD entities and fetches nothing, so lifting the limit opens no entity bomb or network access.
_PARSER = lxml.html.HTMLParser(huge_tree=True, no_network=True)


#: A run of this many characters without a blank is embedded data (base64), not text.
BLOB_CHARS = 20000
_BLOB = re.compile(r"\S{%d,}" % BLOB_CHARS)


def _drop_blobs(root: _Element) -> list[Note]:
    """Take runs of :data:`BLOB_CHARS`+ characters without a blank out of every text node; one warning each."""
    notes = []
    for el in root.iter():
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value and len(value) >= BLOB_CHARS and _BLOB.search(value):
                for blob in _BLOB.findall(value):
                    notes.append(Note("embedded_data_dropped", "text", f"a run of {len(blob):,} characters without a blank (embedded data?) left out"))
                setattr(el, attr, _BLOB.sub(" ", value))
    return notes


def read_html(path: Path, doc_id: str) -> Document:
    """Read an HTML file into a one-page, page-less :class:`Document`.

    Text nodes of any size are read (``huge_tree``); runs of characters without
    a blank longer than :data:`BLOB_CHARS` (inline data) are left out with a warning.

    Raises ``lxml.etree.ParserError`` for a file with no parsable content.
    """
    data = path.read_bytes()
    try:
        root = lxml.html.document_fromstring(data.decode("utf-8-sig"), parser=_PARSER)
    except (UnicodeDecodeError, ValueError):
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    apply_sheet_fonts(root)  # "p.western { font-family: .VnTime }": legacy text to decode
    body = root.find("body")
    page = Page(number=1, source_kind="html")
    page.warnings.extend(_drop_blobs(root))
    _Walker(page).walk(body if body is not None else root)
    return Document(doc_id=doc_id, source_file=path.name, source_format="html", pages=[page], paged=False)


class _Walker:
    """Emits lines and tables in document order, numbering blocks."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.block = 0

    def walk(self, el: _Element) -> None:
        """Visit a container: tables and paragraphs below it, stray text as paragraphs."""
        self._stray(el.text)
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if not tag or tag in HIDDEN_TAGS:
                pass
            elif tag == "table":
                self._table(child)
            elif tag in PARAGRAPH_TAGS or not _has_blocks(child):
                self._paragraph(paragraphs(child), style=_heading(tag))
            else:
                self.walk(child)
            self._stray(child.tail)

    def _stray(self, text: str | None) -> None:
        if text and text.strip():
            self._paragraph([Paragraph.of(text)])

    def _paragraph(self, paras: list[Paragraph], style: str | None = None, column: int = 0) -> None:
        if not paras:
            return
        for para in paras:
            raw = _SOURCE_WRAP.sub(" ", para.raw)
            pieces = split_layout_line(raw) or [raw]
            for k, piece in enumerate(pieces):
                self.page.lines.append(
                    Line(text=fold_spaces(piece), block=self.block, column=max(column, k), bold=para.bold,
                         italic=para.italic, style=style)
                )
        self.block += 1

    def _table(self, table: _Element) -> None:
        grid = read_grid(table, self.block)
        rows = table_rows(table)
        if _box(grid):
            # One cell of a page laid out with boxes (portal headers: issuer box floated left,
            # motto box floated right): its paragraphs are lines of the left or right column.
            column = 1 if _floats_right(table) else 0
            for para in paragraphs(table):
                self.page.lines.append(Line(text=para.text, block=self.block, column=column,
                                            bold=para.bold, italic=para.italic))
        elif is_layout_table(grid):
            for tr in rows:
                col = 0
                for td in _cells(tr):
                    for para in paragraphs(td):
                        self.page.lines.append(
                            Line(text=para.text, block=self.block, column=min(col, 1),
                                 bold=para.bold, italic=para.italic)
                        )
                    col += _span(td, "colspan")
            self.page.layout_tables.append(grid)
        elif grid.rows:
            self.page.tables.append(grid)
        self.block += 1


def _box(grid: Table) -> bool:
    """A one-column table of at most four rows: a layout box, not a data table."""
    return grid.n_cols == 1 and 0 < len(grid.rows) <= LAYOUT_MAX_ROWS


def _floats_right(table: _Element) -> bool:
    """``<table align="right">`` or ``float: right``: the right-hand box of a header."""
    style = (table.get("style") or "").replace(" ", "").lower()
    return (table.get("align") or "").lower() == "right" or "float:right" in style


#: A line break in the HTML source followed by indentation tabs: the exporter's
#: wrapping of long lines (one space), unlike blanks and tabs within a line.
_SOURCE_WRAP = re.compile(r"\r?\n\t*")


def _has_blocks(el: _Element) -> bool:
    """True when a block element or table sits anywhere below ``el``."""
    return any(
        isinstance(d.tag, str) and (d.tag.lower() in BLOCK_TAGS or d.tag.lower() in PARAGRAPH_TAGS)
        and d.tag.lower() != "br"
        for d in el.iterdescendants()
    )


def _heading(tag: str) -> str | None:
    return f"Heading {tag[1]}" if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else None


def table_rows(table: _Element) -> list[_Element]:
    """The table's own rows (not those of nested tables), header rows first as written."""
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _cells(tr: _Element) -> list[_Element]:
    return tr.xpath("./td | ./th")


def _span(td: _Element, name: str) -> int:
    try:
        return max(1, int((td.get(name) or "1").strip()))
    except ValueError:
        return 1


def read_grid(table: _Element, block: int) -> Table:
    """A :class:`Table` grid from an HTML ``<table>``, spans resolved.

    A cell covered by a ``rowspan`` from above is emitted in each lower row as a
    copy with ``merged_from_above=True`` (the DOCX ``vMerge`` convention).
    """
    grid: list[list[Cell]] = []
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (top cell, rows still covered)
    n_cols = 0
    for r, tr in enumerate(table_rows(table)):
        row: list[Cell] = []
        col = 0
        for td in _cells(tr):
            col = _fill_covered(row, pending, r, col, stop_at_free=True)
            cell = Cell(text=cell_text(td), row=r, col=col, col_span=_span(td, "colspan"),
                        row_span=_span(td, "rowspan"))
            row.append(cell)
            if cell.row_span > 1:
                pending[col] = (cell, cell.row_span - 1)
            col += cell.col_span
        col = _fill_covered(row, pending, r, col, stop_at_free=False)
        n_cols = max(n_cols, col)
        grid.append(row)
    return Table(rows=grid, n_cols=n_cols, block=block)


def _fill_covered(row: list[Cell], pending: dict[int, tuple[Cell, int]], r: int, col: int,
                  stop_at_free: bool) -> int:
    """Emit copies for columns covered from above, from ``col`` on; return the next free column.

    With ``stop_at_free`` only the covered columns right at ``col`` are filled
    (the next ``<td>`` goes after them); otherwise every remaining one is.
    """
    while True:
        starts = sorted(c for c in pending if c >= col)
        if not starts or (stop_at_free and starts[0] != col):
            return col
        start = starts[0]
        top, left = pending.pop(start)
        row.append(Cell(text=top.text, row=r, col=start, col_span=top.col_span, merged_from_above=True))
        if left > 1:
            pending[start] = (top, left - 1)
        col = start + top.col_span
