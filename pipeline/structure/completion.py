"""Header values completed from other parts of the same document, each with a reason.

Nothing is guessed: a value is filled only from what the file itself carries.

- Number and day stamped at signing (``Page.stamps``, read from the signature
  widgets by :mod:`pipeline.readers.stamps`, as text or, when the file hides
  them from the text parser, by OCR of the widgets' own ink) fill the blanks of
  "Số:   /QĐ-UBND" and "ngày   tháng 12 năm 2025" when the stamp sits on that
  line; the warning says which (and the OCR confidence).
- A day of issue that cannot be read (handwritten, "ngày 4 6tháng 10 năm
  2025" from OCR) comes from the latest signing time of the PDF's digital
  signatures (``Document.signing_times``, in Vietnam time) in the printed
  month and year: the issuing office signs last. Not when what was read looks
  like a misread valid day ("O5", "3l"). Day and month both unreadable take
  the latest signing time in the printed year when the digits OCR saw in the
  blanks fit it ("ngày<2Õtháng ÓỆ năm 2021" and a signature of 25 February).
- A number that cannot be read ("Số: ⁄Z⁄46 /QĐ-UBND") comes from the file
  name when the name starts with it and the symbol's type code ("1716 QĐ
  thành lập HĐTĐ.pdf") or holds the type code and the number as one word
  ("CT11_UBND.pdf", "tt148_bca_2020.pdf"): offices name scanned files so. Not
  when what was read looks like misread digits ("1O5"), nor from a year-like
  name ("2025 KH.pdf"), nor when the name gives two numbers or only years other
  than the document's.
- A law or resolution printed without a date line (web copies of laws, the
  Constitution) takes the adoption date of its closing sentence ("… thông qua
  ngày 29 tháng 6 năm 2001").
- Blank values (spaces, dots, underscores: an unsigned draft) are never filled
  but from a signing stamp; a blank date of a digitally signed PDF that no stamp
  filled takes the latest signing time in the printed month and year.
- The number splits into sequence, year (normative acts: "14/2015/QĐ-UBND") and
  symbol (ký hiệu).
- Without a type line, the type comes from the symbol's type code ("QĐ" →
  Quyết định) or, for a "V/v" title, is an official letter (Công văn).
- A department of a People's Committee printed under it without a place ("UBND
  TỈNH LÀO CAI / SỞ CÔNG THƯƠNG") is named with its committee's place: "Sở Công
  Thương tỉnh Lào Cai", "Phòng Tư pháp huyện …" (its full name).
- An issuer block cut to "ỦY BAN NHÂN DÂN" (web copies) takes the body named by
  the authority line; an authority ending in a bare unit ("… TỈNH") takes the
  issuer it begins, else a place of issue that names a province. A document
  without an authority line is enacted by its issuer.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from pipeline.model import Decision, Line, Note, Span
from pipeline.structure import patterns as P
from pipeline.structure.citations import clean_issuer
from pipeline.structure.header_numbers import printed_year
from pipeline.structure.province import is_local, match_province, province_in_text
from pipeline.text import fold, normalize

#: Vietnam's time zone (UTC+7, no daylight saving): signing times are dated in it.
VIETNAM = timezone(timedelta(hours=7))
#: Vertical slack (PDF points) when matching a stamp to a header line.
STAMP_SLACK_PT = 12.0


def complete(decision: Decision) -> None:
    """Apply every completion rule to ``decision`` in place (warnings say which fired)."""
    _stamped_number(decision)
    _stamped_date(decision)
    _signed_date(decision)
    _signed_blank_date(decision)
    _adopted_date(decision)
    _file_name_number(decision)
    _split_number(decision)
    _doc_type(decision)
    _department_place(decision)
    _issuer_and_authority(decision)
    _local_province(decision)
    _blank_warnings(decision)


def _blank_warnings(decision: Decision) -> None:
    """A warning for each header value left blank in the source that no rule above filled."""
    filled = {"number": decision.number is not None, "date": decision.issue_date is not None}
    for name, text in decision.blank.items():
        if not filled.get(name, False):
            decision.warnings.append(Note("value_left_blank", "issue_date" if name == "date" else name, f"{name} left blank in the source: {text!r}"))


def _stamps_on(decision: Decision, span: Span | None) -> list[Line]:
    if span is None or span.bbox is None or span.page is None:
        return []
    page = next((p for p in decision.document.pages if p.number == span.page), None)
    if page is None:
        return []
    top, bottom = span.bbox[1] - STAMP_SLACK_PT, span.bbox[3] + STAMP_SLACK_PT
    hits = [
        s for s in page.stamps
        if s.bbox is not None and (s.bbox[1] + s.bbox[3]) / 2 >= top and (s.bbox[1] + s.bbox[3]) / 2 <= bottom
        and s.bbox[0] < span.bbox[2] and s.bbox[2] > span.bbox[0]
    ]
    return sorted(hits, key=lambda s: s.bbox[0] if s.bbox else 0)


def _stamp_values(stamps: list[Line]) -> list[tuple[str, Line]]:
    """The digit groups the stamps hold, left to right, each with its stamp: "3070." → "3070"
    (a stray full stop typed after the number), "09 9" (one widget over both blanks of
    a date) → "09", "9"."""
    out = []
    for stamp in stamps:
        for token in normalize(stamp.text).split():
            out.append((token.rstrip(".,;:"), stamp))
    return out


def _stamp_source(stamp: Line) -> str:
    if stamp.confidence is None:
        return "the signing stamp (widget annotation)"
    return f"the signing stamp's image (widget annotation read by OCR, confidence {stamp.confidence:.0f})"


def _stamped_number(decision: Decision) -> None:
    if decision.number is not None or decision.number_symbol is None:
        return
    for text, stamp in _stamp_values(_stamps_on(decision, decision.spans.get("number"))):
        if re.fullmatch(r"\d{1,6}[a-zA-Z]?", text):
            decision.number = f"{text}/{decision.number_symbol}"
            decision.warnings.append(Note("number_from_stamp", "number", f"number {text!r} read from {_stamp_source(stamp)}, not the text layer"))
            return


def _stamped_date(decision: Decision) -> None:
    if decision.issue_date is not None or not decision.date_text:
        return
    m = P.PLACE_DATE.match(decision.date_text)
    if not m:
        return
    values = [(v, s) for v, s in _stamp_values(_stamps_on(decision, decision.spans.get("issue_date"))) if re.fullmatch(r"\d{1,2}", v)]
    day, month = m.group("day"), m.group("month")
    used = []
    if not day and values:
        day, stamp = values.pop(0)
        used.append(stamp)
    if not month and values:
        month, stamp = values.pop(0)
        used.append(stamp)
    if day and month and used:
        try:
            decision.issue_date = date(printed_year(m), int(month), int(day))
        except ValueError:
            return
        decision.warnings.append(Note("date_from_stamp", "issue_date", f"day/month of issue read from {_stamp_source(used[0])}, not the text layer"))


def _signed_date(decision: Decision) -> None:
    if decision.issue_date is not None or "day" not in decision.unreadable:
        return
    if "month" in decision.unreadable:
        _signed_day_and_month(decision)
        return
    m = P.PLACE_DATE_ROUGH_DAY.match(decision.date_text or "")
    if not m:
        return
    signed = _latest_signing(decision, printed_year(m), int(m.group("month")))
    if signed:
        decision.issue_date = signed.date()
        decision.warnings.append(Note(
            "day_from_signing_time", "issue_date",
            f"day of issue {signed.day} from the digital signature's signing time "
            f"{signed.isoformat()} (the written day is unreadable)",
        ))


def _signed_blank_date(decision: Decision) -> None:
    """A digitally signed PDF whose day of issue was left blank ("ngày   tháng 6 năm 2026") and
    that no signing stamp filled is dated by its latest signing time in the printed month and
    year, with a warning: a signed document is issued, not a draft. Not when the month is blank
    too: a copy signed later for publication (KH 3070 Bỉm Sơn, issued 9/9, signed 3/10) would
    give a wrong date."""
    if decision.issue_date is not None or not decision.document.signing_times:
        return
    m = P.PLACE_DATE.match(decision.date_text or "")
    if not m or m.group("day") or not m.group("month"):
        return
    signed = _latest_signing(decision, printed_year(m), int(m.group("month")))
    if signed is None:
        return
    decision.issue_date = signed.date()
    decision.warnings.append(Note(
        "date_from_signing_time", "issue_date",
        f"date of issue {signed.date().isoformat()} from the digital signature's signing time {signed.isoformat()} "
        f"(the date line {decision.date_text!r} was left blank)",
    ))


def _signed_day_and_month(decision: Decision) -> None:
    """Day and month both unreadable: the latest signing time in the printed year, when the
    digits OCR did see in each blank ("<2Õ" → "2") fit its day and month, in order."""
    m = P.PLACE_DATE_ROUGH.match(decision.date_text or "")
    if not m:
        return
    signed = _latest_signing(decision, printed_year(m))
    if signed is None:
        return
    seen = ["".join(c for c in m.group(k) if c.isdigit()) for k in ("day", "month")]
    if not all(_fits(s, f"{v:02d}") for s, v in zip(seen, (signed.day, signed.month))):
        return
    decision.issue_date = signed.date()
    decision.warnings.append(Note(
        "day_month_from_signing_time", "issue_date",
        f"day and month of issue {signed.day}/{signed.month} from the digital signature's signing time "
        f"{signed.isoformat()} (the written ones are unreadable; the digits seen, {seen[0]!r} and {seen[1]!r}, fit)",
    ))


def _latest_signing(decision: Decision, year: int, month: int | None = None) -> datetime | None:
    """The latest PDF signing time (Vietnam time) in ``year`` (and ``month``), or ``None``.

    The issuing office signs last, after the signer; a time without a zone is taken
    as Vietnam time (ISO 32000-1 leaves it "unknown").
    """
    local = [t.astimezone(VIETNAM) if t.tzinfo else t.replace(tzinfo=VIETNAM) for t in decision.document.signing_times]
    matching = [t for t in local if t.year == year and month in (None, t.month)]
    return max(matching) if matching else None


def _fits(seen: str, value: str) -> bool:
    """True when the digits ``seen`` appear in ``value`` in order ("2" in "25", "" in "02")."""
    it = iter(value)
    return all(c in it for c in seen)


def _adopted_date(decision: Decision) -> None:
    """A law or resolution without a place-date line is dated by its adoption sentence
    ("… thông qua ngày 29 tháng 6 năm 2001", the last one in the text)."""
    if decision.issue_date is not None or decision.date_text is not None:
        return
    found = None
    for line in decision.document.lines():
        for m in P.ADOPTED_ON.finditer(normalize(line.text)):
            found = m
    if found is None:
        return
    try:
        decision.issue_date = date(int(found.group("year")), int(found.group("month")), int(found.group("day")))
    except ValueError:
        return
    decision.warnings.append(Note("date_from_adoption", "issue_date", f"no date line: date of adoption {found.group(0)!r} from the closing sentence"))


#: A file name starting with a document number and its type code: "1716 QĐ thành lập HĐTĐ.pdf",
#: "1716-QD-UBND.pdf", "1716_QĐ_UBND.pdf".
_FILE_NUMBER = re.compile(r"^(?P<seq>\d{1,6})[\s_\-.]*(?P<code>[A-Za-zĐđ]{2,4})(?![A-Za-zĐđ])")
#: The type code glued to or just before the number, as a word of the file name: "CT11_UBND.pdf",
#: "tt148_bca_2020.pdf", "QD-1360-TTg.pdf".
_FILE_CODE_NUMBER = re.compile(r"(?<![^\s_\-.])(?P<code>[A-Za-zĐđ]{2,4})[\s_\-.]?(?P<seq>\d{1,6})(?![^\s_\-.])")
#: Years named in a file name ("…_2020.pdf").
_FILE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _file_name_number(decision: Decision) -> None:
    if decision.number is not None or decision.number_symbol is None or "number" not in decision.unreadable:
        return
    name = normalize(decision.document.source_file).replace("\\", "/").rsplit("/", 1)[-1]
    code = fold(decision.number_symbol.split("-")[0]).replace("đ", "d")
    found = [m for m in (_FILE_NUMBER.match(name), *_FILE_CODE_NUMBER.finditer(name)) if m is not None]
    seqs = {m.group("seq") for m in found if fold(m.group("code")).replace("đ", "d") == code
            and not 1900 <= int(m.group("seq")) <= 2100}  # "2025 KH CCHC.pdf": a year, not a number
    if len(seqs) != 1 or not _same_year(decision, name):
        return
    seq = seqs.pop()
    year = f"{decision.number_year}/" if decision.number_year else ""
    decision.number = f"{seq}/{year}{decision.number_symbol}"
    decision.warnings.append(Note(
        "number_from_file_name", "number",
        f"number {seq} from the file name {decision.document.source_file!r} (the written number is unreadable)",
    ))


def _same_year(decision: Decision, name: str) -> bool:
    """False when the file name names years and none is the document's (number's, else date line's):
    the name is another document's."""
    years = {int(y) for y in _FILE_YEAR.findall(name)}
    printed = P.PLACE_DATE_ROUGH.match(decision.date_text or "") or P.PLACE_DATE_ROUGH_DAY.match(decision.date_text or "")
    own = decision.number_year or (printed_year(printed) if printed else None)
    return not years or own is None or own in years


def _split_number(decision: Decision) -> None:
    n = P.NUMBER.match(decision.number or "")
    if n:
        decision.number_seq = n.group("seq")
        decision.number_year = int(n.group("year")) if n.group("year") else None
        decision.number_symbol = n.group("symbol")


def _doc_type(decision: Decision) -> None:
    if decision.doc_type is not None:
        return
    code = (decision.number_symbol or "").split("-")[0]
    if code in P.SYMBOL_TYPES:
        decision.doc_type = P.SYMBOL_TYPES[code]
        decision.warnings.append(Note("doc_type_from_symbol", "doc_type", f"no type line: type {decision.doc_type!r} from the symbol code {code!r}"))
    elif decision.number_symbol and "title" in decision.spans and decision.title:
        decision.doc_type = "Công văn"
        decision.warnings.append(Note("doc_type_numbered_letter", "doc_type", "no type line and no type code in the symbol: a numbered letter (Công văn)"))


#: A People's Committee parent: "Ủy ban nhân dân tỉnh Lào Cai" → its place "tỉnh Lào Cai" (a Council's
#: committees are named after the Council: "Ban Pháp chế Hội đồng nhân dân tỉnh …", not here).
_COMMITTEE_PLACE = re.compile(
    r"^Ủy ban nhân dân\s+(?P<place>(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+\S.*)$",
    re.IGNORECASE,
)
#: Administrative unit words, folded, longest first.
_UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
#: Departments (cơ quan chuyên môn) of a People's Committee, whose full name carries its place.
_DEPARTMENT = re.compile(r"^(?:Sở|Ban|Phòng)\s", re.IGNORECASE)
#: A name that already carries a place.
_HAS_PLACE = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+\S", re.IGNORECASE)


def _department_place(decision: Decision) -> None:
    """"SỞ CÔNG THƯƠNG" under "UBND TỈNH LÀO CAI" is the "Sở Công Thương tỉnh Lào Cai"."""
    printed, parent = decision.issuer or "", normalize(decision.issuer_parent or "")
    issuer = printed
    m = _COMMITTEE_PLACE.match(parent)
    if not m or not _DEPARTMENT.match(issuer) or _HAS_PLACE.search(issuer):
        return
    place = m.group("place")
    unit = next((u for u in _UNIT_WORDS if fold(place).startswith(u + " ")), None)
    if unit and fold(issuer).endswith(" " + unit):  # "Ban Chỉ đạo … tỉnh" printed with a bare unit
        issuer = issuer[: -len(unit)].rstrip()
    decision.issuer = f"{issuer} {place}"
    decision.warnings.append(Note("issuer_from_parent_place", "issuer", f"issuer {printed!r} named with the place of its parent body {parent!r}"))


#: Lines read for the province of a local body (header, preamble, first paragraphs).
LOCAL_PROVINCE_LINES = 60


def _local_province(decision: Decision) -> None:
    """A district, town or commune body's header names no province ("ỦY BAN NHÂN DÂN / THỊ XÃ BỈM
    SƠN"): its province is the first one its opening text names ("Tỉnh ủy Thanh Hóa", "UBND tỉnh
    Bà Rịa-Vũng Tàu"), with a warning."""
    if not is_local(decision.issuer):
        return
    named = (decision.issuer, decision.issuer_parent, decision.authority, decision.place)
    if any(match_province(t) for t in named):
        return
    text = " ".join(normalize(ln.text) for ln in decision.document.lines()[:LOCAL_PROVINCE_LINES])
    found = province_in_text(text)
    if found:
        decision.province = found
        decision.warnings.append(Note("province_from_text", "province", f"province {found!r} of a local body, from the first province its text names"))


def _issuer_and_authority(decision: Decision) -> None:
    if decision.authority and P.BARE_UNIT_END.search(decision.authority):
        _complete_bare_authority(decision)
    body = clean_issuer(decision.authority) if decision.authority else None
    if decision.issuer in ("Ủy ban nhân dân", "Hội đồng nhân dân") and body and body.startswith(decision.issuer):
        if len(body) > len(decision.issuer):
            decision.issuer = body
            decision.warnings.append(Note("issuer_from_authority", "issuer", "issuer block without its place; body taken from the authority line"))
    if decision.authority is None and decision.issuer and decision.doc_type is not None:
        decision.authority = decision.issuer


def _complete_bare_authority(decision: Decision) -> None:
    """An authority line cut to "ỦY BAN NHÂN DÂN TỈNH" is named by the issuer block that
    it begins ("Ủy ban nhân dân tỉnh Bình Phước"), else by a place of issue that is a
    province. A place that is a town ("Đồng Xoài", capital of Bình Phước, in older
    documents) names no province: a bare "… TỈNH" is then left as printed. A bare
    district or city unit ("… HUYỆN") takes the place of issue, which names it."""
    authority = decision.authority or ""
    issuer = decision.issuer or ""
    if fold(issuer).startswith(fold(authority) + " "):
        decision.authority = issuer
        decision.warnings.append(Note("authority_from_issuer", "authority", "authority line ends in a bare unit; completed from the issuer block"))
    elif decision.place and (not _ends_in_province_unit(authority) or match_province(decision.place)):
        decision.authority = f"{authority} {decision.place}"
        decision.warnings.append(Note("authority_place_appended", "authority", "authority line ends in a bare unit; place of issue appended"))


def _ends_in_province_unit(authority: str) -> bool:
    m = P.BARE_UNIT_END.search(authority)
    return m is not None and fold(m.group(0).strip()) == fold("tỉnh")
