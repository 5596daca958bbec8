"""The signature column lost by the page binarisation is read from its own crop (issue 13 item 2).

Input: tests/data/scans13/qd1360_closing_black_seal.pdf holds a white first page
and page 2 of the dev scan national_qd1360_ttg_2025.pdf (QĐ 1360/QĐ-TTg, 2025)
copied unchanged (1-bit CCITT at 200 dpi): "Nơi nhận" on the left, and beside a
BLACK seal the block "KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / Trần Hồng Hà". Body pages
after the first are binarised with Sauvola, which drops the whole right column
there, so no word was read right of the middle and the closing band was never
formed.

tests/data/scans13/kh3070_name_below_seal.pdf: a white first page and the closing of
KH 3070/KH-UBND Bỉm Sơn (2024), p6, as an office scan of its text-layer PDF
(bench/scan_transfer.py; the text above the last body lines whitened): "CHỦ TỊCH"
is read beside the recipients but the name "Trịnh Tuấn Thành" under the seal and
signature stroke is not, and it lies below the last line read.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.readers.ocr import ocr_page, to_page
from pipeline.readers.ocr_zones import closing_band

DATA = Path(__file__).parent / "data" / "scans13"


def _word(text: str, x0: float, top: float, x1: float) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 12, "conf": 95.0}


def _closing(left_head: str) -> list[dict]:
    """A body line across the page, then a recipients list and nothing right of it."""
    body = [_word("các", 84, 254, 104), _word("tổ", 108, 254, 120), _word("chức,", 124, 254, 300),
            _word("thi", 304, 254, 320), _word("hành./.", 324, 254, 520)]
    head = [_word(part, 94 + 40 * i, 298, 130 + 40 * i) for i, part in enumerate(left_head.split())]
    items = [_word("-", 94, 312 + 13 * i, 98) for i in range(3)] + [_word("Lưu:", 102, 351, 330)]
    return body + head + items


def test_recipients_read_without_a_signature_column_still_form_the_band() -> None:
    for heading in ("Nơi nhận:", "Noi nhân:", "- Nơi nhặn:"):
        band = closing_band(_closing(heading), 601.0, 849.0)
        assert band is not None, heading
        top, bottom, start, left = band
        assert start == 601.0  # no signature column read: the right column is read whole
        assert left == 330.0  # the recipients list's longest line ends there
        assert 255 < top < 298 and bottom >= 351 + 12


def test_band_needs_a_recipients_heading_or_a_right_column() -> None:
    assert closing_band(_closing("Ghi chú:"), 601.0, 849.0) is None  # a page of running text


def test_signature_column_beside_black_seal_read_from_its_own_crop() -> None:
    page, _ = to_page(ocr_page(DATA / "qd1360_closing_black_seal.pdf", 2), 0)
    right = [ln.text for ln in page.lines if ln.column == 1]
    assert any(text.endswith("Hồng Hà") for text in right), right
    assert any(ln.text == "Nơi nhận:" and ln.column == 0 for ln in page.lines)
    note = next(w for w in page.warnings if w.code == "ocr_closing_reread")
    assert note.detail.startswith("signature column not read beside the recipients")


def test_signer_name_below_the_last_line_read_is_in_the_band() -> None:
    page, _ = to_page(ocr_page(DATA / "kh3070_name_below_seal.pdf", 2), 0)
    right = [ln.text for ln in page.lines if ln.column == 1]
    assert "CHỦ TỊCH" in right
    assert "Trịnh Tuấn Thành" in right, right
    assert any(w.code == "ocr_closing_reread" for w in page.warnings)
