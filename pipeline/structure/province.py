"""Which province a document belongs to, before and after the 2025 mergers.

Source of the names: ``pipeline/data/provinces.json`` (Nghị quyết 202/2025/QH15).
The province is read from the issuing body ("Ủy ban nhân dân tỉnh Khánh Hòa"),
its parent body, the enacting authority, then the place of issue.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.data import read_data
from pipeline.text import fold

#: "tỉnh Khánh Hòa", "thành phố Cần Thơ", "TP. Cần Thơ" and, in older documents, "TP.Cần Thơ".
_UNIT = re.compile(r"\b(?:(?:tỉnh|thành phố|tp)\s+|tp\.\s*)(?P<name>.+)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """``(folded former or current name → its own name, name → successor)``."""
    data = read_data("provinces.json")
    names: dict[str, str] = {}
    successor: dict[str, str] = {}
    for current, members in data["current"].items():
        for name in [current, *members]:
            names[fold(name)] = name
            successor[name] = current
    return names, successor


def match_province(text: str | None) -> str | None:
    """The province named in ``text`` ("… tỉnh Khánh Hòa" or a bare place name), else ``None``."""
    if not text:
        return None
    names, _ = _tables()
    m = _UNIT.search(text)
    candidate = fold(m.group("name") if m else text)
    candidate = re.sub(r"^(?:(?:thành phố|tp)\s+|tp\.\s*)", "", candidate)
    return names.get(candidate)


def current_province(province: str | None) -> str | None:
    """The province's name after the 1 July 2025 mergers ("Ninh Thuận" → "Khánh Hòa")."""
    if province is None:
        return None
    return _tables()[1].get(province)


def slug(name: str | None, default: str = "unknown") -> str:
    """ASCII path-safe slug: "Khánh Hòa" → "khanh-hoa", "Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau"."""
    if not name:
        return default
    text = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or default


#: A body below the province in an issuer's name: "thị xã Bỉm Sơn", "thị trấn Ngãi Giao".
_LOCAL_UNIT = re.compile(r"\b(?:huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+\S", re.IGNORECASE)
#: "tỉnh Bà Rịa-Vũng Tàu", "Tỉnh ủy Thanh Hoá", "thành phố Hà Nội": up to four capitalised words.
_NAMED = re.compile(
    r"\b(?:[Tt]ỉnh(?:\s+ủy|\s+uỷ)?|[Tt]hành phố)\s+(?P<name>[A-ZĐÀ-Ỹ][^\s,;.()]*(?:(?:\s*-\s*|\s+)[A-ZĐÀ-Ỹ][^\s,;.()]*){0,3})",
)


def is_local(issuer: str | None) -> bool:
    """True when ``issuer`` names a district, town, commune or ward body (below the province)."""
    return bool(issuer) and _LOCAL_UNIT.search(issuer) is not None  # type: ignore[arg-type]


def province_in_text(text: str) -> str | None:
    """The first province named in ``text`` ("… UBND tỉnh Bà Rịa-Vũng Tàu …"), else ``None``."""
    for m in _NAMED.finditer(text):
        words = re.sub(r"\s*-\s*", " - ", m.group("name")).split()
        for k in range(len(words), 0, -1):
            found = match_province(" ".join(words[:k]))
            if found:
                return found
    return None


def _bare(text: str) -> str:
    """Lower case without any mark and without doubled letters (OCR doubles a vowel under
    two marks): "Lai Châầu" → "lai chau", "Đắk Lắk" → "dak lak"."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())
    return re.sub(r"(\w)\1", r"\1", text)


@lru_cache(maxsize=1)
def _bare_names() -> dict[str, str | None]:
    """Province names without marks → the name; ``None`` where two names fold together."""
    out: dict[str, str | None] = {}
    for name in _tables()[0].values():
        key = _bare(name)
        out[key] = name if out.get(key, name) == name else None
    return out


#: Unit words of a province line, without marks: "tỉnh", "thành phố".
_PROVINCE_UNITS = {"tinh": "TỈNH", "thanh pho": "THÀNH PHỐ"}


def repair_province_line(text: str) -> str | None:
    """The issuer line "TỈNH LAI CHÂU" from an OCR reading with misplaced marks ("TÍNH LAI
    CHÂẦU"), in capitals; ``None`` when the line is not a province line or is already exact.

    Only marks may differ: the unit word must read "tinh" or "thanh pho" and the name a
    province's name once every mark is removed (:data:`provinces.json` names, unique).
    For OCR'd lines only: a text layer's marks are the author's.
    """
    words = text.split()
    for k in (1, 2):
        unit = _PROVINCE_UNITS.get(_bare(" ".join(words[:k])))
        name = _bare_names().get(_bare(" ".join(words[k:]))) if unit and len(words) > k else None
        if name:
            fixed = f"{unit} {name.upper()}"
            return None if fixed == " ".join(words) else fixed
    return None
