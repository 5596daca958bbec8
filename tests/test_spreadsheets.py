"""Spreadsheet appendices (.xls, .xlsx): one table per worksheet, merged ranges, TCVN3 cells decoded.

Inputs (tests/data/tables_b, copied from the shared dev corpus): the 2003 national
plan's statistics workbook in TCVN3 (.xls, with the corpus' decoded reference
rows, trimmed) and the first 25 rows of each sheet of the dangerous-goods list
(.xlsx, re-saved by openpyxl with cached values).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.readers import UnsupportedInput, read, sniff, wanted
from pipeline.readers.spreadsheet import number_text
from pipeline.structure import parse
from pipeline.text import fold

from conftest import DATA

XLS = DATA / "tables_b" / "national_kh2003_bieu_mpi_tcvn3.xls"
XLS_REFERENCE = DATA / "tables_b" / "national_kh2003_bieu_mpi_tcvn3.tables.json"
XLSX = DATA / "tables_b" / "national_pl1_danhmuc_hhnh.head25.xlsx"


def _reference_text(value: object) -> str:
    """The reference dump keeps xlrd's raw values: floats for numbers, ints for error codes (7 = #DIV/0!)."""
    import xlrd

    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return number_text(value) if isinstance(value, float) else xlrd.error_text_from_code[value]


def test_xls_tcvn3_cells_decode_to_the_reference_rows() -> None:
    """Every string cell of every sheet reads as the corpus' decoded copy (case aside:
    .VnTimeH/.VnAvant capitals are restored from the font, the reference did not)."""
    document = read(XLS)
    reference = json.loads(XLS_REFERENCE.read_text("utf-8"))["tables"]
    assert document.source_format == "xls" and document.page_count is None
    assert document.pages[0].source_kind == "legacy_decoded"
    assert [t.name for t in document.tables()] == [s["sheet"] for s in reference]
    filled = 0
    for table, sheet in zip(document.tables(), reference):
        grid = {(c.row, c.col): c for row in table.rows for c in row if not c.merged_from_above}
        for r, row in enumerate(sheet["rows_decoded"]):
            for c, value in enumerate(row):
                if value in ("", None) or (isinstance(value, str) and not value.strip()):
                    continue
                filled += 1
                assert fold(grid[(r, c)].text) == fold(_reference_text(value)), (sheet["sheet"], r, c)
    assert filled == 1355


def test_xls_merged_ranges_become_spans() -> None:
    """Sheet TH: title merged over A1:F1, a two-row header (A3:A4 … E3:E4) repeated below as continuations."""
    table = read(XLS).tables()[0]
    title = table.rows[0][0]
    assert (title.text, title.row_span, title.col_span) == ("1. MỘT SỐ CHỈ TIÊU TỔNG HỢP ", 1, 6)
    header = table.rows[2]
    assert [(c.text, c.row_span) for c in header[:3]] == [("Số TT", 2), ("Tên chỉ tiêu", 2), ("Đơn vị \ntính", 2)]
    assert all(c.merged_from_above and c.text == above.text for c, above in zip(table.rows[3][:5], header[:5]))
    assert [c.text for c in table.rows[5][:6]] == ["1", " Tốc độ tăng tổng sản phẩm trong nước (GDP)", "%", "6.8", "7", "7.5"]


def test_xlsx_values_as_text_leading_zeros_and_cached_errors_kept() -> None:
    document = read(XLSX)
    assert document.source_format == "xlsx" and document.pages[0].source_kind == "spreadsheet"
    sheets = {t.name: t for t in document.tables()}
    assert list(sheets) == ["Sheet1", "tra cuu", "Sheet2(5+8)"]
    first = sheets["Sheet1"]
    assert [c.text for c in first.rows[0][1:4]] == ["Số hiệu UN", "Tên tiếng Việt", "Tên tiếng Anh"]
    assert [c.text for c in first.rows[1][:3]] == ["1", "0004", "AMONI PICRAT khô hoặc ướt, chứa dưới 10% nước theo khối lượng"]
    assert sheets["Sheet2(5+8)"].rows[1][0].text == "808"
    assert len(first.rows) == 25  # trailing empty rows and columns dropped


def test_workbooks_sniffed_by_content_and_found_by_folder_scans(tmp_path: Path) -> None:
    assert sniff(XLS.read_bytes(), "") == "xls"
    assert sniff(XLSX.read_bytes(), ".bin") == "xlsx"
    assert wanted(Path("Biểu 1.xlsx")) and wanted(Path("bieu.XLS"))
    renamed = tmp_path / "appendix.docx"
    shutil.copyfile(XLSX, renamed)
    assert read(renamed).source_format == "xlsx"  # the content decides, not the name
    with pytest.raises(UnsupportedInput):
        sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".ppt")


def test_bare_workbook_has_no_header_and_is_filed_as_an_appendix() -> None:
    """No type line, number, date, issuer, title or signature is invented for a data workbook."""
    for path in (XLS, XLSX):
        decision = parse(read(path))
        assert decision.doc_type == "Phụ lục"
        assert (decision.number, decision.issue_date, decision.issuer, decision.title) == (None, None, None, None)
        assert decision.signature is None or decision.signature.name is None
        assert decision.legal_bases == [] and decision.tasks == []
