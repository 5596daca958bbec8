"""Letters OCR reads for digits in the labelled parts of a decision (nhầm ký tự khi nhận dạng).

Tesseract reads "1" as "l", "I" or "|", "0" as "O", "5" as "S" and "8" as "§" where a
scan is faint or bold, and a leading table rule as "|". In running text such
a reading cannot be told from a word; in the few places of a Decree 30/2020
layout where the form says what must stand there, it can:

- the number line "Số: l5/QĐ-UBND" (Phụ lục I, the số và ký hiệu: digits
  before the first "/"), whose label OCR also reads "Só:", "Sô:", "S6:",
  and whose symbol holds only capitals, Đ, digits, "&" and dashes (a "6"
  read "ó": "PCCC&CNCH-Pó");
- the place-and-date line "ngày 2O tháng O5 năm 2O25" (day 1–31, month 1–12,
  year 19xx/20xx);
- article headings "Điều L." / "Điều l." (Điều + an ordinal);
- a line starting with "| " (a rule or the page edge read as a bar) or with
  quote marks glued to a capital ("=““Nguyễn", a signature stroke);
- letters with marks Vietnamese never writes ("Ñguyễn" → "Nguyễn").

A reading is changed only when every character of the field is a digit or a
known look-alike and at least one is a real digit (or, for "Điều", the
heading shape leaves no other reading), so nothing is invented: a handwritten
number read as "#6`" stays as it is. Each change is reported (what was read,
what it became) for the page's warnings. Pure functions; patterns below.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Look-alikes OCR gives for digits, and the digit each stands for.
#: "§" is an 8 whose loops ran together (Tesseract's section sign: "Số: 147§/QĐ-…").
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1", "S": "5", "s": "5", "§": "8"})
_LOOK = "OoDlI|iSs§"
#: A digit field: digits and look-alikes only.
_FIELD = rf"[0-9{re.escape(_LOOK)}]"

#: The number line's label as OCR misreads it ("Só:", "Sô:", "S6:", "Sỏ:") and its sequence before "/".
#: A stray full stop may follow the sequence ("Số: 3070. /KH-UBND", as printed).
NUMBER_LINE = re.compile(rf"^(?P<label>S[ốóôòỏõọồổỗộo06]\s*[:.;]|Số\s*[:.;]?)\s*(?P<seq>{_FIELD}{{1,6}})(?=\.?\s*/)")
#: The ký hiệu after the number: capitals, Đ, digits, "&" and dashes ("PCCC&CNCH-P6"),
#: in which OCR reads a 6 as a marked "ó" ("P6" → "Pó").
SYMBOL = re.compile(r"(?<=/)(?P<symbol>[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&óôò]+)+)(?=\s|$)")
SYMBOL_LOOKALIKES = str.maketrans({"ó": "6", "ô": "6", "ò": "6"})
#: Day, month and year of a place-and-date line.
DATE_PART = re.compile(
    rf"(?P<lead>ngày\s*)(?P<day>{_FIELD}{{1,2}})(?P<mid1>\s*tháng\s*)(?P<month>{_FIELD}{{1,2}})"
    rf"(?P<mid2>\s*năm\s*)(?P<year>{_FIELD}{{4}})\b",
    re.IGNORECASE,
)
#: An article heading whose ordinal OCR read as letters: "Điều L.", "Điều l1.", "Điều I:".
ARTICLE = re.compile(r"^(?P<head>Điều\s+)(?P<ord>[0-9lLI|]{1,3})(?=\s*[.:])")
#: A bar and blank at the start of a line: a rule or the page edge read as "|".
LEADING_BAR = re.compile(r"^\|\s+(?=\S)")
#: Two or more quote-like marks glued before a capital at the start of a line:
#: a signature or seal stroke read as "=““" before a signer's name.
LEADING_MARKS = re.compile(r"^[=~^`'\"“”‘’«»]{2,}(?=[A-ZĐÀ-Ỹ])")
#: Marks Vietnamese letters carry (circumflex, breve, horn, the five tones);
#: any other mark on a Latin letter is OCR's ("Ñguyễn", "Ä").
_VIETNAMESE_MARKS = frozenset("\u0302\u0306\u031b\u0300\u0301\u0303\u0309\u0323")
_FOREIGN_MARKED = re.compile(r"[ÑñÄäËëÏïÖöÜüÇçÅåÆæ]")


#: A place-and-date line whose comma after the place OCR lost: "Hà Nội ngày 23 tháng 07 năm 2025".
PLACE_NO_COMMA = re.compile(r"^(?P<place>[A-ZĐÀ-Ỹ][^\d,;:]{1,40}?[^\s,;:])\s+(?=ngày\b[^,]*\btháng\b[^,]*\bnăm\s*\d)")


def restore_place_comma(text: str) -> Correction | None:
    """The header's place-and-date line with the comma after the place restored, or None.

    Only for lines of the header band (the caller decides): in running text
    "Trước ngày 30 tháng 8 năm 2025" is a sentence, not a place and date.
    """
    m = PLACE_NO_COMMA.match(text)
    if not m:
        return None
    return Correction(text, m.group("place") + ", " + text[m.end():], "comma after the place restored")


@dataclass(frozen=True, slots=True)
class Correction:
    """One resolved confusion: the line as read, as corrected, and what changed."""

    read: str
    corrected: str
    what: str


def _digits(field: str) -> str | None:
    """``field`` with look-alikes as digits, when it holds at least one real digit; else None."""
    if not any(c.isdigit() for c in field):
        return None
    digits = field.translate(LOOKALIKES)
    # the date pattern is matched ignoring case, so its fields may hold "L", "d", "o" … that are no
    # look-alike of a digit in that case ("ngày L7" on a scanned Thông tư): such a field is left alone
    return digits if digits.isdigit() else None


def _number_line(text: str) -> tuple[str, list[str]]:
    m = NUMBER_LINE.match(text)
    if not m:
        return text, []
    changes = []
    label, seq = m.group("label"), m.group("seq")
    new_seq = _digits(seq) or seq
    if new_seq != seq:
        changes.append(f"number {seq!r} → {new_seq!r}")
    new_label = label if label.startswith("Số") else "Số:"
    if new_label != label and (new_seq.isdigit()):
        changes.append(f"label {label!r} → 'Số:'")
    else:
        new_label = label
    if not changes:
        return text, []
    rest = text[m.end("seq"):]
    gap = text[m.end("label"): m.start("seq")]
    return new_label + gap + new_seq + rest, changes


def _symbol(text: str) -> tuple[str, list[str]]:
    """A "6" read as "ó" in the number line's symbol ("2243/PCCC&CNCH-Pó" → "…-P6")."""
    if not (NUMBER_LINE.match(text) or text.startswith("Số")):
        return text, []
    m = SYMBOL.search(text)
    if not m or not any(c in "óôò" for c in m.group("symbol")):
        return text, []
    fixed = m.group("symbol").translate(SYMBOL_LOOKALIKES)
    return text[: m.start()] + fixed + text[m.end():], [f"symbol {m.group('symbol')!r} → {fixed!r}"]


def _date_line(text: str) -> tuple[str, list[str]]:
    m = DATE_PART.search(text)
    if not m:
        return text, []
    parts = {k: _digits(m.group(k)) for k in ("day", "month", "year")}
    if any(v is None for v in parts.values()):
        return text, []
    day, month, year = (int(parts[k]) for k in ("day", "month", "year"))  # type: ignore[arg-type]
    if not (1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2099):
        return text, []
    changes = [f"{k} {m.group(k)!r} → {parts[k]!r}" for k in ("day", "month", "year") if parts[k] != m.group(k)]
    if not changes:
        return text, []
    new = m.group("lead") + parts["day"] + m.group("mid1") + parts["month"] + m.group("mid2") + parts["year"]  # type: ignore[operator]
    return text[: m.start()] + new + text[m.end():], changes


def _article(text: str) -> tuple[str, list[str]]:
    m = ARTICLE.match(text)
    if not m:
        return text, []
    ordinal = m.group("ord")
    fixed = ordinal.translate(LOOKALIKES).replace("L", "1")
    if fixed == ordinal or not fixed.isdigit():
        return text, []
    return m.group("head") + fixed + text[m.end("ord"):], [f"article ordinal {ordinal!r} → {fixed!r}"]


def _foreign_marks(text: str) -> tuple[str, list[str]]:
    """Latin letters with marks Vietnamese never writes (ñ, ä, ö, ü, ç, å) as their bare letter.

    A tilde over "n" or a diaeresis is a speck or a seal stroke read with the
    letter: "Ñguyễn" → "Nguyễn". Vietnamese tildes sit on vowels (ã, ẽ, …),
    which are left alone.
    """
    if not _FOREIGN_MARKED.search(text):
        return text, []
    changes: list[str] = []

    def bare(m: re.Match[str]) -> str:
        ch = m.group()
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        base = {"Æ": "AE", "æ": "ae"}.get(ch, base)
        changes.append(f"{ch!r} → {base!r}")
        return base

    return _FOREIGN_MARKED.sub(bare, text), changes


def correct_line(text: str) -> Correction | None:
    """The line with its OCR confusions resolved, or None when nothing is changed.

    See the module docstring for where and when a change is made.
    """
    new, changes = text, []
    bar = LEADING_BAR.match(new)
    if bar:
        new, changes = new[bar.end():], ["leading '|' dropped"]
    marks = LEADING_MARKS.match(new)
    if marks:
        new, changes = new[marks.end():], changes + [f"leading {marks.group()!r} dropped"]
    new, more = _foreign_marks(new)
    changes += more
    for fix in (_number_line, _symbol, _date_line, _article):
        new, more = fix(new)
        changes += more
    if not changes:
        return None
    return Correction(text, new, ", ".join(changes))
