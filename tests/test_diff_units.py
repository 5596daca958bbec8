"""Alignment, word diff and the plan_diffs dataset, on real task texts of the Lâm Đồng plans."""

from __future__ import annotations

import re

import pyarrow.dataset as ds

import pipeline
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.diff import diff_plans
from pipeline.diff.align import align, canonical, same_text
from pipeline.diff.plan import from_file
from pipeline.diff.report import markdown as report_markdown
from pipeline.diff.store import write_diff
from pipeline.diff.words import markdown, word_diff
from conftest import DATA, LAMDONG_DOCX

PERIOD_DOCX = DATA / "lamdong" / "Kế hoạch CCHC giai đoạn 2026-2030.docx"
DRAFT_DOCX = DATA / "lamdong" / "Du thao KHCCHC 2026 cua tinh.docx"

# Real cells of the 2026 plan (I.4, II.10, VII.5 second line) and of the 2026–2030 plan.
AI_2026 = "Tham mưu UBND tỉnh triển khai ứng dụng AI, tờ rơi, tờ gấp, infographic trong công tác phổ biến, giáo dục pháp luật trên địa bàn tỉnh."
AI_2030 = "Tham mưu UBND tỉnh triển khai ứng dụng AI trong công tác phổ biến, giáo dục pháp luật trên địa bàn tỉnh."
CHECK = "Tổ chức kiểm tra, chấn chỉnh tác phong, lề lối và thái độ làm việc của cán bộ, công chức, viên chức tại bộ phận một cửa các cấp."
IOC = "Hoàn thành và đưa Trung tâm IOC vào hoạt động"


def test_canonical_expands_abbreviations_and_synonyms():
    assert canonical("Giao UBND tỉnh đảm bảo") == "giao ủy ban nhân dân tỉnh bảo đảm"
    assert same_text("của UBND tỉnh", "của Ủy ban nhân dân tỉnh.")
    assert not same_text("đạt 100%", "đạt trên 90%")


def test_align_pairs_reworded_task_and_leaves_new_one_unmatched():
    pairs = align([(AI_2026,), (CHECK,)], [(CHECK,), (IOC,), (AI_2030,)])
    matched = {(p.old, p.new) for p in pairs if p.old is not None and p.new is not None}
    assert matched == {(0, 2), (1, 0)}
    assert [p.new for p in pairs if p.old is None] == [1]
    assert next(p.score for p in pairs if p.old == 1) == 100.0


def test_align_threshold_splits_weak_pairs():
    pairs = align([(CHECK,)], [(IOC,)])
    assert {(p.old, p.new) for p in pairs} == {(0, None), (None, 0)}


def test_repeated_text_pairs_in_document_order():
    pairs = align([(CHECK,), (CHECK,)], [(CHECK,), (CHECK,)])
    assert sorted((p.old, p.new) for p in pairs) == [(0, 0), (1, 1)]


def test_word_diff_on_real_cells():
    ops = word_diff(AI_2026, AI_2030)
    assert ("delete", ", tờ rơi, tờ gấp, infographic") in ops
    assert markdown(word_diff("đạt tối thiểu 80%", "đạt tối thiểu 90%")) == "đạt tối thiểu [-80-] {+90+}%"


def test_plan_diffs_dataset_is_written_once_per_pair(tmp_path):
    d = diff_plans(from_file(LAMDONG_DOCX), from_file(PERIOD_DOCX))
    first = write_diff(tmp_path, d)
    write_diff(tmp_path, diff_plans(from_file(DRAFT_DOCX), from_file(LAMDONG_DOCX)))
    pipeline.compact(tmp_path)  # plan_diffs is derived: compaction leaves its per-pair files alone
    again = write_diff(tmp_path, d)
    assert first == again
    assert len(list((tmp_path / "plan_diffs").rglob("*.parquet"))) == 2
    assert first.parent == tmp_path / "plan_diffs" / "province=lam-dong" / "year=2026"
    table = ds.dataset(tmp_path / "plan_diffs", partitioning="hive").to_table().to_pandas()
    table = table[table.new_doc_id == d.new.doc_id]
    assert len(table) == len(d.changes)
    added = table[(table.entity == "task") & (table.change == "added")]
    assert len(added) == 7
    reworded = table[
        (table.entity == "task")
        & (table.field == "product_text")
        & (table.word_diff.str.contains("tối thiểu \\[-80-\\] \\{\\+90\\+\\}%", regex=True))
    ]
    assert len(reworded) == 1


def test_cli_diff_markdown_and_html(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app, ["diff", str(DRAFT_DOCX), str(LAMDONG_DOCX), "--root", str(tmp_path), "--format", "markdown"]
    )
    assert result.exit_code == 0, result.output
    assert "| task | 52 | 52 | 0 | 0 | 0 | 0 | 0 | 0 |" in result.stdout
    assert "{+trên 90+}%" in result.stdout
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["diff", str(LAMDONG_DOCX), str(PERIOD_DOCX), "--root", str(tmp_path), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Self-contained: no scripts, no stylesheets, images or frames fetched from anywhere.
    assert not re.search(r"<(script|link|img|iframe|object)\b|\s(src|href)=", page)
    assert "Hoàn thành và đưa Trung tâm IOC vào hoạt động" in page
    assert len(list((tmp_path / "plan_diffs").rglob("*.parquet"))) == 2


def test_cli_diff_by_doc_id_and_province_year(tmp_path):
    runner = CliRunner()
    root = tmp_path / "processed"
    assert runner.invoke(app, ["ingest", str(LAMDONG_DOCX), str(PERIOD_DOCX), "--out", str(root)]).exit_code == 0
    old, new = from_file(LAMDONG_DOCX).doc_id, from_file(PERIOD_DOCX).doc_id
    result = runner.invoke(app, ["diff", old[:10], new[:10], "--root", str(root), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "| task | 52 | 59 | 7 | 0 |" in result.stdout
    # Both plans sit in year=2026; only the plan of 2026 alone is "the 2026 plan" (never the 2026–2030
    # plan, whatever its task count), so 2026 against 2026 is one document: refused, not diffed with itself.
    result = runner.invoke(
        app, ["diff", "--province", "Lâm Đồng", "--years", "2026", "2026", "--root", str(root), "--no-save"]
    )
    assert result.exit_code == 2 and "same document" in " ".join(result.output.split())
    assert "giai đoạn 2026 - 2030" not in result.output
    missing = runner.invoke(app, ["diff", "--province", "lam-dong", "--years", "2017", "2026", "--root", str(root)])
    assert missing.exit_code == 2
    assert "no plan of the year 2017 alone for province 'lam-dong'" in " ".join(missing.output.split())
    not_a_plan = tmp_path / "notes.docx"
    not_a_plan.write_bytes(b"not a zip")
    bad = runner.invoke(app, ["diff", str(not_a_plan), str(LAMDONG_DOCX), "--root", str(root)])
    assert bad.exit_code == 2
    assert "UnsupportedInput" in bad.output and "Traceback" not in bad.output


def _untagged(plan):
    """The plan as read from datasets written before the tagging stage existed."""
    for name in ("assignments", "deadlines", "products", "mentions"):
        plan.rows.pop(name, None)
        plan.available.discard(name)
    return plan


def test_untagged_plans_fall_back_on_cell_text():
    d = diff_plans(_untagged(from_file(LAMDONG_DOCX)), _untagged(from_file(PERIOD_DOCX)))
    rows = {str(r["task_id"]): r for r in d.new.get("tasks")}

    def change(section, ordinal, field):
        found = [
            c
            for c in d.of("task")
            if c.field == field and (rows[c.new_key]["section"], rows[c.new_key]["ordinal"]) == (section, ordinal)
        ]
        assert len(found) == 1, (section, ordinal, field)
        return found[0]

    # Wording of the deadline changed though it means the same year: reported, flagged as untagged text.
    assert change("I", "4", "deadline").detail == "text changed (deadline not tagged)"
    lead = change("V", "2", "lead")
    assert lead.detail == "text changed (agencies not tagged)"
    assert ("insert", "Cơ quan thuế, các đơn vị cấp tỉnh và") in lead.words
    assert "No assignments dataset for one of the plans: agencies compared as cell text." in report_markdown(d)


def test_short_doc_id_prefix_says_it_is_too_short(tmp_path):
    """`pipeline diff 5888 …` with the Lâm Đồng plan's real doc_id: the prefix matches one document,
    yet is refused; the message must give the reason (under 6 characters), not "1 matches"."""
    import hashlib

    import pyarrow as pa
    import pyarrow.parquet as pq
    import pytest

    from pipeline.diff.plan import PlanNotFound, from_datasets

    doc_id = hashlib.sha256(LAMDONG_DOCX.read_bytes()).hexdigest()
    folder = tmp_path / "documents" / "province=lam-dong" / "year=2026"
    folder.mkdir(parents=True)
    pq.write_table(pa.table({"doc_id": [doc_id]}), folder / f"{doc_id}.parquet")
    with pytest.raises(PlanNotFound, match="at least 6 characters") as short:
        from_datasets(tmp_path, doc_id[:4])
    assert doc_id[:12] in str(short.value)
    with pytest.raises(PlanNotFound, match="no document"):
        from_datasets(tmp_path, "abcdef")
