"""Plan period (thời kỳ của kế hoạch): the years a plan's title names.

A plan's title names its period (Decree 30/2020/NĐ-CP, part 5, trích yếu):
"Kế hoạch … năm 2026" covers 2026 only, "Kế hoạch … giai đoạn 2026 - 2030" the
five years 2026 to 2030, and a roadmap "Kế hoạch thực hiện lộ trình … đến năm
2035" runs from the year it is issued to 2035. :func:`plan_period` reads
``(start, end)``; ``documents.plan_year`` (the partition year) is its start.
"""

from __future__ import annotations

import re

from pipeline.text.normalize import fold

#: "giai đoạn 2026 - 2030", "giai đoạn 2021-2025", "thời kỳ 2021–2030", "2026 đến 2030",
#: "từ năm 2026 đến năm 2030": a span of years (dashes are unified by ``fold``).
PERIOD_SPAN = re.compile(
    r"(?:giai đoạn|thời kỳ|từ năm|từ|năm)?\s*((?:19|20)\d\d)\s*(?:-|đến năm|đến|tới)\s*((?:19|20)\d\d)(?!\d)"
)
#: "đến năm 2035", "tới năm 2030": the horizon (mốc cuối) of a roadmap or programme, with no start year.
PERIOD_HORIZON = re.compile(r"(?:đến|tới)\s+năm\s+((?:19|20)\d\d)(?!\d)")
#: "năm 2026", "giai đoạn 2026" (a single year named after its cue word), not the horizon's "đến năm 2035".
PERIOD_YEAR = re.compile(r"(?<!đến )(?<!tới )(?:năm|giai đoạn)\s+((?:19|20)\d\d)(?!\d)")


def plan_period(title: str | None, issue_year: int | None = None) -> tuple[int | None, int | None]:
    """``(plan_start_year, plan_end_year)`` named by a plan title; ``(None, None)`` when it names none.

    - a span ("giai đoạn 2026 - 2030", "từ năm 2026 đến năm 2030") gives both ends,
      earlier first; a later horizon ("…, tầm nhìn đến năm 2045") is a vision, not the period;
    - a single year ("năm 2026") gives that year twice;
    - a single year and a horizon ("năm 2026 và định hướng đến năm 2030") give
      2026–2030: the plan schedules its tasks up to the horizon;
    - a horizon alone ("lộ trình … đến năm 2035") ends there and starts in
      ``issue_year`` (the year of issue, ``documents.issue_date``), or ``None``
      when that is unknown or later than the horizon.

    Source: ``documents.plan_title`` (and ``issue_date``).
    """
    if not title:
        return None, None
    key = fold(title)
    span = PERIOD_SPAN.search(key)
    if span:
        first, last = sorted((int(span.group(1)), int(span.group(2))))
        return first, last
    year = PERIOD_YEAR.search(key)
    horizon = PERIOD_HORIZON.search(key)
    if year:
        first = int(year.group(1))
        last = int(horizon.group(1)) if horizon and year.start() < horizon.start() else first
        return first, max(first, last)
    if horizon:
        last = int(horizon.group(1))
        return (issue_year if issue_year is not None and issue_year <= last else None), last
    return None, None
