"""Records the tagger produces: mentions, assignments, deadlines, products (pipeline.nlp)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: decision.py imports this module
    from pipeline.model.decision import Citation


# --- Tagging (pipeline/nlp): who must deliver what, by when -----------------------------


@dataclass(slots=True)
class Mention:
    """One tagged span in one text field (DESIGN.md §3 ``mentions``).

    ``label`` is AGENCY, ROLE_CUE, DEADLINE, PRODUCT, CITATION or TARGET;
    ``value`` the normalised value (canonical agency, role, deadline kind and
    dates, product kind …); ``field`` the task field (``assignment_text``,
    ``lead_text`` …) or document part; ``start``/``end`` are character offsets
    in that field's normalised text. ``row_index`` is the task row, ``None`` for
    plan text outside the appendix.
    """

    label: str
    text: str
    value: str | None
    field: str
    start: int
    end: int
    row_index: int | None = None


@dataclass(slots=True)
class Assignment:
    """A task × agency × role (phân công): DESIGN.md §3 ``assignments``.

    ``role`` is lead (chủ trì, or the named performer), coordinate (phối hợp),
    appraise (thẩm định) or monitor (tổng hợp, theo dõi, đôn đốc, kiểm tra).
    ``advises`` names the body advised or submitted to ("tham mưu UBND tỉnh"),
    which is never an assignee. ``collective`` marks group mentions ("các sở,
    ban, ngành"), whose ``agency`` is the mention as written. ``successor`` is
    the body's successor after the 2025 reorganisation. ``start``/``end``:
    offsets of ``mention`` in ``field``.
    """

    row_index: int
    agency: str
    agency_kind: str
    agency_level: str
    role: str
    mention: str
    field: str
    start: int
    end: int
    advises: str | None = None
    collective: bool = False
    successor: str | None = None


@dataclass(slots=True)
class Deadline:
    """One deadline (tiến độ, thời gian hoàn thành): DESIGN.md §3/§4 ``deadlines``.

    ``kind`` is date, month, quarter, half_year, year, multi_year, ongoing,
    recurring, relative, per_schedule or duration; ``start``/``end`` are inclusive dates or
    ``None``; ``recurrence`` is annual, quarterly, monthly, weekly or ``None``;
    ``note`` says how a relative or year-less phrase was resolved.
    ``duration`` is the time allowed as an ISO 8601 duration ("PT0.5H", "P2D")
    for kind ``duration`` (thời gian thực hiện "2 ngày"), else ``None``;
    ``working`` is True when the text says working time ("ngày làm việc").
    ``start_char``/``end_char`` locate ``text`` in the cell.
    """

    text: str
    kind: str
    start: date | None
    end: date | None
    start_char: int
    end_char: int
    recurrence: str | None = None
    note: str | None = None
    row_index: int | None = None
    field: str = "deadline_text"
    #: The range was written backwards ("2011 - 2008"): start/end hold it in order, and the tag stage warns.
    backwards: bool = False
    duration: str | None = None
    working: bool | None = None


@dataclass(slots=True)
class Product:
    """One product (sản phẩm) of a task: kind and approving or issuing body."""

    kind: str
    text: str
    start_char: int
    end_char: int
    approver: str | None = None
    row_index: int | None = None
    field: str = "product_text"


@dataclass(slots=True)
class Annotations:
    """Everything the tag stage found in one decision.

    ``citations`` holds ``(row_index, field, citation)`` for citations found in
    task cells (by :func:`pipeline.structure.citations.parse_citations`).
    ``unresolved`` lists agency-column items of 7-column tables that resolved
    to no canonical name or collective (goal: none), as ``(row_index, field,
    text)``; ``unparsed_deadlines`` the deadline cells in which no deadline was
    recognised, as ``(row_index, text)``. Both are also added to the
    decision's ``warnings`` (codes ``agency_unresolved``, ``deadline_unrecognised``).
    """

    assignments: list[Assignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    citations: list[tuple[int | None, str, Citation]] = field(default_factory=list)
    unresolved: list[tuple[int, str, str]] = field(default_factory=list)
    unparsed_deadlines: list[tuple[int, str]] = field(default_factory=list)
