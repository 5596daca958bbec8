"""Product kinds and approving bodies of real product cells (seed 2017, Lâm Đồng 2026)."""

from __future__ import annotations

import pytest

from pipeline.nlp.language import annotate

UBT = "Ủy ban nhân dân tỉnh"
CASES = [
    ("Quyết định của UBND tỉnh ban hành Quy chế phối hợp trong việc xây dựng, hoàn thiện các quy định", ["quyết định", "quy chế"], UBT),
    ("Các cơ chế, chính sách được HĐND tỉnh, UBND tỉnh ban hành phù hợp với tinh thần Nghị quyết số 19/NQ-CP của Chính phủ",
     ["cơ chế", "chính sách"], f"Hội đồng nhân dân tỉnh; {UBT}"),
    ("Đề án của từng lĩnh vực được UBND tỉnh phê duyệt", ["đề án"], UBT),
    ("Danh mục năm trong kế hoạch xúc tiến được UBND tỉnh phê duyệt và công bố trên Cổng thông tin điện tử của tỉnh", ["danh mục"], UBT),
    ("Các hội nghị, hội thảo", ["hội nghị", "hội thảo"], None),
    ("Các quyết định thủ tục hành chính được Chủ tịch UBND tỉnh công bố", ["quyết định"], "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Danh mục thủ tục hành chính và Bộ thủ tục chuẩn hóa được Chủ tịch UBND tỉnh công bố", ["danh mục"], "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Cơ sở dữ liệu thủ tục hành chính tiếp tục được chuẩn hóa, cập nhật", ["cơ sở dữ liệu"], None),
    ("Quyết định của UBND tỉnh, UBND cấp huyện công bố Danh mục thủ tục hành chính", ["quyết định", "danh mục"], f"{UBT}; UBND cấp huyện"),
    ("Kế hoạch kiểm tra cải cách hành chính năm 2026 của tỉnh", ["kế hoạch"], None),
    ("Báo cáo kết quả thực hiện của đơn vị", ["báo cáo"], None),
    ("Các hệ thống thông tin, cơ sở dữ liệu của tỉnh được kết nối, tích hợp", ["hệ thống thông tin", "cơ sở dữ liệu"], None),
    ("Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính các cấp đạt tối thiểu 80%", ["chỉ tiêu"], None),
    ("100% lãnh đạo, quản lý các cấp được bổ nhiệm đúng quy định", ["chỉ tiêu"], None),
    ("Quyết định của Chủ tịch UBND tỉnh", ["quyết định"], "Chủ tịch Ủy ban nhân dân tỉnh"),
]


@pytest.mark.parametrize(("text", "kinds", "approver"), CASES, ids=[c[0][:40] for c in CASES])
def test_product_line(text: str, kinds: list[str], approver: str | None) -> None:
    doc = annotate(text)
    products = [s._.product for s in doc.spans["products"]]
    assert [p.kind for p in products] == kinds
    assert {p.approver for p in products} == {approver}
