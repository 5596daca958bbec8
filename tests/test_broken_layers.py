"""Regression tests, one per kind of broken (or foreign but good) PDF text layer, each on a small
input made for it (tests/pdfgen.py writes the PDFs; word lists stand for what the text extractors give)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from pipeline.model import Note
from pipeline.readers import DamagedInput, read, sniff
from pipeline.readers.ocr_confusions import correct_line
from pipeline.readers.pdfium_words import extract_words
from pipeline.readers.triage import image_cover, triage_page

from pdfgen import raw_pdf, text_page

#: Ten lines of unaccented Vietnamese (Helvetica has no Vietnamese glyphs): syllable-shaped words.
LINES = [f"Dieu {i} Giao cac so ban nganh tinh thuc hien ke hoach cai cach hanh chinh nam nay" for i in range(1, 11)]


def _words(texts: list[str]) -> list[dict]:
    return [{"text": t, "x0": 10.0 * i, "x1": 10.0 * i + 8, "top": 100.0, "bottom": 110.0} for i, t in enumerate(texts)]


def _triage(path: Path, number: int = 1):  # type: ignore[no-untyped-def]
    pdf = pdfium.PdfDocument(path)
    page = pdf[number - 1]
    return triage_page(extract_words(page, page.get_size()[1]), image_cover(page), page)


def test_fake_bold_doubles_are_dropped_on_both_word_paths(tmp_path: Path) -> None:
    """Each line drawn twice 0.4 pt apart (a printer's fake bold): one word each, on the PDFium
    path and on the pdfplumber path that pages with ruled tables take (pdfplumber #1155)."""
    ops = [b"BT /F1 12 Tf 72 770 Td (Quyet dinh ban hanh) Tj ET", b"BT /F1 12 Tf 72.4 770 Td (Quyet dinh ban hanh) Tj ET"]
    plain = tmp_path / "bold.pdf"
    plain.write_bytes(raw_pdf([(b"\n".join(ops), {})]))
    page = pdfium.PdfDocument(plain)[0]
    assert [w["text"] for w in extract_words(page, 842.0)] == ["Quyet", "dinh", "ban", "hanh"]
    ruled = tmp_path / "bold-table.pdf"
    grid = b"72 500 200 100 re S 172 500 m 172 600 l S 72 550 m 272 550 l S"
    ruled.write_bytes(raw_pdf([(b"\n".join(ops + [grid]), {})]))
    document = read(ruled)
    assert document.pages[0].lines[0].text == "Quyet dinh ban hanh"


def test_unmapped_cid_glyphs_send_the_page_to_ocr() -> None:
    words = _words(["(cid:12)(cid:40)(cid:7)", "(cid:3)(cid:99)", "UBND", "(cid:5)(cid:6)(cid:8)(cid:9)"] * 5)
    verdict = triage_page(words, 0.0)
    assert verdict.route == "ocr"
    assert verdict.reason.code == "triage_unmapped_glyphs" and "have no Unicode mapping ((cid:N))" in verdict.reason.detail


def test_mixed_script_mojibake_sends_the_page_to_ocr() -> None:
    """Ghostscript re-encoding of "UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG": Cyrillic, '¿' and '‘' inside words."""
    header = ["UBND", "7ӌ1+", "L¿O", "CAI", "6Ӣ", "C‘NG", "THѬѪNG"]
    body = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 của tỉnh".split()
    verdict = triage_page(_words(header + body * 3), 0.0)
    assert verdict.route == "ocr"
    assert verdict.reason.code == "triage_mojibake"
    assert "mixed-script mojibake in 5 words" in verdict.reason.detail and "'7ӌ1+'" in verdict.reason.detail
    good = triage_page(_words(["BТС"] + body * 3), 0.0)  # one word typed with Cyrillic letters: layer kept
    assert good.route == "text"


def test_good_english_layer_is_kept_with_a_reason(tmp_path: Path) -> None:
    """Issue 14: an English PDF is read as text (flagged), not OCR'd with the Vietnamese model."""
    path = tmp_path / "english.pdf"
    lines = ["The Committee shall report to the Ministry of Finance on the progress of the plan",
             "and the results of the inspection, with the figures for each of the provinces in the region."]
    path.write_bytes(raw_pdf([(text_page(lines), {})]))
    page = read(path).pages[0]
    assert page.source_kind == "text"
    assert page.warnings[0] == Note("triage_other_language", "text", "text layer in English, not Vietnamese: read as it is")
    assert page.lines[0].text.startswith("The Committee shall report")


def test_english_ocr_garbage_over_a_scan_is_still_noise() -> None:
    garbage = "CQNG HOA XA HQI CHU NGHIA VIPT NAM DQc l$p Tg do tlanh phic Thdnh phA ruA Chi Minh ngdy".split()
    verdict = triage_page(_words(garbage * 2), 1.0)
    assert verdict.route == "ocr" and verdict.reason.code == "triage_noise"


def _text_like_image(width: int = 400, height: int = 300) -> bytes:
    """A gray image of dashes in rows, as a pasted-in picture of text looks at low resolution."""
    rows = []
    for y in range(height):
        ink = (y % 14) < 7
        rows.append(bytes(0 if ink and (x % 9) < 6 else 255 for x in range(width)))
    data = zlib.compress(b"".join(rows))
    return (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(data))
        + data
        + b"\nendstream"
    )


def test_partial_layer_covering_part_of_the_ink_goes_to_ocr(tmp_path: Path) -> None:
    """Top of the page typed (a text layer), bottom pasted in as an image of text (no layer)."""
    path = tmp_path / "partial.pdf"
    content = text_page(LINES[:4]) + b"\nq 400 0 0 300 72 100 cm /Im1 Do Q"
    path.write_bytes(raw_pdf([(content, {"Im1": _text_like_image()})]))
    verdict = _triage(path)
    assert verdict.route == "ocr"
    assert verdict.reason.code == "triage_partial_layer" and "of the page's text ink" in verdict.reason.detail
    whole = tmp_path / "whole.pdf"  # the same text alone: kept
    whole.write_bytes(raw_pdf([(text_page(LINES), {})]))
    assert _triage(whole).route == "text"


def test_vector_outline_page_is_ocred_with_its_reason(tmp_path: Path) -> None:
    """Glyphs drawn as paths (no text objects): reason names the outlines, not just "no text"."""
    shapes = b"\n".join(b"%d %d 5 8 re f" % (72 + 7 * (i % 60), 760 - 14 * (i // 60)) for i in range(300))
    path = tmp_path / "outlines.pdf"
    path.write_bytes(raw_pdf([(shapes, {})]))
    verdict = _triage(path)
    assert verdict.route == "ocr"
    assert verdict.reason == Note("triage_vector_outlines", "text", "page drawn as vector outlines (300 paths), no text layer, page OCR'd")


def test_junk_before_the_pdf_header_is_accepted_with_a_warning(tmp_path: Path) -> None:
    """A signed PDF with 22 bytes before "%PDF" (readers accept a header within 1024 bytes)."""
    data = b"Content-Type: app/pdf\n" + raw_pdf([(text_page(LINES), {})])
    path = tmp_path / "junk.pdf"
    path.write_bytes(data)
    assert sniff(data, ".pdf") == "pdf"
    document = read(path)
    first = document.pages[0].warnings[0]
    assert first.code == "pdf_junk_before_header" and first.detail.startswith("22 byte(s) before the %PDF header ignored")
    assert document.pages[0].lines[0].text == LINES[0]
    with pytest.raises(ValueError):
        sniff(b"x" * 1100 + b"%PDF-1.4", ".pdf")  # beyond the window: not a PDF


def test_pdf_without_pages_fails_with_a_clear_reason(tmp_path: Path) -> None:
    path = tmp_path / "no-pages.pdf"
    path.write_bytes(raw_pdf([]))
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 0
    with pytest.raises(DamagedInput, match="PDF with no pages"):
        read(path)


def test_ocr_number_confusions_are_resolved_and_reported() -> None:
    fix = correct_line("Só: l5/QĐ-UBND")
    assert fix is not None and fix.corrected == "Số: 15/QĐ-UBND"
    assert fix.what == "number 'l5' → '15', label 'Só:' → 'Số:'"
    date = correct_line("Hà Nội, ngày 2O tháng O5 năm 2O25")
    assert date is not None and date.corrected == "Hà Nội, ngày 20 tháng 05 năm 2025"
    article = correct_line("Điều L. Phạm vi điều chỉnh")
    assert article is not None and article.corrected == "Điều 1. Phạm vi điều chỉnh"
    from pipeline.readers.ocr_confusions import restore_place_comma

    place = restore_place_comma("Hà Nội ngày   tháng   năm 2025")  # cv2243: comma lost, day and month stamped
    assert place is not None and place.corrected == "Hà Nội, ngày   tháng   năm 2025"
    assert restore_place_comma("Hà Nội, ngày 23 tháng 07 năm 2025") is None
    assert correct_line("| Căn cứ Luật Tổ chức Chính phủ").corrected == "Căn cứ Luật Tổ chức Chính phủ"  # type: ignore[union-attr]
    signer = correct_line("=““Ñguyễn Hoài Nam")  # a signature stroke glued to the signer's name
    assert signer is not None and signer.corrected == "Nguyễn Hoài Nam"
    assert correct_line("“45 ngày đêm ra quân”") is None  # a real opening quote stays
    # Never invented: handwriting read as symbols, a blank, a right line stay.
    for line in ("Số: #6` /KH-TCTLNTW-C04", "Số:      /QĐ-UBND", "Số: 1360/QĐ-TTg", "Hà Nội, ngày 31 tháng 12 năm 2020",
                 "Hà Nội, ngày lO tháng OO năm 2025"):
        assert correct_line(line) is None, line


def test_ocr_symbol_and_label_marks_are_restored() -> None:
    """A "6" read "ó" in a symbol; capitals of fixed labels read with wrong marks (type line, header, titles)."""
    from pipeline.readers.ocr_labels import restore_labels

    assert correct_line("Số: 2243/PCCC&CNCH-Pó").corrected == "Số: 2243/PCCC&CNCH-P6"  # type: ignore[union-attr]
    assert restore_labels("CHÍ THỊ").restored == "CHỈ THỊ"  # type: ignore[union-attr]
    assert restore_labels("THÀNH PHÓ HÀ NỌI").restored == "THÀNH PHỐ HÀ NỘI"  # type: ignore[union-attr]
    assert restore_labels("Thành phố Hô Chí Minh, ngày 09").restored == "Thành phố Hồ Chí Minh, ngày 09"  # type: ignore[union-attr]
    assert restore_labels("KT. GIÁM ĐÓC").changed == ("'GIÁM ĐÓC' → 'GIÁM ĐỐC'",)  # type: ignore[union-attr]
    # Right labels, lower-case running text and lone words are left alone.
    for line in ("PHÓ GIÁM ĐỐC", "Bộ trưởng Bộ Công an", "PHÓ", "Sở Tư pháp nhận được"):
        assert restore_labels(line) is None, line


def test_red_seal_ink_is_dropped_and_receipt_frames_blanked() -> None:
    """Black text under a red seal stays ink; red ink goes; what is written inside a red
    rectangle (a receipt stamp "ĐẾN Số … Ngày …") goes with its frame; a red ring does not blank its inside."""
    import numpy as np

    from pipeline.readers.raster import ink_gray

    rgb = np.full((400, 600, 3), 255, np.uint8)
    rgb[50:60, 20:300] = (0, 0, 0)  # a black text stroke ...
    rgb[40:70, 100:140] = (200, 30, 30)  # ... under red seal ink beside it
    rgb[200:320, 40:240][[0, -1], :] = (210, 20, 20)  # a receipt frame: top and bottom sides
    rgb[200:320, 40:240][:, [0, -1]] = (210, 20, 20)  # left and right sides
    rgb[250:260, 80:200] = (20, 20, 120)  # handwriting inside it (dark blue)
    yy, xx = np.ogrid[:400, :600]
    ring = np.abs(np.hypot(yy - 250, xx - 450) - 80) < 3
    rgb[ring] = (200, 30, 30)  # a round seal ...
    rgb[245:255, 420:480] = (0, 0, 0)  # ... over a signer's name
    rgb[340:395, 300:560][[0, -1], :] = (110, 40, 150)  # a purple "CÔNG VĂN ĐẾN" frame ...
    rgb[340:395, 300:560][:, [0, -1]] = (110, 40, 150)
    rgb[360:370, 320:540] = (110, 40, 150)  # ... and its text
    gray = ink_gray(rgb)
    assert gray[365, 320:540].min() == 255
    assert gray[55, 20:99].max() < 50 and gray[55, 150:300].max() < 50  # text kept
    assert gray[42, 100:140].min() == 255  # seal ink dropped
    assert gray[255, 80:200].min() == 255  # handwriting in the receipt frame blanked
    assert gray[250, 420:480].max() < 50  # the name inside the round seal kept


def test_junk_words_are_dropped_unless_beside_printed_words() -> None:
    from pipeline.readers.tesseract import drop_junk

    def word(text: str, conf: float, x: float, w: float) -> dict:
        return {"text": text, "conf": conf, "x0": x, "x1": x + w, "top": 100.0, "bottom": 112.0}

    words = [word("O[2", 0, 100, 24), word(".#os€", 38, 127, 35), word("Phối", 97, 197, 26),
             word("ngày", 96, 300, 25), word("(Ÿ]", 20, 327, 10), word("tháng", 96, 340, 30)]
    assert [w["text"] for w in drop_junk(words)] == ["Phối", "ngày", "(Ÿ]", "tháng"]


def test_fake_bold_doubles_are_found_across_bucket_edges() -> None:
    # The dedupe buckets positions; a double drawn just across a bucket edge is still one glyph.
    from pipeline.readers.pdfium_words import DEDUPE_TOLERANCE, dedupe_chars

    for x in (0.0, 1.0, 1.99, 2.0, 2.01, 3.5, 3.99):
        for dx in (-0.9, -0.3, 0.0, 0.4, 0.95):
            for dy in (-0.95, 0.0, 0.6):
                first = {"text": "Q", "fontname": "Times-Bold", "size": 12.0, "x0": x, "top": 10.0 + x}
                second = dict(first, x0=x + dx * DEDUPE_TOLERANCE, top=first["top"] + dy * DEDUPE_TOLERANCE)
                far = dict(first, x0=x + 1.6 * DEDUPE_TOLERANCE)
                assert dedupe_chars([first, second, far]) == [first, far], (x, dx, dy)
