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
