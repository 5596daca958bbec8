"""Header values that cannot be read (handwritten number and day) and where they may come from.

Only an unreadable value is completed: a number or day left blank in a draft
stays blank whatever the file name says.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipeline.readers import read
from pipeline.readers.stamps import parse_pdf_date
from pipeline.structure import parse
from pipeline.structure.header_numbers import repair_symbol

HEADER = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG

{number}

Lâm Đồng, {date}

KẾ HOẠCH

Cải cách hành chính năm 2026

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng cải cách hành chính.
"""


def _decision(tmp_path: Path, name: str, number: str, day: str = "ngày 16 tháng 10 năm 2025"):
    path = tmp_path / name
    path.write_text(HEADER.format(number=number, date=day), "utf-8")
    return parse(read(path))


def test_unreadable_number_is_taken_from_a_file_name_with_the_same_type_code(tmp_path: Path) -> None:
    decision = _decision(tmp_path, "1234 KH cải cách hành chính.txt", "Số: ⁄Z⁄46 /KH-UBND")
    assert (decision.number, decision.number_symbol, decision.number_seq) == ("1234/KH-UBND", "KH-UBND", "1234")
    assert [(w.field, w.detail) for w in decision.warnings if w.code == "number_from_file_name"] == [
        ("number", "number 1234 from the file name '1234 KH cải cách hành chính.txt' (the written number is unreadable)")
    ]


def test_unreadable_number_from_the_type_code_and_number_word_of_a_file_name(tmp_path: Path) -> None:
    # Chỉ thị 11/CT-UBND Hà Nội and Thông tư 148/2020/TT-BCA (dev scans): the number is handwritten,
    # OCR reads "Số: ML /CT-UBND" and "Số: 4/# /2020/TT-BCA"; the file names hold "ct11" and "tt148".
    (tmp_path / "scans").mkdir()
    decision = _decision(tmp_path, "scans/hanoi_ct11_ubnd_2025_saoy.txt", "Số: ML /CT-UBND", "ngày--† tháng 7 năm 2025")
    assert decision.number == "11/CT-UBND"
    assert any(w.code == "number_from_file_name" and w.detail.startswith("number 11 from the file name") for w in decision.warnings)
    decision = _decision(tmp_path, "national_tt148_bca_2020.txt", "Số: 4/# /2020/TT-BCA")
    assert decision.number == "148/2020/TT-BCA"
    # Another year in the name, two numbers, or another type code: nothing is taken.
    for name in ("national_tt148_bca_2019.txt", "tt148_tt150_bca.txt", "national_qd148_bca.txt"):
        assert _decision(tmp_path, name, "Số: 4/# /2020/TT-BCA").number is None, name


def test_file_name_with_another_type_code_is_not_used(tmp_path: Path) -> None:
    decision = _decision(tmp_path, "1234 QĐ cải cách hành chính.txt", "Số: ⁄Z⁄46 /KH-UBND")
    assert (decision.number, decision.number_symbol) == (None, "KH-UBND")
    assert any((w.code, w.field) == ("number_unreadable", "number") for w in decision.warnings)
    assert not any(w.code == "number_from_file_name" for w in decision.warnings)


def test_number_left_blank_stays_blank(tmp_path: Path) -> None:
    decision = _decision(tmp_path, "1234 KH dự thảo.txt", "Số:      /KH-UBND")
    assert (decision.number, decision.number_symbol) == (None, "KH-UBND")


def test_unreadable_day_without_a_signature_stays_unknown(tmp_path: Path) -> None:
    decision = _decision(tmp_path, "kh.txt", "Số: 12/KH-UBND", "ngày 4 6tháng 10 năm 2025")
    assert decision.issue_date is None
    assert decision.place == "Lâm Đồng" and decision.date_text == "Lâm Đồng, ngày 4 6tháng 10 năm 2025"
    assert any((w.code, w.field) == ("day_unreadable", "issue_date") for w in decision.warnings)


def test_pdf_dates_and_stuttered_symbols() -> None:
    assert parse_pdf_date("D:20251016104032+07'00'") == datetime(2025, 10, 16, 10, 40, 32, tzinfo=timezone(timedelta(hours=7)))
    assert parse_pdf_date("D:20251016104032Z") == datetime(2025, 10, 16, 10, 40, 32, tzinfo=timezone.utc)
    assert parse_pdf_date("D:2025") == datetime(2025, 1, 1)
    assert parse_pdf_date("yesterday") is None
    assert repair_symbol("QĐĐ-UBND") == "QĐ-UBND"
    assert repair_symbol("QĐ-UBND") == "QĐ-UBND"
    assert repair_symbol("TTr-SNV") == "TTr-SNV"


def test_dotted_blanks_stay_blank(tmp_path: Path) -> None:
    for blank in ("Số: ……/KH-UBND", "Số: ....../KH-UBND", "Số: ___/KH-UBND"):
        decision = _decision(tmp_path, "1234 KH dự thảo.txt", blank)
        assert (decision.number, decision.number_symbol) == (None, "KH-UBND"), blank
        assert any((w.code, w.field) == ("value_left_blank", "number") for w in decision.warnings), blank
    decision = _decision(tmp_path, "kh.txt", "Số: 12/KH-UBND", "ngày ..... tháng 10 năm 2025")
    decision.document.signing_times = [datetime(2025, 10, 16, 10, tzinfo=timezone(timedelta(hours=7)))]
    assert parse(decision.document).issue_date is None
    assert any((w.code, w.field) == ("value_left_blank", "issue_date") for w in decision.warnings)


def test_unreadable_number_keeps_its_year_and_refuses_years_and_misread_digits(tmp_path: Path) -> None:
    decision = _decision(tmp_path, "1234 QĐ.txt", "Số: ⁄Z⁄/2015/QĐ-UBND")
    assert (decision.number, decision.number_year) == ("1234/2015/QĐ-UBND", 2015)
    assert _decision(tmp_path, "2025 KH CCHC.txt", "Số: ⁄Z⁄46 /KH-UBND").number is None
    for misread in ("Số: 1O5/KH-UBND", "Số: l05/KH-UBND"):
        decision = _decision(tmp_path, "1234 KH.txt", misread)
        assert decision.number is None, misread
        assert any((w.code, w.field) == ("number_misread_digits", "number") for w in decision.warnings), misread


def test_day_comes_from_the_last_signature_in_vietnam_time(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(HEADER.format(number="Số: 12/KH-UBND", date="ngày 4 6tháng 10 năm 2025"), "utf-8")
    document = read(path)
    vn = timezone(timedelta(hours=7))
    # The signer on the 3rd, the issuing office on the 16th (QĐ 2536 is signed so: 11 Dec, then 12 Dec).
    document.signing_times = [datetime(2025, 10, 3, 9, tzinfo=vn), datetime(2025, 10, 16, 10, tzinfo=vn)]
    assert str(parse(document).issue_date) == "2025-10-16"
    # 18:00 UTC on the 15th is 01:00 on the 16th in Vietnam.
    document.signing_times = [parse_pdf_date("D:20251015180000Z")]
    assert str(parse(document).issue_date) == "2025-10-16"


def test_doubled_letter_in_a_readable_symbol_is_repaired(tmp_path: Path) -> None:
    decision = _decision(tmp_path, "kh.txt", "Số: 56/QĐĐ-UBND")
    assert (decision.number, decision.number_symbol) == ("56/QĐ-UBND", "QĐ-UBND")


def test_misread_day_digits_and_zoneless_signing_times(tmp_path: Path) -> None:
    vn = timezone(timedelta(hours=7))
    path = tmp_path / "kh.txt"
    path.write_text(HEADER.format(number="Số: 12/KH-UBND", date="ngày O5 tháng 10 năm 2025"), "utf-8")
    document = read(path)
    document.signing_times = [datetime(2025, 10, 6, 9, tzinfo=vn)]
    decision = parse(document)
    assert decision.issue_date is None  # "O5" is a misread 05, not the signing day
    misread = [w for w in decision.warnings if w.code == "day_misread_digits"]
    assert len(misread) == 1 and misread[0].detail.startswith("day 'O5' looks like misread digits")
    # A time without a zone (PDF dates may omit it) is Vietnam time, and mixes with zoned ones.
    path.write_text(HEADER.format(number="Số: 12/KH-UBND", date="ngày 4 6tháng 10 năm 2025"), "utf-8")
    document = read(path)
    document.signing_times = [parse_pdf_date("D:20251003090000"), datetime(2025, 10, 16, 10, tzinfo=vn)]
    assert str(parse(document).issue_date) == "2025-10-16"
