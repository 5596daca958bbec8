"""Seed decision 4032/QĐ-UBND: every Decree 30 part against the gold file.

Every rendering (text PDF, DOCX, HTML, and the Markdown export it came from) must give the 6 gold legal bases, the 12 gold
targets with their plan item paths, 3 articles and 12 recipients, and every
span must point at its text in the normalised text of its part.
"""

from __future__ import annotations

import pytest

from pipeline.store.rows import part_rows
from pipeline.text import fold

RENDERINGS = ["seed_pdf", "seed_docx", "seed_html", "seed_md"]


def _key(value):  # type: ignore[no-untyped-def]
    return None if value is None else fold(value)


@pytest.mark.parametrize("which", RENDERINGS)
def test_legal_bases_match_gold(which: str, gold: dict, request: pytest.FixtureRequest) -> None:
    decision = request.getfixturevalue(which)
    # One basis per "Căn cứ" paragraph (Decree 30); documents chained in a paragraph are in ``chained``.
    got = [
        (b.kind, c.cited_type, c.cited_number, c.cited_date.isoformat() if c.cited_date else None, _key(c.cited_issuer))
        for b in decision.legal_bases
        for c in [b.citation, *b.chained]
    ]
    want = [
        (g["kind"], g["cited_type"], g["cited_number"], g["cited_date"], _key(g["cited_issuer"]))
        for g in gold["legal_bases"]
    ]
    assert got == want
    law = decision.legal_bases[0].citation
    assert law.cited_title.startswith(gold["legal_bases"][0]["cited_title_prefix"])


@pytest.mark.parametrize("which", RENDERINGS)
def test_targets_match_gold(which: str, gold: dict, request: pytest.FixtureRequest) -> None:
    targets = request.getfixturevalue(which).targets
    assert len(targets) == len(gold["targets"]) == 12
    for got, want in zip(targets, gold["targets"]):
        label = f"{want['item_path']} {want['value']}"
        assert (got.item_path, got.value, got.unit, got.comparator) == (
            want["item_path"], want["value"], want["unit"], want["comparator"]
        ), label
        assert fold(want["subject_contains"]) in fold(got.subject), label


@pytest.mark.parametrize("which", RENDERINGS)
def test_articles_recipients_and_closing(which: str, gold: dict, request: pytest.FixtureRequest) -> None:
    decision = request.getfixturevalue(which)
    assert [a.path for a in decision.articles] == ["1", "2", "3"] == [str(i + 1) for i in range(gold["document"]["article_count"])]
    assert len(decision.recipients) == gold["document"]["recipient_count"] == 12
    names = [r.name for r in decision.recipients]
    assert names[0] == "Như Điều 3" and decision.recipients[0].note == "thi hành"
    assert names[-2:] == ["Đài PT-TH", "Báo Khánh Hòa"]  # split on "," between addressees
    assert "Lưu" not in " ".join(names) and decision.archive_note == "VT, DL, LT"
    assert decision.authority == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert decision.number_seq == "4032" and decision.number_symbol == "QĐ-UBND" and decision.number_year is None
    if which == "seed_md":  # the Markdown export starts at "Số:": no issuer block, no motto
        assert decision.issuer is None and decision.national_motto is None
    else:
        assert decision.national_motto.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


@pytest.mark.parametrize("which", RENDERINGS)
def test_plan_tree_paths(which: str, request: pytest.FixtureRequest) -> None:
    items = request.getfixturevalue(which).plan_items
    paths = [p.path for p in items]
    assert len(paths) == len(set(paths))
    assert paths[:8] == ["I", "I.1", "I.2", "I.2.a", "I.2.b", "I.2.c", "I.2.d", "I.2.đ"]
    bullets = [p for p in items if p.parent == "I.6"]
    assert [b.path for b in bullets] == ["I.6.-1", "I.6.-2", "I.6.-3"]
    assert all(b.numbered_path == "I.6" for b in bullets)
    assert [p.path for p in items if p.level == "section"] == ["I", "II", "III", "IV"]
    # The plan ends with its closing sentence: its signature block and the appendix heading
    # after it are not plan text (the Markdown export added "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" to
    # IV.9 and an item IV.1~2 "Lê Đức Vinh Phụ lục NHIỆM VỤ CỤ THỂ …").
    assert items[-1].path == "IV.9" and items[-1].text.endswith("toàn bộ nội dung Kế hoạch này./.")
    # "… phát triển kinh tế" / "- xã hội, công tác dân vận …" is one item wrapped at the dash (PDF).
    seven = [p for p in items if p.path.startswith("IV.7")]
    assert [p.path for p in seven] == ["IV.7"] and "kinh tế - xã hội, công tác dân vận" in seven[0].text


@pytest.mark.parametrize("which", RENDERINGS)
def test_spans_index_the_part_text(which: str, request: pytest.FixtureRequest) -> None:
    decision = request.getfixturevalue(which)
    rows = part_rows(decision)
    texts = {r["part"]: r["text"] for r in rows["parts"]}
    for dataset in ("targets", "citations", "recipients"):
        for row in rows[dataset]:
            if row["part"].startswith("task:"):
                continue
            piece = texts[row["part"]][row["char_start"] : row["char_end"]]
            assert piece == (row.get("name") or row["text"]), (dataset, row)
    for row in rows["legal_bases"]:
        assert texts["preamble"][row["char_start"] : row["char_end"]] == row["text"]
        assert texts["preamble"][row["citation_start"] : row["citation_end"]].startswith(row["cited_type"])
    for row in rows["plan_items"] + rows["articles"]:
        part = "plan" if "parent_path" in row else "body"
        assert texts[part][row["char_start"] : row["char_end"]] == row["text"]


def test_pdf_rows_carry_pages(seed_pdf) -> None:
    rows = part_rows(seed_pdf)
    assert [r["page"] for r in rows["legal_bases"]] == [1, 1, 1, 1, 1]  # 4 "Căn cứ" paragraphs, 1 recital
    assert {r["page"] for r in rows["recipients"]} == {2}
    by_path = {r["item_path"]: r["page"] for r in rows["targets"]}
    assert by_path["I.2.a"] == 3 and by_path["I.9"] == 4


def test_citations_in_the_plan_and_table(seed_pdf) -> None:
    """Mentions outside the preamble: plan items and appendix cells."""
    plan = [(c.cited_type, c.cited_number, c.cited_issuer) for part, c in seed_pdf.citations if part == "plan"]
    assert ("Quyết định", "14/2015/QĐ-UBND", "Ủy ban nhân dân tỉnh") in plan
    cells = {part: c for part, c in seed_pdf.citations if part.startswith("task:")}
    plan_4304 = cells["task:1:task_text"]
    assert (plan_4304.cited_type, plan_4304.cited_number, plan_4304.cited_date.isoformat()) == (
        "Kế hoạch", "4304/KH-UBND", "2015-07-03"
    )
