"""End to end: raw/ → Parquet datasets, reruns, bad input, and the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest

from conftest import RAW, SEED_PDF


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("processed")
    summary = ingest([RAW], out)
    assert summary.failures == []
    assert summary.documents == 3
    return out


def test_datasets_read_back_with_pandas(processed: Path) -> None:
    docs = pd.read_parquet(processed / "documents")
    tasks = pd.read_parquet(processed / "tasks")
    assert sorted(docs["source_file"]) == sorted(
        ["4032-QD-UBND.text.pdf", "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx", "QĐ 2536 SÁP NHẬP ĐLS.pdf"]
    )
    seed = docs.set_index("source_file").loc["4032-QD-UBND.text.pdf"]
    assert seed["number"] == "4032/QĐ-UBND"
    assert str(seed["issue_date"])[:10] == "2016-12-27"
    assert seed["province_name"] == "Khánh Hòa"
    assert seed["page_count"] == 11
    assert seed["task_count"] == 12
    by_doc = tasks.groupby("doc_id").size().to_dict()
    assert by_doc[seed["doc_id"]] == 12
    assert len(tasks) == 12 + 52
    assert tasks["task_id"].is_unique
    # Hive partitions come back as columns.
    assert set(docs["province"].astype(str)) == {"khanh-hoa", "lam-dong"}
    seed_tasks = tasks[tasks["doc_id"] == seed["doc_id"]].sort_values("row_index")
    assert seed_tasks["page_start"].tolist()[0] == 8
    assert seed_tasks["page_end"].tolist()[-1] == 11


def test_rerun_replaces_rows_instead_of_appending(processed: Path) -> None:
    before = pd.read_parquet(processed / "tasks")
    ingest([RAW], processed)
    after = pd.read_parquet(processed / "tasks")
    assert len(after) == len(before)
    assert sorted(after["task_id"]) == sorted(before["task_id"])
    leftovers = [p for p in processed.rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []


def test_bad_files_become_failure_records_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED_PDF, src / "good.pdf")
    (src / "empty.pdf").write_bytes(b"")
    (src / "truncated.pdf").write_bytes(SEED_PDF.read_bytes()[:2000])
    (src / "page.docx").write_text("<html><body>not a word file</body></html>", "utf-8")
    out = tmp_path / "out"
    summary = ingest([src], out)
    assert summary.documents == 1
    failures = pd.read_parquet(out / "failures")
    assert sorted(failures["source_file"]) == ["empty.pdf", "page.docx", "truncated.pdf"]
    assert set(failures["stage"]) == {"read"}
    reasons = dict(zip(failures["source_file"], failures["reason"]))
    assert "empty file" in reasons["empty.pdf"]
    assert "unrecognised content" in reasons["page.docx"]


def test_cli_ingest_prints_summary_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(SEED_PDF), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.pdf").write_bytes(b"not a pdf")
    result = runner.invoke(app, ["ingest", str(bad), "--out", str(tmp_path / "q")])
    assert result.exit_code == 1
    assert "x.pdf" in result.output and "(stage read)" in result.output
