"""The header of a Decree 30/2020 document: issuer, number, place and date, type, title.

Input is the document's lines in reading order with their layout column (0: the
issuer block on the left, 1: the motto and date on the right); output goes onto
a :class:`pipeline.model.Decision`. Values are normalised; originals stay in the
``Document``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Decision, Line, Span
from pipeline.structure import patterns as P
from pipeline.structure.attachment import parse_attachment
from pipeline.structure.header_forms import letter_title_end, telegram_sender, title_line_header
from pipeline.structure.header_numbers import line_span as _span
from pipeline.structure.header_numbers import parse_number, parse_place_date
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
    for k, item in enumerate(head):
        for cand in (item, *_wrapped(head, k)):
            if decision.number is None and decision.number_symbol is None:
                parse_number(cand, decision)
                last = cand.index if "number" in decision.spans else last
            if decision.date_text is None:
                parse_place_date(cand, decision)
                last = cand.index if decision.date_text is not None else last
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


def _wrapped(head: list[_Numbered], k: int) -> list[_Numbered]:
    """``head[k]`` joined with the next non-empty line of its column when it is a number or
    place-date line cut short by a wrap (:data:`patterns.WRAPPED_HEAD_START`): ``[]`` or one
    item, on the first line (span) with the continuation's index. Ex.: "Số:" + "2682/QĐ-UBND".
    """
    if not P.WRAPPED_HEAD_START.match(head[k].text):
        return []
    column = head[k].line.column
    nxt = next((h for h in head[k + 1:] if h.text and h.line.column == column), None)
    if nxt is None:
        return []
    return [_Numbered(nxt.index, head[k].line, f"{head[k].text} {nxt.text}")]


def read_title(lines: list[Line], start: int) -> tuple[str | None, int]:
    """Read the trích yếu below a type line; return ``(title, index after it)``.

    The title ends at a blank line, a separator, a capitalised line (the
    enacting authority or a plan section), the preamble ("Căn cứ …"), the
    "(Ban hành kèm theo …)" note, or a line not in bold under a bold title (the
    body under a trích yếu whose rule is a drawing, not text: HTML exports keep
    no empty paragraph there).
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
            or (parts and bold and not lines[i].bold and not _centred_below(lines[i - 1], lines[i]))
            or (caps and not upper_title)
            or (upper_title and (not caps or P.AUTHORITY.match(text)))
            or (lines[i].column != 0 and not (parts and _same_row(lines[i - 1], lines[i])))
        ):
            break
        parts.append(text)
        i += 1
    while i < len(lines) and P.SEPARATOR.match(normalize(lines[i].text) or "-"):
        i += 1
    title = " ".join(parts).strip() or None
    return title, i


def _same_row(left: Line, right: Line) -> bool:
    """``right`` continues ``left``'s row: a title line split in two at a wide space (an OCR'd
    bold title whose comma was lost or spaced wide, "cán bộ   công chức"). Nothing is set beside
    a trích yếu (Decree 30/2020, Appendix I part 5: centred under the type name), so a part on
    the same row right of a title line is the rest of that line."""
    if left.bbox is None or right.bbox is None:
        return False
    height = left.bbox[3] - left.bbox[1]
    return abs(right.bbox[1] - left.bbox[1]) < height / 2 and right.bbox[0] >= left.bbox[2]


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
