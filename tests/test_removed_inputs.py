"""A file deleted from the input folder leaves the datasets on the next ingest (issue 15, new-user defect).

A researcher expects processed/ to mirror raw/: after `rm raw/x.docx` and a rerun,
x's rows are gone from every dataset and the summary says so. Files given one by
one are never removed; a folder that cannot be listed completely removes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, SEED_DOCX, SEED_HTML
from typer.testing import CliRunner

import pipeline
from pipeline.cli import app
from pipeline.ingest import ingest

LAMDONG_HTML = DATA / "lamdong" / "kh-cchc-2026.html"


def _folder(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for source in (SEED_DOCX, LAMDONG_HTML):
        shutil.copy(source, raw / source.name)
    return raw


def test_deleted_input_rows_leave_every_dataset_on_the_next_ingest(tmp_path: Path) -> None:
    raw, out = _folder(tmp_path), tmp_path / "processed"
    ingest([raw], out)
    docs = pipeline.load("documents", root=out, duplicates=True, versions=True)
    gone = docs.loc[docs.source_file == LAMDONG_HTML.name, "doc_id"].iloc[0]
    assert (pipeline.load("tasks", root=out).doc_id == gone).sum() == 52
    (raw / LAMDONG_HTML.name).unlink()
    result = CliRunner().invoke(app, ["ingest", str(raw), "--out", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"removed {LAMDONG_HTML.name}: no longer in the input folder" in result.output
    for name in ("documents", "tasks", "assignments", "deadlines", "table_cells", "pages"):
        frame = pipeline.load(name, root=out, duplicates=True, versions=True)
        assert gone not in set(frame.doc_id), name
    left = pipeline.load("documents", root=out, duplicates=True, versions=True)
    assert list(left.source_file) == [SEED_DOCX.name]
    again = ingest([raw], out)  # nothing more to remove, nothing to redo
    assert again.removed == [] and again.skipped == 1


def test_files_given_one_by_one_and_other_folders_are_never_removed(tmp_path: Path) -> None:
    raw, out = _folder(tmp_path), tmp_path / "processed"
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEED_HTML, other / SEED_HTML.name)
    ingest([raw, other / SEED_HTML.name], out)
    summary = ingest([raw / SEED_DOCX.name], out)  # one file of raw/ given alone: the rest of raw/ stays
    assert summary.removed == []
    other_run = ingest([other], out)  # another folder: raw/'s files are not its files
    assert other_run.removed == []
    docs = pipeline.load("documents", root=out, duplicates=True, versions=True)
    assert {SEED_DOCX.name, LAMDONG_HTML.name, SEED_HTML.name} <= set(docs.source_file)
