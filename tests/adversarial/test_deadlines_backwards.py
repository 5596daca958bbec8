"""A year range written backwards ("2011 - 2008", a typo met in real plans) is read in order, with a warning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from pipeline.nlp.deadlines import parse_deadlines
from pipeline.nlp.tag import tag
from pipeline.readers import read
from pipeline.structure import parse


def test_backwards_year_range_is_read_in_order_with_a_note() -> None:
    (deadline,) = parse_deadlines("Giai đoạn 2011 - 2008")
    assert (deadline.kind, deadline.start, deadline.end) == ("multi_year", date(2008, 1, 1), date(2011, 12, 31))
    assert deadline.backwards and "backwards" in (deadline.note or "")
    (forward,) = parse_deadlines("giai đoạn 2016 - 2020")
    assert not forward.backwards and forward.note is None


def test_backwards_year_range_in_a_plan_becomes_a_warning(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 99/KH-UBND", "Lâm Đồng, ngày 05 tháng 01 năm 2026",
                 "KẾ HOẠCH", "Cải cách hành chính", "I. NHIỆM VỤ"):
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("TT", "Nhiệm vụ", "Tiến độ", "Cơ quan chủ trì")):
        cell.text = text
    for values in (("1", "Rà soát thủ tục hành chính", "Giai đoạn 2011 - 2008", "Sở Tư pháp"),
                   ("2", "Kiểm tra công vụ", "Quý I/2026", "Sở Nội vụ")):
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    decision = parse(read(path))
    annotations = tag(decision)
    spans = [(d.start, d.end) for d in annotations.deadlines if d.text.endswith("2008")]
    assert spans == [(date(2008, 1, 1), date(2011, 12, 31))]
    backwards = [w for w in decision.warnings if w.code == "deadline_years_backwards"]
    assert [w.field for w in backwards] == ["deadline_text"] and "2011 - 2008" in backwards[0].detail, decision.warnings
