"""Header values that depend on the place of issue, on real older documents.

Before about 2011 the place of issue was often the provincial capital or an
abbreviated city name, not the province: "Đồng Xoài, ngày 14 tháng5 năm 2008"
(capital of Bình Phước), "TP.Cần Thơ, ngày 01 tháng 7 năm 2004".
"""

from __future__ import annotations

from pipeline.readers import read
from pipeline.structure import parse

from conftest import DATA

LEGACY = DATA / "legacy"


def test_bare_authority_line_takes_the_issuer_not_the_capital_town() -> None:
    # VNI Word file: issuer block "ỦY BAN NHÂN DÂN / TỈNH BÌNH PHƯỚC", authority line
    # "ỦY BAN NHÂN DÂN TỈNH" (bare unit), place of issue "Đồng Xoài" (a town).
    decision = parse(read(LEGACY / "2008-23.QD-991-UBND.doc"))
    assert decision.place == "Đồng Xoài"
    assert decision.issuer == "Ủy ban nhân dân tỉnh Bình Phước"
    assert decision.authority == "Ủy ban nhân dân tỉnh Bình Phước"
