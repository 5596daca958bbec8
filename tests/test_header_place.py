"""Header values that depend on the place of issue, on real older documents.

Before about 2011 the place of issue was often the provincial capital or an
abbreviated city name, not the province: "Đồng Xoài, ngày 14 tháng5 năm 2008"
(capital of Bình Phước), "TP.Cần Thơ, ngày 01 tháng 7 năm 2004".
"""

from __future__ import annotations

from pipeline.readers import read
from pipeline.store.rows import partition_of
from pipeline.structure import parse
from pipeline.structure.province import match_province

from conftest import DATA

LEGACY = DATA / "legacy"


def test_bare_authority_line_takes_the_issuer_not_the_capital_town() -> None:
    # VNI Word file: issuer block "ỦY BAN NHÂN DÂN / TỈNH BÌNH PHƯỚC", authority line
    # "ỦY BAN NHÂN DÂN TỈNH" (bare unit), place of issue "Đồng Xoài" (a town).
    decision = parse(read(LEGACY / "2008-23.QD-991-UBND.doc"))
    assert decision.place == "Đồng Xoài"
    assert decision.issuer == "Ủy ban nhân dân tỉnh Bình Phước"
    assert decision.authority == "Ủy ban nhân dân tỉnh Bình Phước"


def test_abbreviated_city_place_names_its_province() -> None:
    assert match_province("TP.Cần Thơ") == "Cần Thơ"
    assert match_province("TP. Cần Thơ") == "Cần Thơ"
    assert match_province("Tp.Hồ Chí Minh") == "Hồ Chí Minh"
    assert match_province("Ủy ban nhân dân TP.Đà Nẵng") == "Đà Nẵng"


def test_tcvn3_decision_of_can_tho_is_partitioned_under_can_tho() -> None:
    # "Số: 256 /2004/QĐ-UB   TP.Cần Thơ, ngày 01 tháng 7 năm 2004"
    decision = parse(read(LEGACY / "2005-QD-256.doc"))
    assert decision.place == "TP.Cần Thơ"
    assert partition_of(decision) == ("can-tho", 2004)


def test_gazette_header_starting_with_the_type_line_has_no_issuer_block() -> None:
    # Công báo copy (TCVN3 PDF, 2004): no issuer block or motto, the type line
    # "QUYẾT ĐỊNH" is the first line, the title runs over seven capitalised lines
    # ("CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG … CỦA THỦ TƯỚNG CHÍNH PHỦ"),
    # then the authority line "THỦ TƯỚNG CHÍNH PHỦ" and "Căn cứ …". The title's
    # opening names issuer, number and date (older gazette form): they are read
    # from it, and the trích yếu starts at "VỀ VIỆC".
    decision = parse(read(LEGACY / "2006-19412_QD115.04TTg_BLTch_DNNVV.pdf"))
    assert decision.doc_type == "Quyết định"
    assert (decision.issuer, decision.issuer_parent) == ("Thủ tướng Chính phủ", None)
    assert (decision.number, decision.issue_date.isoformat()) == ("115/2004/QĐ-TTg", "2004-06-25")
    assert decision.authority == "Thủ tướng Chính phủ"
    assert decision.title.startswith("VỀ VIỆC SỬA ĐỔI, BỔ SUNG QUY CHẾ")
    assert decision.title.endswith("BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 193/2001/QĐ-TTG NGÀY 20 THÁNG 12 NĂM 2001 CỦA THỦ TƯỚNG CHÍNH PHỦ")
