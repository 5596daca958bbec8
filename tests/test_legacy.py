"""Legacy TCVN3/VNI encodings: three real files against their hand-checked transcripts.

The transcripts (viparse-corpus, MIT) are text dumps of each file; for the Word
files the dump goes on after the body with the other stories (footnote
separators U+0003/U+0004, then header/footer PAGE fields), which are not body
text: the reference is the transcript up to the first U+0003. Comparison folds
case (the transcripts write some capitals-font lines in mixed case) and
whitespace (they keep tabs and layout spaces).
"""

from __future__ import annotations

import pytest

from pipeline.readers import read
from pipeline.text.legacy import decode, detect_encoding, font_encoding, is_caps_font, plausibility
from pipeline.text.metrics import cer, document_text, fold_whitespace

from conftest import DATA, EXCERPTS, SEED_MD

LEGACY = DATA / "legacy"
PDF = LEGACY / "2006-19412_QD115.04TTg_BLTch_DNNVV.pdf"
TCVN3_DOC = LEGACY / "2005-QD-256.doc"
VNI_DOC = LEGACY / "2008-23.QD-991-UBND.doc"


def _reference(path) -> str:
    text = (LEGACY / "ground-truth" / (path.stem + ".txt")).read_text("utf-8")
    return text.split("\x03", 1)[0]


@pytest.fixture(scope="module")
def documents():
    return {path.name: read(path) for path in (PDF, TCVN3_DOC, VNI_DOC)}


@pytest.mark.parametrize("path", [PDF, TCVN3_DOC, VNI_DOC], ids=lambda p: p.suffix + ":" + p.stem[:12])
def test_decoded_text_matches_transcript(path, documents) -> None:
    doc = documents[path.name]
    hyp = fold_whitespace(document_text(doc), casefold=True)
    ref = fold_whitespace(_reference(path), casefold=True)
    assert len(ref) > 2000
    assert cer(hyp, ref) <= 0.001
    assert {p.source_kind for p in doc.pages} == {"legacy_decoded"}


def test_capitals_fonts_are_restored(documents) -> None:
    pdf_lines = [ln.text for ln in documents[PDF.name].lines()]
    assert pdf_lines[:2] == ["QUYẾT ĐỊNH", "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG"]
    assert "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;" in pdf_lines
    doc_lines = [ln.text.strip() for ln in documents[TCVN3_DOC.name].lines()]
    assert doc_lines[0].split("\t")[0].strip() == "ỦY BAN NHÂN DÂN"  # .VnTimeH run
    assert "QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" in doc_lines
    # The source types "cña ñY BAN" in .VnTimeH: the transcript keeps it lower case.
    assert "quyết định của ủy ban" in _reference(TCVN3_DOC).lower()


def test_vni_word_file_decoded_and_parsed(documents) -> None:
    from pipeline.structure import parse

    doc = documents[VNI_DOC.name]
    lines = [(ln.column, ln.text.strip()) for ln in doc.lines() if ln.text.strip()]
    # The header is laid out with tabs and spaces in one paragraph per row.
    assert lines[:4] == [(0, "ỦY BAN NHÂN DÂN"), (1, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                         (0, "TỈNH BÌNH PHƯỚC"), (1, "Độc lập - Tự do - Hạnh phúc")]
    assert (0, "QUYẾT ĐỊNH") in lines
    decision = parse(doc)
    assert (decision.doc_type, decision.number) == ("Quyết định", "991/QĐ-UBND")
    assert decision.issuer == "Ủy ban nhân dân tỉnh Bình Phước"
    assert decision.issue_date.isoformat() == "2008-05-14"
    assert decision.signature.name == "Trương Tấn Thiệu"


def test_font_names() -> None:
    assert font_encoding("GDNPMG+VnTimeHBold") == "tcvn3" and is_caps_font("GDNPMG+VnTimeHBold")
    assert font_encoding(".VnTime") == "tcvn3" and not is_caps_font(".VnTime")
    assert font_encoding("GDNPOJ+VnTimeItalic") == "tcvn3" and not is_caps_font("GDNPOJ+VnTimeItalic")
    assert font_encoding("VNI-Times") == "vni" and not is_caps_font("VNI-Times")
    assert font_encoding("Times New Roman") is None and font_encoding("LiberationSerif-Bold") is None


def test_decode_examples_from_the_sources() -> None:
    assert decode("QuyÕt ®Þnh", "tcvn3", uppercase=True) == "QUYẾT ĐỊNH"
    assert decode("QuyÕt ®Þnh", "tcvn3") == "Quyết định"
    assert decode("Thñ t−íng", "tcvn3") == "Thủ tướng"  # U+2212 drawn for ư in PDFs
    assert decode("Trung −¬ng", "tcvn3") == "Trung ương"
    assert decode("Tieáng Vieät", "vni") == "Tiếng Việt"
    assert decode("TÆNH BÌNH PHÖÔÙC", "vni") == "TỈNH BÌNH PHƯỚC"
    assert decode("Ñoàng Xoaøi, ngaøy 14 thaùng 5 naêm 2008", "vni") == "Đồng Xoài, ngày 14 tháng 5 năm 2008"
    assert decode("Quyết định", None) == "Quyết định"


def test_detection_by_fonts_and_by_statistics() -> None:
    assert detect_encoding("anything", fonts=["ABCDEF+.VnTime", "Arial"]) == "tcvn3"
    assert detect_encoding("anything", fonts=["VNI-Times", "VNI-Times", ".VnTime"]) == "vni"
    mojibake_tcvn3 = "C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 25 th¸ng 12 n¨m 2001"
    mojibake_vni = "Caên cöù Luaät Toå chöùc HÑND vaø UBND ngaøy 26/11/2003"
    assert detect_encoding(mojibake_tcvn3) == "tcvn3"
    assert detect_encoding(mojibake_vni) == "vni"
    for path in [SEED_MD, *sorted(EXCERPTS.glob("*.txt"))]:
        text = path.read_text("utf-8")
        assert detect_encoding(text) is None, path.name
        assert plausibility(text) > 100


def test_legacy_plain_text_file_is_decoded(tmp_path) -> None:
    """The VNI transcript's first lines typed back into VNI bytes, saved as a .txt."""
    vni = "UÛY BAN NHAÂN DAÂN\nTÆNH BÌNH PHÖÔÙC\n\nSoá: 991/QÑ-UBND\nÑoàng Xoaøi, ngaøy 14 thaùng5 naêm 2008\n\nQUYEÁT ÑÒNH\n"
    path = tmp_path / "qd.txt"
    path.write_bytes(vni.encode("cp1252"))
    doc = read(path)
    assert [ln.text for ln in doc.lines()] == [
        "ỦY BAN NHÂN DÂN", "TỈNH BÌNH PHƯỚC", "Số: 991/QĐ-UBND",
        "Đồng Xoài, ngày 14 tháng5 năm 2008", "QUYẾT ĐỊNH",
    ]
    assert doc.pages[0].source_kind == "legacy_decoded"


def test_vni_word_file_saved_as_html_is_decoded() -> None:
    """The VNI .doc saved as HTML by LibreOffice keeps <font face="VNI-Times"> runs."""
    from pipeline.structure import parse

    path = LEGACY / "2008-23.QD-991-UBND.html"
    doc = read(path)
    hyp = fold_whitespace(document_text(doc), casefold=True)
    assert cer(hyp, fold_whitespace(_reference(VNI_DOC), casefold=True)) <= 0.001
    lines = [(ln.column, ln.text) for ln in doc.lines()]
    assert lines[:2] == [(0, "ỦY BAN NHÂN DÂN"), (1, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    decision = parse(doc)
    assert (decision.number, decision.issue_date.isoformat()) == ("991/QĐ-UBND", "2008-05-14")
