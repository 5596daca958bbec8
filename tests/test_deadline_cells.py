"""Deadline cells that give a duration or "the whole year" produce a deadline row (issue 15: counts a researcher can trust).

Sources: P = Lào Cai, quy trình nội bộ giải quyết TTHC (phụ lục, 2026), DOCX in
tests/data/deadlines (column "Thời gian thực hiện (tính theo ngày, giờ làm việc)");
K = Kế hoạch kiểm tra văn bản QPPL ngành y tế TP. Hồ Chí Minh 2021 (scan
pdf_scan/hcm_kh_syt_kiemtravb_2021.pdf, plan year 2021): its 8 deadline cells read "Cả năm".
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.nlp.deadlines import parse_deadlines
from pipeline.nlp.language import annotate
from pipeline.nlp.tag import tag
from pipeline.store.schema_tagged import DEADLINE_KINDS, DEADLINES
from pipeline.store.tagged_rows import annotation_rows

PROCEDURE_DOCX = Path(__file__).parent / "data" / "deadlines" / "laocai_quytrinh_tthc_hhnh_phuluc_2026.docx"
#: The 8 deadline cells of K as the OCR reads them (tasks.deadline_text).
WHOLE_YEAR_CELLS = ["Cả năm"] * 8

N = None
CASES = [
    # (plan year, deadline cell, (kind, start, end, duration, working))
    (2026, "0,5 giờ", ("duration", N, N, "PT0.5H", False)),  # P
    (2026, "01 giờ", ("duration", N, N, "PT1H", False)),  # P
    (2026, "1,5 giờ", ("duration", N, N, "PT1.5H", False)),  # P
    (2026, "2 ngày", ("duration", N, N, "P2D", False)),  # P
    (2026, "05 ngày làm việc", ("duration", N, N, "P5D", True)),
    (2026, "Trong vòng 03 tháng", ("duration", N, N, "P3M", False)),
    (2026, "½ ngày", ("duration", N, N, "P0.5D", False)),
    (2026, "Nửa ngày làm việc", ("duration", N, N, "P0.5D", True)),
    (2026, "Tối đa 30 phút", ("duration", N, N, "PT30M", False)),
    (2021, "Cả năm", ("year", "2021-01-01", "2021-12-31", N, N)),  # K
    (2026, "Trong năm", ("year", "2026-01-01", "2026-12-31", N, N)),
    (2026, "Suốt năm", ("year", "2026-01-01", "2026-12-31", N, N)),
    (2021, "Cả năm 2026", ("year", "2026-01-01", "2026-12-31", N, N)),
    (None, "Cả năm", ("year", N, N, N, N)),
    (2026, "Vào giờ hành chính các ngày làm việc trong tuần", ("ongoing", N, N, N, N)),  # P
]


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@pytest.mark.parametrize(("plan_year", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_duration_and_whole_year_forms_of_a_deadline_cell(plan_year: int | None, text: str, expected: tuple) -> None:
    (found,) = parse_deadlines(text, plan_year, cell=True)
    kind, start, end, duration, working = expected
    assert (found.kind, found.start, found.end, found.duration, found.working) == (kind, _d(start), _d(end), duration, working)
    assert found.text == text


def test_year_less_whole_year_says_the_plan_year_was_assumed() -> None:
    (found,) = parse_deadlines("Cả năm", 2021, cell=True)
    assert "plan year 2021" in (found.note or "")
    (written,) = parse_deadlines("Cả năm 2026", 2021, cell=True)
    assert written.note is None


def test_dated_kinds_keep_winning_in_a_deadline_cell() -> None:
    """The cell forms do not take over phrases the main grammar reads ("6 tháng đầu năm", "thường xuyên trong năm")."""
    assert [d.kind for d in parse_deadlines("6 tháng đầu năm", 2026, cell=True)] == ["half_year"]
    assert [d.kind for d in parse_deadlines("Thường xuyên trong năm", 2026, cell=True)] == ["ongoing"]
    assert [d.kind for d in parse_deadlines("Quý I/2026", 2026, cell=True)] == ["quarter"]
    assert [d.kind for d in parse_deadlines("Sau 10 ngày kể từ ngày ký", 2026, cell=True)] == ["relative"]


def test_time_limit_counted_from_an_event_is_relative() -> None:
    """ "Trong thời hạn 10 ngày từ khi …" (a 2004 national procedure's deadline cell) is relative, in a cell or not."""
    text = "Trong thời hạn 10 ngày từ khi nhận Quyết định và Hồ sơ"
    for cell in (False, True):
        (found,) = parse_deadlines(text, 2026, cell=cell)
        assert (found.kind, found.note) == ("relative", "10 days after the event stated")
    (counted,) = parse_deadlines("Tối đa 6 tháng kể từ ngày thông báo của Bộ KH&CN", None, cell=True)
    assert (counted.kind, counted.duration, counted.note) == ("duration", "P6M", "counted from the event stated")


def test_duration_in_running_text_is_not_a_deadline() -> None:
    """Outside a deadline cell "trong 2 ngày" and "trong năm" are ordinary words, not deadlines."""
    sentence = "Trong 2 ngày, đoàn kiểm tra đã làm việc với 5 đơn vị; các chỉ tiêu trong năm đều đạt"
    assert parse_deadlines(sentence, 2026) == []
    assert not annotate(sentence, 2026).spans.get("deadlines")
    cell = annotate("2 ngày", 2026, deadline_cell=True)
    assert [s._.deadline.duration for s in cell.spans["deadlines"]] == ["P2D"]


def test_procedure_step_durations_become_deadline_rows() -> None:
    """P: all 33 deadline cells (step durations and office hours) give a deadline row; none is left unparsed."""
    decision = parse(PROCEDURE_DOCX)
    annotations = tag(decision, with_body=False)
    cells = [t.deadline_text for t in decision.tasks if t.deadline_text]
    assert len(cells) == 33
    assert annotations.unparsed_deadlines == []
    kinds = Counter(d.kind for d in annotations.deadlines)
    assert kinds == {"duration": 30, "ongoing": 3}
    durations = Counter(d.duration for d in annotations.deadlines if d.kind == "duration")
    assert durations["PT0.5H"] == 7 and durations["PT1H"] == 10 and durations["P2D"] == 1 and durations["PT1.5H"] == 1
    rows = annotation_rows(decision)["deadlines"]
    assert len(rows) == 33
    first = rows[0]
    assert (first["text"], first["kind"], first["duration"], first["duration_working"], first["start"], first["end"]) == (
        "1 giờ", "duration", "PT1H", False, None, None,
    )
    assert first["quarter"] is None and first["in_plan_period"] is None


def test_whole_year_cells_of_a_scanned_inspection_plan() -> None:
    """K: the tagger reads every "Cả năm" cell as the plan's year 2021 (the deadline column, as the tag stage runs it)."""
    for text in WHOLE_YEAR_CELLS:
        doc = annotate(text, 2021, deadline_cell=True)
        assert [(s._.deadline.kind, s._.deadline.start, s._.deadline.end) for s in doc.spans["deadlines"]] == [
            ("year", date(2021, 1, 1), date(2021, 12, 31)),
        ]


def test_duration_kind_and_columns_are_in_the_schema() -> None:
    assert "duration" in DEADLINE_KINDS
    assert {"duration", "duration_working"} <= set(DEADLINES.names)
    schema_md = (Path(__file__).parents[1] / "docs" / "schema.md").read_text("utf-8")
    assert "'duration'" in schema_md and "`duration_working`" in schema_md
