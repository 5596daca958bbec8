"""Lâm Đồng 2026 plan (real DOCX, 60 × 7 appendix) against its python-docx read-back.

Every body row of the truth table must come out as one task row (or a section
row) with every cell equal after whitespace folding, in the field its header
maps to. The truth keeps a cell merged across "Chủ trì" and "Phối hợp" once (a
6-cell row); our task row must carry its text in both fields.
"""

from __future__ import annotations

import json

import pytest

from pipeline.structure.patterns import ROMAN

from conftest import LAMDONG_TABLES, squash

FIELDS = ("ordinal", "task_text", "product_text", "deadline_text", "lead_text", "coordinate_text", "monitor_text")


def _expected_rows() -> list[tuple[str, tuple[str, str] | dict[str, str]]]:
    table = json.loads(LAMDONG_TABLES.read_text("utf-8"))["tables"][0]
    header = table["rows"][0]
    assert header == [
        "STT", "Nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành",
        "Chủ trì thực hiện", "Phối hợp thực hiện", "Theo dõi, kiểm tra, đôn đốc",
    ]
    out: list[tuple[str, tuple[str, str] | dict[str, str]]] = []
    for row in table["rows"][1:]:
        if len(row) == 6:  # merged Chủ trì + Phối hợp cell, kept once
            row = row[:5] + [row[4]] + row[5:]
        cells = [squash(c) for c in row]
        if ROMAN.fullmatch(cells[0]) and not any(cells[2:]):
            out.append(("section", (cells[0], cells[1])))
        else:
            out.append(("task", dict(zip(FIELDS, cells))))
    return out


@pytest.mark.parametrize("which", ["lamdong", "lamdong_html"])
def test_every_row_and_cell_matches_truth(which: str, request: pytest.FixtureRequest) -> None:
    lamdong = request.getfixturevalue(which)
    expected = _expected_rows()
    expected_tasks = [values for kind, values in expected if kind == "task"]
    assert len(expected_tasks) == 52
    assert len(lamdong.tasks) == len(expected_tasks)
    section = None
    tasks = iter(lamdong.tasks)
    for kind, values in expected:
        if kind == "section":
            section = values
            continue
        task = next(tasks)
        assert (task.section, squash(task.section_title)) == section
        for name in FIELDS:
            got = squash(getattr(task, name))
            assert got == values[name], (task.row_index, name)


def test_merged_task_cell_repeats_on_each_product_line(lamdong) -> None:
    """VII.2 ("Tham mưu ban hành Kế hoạch kiểm tra …") has two product lines."""
    rows = [t for t in lamdong.tasks if t.section == "VII" and t.ordinal == "2"]
    assert len(rows) == 2
    assert rows[0].task_text == rows[1].task_text
    assert rows[0].product_text != rows[1].product_text
    assert [r.row_index for r in rows] == [rows[0].row_index, rows[0].row_index + 1]


def test_merged_lead_and_coordinate_cell_fills_both(lamdong) -> None:
    row = next(t for t in lamdong.tasks if t.section == "II" and t.ordinal == "5")
    assert row.lead_text == row.coordinate_text
    assert row.lead_text.startswith("Theo phân công tại Quyết định số 1441/QĐ-UBND")
    assert row.monitor_text == "Văn phòng UBND tỉnh"


def test_header_of_unnumbered_plan(lamdong) -> None:
    assert lamdong.doc_type == "Kế hoạch"
    assert lamdong.number is None and lamdong.number_symbol == "KH-UBND"
    assert lamdong.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert lamdong.place == "Lâm Đồng" and lamdong.issue_date is None
    assert lamdong.title == "Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng"
    assert lamdong.plan_year == 2026
    assert (lamdong.signature.capacity, lamdong.signature.position) == ("KT. Chủ tịch", "Phó Chủ tịch")
