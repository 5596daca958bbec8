"""The same real decisions published through another export path (bench/format_transfer.py).

Inputs in tests/data/format_transfer/ are dev-corpus documents re-published as portals do:
Word → PDF and Word → HTML by LibreOffice (one page cut from the long PDFs), and a
thuvienphapluat Markdown page written back as a Word file. Each test asserts the values the
dev corpus's expected.json gives for that document, one test per kind of layout variant.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.readers import read
from pipeline.readers.layout import split_columns
from pipeline.readers.markup import fragment_paragraphs
from pipeline.structure import parse

DATA = Path(__file__).parent / "data" / "format_transfer"


def _word(text: str, x0: float, x1: float, top: float = 62.0) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 12.0}


def test_narrow_issuer_cell_is_its_own_column() -> None:
    """Government/National Assembly headers set the issuer cell narrow: the motto starts at a
    third of the page (Nghị định 82/2018/NĐ-CP exported by LibreOffice)."""
    doc = read(DATA / "nd82_2018_cp_p1.pdf")
    first = [(ln.column, ln.text) for ln in doc.lines()[:2]]
    assert first == [(0, "CHÍNH PHỦ"), (1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    decision = parse(doc)
    assert decision.issuer == "Chính phủ"
    assert decision.number == "82/2018/NĐ-CP"
    # the same words with the narrow gap of running text stay one line
    line = [_word("CHÍNH", 89.8, 130.4), _word("PHỦ", 133.4, 158.7), _word("CỘNG", 175.0, 205.0)]
    assert len(split_columns(line, 595.3)) == 1
    # nor does the wide blank of an unnumbered draft's number line
    assert len(split_columns([_word("Số:", 100.0, 118.0), _word("/KH-UBND", 190.0, 240.0)], 595.3)) == 1


def test_blank_number_gap_is_no_column_gap() -> None:
    """A draft appendix's "(Kèm theo Quyết định số:      /QĐ-UBND ngày   /4/2026 …)": the blank
    awaiting the number is no column gap (Lào Cai internal procedure, Word → PDF)."""
    doc = read(DATA / "laocai_quytrinh_tthc_p1.pdf")
    note = [(ln.column, ln.text) for ln in doc.lines() if "Kèm theo" in ln.text or "/QĐ-UBND" in ln.text]
    assert note == [(0, "(Kèm theo Quyết định số: /QĐ-UBND ngày /4/2026")]
    decision = parse(doc)
    assert decision.doc_type == "Phụ lục"
    assert decision.issuer == "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"


def test_ordinal_run_into_next_cell_is_cut_at_the_rule() -> None:
    """Word-numbered STT cells without inner margin: the text layer runs "13." into the next
    cell's word ("13.liên"); the word is cut at the column rule (NQ 66.18/2026, p. 222)."""
    doc = read(DATA / "nq66-18_cp_2026_p222.pdf")
    rows = [[c.text for c in row] for t in doc.tables() for row in t.rows]
    firsts = [r[0] for r in rows if r and r[0]]
    assert firsts[:5] == ["13.", "14.", "15.", "16.", "17."]
    assert all(not any(ch.isalpha() for ch in f) for f in firsts)
    row13 = next(r for r in rows if r[0] == "13.")
    assert row13[1].startswith("Nghị định số 17/2020/NĐ-CP") and row13[3] == "Bộ Công Thương"


def test_wrapped_number_and_place_date_lines() -> None:
    """"Số:" / "2682/QĐ-UBND" and "Vĩnh Long," / "ngày 20 tháng 11 năm 2025" on two lines of
    one header cell (thuvienphapluat page written as Word, one paragraph per printed line)."""
    decision = parse(read(DATA / "vinhlong_qd2682_ubnd_2025.docx"))
    assert decision.number == "2682/QĐ-UBND"
    assert str(decision.issue_date) == "2025-11-20"
    assert decision.date_text == "Vĩnh Long, ngày 20 tháng 11 năm 2025"
    assert decision.issuer == "Ủy ban nhân dân tỉnh Vĩnh Long"


def test_html_empty_numbered_item_shows_its_number() -> None:
    """A Word-numbered TT column exported as one-item ``<ol start="n">`` lists: the number
    exists only as the list marker (Sở Công Thương Lào Cai plan, LibreOffice HTML)."""
    doc = read(DATA / "laocai_kh3024_sct_2026.html")
    table = doc.tables()[0]
    assert [row[0].text for row in table.rows[:4]] == ["TT", "1.", "2.", "3."]
    tasks = parse(doc).tasks
    assert [t.ordinal for t in tasks][:3] == ["1.", "2.", "3."]
    assert tasks[0].task_text == "Rà soát việc đáp ứng các điều kiện của học viên"
    markers = [p.text for p in fragment_paragraphs('<ol type="I" start="3"><li></li><li>x</li><li></li></ol>')]
    assert markers == ["III.", "x", "V."]


def test_html_legacy_font_named_by_style_sheet() -> None:
    """TCVN3 text whose font (.VnTime, .VnTimeH) is named only by ``p.western``/``h1`` rules of
    the page's ``<style>`` (Phụ lục 3 of QĐ 13/2004/QĐ-BKHCN, LibreOffice HTML)."""
    doc = read(DATA / "national_qd13_bkhcn_2004_phuluc3_tcvn3.html")
    texts = [ln.text for ln in doc.lines()[:4]]
    assert texts[:2] == ["Phụ lục 3", "QUY TRÌNH TỔNG THỂ CÁC BƯỚC CÔNG VIỆC"]
    head = [c.text for c in doc.tables()[0].rows[0]]
    assert head == ["TT", "Nội dung các bước công việc", "Thời hạn", "Đơn vị, cá nhân thực hiện"]
    decision = parse(doc)
    assert decision.doc_type == "Phụ lục"
    assert len({(t.section, t.ordinal, t.task_text) for t in decision.tasks}) == 26


def test_html_body_under_a_bold_title_without_blank_line() -> None:
    """A bold trích yếu whose rule is a drawing (exported as an image, no empty paragraph
    kept): the first body line, not bold, ends it (Lâm Đồng conclusion notice, LibreOffice HTML)."""
    decision = parse(read(DATA / "lamdong_tb_ubnd_ketluan_caotoc_duthao_2026.html"))
    assert decision.title == (
        "Kết luận của đồng chí Nguyễn Hồng Hải - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh "
        "kiểm tra công tác chuẩn bị thi công tại một số vị trí của 02 tuyến cao tốc Tân Phú – Bảo Lộc và "
        "Bảo Lộc – Liên Khương; làm việc với UBND Phường 2 Bảo Lộc và xã Đạ Huoai về tiến độ GPMB tuyến "
        "cao tốc Tân Phú – Bảo Lộc"
    )


def test_stt_header_wrapped_in_a_narrow_column() -> None:
    """"STT" printed "ST" / "T" in a narrow column is still the ordinal header: the table's
    ordinals are kept (NQ 66.18/2026, header alone at the foot of p. 216)."""
    tasks = parse(read(DATA / "nq66-18_cp_2026_p216-217.pdf")).tasks
    assert [t.ordinal for t in tasks[:4]] == ["1.", "2.", "3.", "4."]
    assert tasks[0].task_text == "Luật Lưu trữ số 33/2024/QH15"
    assert tasks[0].lead_text == "Bộ Nội vụ"


def test_row_broken_by_a_page_ends_with_a_document_symbol() -> None:
    """A task row broken by the page: its last words "226/2025/NĐ-CP." at the top of the next
    page continue the task, they are no capitals section title (NQ 66.19/2026, pp. 42-43)."""
    tasks = parse(read(DATA / "nq66-19_cp_2026_p42-43.pdf")).tasks
    assert [(t.section, t.ordinal) for t in tasks] == [("I", "1."), ("II", "1."), ("II", "2")]
    assert tasks[1].task_text.endswith("bởi Nghị định số 226/2025/NĐ-CP.")
    assert tasks[1].product_text == "Điều 36"


def test_row_broken_by_a_page_joins_each_article_column() -> None:
    """Three "Điều, khoản" columns (law | decree | circular) of a row broken by the page: each
    column's text is joined with its own continuation (NQ 66.19/2026, pp. 8-9)."""
    tasks = parse(read(DATA / "nq66-19_cp_2026_p8-9.pdf")).tasks
    row = next(t for t in tasks if t.ordinal == "2" and t.section == "I")
    assert row.task_text.startswith("Luật Bảo vệ và kiểm dịch thực vật số 41/2013/QH13")
    assert row.product_text.split("\n") == ["- Khoản 3 Điều 67", "Khoản 3 Điều 51;", "Khoản 4 Điều 52; Điều 66.", "- Điều 23"]


def test_html_image_anchored_inside_a_word_with_clearing_break() -> None:
    """LibreOffice writes "S<img …><br clear="left"/></img>ố:" for the rule drawn under the issuer,
    anchored inside "Số:": the float-clearing break is no line break (Lào Cai plan, HTML)."""
    doc = read(DATA / "laocai_kh3024_sct_2026.html")
    assert "Số: /KH-SCT" in [ln.text for ln in doc.lines()[:8]]
    decision = parse(doc)
    assert (decision.issuer_parent, decision.issuer) == ("Ủy ban nhân dân tỉnh Lào Cai", "Sở Công Thương tỉnh Lào Cai")
    assert decision.number is None  # a draft: the number is left blank
    texts = [p.text for p in fragment_paragraphs('<p>T<img src="a.gif"/>\n<br clear="left"/>\n\nỈNH</p><p>a<br/>b</p>')]
    assert texts == ["TỈNH", "a", "b"]


def test_continuation_page_with_another_grid_maps_columns_by_position() -> None:
    """A section row whose numeral cell is narrower than the STT column adds a grid edge on
    its page only (6 grid columns there, 5 on the next): the continuation's cells are mapped
    by position, not by grid index (NQ 66.19/2026, pp. 45-46)."""
    tasks = parse(read(DATA / "nq66-19_cp_2026_p45-46.pdf")).tasks
    row = tasks[-1]
    assert (row.section, row.ordinal) == ("II", "2.")
    assert row.task_text.startswith("Nghị định số 54/2024/NĐ-CP quy định việc hành nghè khoan nước dưới đất")
    assert row.product_text.split("\n") == [
        "Điều 13; Điều 14; Điều 15; Điều 20; Điều 21; Điều 23; Điều 24.", "Điều 38; Điều 39; Điều 40"]
    assert row.lead_text == "Bộ Nông nghiệp và Môi trường"
