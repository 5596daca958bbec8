"""Output regressions of issue 14: export cells, NUL in Stata, planted links, file modes, long names, damaged files."""

from __future__ import annotations

import csv
import hashlib
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import pipeline
from pipeline.cli import app, view_name
from pipeline.export import export
from pipeline.ingest import ingest
from pipeline.store.writer import write_document

from makers import DECISION

DOC_ID = "ab" * 32
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3+4", "@SUM(A1)", "\tcmd", "\rcmd"]


def _datasets(root: Path, title: str = "Tiêu đề") -> None:
    """A datasets folder with one document whose text fields hold ``FORMULAS`` and ``title``."""
    row = {"doc_id": DOC_ID, "source_file": FORMULAS[0], "number": FORMULAS[1], "doc_type": FORMULAS[2],
           "issuer": FORMULAS[3], "title": title, "place": FORMULAS[4], "signer_name": FORMULAS[5], "page_count": -5,
           "source_format": "text", "pipeline_version": "test", "task_count": 0, "article_count": 0,
           "recipient_count": 0, "legal_basis_count": 0, "target_count": 0}
    write_document(root, DOC_ID, {"documents": [row]}, "khanh-hoa", 2026)


def test_csv_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(tmp_path: Path) -> None:
    _datasets(tmp_path / "p")
    export(tmp_path / "p", tmp_path / "e", "csv")
    with open(tmp_path / "e" / "documents.csv", encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    cells = [row[c] for c in ("source_file", "number", "doc_type", "issuer", "place", "signer_name")]
    assert cells == ["'" + f for f in FORMULAS]
    assert row["page_count"] == "-5"  # numbers stay numbers
    assert row["title"] == "Tiêu đề"


def test_stata_export_keeps_the_text_after_a_nul_with_a_warning(tmp_path: Path) -> None:
    _datasets(tmp_path / "p", title="trước\x00sau")
    notes: list[str] = []
    export(tmp_path / "p", tmp_path / "e", "stata", on_warning=notes.append)
    frame = pd.read_stata(tmp_path / "e" / "documents.dta")
    assert frame.loc[0, "title"] == "trước\ufffdsau"
    assert any("NUL" in n and "title" in n for n in notes)


def test_export_replaces_a_link_planted_in_its_folder_instead_of_writing_through_it(tmp_path: Path) -> None:
    _datasets(tmp_path / "p")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "e").mkdir()
    os.symlink(victim, tmp_path / "e" / "documents.csv")
    os.symlink(victim, tmp_path / "e" / "codebook.md")
    export(tmp_path / "p", tmp_path / "e", "csv")
    assert victim.read_text() == "keep me"
    assert not (tmp_path / "e" / "documents.csv").is_symlink()


def test_dataset_and_export_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        src = tmp_path / "in"
        src.mkdir()
        (src / "qd.txt").write_text(DECISION, "utf-8")
        ingest([src], tmp_path / "p")
        export(tmp_path / "p", tmp_path / "e", "csv")
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "p").rglob("*.parquet")] + list((tmp_path / "e").iterdir())
    modes = {oct(stat.S_IMODE(p.stat().st_mode)) for p in files}
    assert modes == {"0o644"}, modes


@pytest.mark.parametrize("stem", ["a" * 251, "ă" * 125 + "a"])
def test_show_without_out_on_a_source_name_of_255_bytes(tmp_path: Path, monkeypatch, stem: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / f"{stem}.txt"
    assert 251 <= len(source.name.encode()) <= 255
    source.write_text(DECISION, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["show", str(source), "--root", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    (view,) = [p for p in tmp_path.iterdir() if p.suffix == ".html"]
    assert len(view.name.encode()) <= 255 and view.name.startswith(stem[:100])
    assert view_name(source.name, hashlib.sha256(DECISION.encode()).hexdigest()) == view.name


def test_dataset_file_damaged_after_a_run_is_noticed_and_rewritten_by_the_next(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "qd.txt").write_text(DECISION, "utf-8")
    first = ingest([src], tmp_path / "p")
    assert first.documents == 1
    (damaged,) = list((tmp_path / "p" / "documents").rglob(f"{'[0-9a-f]' * 8}*.parquet"))
    damaged.write_bytes(b"PAR1 not a parquet file")
    with pytest.raises(Exception):
        pipeline.load("documents", tmp_path / "p")
    second = ingest([src], tmp_path / "p")
    assert second.documents == 1 and second.damaged == [damaged.relative_to(tmp_path / "p").as_posix()]
    assert pipeline.load("documents", tmp_path / "p")["number"].tolist() == ["123/QĐ-UBND"]
    assert ingest([src], tmp_path / "p").documents == 0  # and the run after that skips it again


def test_a_deleted_dataset_file_is_noticed_too(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "qd.txt").write_text(DECISION, "utf-8")
    ingest([src], tmp_path / "p")
    (gone,) = list((tmp_path / "p" / "articles").rglob(f"{'[0-9a-f]' * 8}*.parquet"))
    gone.unlink()
    again = ingest([src], tmp_path / "p")
    assert again.documents == 1 and gone.exists()
