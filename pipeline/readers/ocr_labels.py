"""Fixed labels of a Decree 30/2020 page restored in OCR'd lines (nhãn cố định bị đọc sai dấu).

Tesseract loses or swaps the marks of capitals on 200 dpi scans: "CHÍ THỊ"
for "CHỈ THỊ", "KÉ HOẠCH" for "KẾ HOẠCH", "THÀNH PHÓ HÀ NỌI" for "THÀNH
PHỐ HÀ NỘI", "PHO CỤC TRƯỜNG" for "PHÓ CỤC TRƯỞNG". The header, type line
and signature block draw their words from a closed list: the type names
(Decree 30/2020, Appendix III), the titles of signers, the fixed header
phrases, and province names (``pipeline/data/provinces.json``). A run of
capitalised words whose letters without marks spell one of those phrases
(:func:`pipeline.text.spelling.bare`), and whose marks differ, is rewritten as
the phrase, case kept (UPPER or Title). Only phrases of two syllables or more
take part, so "PHÓ" (deputy) is never turned into "PHỐ" (city) on its own.
Letters OCR confuses in capitals ("GLAM" for "GIÁM", :data:`CONFUSED`) are
folded before comparing, and in a label of three syllables or more one
syllable may have lost up to two letters under a seal ("PHÓ ÁM ĐỐC"), when
only one label fits.
Each change is reported for the page's warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import read_data
from pipeline.readers.triage import is_syllable
from pipeline.text.spelling import bare

#: Type names (tên loại văn bản, Decree 30/2020 Appendix III) as on the type line.
TYPE_NAMES = (
    "QUYẾT ĐỊNH", "KẾ HOẠCH", "BÁO CÁO", "TỜ TRÌNH", "CHỈ THỊ", "THÔNG BÁO", "NGHỊ QUYẾT", "CHƯƠNG TRÌNH",
    "ĐỀ ÁN", "PHƯƠNG ÁN", "HƯỚNG DẪN", "QUY CHẾ", "QUY ĐỊNH", "GIẤY MỜI", "BIÊN BẢN", "CÔNG ĐIỆN",
    "THÔNG TƯ", "NGHỊ ĐỊNH", "CÔNG VĂN", "KẾT LUẬN", "PHỤ LỤC",
)
#: Signers' titles (chức vụ người ký) in signature blocks, with the KT./TM. authority lines' words.
SIGNER_TITLES = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
    "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG",
    "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "TỔ TRƯỞNG", "PHÓ TỔ TRƯỞNG", "THƯỜNG TRỰC",
    "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "VIỆN TRƯỞNG", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
)
#: Fixed phrases of the header (quốc hiệu, tiêu ngữ, issuer kinds) and closing.
HEADER_PHRASES = (
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP",
    "TỰ DO", "HẠNH PHÚC", "NƠI NHẬN", "KÍNH GỬI", "CÔNG AN", "CHÍNH PHỦ", "VĂN PHÒNG", "Y TẾ", "TƯ PHÁP",
    "TỔ CÔNG TÁC", "BAN CHỈ ĐẠO", "THỊ TRẤN", "THỊ XÃ",
)

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^(?P<lead>[^\w]*)(?P<core>.*?)(?P<trail>[^\w]*)$", re.S)


@dataclass(frozen=True, slots=True)
class Relabel:
    """One line with fixed labels restored: as read, as restored, and the phrases changed."""

    read: str
    restored: str
    changed: tuple[str, ...]


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Bare syllables → the phrase's syllables, for every phrase of two syllables or more."""
    data = read_data("provinces.json")
    provinces = {n for current, names in data["current"].items() for n in (current, *names)}
    agencies = read_data("agencies.json")
    ministries = {"BỘ " + m["field"].upper() for m in agencies["ministries"]}  # issuers of the header
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for phrase in (*TYPE_NAMES, *SIGNER_TITLES, *HEADER_PHRASES, *sorted(ministries), *(p.upper() for p in provinces)):
        words = tuple(w for w in phrase.split() if w != "-")
        if len(words) >= 2:
            out.setdefault(tuple(bare(w) for w in words), words)
    return out


#: Letters OCR confuses in capitals, folded to one before a label is compared: a
#: lower-case "l", a digit one or a bar for "I" ("GLAM" for "GIÁM"), a zero for "O".
CONFUSED = str.maketrans({"l": "i", "1": "i", "|": "i", "0": "o"})
#: Letters a label may have lost in all (seal or signature strokes over it: "PHÓ ÁM
#: ĐỐC" for "PHÓ GIÁM ĐỐC"), in one syllable of a label of three syllables or more.
LOST_LETTERS = 2


@lru_cache(maxsize=1)
def _folded() -> dict[tuple[str, ...], tuple[str, ...]]:
    """:func:`_phrases` keyed by their confusion-folded bare syllables (:data:`CONFUSED`)."""
    return {tuple(k.translate(CONFUSED) for k in key): words for key, words in _phrases().items()}


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _lost(key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The label of three syllables or more that ``key`` (folded bare syllables) spells with
    letters lost in one syllable (at most :data:`LOST_LETTERS`), when exactly one does."""
    found = []
    for other, words in _folded().items():
        if len(other) != len(key) or len(key) < 3:
            continue
        differ = [(a, b) for a, b in zip(key, other) if a != b]
        if len(differ) != 1:
            continue
        read, full = differ[0]
        if len(full) - len(read) <= LOST_LETTERS and len(read) >= 2 and _subsequence(read, full):
            found.append(words)
    return found[0] if len(found) == 1 else None


def _label(key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The label whose bare syllables are ``key``: exactly, through OCR confusions, or with lost letters."""
    words = _phrases().get(key)
    if words is None:
        folded = tuple(k.translate(CONFUSED) for k in key)
        words = _folded().get(folded) or _lost(folded)
    return words


def _case(model: str, word: str) -> str | None:
    """``word`` (capitals) in the case of ``model``: UPPER or Title; None for other cases."""
    if model.isupper():
        return word
    if model[:1].isupper() and model[1:].islower():
        return word[:1] + word[1:].lower()
    return None


@lru_cache(maxsize=1)
def _glued() -> dict[str, tuple[str, ...]]:
    """A label's bare letters run together ("bocongan") → its words, for labels no other shares."""
    seen: dict[str, list[tuple[str, ...]]] = {}
    for key, words in _phrases().items():
        seen.setdefault("".join(key), []).append(words)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


def unglue_label(token: str) -> str | None:
    """A capitalised token OCR read with the spaces of a label lost ("BỘCÔNGAN" → "BỘ CÔNG AN"), or None.

    Only a token in capitals, at least six letters, that is no Vietnamese
    syllable and whose bare letters are exactly those of one label.
    """
    if len(token) < 6 or not token.isupper() or not token.isalpha() or is_syllable(token):
        return None
    words = _glued().get(bare(token))
    return " ".join(words) if words else None


def restore_labels(text: str) -> Relabel | None:
    """``text`` with runs of capitalised words that spell a fixed label restored, or None.

    A token holding a whole label without its spaces is split first (:func:`unglue_label`).
    """
    unglued = [(w, unglue_label(w)) for w in text.split()]
    if any(new for _, new in unglued):
        fixed = " ".join(new or w for w, new in unglued)
        rest = restore_labels(fixed)
        changed = tuple(f"{w!r} → {new!r}" for w, new in unglued if new)
        return Relabel(text, rest.restored if rest else fixed, changed + (rest.changed if rest else ()))
    spans = [(m.start(), m.end(), _EDGE.match(m.group())) for m in _WORD.finditer(text)]
    cores = [m.group("core") if m else "" for _, _, m in spans]
    keys = [bare(c) if c.isalpha() else "" for c in cores]
    lengths = sorted({len(k) for k in _phrases()}, reverse=True)
    out = list(cores)
    changed: list[str] = []
    i = 0
    while i < len(cores):
        for n in lengths:
            key = tuple(keys[i : i + n])
            words = _label(key) if len(key) == n and all(key) else None
            if words is None:
                continue
            cased = [_case(c, w) for c, w in zip(cores[i : i + n], words)]
            if None in cased or any(not c[:1].isupper() for c in cores[i : i + n]):
                continue
            if cased != cores[i : i + n]:
                out[i : i + n] = cased  # type: ignore[assignment]
                changed.append(f"{' '.join(cores[i : i + n])!r} → {' '.join(cased)!r}")  # type: ignore[arg-type]
            i += n - 1
            break
        i += 1
    if not changed:
        return None
    pieces, last = [], 0
    for (start, end, m), core in zip(spans, out):
        pieces.append(text[last:start])
        pieces.append((m.group("lead") + core + m.group("trail")) if m else text[start:end])
        last = end
    pieces.append(text[last:])
    return Relabel(text, "".join(pieces), tuple(changed))


#: The trích yếu's first word "Về" (việc) (Decree 30/2020, Appendix I part 5) as OCR reads it
#: in the bold title under the type name: the circumflex and grave lost or read as other
#: marks ("và việc", "Vẻ việc", "ve việc").
TITLE_LEAD = re.compile(r"^(?P<lead>[Vv][aàáảãạăâeèéẻẽẹêềếểễệ])(?=\s+việc\b)")


def restore_title_lead(text: str, above: str) -> Relabel | None:
    """``text`` with its first word made "Về" when it stands right under a type line, or None.

    ``above`` is the line read before ``text`` (its marks already restored):
    only a line that is a type name of :data:`TYPE_NAMES` on its own ("CHỈ
    THỊ", "QUYẾT ĐỊNH") makes the next line a trích yếu, which never starts
    with a lower-case word; "và việc" anywhere else is left alone.
    """
    m = TITLE_LEAD.match(text)
    if not m or m.group("lead") == "Về" or above.strip().upper() not in TYPE_NAMES:
        return None
    return Relabel(text, "Về" + text[m.end("lead"):], (f"{m.group('lead')!r} → 'Về'",))
