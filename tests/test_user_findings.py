"""Regression tests for the defects a fresh user found in the run, rebuild, export and prose-task
changes: a rebuild cut short, one file name in two folders, old files in a current folder, a wrong
export root, prose task names cut at abbreviations, time-only items of another section."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.ingest import ingest

from conftest import DATA
from test_warning_records import _old_schema_copy, old_folder_of_two, plan_folders


class _Interrupt(KeyboardInterrupt):
    """Ctrl-C arriving after the first file of a run is done."""


def test_rebuild_cut_short_is_completed_by_the_rerun(tmp_path: Path) -> None:
    first, _, old = old_folder_of_two(tmp_path, "5")

    def stop(outcome: object) -> None:
        raise _Interrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([first], old, on_file=stop)
    ingest([first], old)  # the same command again resumes
    assert sorted(pipeline.load("documents", old)["source_file"]) == [
        "dongthap_kh552_chained_basis.md", "hatinh_kh624_portal_excerpt.md"]


def test_prose_task_name_not_cut_at_an_abbreviation_after_a_bracket() -> None:
    from pipeline.structure.prose_tasks import first_sentence

    text = "Hỗ trợ 1.000 hộ kinh doanh (TP. Đà Lạt, TP. Bảo Lộc) sử dụng thanh toán số. Kinh phí từ ngân sách tỉnh."
    assert first_sentence(text) == ("Hỗ trợ 1.000 hộ kinh doanh (TP. Đà Lạt, TP. Bảo Lộc) sử dụng thanh toán số.",
                                    "Kinh phí từ ngân sách tỉnh.")


@pytest.mark.parametrize(("text", "name"), [
    ("Tổ chức hội nghị tại TX. Bảo Lộc về chuyển đổi số. Mời đại diện các xã tham dự.",
     "Tổ chức hội nghị tại TX. Bảo Lộc về chuyển đổi số."),
    ("Hỗ trợ UBND TT. Phong Thổ rà soát hồ sơ. Báo cáo kết quả.", "Hỗ trợ UBND TT. Phong Thổ rà soát hồ sơ."),
    ("Mời PGS.TS. Nguyễn Văn Bình trình bày chuyên đề. Các đơn vị cử người dự.",
     "Mời PGS.TS. Nguyễn Văn Bình trình bày chuyên đề."),
], ids=["thi-xa", "thi-tran", "joined-titles"])
def test_prose_task_name_not_cut_at_a_unit_abbreviation(text: str, name: str) -> None:
    from pipeline.structure.prose_tasks import first_sentence

    assert first_sentence(text)[0] == name


def test_export_of_a_folder_without_datasets_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["export", "--root", str(tmp_path / "procesed"), "--out", str(tmp_path / "exports")])
    assert result.exit_code == 2
    assert not (tmp_path / "exports" / "codebook.csv").exists()


def test_same_file_name_in_two_input_folders_keeps_both_documents(tmp_path: Path) -> None:
    first, second = plan_folders(tmp_path, ("dong-thap", "ha-tinh"), as_name="kehoach.md")
    summary = ingest([first, second], tmp_path / "processed")
    docs = pipeline.load("documents", tmp_path / "processed")
    assert summary.documents == 2
    assert sorted(docs["province_name"]) == ["Hà Tĩnh", "Đồng Tháp"]


@pytest.mark.parametrize("name", ["kh_time_only_other_section.md", "kh_scope_period_in_purpose_section.md"])
def test_time_only_item_of_another_section_is_no_task(name: str) -> None:
    """A report deadline under 'II. TỔ CHỨC THỰC HIỆN', the plan period under 'I. MỤC ĐÍCH …': no tasks,
    though the items of the plan's task section name their agencies."""
    decision = pipeline.parse(DATA / "tester" / name)
    assert [t.task_text for t in decision.tasks] == [
        "Tổ chức hội nghị triển khai chuyển đổi số.", "Tập huấn kỹ năng số cho cán bộ cấp xã."]
    assert {t.section for t in decision.tasks} == ({"I"} if name.startswith("kh_time") else {"II"})


def test_old_schema_files_in_a_current_folder_are_rebuilt(tmp_path: Path) -> None:
    first, _, mixed = old_folder_of_two(tmp_path, "6")  # flag says current, files say list<string>
    ingest([first], mixed, force=True)  # what load()'s message asks for, on the user's own folder
    assert sorted(pipeline.load("documents", mixed)["source_file"]) == [
        "dongthap_kh552_chained_basis.md", "hatinh_kh624_portal_excerpt.md"]




def test_same_file_name_from_two_folders_in_two_runs_keeps_both_documents(tmp_path: Path) -> None:
    first, second = plan_folders(tmp_path, ("dong-thap", "ha-tinh"), as_name="kehoach.md")
    out = tmp_path / "processed"
    ingest([first], out)
    summary = ingest([second], out)
    assert summary.renamed and summary.renamed[0][0] == "ha-tinh/kehoach.md"
    docs = pipeline.load("documents", out)
    assert sorted(zip(docs["source_file"], docs["province_name"])) == [
        ("ha-tinh/kehoach.md", "Hà Tĩnh"), ("kehoach.md", "Đồng Tháp")]
    assert ingest([first, second], out).skipped == 2  # the same two files again: nothing replaced or added


def _old_folder_of_one(tmp_path: Path) -> Path:
    """A datasets folder of one document, turned into an older pipeline's (schema version 5)."""
    folder = tmp_path / "first"
    folder.mkdir()
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", folder)
    ingest([folder], tmp_path / "written")
    return _old_schema_copy(tmp_path / "written", tmp_path / "processed", "5")


def test_compact_of_an_old_schema_folder_says_to_ingest_again(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    old = _old_folder_of_one(tmp_path)
    result = CliRunner().invoke(app, ["compact", str(old)])
    assert result.exit_code == 4
    assert "older schema version" in result.output and "Traceback" not in result.output


def test_export_of_an_old_schema_folder_stops_before_making_its_output_folder(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    old = _old_folder_of_one(tmp_path)
    out = tmp_path / "export"
    result = CliRunner().invoke(app, ["export", "--root", str(old), "--out", str(out)])
    assert result.exit_code == 4
    assert "older schema version" in result.output and "Traceback" not in result.output
    assert not out.exists()  # no empty folder left to be taken for an export


def test_show_takes_a_source_file_and_refuses_a_format_ingest_does_not_read(tmp_path: Path) -> None:
    from pipeline.diff import resolve

    folder = tmp_path / "first"
    folder.mkdir()
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", folder)
    ingest([folder], tmp_path / "processed")
    plan = resolve("hatinh_kh624_portal_excerpt.md", tmp_path / "processed")
    assert plan.document["province_name"] == "Hà Tĩnh"
    (tmp_path / "x.tables.json").write_text("{}")
    with pytest.raises(ValueError, match="not a supported format"):
        resolve(str(tmp_path / "x.tables.json"))


def test_interrupted_rebuild_counts_the_earlier_inputs_it_reads_again(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    import pipeline.cli as cli

    first, _, old = old_folder_of_two(tmp_path, "5")
    real = cli.run_batch

    def cut_after_first_file(*args, **kwargs):  # Ctrl-C once the first document is handled
        given = kwargs["on_file"]

        def on_file(outcome: object) -> None:
            given(outcome)
            raise _Interrupt

        return real(*args, **{**kwargs, "on_file": on_file})

    monkeypatch.setattr(cli, "run_batch", cut_after_first_file)
    result = CliRunner().invoke(cli.app, ["ingest", str(first), "--out", str(old), "--workers", "0"])
    assert result.exit_code == 130
    # one input folder given, but the rebuild reads the other folder's earlier input again
    assert "1 of 2 files handled" in " ".join(result.output.split())


def test_show_reads_a_file_without_suffix_as_ingest_reads_it_by_name(tmp_path: Path) -> None:
    from pipeline.diff import resolve

    bare = tmp_path / "kehoach"
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", bare)
    ingest([bare], tmp_path / "processed")
    stored = pipeline.load("documents", tmp_path / "processed")
    plan = resolve(str(bare))
    assert plan.document["province_name"] == stored["province_name"][0] == "Hà Tĩnh"
    assert plan.document["doc_id"] == stored["doc_id"][0]


def test_show_finds_a_byte_identical_copy_by_its_source_file(tmp_path: Path) -> None:
    from pipeline.diff import resolve

    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", folder / "a.md")
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", folder / "copy.md")
    summary = ingest([folder], tmp_path / "processed")
    assert summary.identical == [("copy.md", "a.md")]
    plan = resolve("copy.md", tmp_path / "processed")
    assert plan.document["source_file"] == "a.md"  # the original's document, which the copy's bytes equal
