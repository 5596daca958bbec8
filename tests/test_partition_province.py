"""Province partition: ``trung-uong`` only for central bodies, ``unknown`` for the rest.

Central bodies are those of level ``central`` in the tagging gazetteer
(``pipeline/data/agencies.json``): Quốc hội and its Ủy ban Thường vụ, Chính phủ,
Thủ tướng, the ministries (Bộ) and central agencies.
"""

from __future__ import annotations

import pytest

from pipeline.nlp.gazetteer import is_central
from pipeline.readers import read
from pipeline.store.rows import partition_of, province_of
from pipeline.structure import parse

from conftest import DATA, QD2536_PDF


def test_ministry_decision_signed_in_ha_noi_is_central() -> None:
    # 1187/QĐ-BNV: issuer "BỘ NỘI VỤ", place "Hà Nội" (where the ministry sits, not its province).
    decision = parse(read(DATA / "real" / "1187 BNV QĐ ban hanh bo chi so CCHC.pdf"))
    assert decision.issuer == "Bộ Nội vụ" and decision.place == "Hà Nội"
    assert partition_of(decision) == ("trung-uong", 2025)
    assert province_of(decision) is None


def test_note_with_a_non_central_heading_is_unknown_not_central() -> None:
    # A research team's meeting note: its heading reads as an issuer block, but a university is no central body.
    decision = parse(read(DATA / "notes" / "bien-ban-hop-nhom.txt"))
    assert decision.issuer == "Trường đại học kinh tế khoa chính sách công"
    assert partition_of(decision)[0] == "unknown"


def test_provincial_decision_keeps_its_province() -> None:
    assert partition_of(parse(read(QD2536_PDF))) == ("lam-dong", 2025)


@pytest.mark.parametrize(
    ("name", "central"),
    [
        ("THỦ TƯỚNG CHÍNH PHỦ", True),
        ("Chính phủ", True),
        ("QUỐC HỘI", True),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", True),
        ("BỘ TÀI CHÍNH", True),
        ("Bộ Nội vụ", True),
        ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", True),
        ("Ủy ban nhân dân tỉnh Lâm Đồng", False),
        ("Sở Nội vụ", False),
        ("Trường đại học kinh tế khoa chính sách công", False),
        (None, False),
    ],
)
def test_central_bodies_come_from_the_gazetteer(name: str | None, central: bool) -> None:
    assert is_central(name) is central
