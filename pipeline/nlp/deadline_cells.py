"""Deadline forms read only in a deadline cell (cột tiến độ, thời gian thực hiện) of a task table.

A task table's deadline column may give the time allowed instead of a date: the
steps of an administrative procedure (quy trình nội bộ giải quyết thủ tục hành
chính) list "0,5 giờ", "01 giờ", "2 ngày", "05 ngày làm việc"; an inspection
plan writes "Cả năm". In running text the same words are not deadlines ("trong
2 ngày, đoàn đã làm việc…", "các chỉ tiêu trong năm"), so these rules apply only
when the caller says the text is a deadline cell (``parse_deadlines(..., cell=True)``;
the tag stage sets it from the task-column registry, ``TaskColumn.tag == "deadline"``).

Forms (patterns run on the comparison key: lower case, tone marks normalised):

- whole year: "Cả năm", "Suốt năm", "Trong năm", "Cả năm 2026" → kind ``year``,
  the written year or else the plan's year (with a note), like the other kinds;
- duration: "N giờ|phút|ngày|tuần|tháng|năm" with a decimal comma ("0,5 giờ"),
  "½"/"nửa" for a half, optional "trong (vòng)|tối đa|không quá" before and
  "làm việc" after, and an optional "kể từ …"/"từ khi …"/"sau khi …" clause
  → kind ``duration``, no dates, ``duration`` an ISO 8601 duration ("PT0.5H",
  "P2D", "P3M"), ``working`` True when "làm việc" is said;
- office hours: "Vào giờ hành chính các ngày làm việc trong tuần" (when a
  procedure step is open) → kind ``ongoing``, no dates, with a note.

Builders return ``(kind, start, end, recurrence, note[, duration, working])``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

Y = r"((?:19|20)\d\d)"

#: ISO 8601 designator of each unit: time units after "T".
DURATION_UNITS = {"phút": "TM", "giờ": "TH", "ngày": "D", "tuần": "W", "tháng": "M", "năm": "Y"}
#: An amount: digits with a decimal comma or point ("0,5", "1.5", "01"), "½", or "nửa" (a half).
_AMOUNT = r"(\d+(?:[,.]\d+)?|½|nửa)"
#: Words that may stand before the amount ("trong vòng 05 ngày", "tối đa 2 giờ").
_DURATION_PRE = r"(?:(?:trong(?:\s+vòng|\s+thời\s+hạn)?|tối\s+đa|không\s+quá|thời\s+gian)\s+)?"
#: The phrase must end a clause of the cell, so "6 tháng đầu năm" or "2 năm 2026" stays with the other rules.
_CLAUSE_END = r"(?=\s*(?:[;,.()\n+-]|và(?!\w)|$))"

Builder = Callable[[re.Match[str], int | None], tuple]


def resolve_year(text: str | None, plan_year: int | None) -> tuple[int | None, str | None]:
    """The written year, else the plan's year; with a note saying which (``None`` when written)."""
    if text:
        return int(text), None
    if plan_year is not None:
        return plan_year, f"year not stated; plan year {plan_year} assumed"
    return None, "year not stated and plan year unknown"


def amount(text: str) -> float:
    """"0,5" → 0.5, "01" → 1.0, "½"/"nửa" → 0.5."""
    if text in ("½", "nửa"):
        return 0.5
    return float(text.replace(",", "."))


def iso_duration(value: float, unit: str) -> str:
    """ISO 8601 duration of ``value`` ``unit`` (a key of :data:`DURATION_UNITS`): (0.5, "giờ") → "PT0.5H"."""
    designator = DURATION_UNITS[unit]
    number = f"{value:g}"
    return f"PT{number}{designator[1]}" if designator.startswith("T") else f"P{number}{designator}"


def _whole_year(m: re.Match[str], plan_year: int | None) -> tuple:
    year, note = resolve_year(m.group(1), plan_year)
    if year is None:
        return "year", None, None, None, note
    return "year", date(year, 1, 1), date(year, 12, 31), None, note


def _duration(m: re.Match[str], plan_year: int | None) -> tuple:
    value, unit, working = amount(m.group(1)), m.group(2), bool(m.group(3))
    if value <= 0:
        raise ValueError("duration")
    notes = ["working time (làm việc)"] if working else []
    if m.group(4):  # "05 ngày làm việc kể từ ngày nhận đủ hồ sơ"
        notes.append("counted from the event stated")
    note = "; ".join(notes) or None
    return "duration", None, None, None, note, iso_duration(value, unit), working


def _office_hours(m: re.Match[str], plan_year: int | None) -> tuple:
    return "ongoing", None, None, None, "during office hours (giờ hành chính) of working days"


#: (pattern on the comparison key, builder) of deadline cells only; merged with the main grammar.
CELL_GRAMMAR: list[tuple[re.Pattern[str], Builder]] = [
    # "Cả năm", "Suốt năm 2026", "Trong năm" (a year-less "trong năm" only when it is the whole clause)
    (re.compile(r"(?<!\w)(?:cả|suốt|trong)\s+năm(?:\s+" + Y + r")?" + _CLAUSE_END), _whole_year),
    (re.compile(
        r"(?<!\w)" + _DURATION_PRE + _AMOUNT + r"\s*(phút|giờ|ngày|tuần|tháng|năm)(?!\w)(\s+làm\s+việc)?"
        r"(?:(\s+(?:kể\s+từ|từ\s+khi|sau\s+khi)[^;\n]*)|" + _CLAUSE_END + ")"
    ), _duration),
    (re.compile(r"(?<!\w)(?:vào\s+|trong\s+)?giờ\s+hành\s+chính[^;\n]*"), _office_hours),
]

#: Extra trigger words of the cell forms (texts without any, nor a digit nor a word of the main trigger, are skipped).
CELL_TRIGGER = re.compile(r"½|nửa|giờ|năm")
