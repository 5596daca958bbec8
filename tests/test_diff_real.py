"""Plan diffs on real pairs of Lâm Đồng plans; expected changes in tests/data/diffs/*.json.

The fixtures were written by reading both documents of each pair (see their
``about``). Each test checks that what the documents show is reported, and that
nothing else is reported for tasks (no false positives).
"""

from __future__ import annotations

import json

import pytest

from pipeline.diff import diff_plans
from pipeline.diff.plan import from_file
from pipeline.diff.words import markdown
from pipeline.text import fold
from conftest import DATA, ROOT

PAIRS = DATA / "diffs"


def _load(name: str) -> tuple[dict, object]:
    spec = json.loads((PAIRS / name).read_text("utf-8"))
    return spec, diff_plans(from_file(ROOT / spec["old"]), from_file(ROOT / spec["new"]))


@pytest.fixture(scope="module")
def draft_final():
    return _load("lamdong_2026_draft_vs_final.json")


@pytest.fixture(scope="module")
def year_period():
    return _load("lamdong_2026_vs_2026_2030.json")


def _items(d, kind: str) -> list:
    return [c for c in d.of("plan_item", kind)]


def test_identical_appendices_report_no_task_change(draft_final):
    spec, d = draft_final
    tasks = [c for c in d.of("task")]
    assert len(d.old.get("tasks")) == spec["tasks"]["old"]
    assert len(d.new.get("tasks")) == spec["tasks"]["new"]
    assert tasks == []
    assert [c for c in d.cards if c.status != "same"] == []
    assert len(d.cards) == 52


def test_draft_final_body_items_added_and_removed(draft_final):
    spec, d = draft_final
    removed = [c.old_value for c in _items(d, "removed")]
    added = [c.new_value for c in _items(d, "added")]
    for text in spec["body"]["removed"]:
        assert any(text in (r or "") for r in removed), text
    for text in spec["body"]["added"]:
        assert any(text in (a or "") for a in added), text
    assert len(removed) == len(spec["body"]["removed"])
    assert len(added) == len(spec["body"]["added"])


def test_draft_final_reworded_items_carry_word_diff(draft_final):
    spec, d = draft_final
    reworded = _items(d, "reworded")
    for case in spec["body"]["reworded"]:
        hit = [c for c in reworded if case["old"] in (c.old_value or "") and case["new"] in (c.new_value or "")]
        assert len(hit) == 1, case
        assert any(kind == "insert" for kind, _ in hit[0].words)
    disbursement = next(c for c in reworded if "giải ngân" in (c.old_value or ""))
    assert "[-100-] {+trên 90+}%" in markdown(disbursement.words)


def test_draft_final_abbreviation_expansions_are_editorial(draft_final):
    spec, d = draft_final
    editorial = _items(d, "editorial")
    for case in spec["body"]["editorial"]:
        assert any(case["old"] in (c.old_value or "") and case["new"] in (c.new_value or "") for c in editorial), case
    assert not any("7178/PA-UBND" in (c.old_value or "") for c in _items(d, "reworded"))


def test_draft_final_signature_changes(draft_final):
    spec, d = draft_final
    found = {c.field: [c.old_value, c.new_value] for c in d.of("document")}
    for name, values in spec["document"].items():
        assert found[name] == values


def _task(rows, section, ordinal, product=None):
    hits = [
        r
        for r in rows
        if r.get("section") == section
        and r.get("ordinal") == ordinal
        and (product is None or product in (r.get("product_text") or ""))
    ]
    assert hits, (section, ordinal, product)
    return hits[0]


def test_period_plan_tasks_added_none_removed(year_period):
    spec, d = year_period
    assert len(d.old.get("tasks")) == spec["tasks"]["old"]
    assert len(d.new.get("tasks")) == spec["tasks"]["new"]
    added = [c for c in d.of("task", "added")]
    assert len(d.of("task", "removed")) == spec["tasks"]["removed"]
    assert len(added) == len(spec["tasks"]["added"])
    by_id = {str(r["task_id"]): r for r in d.new.get("tasks")}
    got = sorted((by_id[c.new_key]["section"], by_id[c.new_key]["ordinal"]) for c in added)
    want = sorted((a["section"], a["ordinal"]) for a in spec["tasks"]["added"])
    assert got == want
    for a in spec["tasks"]["added"]:
        assert a["text"] in _task(d.new.get("tasks"), a["section"], a["ordinal"])["task_text"]


def test_period_plan_field_changes(year_period):
    spec, d = year_period
    tagged = "deadlines" in d.old.available & d.new.available
    for case in spec["changes"]:
        row = _task(d.new.get("tasks"), case["section"], case["ordinal"], case.get("product"))
        hits = [c for c in d.of("task") if c.new_key == str(row["task_id"]) and c.field == case["field"]]
        expect = case.get("tagged", {}) if tagged else {}
        if expect.get("absent"):
            assert hits == [], case
            continue
        assert len(hits) == 1, case
        change = hits[0]
        if "detail" in expect:
            assert change.detail == expect["detail"], case
        if "kind" in case:
            assert change.kind == case["kind"]
        if case.get("old"):
            assert fold(case["old"]) in fold(change.old_value or ""), (case, change.old_value)
        if case.get("new"):
            assert fold(case["new"]) in fold(change.new_value or ""), (case, change.new_value)
        if "deleted" in case:
            assert any(kind == "delete" and case["deleted"] in text for kind, text in change.words)


def test_period_plan_unchanged_fields_not_reported(year_period):
    spec, d = year_period
    for case in spec["unchanged"]:
        row = _task(d.new.get("tasks"), case["section"], case["ordinal"])
        assert not [c for c in d.of("task") if c.new_key == str(row["task_id"]) and c.field == case["field"]], case


def test_period_plan_section_renamed_once(year_period):
    spec, d = year_period
    renames = [c for c in d.of("document") if c.field == "section_title"]
    assert [[c.old_value, c.new_value] for c in renames] == [spec["document"]["section_title"]]
    assert d.of("task", "moved") == []


def test_draft_final_targets(draft_final):
    spec, d = draft_final
    targets = d.of("target")
    for case in spec["targets"]:
        hit = [c for c in targets if c.kind == "changed" and case["subject"] in (c.new_value or "")]
        assert len(hit) == 1, case
        want = f"{case['old']['comparator']} {case['old']['value']} % → {case['new']['comparator']} {case['new']['value']} %"
        assert hit[0].detail == want
    added = sorted(c.detail for c in targets if c.kind == "added")
    removed = [c.old_value for c in targets if c.kind == "removed"]
    assert added == ["— → = 80 %", "— → > 70 %"]  # e-form reports 80%, over 70% documents signed digitally
    assert len(removed) == 1 and "không có vi phạm phải xử lý kỷ luật" in removed[0]
    assert d.of("legal_basis") == []


def test_period_plan_targets_and_legal_bases(year_period):
    spec, d = year_period
    changed = d.of("target", "changed")
    for case in spec["targets"]:
        hit = [c for c in changed if case["subject"] in (c.new_value or "")]
        assert len(hit) == 1, case
        assert hit[0].detail == case["detail"]
    removed = [c.old_key for c in d.of("legal_basis", "removed")]
    added = [c.new_key for c in d.of("legal_basis", "added")]
    assert removed == spec["legal_bases"]["removed"]
    assert added == spec["legal_bases"]["added"]
    renumbered = [c for c in d.of("document") if c.field == "plan_section"]
    assert len(renumbered) == 1 and renumbered[0].detail.endswith(spec["plan_sections_renumbered"])
    assert d.of("plan_item", "moved") == []
