"""Every table of every document in the ``tables``/``table_cells`` datasets, with its kind.

Real inputs: the Lâm Đồng 2025 CCHC report (tests/data/real: seven statistics
"Biểu mẫu" in a landscape appendix, three of them continued over a page with a
repeated header; body pages whose text boxes the PDF draws as rectangles),
the 2003 statistics workbook (.xls) and two DOCX of the dev corpus
(tests/data/tables_b).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipeline import load
from pipeline.ingest import ingest
from pipeline.readers import read
from pipeline.store.rows import table_rows
from pipeline.structure import parse
from pipeline.structure.table_kind import header_rows, table_kind
from pipeline.structure.tables import document_tables, kind_of_fragments

from conftest import DATA

REPORT = DATA / "real" / "329 BAO CAO CCHC NAM 2025.pdf"
XLS = DATA / "tables_b" / "national_kh2003_bieu_mpi_tcvn3.xls"
STEPS_DOCX = DATA / "tables_b" / "laocai_quytrinh_tthc_hhnh_phuluc_2026.docx"
NQ66_DOCX = DATA / "tables_b" / "national_nq66-19_cp_2026.docx"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return parse(read(REPORT))


def test_report_statistics_tables_stitched_over_pages(report) -> None:  # type: ignore[no-untyped-def]
    """Biểu mẫu 1-7: a header repeated on the next page is dropped, the rows continue.

    Biểu mẫu 3 is 23 × 5, not the 19 × 5 of page 28 alone: page 29 repeats its header and
    holds rows 3.2.2-3.3.2 of section 3 right after 3.2.1 (last row of page 28), with no
    title between; Biểu mẫu 4 starts on page 30 (checked on the rendered pages)."""
    stats = [t for t in report.tables if t.kind == "statistics"]
    assert [(t.n_rows, t.n_cols, t.page_start, t.page_end, t.header_rows) for t in stats] == [
        (21, 5, 25, 26, 2), (15, 5, 27, 27, 2), (23, 5, 28, 29, 2), (21, 5, 30, 31, 2),
        (15, 5, 32, 32, 2), (15, 5, 33, 33, 2), (27, 5, 34, 35, 2),
    ]
    # A continuation page (no header of its own) takes its table's kind.
    kinds = kind_of_fragments(report.tables)
    assert [kinds[id(t)] for t in report.document.tables() if t.page in (26, 29)] == ["statistics", "statistics"]
    # Body pages: text boxes drawn as rectangles are frames around text, never data.
    assert {t.kind for t in report.tables if t.page_end is not None and t.page_end < 25} <= {"other"}


def test_report_statistics_table_cells_read_cell_for_cell(report) -> None:  # type: ignore[no-untyped-def]
    first = next(t for t in report.tables if t.kind == "statistics")
    rows = table_rows(report)
    cells = {(c["row"], c["col"]): c for c in rows["table_cells"] if c["table_index"] == first.index}
    head = [(cells[(0, c)]["text"], cells[(0, c)]["row_span"], cells[(0, c)]["col_span"]) for c in (0, 1, 2, 4)]
    assert head == [
        ("STT", 2, 1), ("Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)", 2, 1),
        ("Kết quả thống kê", 1, 2), ("Ghi chú", 2, 1),
    ]
    assert (0, 3) not in cells and (1, 0) not in cells  # covered by the spans above
    assert [cells[(1, c)]["text"] for c in (2, 3)] == ["Đơn vị tính", "Số liệu"]
    assert [cells[(2, c)]["text"] for c in range(5)] == [
        "1.", "Số văn bản chỉ đạo CCHC đã ban hành (Kết luận, chỉ thị, công văn chỉ đạo, quán triệt)",
        "Văn bản", "82", "",
    ]
    assert [cells[(20, c)]["text"] for c in range(4)] == [
        "6.", "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp", "Không = 0\nCó = 1", "1",
    ]
    assert (cells[(2, 3)]["page"], cells[(20, 3)]["page"]) == (25, 26)
    assert cells[(2, 3)]["x0"] is not None and cells[(0, 0)]["is_header"] and not cells[(2, 0)]["is_header"]
    table = next(r for r in rows["tables"] if r["table_index"] == first.index)
    assert (table["n_rows"], table["n_cols"], table["fragments"], table["kind"]) == (21, 5, 2, "statistics")
    assert table["header"].startswith("STT | Chỉ tiêu thống kê")


def test_workbook_sheets_are_statistics_tables_with_title_and_two_row_header() -> None:
    tables = document_tables(read(XLS))
    assert [(t.name, t.kind, t.header_rows) for t in tables][:3] == [
        ("TH", "statistics", 4), ("GDP", "statistics", 4), ("NN", "statistics", 4),
    ]
    assert Counter(t.kind for t in tables) == {"statistics": 9}


def test_docx_every_table_kept_task_tables_told_from_forms_and_lists() -> None:
    """NQ 66.19/2026: 45 body tables (as python-docx counts them): 11 drafting-task tables
    ('Cơ quan chủ trì soạn thảo'), the header and signature layout blocks, forms, lists."""
    tables = document_tables(read(NQ66_DOCX))
    kinds = Counter(t.kind for t in tables)
    assert len(tables) == 45
    assert kinds["task"] == 11 and kinds["layout"] == 18
    assert {t.kind for t in tables if t.header_rows and "họ và tên" in t.rows[0][1].text.lower()} <= {"form", "list"}


def test_procedure_step_tables_are_task_tables() -> None:
    """Quy trình nội bộ: rows 'Bước 1 …' naming the unit responsible and the time are task tables."""
    tables = document_tables(read(STEPS_DOCX))
    assert [(t.kind, t.header_rows, t.n_rows, t.n_cols) for t in tables] == [("task", 1, 13, 4)] * 3
    assert table_kind(tables[0].fragments[0]) == "task"  # the reader's table works as well
    assert header_rows(tables[0].fragments[0].rows) == 1  # "Tổng thời gian giải quyết | 5 ngày" is body


def test_ingest_writes_tables_and_cells_for_every_format(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for path in (XLS, STEPS_DOCX):
        shutil.copyfile(path, src / path.name)
    out = tmp_path / "out"
    summary = ingest([src], out)
    assert (summary.documents, summary.failures) == (2, [])
    assert summary.rows["tables"] == 12
    assert load("failures", out).empty
    tables = load("tables", out)
    assert sorted(Counter(tables["kind"]).items()) == [("statistics", 9), ("task", 3)]
    assert set(tables.loc[tables["sheet"].notna(), "sheet"]) == {"TH", "GDP", "NN", "CN", "XNK", "VTBD", "KHGD", "VHYT", "DT"}
    cells = load("table_cells", out)
    docs = load("documents", out)
    xls_id = docs.loc[docs["source_file"] == XLS.name, "doc_id"].item()
    th = cells[(cells["doc_id"] == xls_id) & (cells["table_index"] == 0)]
    title = th[(th["row"] == 0) & (th["col"] == 0)].iloc[0]
    assert (title["text"], title["col_span"]) == ("1. MỘT SỐ CHỈ TIÊU TỔNG HỢP", 6)
    assert th[(th["row"] == 3) & (th["col"] == 0)].empty  # covered by "Số TT" merged over rows 3-4
    assert th["page"].isna().all()


#: Pages 5-8 of Thông tư 148/2025/BTC (Công báo print: running head "CÔNG BÁO/Số 59/…" above
#: each page's fragment, footnotes under it) and pages 9-11 of Nghị quyết 97/NQ-CP (a task row
#: split by each page break, under the repeated header).
TT148_PAGES = DATA / "tables_b" / "national_tt148_btc_2025.p5-8.pdf"
NQ97_PAGES = DATA / "tables_b" / "national_nq97_cp_2026.p9-11.pdf"


def test_continuation_over_running_heads_and_footnotes() -> None:
    """Cost-norm table over four landscape pages: one table, not four."""
    tables = [t for t in document_tables(read(TT148_PAGES)) if t.kind != "other"]
    assert [(t.kind, t.page_start, t.page_end, len(t.fragments), t.n_cols) for t in tables] == [
        ("statistics", 1, 4, 4, 4)
    ]
    assert [c.text for c in tables[0].rows[0]] == ["STT", "Nhiệm vụ và hoạt động", "Định mức khoán chi", "Sản phẩm"]


def test_row_split_under_a_repeated_header_is_not_header() -> None:
    """The repeated header is dropped once per page; the split row's second half stays a body row."""
    (table,) = [t for t in document_tables(read(NQ97_PAGES)) if t.kind == "task"]
    assert (table.page_start, table.page_end, len(table.fragments), table.header_rows) == (1, 3, 3, 1)
    texts = [" ".join(c.text for c in row) for row in table.rows]
    assert sum(t.startswith("TT Tên nhiệm vụ") for t in texts) == 1
    assert any(t.strip().startswith("đạo Trung ương về") for t in texts)  # second half of row 17, page 2
    assert [row[0].text for row in table.rows if row[0].text.strip()][-1] == "19"


def test_markdown_header_block_is_layout_and_appendix_is_a_task_table() -> None:
    """A web export keeps the issuer | motto block as a table: a layout block, not data."""
    tables = document_tables(read(DATA / "tables_b" / "dongthap_kh552_ubnd_2025.md"))
    assert [(t.kind, t.n_cols) for t in tables] == [("layout", 2), ("task", 5)]
    assert [c.text for c in tables[1].rows[0]] == ["STT", "NHIỆM VỤ VÀ GIẢI PHÁP", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"]


def test_repeated_header_with_a_typing_slip_still_continues_the_table() -> None:
    """Seed 4032 as a text export: one fragment per printed page, the first header typed
    'cách thực thực hiện', the repeats 'cách thức thực hiện'; one task table of 4 fragments."""
    tables = document_tables(read(DATA / "seed_4032" / "000_4c182d265d647846.txt"))
    assert [(t.kind, len(t.fragments), t.n_rows) for t in tables] == [("task", 4, 17)]
    assert sum(1 for row in tables[0].rows if row[0].text == "TT") == 1
