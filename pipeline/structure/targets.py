"""Numeric targets (chỉ tiêu) in plan items: value, unit, comparator, subject.

:func:`parse_targets` is a pure function over one item's normalised text.
Comparators are ASCII (DESIGN.md §3): "tối thiểu", "ít nhất", "không dưới", "từ
… trở lên" → ">="; "trên", "đạt trên", "hơn" → ">"; "dưới", "giảm xuống dưới"
→ "<"; "tối đa", "không quá", "không vượt quá" → "<="; no cue or "đạt" → "=".

The subject is what is measured: after the value when the sentence starts with
it ("Đưa 50% thủ tục hành chính đủ điều kiện vào thực hiện trực tuyến …"), before
it when the clause names a measure first ("Tỷ lệ hồ sơ trễ hạn … giảm xuống
dưới 10%", "Mức độ hài lòng … đạt tối thiểu 77%") or nothing follows the value.
"""

from __future__ import annotations

import re

from pipeline.model import Target

#: A value with its unit: "50%", "77 %", "1,5%", "02 lần", "100 phần trăm".
VALUE = re.compile(
    r"(?<![\w/.,])(?P<value>\d{1,3}(?:[.,]\d+)?)\s*(?P<unit>%|phần trăm"
    r"|(?:lần|người|lượt|đơn vị|điểm|cuộc|lớp|văn bản|thủ tục|hồ sơ|ngày|giờ)\b)"
)
#: Comparator cues right before the value, longest first.
CUES_BEFORE: tuple[tuple[str, str], ...] = (
    (r"giảm xuống dưới", "<"), (r"không vượt quá", "<="), (r"không quá", "<="), (r"tối đa", "<="),
    (r"không dưới", ">="), (r"không thấp hơn", ">="), (r"tối thiểu", ">="), (r"ít nhất", ">="),
    (r"đạt trên", ">"), (r"cao hơn", ">"), (r"hơn", ">"), (r"trên", ">"), (r"dưới", "<"),
    (r"từ", ">="), (r"đạt", "="),
)
_CUE = re.compile(r"(?:" + "|".join(c for c, _ in CUES_BEFORE) + r")\s*$", re.IGNORECASE)
#: "từ 80% trở lên" → ">="; "… trở xuống" → "<=".
_AFTER_UP = re.compile(r"^\s*trở lên", re.IGNORECASE)
_AFTER_DOWN = re.compile(r"^\s*trở xuống", re.IGNORECASE)
#: Words that name a measure: the subject then stands before the value.
_MEASURE = re.compile(r"^(?:Tỷ lệ|Tỉ lệ|Mức độ|Chỉ số|Số lượng|Số|Điểm)\b", re.IGNORECASE)
#: Clause ends for the subject.
_CLAUSE_END = re.compile(r"[;:\n]|\.(?:\s|$)|,\s*trong đó")
#: Clause ends looking back from a value (a ":" inside "trên các lĩnh vực: …" does not end it).
_HEAD_END = re.compile(r"[;\n]|\.(?:\s|$)")
#: Separators between two targets of one clause ("… cấp xã và 100% cơ sở …", "… ma túy, riêng năm
#: 2025 … 20% xã …"): the first target's subject read after it ends at the last one before the second.
_NEXT_GAP = re.compile(r",\s|\s(?:và|còn|riêng|trong đó)\s")
#: A connective opening the words between two targets ("và tỷ lệ … đạt 90%").
_JOIN = re.compile(r"^(?:và|,)\s*", re.IGNORECASE)
#: Verbs/connectives before a value that do not belong to the subject.
_LEAD = re.compile(r"^(?:[-–+•]\s*)?(?:[a-zđ]\)\s*|\d+\.\s*)?(?:Đưa|Phấn đấu|Bảo đảm|Đảm bảo|có|đạt|phải)?\s*", re.IGNORECASE)
#: Characters looked at before and after one value (a clause is far shorter): every
#: search is bounded by it, so parsing time grows linearly with the text's length.
WINDOW = 1000
#: Only units that count in a target with no comparator cue (plain "02 lần" is not one).
_BARE_UNITS = ("%", "phần trăm")


def parse_targets(text: str) -> list[Target]:
    """Numeric targets in ``text``, in order; spans cover the cue and the value.

    A value without "%" counts only when a comparator cue precedes it
    ("tối thiểu 02 lần"). Values inside a number/date ("131/144", "9001:2008")
    are not targets. Two values in one clause ("Trên 80% số trạm y tế … và 100% cơ
    sở …") each get their own subject: the first's subject read after it stops at
    the last separator before the second (:data:`_NEXT_GAP`), and the second's
    subject is not looked for before that point.
    """
    found = [c for c in (_value(text, m) for m in VALUE.finditer(text)) if c is not None]
    out: list[Target] = []
    floor = 0
    for k, (m, start, comparator, unit) in enumerate(found):
        before = text[max(0, m.start() - WINDOW) : m.start()]
        clause_start = max(floor, m.start() - len(before) + _last_clause_end(before))
        next_start = found[k + 1][1] if k + 1 < len(found) else None
        subject, used = _subject(text, clause_start, start, m.end(), next_start)
        value = float(m.group("value").replace(",", "."))
        out.append(
            Target(
                value=int(value) if value.is_integer() else value,
                unit=unit,
                comparator=comparator,
                subject=subject,
                text=text[start : m.end()],
                start=start,
                end=m.end(),
            )
        )
        floor = max(m.end(), used)
    return out


def _value(text: str, m: re.Match[str]) -> tuple[re.Match[str], int, str, str] | None:
    """``(match, start with the cue, comparator, unit)`` of one value, ``None`` when it is no target."""
    unit = "%" if m.group("unit") in ("%", "phần trăm") else m.group("unit")
    cue = _CUE.search(text[max(0, m.start() - 24) : m.start()])
    comparator = "="
    start = m.start()
    if cue:
        word = cue.group(0).strip().lower()
        comparator = next(c for w, c in CUES_BEFORE if re.fullmatch(w, word))
        start = m.start() - len(cue.group(0))
    elif m.group("unit") not in _BARE_UNITS:
        return None
    after = text[m.end() : m.end() + 40]
    if _AFTER_UP.match(after):
        comparator = ">="
    elif _AFTER_DOWN.match(after):
        comparator = "<="
    return m, start, comparator, unit


def _last_clause_end(before: str) -> int:
    ends = list(_HEAD_END.finditer(before))
    return ends[-1].end() if ends else 0


def _subject(
    text: str, clause_start: int, cue_start: int, value_end: int, next_start: int | None
) -> tuple[str | None, int]:
    """What the target measures, from the clause around the value, and where the words it took end.

    The words after the value stop at the clause end or, when the next value is in the
    same clause, at the last separator before it (``next_start``: that value's cue start).
    The second item is the end of the words after the value when the subject is read
    there (the next value's subject starts after it), else ``value_end``.
    """
    head = text[clause_start:cue_start].strip(" ,")
    limit = min(len(text), value_end + WINDOW)
    end = _CLAUSE_END.search(text, value_end, limit)
    stop = end.start() if end else limit
    if next_start is not None and next_start < stop:
        gaps = list(_NEXT_GAP.finditer(text, value_end, next_start))
        stop = gaps[-1].start() if gaps else next_start
    tail = text[value_end:stop].strip(" ,")
    tail = re.sub(r"^trở (?:lên|xuống)\b\s*", "", tail)
    head_clean = _LEAD.sub("", _JOIN.sub("", head, count=1), count=1).strip(" ,")
    if _MEASURE.match(head_clean) or len(tail.split()) < 2:
        subject = re.sub(r"\s+(?:đạt|giảm xuống|giảm|tăng lên|tăng|là|có)$", "", head_clean).strip(" ,")
        return subject or (tail or None), value_end
    return tail or None, stop
