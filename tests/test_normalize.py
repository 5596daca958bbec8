"""Tone-mark placement and NFC (text/normalize.py) on words from the corpus."""

import unicodedata

import pytest

from pipeline.text import fold, normalize, normalize_tone_marks


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Khánh Hoà", "Khánh Hòa"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("thuỷ lợi", "thủy lợi"),
        ("UỶ BAN", "ỦY BAN"),
        ("hoá đơn", "hóa đơn"),
        ("khoẻ", "khỏe"),
        ("Thuỵ", "Thụy"),
        ("quý I/2017", "quý I/2017"),  # "qu" onset: the mark stays on y
        ("Luật Luật sư", "Luật Luật sư"),  # final consonant: nothing moves
        ("Bình Thuận", "Bình Thuận"),
        ("thuế", "thuế"),  # u+ê is not a moving nucleus
        ("hoàn thành", "hoàn thành"),
        ("ngoài", "ngoài"),
    ],
)
def test_government_tone_marks(raw: str, expected: str) -> None:
    assert normalize_tone_marks(raw) == expected


def test_nfd_input_becomes_nfc_and_keeps_length() -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Khánh Hoà")
    out = normalize_tone_marks(nfd)
    assert out == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert unicodedata.is_normalized("NFC", out)
    nfc = unicodedata.normalize("NFC", "Uỷ ban Hoà")
    assert len(normalize_tone_marks(nfc)) == len(nfc)


def test_normalize_keeps_line_breaks_and_folds_spaces() -> None:
    assert normalize("  Quý II/2017 \n Theo tiến\u00a0độ  Đề án ") == "Quý II/2017\nTheo tiến độ Đề án"


def test_fold_compares_case_dashes_and_tone_marks() -> None:
    assert fold("Sở Lao động – Thương binh và Xã hội") == fold("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    assert fold("Uỷ ban nhân dân tỉnh Khánh Hoà") == fold("Ủy ban nhân dân tỉnh Khánh Hòa")
