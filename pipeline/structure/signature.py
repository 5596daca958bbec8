"""Signature block (chữ ký: thẩm quyền, chức vụ, họ tên) of a Decree 30 document.

Decree 30/2020, Appendix I, part 7: the block sits in the right column of the
closing, beside "Nơi nhận:" (recipients). Capacity lines come first (TM./KT./Q./
TL./TUQ., chained: "TL. BỘ TRƯỞNG / KT. CHỦ TỊCH / ỦY BAN CHỨNG KHOÁN NHÀ NƯỚC"),
then the position (chức vụ) in capitals, then the signer's name after the space
left for the signature and seal. As practised:

- gazette (Công báo) prints drop "Nơi nhận" and put a running head
  ("CÔNG BÁO/Số 242/Ngày 22-04-2026 50") in the right column of the next page;
- web copies flatten the block into one column below the recipients and wrap a
  capacity line ("TM. ỦY BAN NHÂN" / "DÂN");
- Word files type the block as one paragraph with line breaks, or put it in the
  right cell of a borderless 2-column table (lines holding "\\n");
- a signer printed without capacity ("THỦ TƯỚNG" over "Lê Minh Hưng");
- a rank before the name ("Đại tá Nguyễn Thanh Điệp") is not part of the name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Line, Signature, Span
from pipeline.structure import patterns as P
from pipeline.structure.names import capacity_form, sentence_case_name
from pipeline.text import normalize
from pipeline.text.syllables import is_syllable

#: How many lines after the anchor to look for the signature column.
WINDOW = 40
#: Lines between a position and the name below it (signature and seal space, "(Đã ký)").
NAME_GAP = 6


def find_signature(lines: list[Line], start: int, stop: int) -> Signature | None:
    """Parse the first signature block in ``lines[start:stop]``.

    Anchors, first found wins: a capacity line ("TM. …", "KT. …") printed before
    any "Nơi nhận:" (gazette prints, forms appended after the signature), the
    "Nơi nhận:" heading, then a lone position line followed by a name ("THỦ
    TƯỚNG" / "Lê Minh Hưng"). Returns ``None`` when there is none.
    """
    region = _expanded(lines[start:stop])
    texts = [normalize(ln.text) for ln in region]
    recip = next((i for i, t in enumerate(texts) if P.RECIPIENTS_HEAD.match(t)), None)
    cap = next((i for i, t in enumerate(texts) if _capacity_line(t)), None)
    if cap is not None and (recip is None or cap < recip - 2):
        return parse_signature(_column(region[cap : cap + WINDOW], region[cap].column == 1))
    if recip is not None:
        window = region[max(0, recip - 2) : recip + WINDOW]
        right = any(ln.column == 1 and normalize(ln.text) for ln in window)
        block = _column(window, right)
        first = next((i for i, ln in enumerate(block) if _block_start(normalize(ln.text))), None)
        if first is not None:
            return parse_signature(block[first:])
        # A right column holding only the name: OCR lost the position under the seal.
        return parse_signature(block, lone_name=True) if right else None
    lone = next((i for i, t in enumerate(texts) if P.POSITION.match(_caps_part(t) or "") and _name_follows(texts, i)), None)
    if lone is None:
        return None
    return parse_signature(_column(region[lone : lone + NAME_GAP + 2], region[lone].column == 1))


def _expanded(region: list[Line]) -> list[Line]:
    """Lines holding line breaks (a Word paragraph or table cell) split into one line each."""
    out: list[Line] = []
    for ln in region:
        if "\n" in ln.text.strip():
            out.extend(replace(ln, text=piece) for piece in ln.text.strip().split("\n"))
        else:
            out.append(ln)
    return out


def _column(window: list[Line], right: bool) -> list[Line]:
    """The signature column's lines in ``window``: the right column's when the block is laid out there."""
    return [ln for ln in window if ln.column == 1] if right else window


def _capacity_line(text: str) -> bool:
    """"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TM . UBND …": capitals after the abbreviation."""
    m = P.CAPACITY.match(text)
    return bool(m) and _caps_part(m.group("rest")) is not None


def _block_start(text: str) -> bool:
    return _capacity_line(text) or P.POSITION.match(_caps_part(text) or "") is not None


def _name_follows(texts: list[str], i: int) -> bool:
    return any(_name(t) for t in texts[i + 1 : i + 1 + NAME_GAP])


def _caps_part(text: str) -> str | None:
    """The capitalised text of a line, trailing seal debris cut ("PHÓ THỦ TƯỚNGy]" → "PHÓ THỦ TƯỚNG").

    ``None`` when the line is not written in capitals (three capital letters at least,
    and the cut part at most two characters).
    """
    text = text.strip().strip("*").strip()
    cut = len(text)
    for k, c in enumerate(text):
        if (c.isalpha() and c.islower()) or c in "[]|{}":
            cut = k
            break
    head = text[:cut].rstrip(" .,;:-(")
    letters = sum(c.isalpha() for c in head)
    if letters < 2 or len(text) - cut > 2:
        return None
    return head


def _name(text: str) -> str | None:
    """The signer's name in ``text`` (2–6 capitalised words, no digits), a rank before it dropped."""
    text = P.SIGNER_RANK.sub("", text.strip().strip("*").strip())
    words = text.split()
    if not 2 <= len(words) <= 6 or P.NOT_A_NAME.match(text) or any(c.isdigit() for c in text):
        return None
    if not all(w[:1].isupper() and w[1:] == w[1:].lower() and w.isalpha() for w in words):
        return None
    return text


def _spelt_name(text: str) -> bool:
    """A name every word of which is spelt as a Vietnamese syllable ("Lê Văn Lương", not OCR's
    "Eếnn Hồng Hà"): a name standing alone needs that much evidence."""
    words = P.SIGNER_RANK.sub("", text.strip()).split()
    return bool(words) and all(is_syllable(w) for w in words)


def _before_next_header(items: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """The lines before the national motto of a document that follows (an attached plan's header,
    read into the same line by OCR: "PHÓ GIÁM ĐỐC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")."""
    for k, (t, ln) in enumerate(items):
        m = P.MOTTO.search(t)
        if m:
            head = t[: m.start()].strip()
            return items[:k] + ([(head, ln)] if head else [])
    return items


def parse_signature(column: list[Line], lone_name: bool = False) -> Signature | None:
    """Read capacity, position and name from the signature column's lines.

    Capacity lines ("TM. …", "KT. …") and their wrapped tails come first; the
    position is the first title line after them ("PHÓ TRƯỞNG BAN" over a
    concurrent "PHÓ CHỦ TỊCH UBND TỈNH"), else the capacity's own title ("KT.
    CHỦ TỊCH"); the name is the first name-like line below. With ``lone_name`` (the
    closing's right column, beside "Nơi nhận:") a name with no title line above it is
    the signer's too (QĐ 1629/QĐ-UBND Lai Châu, OCR'd: "CHỦ TỊCH" lost in the seal).
    """
    items = [(normalize(ln.text), ln) for ln in _expanded(column)]
    items = [(t, ln) for t, ln in items if t and not P.SEPARATOR.match(t) and not P.RUNNING_HEAD.match(t)]
    items = _before_next_header(items)
    if not items:
        return None
    sig = Signature(span=Span.of_lines([ln for _, ln in items]))
    titles: list[str] = []
    printed: list[str] = []  # the capacity lines as printed, wrapped tails included
    for t, _ in items:
        if sig.name is None and (titles or sig.capacity or (lone_name and _spelt_name(t))) and _name(t):
            sig.name = _name(t)
            break
        caps = _caps_part(t)
        if _capacity_line(t):
            printed.append(caps or t)
            sig.capacity = capacity_form(" ".join(printed))
            titles = []
        elif caps and P.POSITION.match(caps):
            titles.append(caps)
        elif caps and sig.capacity and not titles:
            printed.append(caps)  # a wrapped capacity line ("… NHÂN" / "DÂN")
            sig.capacity = capacity_form(" ".join(printed))
        elif caps:
            titles.append(caps)
    positions = [t for t in titles if P.POSITION.match(t)]
    if positions:
        sig.position = sentence_case_name(positions[0])
    elif titles:
        sig.position = sentence_case_name(titles[-1])
    elif sig.capacity:
        # "KT. CHỦ TỊCH" with no position line below: the capacity names it.
        sig.position = sig.capacity.rsplit(".", 1)[1].strip()
    if sig.name is None and sig.position is None and sig.capacity is None:
        return None
    sig.capacity_printed = " / ".join(printed) or None
    return sig
