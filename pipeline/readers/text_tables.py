"""Tables written as text: tab-separated rows and GitHub-style pipe tables.

A tab-separated run (each row ``≥ 3`` cells) is how exports flatten a Word table,
one line per row, HTML markup (``<p>``, ``<li>``, ``<b>``) kept inside cells and
paragraph breaks without markup shown as two or more spaces; both become ``"\\n"``
in :attr:`Cell.text`. A row whose only text is in its first cell (a group heading
such as ``<b>II CẢI CÁCH THỦ TỤC HÀNH CHÍNH</b>``, exported without the span it had)
becomes one cell spanning the row. Cell ``offset`` is the character offset of the
cell's text in the decoded source.
"""

from __future__ import annotations

import re

from pipeline.model import Cell, Table
from pipeline.readers.markup import fragment_paragraphs

#: The line under a pipe table's header: ``|---|:---:|``.
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PARAGRAPH_GAP = re.compile(r"\s{2,}")
_HAS_MARKUP = re.compile(r"<\s*/?\s*(p|li|ul|ol|br|b|strong|i|em|div|span)\b", re.I)


def is_tab_row(line: str) -> bool:
    """A line that is a table row flattened with tabs (three cells or more)."""
    return line.count("\t") >= 2 and bool(line.strip())


def split_cells(line: str) -> list[tuple[int, str]]:
    """Non-empty cells of a line split on ``|`` (else on tabs): ``(offset in line, text)``."""
    sep = "|" if "|" in line else "\t"
    out: list[tuple[int, str]] = []
    pos = 0
    for part in line.split(sep):
        stripped = part.strip()
        if stripped:
            out.append((pos + len(part) - len(part.lstrip()), stripped))
        pos += len(part) + 1
    return out


def cell_text(raw: str) -> str:
    """Shown text of one flattened cell, paragraphs joined with ``"\\n"``."""
    if _HAS_MARKUP.search(raw):
        return "\n".join(p.text for p in fragment_paragraphs(raw))
    return "\n".join(part for part in _PARAGRAPH_GAP.split(raw.strip()) if part)


def tab_table(rows: list[tuple[int, str]], block: int) -> Table:
    """A :class:`Table` from ``(offset, line)`` rows of tab-separated cells."""
    split = [(offset, line.split("\t")) for offset, line in rows]
    n_cols = max(len(cells) for _, cells in split)
    grid: list[list[Cell]] = []
    for r, (offset, cells) in enumerate(split):
        starts = _starts(cells, offset)
        texts = [cell_text(c) for c in cells]
        if n_cols > 1 and texts[0] and not any(texts[1:]):
            grid.append([Cell(text=texts[0], row=r, col=0, col_span=n_cols, offset=starts[0])])
            continue
        grid.append(
            [Cell(text=texts[c] if c < len(texts) else "", row=r, col=c,
                  offset=starts[c] if c < len(starts) else None) for c in range(n_cols)]
        )
    return Table(rows=grid, n_cols=n_cols, block=block)


def _starts(cells: list[str], offset: int) -> list[int]:
    """Offsets of each cell's first non-blank character, given the row's offset."""
    out, pos = [], offset
    for cell in cells:
        out.append(pos + len(cell) - len(cell.lstrip()))
        pos += len(cell) + 1
    return out


def pipe_table(rows: list[tuple[int, str]], block: int) -> Table:
    """A :class:`Table` from a pipe table: header row, separator row, body rows."""
    grid: list[list[Cell]] = []
    body = [rows[0]] + rows[2:]
    parsed = []
    for offset, line in body:
        inner = line.strip()
        lead = len(line) - len(line.lstrip()) + (1 if inner.startswith("|") else 0)
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
        parsed.append((offset + lead, re.split(r"(?<!\\)\|", inner)))
    n_cols = max(len(cells) for _, cells in parsed)
    for r, (offset, cells) in enumerate(parsed):
        starts = _starts(cells, offset)
        grid.append(
            [Cell(text=cell_text(cells[c].replace("\\|", "|")) if c < len(cells) else "", row=r, col=c,
                  offset=starts[c] if c < len(cells) else None) for c in range(n_cols)]
        )
    return Table(rows=grid, n_cols=n_cols, block=block)


def html_table(rows: list[tuple[int, str]], block: int) -> Table:
    """A :class:`Table` from an HTML ``<table>`` block inside Markdown (first table only)."""
    import lxml.html

    from pipeline.readers.html import read_grid, table_rows

    markup = "\n".join(line for _, line in rows)
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    table = root.find(".//table")
    if table is None:
        return Table(rows=[], n_cols=0, block=block)
    grid = read_grid(table, block)
    for row, tr in zip(grid.rows, table_rows(table)):
        line = min(max((tr.sourceline or 1) - 1, 0), len(rows) - 1)
        for cell in row:
            cell.offset = rows[line][0]  # the row's source line
    return grid


# --- Tables flattened to bar lines (thuvienphapluat pages converted to Markdown) ---------

#: A line holding only a bar: the cell separator of a flattened table.
BAR_LINE = re.compile(r"^\s*\|\s*$")
#: A cell that opens a table row: a TT ("1", "1.", "a)", "-"), a section mark ("I", "A"), "Bước 2".
_ROW_START = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}[.)]?|[a-zđ][.)]|[IVX]{1,5}\.?|[A-DĐ]\.?|[-+•]|Bước\s+\d+)$")


def bar_table_blocks(rows: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines that start with a bar line and hold at least four bar lines.

    A page converted from HTML writes each cell's text between lines holding only
    ``|``; an extra ``|`` line ends a row (issue 11: Markdown exports whose spans were lost).
    """
    blocks: list[list[tuple[int, str]]] = []
    i = 0
    while i < len(rows):
        if BAR_LINE.match(rows[i][1]) and (i == 0 or not rows[i - 1][1].strip()):
            j = i
            while j < len(rows) and rows[j][1].strip():
                j += 1
            if sum(1 for _, line in rows[i:j] if BAR_LINE.match(line)) >= 4:
                blocks.append(rows[i:j])
            i = j
        else:
            i += 1
    return blocks


#: The first header cell of a task or list table ("TT", "STT", "Số TT"): a flattened page
#: glues it to the cell before it, so it opens a new table.
_TABLE_OPENER = re.compile(r"^(?:S[ốo]\s+)?S?TT\.?$", re.IGNORECASE)
#: A cell of dots only: the portal elided rows there ("….........."); it ends the row.
_ELISION = re.compile(r"^[.…·\s]{3,}$")
#: Emphasis markers left at a cell's ends by a line break inside them ("* II").
_STRAY_EMPHASIS = re.compile(r"^[*_]+\s*|\s*[*_]+$")


def bar_tables(rows: list[tuple[int, str]], block: int, shown) -> list[Table]:
    """The tables of one bar-line block; ``shown`` maps source rows to shown lines.

    Cells are the texts between bar lines; an empty text between two bar lines ends
    the row, unless the row is still short of its table's width and the next text
    does not open a row (then it is an empty cell). A "TT"/"STT" cell opens a new table.
    """
    parts: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for offset, line in rows[1:]:
        if BAR_LINE.match(line):
            parts.append(current)
            current = []
        else:
            current.append((offset, line))
    if current:
        parts.append(current)
    texts = []
    for part in parts:
        text = "\n".join(_STRAY_EMPHASIS.sub("", ln.text) for ln in shown(part) if ln.text).strip()
        texts.append((text, part[0][0] if part else None))
    tables: list[list[list[tuple[str, int | None]]]] = [[]]
    row: list[tuple[str, int | None]] = []
    width = 0
    for k, (text, offset) in enumerate(texts):
        if text and _TABLE_OPENER.match(text) and (row or tables[-1]):
            if row:
                tables[-1].append(row)
            tables.append([])
            row, width = [], 0
        if text and _ELISION.match(text):
            if row:
                tables[-1].append(row)
                width = width or len(row)
            row = []
            continue
        if text:
            row.append((text, offset))
            continue
        following = next((t for t, _ in texts[k + 1:k + 2]), "")
        if not width or not row or len(row) >= width or not following or _ROW_START.match(following):
            if row:
                tables[-1].append(row)
                width = width or len(row)
            row = []
        else:
            row.append(("", offset))
    if row:
        tables[-1].append(row)
    return [_grid(rows_, block) for rows_ in tables if rows_]


def _grid(rows: list[list[tuple[str, int | None]]], block: int) -> Table:
    """Cells on a grid; a short row (section "I | title") spans the remaining columns."""
    n_cols = max(len(r) for r in rows)
    out = [[Cell(text=t, row=r, col=c, offset=o) for c, (t, o) in enumerate(cells)] for r, cells in enumerate(rows)]
    for cells in out:
        if cells and len(cells) < n_cols:
            cells[-1].col_span = n_cols - cells[-1].col
    return Table(rows=out, n_cols=n_cols, block=block)
