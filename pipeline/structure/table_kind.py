"""What a table holds (loại bảng), from its header cells and its body cells.

:func:`table_kind` returns one of:

* ``"layout"`` — a borderless table the reader laid out as lines (header block
  issuer | motto, recipients | signature), marked by the reader; or a small grid
  (at most 4 rows and 3 columns) holding the national motto, "Nơi nhận" or a
  signing instruction "(Ký, ghi rõ họ tên)" (a web export keeps the blocks as a
  table).
* ``"form"`` (biểu mẫu để trống) — a header over a body that is mostly blank:
  fewer than 20 % of the body cells filled, or most filled cells are dotted
  leaders ("……", "....") to write on.
* ``"task"`` (bảng nhiệm vụ: who does what by when) — the body is not mostly
  numbers and the header either names the work (Nhiệm vụ, Nội dung công việc, Tên
  nhiệm vụ, Hoạt động, Nội dung, Văn bản cần sửa đổi …) and who does it (Chủ trì,
  Cơ quan/Đơn vị thực hiện, Trách nhiệm, Phân công, Phối hợp, a cell "Thực hiện"
  or "Đơn vị") or by when (Tiến độ, Thời gian, Thời hạn); or has three or more
  columns, one naming who leads each row (Chủ trì, Phân công, Trách nhiệm thực
  hiện), and no measures (Chỉ tiêu, Số
  liệu, Đơn vị tính, Mục tiêu: an indicator table with a "Cơ quan chủ trì, theo
  dõi" column is statistics); or it is a procedure table whose rows are steps
  ("Bước 1 …") under a header naming who is responsible or the time. Never when
  a header cell belongs to another kind of table (mã thủ tục, lệ phí, đơn vị
  tính, số lượng, tỷ lệ, họ và tên, model, đơn giá …) or two header cells count
  something ("Số lao động", "Số doanh nghiệp").
* ``"ranking"`` (xếp hạng) — a header column Xếp hạng, Thứ hạng, Xếp loại or "Hạng".
* ``"statistics"`` (số liệu thống kê) — statistics vocabulary in the header (Chỉ
  tiêu, Số liệu, Đơn vị tính, Thống kê, Tỷ lệ, Số lượng, Ước TH, So sánh …), or at
  least 40 % of the filled body cells (the ordinal column aside) are numbers.
* ``"list"`` (danh sách, danh mục) — list vocabulary in the header (Họ và tên,
  Chức vụ, Thành viên, Tên thủ tục, Lĩnh vực, Danh mục, Tên …), or an ordinal
  column over rows of text.
* ``"other"`` — anything else: a frame around text (no header, most rows hold
  at most one filled cell: a one-column table, text boxes the PDF draws as
  rectangles), a grid without header or vocabulary.

The frame rule is tried first, then the others in the order above; the first
that holds wins. Without a recognised header (a continuation page that was
not stitched, a grid of prose) no vocabulary is read: the body alone decides
between statistics, list and other. Only ``"task"``
tables should feed the ``tasks`` dataset. Header rows are found by
:func:`header_rows`; vocabulary lives in :mod:`pipeline.structure.table_vocab`.
"""

from __future__ import annotations

from typing import Protocol

from pipeline.model import Cell
from pipeline.structure import table_vocab as V
from pipeline.text import fold

#: How many leading rows may hold titles and the header.
HEADER_SEARCH_ROWS = 8
#: A header cell longer than this (characters) is body text, not a column name.
HEADER_CELL_MAX = 120
#: A lower-case piece longer than this (characters) is a line of body text, not the
#: rest of a header cell split over two rows ("chủ trì", "cần sửa đổi, bổ sung").
HEADER_PIECE_MAX = 32
#: Body share of numeric cells from which a table without vocabulary is statistics.
NUMERIC_SHARE = 0.4
#: Body share of filled cells below which a table with a header is a blank form.
FORM_FILLED_SHARE = 0.2

#: Whole header cells that name who is responsible on their own.
_RESPONSIBLE_CELLS = frozenset({"thực hiện", "đơn vị", "cơ quan", "cơ quan, đơn vị", "đơn vị, cơ quan"})


class Tabular(Protocol):
    """Anything with a grid of cells: a reader's ``Table`` or a stitched ``DocumentTable``."""

    rows: list[list[Cell]]


def table_kind(table: Tabular) -> str:
    """Kind of ``table``: task, statistics, ranking, list, form, layout or other (rules in the module docstring)."""
    if getattr(table, "layout", False):
        return "layout"
    rows = [row for row in table.rows if row]
    if not rows:
        return "other"
    if _layout_block(rows):
        return "layout"
    n_head = header_rows(rows)
    if not n_head and _text_frame(rows):
        return "other"
    head = header_cells(rows[:n_head] if n_head else rows[:1])
    body = rows[n_head:] if n_head else rows[1:]
    ordinal_col = _ordinal_column(head, body)
    values = _body_values(body, ordinal_col)
    if n_head and body and _blank_form(values):
        return "form"
    numeric = _numeric_share(values)
    if not n_head:
        return _headless_kind(values, numeric, ordinal_col, body)
    joined = " | ".join(head)
    if _task_table(head, body, numeric):
        return "task"
    if V.cue_in(V.RANKING_CORE, joined) or "hạng" in head:
        return "ranking"
    if V.cue_in(V.STATISTICS_HEADS, joined):
        return "statistics"
    if V.cue_in(V.LIST_HEADS, joined):
        return "list"
    return _headless_kind(values, numeric, ordinal_col, body)


def _task_table(head: list[str], body: list[list[Cell]], numeric: float) -> bool:
    """The header and body of a task table (rules in the module docstring); never with a
    header cell of another kind of table (:data:`~pipeline.structure.table_vocab.NOT_TASK_CELLS`,
    two counting cells :data:`~pipeline.structure.table_vocab.COUNT_CELL`)."""
    if any(cue in text for text in head for cue in V.NOT_TASK_CELLS):
        return False
    if sum(1 for text in head if V.COUNT_CELL.match(text)) >= 2:
        return False
    joined = " | ".join(head)
    if _task_header(head) and numeric < 0.5:
        return True
    if len(head) >= 3 and V.cue_in(V.LEAD_HEADS, joined) and not V.cue_in(V.MEASURE_HEADS, joined) and numeric < 0.3:
        return True
    return _step_rows(body) and bool(V.cue_in(V.RESPONSIBLE_HEADS, joined) or V.cue_in(V.DEADLINE_HEADS, joined))


def _headless_kind(values: list[str], numeric: float, ordinal_col: int | None, body: list[list[Cell]]) -> str:
    """Kind from the body alone: mostly numbers → statistics; an ordinal column over text rows → list."""
    if values and numeric >= NUMERIC_SHARE:
        return "statistics"
    if ordinal_col is not None and len(body) >= 2 and max(len(row) for row in body) >= 2:
        return "list"
    return "other"


def header_rows(rows: list[list[Cell]]) -> int:
    """How many leading rows form the header: title rows, header rows, a column-number row.

    The first header row has at least two filled cells, each short, none a plain
    number and each starting with a capital, a digit or a bracket (column names
    are capitalised; lines of wrapped prose are not); more than half of them are
    header vocabulary (:data:`~pipeline.structure.table_vocab.ALL_HEADS`), or, in
    the first row holding more than one cell, all cells are filled and one is
    vocabulary. Rows under it are header rows too when they hold vocabulary the
    same way or continue the header cells in lower case (a PDF splits a header
    cell "Cơ quan chủ / trì" over two rows). Empty rows and single-cell title
    rows above the header count with it, and so does a column-number row ("(1)
    (2) (3)", "1 2 3", "4=3/2") right under it. 0 when none of the first
    :data:`HEADER_SEARCH_ROWS` rows starts a header.
    """
    last = -1
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        raw = [c.text.strip() for c in row if c.text.strip()]
        texts = [fold(t) for t in raw]
        if last < 0:
            full = len(raw) == len(row) and all(sum(1 for c in r if c.text.strip()) <= 1 for r in rows[:i])
            if _is_header_row(texts, full) and all(_capitalised(t) for t in raw):
                last = i
            elif len(raw) > 1:
                break
        elif _is_header_row(texts, False) or _continues_header(
            [c.text.strip() for c in row if c.text.strip() and not c.merged_from_above]
        ):
            last = i
        else:
            if _is_column_numbers(texts):
                last = i
            break
    return last + 1


def header_cells(rows: list[list[Cell]]) -> list[str]:
    """Folded header text of each grid column (its header rows' cells joined), each distinct text once.

    A header cell split over two rows ("Cơ quan chủ" / "trì soạn thảo") reads as
    one column name; a cell merged down is read once.
    """
    columns: dict[int, list[str]] = {}
    for row in rows:
        for cell in row:
            text = fold(cell.text)
            if text and not cell.merged_from_above:
                columns.setdefault(cell.col, []).append(text)
    return list(dict.fromkeys(" ".join(columns[col]) for col in sorted(columns)))


def _is_header_row(texts: list[str], first_full: bool) -> bool:
    """``texts``: the row's filled cells (folded); ``first_full``: the first grid-like row, every cell filled."""
    if len(texts) < 2:
        return False
    if any(len(t) > HEADER_CELL_MAX or V.NUMBER_CELL.match(t) for t in texts):
        return False
    hits = sum(1 for t in texts if t.rstrip(".") in V.ORDINAL_HEADS or V.cue_in(V.ALL_HEADS, t))
    return 2 * hits > len(texts) or (first_full and hits >= 1)


def _capitalised(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "([\"“'"


def _continues_header(raw: list[str]) -> bool:
    """Short lower-case pieces, no numbers: the rest of header cells split over two rows."""
    return bool(raw) and all(
        t[:1].islower() and len(t) <= HEADER_PIECE_MAX and not V.NUMBER_CELL.match(t) for t in raw
    )


def _layout_block(rows: list[list[Cell]]) -> bool:
    """A small grid holding the national motto, "Nơi nhận" or a signing instruction: a layout block."""
    if len(rows) > V.LAYOUT_MAX_ROWS or max(len(row) for row in rows) > V.LAYOUT_MAX_COLS:
        return False
    return any(V.LAYOUT_CELL.search(fold(c.text)) for row in rows for c in row)


def _text_frame(rows: list[list[Cell]]) -> bool:
    """Most rows (80 %) hold at most one filled cell: text in a frame, not a grid."""
    single = sum(1 for row in rows if sum(1 for c in row if c.text.strip()) <= 1)
    return single >= 0.8 * len(rows)


def _is_column_numbers(texts: list[str]) -> bool:
    return len(texts) >= 2 and all(V.COLUMN_NUMBER.match(t.upper()) for t in texts)


def _ordinal_column(head: list[str], body: list[list[Cell]]) -> int | None:
    """Grid column of the ordinal (STT) when the header names one or most body rows start with a number."""
    if head and head[0].rstrip(".") in V.ORDINAL_HEADS:
        return 0
    firsts = [row[0].text.strip() for row in body if row and row[0].col == 0 and row[0].text.strip()]
    numbered = sum(1 for t in firsts if V.NUMBER_CELL.match(t.rstrip(".")) or t.rstrip(".").replace(".", "").isdigit())
    return 0 if firsts and 2 * numbered > len(body) else None


def _body_values(body: list[list[Cell]], ordinal_col: int | None) -> list[str]:
    """Texts of the body's own cells (merged continuations and the ordinal column aside), empty ones included."""
    return [
        c.text.strip() for row in body for c in row if not c.merged_from_above and c.col != ordinal_col
    ]


def _numeric_share(values: list[str]) -> float:
    filled = [v for v in values if v]
    if not filled:
        return 0.0
    return sum(1 for v in filled if V.NUMBER_CELL.match(v)) / len(filled)


def _blank_form(values: list[str]) -> bool:
    if not values:
        return False
    filled = [v for v in values if v]
    leaders = [v for v in filled if V.BLANK_LEADER.search(v) and len(V.BLANK_LEADER.sub("", v).strip()) < 4]
    return len(filled) < FORM_FILLED_SHARE * len(values) or (bool(filled) and 2 * len(leaders) > len(filled))


def _task_header(head: list[str]) -> bool:
    """The header names the work and who does it or by when."""
    joined = " | ".join(head)
    if not (V.cue_in(V.TASK_HEADS, joined) or V.cue_in(V.WORK_HEADS, joined)):
        return False
    responsible = V.cue_in(V.RESPONSIBLE_HEADS, joined) or any(t in _RESPONSIBLE_CELLS for t in head)
    return bool(responsible or V.cue_in(V.DEADLINE_HEADS, joined))


def _step_rows(body: list[list[Cell]]) -> bool:
    """At least two body rows whose first or second cell is a procedure step ("Bước 1")."""
    steps = sum(1 for row in body if any(V.STEP_CELL.match(fold(c.text)) for c in row[:2]))
    return steps >= 2
