"""Deadline grammar (tiến độ, thời gian hoàn thành) → kind, start, end, recurrence, note.

No library reads these phrases right ("Quý I/2017"; dateparser invents today's
day for "năm 2017" and reads "6 tháng" as six months ago), so this is an own
grammar over the comparison key of the text (lower case, tone marks
normalised; offsets equal the input's). Kinds (DESIGN.md §4): date, month,
quarter, half_year, year, multi_year, ongoing, recurring, relative,
per_schedule, and in a deadline cell only duration (:mod:`pipeline.nlp.deadline_cells`:
"0,5 giờ", "2 ngày làm việc", "Cả năm"). Start/end are inclusive ISO dates or ``None``. Phrases that need
the plan's year ("năm liền kề", "trong tháng 01" without a year, "thường xuyên
trong năm") are resolved with ``plan_year`` and say so in ``note``.

A year range written backwards ("2011 - 2008") is read in order (2008–2011),
with ``note`` and ``Deadline.backwards`` set; the tag stage turns it into a warning.

Several deadlines in one cell stay separate: all phrases are found, the
leftmost-longest win where they overlap, in text order.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from pipeline.model import Deadline
from pipeline.nlp.deadline_cells import CELL_GRAMMAR, CELL_TRIGGER, resolve_year
from pipeline.nlp.tokenizer import doc_key, doc_text, norm_key, set_record_spans

Y = r"((?:19|20)\d\d)"
_PRE = r"(?:(?:thời\s+hạn\s+)?(?:trong|trước|đến|chậm\s+nhất(?:\s+là)?(?:\s+(?:trong|vào|đến))?|vào|cuối|đầu|từ|hoàn\s+thành(?:\s+trước)?)\s+)*"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_REC = {"năm": "annual", "quý": "quarterly", "tháng": "monthly", "tuần": "weekly"}
_UNIT = {"ngày": "days", "tuần": "weeks", "tháng": "months", "quý": "quarters", "năm": "years"}
_CLAUSE_END = r"[^;\n]*"
#: A bare year that is a whole clause of the cell: "2026", "2026 và hằng năm", "…; 2027". It starts the
#: text or follows a clause separator and ends at one, so years inside a citation ("18/2026/NQ-CP") or a
#: range ("2025 - 2030", read as multi_year) are never a bare year.
_BARE_YEAR = r"(?:^|(?<=[;(\n]))\s*" + r"((?:19|20)\d\d)(?![\d/])(?=\s*(?:[;,.)\n]|và(?!\w)|$))"

Builder = Callable[[re.Match[str], int | None], tuple]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_year = resolve_year


def _quarter(m: re.Match[str], plan_year: int | None) -> tuple:
    q = _ROMAN[m.group(1)]
    year, note = _year(m.group(2), plan_year)
    if year is None:
        return "quarter", None, None, None, note
    return "quarter", date(year, 3 * q - 2, 1), _last_day(year, 3 * q), None, note


def _half(m: re.Match[str], plan_year: int | None) -> tuple:
    year, note = _year(m.group(2), plan_year)
    if year is None:
        return "half_year", None, None, None, note
    if m.group(1) == "đầu":
        return "half_year", date(year, 1, 1), date(year, 6, 30), None, note
    return "half_year", date(year, 7, 1), date(year, 12, 31), None, note


def _month(m: re.Match[str], plan_year: int | None) -> tuple:
    month = int(m.group(1))
    if not 1 <= month <= 12:
        raise ValueError("month")
    if m.group(3):  # "tháng 9 hằng năm"
        return "recurring", None, None, "annual", f"every year in month {month:02d}"
    year, note = _year(m.group(2), plan_year)
    if year is None:
        return "month", None, None, None, note
    return "month", date(year, month, 1), _last_day(year, month), None, note


def _bounds(prefix: str | None, when: date) -> tuple[date | None, date]:
    """"trước/chậm nhất/đến ngày X" → (None, X); "từ ngày X" → (X, None); else (X, X)."""
    prefix = prefix or ""
    if re.search(r"trước|chậm\s+nhất|đến|hoàn\s+thành", prefix):
        return None, when
    if re.search(r"(?<!\w)từ(?!\w)", prefix):
        return when, None  # type: ignore[return-value]
    return when, when


def _date(m: re.Match[str], plan_year: int | None) -> tuple:
    """Numeric ("30/6/2017") or spelled ("ngày 30 tháng 6 năm 2017") date."""
    when = date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
    first, last = _bounds(m.group(1), when)
    note = None if first == last else ("by this date" if first is None else "from this date on")
    return "date", first, last, None, note


def _next_year_day(m: re.Match[str], plan_year: int | None) -> tuple:
    day, month = int(m.group(1)), int(m.group(2))
    step = -1 if m.group(3) else 1
    if plan_year is None:
        return "relative", None, None, "annual", "day of the adjacent year; plan year unknown"
    year = plan_year + step
    when = date(year, month, day)
    return "relative", None, when, "annual", f"'năm {'trước ' if step < 0 else ''}liền kề' resolved with plan year {plan_year} → {year}"


def _next_month_day(m: re.Match[str], plan_year: int | None) -> tuple:
    return "relative", None, None, "monthly", f"by day {int(m.group(1)):02d} of the following month"


def _year_kind(m: re.Match[str], plan_year: int | None) -> tuple:
    year = int(m.group(1))
    return "year", date(year, 1, 1), date(year, 12, 31), None, None


def _from_year(m: re.Match[str], plan_year: int | None) -> tuple:
    year = int(m.group(1))
    return "ongoing", date(year, 1, 1), None, None, f"from {year} onward"


#: Note of a year range written backwards ("2011 - 2008", a typo met in real plans).
BACKWARDS_NOTE = "years written backwards ({a}-{b}): read as {b}-{a}"


def _multi(m: re.Match[str], plan_year: int | None) -> tuple:
    """ "giai đoạn 2016-2020" → multi_year 2016-01-01 … 2020-12-31; a backwards range is put in order, with a note."""
    a, b = int(m.group(1)), int(m.group(2))
    if a > b:
        return "multi_year", date(b, 1, 1), date(a, 12, 31), None, BACKWARDS_NOTE.format(a=a, b=b)
    return "multi_year", date(a, 1, 1), date(b, 12, 31), None, None


def _period(m: re.Match[str], plan_year: int | None) -> tuple:
    return "multi_year", None, None, None, "period not stated (giai đoạn of the plan)"


def _ongoing(m: re.Match[str], plan_year: int | None) -> tuple:
    within = m.group(1)
    if within == "năm" and plan_year is not None:
        return "ongoing", date(plan_year, 1, 1), date(plan_year, 12, 31), None, f"'trong năm' = plan year {plan_year}"
    if within:
        return "ongoing", None, None, None, f"throughout each {_UNIT[within][:-1]}"
    return "ongoing", None, None, None, None


def _recurring(m: re.Match[str], plan_year: int | None) -> tuple:
    unit = m.group(1)
    return "recurring", None, None, _REC.get(unit) if unit else None, None if unit else "periodic, period as regulated"


def _relative(m: re.Match[str], plan_year: int | None) -> tuple:
    return "relative", None, None, None, f"{int(m.group(1))} {_UNIT[m.group(2)]} after the event stated"


def _immediate(m: re.Match[str], plan_year: int | None) -> tuple:
    return "relative", None, None, None, "as soon as the event stated happens"


def _schedule(m: re.Match[str], plan_year: int | None) -> tuple:
    return "per_schedule", None, None, None, None


#: (pattern on the comparison key, builder); order breaks ties of equal start and length.
GRAMMAR: list[tuple[re.Pattern[str], Builder]] = [
    (re.compile(r"(?<!\w)" + _PRE + r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s+(?:của\s+)?năm\s+(trước\s+)?liền\s+kề"), _next_year_day),
    (re.compile(r"(?<!\w)" + _PRE + r"ngày\s+(\d{1,2})\s+(?:của\s+)?tháng\s+(?:liền\s+kề|tiếp\s+theo|sau)"), _next_month_day),
    (re.compile(r"(?<!\w)(" + _PRE + r")(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*" + Y), _date),
    (re.compile(r"(?<!\w)(" + _PRE + r")ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+" + Y), _date),
    (re.compile(r"(?<!\w)" + _PRE + r"quý\s+(iv|i{1,3}|[1-4])(?!\w)(?:\s*(?:/|năm|-)\s*" + Y + r")?"), _quarter),
    (re.compile(r"(?<!\w)" + _PRE + r"(?:6|06|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+" + Y + r")?"), _half),
    (re.compile(r"(?<!\w)" + _PRE + r"tháng\s+(\d{1,2})(?!\d)(?:\s*(?:/|năm|-)\s*" + Y + r")?(\s+(?:hằng|hàng)\s+năm)?"), _month),
    (re.compile(r"(?<!\w)(?:giai\s+đoạn|từ\s+năm|năm)?\s*" + Y + r"\s*(?:[-–]|đến(?:\s+năm)?)\s*" + Y), _multi),
    (re.compile(r"(?<!\w)(?:bắt\s+đầu\s+(?:thực\s+hiện\s+)?)?từ\s+năm\s+" + Y), _from_year),
    (re.compile(r"(?<!\w)" + _PRE + r"năm\s+" + Y), _year_kind),
    (re.compile(_BARE_YEAR), _year_kind),
    (re.compile(r"(?<!\w)giai\s+đoạn(?!\s+\d)"), _period),
    (re.compile(r"(?<!\w)(?:thực\s+hiện\s+)?(?:thường\s+xuyên|liên\s+tục)(?:\s+trong\s+(năm|tháng|quý))?"), _ongoing),
    (re.compile(r"(?<!\w)(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+(năm|quý|tháng|tuần)"), _recurring),
    (re.compile(r"(?<!\w)(?:báo\s+cáo\s+)?định\s+kỳ()(?:\s+theo\s+thời\s+gian\s+quy\s+định)?"), _recurring),
    (re.compile(r"(?<!\w)(?:sau|trong\s+vòng|trong\s+thời\s+hạn)\s+(\d+)\s+(ngày|tháng|năm)\s+(?:kể\s+từ|từ\s+khi|sau\s+khi)" + _CLAUSE_END), _relative),
    (re.compile(r"(?<!\w)(?:ngay\s+(?:sau\s+)?khi|kịp\s+thời\s+khi)" + _CLAUSE_END), _immediate),
    (re.compile(
        r"(?<!\w)(?:thực\s+hiện\s+)?theo\s+(?:tiến\s+độ|tiến\s+trình|lộ\s+trình|kế\s+hoạch|các\s+mốc|mốc|hướng\s+dẫn|"
        r"điều|quy\s+định|yêu\s+cầu|chỉ\s+đạo|đề\s+án|chương\s+trình|thời\s+gian|văn\s+bản)" + _CLAUSE_END
    ), _schedule),
]


#: Every grammar rule needs a digit or one of these words; texts without any are skipped fast.
_TRIGGER = re.compile(r"\d|thường|liên\s+tục|hằng|hàng|định\s+kỳ|theo|sau|trong\s+vòng|giai|ngay|kịp|quý|tháng|năm")


def parse_deadlines(
    text: str, plan_year: int | None = None, key: str | None = None, cell: bool = False
) -> list[Deadline]:
    """Every deadline phrase in ``text`` (a cell or sentence, NFC), in text order.

    ``plan_year`` resolves phrases that need it (see module docstring); ``key``
    is the comparison key of ``text`` when the caller has it already. ``cell``
    says ``text`` is a deadline cell of a task table: the forms of
    :data:`~pipeline.nlp.deadline_cells.CELL_GRAMMAR` (durations, "Cả năm")
    are read too; in other text they are not deadlines. Offsets
    (``start_char``/``end_char``) index ``text``. Returns ``[]`` when nothing is
    recognised; impossible dates (31/02) are skipped.
    """
    if key is None or len(key) != len(text):
        key = norm_key(text)
    if len(key) != len(text):
        key = text.lower()
    if not _TRIGGER.search(key) and not (cell and CELL_TRIGGER.search(key)):
        return []
    found: list[tuple[int, int, int, re.Match[str], Builder]] = []
    for order, (pattern, build) in enumerate(GRAMMAR + CELL_GRAMMAR if cell else GRAMMAR):
        for m in pattern.finditer(key):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), order, m, build))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    out: list[Deadline] = []
    taken_until = -1
    for start, _neg, _order, m, build in found:
        if start < taken_until:
            continue
        try:
            kind, first, last, recurrence, note, *extra = build(m, plan_year)
        except ValueError:
            continue
        end = len(text[: m.end()].rstrip(" .,"))
        s = start + len(text[start:end]) - len(text[start:end].lstrip())
        backwards = build is _multi and first is not None and int(m.group(1)) > int(m.group(2))
        duration, working = extra or (None, None)
        out.append(Deadline(
            text[s:end], kind, first, last, s, end, recurrence, note, backwards=backwards, duration=duration, working=working,
        ))
        taken_until = m.end()
    return out


# --- spaCy component -----------------------------------------------------------------------

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

LABEL = "DEADLINE"
if not Span.has_extension("deadline"):
    Span.set_extension("deadline", default=None)
if not Doc.has_extension("plan_year"):
    Doc.set_extension("plan_year", default=None)
if not Doc.has_extension("deadline_cell"):  # the text is a task table's deadline cell (see parse_deadlines)
    Doc.set_extension("deadline_cell", default=False)


class DeadlineTagger:
    """spaCy component: DEADLINE spans with ``span._.deadline`` (a :class:`Deadline`).

    Relative and year-less phrases are resolved with ``doc._.plan_year``;
    durations and "Cả năm" are read only when ``doc._.deadline_cell`` is set.
    Dates inside a CITATION span (run ``vn_citations`` first) are the cited
    document's date, not deadlines, and are left out.
    """

    def __init__(self, spans_key: str = "deadlines") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        citations = [(c.start_char, c.end_char) for c in doc.spans.get("citations", [])]
        found = (
            (d.start_char, d.end_char, d)
            for d in parse_deadlines(doc_text(doc), doc._.plan_year, doc_key(doc), doc._.deadline_cell)
            # not the date of a cited document ("… số 4304/KH-UBND ngày 03/7/2015")
            if not any(a <= d.start_char and d.end_char <= b for a, b in citations)
        )
        set_record_spans(doc, self.spans_key, LABEL, found, "deadline")
        return doc


@Language.factory("vn_deadlines", default_config={"spans_key": "deadlines"})
def make_deadline_tagger(nlp: Language, name: str, spans_key: str) -> DeadlineTagger:
    """Factory of :class:`DeadlineTagger` (``nlp.add_pipe("vn_deadlines")``)."""
    return DeadlineTagger(spans_key)
