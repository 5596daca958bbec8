"""Defects found by the tester session (each test fails today: xfail strict).

The coordinator takes these into the owning areas' test files once fixed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.ingest import ingest

from conftest import DATA
from test_warning_records import _old_schema_copy


class _Interrupt(KeyboardInterrupt):
    """Ctrl-C arriving after the first file of a run is done."""


@pytest.mark.xfail(strict=True, reason="rebuild_if_outdated sets the schema_version flag before the run's files are "
                   "ingested (migrate.py docstring says 'set last'): a rebuild cut short by Ctrl-C is not resumed, "
                   "the earlier folders' documents are silently lost on the rerun")
def test_rebuild_cut_short_is_completed_by_the_rerun(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    shutil.copy(DATA / "headers" / "dongthap_kh552_chained_basis.md", first)
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", second)
    out = tmp_path / "written"
    assert ingest([first, second], out).documents == 2
    old = _old_schema_copy(out, tmp_path / "processed", "5")

    def stop(outcome: object) -> None:
        raise _Interrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([first], old, on_file=stop)
    ingest([first], old)  # the same command again resumes
    assert sorted(pipeline.load("documents", old)["source_file"]) == [
        "dongthap_kh552_chained_basis.md", "hatinh_kh624_portal_excerpt.md"]


@pytest.mark.xfail(strict=True, reason="first_sentence looks the abbreviation up with the bracket or quote still "
                   "attached ('(TP' is not 'TP'): the task text is cut at '(TP.' and the rest goes to note_text")
def test_prose_task_name_not_cut_at_an_abbreviation_after_a_bracket() -> None:
    from pipeline.structure.prose_tasks import first_sentence

    text = "Hỗ trợ 1.000 hộ kinh doanh (TP. Đà Lạt, TP. Bảo Lộc) sử dụng thanh toán số. Kinh phí từ ngân sách tỉnh."
    assert first_sentence(text) == ("Hỗ trợ 1.000 hộ kinh doanh (TP. Đà Lạt, TP. Bảo Lộc) sử dụng thanh toán số.",
                                    "Kinh phí từ ngân sách tỉnh.")


@pytest.mark.xfail(strict=True, reason="ABBREVIATIONS lacks the administrative units 'TX.' (thị xã) and 'TT.' "
                   "(thị trấn) and joined titles 'PGS.TS.': the task text is cut there")
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


@pytest.mark.xfail(strict=True, reason="export of a --root holding no datasets (a typo, the wrong folder) writes only "
                   "the codebook and exits 0; pipeline.load raises FileNotFoundError naming such a root")
def test_export_of_a_folder_without_datasets_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["export", "--root", str(tmp_path / "procesed"), "--out", str(tmp_path / "exports")])
    assert result.exit_code == 2
    assert not (tmp_path / "exports" / "codebook.csv").exists()


@pytest.mark.xfail(strict=True, reason="source_file is the path relative to its input folder, so two input folders "
                   "holding the same file name (per-province folders, 'kehoach.md') collide: one document is "
                   "silently dropped, the summary counts 1 document and names nothing")
def test_same_file_name_in_two_input_folders_keeps_both_documents(tmp_path: Path) -> None:
    first, second = tmp_path / "dong-thap", tmp_path / "ha-tinh"
    first.mkdir(), second.mkdir()
    shutil.copy(DATA / "headers" / "dongthap_kh552_chained_basis.md", first / "kehoach.md")
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", second / "kehoach.md")
    summary = ingest([first, second], tmp_path / "processed")
    docs = pipeline.load("documents", tmp_path / "processed")
    assert summary.documents == 2
    assert sorted(docs["province_name"]) == ["Hà Tĩnh", "Đồng Tháp"]


@pytest.mark.xfail(strict=True, reason="_among_assigned compares only the parent ordinal, and section is None for "
                   "prose tasks: a time-only '1. Chế độ báo cáo' under 'II. TỔ CHỨC THỰC HIỆN' counts as a sibling of "
                   "section I's assigned items and becomes a false task (the ordinal '1' also repeats with section null)")
def test_time_only_item_of_another_section_is_no_task() -> None:
    decision = pipeline.parse(DATA / "tester" / "kh_time_only_other_section.md")
    assert [t.task_text for t in decision.tasks] == [
        "Tổ chức hội nghị triển khai chuyển đổi số.", "Tập huấn kỹ năng số cho cán bộ cấp xã."]


@pytest.mark.xfail(strict=True, reason="only the manifest flag decides a rebuild: files an older pipeline wrote into a "
                   "folder already flagged 6 (a colleague's older checkout on a shared folder) stay, load() then says "
                   "'run pipeline ingest again to rebuild' but ingest (even --force) rebuilds nothing: stuck")
def test_old_schema_files_in_a_current_folder_are_rebuilt(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    shutil.copy(DATA / "headers" / "dongthap_kh552_chained_basis.md", first)
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", second)
    out = tmp_path / "written"
    assert ingest([first, second], out).documents == 2
    mixed = _old_schema_copy(out, tmp_path / "processed", "6")  # flag says current, files say list<string>
    ingest([first], mixed, force=True)  # what load()'s message asks for, on the user's own folder
    assert sorted(pipeline.load("documents", mixed)["source_file"]) == [
        "dongthap_kh552_chained_basis.md", "hatinh_kh624_portal_excerpt.md"]


@pytest.mark.xfail(strict=True, reason="same cause as above: the plan period under 'I. MỤC ĐÍCH, YÊU CẦU, PHẠM VI' "
                   "('2. Phạm vi thực hiện … - Thời gian thực hiện: …') becomes a task because section II's items "
                   "'1.', '2.' name their lead agencies")
def test_plan_period_in_the_purpose_section_is_no_task() -> None:
    decision = pipeline.parse(DATA / "tester" / "kh_scope_period_in_purpose_section.md")
    assert [t.task_text for t in decision.tasks] == [
        "Tổ chức hội nghị triển khai chuyển đổi số.", "Tập huấn kỹ năng số cho cán bộ cấp xã."]
