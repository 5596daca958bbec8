"""A document's tables as whole tables (bảng), the record behind the ``tables``/``table_cells`` datasets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.model.source import Cell, Table

#: What a table holds (pipeline.structure.table_kind): a task table (who does what
#: by when: nhiệm vụ / chủ trì / thời hạn), statistics (chỉ tiêu, số liệu), a ranking
#: (xếp hạng), a list (thủ tục, thành viên, danh mục), a blank form (biểu mẫu to fill
#: in), a layout table (borderless header or signature block read as lines), other.
TableKind = Literal["task", "statistics", "ranking", "list", "form", "layout", "other"]


@dataclass(slots=True)
class DocumentTable:
    """One table of a document: its page fragments stitched, its header and its kind.

    ``fragments`` are the reader's :class:`~pipeline.model.Table` pieces in order
    (one per PDF page the table runs over; one for other formats). ``rows`` is
    the stitched grid: header rows repeated at the top of a continuation page are
    dropped, rows are renumbered from 0 (``Cell.row``), and each cell keeps the
    ``page`` and ``bbox`` its fragment gave it. ``header_rows`` counts the leading
    rows that form the header (title rows above it, several header rows, a
    column-number row "(1) (2) (3)" under it). ``index`` is the table's 0-based
    position among the document's tables, in document order.
    """

    index: int
    fragments: list[Table]
    rows: list[list[Cell]]
    n_cols: int
    header_rows: int = 0
    kind: TableKind = "other"
    layout: bool = False
    page_start: int | None = None
    page_end: int | None = None
    block: int = 0
    name: str | None = None
    depth: int = 0

    @property
    def n_rows(self) -> int:
        """Rows of the stitched grid, header rows included."""
        return len(self.rows)
