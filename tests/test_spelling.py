"""Tone-mark repair of OCR readings (pipeline.text.spelling) and the colour-scan image path.

The readings are Tesseract's on the 91-TTr-CAT-PC04.pdf scan and the seed
scan (what it gave before the repair); the meant text is the .doc draft and
the seed decision's text layer.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pypdfium2 as pdfium

from pipeline.readers import raster
from pipeline.text.spelling import load_lexicon, pair_counts, repair_tokens

from conftest import KMT_SCAN, SEED_SCAN


def _repaired(text: str, document: list[str] | None = None) -> str:
    tokens = text.split()
    counts = pair_counts([tokens] + [d.split() for d in document or []])
    out = list(tokens)
    for repair in repair_tokens(tokens, counts, load_lexicon()):
        out[repair.index] = repair.replaced
    return " ".join(out)


def test_dropped_hooks_and_acutes_come_back_from_the_word_list() -> None:
    assert _repaired("- Tô chức triên khai hiệu quả") == "- Tổ chức triển khai hiệu quả"
    assert _repaired("- Đây mạnh công tác tuyên truyền") == "- Đẩy mạnh công tác tuyên truyền"
    assert _repaired("đâu tranh chông tội phạm") == "đấu tranh chông tội phạm"
    # "chống tội" is no listed word; read right elsewhere in the document, it is evidence.
    assert _repaired("đâu tranh chông tội phạm", ["phòng ngừa, chống tội phạm"]) == "đấu tranh chống tội phạm"
    # "cách thế" is a listed word too; the seed's body text has "cải cách thể chế" read right.
    assert _repaired("I CẢI CÁCH THẾ CHẾ") == "I CẢI CÁCH THẾ CHẾ"
    assert _repaired("I CẢI CÁCH THẾ CHẾ", ["cải cách thể chế, hoàn thiện"]) == "I CẢI CÁCH THỂ CHẾ"
    # Punctuation and case stay as read.
    assert _repaired("tô chức, kiêm tra.") == "tổ chức, kiểm tra."


def test_readings_that_make_words_stay() -> None:
    text = "Kế hoạch tổ chức thực hiện công tác phòng, chống ma túy trên địa bàn tỉnh"
    assert _repaired(text) == text
    # A mark the model does not drop is not "restored": hook → none is no slip.
    assert _repaired("với tỉnh thần") == "với tỉnh thần"


def test_the_document_outweighs_the_word_list() -> None:
    # A cell starting "tin điện tử": the word list knows "tín điện", but the same
    # document reads "thông tin điện tử" elsewhere, so "tin" stays.
    assert _repaired("tin điện tử tỉnh") == "tín điện tử tỉnh"
    assert _repaired("tin điện tử tỉnh", ["Cổng thông tin điện tử của tỉnh"]) == "tin điện tử tỉnh"


def test_names_are_left_alone() -> None:
    assert _repaired("Phó Chủ tịch Lê Văn Hòa") == "Phó Chủ tịch Lê Văn Hòa"


def test_pair_counts_skip_punctuation_between_words() -> None:
    counts = pair_counts([["phòng,", "chống", "ma", "túy."]])
    assert counts == Counter({("chống", "ma"): 1, ("ma", "túy"): 1})


def test_colour_scan_is_read_from_its_own_pixels_by_the_darkest_channel() -> None:
    pdf = pdfium.PdfDocument(str(KMT_SCAN))
    try:
        image = raster.scan_image(pdf[3], 300)
    finally:
        pdf.close()
    assert image is not None and image.shape == (round(841.89 * 300 / 72), round(595.276 * 300 / 72))
    rendered = raster.render(KMT_SCAN, 4)
    assert rendered.shape == image.shape
    # The darkest channel keeps the colour fringes as ink: more dark pixels than a luminance rendering.
    assert int((image < 128).sum()) > int((rendered < 128).sum() * 0.9)


def test_gray_scan_is_left_to_pdfium() -> None:
    pdf = pdfium.PdfDocument(str(SEED_SCAN))
    try:
        assert raster.scan_image(pdf[0], 300) is None
    finally:
        pdf.close()
    assert raster.render(SEED_SCAN, 1).dtype == np.uint8
