"""Plan periods and deadline quarters: the time columns a researcher groups by.

A plan's title names its period (Decree 30/2020/NĐ-CP, part 5, trích yếu):
"Kế hoạch … năm 2026" covers 2026 only, "Kế hoạch … giai đoạn 2026 - 2030" the
five years 2026 to 2030. :func:`plan_period` (from :mod:`pipeline.structure.period`)
reads ``(start, end)`` from the title and the year of issue; :func:`quarter` and
:func:`in_period` place a tagged deadline (its ``end`` date, the day a task is
due) in a calendar quarter and in that period.
"""

from __future__ import annotations

from datetime import date

from pipeline.structure.period import plan_period

__all__ = ["in_period", "plan_period", "quarter"]


def quarter(day: date | None) -> str | None:
    """Calendar quarter of a date as ``'2026Q1'``; ``None`` for no date."""
    if day is None:
        return None
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def in_period(day: date | None, start: int | None, end: int | None) -> bool | None:
    """Whether ``day`` falls in the years ``start``–``end`` (inclusive); ``None`` when either is unknown."""
    if day is None or start is None or end is None:
        return None
    return start <= day.year <= end
