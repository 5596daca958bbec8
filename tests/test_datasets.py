"""Datasets at rest: four readers, typed load(), duplicates, manifest skips, compaction."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import pipeline
from pipeline.ingest import ingest
from pipeline.store.manifest import MANIFEST_NAME, Manifest
from pipeline.store.schema import DATASETS, DERIVED, UNPARTITIONED

from conftest import QD2536_PDF, RAW, SEED_DOCX, SEED_PDF
from snapshots import assert_same, snapshot, visible_temporaries

ALL_DOCS = 4  # raw/ (3) + the DOCX copy of decision 4032
SEED_KEY = "ủy ban nhân dân tỉnh khánh hòa|4032/qđ-ubnd|2016-12-27"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    for f in RAW.glob("*.*"):
        if f.suffix in (".pdf", ".docx"):
            shutil.copy(f, src / f.name)
    shutil.copy(SEED_DOCX, src / "4032-QD-UBND.docx")
    return src


@pytest.fixture(scope="module")
def processed(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("processed")
    summary = ingest([corpus], out)
    assert summary.documents == ALL_DOCS and summary.failures == []
    return out


@pytest.mark.parametrize("name", ["documents", "tasks", "failures"])
def test_each_dataset_reads_in_one_call_with_four_libraries(processed: Path, name: str, tmp_path: Path) -> None:
    if name == "failures":  # make one so the dataset exists
        processed = tmp_path
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "x.pdf").write_bytes(b"")
        ingest([tmp_path / "in"], processed / "out")
        processed = processed / "out"
    folder = processed / name
    by_pandas = pd.read_parquet(folder)
    by_arrow = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    glob = str(folder / ("*.parquet" if name == "failures" else "**/*.parquet"))
    by_duckdb = duckdb.sql(f"SELECT * FROM read_parquet('{glob}', hive_partitioning=true)").df()
    by_polars = pl.read_parquet(glob, hive_partitioning=name != "failures")
    key = "source_file" if name == "failures" else "doc_id"
    sizes = {len(by_pandas), by_arrow.num_rows, len(by_duckdb), by_polars.height}
    assert len(sizes) == 1 and sizes != {0}
    values = [
        sorted(by_pandas[key]),
        sorted(by_arrow.column(key).to_pylist()),
        sorted(by_duckdb[key]),
        sorted(by_polars[key].to_list()),
    ]
    assert all(v == values[0] for v in values)
    if name != "failures":
        for frame_cols in (by_pandas.columns, by_arrow.column_names, by_duckdb.columns, by_polars.columns):
            assert "province" in frame_cols and "year" in frame_cols
        assert set(by_polars["province"].to_list()) == {"khanh-hoa", "lam-dong"}


def test_partition_columns_are_not_inside_the_files(processed: Path) -> None:
    files = list((processed / "tasks").rglob("*.parquet"))
    assert files and all(f.parent.name.startswith("year=") for f in files)
    for f in files:
        names = pa.parquet.ParquetFile(f).schema_arrow.names
        assert "province" not in names and "year" not in names


def test_load_returns_schema_types_and_applies_filters(processed: Path) -> None:
    docs = pipeline.load("documents", processed)
    assert docs["issue_date"].dtype == "datetime64[ms]"
    assert docs["page_count"].dtype == pd.Int32Dtype() and docs["plan_year"].dtype == pd.Int32Dtype()
    assert docs["year"].dtype == pd.Int32Dtype() and docs["is_draft"].dtype == pd.BooleanDtype()
    seed = docs.set_index("number").loc["4032/QĐ-UBND"]
    assert seed["issue_date"] == pd.Timestamp("2016-12-27") and seed["plan_year"] == 2017
    tasks = pipeline.load("tasks", processed, filters=[("province", "=", "lam-dong"), ("year", "=", 2026)])
    assert len(tasks) == 52 and set(tasks["lead_text"].notna()) == {True}
    none = pipeline.load("tasks", processed, filters=[("year", "=", 1999)])
    assert len(none) == 0 and list(none.columns) == list(tasks.columns)
    with pytest.raises(KeyError):
        pipeline.load("nope", processed)


def test_same_decision_in_pdf_and_docx_shares_a_key_and_load_keeps_one(processed: Path) -> None:
    everything = pipeline.load("documents", processed, duplicates=True).set_index("source_file")
    pdf, docx = everything.loc["4032-QD-UBND.text.pdf"], everything.loc["4032-QD-UBND.docx"]
    assert pdf["document_key"] == docx["document_key"] == SEED_KEY
    assert (pdf["source_kind"], docx["source_kind"]) == ("text", "docx")
    assert pd.isna(pdf["duplicate_of"]) and docx["duplicate_of"] == pdf["doc_id"]
    # an unnumbered plan gets a key from its content: issuer, type, plan period, first doc_id of its copies
    lamdong = everything.loc["Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx"]
    assert lamdong["document_key"] == f"content:ủy ban nhân dân tỉnh lâm đồng|kế hoạch|2026-2026|{lamdong['doc_id'][:16]}"
    one_each = pipeline.load("documents", processed)
    assert len(everything) == ALL_DOCS and len(one_each) == ALL_DOCS - 1
    assert "4032-QD-UBND.docx" not in set(one_each["source_file"])
    tasks = pipeline.load("tasks", processed)
    assert len(tasks) == 12 + 52 and tasks["task_id"].is_unique
    assert len(pipeline.load("tasks", processed, duplicates=True)) == 12 + 12 + 52


def test_parse_returns_one_document_without_writing(tmp_path: Path) -> None:
    before = set(Path.cwd().iterdir())
    decision = pipeline.parse(QD2536_PDF)
    assert decision.doc_type == "Quyết định" and decision.document.page_count == 2
    assert set(Path.cwd().iterdir()) == before


def _copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_unchanged_files_are_skipped_force_redoes_them(corpus: Path, processed: Path, tmp_path: Path) -> None:
    out = _copy_tree(processed, tmp_path / "out")
    before = snapshot(out)
    again = ingest([corpus], out)
    assert (again.skipped, again.documents) == (ALL_DOCS, 0)
    # touched but same bytes: hashed, still skipped
    os.utime(corpus / "4032-QD-UBND.docx")
    assert ingest([corpus], out).skipped == ALL_DOCS
    forced = ingest([corpus], out, force=True)
    assert (forced.skipped, forced.documents) == (0, ALL_DOCS)
    assert_same(before, snapshot(out))
    with Manifest(out) as manifest:
        entries = manifest.entries()
    assert sorted(entries) == sorted(p.name for p in corpus.iterdir())
    assert {e.status for e in entries.values()} == {"ok"}
    assert entries["4032-QD-UBND.text.pdf"].doc_id == entries["4032-QD-UBND.text.pdf"].sha256
    assert (out / MANIFEST_NAME).exists()


def test_changed_file_replaces_its_old_documents_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    target = src / "qd.pdf"
    shutil.copy(QD2536_PDF, target)
    out = tmp_path / "out"
    ingest([src], out)
    old = pipeline.load("documents", out)["doc_id"].tolist()
    shutil.copy(SEED_PDF, target)  # same path, other decision
    summary = ingest([src], out)
    assert summary.documents == 1
    docs = pipeline.load("documents", out)
    assert len(docs) == 1 and docs["doc_id"].tolist() != old
    assert docs["number"].tolist() == ["4032/QĐ-UBND"]
    assert len(pipeline.load("tasks", out)) == 12
    assert not any(old[0] in p.name for p in out.rglob("*.parquet"))


def test_compact_merges_files_keeps_rows_and_reruns_stay_exact(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):  # three copies with distinct bytes land in one partition
        (src / f"seed-{i}.pdf").write_bytes(SEED_PDF.read_bytes() + f"\n% copy {i}\n".encode())
    out = tmp_path / "out"
    ingest([src], out)
    before = snapshot(out)
    assert len(list((out / "tasks").rglob("*.parquet"))) == 3
    result = pipeline.compact(out)
    # one merged file per dataset that ingest writes (one partition); plan_diffs comes from `pipeline diff`
    partitioned = len(DATASETS) - len(UNPARTITIONED) - len(DERIVED)
    assert (result.files_before, result.files_after) == (3 * partitioned, partitioned)
    assert [p.name[:5] for p in (out / "tasks").rglob("*.parquet")] == ["part-"]
    assert_same(before, snapshot(out))
    # a changed copy after compaction: its old rows leave the merged file
    (src / "seed-1.pdf").write_bytes(SEED_PDF.read_bytes() + b"\n% changed\n")
    ingest([src], out)
    tasks = pipeline.load("tasks", out, duplicates=True)
    assert len(tasks) == 36 and tasks["task_id"].is_unique
    assert ingest([src], out, force=True).documents == 3
    assert len(pipeline.load("tasks", out, duplicates=True)) == 36
    assert visible_temporaries(out) == []
    assert set(DATASETS) >= {"documents", "tasks", "failures"}


def test_read_parquet_recipe_gives_dates_and_integers(processed: Path) -> None:
    """The one-line recipe the README gives for plain pandas: datetime64 dates, nullable integer years."""
    docs = pd.read_parquet(
        processed / "documents", dtype_backend="numpy_nullable", to_pandas_kwargs={"date_as_object": False}
    )
    assert docs["issue_date"].dtype == "datetime64[ms]" and docs["plan_year"].dtype == pd.Int32Dtype()
    plain = pd.read_parquet(processed / "documents")  # what the recipe is for: floats and objects
    assert plain["plan_year"].dtype == "float64" and plain["issue_date"].dtype == object


def test_datasets_written_before_the_identity_columns_still_load_and_resolve(processed: Path, tmp_path: Path) -> None:
    """A processed/ folder from an older version lacks is_draft, version_of, the sketches and the plan period."""
    import pyarrow.parquet as pq

    from pipeline.store.identity import resolve_duplicates

    out = _copy_tree(processed, tmp_path / "old")
    new = ["is_draft", "version_of", "content_sketch", "task_sketch", "plan_start_year", "plan_end_year"]
    for path in (out / "documents").rglob("*.parquet"):
        table = pq.read_table(path)
        pq.write_table(table.drop_columns([c for c in new if c in table.column_names]), path)
    resolve_duplicates(out)
    docs = pipeline.load("documents", out, duplicates=True)
    assert len(docs) == ALL_DOCS and docs.version_of.isna().all()
    assert len(pipeline.load("tasks", out)) == 12 + 52


def test_load_from_a_folder_without_datasets_names_the_root_instead_of_returning_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A notebook run from notebooks/ reads the default "processed" there: an error, not an empty frame."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)
    with pytest.raises(FileNotFoundError, match=r"no datasets in .*notebooks.*pipeline ingest.*root="):
        pipeline.load("tasks")
    with pytest.raises(FileNotFoundError, match="pipeline ingest"):
        pipeline.load("documents", tmp_path / "typo")


def test_load_of_an_absent_dataset_in_a_processed_folder_is_an_empty_typed_frame(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    out.mkdir()
    Manifest(out).close()
    frame = pipeline.load("tasks", out)
    assert frame.empty and "doc_id" in frame.columns
