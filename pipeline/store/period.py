"""Plan periods and deadline quarters: the time columns a researcher groups by.

A plan's title names its period (Decree 30/2020/NĐ-CP, part 5, trích yếu):
"Kế hoạch … năm 2026" covers 2026 only, "Kế hoạch … giai đoạn 2026 - 2030" the
five years 2026 to 2030. :func:`plan_period` reads ``(start, end)`` from the
title; :func:`quarter` and :func:`in_period` place a tagged deadline (its
``end`` date, the day a task is due) in a calendar quarter and in that period.
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.text.normalize import fold

#: "giai đoạn 2026 - 2030", "giai đoạn 2021-2025", "thời kỳ 2021–2030", "2026 đến 2030",
#: "từ năm 2026 đến năm 2030": a span of years (dashes are unified by ``fold``).
PERIOD_SPAN = re.compile(
    r"(?:giai đoạn|thời kỳ|từ năm|từ|năm)?\s*((?:19|20)\d\d)\s*(?:-|đến năm|đến|tới)\s*((?:19|20)\d\d)(?!\d)"
)
#: "năm 2026", "giai đoạn 2026" (a single year named after its cue word).
PERIOD_YEAR = re.compile(r"(?:năm|giai đoạn)\s+((?:19|20)\d\d)(?!\d)")


def plan_period(title: str | None) -> tuple[int | None, int | None]:
    """``(plan_start_year, plan_end_year)`` named by a plan title; ``(None, None)`` when it names none.

    A span ("giai đoạn 2026 - 2030") gives both ends (earlier first); a single
    year ("năm 2026") gives that year twice. Source: ``documents.plan_title``.
    """
    if not title:
        return None, None
    key = fold(title)
    span = PERIOD_SPAN.search(key)
    if span:
        first, last = sorted((int(span.group(1)), int(span.group(2))))
        return first, last
    year = PERIOD_YEAR.search(key)
    if year:
        return int(year.group(1)), int(year.group(1))
    return None, None


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
