"""Nơi nhận (recipients): one addressee per row; "Lưu: …" is the archive note.

Items are the "- …" lines below "Nơi nhận:" in the left column of the closing
block (the signature sits in the right column). An item holding several
addressees is split on ";" and on "," between addressees — not inside
parentheses, not after a ":" that introduces a list under one body ("VPUB: CVP,
các PCVP"), and not inside names that hold a comma ("Lao động, Thương binh và
Xã hội").
"""

from __future__ import annotations

import re

from pipeline.model import Line, Part, Recipient
from pipeline.structure import patterns as P
from pipeline.text import normalize

#: Lines read after "Nơi nhận:" before giving up.
WINDOW = 40
_NOTE = re.compile(r"\s*\((?P<note>[^()]*)\)\s*$")
_NO_SPLIT_AFTER = re.compile(r"(?:Lao động|Văn hóa|Thông tin|Khoa học)\s*$")


def find_recipients(lines: list[Line], start: int, stop: int) -> tuple[Part, list[Recipient], str | None] | None:
    """The ``recipients`` part, its rows and the archive note, from ``lines[start:stop]``.

    A line holding line breaks (a Word paragraph with soft breaks, "Nơi nhận:\\n- A;\\n- B;")
    is read as the printed lines it shows. Returns ``None`` when there is no "Nơi nhận" heading.
    """
    head = next((i for i in range(start, stop) if P.RECIPIENTS_HEAD.match(normalize(lines[i].text))), None)
    if head is None:
        return None
    column = lines[head].column
    printed = [(text, line.page) for line in lines[head : min(stop, head + WINDOW)] if line.column == column
               for text in _printed_lines(line)]
    first = P.RECIPIENTS_HEAD.sub("", printed[0][0], count=1).split("|")[0]
    items, note = _items([(first, printed[0][1]), *printed[1:]])
    return _part(items) + (note,)


def _printed_lines(line: Line) -> list[str]:
    """The printed lines of one reader line (split at its line breaks), normalised, table bars stripped."""
    return [normalize(piece).strip(" |") for piece in line.text.split("\n")]


def _items(printed: list[tuple[str, int | None]]) -> tuple[list[tuple[str, int | None]], str | None]:
    """``(item text, page)`` of each "- …" entry (continuation lines joined) and the "Lưu: …" note.

    Reading stops at the archive note, a signing capacity or a line in capitals.
    """
    items: list[tuple[str, int | None]] = []
    for text, page in printed:
        text = text.strip()
        if not text:
            continue
        archive = P.ARCHIVE.match(text)
        if archive:
            return items, archive.group("note").strip(" .;") or None
        if text[:1] in "-–+•" or not items:
            items.append((text, page))
        elif P.CAPACITY.match(text) or text.upper() == text:
            break
        else:
            items[-1] = (items[-1][0] + " " + text, items[-1][1])
    return items, None


def _part(items: list[tuple[str, int | None]]) -> tuple[Part, list[Recipient]]:
    """The part (items joined by line breaks) and one row per addressee, offsets in the part's text."""
    part = Part(name="recipients")
    rows: list[Recipient] = []
    chunks: list[str] = []
    offset = 0
    for text, page in items:
        part.starts.append(offset)
        part.pages.append(page)
        for name, a, b in split_addressees(text):
            m = _NOTE.search(name)
            label = name[: m.start()].strip() if m else name
            end = offset + a + len(label) if m else offset + b
            rows.append(Recipient(len(rows), label, m.group("note") if m else None, offset + a, end, page))
        chunks.append(text)
        offset += len(text) + 1
    part.text = "\n".join(chunks)
    return part, rows


def split_addressees(item: str) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` for each addressee in one "- …;" item (offsets in ``item``)."""
    out: list[tuple[str, int, int]] = []
    depth = 0
    listing = False
    start = 0
    for i, ch in enumerate(item + ";"):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ":" and depth == 0:
            listing = True
        elif depth == 0 and (ch == ";" or (ch == "," and not listing and _next_is_body(item, i, start))):
            _add(out, item, start, i)
            start = i + 1
            listing = False if ch == ";" else listing
    return out


def _next_is_body(item: str, comma: int, start: int) -> bool:
    """A comma separates addressees when a capitalised body name follows it.

    "Đài PT-TH, Báo Khánh Hòa" splits; "Các sở, ban, ngành" (one collective) and
    "Sở Lao động, Thương binh và Xã hội" (one name) do not.
    """
    rest = item[comma + 1 :].lstrip()
    return bool(rest[:1].isupper()) and not _NO_SPLIT_AFTER.search(item[start:comma])


def _add(out: list[tuple[str, int, int]], item: str, a: int, b: int) -> None:
    raw = item[a:b]
    lead = len(raw) - len(raw.lstrip(" -–+•"))
    name = raw.strip(" -–+•.")
    if name:
        s = a + lead
        out.append((name, s, s + len(name)))
