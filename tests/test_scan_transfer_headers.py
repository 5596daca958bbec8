"""Header fields of scans made from the dev text-layer PDFs (bench/scan_transfer.py, issue 13 item 3).

Each test is one kind of miss found on those scans, with a small input made for it:

- ct21_title_lead.pdf: the header of CT 21/CT-TTg (2026) as an office scan (200 dpi JPEG, made by
  bench/scan_transfer.py): the bold "Về việc" under "CHỈ THỊ" is read "và việc";
- qd982_title_split.pdf: the header of QĐ 982/QĐ-TTg (2026), same kind of scan: the bold title line
  "Phê duyệt Đề án hỗ trợ, phát triển …" is read with a space after the comma wide enough to split
  the line into two layout columns;
- strings for OCR confusions in digit fields ("§" for 8, a date field holding a letter that is no
  look-alike of a digit).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.model import Document, Line, Page
from pipeline.readers.ocr_confusions import correct_line
from pipeline.readers.ocr_labels import restore_title_lead
from pipeline.structure import parse

from conftest import ocr_first_page

DATA = Path(__file__).parent / "data" / "scans13"


def _page(name: str) -> Page:
    return ocr_first_page(DATA / name)


def test_title_lead_ve_viec_restored_under_the_type_line() -> None:
    page = _page("ct21_title_lead.pdf")
    assert any(ln.text.startswith("Về việc sắp xếp thôn, tổ dân phố") for ln in page.lines)
    note = next(w for w in page.warnings if w.code == "ocr_title_lead_restored")
    assert note.field == "title" and "→ 'Về'" in note.detail
    decision = parse(Document(doc_id="x", source_file="x.pdf", source_format="pdf", pages=[page]))
    assert decision.title is not None and decision.title.startswith("Về việc sắp xếp thôn")


def test_title_lead_left_alone_away_from_the_type_line() -> None:
    assert restore_title_lead("và việc sắp xếp thôn", "CHỈ THỊ") is not None
    assert restore_title_lead("Vẻ việc phê duyệt", "QUYẾT ĐỊNH") is not None
    assert restore_title_lead("và việc sắp xếp thôn", "Thực hiện chủ trương của Đảng,") is None  # running text
    assert restore_title_lead("Về việc phê duyệt", "QUYẾT ĐỊNH") is None  # read right


def test_title_line_split_at_a_wide_space_stays_one_title() -> None:
    page = _page("qd982_title_split.pdf")
    decision = parse(Document(doc_id="x", source_file="x.pdf", source_format="pdf", pages=[page]))
    assert decision.title is not None
    assert decision.title.startswith("Phê duyệt Đề án hỗ trợ,")
    assert decision.title.endswith("vươn ra toàn cầu đến năm 2030, tầm nhìn đến năm 2045")


def _ln(text: str, col: int, top: float, x0: float, x1: float) -> Line:
    return Line(text=text, page=1, bbox=(x0, top, x1, top + 14), column=col)


def test_title_stops_at_a_line_of_the_right_column_below_it() -> None:
    lines = [
        _ln("THỦ TƯỚNG CHÍNH PHỦ", 0, 71, 107, 263), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, 71, 278, 548),
        _ln("Số: 982/QĐ-TTg", 0, 107, 120, 220), _ln("Hà Nội, ngày 4 tháng 6 năm 2026", 1, 107, 330, 530),
        _ln("QUYẾT ĐỊNH", 0, 131, 266, 354),
        _ln("Phê duyệt Đề án hỗ trợ,", 0, 147, 115, 255), _ln("phát triển các doanh nghiệp", 1, 147, 268, 506),
        _ln("Hà Nội", 1, 180, 400, 450),  # another row, right column: not the title's
        _ln("THỦ TƯỚNG CHÍNH PHỦ", 0, 200, 230, 400),
    ]
    doc = Document(doc_id="x", source_file="x.pdf", source_format="pdf", pages=[Page(number=1, lines=lines)])
    assert parse(doc).title == "Phê duyệt Đề án hỗ trợ, phát triển các doanh nghiệp"


def test_eight_read_as_section_sign_in_the_number() -> None:
    fix = correct_line("Số: 147§/QĐ-BLĐTBXH")  # QĐ 1478/QĐ-BLĐTBXH (2024), Công báo print scanned
    assert fix is not None and fix.corrected == "Số: 1478/QĐ-BLĐTBXH"
    assert fix.what == "number '147§' → '1478'"


def test_date_field_with_a_letter_that_is_no_digit_is_left_alone() -> None:
    # TT 26/2026/TT-BNNMT scanned: the case-blind date pattern let "L7" through and int() failed,
    # which lost the whole document as "damaged PDF"
    assert correct_line("Hà Nội, ngày L7 tháng 5 năm 2026") is None
    fix = correct_line("Hà Nội, ngày 2O tháng O5 năm 2O25")
    assert fix is not None and fix.corrected == "Hà Nội, ngày 20 tháng 05 năm 2025"


def test_digital_signature_box_kept_out_of_the_header() -> None:
    # nq100_esign_box.pdf: the header of NQ 100/NQ-CP (2026), a gazette print scanned with its
    # e-signature box printed in the top margin ("Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA
    # VIỆT NAM …"), whose motto words hid the issuer "CHÍNH PHỦ"
    page = _page("nq100_esign_box.pdf")
    assert not any("Ký bởi" in ln.text or "16:16:54" in ln.text for ln in page.lines)
    note = next(w for w in page.warnings if w.code == "ocr_esign_box_dropped")
    assert "Ký bởi: CÔNG BÁO" in note.detail
    decision = parse(Document(doc_id="x", source_file="x.pdf", source_format="pdf", pages=[page]))
    assert decision.issuer == "Chính phủ"
    assert decision.number == "100/NQ-CP"


def test_box_labels_without_the_signer_line_are_text() -> None:
    from pipeline.readers.ocr_esign import esign_lines

    items = [Line(text="- Cơ quan: Văn phòng Tỉnh ủy;", page=2, bbox=(90, 40, 300, 52)),
             Line(text="- Ngày ký: theo quy định;", page=2, bbox=(90, 56, 300, 68))]
    assert esign_lines(items, 842.0) == []  # a list item at the top of a page, no "Ký bởi:" box
    box = [Line(text="@ Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page=1, bbox=(40, 10, 300, 18)),
           Line(text="Cơ quan: VĂN PHÒNG CHÍNH PHỦ", page=1, bbox=(40, 19, 200, 27)),
           Line(text="Ngày ký: 2026-01-28 16:47:09 +07:00", page=1, bbox=(40, 28, 200, 36)),
           Line(text="CHÍNH PHỦ", page=1, bbox=(100, 80, 180, 94))]
    assert esign_lines(box, 842.0) == [0, 1, 2]


def test_number_label_misread_before_a_printed_stray_stop() -> None:
    # KH 3070/KH-UBND Bỉm Sơn (2024) scanned: printed "Số: 3070. /KH-UBND", read "Só: 3070. /KH-UBND"
    fix = correct_line("Só: 3070. /KH-UBND")
    assert fix is not None and fix.corrected == "Số: 3070. /KH-UBND"
    assert fix.what == "label 'Só:' → 'Số:'"


def test_unit_kind_of_a_commune_or_town_header_restored() -> None:
    from pipeline.readers.ocr_labels import restore_labels

    # QĐ 142/QĐ-UBND Ngãi Giao (2024) scanned: "THỊ TRẤN NGÃI GIAO" read "THỊ TRÁN NGÃI GIAO"
    label = restore_labels("THỊ TRÁN NGÃI GIAO")
    assert label is not None and label.restored == "THỊ TRẤN NGÃI GIAO"
    label = restore_labels("THỊ XÀ BỈM SƠN")
    assert label is not None and label.restored == "THỊ XÃ BỈM SƠN"


def test_signature_stroke_read_as_a_dash_inside_the_name() -> None:
    from pipeline.structure.signature import parse_signature

    # TT 02/2021/TT-BTC scanned: the signature stroke crosses the name line, read "Vũ - Thị Mai"
    column = [Line(text=t, page=3, bbox=(330, 100 + 20 * i, 500, 112 + 20 * i), column=1)
              for i, t in enumerate(["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Vũ - Thị Mai"])]
    signature = parse_signature(column)
    assert signature is not None and signature.name == "Vũ Thị Mai" and signature.position == "Thứ trưởng"


def test_label_read_without_its_spaces_split() -> None:
    from pipeline.readers.ocr_labels import restore_labels

    # the draft letter of Cục Cảnh sát PCCC và CNCH (2026) scanned: bold "BỘ CÔNG AN" read "BỘCÔNGAN"
    label = restore_labels("BỘCÔNGAN")
    assert label is not None and label.restored == "BỘ CÔNG AN"
    assert label.changed == ("'BỘCÔNGAN' → 'BỘ CÔNG AN'",)
    assert restore_labels("NGHIÊNG") is None and restore_labels("UBND") is None  # a syllable, an initialism


def test_box_labels_read_without_marks_or_colon() -> None:
    from pipeline.readers.ocr_esign import esign_lines

    # NQ 109/NQ-CP (2026) scanned: "Kỷ bởi CÔNG BẢO …" and "Ngày ký 2026-04-29 …", colons lost
    box = [Line(text="Kỷ bởi CÔNG BẢO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page=1, bbox=(40, 10, 300, 18)),
           Line(text="® Cơ quan: VĂN PHÒNG CHÍNH PHỦ", page=1, bbox=(40, 19, 200, 27)),
           Line(text="Ngày ký 2026-04-29 15:34:01 +07:00", page=1, bbox=(40, 28, 200, 36)),
           Line(text="CÔNG BÁO/Số 259/Ngày 30-04-2026 24", page=1, bbox=(200, 45, 500, 57))]
    assert esign_lines(box, 842.0) == [0, 1, 2]


def test_number_printed_with_a_stop_before_the_slash() -> None:
    # KH 3070/KH-UBND Bỉm Sơn (2024): "Số: 3070. /KH-UBND" as printed (and as OCR reads it)
    lines = [
        _ln("ỦY BAN NHÂN DÂN", 0, 59, 120, 230), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, 59, 290, 544),
        _ln("THỊ XÃ BỈM SƠN", 0, 76, 130, 225), _ln("Độc lập - Tự do - Hạnh phúc", 1, 76, 331, 502),
        _ln("Số: 3070. /KH-UBND", 0, 107, 110, 240), _ln("Bỉm Sơn, ngày 09 tháng 9 năm 2024", 1, 107, 316, 540),
        _ln("KẾ HOẠCH", 0, 140, 260, 340), _ln("Khắc phục những tồn tại, hạn chế", 0, 156, 150, 440),
    ]
    doc = Document(doc_id="x", source_file="x.pdf", source_format="pdf", pages=[Page(number=1, lines=lines)])
    decision = parse(doc)
    assert decision.number == "3070/KH-UBND"
    assert any(w.code == "number_stray_stop" for w in decision.warnings)
