"""Header layouts met outside Decree 30/2020's standard block, as practised (bố cục đầu văn bản khác).

- The older gazette form (Công báo before Decree 110/2004, copied by legal databases)
  prints issuer, number and date inside the title under the type line: "QUYẾT ĐỊNH /
  CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG / NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC …".
- A Công điện (telegram) prints its sender under the title: "THỦ TƯỚNG CHÍNH PHỦ điện:".
- A letter's "V/v …" trích yếu wraps onto lines right under it in the left column.

Used by :mod:`pipeline.structure.header`; patterns in :mod:`pipeline.structure.patterns`.
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.model import Decision, Line, Note
from pipeline.structure import patterns as P
from pipeline.structure.names import sentence_case_name, spell_out
from pipeline.text import normalize


def _capitals(text: str) -> bool:
    return text.upper() == text and any(c.isalpha() for c in text)


def title_line_header(decision: Decision) -> None:
    """Issuer, number and date printed in the title (the older gazette form, :data:`P.TITLE_LINE_HEADER`):
    "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC …" gives the issuer
    "Thủ tướng Chính phủ", the number "115/2004/QĐ-TTg", the date and the title "VỀ VIỆC …". Only
    when the header printed none of them."""
    m = P.TITLE_LINE_HEADER.match(decision.title or "")
    if m is None or decision.number is not None or decision.date_text is not None or not m.group("title"):
        return
    year, month, day = (m.group(k) or m.group(k[0]) for k in ("year", "month", "day"))
    try:
        issued = date(int(year), int(month), int(day))
    except ValueError:
        return
    number = m.group("number")
    for caps, cased in P.MIXED_CASE_CODES.items():
        number = re.sub(rf"(?<=-){caps}\b", cased, number)
    decision.issuer = decision.issuer or spell_out(sentence_case_name(m.group("issuer").upper()))
    decision.number, decision.issue_date = number, issued
    decision.date_text = m.group(0)[m.start("day") if m.group("day") else m.start("d"):m.start("title")].strip()
    decision.title = m.group("title")
    decision.warnings.append(Note("header_in_title_line", "title", "issuer, number and date printed in the title line (older gazette form)"))


def telegram_sender(text: str) -> str | None:
    """The sender of a Công điện line "THỦ TƯỚNG CHÍNH PHỦ điện:" (capitals before "điện:"), else None."""
    m = P.TELEGRAM_SENDER.match(text)
    return m.group("sender") if m and _capitals(m.group("sender")) else None


def wraps_letter_title(above: Line, line: Line, first: Line) -> bool:
    """A line that carries on a letter's "V/v …" trích yếu wrapped under it (PDF layout): in the
    same column, right below (gap under a line height), and within the first line's width
    ("V/v thu thập, tổng hợp, đánh giá tình hình" / "thực hiện QCVN 03:2023/BCA"); not "Kính gửi:",
    a rule or another header line. Lines without boxes (Word paragraphs) wrap inside their own text."""
    if above.bbox is None or line.bbox is None or first.bbox is None or line.column != first.column:
        return False
    text = normalize(line.text)
    height = above.bbox[3] - above.bbox[1]
    if not text or P.ADDRESSEE.match(text) or P.SEPARATOR.match(text) or P.MOTTO.search(text):
        return False
    if P.NUMBER_LINE.match(text) or P.PLACE_DATE.match(text) or P.PREAMBLE_START.match(text):
        return False
    return (
        0 <= line.bbox[1] - above.bbox[3] < height
        and line.bbox[0] >= first.bbox[0] - height and line.bbox[2] <= first.bbox[2] + height
    )


def letter_title_end(lines: list[Line], first: int, max_lines: int) -> int:
    """Index after a letter's trích yếu that starts at ``first`` and wraps in its column.

    Lines of the other column beside it (the place-date line) are passed over; a line of
    its own column carries it on when :func:`wraps_letter_title` says so
    (right below, within the first line's width, not "Kính gửi", a rule or a header line).
    Lines without boxes do not wrap; the title runs ``max_lines`` lines at most.
    """
    top = lines[first]
    end, above = first + 1, top
    for j in range(first + 1, min(len(lines), first + max_lines)):
        line = lines[j]
        if line.column != top.column:
            continue
        if not wraps_letter_title(above, line, top):
            break
        end, above = j + 1, line
    return end
