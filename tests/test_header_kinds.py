"""Header, preamble and signature of real documents: one regression test per kind of problem (issue 12).

Inputs are small excerpts of the dev corpus copied into tests/data/headers/, or
lines built like a reader hands them on (text, layout column, page, bounding box)
with the values of a real document, named in each test.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.model import Document, Line, Page
from pipeline.readers import read, sniff
from pipeline.readers.legacy_fonts import decode_run
from pipeline.store.rows import province_of
from pipeline.structure import parse
from pipeline.text import fold, normalize_tone_marks

DATA = Path(__file__).parent / "data" / "headers"


def _doc(lines: list[Line], fmt: str = "pdf") -> Document:
    pages = sorted({ln.page or 1 for ln in lines})
    return Document(
        doc_id="x", source_file="x", source_format=fmt,  # type: ignore[arg-type]
        pages=[Page(number=p, lines=[ln for ln in lines if (ln.page or 1) == p]) for p in pages],
        paged=fmt == "pdf",
    )


def _ln(text: str, col: int = 0, page: int = 1, top: float | None = None, x0: float = 100.0) -> Line:
    bbox = (x0, top, x0 + 300, top + 13) if top is not None else None
    return Line(text=text, page=page, bbox=bbox, column=col)


def _header(top: float = 80) -> list[Line]:
    """A Government (Chính phủ) header as Công báo prints it (NQ 100/NQ-CP, 2026)."""
    return [
        _ln("CHÍNH PHỦ", 0, top=top, x0=127), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, top=top, x0=272),
        _ln("Độc lập - Tự do - Hạnh phúc", 1, top=top + 15, x0=328),
        _ln("Số: 100/NQ-CP", 0, top=top + 45, x0=117), _ln("Hà Nội, ngày 06 tháng 4 năm 2026", 1, top=top + 45, x0=291),
        _ln("NGHỊ QUYẾT", 0, top=top + 100, x0=274),
        _ln("Ban hành Chương trình hành động của Chính phủ", 0, top=top + 118, x0=150),
        _ln("CHÍNH PHỦ", 0, top=top + 150, x0=270),
        _ln("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", 0, top=top + 180, x0=107),
        _ln("QUYẾT NGHỊ:", 0, top=top + 210, x0=271),
        _ln("Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động.", 0, top=top + 240, x0=107),
        _ln("Điều 2. Nghị quyết này có hiệu lực kể từ ngày ký ban hành.", 0, top=top + 260, x0=107),
    ]


def test_portal_markdown_emphasis_and_signature_block() -> None:
    """thuvienphapluat Markdown (KH 624/KH-UBND Hà Tĩnh): '**…**' over line breaks, '* *' rules,
    the signature block flattened below the recipients with a wrapped 'TM. ỦY BAN NHÂN / DÂN'."""
    d = parse(read(DATA / "hatinh_kh624_portal_excerpt.md"))
    assert (d.issuer, d.number, d.issue_date.isoformat()) == ("Ủy ban nhân dân tỉnh Hà Tĩnh", "624/KH-UBND", "2025-11-19")
    assert d.title.startswith("THỰC HIỆN CHƯƠNG TRÌNH “NÂNG CAO CHẤT LƯỢNG GIÁO DỤC MẦM NON")
    sig = d.signature
    assert (sig.name, fold(sig.position)) == ("Nguyễn Thị Nguyệt", "phó chủ tịch")
    assert "*" not in sig.capacity and fold(sig.capacity) == fold("TM. Ủy ban nhân dân KT. Chủ tịch")


def test_gazette_running_head_is_not_the_signer() -> None:
    """Công báo prints drop 'Nơi nhận' and put 'CÔNG BÁO/Số 242/Ngày 22-04-2026 50' in the right
    column of the next page (NQ 100/NQ-CP): the name is the line under the position."""
    lines = _header() + [
        _ln("TM. CHÍNH PHỦ", 1, top=623, x0=399), _ln("KT. THỦ TƯỚNG", 1, top=638, x0=397),
        _ln("PHÓ THỦ TƯỚNG", 1, top=653, x0=394), _ln("Bùi Thanh Sơn", 1, top=686, x0=408),
        _ln("CÔNG BÁO/Số 242/Ngày 22-04-2026 50", 1, page=2, top=35, x0=206),
        _ln("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ", 0, page=2, top=169, x0=177),
    ]
    sig = parse(_doc(lines)).signature
    assert (sig.name, fold(sig.position)) == ("Bùi Thanh Sơn", "phó thủ tướng")


def test_signature_position_without_capacity_and_seal_debris() -> None:
    """QĐ 798/QĐ-TTg and 892/QĐ-TTg: 'THỦ TƯỚNG' / '[' / name, and 'PHÓ THỦ TƯỚNGy]' (seal glyphs)."""
    lines = _header() + [_ln("THỦ TƯỚNG", 1, top=645, x0=396), _ln("[", 1, top=661, x0=437),
                         _ln("Lê Minh Hưng", 1, top=691, x0=395)]
    sig = parse(_doc(lines)).signature
    assert (sig.name, fold(sig.position)) == ("Lê Minh Hưng", "thủ tướng")
    lines = _header() + [_ln("KT. THỦ TƯỚNG", 1, top=644, x0=392), _ln("PHÓ THỦ TƯỚNGy]", 1, top=660, x0=388),
                         _ln("Phạm Thị Thanh Trà", 1, top=698, x0=384)]
    sig = parse(_doc(lines)).signature
    assert (sig.name, fold(sig.position)) == ("Phạm Thị Thanh Trà", "phó thủ tướng")


def test_signature_capacity_chain_and_concurrent_title() -> None:
    """QĐ 372/QĐ-BTC: 'TL. BỘ TRƯỞNG / KT. CHỦ TỊCH / ỦY BAN CHỨNG KHOÁN NHÀ NƯỚC / PHÓ CHỦ TỊCH';
    BC Ban Chỉ đạo Lâm Đồng: 'TM. BAN CHỈ ĐẠO / PHÓ TRƯỞNG BAN / PHÓ CHỦ TỊCH UBND TỈNH' (a concurrent
    title below the position); a rank before the name ('Đại tá') is not part of it."""
    chain = ["TL. BỘ TRƯỞNG", "KT. CHỦ TỊCH", "ỦY BAN CHỨNG KHOÁN NHÀ NƯỚC", "PHÓ CHỦ TỊCH", "Lê Thị Việt Nga"]
    lines = _header() + [_ln(t, 1, top=600 + 15 * k) for k, t in enumerate(chain)]
    sig = parse(_doc(lines)).signature
    assert (sig.name, fold(sig.position)) == ("Lê Thị Việt Nga", "phó chủ tịch")
    assert fold(sig.capacity) == fold("TL. Bộ trưởng KT. Chủ tịch Ủy ban chứng khoán nhà nước")
    block = ["Nơi nhận:", "- Văn phòng Chính phủ;", "- Lưu: VT, NC.", "TM. BAN CHỈ ĐẠO", "PHÓ TRƯỞNG BAN", "",
             "PHÓ CHỦ TỊCH UBND TỈNH", "Đại tá Nguyễn Ngọc Phúc"]
    lines = [Line(text="QUYẾT ĐỊNH"), Line(text="Điều 1. Nội dung.")] + [Line(text=t) for t in block]
    sig = parse(_doc(lines, "docx")).signature
    assert (sig.name, fold(sig.position)) == ("Nguyễn Ngọc Phúc", "phó trưởng ban")


def test_docx_signature_typed_as_one_paragraph_with_line_breaks() -> None:
    """NQ 66.18/2026/NQ-CP (DOCX): the right cell holds 'TM. CHÍNH PHỦ\\nKT. THỦ TƯỚNG\\nPHÓ THỦ TƯỚNG\\n\\n…Phạm Thị Thanh Trà'."""
    lines = [
        Line(text="CHÍNH PHỦ\n-------"), Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", column=1),
        Line(text="Số: 66.18/2026/NQ-CP"), Line(text="Hà Nội, ngày 18 tháng 5 năm 2026", column=1),
        Line(text="NGHỊ QUYẾT"), Line(text="VỀ CẮT GIẢM, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH"),
        Line(text="Điều 1. Nội dung."),
        Line(text="Nơi nhận:\n- Ban Bí thư Trung ương Đảng;\n- Lưu: VT, CĐS (2b)."),
        Line(text="TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\n\n\n\nPhạm Thị Thanh Trà", column=1),
    ]
    d = parse(_doc(lines, "docx"))
    assert (d.signature.name, fold(d.signature.position)) == ("Phạm Thị Thanh Trà", "phó thủ tướng")
    assert (d.issuer, d.number) == ("Chính phủ", "66.18/2026/NQ-CP")  # rule in the cell dropped; decimal number
    assert province_of(d) is None  # a national body signing in Hà Nội has no province


def test_issuer_block_starts_at_the_motto_row() -> None:
    """TT 05/2022/TT-BLĐTBXH (Công báo): a section heading 'VĂN BẢN QUY PHẠM PHÁP LUẬT' and the
    ministry's name printed above the header are not the issuer."""
    lines = [
        _ln("VĂN BẢN QUY PHẠM PHÁP LUẬT", 0, top=88, x0=151), _ln("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 0, top=133, x0=133),
        _ln("BỘ LAO ĐỘNG - THƯƠNG BINH", 0, top=179, x0=64), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, top=179, x0=277),
        _ln("VÀ XÃ HỘI", 0, top=194, x0=127), _ln("Độc lập - Tự do - Hạnh phúc", 1, top=194, x0=324),
        _ln("Số: 05/2022/TT-BLĐTBXH", 0, top=224, x0=89), _ln("Hà Nội, ngày 05 tháng 4 năm 2022", 1, top=224, x0=312),
        _ln("THÔNG TƯ", 0, top=270, x0=260), _ln("Quy định về liên kết tổ chức thực hiện chương trình đào tạo", 0, top=290),
    ]
    d = parse(_doc(lines))
    assert d.issuer == "Bộ Lao động - Thương binh và Xã hội"
    assert province_of(d) is None


def test_appendix_file_on_its_own() -> None:
    """Phụ lục 3 of QĐ 13/2004/QĐ-BKHCN and the Lào Cai procedure appendix (DOCX): no motto, no
    number; type 'Phụ lục', the capitalised title, the issuer named by the '(Kèm theo …)' note."""
    lines = [Line(text="Phụ lục 3"), Line(text=""), Line(text="QUY TRÌNH TỔNG THỂ CÁC BƯỚC CÔNG VIỆC"),
             Line(text="ĐÁNH GIÁ KẾT QUẢ"), Line(text="ĐỀ TÀI KHOA HỌC VÀ CÔNG NGHỆ CẤP NHÀ NƯỚC "),
             Line(text=" (Kèm theo Quyết định số  13/2004/QĐ-BKHCN ngày 25/5/2004 "),
             Line(text="của Bộ trưởng Bộ Khoa học và Công nghệ)"), Line(text="I. CHUẨN BỊ")]
    d = parse(_doc(lines, "doc"))
    assert (d.doc_type, d.number, d.issue_date) == ("Phụ lục", None, None)
    assert d.title == "QUY TRÌNH TỔNG THỂ CÁC BƯỚC CÔNG VIỆC ĐÁNH GIÁ KẾT QUẢ ĐỀ TÀI KHOA HỌC VÀ CÔNG NGHỆ CẤP NHÀ NƯỚC"
    assert d.issuer == "Bộ trưởng Bộ Khoa học và Công nghệ" and province_of(d) is None
    lines = [Line(text="DANH MỤC"), Line(text="VĂN BẢN QUY PHẠM PHÁP LUẬT NĂM 2021(*)"),
             Line(text="(Ban hành kèm theo Công văn số 1043/BTP-QLXLVPHC&TDTHPL ngày 9/4/2021)")]
    d = parse(_doc(lines, "docx"))
    assert (d.doc_type, d.issuer) == ("Phụ lục", "Bộ Tư pháp")  # from the symbol's code "BTP"


def test_legal_bases_one_per_cancu_paragraph() -> None:
    """KH 552/KH-UBND Đồng Tháp: one 'Căn cứ' paragraph lists five documents ('…; Nghị quyết số 71/NQ-CP …;
    Chương trình … 10- CTr/TU …'): one basis, the others chained to it."""
    d = parse(read(DATA / "dongthap_kh552_chained_basis.md"))
    bases = [b for b in d.legal_bases if b.kind == "căn cứ"]
    assert len(bases) == 1
    assert bases[0].citation.cited_number == "57-NQ/TW"
    assert "71/NQ-CP" in [c.cited_number for c in bases[0].chained]
    assert d.issue_date.isoformat() == "2025-11-19"  # "*Đồng Tháp," over "ngày 19 tháng 11 năm 2025*"


def test_split_cancu_paragraphs_of_a_portal_export() -> None:
    """QĐ 1627/QĐ-UBND Quảng Ngãi: each basis is a Markdown paragraph broken after '*Căn'; the first
    lacks its ';'. Four 'Căn cứ' paragraphs, not three."""
    d = parse(read(DATA / "quangngai_qd1627_portal_preamble.md"))
    assert sum(b.kind == "căn cứ" for b in d.legal_bases) == 4


def test_letter_has_no_preamble() -> None:
    """Công văn of Cục Cảnh sát PCCC và CNCH (2026 draft): 'Căn cứ ý kiến đề nghị …' in the body is
    no legal basis; the issuer's abbreviations are spelt out."""
    lines = [
        _ln("BỘ CÔNG AN", 0, top=37, x0=141), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, top=38, x0=285),
        _ln("CỤC CẢNH SÁT PCCC VÀ CNCH", 0, top=52, x0=85), _ln("Độc lập - Tự do - Hạnh phúc", 1, top=52, x0=338),
        _ln("Số: /PCCC&CNCH-P6", 0, top=79, x0=93), _ln("Hà Nội, ngày tháng năm 2026", 1, top=79, x0=311),
        _ln("V/v đề nghị góp ý dự thảo TCVN", 0, top=101, x0=110),
        _ln("Kính gửi: .............", 0, top=137, x0=121),
        _ln("Căn cứ ý kiến đề nghị của Hội đồng thẩm định, Cục Cảnh sát PCCC và", 0, top=299, x0=132),
        _ln("CNCH trân trọng đề nghị Quý đơn vị tổ chức nghiên cứu, góp ý./.", 0, top=315, x0=106),
    ]
    d = parse(_doc(lines))
    assert d.doc_type == "Công văn" and d.legal_bases == []
    assert d.issuer == "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ"


def test_central_abbreviation_in_issuer_spelt_out() -> None:
    """KH 996/KH-TCTLNTW-C04 (scan, lines as OCR gives them): the agency line ends in "TW"
    (trung ương), spelt out as the body names it ("Tổ Công tác liên ngành trung ương")."""
    lines = [
        _ln("BỘ CÔNG AN", 0, top=40, x0=150), _ln("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, top=40, x0=330),
        _ln("TỔ CÔNG TÁC LIÊN NGÀNH TW", 0, top=55, x0=112), _ln("Độc lập - Tự do - Hạnh phúc", 1, top=55, x0=362),
        _ln("Số: 996 /KH-TCTLNTW-C04", 0, top=85, x0=112), _ln("Hà Nội, ngày 24 tháng 02 năm 2026", 1, top=85, x0=327),
        _ln("KẾ HOẠCH", 0, top=135, x0=300),
        _ln("Phối hợp kiểm soát các hoạt động hợp pháp liên quan đến ma túy năm 2026", 0, top=150, x0=200),
    ]
    d = parse(_doc(lines))
    assert d.issuer == "Tổ công tác liên ngành trung ương" and d.issuer_parent == "Bộ Công an"
    # "tư" of its own is a word: "Sở Kế hoạch và Đầu tư" keeps it.
    lines[2] = _ln("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", 0, top=55, x0=112)
    assert parse(_doc(lines)).issuer == "Sở Kế hoạch và Đầu tư"


def test_articles_numbered_in_sequence() -> None:
    """QĐ 372/QĐ-BTC corrects 'khoản 2 Điều 16' … 'tại' / 'Điều 10.' (a wrapped quotation) between
    Điều 1 and Điều 2: four articles, not five."""
    body = ["QUYẾT ĐỊNH", "Đính chính Thông tư", "QUYẾT ĐỊNH:", "Điều 1. Đính chính lỗi kỹ thuật:",
            "Chỉnh sửa cụm từ “khoản 1 Điều 8” thành cụm từ “khoản 2 Điều 16” tại", "Điều 10.",
            "Điều 2. Đính chính lỗi kỹ thuật.", "Điều 3. Hiệu lực.", "Điều 4. Trách nhiệm thi hành./."]
    d = parse(_doc([Line(text=t) for t in body], "docx"))
    assert [a.number for a in d.articles if a.level == "article"] == ["1", "2", "3", "4"]


def test_html_header_boxes_and_articles_without_full_stop() -> None:
    """vbpl.vn page of the 2013 Constitution: header in two floated one-cell tables, 'Số: Không số',
    the date split over source lines, chrome 'Ngày có hiệu lực: 01/01/2014', 'Điều 1' without a full stop."""
    d = parse(read(DATA / "hienphap_2013_vbpl_excerpt.html"))
    assert (d.doc_type, d.issuer, d.number) == ("Hiến pháp", "Quốc hội", None)
    assert d.issue_date.isoformat() == "2013-11-28"
    assert d.title == "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert [a.number for a in d.articles if a.level == "article"][:1] == ["1"]


def test_law_dated_by_its_adoption_sentence() -> None:
    """Luật 27/2001/QH10 (web copy): 'Luật số:' number line, no date line; the closing sentence
    '… thông qua ngày 29 tháng 6 năm 2001' dates it (with a warning)."""
    lines = [Line(text="QUỐC HỘI"), Line(text="______"), Line(text="Luật số: 27/2001/QH10"),
             Line(text="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", column=1), Line(text="Độc lập - Tự do - Hạnh phúc", column=1),
             Line(text="LUẬT"), Line(text="PHÒNG CHÁY VÀ CHỮA CHÁY"), Line(text="Điều 1. Phạm vi điều chỉnh"),
             Line(text="Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa X, kỳ họp thứ 9 "
                       "thông qua ngày 29 tháng 6 năm 2001."),
             Line(text="CHỦ TỊCH QUỐC HỘI"), Line(text="(Đã ký)"), Line(text="Nông Đức Mạnh")]
    d = parse(_doc(lines, "doc"))
    assert (d.issuer, d.number, d.issue_date.isoformat()) == ("Quốc hội", "27/2001/QH10", "2001-06-29")
    adopted = [w for w in d.warnings if w.code == "date_from_adoption"]
    assert len(adopted) == 1 and adopted[0].field == "issue_date" and "thông qua ngày 29 tháng 6 năm 2001" in adopted[0].detail
    assert (d.signature.name, fold(d.signature.position)) == ("Nông Đức Mạnh", "chủ tịch quốc hội")


def test_legacy_font_name_on_unicode_text() -> None:
    """Luật 27/2001/QH10 keeps '.VnTime' on Unicode runs: they are not decoded again ('PHềNG', 'Nụng');
    real TCVN3/VNI runs still are."""
    assert decode_run("PHÒNG CHÁY VÀ CHỮA CHÁY", ".VnTime") == "PHÒNG CHÁY VÀ CHỮA CHÁY"
    assert decode_run("Nông Đức Mạnh", ".VnTime") == "Nông Đức Mạnh"
    assert decode_run("UÛY BAN NHAÂN DAÂN", "VNI-Times") == "ỦY BAN NHÂN DÂN"
    assert decode_run("c¸c", ".VnTime") == "các"


def test_tone_marks_on_every_vowel_pair() -> None:
    """Text layers misplace the tone on pairs other than oa/oe/uy ('Đaị hội', 'muà')."""
    assert normalize_tone_marks("Đaị hội muà thuỷ Hoà ngoài quý giữ") == "Đại hội mùa thủy Hòa ngoài quý giữ"


def test_pdf_with_bytes_before_its_header() -> None:
    """KH 3070/KH-UBND Bỉm Sơn: 27 bytes before '%PDF-1.5' (readers accept the header within 1024 bytes)."""
    assert sniff(b"u\xabZ\x01\xaai\x96'\x1a\xb6*'\xfe\x97_\x01\xb6\xac{\xae\x00%PDF-1.5\n%\xe2\xe3", ".pdf") == "pdf"


def test_local_body_takes_the_province_its_text_names() -> None:
    """QĐ 142/QĐ-UBND of thị trấn Ngãi Giao and KH 3070/KH-UBND of thị xã Bỉm Sơn: the header names a
    town; the province is the first one the opening text names (with a warning)."""
    lines = [Line(text="ỦY BAN NHÂN DÂN"), Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", column=1),
             Line(text="THỊ XÃ BỈM SƠN"), Line(text="Độc lập - Tự do - Hạnh phúc", column=1),
             Line(text="Số: /KH-UBND"), Line(text="Bỉm Sơn, ngày tháng năm 2024", column=1), Line(text="KẾ HOẠCH"),
             Line(text="Khắc phục những tồn tại, hạn chế"),
             Line(text="Thực hiện Công văn số 1781-CV/TU ngày 27/8/2024 của Tỉnh uỷ Thanh Hoá về việc triển khai")]
    d = parse(_doc(lines, "docx"))
    assert (d.issuer, province_of(d)) == ("Ủy ban nhân dân thị xã Bỉm Sơn", "Thanh Hóa")
    assert [(w.field, w.detail) for w in d.warnings if w.code == "province_from_text"] == [
        ("province", "province 'Thanh Hóa' of a local body, from the first province its text names")
    ]


def test_title_continues_in_a_centred_line_below() -> None:
    """QĐ 2858/QĐ-UBND Hà Nội: the bold trích yếu goes on in two centred, not bold lines
    ('Địa điểm: …'); the authority line below ends it."""
    lines = _header()[:5] + [
        Line(text="QUYẾT ĐỊNH", page=1, bbox=(267, 135, 357, 150), bold=True),
        Line(text="Về việc phê duyệt đồ án Điều chỉnh cục bộ Quy hoạch chi tiết khu vực Bắc Cổ", page=1,
             bbox=(88, 161, 535, 174), bold=True),
        Line(text="Nhuế - Chèm, tỷ lệ 1/500 tại các ô đất quy hoạch ký hiệu K4/CQ2 và K7/CQ3", page=1,
             bbox=(90, 176, 533, 190), bold=True),
        Line(text="Địa điểm: các phường Cổ Nhuế 2 và Xuân Đỉnh,", page=1, bbox=(190, 197, 454, 211)),
        Line(text="quận Bắc Từ Liêm, thành phố Hà Nội.", page=1, bbox=(208, 213, 416, 226)),
        Line(text="ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", page=1, bbox=(186, 252, 438, 266), bold=True),
        Line(text="Căn cứ Luật Thủ đô ngày 28/6/2024;", page=1, bbox=(121, 296, 322, 310)),
    ]
    d = parse(_doc(lines))
    assert d.title.endswith("K4/CQ2 và K7/CQ3 Địa điểm: các phường Cổ Nhuế 2 và Xuân Đỉnh, quận Bắc Từ Liêm, thành phố Hà Nội.")
    assert d.authority == "Ủy ban nhân dân thành phố Hà Nội"


def test_cyrillic_lookalikes_in_a_symbol() -> None:
    """QĐ 372/QĐ-BTC's text layer writes 'Thông tư số 06/2022/TT-BТС' with Cyrillic 'Т', 'С'."""
    from pipeline.text import normalize

    assert normalize("Thông tư số 06/2022/TT-B\u0422\u0421 ngày 08") == "Thông tư số 06/2022/TT-BTC ngày 08"
    assert normalize("Москва") == "Москва"  # a Cyrillic word stays


def test_signing_stamp_hidden_from_the_text_parser() -> None:
    """KH 3070/KH-UBND Bỉm Sơn: the signing software stamped '3070.' and '09 … 9' into the blanks of
    'Số:   /KH-UBND' and 'ngày   tháng   năm 2024' as widgets added by incremental updates; the file's
    cross-reference table is damaged, so pdfminer sees the page without them. The widgets' own ink is
    read by OCR, and the warnings say so."""
    d = parse(read(DATA / "thanhhoa_kh3070_ubnd_bimson_2024.pdf"))
    assert (d.number, d.issue_date.isoformat()) == ("3070/KH-UBND", "2024-09-09")
    stamped = [w for w in d.warnings if w.code in ("number_from_stamp", "date_from_stamp")]
    assert [(w.code, w.field) for w in stamped] == [("number_from_stamp", "number"), ("date_from_stamp", "issue_date")]
    assert all("signing stamp's image" in w.detail and "OCR" in w.detail for w in stamped)
    assert stamped[0].detail.startswith("number '3070'")


def test_signing_capacity_has_one_form() -> None:
    """QĐ 2682/QĐ-UBND Vĩnh Long (portal Markdown) prints 'KT.CHỦ TỊCH' without a space; KH 157/KH-UBND Cần
    Thơ wraps 'TM. ỦY BAN NHÂN' / 'DÂN'; CV of the Cục Cảnh sát PCCC signs 'KT. CỤC TRƯỞNG'. Each comes
    out in one form; the printed lines are kept beside it."""
    cases = [
        (["KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Quỳnh Thiện"], "KT. Chủ tịch", "KT.CHỦ TỊCH"),
        (["TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Ngọc Điệp"],
         "TM. Ủy ban nhân dân KT. Chủ tịch", "TM. ỦY BAN NHÂN / DÂN / KT. CHỦ TỊCH"),
        (["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Nguyễn Thanh Điệp"], "KT. Cục trưởng", "KT. CỤC TRƯỞNG"),
    ]
    for block, capacity, printed in cases:
        lines = _header() + [_ln(t, 1, top=600 + 15 * k) for k, t in enumerate(block)]
        sig = parse(_doc(lines)).signature
        assert (sig.capacity, sig.capacity_printed, sig.name) == (capacity, printed, block[-1])


def test_department_named_with_its_committees_place() -> None:
    """KH 3898/KH-SCT Lào Cai (DOCX): 'UBND TỈNH LÀO CAI' over 'SỞ CÔNG THƯƠNG' is the 'Sở Công Thương
    tỉnh Lào Cai' ('Công Thương' as its founding acts write it); a Sở naming its place keeps it."""
    lines = [Line(text="UBND TỈNH LÀO CAI"), Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", column=1),
             Line(text="SỞ CÔNG THƯƠNG"), Line(text="Độc lập - Tự do - Hạnh phúc", column=1),
             Line(text="Số: /KH-SCT"), Line(text="Lào Cai, ngày tháng 6 năm 2026", column=1),
             Line(text="KẾ HOẠCH"), Line(text="Triển khai thực hiện công tác năm 2026")]
    d = parse(_doc(lines, "docx"))
    assert (d.issuer, d.issuer_parent) == ("Sở Công Thương tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai")
    lines[0], lines[2] = Line(text="ỦY BAN NHÂN DÂN"), Line(text="THÀNH PHỐ HỒ CHÍ MINH")
    lines.insert(4, Line(text="SỞ Y TẾ"))
    assert parse(_doc(lines, "docx")).issuer == "Sở Y tế thành phố Hồ Chí Minh"
    lines[2], lines[4] = Line(text="TỈNH LÂM ĐỒNG"), Line(text="BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ TỈNH")
    lines[0] = Line(text="ỦY BAN NHÂN DÂN")  # a bare unit at the end is not printed twice
    assert parse(_doc(lines, "docx")).issuer == "Ban Chỉ đạo phát triển khoa học, Công nghệ tỉnh Lâm Đồng"


def test_ocr_province_line_with_misread_marks() -> None:
    """QĐ 1629/QĐ-UBND Lai Châu (page drawn as vector outlines, OCR'd): 'TỈNH LAI CHÂU' reads 'TÍNH LAI
    CHÂẦU'; only marks differ from a province's name, so the issuer is 'Ủy ban nhân dân tỉnh Lai Châu'.
    A text layer's line is left as its author wrote it."""
    def header(confidence: float | None) -> list[Line]:
        return [Line(text="ỦY BAN NHÂN DÂN", confidence=confidence),
                Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", column=1, confidence=confidence),
                Line(text="TÍNH LAI CHÂẦU", confidence=69.5),
                Line(text="Độc lập - Tự do - Hạnh phúc", column=1, confidence=confidence),
                Line(text="Số: 1629 /QĐ-UBND", confidence=confidence),
                Line(text="Lai Châu, ngày 27 tháng 6 năm 2025", column=1, confidence=confidence),
                Line(text="QUYẾT ĐỊNH"), Line(text="Về việc công bố Danh mục thủ tục hành chính mới ban hành")]
    assert parse(_doc(header(95.5))).issuer == "Ủy ban nhân dân tỉnh Lai Châu"
    text_layer = header(None)
    text_layer[2] = Line(text="TÍNH LAI CHÂẦU")
    assert parse(_doc(text_layer)).issuer != "Ủy ban nhân dân tỉnh Lai Châu"


def _lai_chau_ocr(bases: list[str], closing: list[Line]) -> list[Line]:
    """QĐ 1629/QĐ-UBND Lai Châu as OCR hands its two decision pages on (drawn as vector outlines)."""
    head = [_ln("ỦY BAN NHÂN DÂN", 0, top=60, x0=110), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, top=60, x0=270),
            _ln("TỈNH LAI CHÂU", 0, top=75, x0=118), _ln("Độc lập - Tự do - Hạnh phúc", 1, top=75, x0=320),
            _ln("Số: 1629 /QĐ-UBND", 0, top=105, x0=90), _ln("Lai Châu, ngày 27 tháng 6 năm 2025", 1, top=105, x0=300),
            _ln("QUYẾT ĐỊNH", 0, top=150, x0=270),
            _ln("Về việc công bố Danh mục thủ tục hành chính mới ban hành", 0, top=165, x0=150),
            _ln("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", 0, top=200, x0=160)]
    body = []  # each clause: an indented first line, then a line from the left margin
    for k, t in enumerate(bases):
        first, _, rest = t.partition(" của ")
        body += [_ln(first, 0, top=230 + 36 * k, x0=122), _ln("của " + rest, 0, top=248 + 36 * k, x0=86)]
    body += [_ln("QUYẾT ĐỊNH:", 0, top=500, x0=270), _ln("Điều 1. Công bố kèm theo Quyết định này 02 Danh mục.", 0, top=530, x0=122)]
    return head + body + closing


def test_cancu_read_by_ocr_in_another_case() -> None:
    """QĐ 1629/QĐ-UBND Lai Châu (OCR): 'Căn Cứ Nghị định số 42/2022/NĐ-CP …' is a legal basis like its
    neighbours; a lower-case 'căn cứ' inside a sentence is not a paragraph start."""
    bases = ["Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ;",
             "Căn Cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ;",
             "CĂN CỨ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Văn phòng Chính phủ;"]
    d = parse(_doc(_lai_chau_ocr(bases, [])))
    assert [b.kind for b in d.legal_bases] == ["căn cứ"] * 3
    assert [b.citation.cited_number for b in d.legal_bases] == ["45/2020/NĐ-CP", "42/2022/NĐ-CP", "02/2017/TT-VPCP"]


def test_signer_name_alone_beside_the_recipients() -> None:
    """QĐ 1629/QĐ-UBND Lai Châu (OCR): the seal covers 'CHỦ TỊCH', so the closing's right column holds only
    'Lê Văn Lương' beside 'Nơi nhận:'; the name is still the signer's (no position is made up)."""
    closing = [_ln("Nơi nhận:", 0, page=2, top=162, x0=85), _ln("- Như Điều 3;", 0, page=2, top=173, x0=86),
               _ln("- Lưu: VT, Ks3.", 0, page=2, top=239, x0=86), _ln("Lê Văn Lương", 1, page=2, top=271, x0=387)]
    sig = parse(_doc(_lai_chau_ocr(["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;"], closing))).signature
    assert (sig.name, sig.position, sig.capacity) == ("Lê Văn Lương", None, None)


def test_issuer_number_and_date_printed_in_the_title() -> None:
    """QĐ 115/2004/QĐ-TTg (TCVN3 PDF, older gazette form): 'QUYẾT ĐỊNH / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ
    115/2004/QĐ-TTG / NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC SỬA ĐỔI, BỔ SUNG …' with no header block."""
    lines = [Line(text=t) for t in (
        "QUYẾT ĐỊNH", "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG", "NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC SỬA ĐỔI, BỔ SUNG",
        "QUY CHẾ THÀNH LẬP, TỔ CHỨC VÀ HOẠT ĐỘNG CỦA", "QUỸ BẢO LÃNH TÍN DỤNG CHO DOANH NGHIỆP NHỎ VÀ VỪA",
        "THỦ TƯỚNG CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;", "QUYẾT ĐỊNH:",
        "Điều 1. Sửa đổi, bổ sung một số điều của Quy chế.")]
    d = parse(_doc(lines, "docx"))
    assert (d.issuer, d.number, d.issue_date.isoformat()) == ("Thủ tướng Chính phủ", "115/2004/QĐ-TTg", "2004-06-25")
    assert d.title == "VỀ VIỆC SỬA ĐỔI, BỔ SUNG QUY CHẾ THÀNH LẬP, TỔ CHỨC VÀ HOẠT ĐỘNG CỦA QUỸ BẢO LÃNH TÍN DỤNG CHO DOANH NGHIỆP NHỎ VÀ VỪA"
    assert province_of(d) is None


def test_issuer_words_glued_by_ocr() -> None:
    """QĐ 1716/QĐ-UBND Lâm Đồng (scan): OCR reads 'ỦY BANNHÂN DÂN'; the fixed phrase is recognised."""
    from pipeline.structure.names import sentence_case_name

    assert sentence_case_name("ỦY BANNHÂN DÂN TỈNH LÂM ĐỒNG") == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert sentence_case_name("PHÓ CHỦTỊCH") == "Phó Chủ tịch"


def test_signature_ends_at_the_next_documents_motto() -> None:
    """TTr 91/TTr-CAT-PC04 Lâm Đồng (scan with the draft plan attached): OCR joins the position with the
    attached plan's motto ('PHÓ GIÁM ĐỐC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'); the block ends there."""
    lines = _header() + [_ln("KT. GIÁM ĐỐC", 1, top=600), _ln("PHÓ GIÁM ĐỐC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, top=615),
                         _ln("Độc lập - Tự do - Hạnh phúc", 1, top=630)]
    sig = parse(_doc(lines)).signature
    assert (sig.capacity, fold(sig.position)) == ("KT. Giám đốc", "phó giám đốc")


def test_blank_day_of_a_signed_pdf() -> None:
    """A signed PDF printed 'Bỉm Sơn, ngày   tháng 9 năm 2024' with no stamp over the blank (KH 3070's
    header, signatures as its /M entries give them): the day is the latest signing time in that
    month, with a warning; with the month blank too, a later signature (3/10) gives no date."""
    from datetime import datetime, timedelta, timezone

    def signed(date_line: str, times: list[datetime]):  # type: ignore[no-untyped-def]
        lines = [Line(text="ỦY BAN NHÂN DÂN"), Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", column=1),
                 Line(text="THỊ XÃ BỈM SƠN"), Line(text="Độc lập - Tự do - Hạnh phúc", column=1),
                 Line(text="Số: 3070/KH-UBND"), Line(text=date_line, column=1), Line(text="KẾ HOẠCH"),
                 Line(text="Khắc phục những tồn tại, hạn chế")]
        doc = _doc(lines)
        doc.signing_times = times
        return parse(doc)

    vn = timezone(timedelta(hours=7))
    d = signed("Bỉm Sơn, ngày tháng 9 năm 2024", [datetime(2024, 9, 9, 8, 2, tzinfo=vn), datetime(2024, 9, 9, 15, 30, tzinfo=vn)])
    assert d.issue_date.isoformat() == "2024-09-09"
    assert [w.field for w in d.warnings if w.code == "date_from_signing_time"] == ["issue_date"]
    d = signed("Bỉm Sơn, ngày tháng năm 2024", [datetime(2024, 10, 3, 7, 55, tzinfo=vn)])
    assert d.issue_date is None


def test_letter_title_wrapped_under_the_number() -> None:
    """CV 2243/PCCC&CNCH-P6 (Cục Cảnh sát PCCC): 'V/v thu thập, tổng hợp, đánh giá tình hình' wraps to
    'thực hiện QCVN 03:2023/BCA' right under it, then 'Kính gửi:' follows."""
    lines = [_ln("BỘ CÔNG AN", 0, top=59, x0=129), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, top=59, x0=290),
             _ln("CỤC CẢNH SÁT PCCC VÀ CNCH", 0, top=76, x0=76), _ln("Độc lập - Tự do - Hạnh phúc", 1, top=76, x0=331),
             _ln("Số: 2243/PCCC&CNCH-P6", 0, top=107, x0=82), _ln("Hà Nội, ngày 14 tháng 7 năm 2025", 1, top=107, x0=316),
             Line(text="V/v thu thập, tổng hợp, đánh giá tình hình", page=1, bbox=(69, 129, 269, 142)),
             Line(text="thực hiện QCVN 03:2023/BCA", page=1, bbox=(93, 145, 244, 156)),
             Line(text="Kính gửi:", page=1, bbox=(115, 177, 168, 190)),
             Line(text="- Công an các tỉnh, thành phố trực thuộc Trung ương;", page=1, bbox=(180, 194, 479, 210))]
    d = parse(_doc(lines))
    assert (d.doc_type, d.title) == ("Công văn", "thu thập, tổng hợp, đánh giá tình hình thực hiện QCVN 03:2023/BCA")


def test_city_abbreviated_in_the_issuer_block() -> None:
    """Letters of Hồ Chí Minh City departments print 'UBND TP. HỒ CHÍ MINH' over 'SỞ …': the parent is
    the 'Ủy ban nhân dân thành phố Hồ Chí Minh' and the department takes its place."""
    lines = [Line(text="UBND TP. HỒ CHÍ MINH"), Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", column=1),
             Line(text="SỞ TƯ PHÁP"), Line(text="Độc lập - Tự do - Hạnh phúc", column=1),
             Line(text="Số: 687/STP-VB"), Line(text="Thành phố Hồ Chí Minh, ngày 25 tháng 02 năm 2021", column=1),
             Line(text="V/v Chương trình hỗ trợ pháp lý liên ngành cho doanh nghiệp")]
    d = parse(_doc(lines, "docx"))
    assert (d.issuer, d.issuer_parent) == ("Sở Tư pháp thành phố Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh")


def test_telegram_sender_line_ends_the_title() -> None:
    """A Công điện prints 'CÔNG ĐIỆN / Về việc … / BỘ TRƯỞNG BỘ TÀI CHÍNH điện:' and then its addressees:
    the sender line ends the title and names the authority; a title ending in 'điện' is not one."""
    def telegram(title: str) -> list[Line]:
        return [Line(text="BỘ TÀI CHÍNH"), Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", column=1),
                Line(text="Độc lập - Tự do - Hạnh phúc", column=1), Line(text="Số: 15/CĐ-BTC"),
                Line(text="Hà Nội, ngày 10 tháng 2 năm 2026", column=1), Line(text="CÔNG ĐIỆN"), Line(text=title),
                Line(text="BỘ TRƯỞNG BỘ TÀI CHÍNH điện:"), Line(text="- Ủy ban nhân dân các tỉnh, thành phố;"),
                Line(text="Nội dung.")]
    d = parse(_doc(telegram("Về việc tăng cường quản lý giá"), "docx"))
    assert (d.doc_type, d.title, d.authority) == ("Công điện", "Về việc tăng cường quản lý giá", "Bộ trưởng Bộ Tài chính")
    assert parse(_doc(telegram("Về việc bảo đảm cung cấp điện"), "docx")).title == "Về việc bảo đảm cung cấp điện"


def test_ocr_small_same_shape_letters_in_a_capitals_issuer() -> None:
    """OCR reads the 's' and 'ở' of a capitals header line small (HCM Sở Y tế scan: "sở Y TẾ");
    the line is still capitals and gets government casing, while a name its author cased stays."""
    from pipeline.structure.names import sentence_case_name

    assert sentence_case_name("sở Y TẾ") == "Sở Y tế"
    assert sentence_case_name("SỞ TƯ PHÁP") == "Sở Tư pháp"
    assert sentence_case_name("Sở Y tế") == "Sở Y tế"
    assert sentence_case_name("UBND tỉnh Khánh Hòa") == "UBND tỉnh Khánh Hòa"
    assert sentence_case_name("cơ sở") == "cơ sở"


def test_ocr_junk_in_the_number_is_no_number() -> None:
    """Thông tư 148/2020/TT-BCA, scanned with a handwritten "148": OCR gave "4/#/2020/TT-BCA".
    A symbol starts with its type code, so that is no number: the field stays empty, the printed
    symbol and year are kept, and a warning says the number is unreadable."""
    lines = _header()
    lines[3] = _ln("Số: 4/#/2020/TT-BCA", 0, top=125, x0=117)
    decision = parse(_doc(lines))
    assert decision.number is None
    assert decision.number_symbol == "TT-BCA" and decision.number_year == 2020
    assert "number" in decision.unreadable
    assert [w.field for w in decision.warnings if w.code == "number_unreadable"] == ["number"]
