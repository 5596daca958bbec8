"""Seed decision 4032/QĐ-UBND (Khánh Hòa, 2016) against the hand-checked gold file.

The text PDF and its DOCX source must both give the gold header fields and the
same 12 appendix tasks (the PDF's appendix runs over 4 landscape pages, so rows
broken by a page break must be merged back).
"""

from __future__ import annotations

import pytest

from pipeline.text import fold

from conftest import squash

HEADER_FIELDS = ("number", "doc_type", "issuer", "place", "title")


def _signature(decision):
    return decision.signature.name, decision.signature.position, decision.signature.capacity


@pytest.mark.parametrize("which", ["seed_pdf", "seed_docx", "seed_html", "seed_scan"])
def test_header_fields_match_gold(which: str, gold: dict, request: pytest.FixtureRequest) -> None:
    decision = request.getfixturevalue(which)
    expected = gold["document"]
    for name in HEADER_FIELDS:
        assert fold(getattr(decision, name)) == fold(expected[name]), name
    assert decision.issue_date.isoformat() == expected["issue_date"]
    name, position, capacity = _signature(decision)
    assert name == expected["signer_name"]
    assert fold(position) == fold(expected["signer_position"])
    assert fold(capacity) == fold(expected["signing_capacity"])
    assert fold(decision.plan_title) == fold(expected["plan_title"])
    assert decision.plan_year == expected["plan_year"]


@pytest.mark.parametrize("which", ["seed_pdf", "seed_docx", "seed_md", "seed_html"])
def test_all_gold_tasks_found(which: str, gold: dict, request: pytest.FixtureRequest) -> None:
    tasks = request.getfixturevalue(which).tasks
    assert len(tasks) == len(gold["tasks"]) == 12
    for task, want in zip(tasks, gold["tasks"]):
        label = f"{want['section']}.{want['ordinal']}"
        assert task.section == want["section"], label
        assert fold(task.section_title) == fold(want["section_title"]), label
        assert task.ordinal == want["ordinal"], label
        assert squash(task.task_text).startswith(squash(want["task_prefix"])), label
        assert squash(task.product_text).startswith(squash(want["product_prefix"])), label
        if "task_suffix" in want:
            assert squash(task.task_text).endswith(squash(want["task_suffix"])), label


def test_page_break_rows_merged_with_page_span(seed_pdf) -> None:
    """I.3 runs from page 8 to 9, I.6 from 9 to 10 and II.4 from 10 to 11."""
    by_label = {f"{t.section}.{t.ordinal}": t for t in seed_pdf.tasks}
    assert (by_label["I.3"].page_start, by_label["I.3"].page_end) == (8, 9)
    assert (by_label["I.6"].page_start, by_label["I.6"].page_end) == (9, 10)
    assert (by_label["II.4"].page_start, by_label["II.4"].page_end) == (10, 11)
    # The continuation of I.3's assignment cell ("… Thể thao xây dựng và trình UBND
    # tỉnh Đề án") joins the cell text across the break.
    assert "Văn hóa và Thể thao xây dựng và trình UBND tỉnh Đề án" in squash(by_label["I.3"].assignment_text)
    assert squash(by_label["I.6"].product_text).endswith("Hành chính công trực tuyến)")


def test_docx_and_pdf_give_the_same_tasks(seed_pdf, seed_docx) -> None:
    fields = ("section", "ordinal", "task_text", "product_text", "deadline_text", "assignment_text")
    for a, b in zip(seed_pdf.tasks, seed_docx.tasks, strict=True):
        for name in fields:
            assert squash(getattr(a, name)) == squash(getattr(b, name)), (a.ordinal, name)


def test_cell_line_breaks_are_kept(seed_docx, seed_pdf) -> None:
    """Bulleted assignment cells keep one line per bullet in both renderings."""
    for decision in (seed_docx, seed_pdf):
        task = decision.tasks[2]  # I.3
        lines = task.assignment_text.split("\n")
        assert [ln[:2] for ln in lines] == ["- ", "- ", "- "]
        assert lines[1] == "- Sở Kế hoạch và Đầu tư tổng hợp, đôn đốc"
