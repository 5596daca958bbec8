"""Real scans read as a person reads them (issue 13 item 2): zones read again, handwritten numbers.

Inputs in tests/data/scans13/ are bands cut from dev-corpus scans with their
original pixels (JPEG):

- kh996_closing.pdf: the closing of KH 996/KH-TCTLNTW-C04 (2026), a red seal
  beside "KT. TỔ TRƯỞNG / PHÓ TỔ TRƯỞNG THƯỜNG TRỰC", lines the whole-page
  reading lost or garbled;
- kh996_header.pdf: its header, number "996" written with a marker;
- ct11_header.pdf: the header of CT 11/CT-UBND Hà Nội (2025), number "11"
  handwritten in a hand Tesseract cannot read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from pipeline.model import Document, Line, Page
from pipeline.readers.ocr_labels import restore_labels
from pipeline.structure import parse

from conftest import ocr_first_page

DATA = Path(__file__).parent / "data" / "scans13"


def _page(name: str) -> Page:
    return ocr_first_page(DATA / name)


def test_signature_block_beside_seal_read_from_its_own_crop() -> None:
    page = _page("kh996_closing.pdf")
    right = [ln.text for ln in page.lines if ln.column == 1]
    assert "KT. TỔ TRƯỞNG" in right
    assert "PHÓ TỔ TRƯỞNG THƯỜNG TRỰC" in right
    assert any(ln.text == "Nơi nhận:" and ln.column == 0 for ln in page.lines)
    assert any(w.code == "ocr_closing_reread" for w in page.warnings)


def test_handwritten_number_read_when_two_readings_agree() -> None:
    page = _page("kh996_header.pdf")
    assert any(ln.text == "Số: 996 /KH-TCTLNTW-C04" for ln in page.lines)
    note = next(w for w in page.warnings if w.code == "ocr_number_reread")
    assert note.field == "number" and note.detail.startswith("handwritten number read as '996'")
    assert "slash before the symbol restored" in note.detail


def test_handwriting_tesseract_cannot_read_stays_unread() -> None:
    page = _page("ct11_header.pdf")
    number = next(ln.text for ln in page.lines if ln.text.startswith("Số"))
    assert not re.match(r"Số:\s*\d", number), number  # "11" by hand: no digits invented
    assert not any(w.code == "ocr_number_reread" for w in page.warnings)


def test_labels_read_through_ocr_confusions_and_lost_letters() -> None:
    # hcm_kh_syt_kiemtravb_2021.pdf and hcm_cv_stp_2021.pdf: seal and signature over "PHÓ GIÁM ĐỐC"
    assert restore_labels("PHO GLAM ĐỌC").restored == "PHÓ GIÁM ĐỐC"  # type: ignore[union-attr]
    assert restore_labels("KT. GLAM ĐỌC").restored == "KT. GIÁM ĐỐC"  # type: ignore[union-attr]
    assert restore_labels("PHÓ ÁM ĐỐC").restored == "PHÓ GIÁM ĐỐC"  # type: ignore[union-attr]
    for other in ("PHÓ VỤ TRƯỞNG", "PHÓ CỤC TRƯỞNG", "ĐỘC LẬP", "Glam đọc"):
        assert restore_labels(other) is None, other


def _ln(text: str, col: int, top: float, x0: float, x1: float) -> Line:
    return Line(text=text, page=1, bbox=(x0, top, x1, top + 13), column=col)


def _letter(title_lines: list[Line]) -> Document:
    lines = [
        _ln("BỘ CÔNG AN", 0, 59, 129, 208), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, 59, 290, 544),
        _ln("CỤC CẢNH SÁT PCCC VÀ CNCH", 0, 76, 76, 263), _ln("Độc lập - Tự do - Hạnh phúc", 1, 76, 331, 502),
        _ln("Số: 2243/PCCC&CNCH-P6", 0, 107, 82, 257), _ln("Hà Nội, ngày 23 tháng 07 năm 2025", 1, 107, 316, 517),
        *title_lines,
        _ln("Kính gửi:", 0, 177, 115, 168), _ln("- Công an các tỉnh, thành phố trực thuộc Trung ương;", 0, 194, 180, 479),
        _ln("Thực hiện Kế hoạch xây dựng tiêu chuẩn, quy chuẩn kỹ thuật quốc gia", 0, 260, 100, 540),
    ]
    return Document(doc_id="x", source_file="x.pdf", source_format="pdf", pages=[Page(number=1, lines=lines)])


def test_letter_title_wraps_in_the_left_column() -> None:
    # national_cv2243_cucpccc_2025.pdf: the V/v trích yếu runs over two lines under the number
    doc = _letter([
        _ln("V/v thu thập, tổng hợp, đánh giá tình hình", 0, 129, 69, 269),
        _ln("thực hiện QCVN 03:2023/BCA", 0, 145, 93, 244),
    ])
    assert parse(doc).title == "thu thập, tổng hợp, đánh giá tình hình thực hiện QCVN 03:2023/BCA"


def test_letter_title_printed_ve_under_the_number() -> None:
    # hcm_cv_stp_2021.pdf: "Về Chương trình …" (not "V/v") under "Số: 687 /STP-VB"
    doc = _letter([
        _ln("Về Chương trình hỗ trợ pháp lý liên", 0, 129, 69, 250),
        _ln("ngành cho doanh nghiệp nhỏ và vừa", 0, 145, 72, 248),
    ])
    decision = parse(doc)
    assert decision.title == "Về Chương trình hỗ trợ pháp lý liên ngành cho doanh nghiệp nhỏ và vừa"
    assert decision.doc_type == "Công văn"


def _stp(date_line: str) -> Document:
    """hcm_cv_stp_2021.pdf's header as OCR reads it, with its digital signature (25.02.2021 15:12:01)."""
    lines = [
        _ln("ỦY BAN NHÂN DÂN", 0, 71, 100, 200), _ln("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, 71, 290, 544),
        _ln("SỞ TƯ PHÁP", 0, 103, 120, 190), _ln("Số: 6Ýƒ /STP-VB", 0, 134, 100, 245),
        _ln(date_line, 1, 134, 295, 569),
        _ln("Về Chương trình hỗ trợ pháp lý liên", 0, 159, 69, 250), _ln("Kính gửi:", 0, 264, 115, 168),
    ]
    signed = datetime(2021, 2, 25, 15, 12, 1, tzinfo=timezone(timedelta(hours=7)))
    return Document(doc_id="x", source_file="x.pdf", source_format="pdf", pages=[Page(number=1, lines=lines)],
                    signing_times=[signed])


def test_unreadable_day_and_month_from_the_signing_time_they_fit() -> None:
    decision = parse(_stp("Thành phố Hồ Chí Minh, ngày<2Õtháng ÓỆ năm 2021"))  # "25" and "02" by hand
    assert decision.issue_date == date(2021, 2, 25)
    fitted = [w for w in decision.warnings if w.code == "day_month_from_signing_time"]
    assert len(fitted) == 1 and fitted[0].detail.startswith("day and month of issue 25/2 from the digital signature")
    misfit = parse(_stp("Thành phố Hồ Chí Minh, ngày<7Õtháng ÓỆ năm 2021"))  # a 7 seen: not the 25th
    assert misfit.issue_date is None
