"""Words of a text-layer PDF that touch are one piece of text, not two.

pdfplumber starts a new word where the font or size changes ("Điều 3" bold,
"." regular; "NC." then a small "Châu"), with no gap between them and no space
character in the PDF. QĐ 2536/QĐ-UBND (Lâm Đồng, 2025) has three such joins.
"""

from __future__ import annotations

from pipeline.readers import read
from pipeline.readers.layout import line_text

from conftest import QD2536_PDF


def test_touching_words_of_a_signed_decision_are_joined_without_a_space() -> None:
    doc = read(QD2536_PDF)
    text = "\n".join(line.text for line in doc.lines())
    assert "Điều 3. Chỉ định ông Trần Văn Ninh" in text
    assert "thi hành Luật Luật sư; Nghị\n" in text
    assert "Lưu: VT, NC.Châu" in text
    assert "Điều 3 ." not in text and "sư ;" not in text


def test_words_apart_keep_their_space_and_ocr_words_always_do() -> None:
    pdf = [
        {"text": "Điều", "x0": 113.4, "x1": 141.37, "fontname": "Bold"},
        {"text": "3", "x0": 145.57, "x1": 152.57, "fontname": "Bold"},
        {"text": ".", "x0": 152.57, "x1": 156.07, "fontname": "Regular"},
    ]
    assert line_text(pdf) == "Điều 3."
    ocr = [{"text": "Điều", "x0": 10.0, "x1": 30.0}, {"text": "3.", "x0": 30.0, "x1": 36.0}]
    assert line_text(ocr) == "Điều 3."
