"""Sentence-casing of names printed in capitals ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ").

Government style capitalises the first letter of an agency's kind and of each
coordinated field ("Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã
hội") and every word of a place name after its unit word ("tỉnh Khánh Hòa").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Fixed phrases, longest first, with their government casing.
_PHRASES: tuple[tuple[str, str], ...] = (
    ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("HỘI ĐỒNG NHÂN DÂN", "Hội đồng nhân dân"),
    ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("CHỦ TỊCH", "Chủ tịch"),
    ("PHÓ CỤC TRƯỞNG", "Phó Cục trưởng"),
    ("CỤC TRƯỞNG", "Cục trưởng"),
    ("PHÓ VỤ TRƯỞNG", "Phó Vụ trưởng"),
    ("VỤ TRƯỞNG", "Vụ trưởng"),
    ("PHÓ VIỆN TRƯỞNG", "Phó Viện trưởng"),
    ("VIỆN TRƯỞNG", "Viện trưởng"),
    ("PHÓ TỔ TRƯỞNG", "Phó Tổ trưởng"),
    ("TỔ TRƯỞNG", "Tổ trưởng"),
    ("PHÓ GIÁM ĐỐC", "Phó Giám đốc"),
    ("GIÁM ĐỐC", "Giám đốc"),
    ("PHÓ TRƯỞNG BAN", "Phó Trưởng ban"),
    ("TRƯỞNG BAN", "Trưởng ban"),
    ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("THỦ TƯỚNG", "Thủ tướng"),
    ("PHÓ THỦ TƯỚNG", "Phó Thủ tướng"),
    ("CHÍNH PHỦ", "Chính phủ"),
    ("BỘ TRƯỞNG", "Bộ trưởng"),
    ("THỨ TRƯỞNG", "Thứ trưởng"),
    ("VĂN PHÒNG", "Văn phòng"),
    ("THANH TRA", "Thanh tra"),
    ("CÔNG AN", "Công an"),
    ("TRUNG TÂM", "Trung tâm"),
    ("BỘ", "Bộ"),
    ("SỞ", "Sở"),
    ("BAN", "Ban"),
    ("CỤC", "Cục"),
    ("CHI CỤC", "Chi cục"),
    ("PHÒNG", "Phòng"),
)
#: Administrative unit words: lower-case, and the place name after them is
#: title-cased word by word.
_UNITS = ("THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU", "TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG")
_CONNECTORS = re.compile(r"(\s+VÀ\s+|\s*,\s*|\s+-\s+)")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


#: Field names written as two coordinated words without "và" (the names of the ministries
#: and departments as their founding acts spell them: Bộ Công Thương, Sở Công Thương).
_FIELD_CASING = {"CÔNG THƯƠNG": "Công Thương"}


def _field(text: str) -> str:
    """"KẾ HOẠCH VÀ ĐẦU TƯ" → "Kế hoạch và Đầu tư": each coordinated part capitalised."""
    parts = _CONNECTORS.split(text)
    out = []
    for part in parts:
        if _CONNECTORS.fullmatch(part):
            out.append(part.lower())
        elif part:
            out.append(_FIELD_CASING.get(part, _cap(part)))
    return "".join(out)


#: Abbreviations printed inside issuer names, spelt out as the body's full name reads.
_SPELT_OUT: tuple[tuple[str, str], ...] = (
    (r"\bPCCC và CNCH\b", "phòng cháy, chữa cháy và cứu nạn, cứu hộ"),
    (r"\bPCCC\b", "phòng cháy, chữa cháy"),
    (r"\bCNCH\b", "cứu nạn, cứu hộ"),
    # "TW" (trung ương, central) in a body's name: "TỔ CÔNG TÁC LIÊN NGÀNH TW" (KH 996 Bộ Công an);
    # not "TƯ", a word of its own ("Đầu tư", "Tư pháp").
    (r"(?<=\s)TW\b", "trung ương"),
)


def spell_out(name: str) -> str:
    """Abbreviations of an issuer's name spelt out ("Cục Cảnh sát PCCC và CNCH" →
    "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ"), any case."""
    for pattern, full in _SPELT_OUT:
        name = re.sub(pattern, full, name, flags=re.IGNORECASE)
    return name


#: Fixed phrases with the spaces between their words optional: OCR glues words ("ỦY BANNHÂN DÂN").
_GLUED = [
    (re.compile(r"(?<!\S)" + r"\s*".join(map(re.escape, phrase.split())) + r"(?!\S)"), phrase)
    for phrase, _ in _PHRASES if " " in phrase
]


#: "TP." (thành phố) before a place name, spelt out as the body's full name reads it.
_CITY = re.compile(r"(?<!\S)TP\.\s*(?=\S)")


def _respaced(text: str) -> str:
    """Capitals with the fixed phrases' spaces restored ("ỦY BANNHÂN DÂN TỈNH" → "ỦY BAN NHÂN DÂN
    TỈNH") and "TP." spelt out ("UBND TP. HỒ CHÍ MINH" → "UBND THÀNH PHỐ HỒ CHÍ MINH")."""
    text = _CITY.sub("THÀNH PHỐ ", text)
    for pattern, phrase in _GLUED:
        text = pattern.sub(phrase, text)
    return text


#: Letters whose lower and upper case differ only in size (c o s v w x z, with any tone or
#: diacritic on o): OCR cannot tell their case apart in a line of capitals ("sở Y TẾ").
_SAME_SHAPE = frozenset("cosvwxz")


def _capitals(text: str) -> bool:
    """True when every letter of ``text`` is upper case or a same-shape letter OCR may have read small."""
    letters = [c for c in text if c.isalpha()]
    return any(c.isupper() for c in letters) and all(
        c.isupper() or unicodedata.normalize("NFD", c)[0] in _SAME_SHAPE for c in letters
    )


def sentence_case_name(text: str) -> str:
    """Government casing of an upper-case body or position name.

    Mixed-case input is returned unchanged (it already carries its author's
    casing). ``"ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"`` → ``"Ủy ban nhân dân tỉnh
    Khánh Hòa"``; ``"SỞ NỘI VỤ"`` → ``"Sở Nội vụ"``; ``"TM. ỦY BAN NHÂN DÂN"`` →
    ``"TM. Ủy ban nhân dân"``. Capitals with same-shape letters OCR read small
    (``"sở Y TẾ"``, :func:`_capitals`) count as capitals.
    """
    text = " ".join(text.split())
    if text != text.upper() and not _capitals(text):
        return text
    text = text.upper()
    text = _respaced(text)
    out: list[str] = []
    rest = text
    while rest:
        for unit in _UNITS:
            if rest == unit or (rest.startswith(unit + " ") and not rest.startswith("XÃ HỘI")):
                place = rest[len(unit):].strip()
                out.append(unit.lower())
                if place:
                    out.append(" ".join(_cap(w) for w in place.split()))
                return " ".join(out)
        for phrase, cased in _PHRASES:
            if rest == phrase or rest.startswith(phrase + " "):
                out.append(cased)
                rest = rest[len(phrase):].strip()
                break
        else:
            head, _, tail = rest.partition(" ")
            if re.fullmatch(r"[A-ZĐ]{1,4}\.", head):  # TM. KT. Q. TL. TUQ.
                out.append(head)
                rest = tail
                continue
            # A field name runs to the next unit word, if any.
            cut = len(rest)
            for unit in _UNITS:
                m = re.search(rf"\s{unit}(?!\s+HỘI)(\s|$)", rest)
                if m:
                    cut = min(cut, m.start())
            out.append(_field(rest[:cut].strip()))
            rest = rest[cut:].strip()
    return " ".join(out)


#: A signing-capacity abbreviation (thẩm quyền ký) starting a part of a capacity chain, any case,
#: with or without a space after its full stop ("KT.CHỦ TỊCH", "Kt. Chủ tịch").
_CAPACITY_PART = re.compile(r"(?:^|(?<=\s))(TM|KT|TL|TUQ|Q)\s*\.\s*", re.IGNORECASE)


def capacity_form(printed: str) -> str:
    """One form for a signing capacity chain however it was printed or exported.

    Each part's abbreviation in capitals with one space after its full stop, and
    the body in government casing (:func:`sentence_case_name` of its capitals):
    "TM. ỦY BAN NHÂN" + "DÂN" (a wrapped line), "TM. Ủy ban Nhân dân",
    "KT.CHỦ TỊCH" and "Kt.chủ tịch" all read "TM. Ủy ban nhân dân" or "KT. Chủ
    tịch"; "TL. BỘ TRƯỞNG KT. CHỦ TỊCH" → "TL. Bộ trưởng KT. Chủ tịch". Text
    before the first abbreviation is kept in front, cased the same way.
    """
    text = " ".join(printed.split())
    pieces = _CAPACITY_PART.split(text)
    out = [sentence_case_name(pieces[0].upper())] if pieces[0].strip() else []
    for cap, body in zip(pieces[1::2], pieces[2::2]):
        body = body.strip()
        out.append(f"{cap.upper()}. {sentence_case_name(body.upper())}" if body else f"{cap.upper()}.")
    return " ".join(out)


#: Administrative unit words inside a body's name, written in lower case before the place they
#: name ("Ủy ban nhân dân Thành phố Hà Nội" → "… thành phố Hà Nội", as :func:`sentence_case_name`
#: writes a header in capitals); a unit word opening the name is left alone.
_UNIT_IN_NAME = re.compile(
    r"(?<=\S )(Thành phố|Thị xã|Thị trấn|Đặc khu|Tỉnh|Huyện|Quận|Xã|Phường)(?= (\w))"
)


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, str]:
    """Comparison key (case and tone placement ignored) → canonical name, of every written form
    of the agency gazetteer (``pipeline/data/agencies.json``)."""
    from pipeline.nlp.gazetteer import load_gazetteer
    from pipeline.nlp.tokenizer import norm_key

    return {norm_key(form): agency.canonical for form, agency in load_gazetteer().forms.items()}


def issuer_form(name: str) -> str:
    """One spelling of a body's name however it was printed (cited issuers, cơ quan ban hành).

    A name in capitals is written in government casing (:func:`sentence_case_name`:
    "BỘ CHÍNH TRỊ" → "Bộ Chính trị"); a name the agency gazetteer knows, in any case or
    form, is its canonical name ("Chính Phủ" → "Chính phủ", "Sở KH&ĐT" → "Sở Kế hoạch
    và Đầu tư"); a unit word before a place name is lower case ("Ủy ban nhân dân Thành
    phố Hà Nội" → "Ủy ban nhân dân thành phố Hà Nội"). Other names are returned as given.
    """
    from pipeline.nlp.tokenizer import norm_key

    text = sentence_case_name(name)
    known = _gazetteer_names().get(norm_key(text))
    if known:
        return known
    return _UNIT_IN_NAME.sub(lambda m: m.group(1).lower() if m.group(2).isupper() else m.group(1), text)
