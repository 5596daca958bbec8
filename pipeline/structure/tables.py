"""A document's tables as whole tables: page fragments stitched, header rows counted, kind given.

:func:`document_tables` is the entry point (``Document`` in, ``DocumentTable``
list out); it feeds the ``tables`` and ``table_cells`` datasets. Every table
the readers found is kept, whatever it holds.

A PDF table that runs over several pages arrives as one fragment per page. A
fragment continues the previous page's table (:func:`continues`) when

1. it is on the next page, is the first table there, and the other is the last
   table of its page;
2. no text stands between them: no line below the earlier fragment except
   footnotes (from a line "1 Mỗi đơn vị …" to the page end) and lines in the
   page's footer band (bottom :data:`FOOTER_BAND` of the page) and no line
   above the later one except in the header band (top :data:`HEADER_BAND`), page
   numbers and running heads (a line repeated on the other page, digits aside)
   aside;
3. the later fragment repeats the table's header (the same text in each
   column, up to a slip: :func:`same_header`; the rows are dropped from the
   stitched grid), or it has no header
   and the same width (left and right edges within :data:`EDGE_TOLERANCE`
   points). The grids may differ by a ruling line or two (a column split on one
   page): the stitched table is as wide as its widest fragment.

Layout tables (``Page.layout_tables``: header and signature blocks the reader
read as lines) are kept as tables of kind ``layout`` and never joined. In
formats without pages (DOCX, HTML, Markdown, spreadsheets) tables are never
joined, except two adjacent blocks where the second repeats the first's header
(a text export that kept one fragment per printed page).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from pipeline.model import Cell, Document, Line, Table
from pipeline.model.tables import DocumentTable
from pipeline.structure.table_kind import header_cells, header_rows, table_kind

#: Share of the page height at its top (running header) and bottom (footer,
#: footnotes are not allowed) where a line does not break a table's continuation.
HEADER_BAND = 0.08
FOOTER_BAND = 0.08
#: Points two fragments' left and right edges may differ by and still be one table.
EDGE_TOLERANCE = 6.0
#: Similarity (rapidfuzz ratio, %) from which a header cell repeats another one.
HEADER_SIMILARITY = 90

#: A page number line: "12", "- 12 -", "Trang 12".
_PAGE_NUMBER = re.compile(r"^\W*(trang\s*)?\d{1,4}\W*$", re.IGNORECASE)
#: The first line of a footnote: its reference number, a space, the note ("1 Mỗi đơn vị …");
#: a numbered paragraph of the body has a full stop or a bracket after its number.
_FOOTNOTE = re.compile(r"^\d{1,3}\s+[^\W\d]")


def document_tables(document: Document) -> list[DocumentTable]:
    """Every table of ``document`` in document order, fragments stitched, kinds set."""
    groups: list[list[Table]] = []
    layouts: set[int] = set()
    for page in document.pages:
        tables = [(t, False) for t in page.tables] + [(t, True) for t in page.layout_tables]
        for table, layout in sorted(tables, key=lambda item: (item[0].block, item[0].depth)):
            if not table.rows:
                continue
            if layout:
                layouts.add(len(groups))
                groups.append([table])
            elif groups and len(groups) - 1 not in layouts and continues(document, groups[-1][-1], table, groups[-1][0]):
                groups[-1].append(table)
            else:
                groups.append([table])
    return [build(index, fragments, index in layouts) for index, fragments in enumerate(groups)]


def kind_of_fragments(tables: list[DocumentTable]) -> dict[int, str]:
    """``{id(fragment): kind}`` for every reader fragment of ``tables``.

    A continuation page without its header cannot be classified alone; this
    gives it the kind of the whole table it belongs to, so a caller holding the
    reader's fragments (``Document.tables()``) keeps only task tables:
    ``kinds = kind_of_fragments(decision.tables)``, then ``kinds[id(t)] == "task"``.
    """
    return {id(fragment): table.kind for table in tables for fragment in table.fragments}


def build(index: int, fragments: list[Table], layout: bool = False) -> DocumentTable:
    """One :class:`DocumentTable` from its fragments (the first holds the header).

    ``layout`` marks a borderless layout table the reader read as lines (kind ``layout``).
    """
    first = fragments[0]
    n_head = header_rows(first.rows)
    head = header_cells(first.rows[:n_head])
    rows: list[list[Cell]] = []
    for k, fragment in enumerate(fragments):
        skip = _repeated_header(fragment, n_head, head) if k else 0
        for row in fragment.rows[skip:]:
            r = len(rows)
            rows.append([replace(c, row=r, page=c.page if c.page is not None else fragment.page) for c in row])
    pages = [f.page for f in fragments if f.page is not None]
    table = DocumentTable(
        index=index, fragments=fragments, rows=rows, n_cols=max(f.n_cols for f in fragments),
        header_rows=n_head, page_start=min(pages) if pages else None, page_end=max(pages) if pages else None,
        block=first.block, name=first.name, depth=first.depth, layout=layout,
    )
    table.kind = table_kind(table)  # type: ignore[assignment]
    return table


def continues(document: Document, prev: Table, table: Table, first: Table) -> bool:
    """``table`` continues the table whose last fragment is ``prev`` and first fragment ``first``."""
    n_head = header_rows(first.rows)
    own = header_rows(table.rows)
    repeats = _repeated_header(table, n_head, header_cells(first.rows[:n_head])) > 0
    if prev.page is None or table.page is None:
        return document.paged is False and repeats and table.block == prev.block + 1 and table.n_cols == prev.n_cols
    if table.page != prev.page + 1 or not _last_on_page(document, prev) or not _first_on_page(document, table):
        return False
    if not _nothing_between(document, prev, table):
        return False
    return repeats or (own == 0 and _same_edges(prev, table))


def _repeated_header(fragment: Table, n_head: int, head: list[str]) -> int:
    """Rows at the top of ``fragment`` that repeat the table's header (``n_head`` rows reading ``head``); 0 if none.

    The first fragment's row count is tried first, so a body row split over the
    page break under the repeated header is not taken for more header.
    """
    if not n_head:
        return 0
    if same_header(header_cells(fragment.rows[:n_head]), head):
        return n_head
    own = header_rows(fragment.rows)
    return own if own and same_header(header_cells(fragment.rows[:own]), head) else 0


def same_header(cells: list[str], head: list[str]) -> bool:
    """``cells`` repeat ``head`` (folded header texts per column): as many columns, each the
    same text up to a typing or OCR slip (similarity ≥ :data:`HEADER_SIMILARITY` %: "cách
    thực thực hiện" on one page, "cách thức thực hiện" on the next)."""
    return len(cells) == len(head) and all(
        a == b or fuzz.ratio(a, b) >= HEADER_SIMILARITY for a, b in zip(cells, head)
    )


def _page(document: Document, number: int):  # type: ignore[no-untyped-def]
    return next((p for p in document.pages if p.number == number), None)


def _last_on_page(document: Document, table: Table) -> bool:
    page = _page(document, table.page or 0)
    return page is not None and all(t.block <= table.block for t in page.tables if t.rows)


def _first_on_page(document: Document, table: Table) -> bool:
    page = _page(document, table.page or 0)
    return page is not None and all(t.block >= table.block for t in page.tables if t.rows)


def _nothing_between(document: Document, prev: Table, table: Table) -> bool:
    """No body line below ``prev`` on its page nor above ``table`` on its page.

    Lines in the footer or header band, page numbers and running heads or feet
    (the same text, digits aside, on the other page: "CÔNG BÁO/Số 242/Ngày …")
    do not count.
    """
    before, after = _page(document, prev.page or 0), _page(document, table.page or 0)
    if before is None or after is None or prev.bbox is None or table.bbox is None:
        return False
    below = _without_footnotes([ln for ln in before.lines if _top(ln) >= prev.bbox[3] - 1])
    above = [ln for ln in after.lines if _bottom(ln) <= table.bbox[1] + 1]
    footer = before.height * (1 - FOOTER_BAND) if before.height else None
    header = after.height * HEADER_BAND if after.height else None
    feet, heads = _keys(after.lines), _keys(before.lines)
    return all(
        _ignorable(ln, footer is not None and _top(ln) >= footer, feet) for ln in below
    ) and all(_ignorable(ln, header is not None and _bottom(ln) <= header, heads) for ln in above)


def _without_footnotes(below: list[Line]) -> list[Line]:
    """Lines under a fragment up to the first footnote ("1 Mỗi đơn vị tính …"): the rest of the page is notes."""
    for i, line in enumerate(below):
        if _FOOTNOTE.match(line.text.strip()):
            return below[:i]
    return below


def _key(text: str) -> str:
    """A line's text without digits and spaces, case-folded: running heads differ only by numbers."""
    return re.sub(r"[\d\s]+", "", text).casefold()


def _keys(lines: list[Line]) -> set[str]:
    return {_key(ln.text) for ln in lines if ln.text.strip()}


def _ignorable(line: Line, in_band: bool, other_page: set[str]) -> bool:
    text = line.text.strip()
    return not text or in_band or bool(_PAGE_NUMBER.match(text)) or _key(text) in other_page


def _top(line: Line) -> float:
    return line.bbox[1] if line.bbox else float("inf")


def _bottom(line: Line) -> float:
    return line.bbox[3] if line.bbox else float("inf")


def _same_edges(prev: Table, table: Table) -> bool:
    if prev.bbox is None or table.bbox is None:
        return False
    return abs(prev.bbox[0] - table.bbox[0]) <= EDGE_TOLERANCE and abs(prev.bbox[2] - table.bbox[2]) <= EDGE_TOLERANCE
