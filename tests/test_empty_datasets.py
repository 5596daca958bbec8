"""Every dataset ingest writes is readable in one call after any run, rows or not."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl

import pipeline
from pipeline.ingest import ingest
from pipeline.store.compact import compact
from pipeline.store.schema import DATASETS, DERIVED, FAILURES
from pipeline.store.writer import EMPTY_NAME

from conftest import DATA, QD2536_PDF

OWNED = [name for name in DATASETS if name not in DERIVED]


def _one_call_reads(folder: Path, partitioned: bool) -> list[int]:
    """Row counts of the folder read by pandas, DuckDB and Polars, each in one call."""
    glob = str(folder / ("**/*.parquet" if partitioned else "*.parquet"))
    return [
        len(pd.read_parquet(folder)),
        duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning={str(partitioned).lower()})").fetchall()[0][0],
        pl.read_parquet(glob, hive_partitioning=partitioned).height,
    ]


def test_failures_dataset_reads_empty_after_a_clean_run(tmp_path: Path) -> None:
    src = tmp_path / "raw"
    src.mkdir()
    shutil.copy(QD2536_PDF, src / QD2536_PDF.name)
    out = tmp_path / "processed"
    summary = ingest([src], out)
    assert summary.documents == 1 and summary.failures == []
    failures = pd.read_parquet(out / "failures")
    assert failures.empty and list(failures.columns) == FAILURES.names
    assert _one_call_reads(out / "failures", partitioned=False) == [0, 0, 0]
    assert pipeline.load("failures", out).empty
    for name in OWNED:
        assert (out / name).is_dir(), name


def test_all_failed_run_then_good_run_then_compact(tmp_path: Path) -> None:
    src = tmp_path / "raw"
    src.mkdir()
    shutil.copy(DATA / "bad" / "empty.pdf", src / "empty.pdf")
    out = tmp_path / "processed"
    first = ingest([src], out)
    assert first.documents == 0 and [f.source_file for f in first.failures] == ["empty.pdf"]
    for name in OWNED:
        partitioned = name != "failures"
        expected = 1 if name == "failures" else 0
        assert _one_call_reads(out / name, partitioned) == [expected] * 3, name
    tasks = pd.read_parquet(out / "tasks")
    assert {"doc_id", "province", "year"} <= set(tasks.columns)
    assert compact(out).files_after == 0

    shutil.copy(QD2536_PDF, src / QD2536_PDF.name)
    second = ingest([src], out)
    assert second.documents == 1 and second.skipped == 1
    assert second.rows["documents"] == 1 and second.rows["parts"] > 0
    assert not [p for name in OWNED for p in (out / name).rglob(EMPTY_NAME)]
    assert _one_call_reads(out / "parts", partitioned=True) == [second.rows["parts"]] * 3
    assert len(pipeline.load("parts", out, filters=[("province", "=", "lam-dong")])) == second.rows["parts"]
    assert list(pipeline.load("documents", out)["source_file"]) == [QD2536_PDF.name]
    assert len(pd.read_parquet(out / "failures")) == 1


def test_output_folder_gets_a_generated_guide(tmp_path) -> None:
    """processed/ holds nothing written by hand: ingest writes its README.md (and keeps it current)."""
    from pipeline.store.reference import folder_guide
    from pipeline.store.writer import write_guide

    out = tmp_path / "processed"
    assert write_guide(out) is True
    text = (out / "README.md").read_text("utf-8")
    assert text == folder_guide("processed")
    assert 'pd.read_parquet("processed/tasks")' in text and "`assignments`" in text
    assert write_guide(out) is False  # unchanged text is not rewritten
