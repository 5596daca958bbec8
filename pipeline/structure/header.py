"""The header of a Decree 30/2020 document: issuer, number, place and date, type, title.

Input is the document's lines in reading order with their layout column (0: the
issuer block on the left, 1: the motto and date on the right); output goes onto
a :class:`pipeline.model.Decision`. Values are normalised; originals stay in the
``Document``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.model import Decision, Line, Note, Span
from pipeline.structure import patterns as P
from pipeline.structure.attachment import parse_attachment
from pipeline.structure.header_forms import letter_title_end, telegram_sender, title_line_header
from pipeline.structure.names import sentence_case_name, spell_out
from pipeline.structure.province import repair_province_line
from pipeline.text import normalize

#: The type line must appear within this many lines of the start.
HEADER_WINDOW = 40
#: Lines searched for the header when no type line is printed (letters, web copies).
HEADLESS_WINDOW = 16
#: A title runs over at most this many lines.
TITLE_MAX_LINES = 14
#: First words of a second issuer line that name a subordinate body (the first
#: line then names its parent, "cơ quan chủ quản").
_SUBORDINATE = (
    "SỞ", "BAN", "PHÒNG", "VĂN PHÒNG", "CỤC", "CHI CỤC", "CÔNG AN", "TRUNG TÂM", "THANH TRA",
    "BỘ CHỈ HUY", "HỘI ĐỒNG", "ĐÀI", "BÁO", "TRƯỜNG", "BỆNH VIỆN", "VIỆN", "KHO BẠC", "TỔ",
)


@dataclass(slots=True)
class _Numbered:
    index: int
    line: Line
    text: str


def find_type_line(lines: list[Line], start: int = 0) -> int | None:
    """Index of the first document-type line ("QUYẾT ĐỊNH", "KẾ HOẠCH") at or after ``start``."""
    for i in range(start, min(len(lines), start + HEADER_WINDOW)):
        text = normalize(lines[i].text)
        if text.upper() == text and text in P.DOC_TYPES and lines[i].column == 0:
            return i
    return None


def parse_header(lines: list[Line], decision: Decision) -> int:
    """Fill the header fields of ``decision`` from ``lines``; return the index after the title.

    Fields: ``issuer`` and ``issuer_parent`` (left block above "Số:"),
    ``number``/``number_symbol``, ``place``, ``issue_date`` and ``date_text``,
    ``doc_type``, ``title`` (trích yếu) and ``authority`` (the capitalised line
    above "Căn cứ"). Missing parts stay ``None``. An appendix file on its own
    is read by :func:`pipeline.structure.attachment.parse_attachment`.
    """
    attached = parse_attachment(lines, decision)
    if attached is not None:
        return attached
    type_at = find_type_line(lines)
    head_end = HEADLESS_WINDOW if type_at is None else type_at  # 0: the type line comes first (gazette copies)
    head = [_Numbered(i, ln, normalize(ln.text)) for i, ln in enumerate(lines[:head_end])]
    _parse_issuer(head, decision)
    last = -1
    for item in head:
        if decision.number is None and decision.number_symbol is None:
            _parse_number(item, decision)
            last = item.index if "number" in decision.spans else last
        if decision.date_text is None:
            _parse_place_date(item, decision)
            last = item.index if decision.date_text is not None else last
    motto = [item.text for item in head if P.MOTTO.search(item.text)]
    decision.national_motto = "\n".join(motto) or None
    if type_at is None:
        return _headless(lines, head, last, decision)
    decision.doc_type = P.DOC_TYPES[normalize(lines[type_at].text)]
    decision.spans["doc_type"] = _span(lines[type_at])
    title, end = read_title(lines, type_at + 1)
    if title:
        decision.title = title
        decision.spans["title"] = Span.of_lines(lines[type_at + 1 : max(end, type_at + 2)])
        title_line_header(decision)
    if end < len(lines):
        text = normalize(lines[end].text)
        sender = telegram_sender(text)
        if sender:  # "THỦ TƯỚNG CHÍNH PHỦ điện:": a Công điện's sender is its authority
            decision.authority = sentence_case_name(sender)
            decision.spans["authority"] = _span(lines[end])
            return end + 1
        if text and text.upper() == text and not P.PREAMBLE_START.match(text) and not P.SECTION.match(text):
            # (a plan's first section "I. NỘI DUNG KẾ HOẠCH" is no authority line)
            decision.authority = sentence_case_name(text)
            decision.spans["authority"] = _span(lines[end])
            end += 1
    return end


def read_title(lines: list[Line], start: int) -> tuple[str | None, int]:
    """Read the trích yếu below a type line; return ``(title, index after it)``.

    The title ends at a blank line, a separator, a capitalised line (the
    enacting authority or a plan section), the preamble ("Căn cứ …") or the
    "(Ban hành kèm theo …)" note.
    """
    parts: list[str] = []
    i = start
    upper_title = False
    bold = False
    while i < len(lines) and len(parts) < TITLE_MAX_LINES:
        text = normalize(lines[i].text)
        if not text:
            if parts:
                i += 1
                break
            i += 1
            continue
        caps = text.upper() == text and any(c.isalpha() for c in text)
        if not parts and caps and not P.AUTHORITY.match(text) and not P.SECTION.match(text):
            upper_title = True  # a title printed in capitals (web copies, older documents)
        if not parts:
            bold = lines[i].bold
        if (
            P.SEPARATOR.match(text)
            or P.PREAMBLE_START.match(text)
            or P.TITLE_END_HEADING.match(text)
            or (P.ATTACHED_BY.match(text) and not _continues_capitals_title(text, caps, upper_title))
            or P.ADDRESSEE.match(text)
            or telegram_sender(text)
            or (lines[i].bbox is not None and parts and bold and not lines[i].bold
                and not _centred_below(lines[i - 1], lines[i]))
            or (caps and not upper_title)
            or (upper_title and (not caps or P.AUTHORITY.match(text)))
            or lines[i].column != 0
        ):
            break
        parts.append(text)
        i += 1
    while i < len(lines) and P.SEPARATOR.match(normalize(lines[i].text) or "-"):
        i += 1
    title = " ".join(parts).strip() or None
    return title, i


def _centred_below(above: Line, line: Line) -> bool:
    """A line set right under a title line and centred within it ("Địa điểm: các phường …" under
    a bold trích yếu): part of the title although not bold. Both edges inset, about evenly."""
    if above.bbox is None or line.bbox is None:
        return False
    height = above.bbox[3] - above.bbox[1]
    left, right = line.bbox[0] - above.bbox[0], above.bbox[2] - line.bbox[2]
    return 0 <= line.bbox[1] - above.bbox[3] <= height and left > height and right > height and abs(left - right) < 2 * height


def _continues_capitals_title(text: str, caps: bool, upper_title: bool) -> bool:
    """A capitalised "BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ …" inside a capitalised title
    (gazette copies) is part of the title; the note that ends a title is printed
    "(Ban hành kèm theo …)", in parentheses and not in capitals."""
    return upper_title and caps and not text.startswith("(")


def _parse_issuer(head: list[_Numbered], decision: Decision) -> None:
    """Issuer (cơ quan ban hành) and parent body (cơ quan chủ quản): the capitalised left
    block of the header, from the row of the national motto down to its rule or "Số:".

    A cell or paragraph holding the block with line breaks ("CHÍNH PHỦ\n-------") is
    read line by line; lines printed above the motto's row (a gazette's section
    heading "VĂN BẢN QUY PHẠM PHÁP LUẬT") are not the issuer.
    """
    left: list[_Numbered] = []
    for item in _issuer_rows(head):
        if item.line.column != 0 or not item.text or P.MOTTO.search(item.text):
            continue
        if P.SEPARATOR.match(item.text) or P.NUMBER_LINE.match(item.text):
            if left:
                break
            continue
        if P.STRAY_CODE.match(item.text):
            continue  # a filing code typed in the header ("XV80"), not a name
        if not (_capitals(item.text) or P.ISSUER_START.match(item.text)):
            break  # Decree 30 prints the issuer in capitals: other text is not an issuer block
        left.append(item)
    if not left:
        return
    texts = [_repaired_place(i) for i in left]
    split = next(
        (k for k in range(1, len(texts)) if texts[k].upper().startswith(_SUBORDINATE)), None
    )
    if split is not None:
        decision.issuer_parent = spell_out(sentence_case_name(" ".join(texts[:split])))
        decision.issuer = spell_out(sentence_case_name(" ".join(texts[split:])))
    else:
        decision.issuer = spell_out(sentence_case_name(" ".join(texts)))
    decision.spans["issuer"] = Span.of_lines([item.line for item in left])


def _repaired_place(item: _Numbered) -> str:
    """An OCR'd issuer line naming a province with misread marks ("TÍNH LAI CHÂẦU") as printed
    ("TỈNH LAI CHÂU", :func:`province.repair_province_line`); any other line as it is."""
    if item.line.confidence is None:
        return item.text
    return repair_province_line(item.text) or item.text


def _issuer_rows(head: list[_Numbered]) -> list[_Numbered]:
    """Header lines from the national motto's row on (lines split at line breaks).

    With a page layout (bounding boxes), the issuer's first line shares the
    motto's first row; lines ending above that row are headings of the print.
    """
    items = [
        _Numbered(item.index, item.line, piece.strip())
        for item in head
        for piece in (item.text.split("\n") if "\n" in item.text else [item.text])
    ]
    motto = next((item for item in items if P.MOTTO.search(item.text)), None)
    if motto is None or motto.line.bbox is None:
        return items
    top = motto.line.bbox[1]
    return [item for item in items if item.line.bbox is None or item.line.bbox[3] > top - 2]


def _capitals(text: str) -> bool:
    return text.upper() == text and any(c.isalpha() for c in text)


def _parse_number(item: _Numbered, decision: Decision) -> None:
    m = P.NUMBER_LINE.match(item.text)
    if not m:
        return
    raw = "".join(m.group("number").split())
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
    decision.spans["number"] = _span(item.line)


def _rough_number(raw: str, item: _Numbered, decision: Decision) -> bool:
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


def _parse_place_date(item: _Numbered, decision: Decision) -> None:
    m = P.PLACE_DATE.match(item.text)
    if not m and _rough_day_and_month(item, decision):
        return
    if not m:
        rough = P.PLACE_DATE_ROUGH_DAY.match(item.text)
        if rough and not rough.group("day").strip().isdigit():
            decision.place = rough.group("place").strip()
            decision.date_text = item.text
            decision.spans["issue_date"] = _span(item.line)
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
    decision.spans["issue_date"] = _span(item.line)
    if m.group("day") and m.group("month"):
        try:
            year = int(re.sub(r"\s", "", m.group("year")))
            decision.issue_date = date(year, int(m.group("month")), int(m.group("day")))
        except ValueError:
            decision.warnings.append(Note("impossible_date", "issue_date", f"impossible date: {item.text!r}"))
    else:
        decision.blank["date"] = item.text


def _rough_day_and_month(item: _Numbered, decision: Decision) -> bool:
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
    decision.spans["issue_date"] = _span(item.line)
    decision.warnings.append(Note("day_month_unreadable", "issue_date", f"day and month of issue unreadable (handwritten or damaged): {item.text!r}"))
    decision.unreadable.update({"day", "month"})
    return True


def _span(line: Line) -> Span:
    return Span(page=line.page, bbox=line.bbox, block=line.block)


def _headless(lines: list[Line], head: list[_Numbered], last: int, decision: Decision) -> int:
    """Title and authority of a header without a type line; return the index after them.

    Official letters give the trích yếu as "V/v: …" (or "Về …" right under the
    number) under the number, wrapped in the left column; web copies
    of decisions drop the "QUYẾT ĐỊNH" line but keep the capitalised title and the
    authority line. ``doc_type`` is left to :mod:`pipeline.structure.completion`.
    """
    number = next((k for k, item in enumerate(head) if decision.spans.get("number") == _span(item.line)), None)
    after_number = [] if number is None else [item for item in head[number + 1 :] if item.line.column == 0]
    for item in head:
        m = P.LETTER_TITLE.match(item.text)
        if m is None and after_number and item is after_number[0]:
            m = P.LETTER_ABOUT.match(item.text)  # "Về Chương trình …" right under the number
        if m:
            end = letter_title_end(lines, item.index, TITLE_MAX_LINES)
            rest = [normalize(ln.text) for ln in lines[item.index + 1 : end] if ln.column == item.line.column]
            decision.title = " ".join([m.group("title").strip(), *rest])
            decision.spans["title"] = Span.of_lines(
                [item.line, *(ln for ln in lines[item.index + 1 : end] if ln.column == item.line.column)]
            )
            return max(end - 1, last) + 1
    if last < 0:
        return 0
    i = last + 1
    while i < len(lines) and (not normalize(lines[i].text) or P.SEPARATOR.match(normalize(lines[i].text))):
        i += 1
    if i < len(lines) and not P.AUTHORITY.match(normalize(lines[i].text)):
        start = i
        title, i = read_title(lines, i)
        if title:
            decision.title = title
            decision.spans["title"] = Span.of_lines(lines[start : max(i, start + 1)])
    if i < len(lines):
        text = normalize(lines[i].text)
        if P.AUTHORITY.match(text):
            decision.authority = sentence_case_name(text)
            decision.spans["authority"] = _span(lines[i])
            i += 1
    return i
