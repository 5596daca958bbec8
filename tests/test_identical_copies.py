"""One file under two names in one batch: one document, both paths kept, the copy reported."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

import pipeline
from pipeline.cli import app
from pipeline.ingest import ingest
from pipeline.store.manifest import Manifest

from conftest import QD2536_PDF

ORIGINAL = QD2536_PDF.name  # "QĐ 2536 SÁP NHẬP ĐLS.pdf": sorts before "copy2.pdf", so it is ingested


def _inputs(tmp_path: Path) -> Path:
    src = tmp_path / "aw"
    src.mkdir()
    shutil.copy(QD2536_PDF, src / ORIGINAL)
    shutil.copy(QD2536_PDF, src / "copy2.pdf")
    return src


def test_same_bytes_under_two_names_count_once_and_keep_both_paths(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path), tmp_path / "processed"
    result = CliRunner().invoke(app, ["ingest", str(src), "--out", str(out), "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert f"copy2.pdf: identical to {ORIGINAL}" in " ".join(result.output.split())
    summary = ingest([src], out, force=True)
    assert (summary.documents, summary.skipped, len(summary.failures)) == (1, 0, 0)
    assert summary.identical == [("copy2.pdf", ORIGINAL)]
    documents = pipeline.load("documents", out, duplicates=True)
    assert list(documents["source_file"]) == [ORIGINAL]
    doc_id = documents["doc_id"].iloc[0]
    with Manifest(out) as manifest:
        assert sorted(manifest.users_of(doc_id)) == sorted(["copy2.pdf", ORIGINAL])
    rerun = ingest([src], out)
    assert (rerun.documents, rerun.skipped, rerun.identical) == (0, 2, [])
    assert len(pipeline.load("documents", out, duplicates=True)) == 1


def test_copy_added_in_a_later_run_is_identical_to_the_ingested_one(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path), tmp_path / "processed"
    (src / "copy2.pdf").rename(tmp_path / "later.pdf")
    assert ingest([src], out).documents == 1
    shutil.move(tmp_path / "later.pdf", src / "copy2.pdf")
    summary = ingest([src], out)
    assert (summary.documents, summary.skipped, summary.identical) == (0, 1, [("copy2.pdf", ORIGINAL)])
    assert list(pipeline.load("documents", out, duplicates=True)["source_file"]) == [ORIGINAL]
