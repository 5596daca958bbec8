"""Which province a document belongs to, before and after the 2025 mergers.

Source of the names: ``pipeline/data/provinces.json`` (Nghị quyết 202/2025/QH15).
The province is read from the issuing body ("Ủy ban nhân dân tỉnh Khánh Hòa"),
its parent body, the enacting authority, then the place of issue.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from pipeline.text import fold

#: "tỉnh Khánh Hòa", "thành phố Cần Thơ", "TP. Cần Thơ" and, in older documents, "TP.Cần Thơ".
_UNIT = re.compile(r"\b(?:(?:tỉnh|thành phố|tp)\s+|tp\.\s*)(?P<name>.+)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """``(folded former or current name → its own name, name → successor)``."""
    data = json.loads(resources.files("pipeline.data").joinpath("provinces.json").read_text("utf-8"))
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
