"""Agency mentions from the corpus → canonical name, kind, level, 2025 successor.

Sources: S = seed 4032/QĐ-UBND (Khánh Hòa 2017) appendix and body; L = Kế hoạch
CCHC 2026 Lâm Đồng (and its 2026-2030 sibling); E = corpus excerpts (ten
provinces, 2009–2023). Each case is the text around a mention as printed, and
the agencies expected in it, in order.
"""

from __future__ import annotations

import pytest

from pipeline.nlp.language import annotate

KHDT = "Sở Kế hoạch và Đầu tư"
LDTBXH = "Sở Lao động - Thương binh và Xã hội"
UBT = "Ủy ban nhân dân tỉnh"
VP = "Văn phòng Ủy ban nhân dân tỉnh"

CASES = [
    ("S", "Sở Kế hoạch và Đầu tư chủ trì", [KHDT]),
    ("S", "Sở Lao động, Thương binh và Xã hội chủ trì tham mưu UBND tỉnh ban hành", [LDTBXH, UBT]),
    ("S", "Các Sở: Tài chính, Nội vụ phối hợp với Sở Kế hoạch và Đầu tư thẩm định", ["Sở Tài chính", "Sở Nội vụ", KHDT]),
    ("S", "Các Sở Giáo dục và Đào tạo, Y tế, Lao động, Thương binh và Xã hội, Văn hóa và Thể thao xây dựng",
     ["Sở Giáo dục và Đào tạo", "Sở Y tế", LDTBXH, "Sở Văn hóa và Thể thao"]),
    ("S", "Các Sở: Kế hoạch và Đầu tư, Tài nguyên và Môi trường, Xây dựng tham mưu tổ chức",
     [KHDT, "Sở Tài nguyên và Môi trường", "Sở Xây dựng"]),
    ("S", "phối hợp với Sở Thông tin và Truyền thông, Văn phòng UBND tỉnh và các sở, ngành liên quan",
     ["Sở Thông tin và Truyền thông", VP, "các sở, ngành liên quan"]),
    ("S", "Sở Tư pháp thẩm định, trình Chủ tịch UBND tỉnh công bố", ["Sở Tư pháp", "Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("S", "Các cơ chế, chính sách được HĐND tỉnh, UBND tỉnh ban hành", ["Hội đồng nhân dân tỉnh", UBT]),
    ("S", "Tất cả các cơ quan chuyên môn thuộc UBND tỉnh", ["tất cả các cơ quan chuyên môn thuộc UBND tỉnh"]),
    ("S", "Quyết định của UBND tỉnh, UBND cấp huyện công bố", [UBT, "UBND cấp huyện"]),
    ("S", "phối hợp với các ngành, đơn vị liên quan (thuế, đất đai, xây dựng)", ["các ngành, đơn vị liên quan"]),
    ("S", "Ủy ban nhân dân các huyện, thị xã, thành phố", ["ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("S", "các sở, ban, ngành, UBND cấp huyện xây dựng", ["các sở, ban, ngành", "UBND cấp huyện"]),
    ("L", "Các sở, ban, ngành và UBND các xã, phường, đặc khu", ["các sở, ban, ngành", "UBND các xã, phường, đặc khu"]),
    ("L", "Trung tâm IOC vào hoạt động", ["Trung tâm IOC"]),
    ("S", "Đài PT-TH, báo tỉnh", ["Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh"]),
    ("S", "Cổng thông tin điện tử tỉnh", ["Cổng thông tin điện tử tỉnh"]),
    ("S", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", [UBT]),
    ("S", "Tỉnh ủy, HĐND tỉnh", ["Tỉnh ủy", "Hội đồng nhân dân tỉnh"]),
    ("S", "Xét đề nghị của Giám đốc Sở Nội vụ tại Công văn số 2722/SNV-CCHC", ["Sở Nội vụ"]),
    ("L", "Sở Tư pháp; UBND các xã, phường, đặc khu", ["Sở Tư pháp", "UBND các xã, phường, đặc khu"]),
    ("L", "Sở Tư pháp; Văn phòng UBND tỉnh", ["Sở Tư pháp", VP]),
    ("L", "Các sở, ban, ngành, địa phương; Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh",
     ["các sở, ban, ngành, địa phương", "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"]),
    ("L", "Thanh tra tỉnh", ["Thanh tra tỉnh"]),
    ("L", "Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),
    ("L", "Sở Tư pháp, Văn phòng UBND tỉnh, Công an tỉnh", ["Sở Tư pháp", VP, "Công an tỉnh"]),
    ("L", "Văn phòng UBND tỉnh; Sở Tài nguyên và Môi trường; UBND các xã, phường, đặc khu",
     [VP, "Sở Tài nguyên và Môi trường", "UBND các xã, phường, đặc khu"]),
    ("L", "Các cơ quan, đơn vị, địa phương", ["các cơ quan, đơn vị, địa phương"]),
    ("L", "Các sở, ban, ngành và địa phương", ["các sở, ban, ngành và địa phương"]),
    ("L", "Các cơ quan, đơn vị trực tiếp sử dụng ngân sách nhà nước", ["các cơ quan, đơn vị trực tiếp sử dụng ngân sách nhà nước"]),
    ("L", "Các địa phương, các cơ quan có nguồn thu nộp ngân sách nhà nước", ["các địa phương, các cơ quan có nguồn thu nộp ngân sách nhà nước"]),
    ("L", "Văn phòng UBND tỉnh (Trung tâm Thông tin)", [VP, "Trung tâm Thông tin"]),
    ("L", "Sở Tài chính; UBND các xã, phường, đặc khu", ["Sở Tài chính", "UBND các xã, phường, đặc khu"]),
    ("E", "Ủy ban nhân dân tỉnh Điện Biên", [UBT]),
    ("E", "Văn phòng Chính phủ (VPCP)", ["Văn phòng Chính phủ", "Văn phòng Chính phủ"]),
    ("E", "Quyết định số 1600/QĐ-TTg của Thủ tướng Chính phủ", ["Thủ tướng Chính phủ", "Thủ tướng Chính phủ"]),
    ("E", "Bộ Lao động - Thương binh và Xã hội", ["Bộ Lao động - Thương binh và Xã hội"]),
    ("E", "Bộ Nông nghiệp và Phát triển nông thôn", ["Bộ Nông nghiệp và Phát triển nông thôn"]),
    ("E", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", ["Sở Thông tin và Truyền thông"]),
    ("E", "Ban Dân tộc tỉnh Kon Tum", ["Ban Dân tộc"]),
    ("E", "Ủy ban Dân tộc", ["Ủy ban Dân tộc"]),
    ("E", "Ủy ban nhân dân huyện Long Thành", ["Ủy ban nhân dân huyện Long Thành"]),
    ("E", "UBND thành phố Hà Nội", ["Ủy ban nhân dân thành phố Hà Nội"]),
    ("E", "Sở Nội Vụ", ["Sở Nội vụ"]),
    ("E", "Ban Quản lý Khu kinh tế Vân Phong", ["Ban Quản lý Khu kinh tế"]),
    ("E", "Chủ tịch Ủy ban nhân dân tỉnh Cà Mau", ["Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("E", "các bộ, ngành Trung ương", ["các bộ, ngành Trung ương"]),
    ("E", "UBND cấp xã", ["UBND cấp xã"]),
    # abbreviations and variants named in the issue
    ("issue", "Sở KH&ĐT", [KHDT]),
    ("issue", "SKHĐT", [KHDT]),
    ("issue", "Sở Kế hoạch - Đầu tư", [KHDT]),
    ("issue", "UBND tỉnh", [UBT]),
    ("issue", "Sở TN&MT, Sở NN&PTNT", ["Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"]),
]


def _canonicals(text: str) -> list[str]:
    doc = annotate(text)
    return [s._.agency["canonical"] for s in doc.spans["agencies"]]


def test_table_has_forty_corpus_mentions() -> None:
    assert len([c for c in CASES if c[0] != "issue"]) >= 40


@pytest.mark.parametrize(("source", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_agency_mention(source: str, text: str, expected: list[str]) -> None:
    assert _canonicals(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "level", "successor"),
    [
        ("Sở Tài nguyên và Môi trường", "sở", "province", "Sở Nông nghiệp và Môi trường"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "sở", "province", "Sở Nông nghiệp và Môi trường"),
        ("Sở Kế hoạch và Đầu tư", "sở", "province", "Sở Tài chính"),
        ("Sở Thông tin và Truyền thông", "sở", "province", "Sở Khoa học và Công nghệ"),
        ("Sở Nội vụ", "sở", "province", None),
        ("Bộ Nội vụ", "bộ", "central", None),
        ("UBND tỉnh", "ubnd", "province", None),
        ("UBND cấp huyện", "collective", "district", None),
        ("UBND các xã, phường, đặc khu", "collective", "commune", None),
        ("Ủy ban nhân dân huyện Long Thành", "ubnd", "district", None),
    ],
)
def test_agency_attributes(text: str, kind: str, level: str, successor: str | None) -> None:
    doc = annotate(text)
    (span,) = doc.spans["agencies"]
    a = span._.agency
    assert (a["kind"], a["level"], a["successor"]) == (kind, level, successor)
    assert a["collective"] is (kind == "collective")


def test_unseen_department_by_pattern() -> None:
    doc = annotate("Sở Giao thông công chính chủ trì")
    (span,) = doc.spans["agencies"]
    assert span._.agency["canonical"] == "Sở Giao thông công chính"
    assert span._.agency["source"] == "pattern"


def test_spans_keep_offsets_and_entities() -> None:
    text = "- Các Sở: Tài chính, Nội vụ phối hợp với Sở KH&ĐT thẩm định"
    doc = annotate(text)
    assert doc.text == text
    for span in doc.spans["agencies"]:
        assert text[span.start_char : span.end_char] == span.text
    assert {e.label_ for e in doc.ents} == {"AGENCY", "ROLE_CUE"}


def test_every_successor_is_a_known_body() -> None:
    from pipeline.nlp.gazetteer import load_gazetteer

    agencies = set(load_gazetteer().forms.values())
    canonical = {a.canonical for a in agencies}
    missing = {a.successor for a in agencies if a.successor and a.successor not in canonical}
    assert missing == set()
    # the 2025 mergers named in the issue
    by_name = {a.canonical: a for a in agencies}
    assert by_name["Sở Tài nguyên và Môi trường"].successor == "Sở Nông nghiệp và Môi trường"
    assert by_name["Sở Nông nghiệp và Phát triển nông thôn"].successor == "Sở Nông nghiệp và Môi trường"


# --- New-user defects (issue 15): names a researcher groups by ---------------------------------

DONGTHAP = __import__("conftest").DATA / "agencies" / "dongthap_kh552_ubnd_2025.md"


@pytest.fixture(scope="module")
def dongthap():
    """Đồng Tháp KH 552/KH-UBND (2025) appendix: lead and coordinate columns, tagged."""
    from pipeline.nlp.tag import tag
    from pipeline.readers import read
    from pipeline.structure import parse

    decision = parse(read(DONGTHAP))
    tag(decision)
    return decision


def _assigned(decision, needle: str) -> list[tuple[str, str, bool]]:
    rows = {t.row_index for t in decision.tasks if needle in (t.lead_text or "") + (t.coordinate_text or "")}
    assert rows, needle
    return [(a.role, a.agency, a.collective) for a in decision.annotations.assignments if a.row_index in rows]


def test_lien_hiep_cac_hoi_is_one_body_not_a_collective(dongthap) -> None:
    found = _assigned(dongthap, "Liên hiệp các Hội Khoa học và Kỹ thuật")
    assert ("lead", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", False) in found
    assert not any(agency == "các Hội" for _, agency, _ in found)


def test_hiep_hoi_doanh_nghiep_lead_is_kept(dongthap) -> None:
    found = _assigned(dongthap, "Hiệp hội Doanh nghiệp")
    assert ("lead", "Hiệp hội Doanh nghiệp tỉnh", False) in found
    assert ("coordinate", "doanh nghiệp", True) in found  # "Doanh nghiệp": businesses as a group


def test_department_written_without_commas_gets_its_canonical_name(dongthap) -> None:
    found = _assigned(dongthap, "Sở Văn hóa Thể thao du lịch")  # printed "Văn hoá", no comma, no "và", "du lịch"
    assert ("lead", "Sở Văn hóa, Thể thao và Du lịch", False) in found


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # coordinate cell of Quyết định 893/QĐ-TTg (2026), lead cells of Kế hoạch 980/KH-UBND Nghệ An (2025) and
        # Nghị quyết 97/NQ-CP (2026), as the PDF/page wraps them
        ("Các bộ, ngành và\nđịa phương", [("các bộ, ngành và địa phương", True)]),
        ("Sở Khoa học và\nCông nghệ", [("Sở Khoa học và Công nghệ", False)]),
        ("Các bộ,\ncơ quan ngang bộ", [("các bộ, cơ quan ngang bộ", True)]),
        ("Các sở, ban,\nngành, các tổ chức chính trị-xã hội", [("các sở, ban, ngành, các tổ chức chính trị-xã hội", True)]),
        ("Sở Tư pháp\nỦy ban nhân dân tỉnh", [("Sở Tư pháp", False), (UBT, False)]),  # one agency a line: two items
    ],
)
def test_name_cut_at_a_line_break_stays_one_agency(cell: str, expected: list[tuple[str, bool]]) -> None:
    from pipeline.model import Decision, Document, Page, Task
    from pipeline.nlp.tag import tag

    task = Task(row_index=0, section=None, section_title=None, ordinal="1", task_text="Triển khai", lead_text=cell)
    document = Document(doc_id="0" * 64, source_file="x.docx", source_format="docx", pages=[Page(number=1)], paged=False)
    decision = Decision(document=document, tasks=[task])
    tag(decision)
    assert [(a.agency, a.collective) for a in decision.annotations.assignments] == expected
