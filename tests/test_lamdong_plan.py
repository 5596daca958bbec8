"""The real Lâm Đồng 2026 plan (Kế hoạch CCHC): plan tree and targets.

Its items ("1. Cải cách thể chế" …) are Word auto-numbered, so their numbers are
not in the text: the DOCX gives the list id, the HTML export only a bold
heading. Both must give the same section I tree and the same 40 targets.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("which", ["lamdong", "lamdong_html"])
def test_plan_items_and_targets(which: str, request: pytest.FixtureRequest) -> None:
    decision = request.getfixturevalue(which)
    items = {p.path: p for p in decision.plan_items}
    assert len(items) == len(decision.plan_items)  # paths are unique
    assert [p for p in items if items[p].level == "item" and p.startswith("I.")] == [f"I.{i}" for i in range(1, 8)]
    assert items["I.2"].text.startswith("Cải cách thủ tục hành chính")
    assert items["I.2.a"].text == "a) Mục tiêu" and items["I.2.a"].parent == "I.2"
    assert len(decision.targets) == 40
    by_text = {(t.item_path, t.value, t.comparator) for t in decision.targets}
    assert ("I.2.a", 98, ">=") in by_text  # "Tối thiểu 98% hồ sơ … được giải quyết trước và đúng hạn"
    assert ("I.5.a", 90, ">") in by_text  # "Tỷ lệ giải ngân … đạt trên 90%"
    assert ("I.6.a", 70, ">") in by_text  # "Từ trên 70% văn bản được ký số"
    assert [b.citation.cited_number for b in decision.legal_bases] == ["202/2025/QH15", "76/NQ-CP", "23/CT-TTg"]
    assert decision.number is None and decision.issue_date is None  # unsigned final draft: blanks stay null


def test_docx_and_html_agree(lamdong, lamdong_html) -> None:
    def section_one(d):  # type: ignore[no-untyped-def]
        return [p.path for p in d.plan_items if p.path.startswith("I.") or p.path == "I"]

    assert section_one(lamdong) == section_one(lamdong_html)
    assert [(t.item_path, t.value, t.comparator) for t in lamdong.targets] == [
        (t.item_path, t.value, t.comparator) for t in lamdong_html.targets
    ]
