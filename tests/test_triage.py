"""Text-layer triage on real PDFs: which pages keep their layer, which are OCR'd, and why."""

from __future__ import annotations

import pdfplumber
import pypdfium2 as pdfium

from pipeline.readers.triage import image_cover, is_syllable, triage_page, vietnamese_share

from conftest import QD1716_PDF, QD2536_PDF, SEED_PDF, SEED_SCAN


def _verdicts(path):  # type: ignore[no-untyped-def]
    fast = pdfium.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        return [
            triage_page(page.extract_words(extra_attrs=["fontname"]), image_cover(fast[i]))
            for i, page in enumerate(pdf.pages)
        ]


def test_english_ocr_layer_is_noise_and_goes_to_ocr() -> None:
    """1716's layer reads "ceNG no.r, xA Her cHU Ncni.l vIDT NAM": under half Vietnamese."""
    verdicts = _verdicts(QD1716_PDF)
    assert [v.route for v in verdicts] == ["ocr", "ocr"]
    assert {(v.reason.code, v.reason.field) for v in verdicts} == {("triage_noise", "text")}
    with pdfplumber.open(QD1716_PDF) as pdf:
        share, _ = vietnamese_share(pdf.pages[0].extract_text())
    assert share < 0.5


def test_clean_layers_are_kept() -> None:
    for path in (SEED_PDF, QD2536_PDF):
        verdicts = _verdicts(path)
        assert {v.route for v in verdicts} == {"text"}
        assert all(v.source_kind == "text" for v in verdicts)


def test_image_only_pages_have_no_text_layer() -> None:
    verdicts = _verdicts(SEED_SCAN)
    assert len(verdicts) == 11
    assert {(v.reason.code, v.reason.detail) for v in verdicts} == {("triage_no_text_layer", "no text layer, page OCR'd")}


def test_syllables() -> None:
    good = ["Quyết", "định", "NGHĨA", "Nghị", "khuyến", "ngoài", "Đồng", "ủy"]
    bad = ["cHU", "QUYTTDINH", "Luqt", "Ncni", "vIDT", "tl6ng"]
    assert all(is_syllable(t) for t in good)
    assert not any(is_syllable(t) for t in bad)


def test_statistical_legacy_verdict_carries_its_encoding_to_the_decoder() -> None:
    """The TCVN3 PDF with its font names renamed: triage finds TCVN3 by statistics alone,
    and decoding with the encoding triage hands over equals decoding that detects again."""
    from pipeline.readers.legacy_fonts import decode_words

    from conftest import DATA

    with pdfplumber.open(DATA / "legacy" / "2006-19412_QD115.04TTg_BLTch_DNNVV.pdf") as pdf:
        words = [dict(w, fontname="Arial") for w in pdf.pages[0].extract_words(extra_attrs=["fontname", "size"])]
    verdict = triage_page(words, 0.0)
    assert (verdict.route, verdict.encoding) == ("legacy", "tcvn3")
    handed, enc = decode_words(words, verdict.encoding)
    assert enc == "tcvn3" and (handed, enc) == decode_words(words)
    assert "Căn cứ Luật Tổ chức Chính phủ" in " ".join(w["text"] for w in handed)
    assert [v.encoding for v in _verdicts(SEED_PDF)] == [None] * 11
