"""Number and symbol, place and date of a Decree 30/2020 header (số, ký hiệu; địa danh, ngày tháng năm).

Split from :mod:`pipeline.structure.header`: each function reads one header line
(an item with ``text``, normalised, and its source ``line``) onto a
:class:`pipeline.model.Decision`. OCR damage is tolerated and reported: a
handwritten or blank sequence or day keeps the printed rest, with a warning.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from pipeline.model import Decision, Line, Note, Span
from pipeline.structure import patterns as P


class Item(Protocol):
    """A header line as the header parser holds it: its normalised text and source line."""

    text: str
    line: Line


def parse_number(item: Item, decision: Decision) -> None:
    """The number and symbol (số, ký hiệu) of a "Số: 12/KH-UBND" line, onto ``decision``.

    ``number`` is the whole "12/KH-UBND" and ``number_symbol`` the symbol; a blank
    or unreadable sequence keeps the symbol and is recorded in ``decision.blank``
    or warned (:func:`_rough_number`). Source: Decree 30/2020, Appendix I, part 3.
    """
    m = P.NUMBER_LINE.match(item.text)
    if not m:
        return
    raw = "".join(m.group("number").split())
    if P.NUMBER_STRAY_STOP.search(raw):  # "Số: 3070. /KH-UBND" as printed
        decision.warnings.append(Note("number_stray_stop", "number", f"stop after the sequence dropped: {m.group('number').strip()!r}"))
        raw = P.NUMBER_STRAY_STOP.sub("", raw)
    n = P.NUMBER.match(raw)
    if n:
        symbol = repair_symbol(n.group("symbol"))
        if symbol != n.group("symbol"):
            decision.warnings.append(Note("symbol_repaired", "number", f"symbol {n.group('symbol')!r} read as {symbol!r} (a letter doubled by OCR)"))
            raw = raw[: len(raw) - len(n.group("symbol"))] + symbol
        decision.number_symbol = symbol
        if n.group("seq"):
            decision.number = raw
        else:
            decision.blank["number"] = item.text
    else:
        if not _rough_number(raw, item, decision):
            return
    decision.spans["number"] = line_span(item.line)


def _rough_number(raw: str, item: Item, decision: Decision) -> bool:
    """A number line whose sequence is no number: blank (dots, dashes) or unreadable (handwriting).

    Keeps the printed symbol (and year, "…/2015/QĐ-UBND", in ``number_year``)
    and warns; returns False when the line has no symbol either.
    """
    rough = P.TRAILING_SYMBOL.match(raw)
    if rough is None:
        return False
    decision.number_symbol = repair_symbol(rough.group("symbol"))
    seq = rough.group("seq")
    year = re.search(r"/((?:19|20)\d\d)$", seq)
    if year:
        decision.number_year = int(year.group(1))
        seq = seq[: year.start()]
    if not any(c.isalnum() for c in seq):
        decision.blank["number"] = item.text
    else:
        decision.warnings.append(Note("number_unreadable", "number", f"number unreadable (handwritten or damaged): {item.text!r}"))
        if _digit_like(seq):
            decision.warnings.append(Note("number_misread_digits", "number", f"number {seq!r} looks like misread digits: not completed from elsewhere"))
        else:
            decision.unreadable.add("number")
    return True


#: Letters OCR gives for digits.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def _digit_like(text: str) -> bool:
    """True when most of ``text`` is digits or letters OCR gives for digits ("1O5", "3l", "O5")."""
    return sum(c.isdigit() or c in "OoIl|" for c in text) * 2 > len(text)


def repair_symbol(symbol: str) -> str:
    """A symbol whose type code OCR stuttered ("QĐĐ-UBND" → "QĐ-UBND"), else ``symbol`` unchanged.

    Only a type code (before the first dash) that is not a known one
    (:data:`patterns.SYMBOL_TYPES`) and becomes one when a doubled letter is
    single is changed.
    """
    code, dash, rest = symbol.partition("-")
    if code in P.SYMBOL_TYPES:
        return symbol
    single = re.sub(r"(.)\1", r"\1", code)
    return single + dash + rest if single in P.SYMBOL_TYPES else symbol


def parse_place_date(item: Item, decision: Decision) -> None:
    """Place and date (địa danh, ngày tháng năm) of a "Hà Nội, ngày 5 tháng 3 năm 2026" line, onto
    ``decision``: ``place``, ``date_text``, ``issue_date``; a blank or handwritten day is recorded
    or warned. Source: Decree 30/2020, Appendix I, part 4.
    """
    m = P.PLACE_DATE.match(item.text)
    if not m and _rough_day_and_month(item, decision):
        return
    if not m:
        rough = P.PLACE_DATE_ROUGH_DAY.match(item.text)
        if rough and not rough.group("day").strip().isdigit():
            decision.place = rough.group("place").strip()
            decision.date_text = item.text
            decision.spans["issue_date"] = line_span(item.line)
            day = "".join(rough.group("day").split())
            if any(c.isalnum() for c in day):
                decision.warnings.append(Note("day_unreadable", "issue_date", f"day of issue unreadable (handwritten or damaged): {item.text!r}"))
                as_digits = day.translate(_DIGIT_LOOKALIKES)
                if _digit_like(day) and as_digits.isdigit() and 1 <= int(as_digits) <= 31:
                    decision.warnings.append(Note("day_misread_digits", "issue_date", f"day {day!r} looks like misread digits: not completed from elsewhere"))
                else:
                    decision.unreadable.add("day")
            else:
                decision.blank["date"] = item.text
        return
    decision.place = m.group("place").strip()
    decision.date_text = item.text
    decision.spans["issue_date"] = line_span(item.line)
    if m.group("day") and m.group("month"):
        try:
            year = printed_year(m)
            decision.issue_date = date(year, int(m.group("month")), int(m.group("day")))
        except ValueError:
            decision.warnings.append(Note("impossible_date", "issue_date", f"impossible date: {item.text!r}"))
    else:
        decision.blank["date"] = item.text


def _rough_day_and_month(item: Item, decision: Decision) -> bool:
    """A place-date line whose day and month are both unreadable ("ngày<2Õtháng ÓỆ năm 2021"):
    kept as read, both marked unreadable (completed only from a signing time they fit)."""
    rough = P.PLACE_DATE_ROUGH.match(item.text)
    if rough is None or P.PLACE_DATE_ROUGH_DAY.match(item.text):
        return False
    day, month = ("".join(rough.group(k).split()) for k in ("day", "month"))
    if not (any(c.isalnum() for c in day) and any(c.isalnum() for c in month)) or month.isdigit():
        return False
    decision.place = rough.group("place").strip()
    decision.date_text = item.text
    decision.spans["issue_date"] = line_span(item.line)
    decision.warnings.append(Note("day_month_unreadable", "issue_date", f"day and month of issue unreadable (handwritten or damaged): {item.text!r}"))
    decision.unreadable.update({"day", "month"})
    return True


def line_span(line: Line) -> Span:
    """The span of a value printed on one line."""
    return Span(page=line.page, bbox=line.bbox, block=line.block)


def printed_year(m: re.Match[str]) -> int:
    """The year group of a place-date match, OCR spaces inside it dropped ("20 25" → 2025)."""
    return int(re.sub(r"\s", "", m.group("year")))
