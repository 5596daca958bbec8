"""One file name in two input folders, checked by a second fresh user: a file is known by its place
(folder + source path), so reruns in any order keep its name, a renamed file deleted from its folder
loses its rows, a file given by name keeps its document; wrapped section headings and title
abbreviations of prose tasks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import pipeline
from pipeline.ingest import ingest

from conftest import DATA
from test_warning_records import plan_folders


def _sources(out: Path) -> list[str]:
    with sqlite3.connect(out / "_manifest.sqlite") as db:
        return sorted(row[0] for row in db.execute("SELECT source_file FROM sources"))


def test_rerun_of_the_second_folder_alone_skips_its_renamed_file(tmp_path: Path) -> None:
    first, second = plan_folders(tmp_path, ("dong-thap", "ha-tinh"), as_name="kehoach.md")
    out = tmp_path / "processed"
    ingest([first], out)
    ingest([second], out)
    summary = ingest([second], out)  # the same command again
    assert summary.skipped == 1 and not summary.documents
    assert sorted(pipeline.load("documents", out)["source_file"]) == ["ha-tinh/kehoach.md", "kehoach.md"]
    assert _sources(out) == ["ha-tinh/kehoach.md", "kehoach.md"]


def test_deleted_renamed_file_loses_its_rows(tmp_path: Path) -> None:
    first, second = plan_folders(tmp_path, ("dong-thap", "ha-tinh"), as_name="kehoach.md")
    out = tmp_path / "processed"
    ingest([first, second], out)
    (second / "kehoach.md").unlink()
    summary = ingest([first, second], out)
    assert summary.removed == ["ha-tinh/kehoach.md"]
    assert sorted(pipeline.load("documents", out)["source_file"]) == ["kehoach.md"]


def test_file_given_by_name_keeps_its_document_beside_a_folder_of_the_same_name(tmp_path: Path) -> None:
    first, second = plan_folders(tmp_path, ("dong-thap", "ha-tinh"), as_name="kehoach.md")
    out = tmp_path / "processed"
    ingest([second / "kehoach.md", first], out)
    ingest([first], out)  # the folder's file is unchanged: nothing to replace
    docs = pipeline.load("documents", out)
    assert "Hà Tĩnh" in set(docs["province_name"])


def test_prose_task_section_title_of_a_wrapped_heading() -> None:
    decision = pipeline.parse(DATA / "tables" / "laichau_kh7360_ubnd_2025.md")
    prose = [t for t in decision.tasks if t.source == "prose"]
    assert prose and {t.section for t in prose} == {"II"}
    assert {t.section_title for t in prose} == {"NỘI DUNG KẾ HOẠCH"}


@pytest.mark.parametrize("title", ["Ths.", "KS.", "GS.TSKH."])
def test_prose_task_name_not_cut_at_a_title_abbreviation(title: str) -> None:
    from pipeline.structure.prose_tasks import first_sentence

    text = f"Mời {title} Nguyễn Văn An báo cáo chuyên đề chuyển đổi số. Các đơn vị cử người dự."
    assert first_sentence(text)[0] == f"Mời {title} Nguyễn Văn An báo cáo chuyên đề chuyển đổi số."


def test_same_two_folders_in_the_other_order_keep_their_names(tmp_path: Path) -> None:
    first, second = plan_folders(tmp_path, ("dong-thap", "ha-tinh"), as_name="kehoach.md")
    out = tmp_path / "processed"
    ingest([first, second], out)
    summary = ingest([second, first], out)
    assert summary.skipped == 2 and not summary.documents
    assert sorted(pipeline.load("documents", out)["source_file"]) == ["ha-tinh/kehoach.md", "kehoach.md"]
    assert _sources(out) == ["ha-tinh/kehoach.md", "kehoach.md"]


def test_show_with_a_root_without_datasets_names_the_root(tmp_path: Path) -> None:
    from pipeline.diff import resolve
    from pipeline.store.load import NoDatasets

    with pytest.raises(NoDatasets, match="no datasets in"):
        resolve("kehoach.md", tmp_path / "missing")
