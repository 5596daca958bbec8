"""Task-table columns (cột của bảng nhiệm vụ): which grid column holds which task field.

A header (hàng tiêu đề) may sit anywhere in the first rows of a table and run over
two or three grid rows ("Cơ quan" above "chủ trì" | "phối hợp"); a column-number
row ("(1) (2) (3)", "1 2 3") may follow it. :func:`find_header` tries each start
row and depth and keeps the reading that maps the most columns. Column meaning
comes from :data:`pipeline.structure.patterns.COLUMN_HEADERS` (issue 11 item 3).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pipeline.model import Cell
from pipeline.model.task_columns import TASK_COLUMNS
from pipeline.structure import patterns as P
from pipeline.text import fold, normalize

#: Rows searched for the start of a header, and the deepest header (grid rows).
HEADER_SEARCH_ROWS = 5
HEADER_MAX_DEPTH = 3
#: Longest header cell (characters): a longer text is a body cell mentioning "chủ trì".
HEADER_CELL_MAX = 140
#: Fields that several columns may share (their texts are joined in column order), from the registry.
SHARED_FIELDS = frozenset(c.field for c in TASK_COLUMNS if c.shared)


@dataclass(slots=True)
class Header:
    """A task table's header: ``mapping`` grid column → field, ``rows`` grid rows it covers
    (header rows and the column-number row under them), counted from the table's first row."""

    mapping: dict[int, str]
    rows: int

    @property
    def fields(self) -> frozenset[str]:
        """The fields the header maps (``{"ordinal", "task", "lead", …}``)."""
        return frozenset(self.mapping.values())


def column_texts(rows: list[list[Cell]], n_cols: int) -> list[str]:
    """Per grid column, the texts of ``rows`` stacked top to bottom (a cell spanning
    columns counts for each; a vertically merged copy or a repeat is not added twice)."""
    out: list[list[str]] = [[] for _ in range(n_cols)]
    for row in rows:
        for cell in row:
            text = normalize(cell.text).strip()
            if not text or cell.merged_from_above:
                continue
            for col in range(cell.col, min(cell.col + cell.col_span, n_cols)):
                if not out[col] or out[col][-1] != text:
                    out[col].append(text)
    return [" ".join(parts) for parts in out]


def field_of(text: str) -> str | None:
    """The task field a header cell's text names, or ``None``."""
    key = fold(text).replace("\n", " ").strip()
    if not key or len(key) > HEADER_CELL_MAX:
        return None
    for name, cues in P.COLUMN_HEADERS:
        if name == "ordinal":
            bare = key.rstrip(".:")
            if bare in cues or _wrapped_cue(bare, cues) or (bare.startswith("thứ tự") and len(bare) < 20):
                return name
            continue
        if any(cue in key for cue in cues):
            return name
    plain = _plain(key)  # a header typed without some accents ("Điều, khoan, điểm")
    for name, cues in P.COLUMN_HEADERS:
        if name != "ordinal" and any(len(cue) > 6 and _plain(cue) in plain for cue in cues):
            return name
    return None


def _wrapped_cue(key: str, cues) -> bool:  # type: ignore[no-untyped-def]
    """True when ``key`` is a short cue broken inside a word: the "STT" of a narrow ordinal
    column wraps to "ST" / "T" in print, read "st t" (compared without blanks, ≤ 6 letters)."""
    bare = "".join(key.split())
    return bare != key and len(bare) <= 6 and any("".join(c.split()) == bare for c in cues)


def _plain(text: str) -> str:
    """``text`` without diacritics ("điều, khoản" → "dieu, khoan")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def map_columns(texts: list[str]) -> dict[int, str]:
    """Grid column → field from per-column header texts; ``{}`` unless it reads as a task header.

    A task header names a task column (Nhiệm vụ / Nội dung / Công việc …) and at
    least one column saying who or when (chủ trì, phối hợp, thực hiện, thời gian …).
    Only :data:`SHARED_FIELDS` may be named by several columns. Whether the table
    is a task table at all is decided once, on the whole stitched table, by
    :func:`pipeline.structure.table_kind.table_kind`.
    """
    mapping: dict[int, str] = {}
    for col, text in enumerate(texts):
        name = field_of(text)
        if name is None or (name in mapping.values() and name not in SHARED_FIELDS):
            continue
        mapping[col] = name
    names = set(mapping.values())
    who_or_when = names & {"lead", "coordinate", "assignment", "deadline", "monitor"}
    return mapping if "task" in names and who_or_when and len(names) >= 3 else {}


def is_column_number_row(row: list[Cell]) -> bool:
    """A row numbering the columns: every non-empty cell "(1)", "2", "A", "4=3/2"; at least two."""
    texts = [normalize(c.text).strip() for c in row if not c.merged_from_above]
    filled = [t for t in texts if t]
    return len(filled) >= 2 and all(P.COLUMN_NUMBER_CELL.match(t) for t in filled)


def find_header(rows: list[list[Cell]], n_cols: int) -> Header | None:
    """The task header in the first rows of a table fragment, or ``None``.

    For each start row (at most :data:`HEADER_SEARCH_ROWS`), grid rows are stacked
    one to :data:`HEADER_MAX_DEPTH` deep; the deepest stack that maps more columns
    wins. Rows above the header (a title row) and a column-number row below it are
    included in ``Header.rows``.
    """
    for start in range(min(HEADER_SEARCH_ROWS, len(rows))):
        best: tuple[dict[int, str], int] | None = None
        if _looks_like_body(rows[start]):
            continue
        for depth in range(1, HEADER_MAX_DEPTH + 1):
            if start + depth > len(rows):
                break
            if depth > 1 and _looks_like_body(rows[start + depth - 1]):
                break
            mapping = map_columns(column_texts(rows[start:start + depth], n_cols))
            if mapping and (best is None or len(mapping) > len(best[0])):
                best = (mapping, depth)
        if best:
            end = start + best[1]
            while end < len(rows) and (is_column_number_row(rows[end]) or _is_blank(rows[end])):
                end += 1
            return Header(best[0], end)
    return None


def _is_blank(row: list[Cell]) -> bool:
    return not any(normalize(c.text).strip() for c in row)


def _looks_like_body(row: list[Cell]) -> bool:
    """A row that starts the body: an ordinal or section mark in its first cell."""
    first = next((normalize(c.text).strip() for c in row if not c.merged_from_above), "")
    return bool(first) and (bool(P.ORDINAL.match(first)) or bool(P.SECTION_MARK.match(first)))
