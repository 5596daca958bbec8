"""One body row of a task table: its field values and what kind of row it is.

Kinds (Decree 30/2020 plans and Công báo appendices as printed):

* ``section`` — a group row (hàng nhóm): "I", "II. Cải cách thể chế", "A", "Phần I",
  the numeral in the TT cell and a title, nothing else; or a title in capitals
  with no TT ("NGHỊ ĐỊNH");
* ``note`` — a closing total or a remark ("Tổng thời gian giải quyết …", a
  full-width merged text without TT) — not a task;
* ``task`` — everything else with text; :mod:`pipeline.structure.appendix`
  decides whether a row without its own TT continues the task above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Cell
from pipeline.structure import patterns as P
from pipeline.text import normalize
from pipeline.text.syllables import rejoin_split_syllables

#: A line-end hyphen inside an identifier ("66-" / "NQ/TW"); PDF cells arrive with the
#: lines already joined by a space ("66- NQ/TW"), other formats keep the line break.
_BROKEN_IDENTIFIER = re.compile(r"(?<=[0-9A-ZĐ])-\n(?=[A-ZĐ]{2})")
_BROKEN_IDENTIFIER_PDF = re.compile(r"(?<=[0-9A-ZĐ])-\s+(?=[A-ZĐ]{2})")
#: Evidence that a text layer spaced a syllable apart: a piece of a word without a vowel
#: ("C h í nh", "T rước", "B ộ"); cells without it are left alone ("dịch vụ y tế" stays).
_SPLIT_SYLLABLE = re.compile(r"(?<![\w/])(?:[bcdđghklmnpqrstvx]{1,3}|[BCDĐGHKLMNPQRSTVX])\s+[^\W\d_]")
#: Longest text of a TT cell that is not an ordinal but still starts a task row.
ORDINAL_MAX = 15


def clean(text: str, repair: bool) -> str:
    """A cell's text as stored: normalised, identifiers broken at a line-end hyphen rejoined;
    with ``repair`` (PDF text layers) syllables split by spurious spaces rejoined."""
    if repair and _SPLIT_SYLLABLE.search(text):
        text = "\n".join(rejoin_split_syllables(line) for line in text.split("\n"))
    text = normalize(text)
    if repair:
        text = _BROKEN_IDENTIFIER_PDF.sub("-", text)
    return _BROKEN_IDENTIFIER.sub("-", text)


@dataclass(slots=True)
class Row:
    """A body row read through the column mapping.

    ``values`` field → text (fields shared by several columns joined by a line
    break); ``own`` the fields whose cell starts in this row (not a vertically
    merged copy of the cell above); ``ordinal_merged`` the TT cell is a merged copy.
    """

    cells: list[Cell]
    values: dict[str, str]
    own: set[str]
    ordinal_merged: bool
    spans: int
    """Largest number of mapped columns one filled cell of the row covers."""


def read_row(row: list[Cell], mapping: dict[int, str], repair: bool) -> Row:
    """Field values of one grid row (a cell spanning columns fills each of their fields)."""
    parts: dict[str, list[str]] = {}
    own: set[str] = set()
    ordinal_merged = False
    spans = 0
    for cell in row:
        text = clean(cell.text, repair)
        names = [mapping[c] for c in range(cell.col, cell.col + cell.col_span) if c in mapping]
        if "ordinal" in names and cell.merged_from_above:
            ordinal_merged = True
        if text:
            spans = max(spans, len(names))
        for name in dict.fromkeys(names):
            if not text:
                continue
            have = parts.setdefault(name, [])
            if text not in have:
                have.append(text)
            if not cell.merged_from_above:
                own.add(name)
    values = {name: "\n".join(texts) for name, texts in parts.items()}
    return Row(row, values, own, ordinal_merged, spans)


def section_of(row: Row, n_mapped: int) -> tuple[str | None, str] | None:
    """``(numeral or None, title)`` when the row is a section (group) row, else ``None``.

    The TT cell (or, without one, a cell merged over the row) starts with a section
    mark and the row holds at most one other text, the title; or the row has no TT
    and only a task text in capitals.
    """
    first = row.values.get("ordinal", "") if "ordinal" in row.own else ""
    if not first and row.spans >= max(2, n_mapped - 1):
        first = row.values.get("task", "")
    m = P.SECTION_MARK.match(first) if first else None
    if m:
        texts = set(row.values.values()) - {first}
        if len(texts) > 1:
            return None
        numeral = first[: m.start("title")].strip().rstrip(".:-–)").strip()
        title = m.group("title").strip() or next(iter(texts), "")
        return numeral, title
    if not first and "task" in row.own and set(row.own) <= {"task"} and _is_caps_title(row.values.get("task", "")):
        return None, row.values["task"]
    return None


def _is_caps_title(text: str) -> bool:
    """A title in capitals ("NGHỊ ĐỊNH", "NHÓM GIẢI PHÁP VỀ CƠ CHẾ"): letters, all upper case,
    with at least one word of letters only. A document number's symbol is capitals too but
    no word: "226/2025/NĐ-CP." at the top of a page is the end of the task text above, its
    row broken by the page (Word → PDF), not a section."""
    letters = [ch for ch in text if ch.isalpha()]
    words = any(len(w) >= 2 and w.isalpha() for w in re.split(r"[\s,.;:()]+", text))
    return len(letters) >= 4 and words and text.upper() == text and "\n" not in text.strip()


def is_note(row: Row, n_mapped: int) -> bool:
    """A total or remark row without TT: "Tổng thời gian …", or one text merged over
    the task column and the columns after it."""
    if row.values.get("ordinal"):
        first = row.values["ordinal"]
        return bool(P.NOTE_ROW.match(first)) and not P.ORDINAL.match(first)
    first = row.values.get("task", "") or next(iter(row.values.values()), "")
    if P.NOTE_ROW.match(first):
        return True
    return n_mapped > 2 and row.spans >= n_mapped - 1 and len(set(row.values.values())) == 1


def has_ordinal(row: Row) -> bool:
    """The row starts a task of its own: a TT cell of its own whose text reads as an ordinal."""
    text = row.values.get("ordinal", "")
    return "ordinal" in row.own and bool(text) and not row.ordinal_merged


def is_stray(row: Row) -> bool:
    """A row whose TT cell holds a long text that is no ordinal (page chrome after a table)."""
    text = row.values.get("ordinal", "") if "ordinal" in row.own else ""
    return bool(text) and not P.ORDINAL.match(text) and (len(text) > ORDINAL_MAX or text.endswith(":"))
