"""One plan counted once: the Lâm Đồng 2026 plan as DOCX, HTML, text PDF, a scan of its appendix and its draft.

Issue 15: the same unsigned plan in four renderings gave four times its tasks. The batch here is the
real plan (raw/), its LibreOffice HTML and PDF renderings and the scan of its appendix pages
(tests/data/lamdong/, from the shared rendered corpus), its earlier draft, the 2026–2030 plan of the same
province, and the unrelated Khánh Hòa decision 4032. Truth: the tables read back from the .docx files
(``*.tables.json``) — 52 rows and 49 tasks (STT) in the 2026 plan.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import DATA, LAMDONG_APPENDIX_SCAN, LAMDONG_DOCX, LAMDONG_HTML, LAMDONG_TABLES, ROOT, SEED_PDF
from nbclient import NotebookClient
from typer.testing import CliRunner

import pipeline
from pipeline.cli import app
from pipeline.diff import diff
from pipeline.diff.plan import PlanNotFound, for_province_year
from pipeline.diff.report import html

LAMDONG = DATA / "lamdong"
DRAFT = LAMDONG / "Du thao KHCCHC 2026 cua tinh.docx"
PERIOD = LAMDONG / "Kế hoạch CCHC giai đoạn 2026-2030.docx"
PERIOD_TABLES = LAMDONG / "Kế hoạch CCHC giai đoạn 2026-2030.tables.json"
TEXT_PDF = LAMDONG / "kh-cchc-2026.text.pdf"
COPIES = {LAMDONG_DOCX.name, LAMDONG_HTML.name, TEXT_PDF.name, LAMDONG_APPENDIX_SCAN.name}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The mixed folder ingested through the CLI: ``(processed folder, summary output)``."""
    src = tmp_path_factory.mktemp("mixed")
    for path in (LAMDONG_DOCX, LAMDONG_HTML, TEXT_PDF, LAMDONG_APPENDIX_SCAN, DRAFT, PERIOD, SEED_PDF):
        shutil.copy(path, src / path.name)
    out = tmp_path_factory.mktemp("processed")
    result = CliRunner().invoke(app, ["ingest", str(src), "--out", str(out)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return out, " ".join(result.output.split())


def _truth_tasks(tables: Path) -> dict[tuple[str, str], list[list[str]]]:
    """Rows of a truth table grouped by task: (section, STT) → its rows (product lines)."""
    rows = json.loads(tables.read_text("utf-8"))["tables"][-1]["rows"]
    section, out = "", {}
    for row in rows[1:]:
        if re.fullmatch(r"[IVX]+", row[0].strip()):
            section = row[0].strip()
            continue
        out.setdefault((section, row[0].strip()), []).append(row)
    return out


def _plan(out: Path, start: int, end: int) -> str:
    docs = pipeline.load("documents", out)
    found = docs[(docs.plan_start_year == start) & (docs.plan_end_year == end)]
    assert len(found) == 1, found[["source_file", "plan_start_year", "plan_end_year"]]
    return str(found.doc_id.iloc[0])


def test_one_plan_in_four_formats_counts_once_and_its_draft_is_a_version(batch: tuple[Path, str]) -> None:
    out, summary = batch
    files = pipeline.load("documents", out, duplicates=True, versions=True).set_index("source_file")
    copies = files.loc[sorted(COPIES)]
    assert copies.document_key.nunique() == 1 and copies.document_key.iloc[0].startswith("content:")
    preferred = copies[copies.duplicate_of.isna()]
    assert len(preferred) == 1 and set(copies.duplicate_of.dropna()) == {preferred.doc_id.iloc[0]}
    draft = files.loc[DRAFT.name]
    assert draft.is_draft and draft.version_of == preferred.doc_id.iloc[0] and draft.document_key != copies.document_key.iloc[0]
    period = files.loc[PERIOD.name]
    assert pipeline.load("documents", out).shape[0] == 3  # the 2026 plan, the 2026–2030 plan, decision 4032
    assert (period.plan_start_year, period.plan_end_year) == (2026, 2030)
    assert pd.isna(period.version_of) and pd.isna(period.duplicate_of)  # 81 % like the 2026 plan, another period
    assert f"version {DRAFT.name}: draft of {preferred.index[0]}" in summary
    for name in COPIES - {preferred.index[0]}:
        assert f"copy {name}: same document as {preferred.index[0]}" in summary
    truth = _truth_tasks(LAMDONG_TABLES)
    assert sum(len(rows) for rows in truth.values()) == 52 and len(truth) == 49
    tasks = pipeline.load("tasks", out)
    plan = tasks[tasks.doc_id == _plan(out, 2026, 2026)]
    assert (len(plan), plan.task_key.nunique()) == (52, 49)  # not 4 × 52, not with the draft's 52
    assert len(tasks) == 52 + 59 + 12
    assert len(pipeline.load("tasks", out, versions=True)) == len(tasks) + 52
    assert "3 documents counted once (3 copies of another file, 1 earlier versions left out)" in summary
    assert "117 distinct tasks in 123 task rows" in summary


def test_notebook_02_counts_tasks_per_lead_agency_as_by_hand(batch: tuple[Path, str], tmp_path: Path, monkeypatch) -> None:
    out, _ = batch
    monkeypatch.setenv("PIPELINE_PROCESSED", str(out))
    monkeypatch.setenv("SAVE_FIGURES", str(tmp_path))
    path = ROOT / "notebooks" / "02_agency_workload.ipynb"
    book = nbformat.read(path, as_version=4)
    book.cells.append(nbformat.v4.new_code_cell(
        'print("WORKLOAD", workload[workload.province_name == "Lâm Đồng"].set_index("agency_group").tasks.to_json())'
    ))
    NotebookClient(book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    printed = next(o["text"] for o in book.cells[-1].outputs if o.get("name") == "stdout")
    workload = json.loads(printed.split("WORKLOAD", 1)[1])
    # By hand: tasks (STT) whose Chủ trì cell names the agency, in the 2026 and the 2026–2030 plans.
    for agency in ("Sở Nội vụ", "Sở Tư pháp"):
        by_hand = sum(
            any(agency in row[4] for row in rows)
            for tables in (LAMDONG_TABLES, PERIOD_TABLES)
            for rows in _truth_tasks(tables).values()
        )
        assert workload[agency] == by_hand, agency
    assert workload["Sở Nội vụ"] == 6 + 12


def test_deadline_quarters_count_each_task_once(batch: tuple[Path, str]) -> None:
    out, _ = batch
    plan = _plan(out, 2026, 2026)
    deadlines = pipeline.load("deadlines", out).merge(pipeline.load("tasks", out)[["task_id", "task_key"]], on="task_id")
    mine = deadlines[deadlines.doc_id == plan]
    due = mine.set_index("text")
    assert due.loc["chậm nhất là ngày 15/01/2026", ["quarter", "in_plan_period"]].tolist() == ["2026Q1", True]
    assert due.loc["chậm nhất là ngày 31/12/2025", ["quarter", "in_plan_period"]].tolist() == ["2025Q4", False]
    q1 = mine[mine.quarter == "2026Q1"].task_key.nunique()
    # The same plan read alone gives the same count: copies, renderings and the draft add nothing.
    alone = pipeline.parse(LAMDONG_DOCX)
    from pipeline.nlp.tag import tag
    from pipeline.store.rows import annotation_rows, task_rows

    tag(alone)
    keys = {r["task_id"].split(":")[1]: r["task_key"] for r in task_rows(alone)}
    by_itself = {keys[r["task_id"].split(":")[1]] for r in annotation_rows(alone)["deadlines"] if r["quarter"] == "2026Q1"}
    assert q1 == len(by_itself) >= 1


def test_diff_by_province_and_years_takes_the_plan_of_that_year_alone(batch: tuple[Path, str]) -> None:
    out, _ = batch
    plan = for_province_year(out, "Lâm Đồng", 2026)
    assert plan.doc_id == _plan(out, 2026, 2026)  # not the 2026–2030 plan, not the draft
    with pytest.raises(PlanNotFound, match="2026–2030"):
        for_province_year(out, "Lâm Đồng", 2027)
    same = CliRunner().invoke(app, ["diff", "--province", "Lâm Đồng", "--years", "2026", "2026", "--root", str(out), "--no-save"])
    assert same.exit_code == 2 and "same document" in " ".join(same.output.split())
    missing = CliRunner().invoke(app, ["diff", "--province", "lam-dong", "--years", "2025", "2026", "--root", str(out), "--no-save"])
    assert missing.exit_code == 2 and "no plan of the year 2025 alone" in " ".join(missing.output.split())


def test_diff_of_unrelated_documents_says_so(batch: tuple[Path, str]) -> None:
    out, _ = batch
    result = CliRunner().invoke(app, ["diff", str(SEED_PDF), str(LAMDONG_DOCX), "--root", str(out), "--no-save"])
    text = " ".join(result.output.split())
    assert result.exit_code == 3 and "look unrelated" in text and "later by" not in text
    forced = diff(str(SEED_PDF), str(LAMDONG_DOCX), root=out)
    assert forced.unrelated and "Khánh Hòa" in forced.unrelated and forced.of("task") == []
    aligned = CliRunner().invoke(
        app, ["diff", str(SEED_PDF), str(LAMDONG_DOCX), "--root", str(out), "--no-save", "--force", "--format", "markdown"]
    )
    aligned_text = " ".join(aligned.output.split())
    assert aligned.exit_code == 0, aligned.output
    assert "aligned anyway (--force)" in aligned_text and "## Tasks" in aligned.output
    related = diff(_plan(out, 2026, 2026), _plan(out, 2026, 2030), root=out)
    assert related.unrelated is None and related.of("task")


def test_html_diff_shows_each_plan_items_path(batch: tuple[Path, str]) -> None:
    out, _ = batch
    result = diff(_plan(out, 2026, 2026), _plan(out, 2026, 2030), root=out)
    page = html(result)
    paths = {c.new_key or c.old_key for c in result.of("plan_item") + result.of("target")}
    shown = [p for p in paths if p and f'<span class="mono path">{p}</span>' in page]
    assert shown and any(re.fullmatch(r"[IVX]+\.\d+\.[a-z]", p) for p in shown)
    assert "Tasks (distinct task_key): 49 → 56; task rows (product lines): 52 → 59." in page
