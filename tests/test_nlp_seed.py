"""Tagging the seed decision (4032/QĐ-UBND text PDF) against the hand-checked gold."""

from __future__ import annotations

import pytest

from pipeline.nlp.evaluate import evaluate
from pipeline.nlp.tag import tag


@pytest.fixture(scope="module")
def seed_tagged(seed_pdf):
    return seed_pdf, tag(seed_pdf, with_body=False)


@pytest.fixture(scope="module")
def scores(seed_tagged, gold):
    decision, ann = seed_tagged
    return evaluate(gold, decision, ann)


def test_agency_role_pairs_f1(scores) -> None:
    s = scores["agency_role"]
    assert s.gold == 30
    assert s.f1 >= 0.95, (s.tp, s.fp, s.fn)


def test_deadlines_exact(scores) -> None:
    s = scores["deadlines"]
    assert (s.tp, s.gold, s.fp) == (13, 13, 0)


def test_product_kinds_f1(scores) -> None:
    s = scores["product_kinds"]
    assert s.gold == 17
    assert s.f1 >= 0.95, (s.tp, s.fp, s.fn)


def test_collectives_are_kept_as_collectives(scores) -> None:
    assert scores["collective"].recall == 1.0


def test_citations_in_tasks(scores) -> None:
    s = scores["citations"]
    assert (s.tp, s.gold, s.fp) == (2, 2, 0)


def _row(decision, section: str, ordinal: str) -> int:
    return next(t.row_index for t in decision.tasks if (t.section, t.ordinal) == (section, ordinal))


def test_advised_body_is_not_an_assignee(seed_tagged) -> None:
    decision, ann = seed_tagged
    row = _row(decision, "II", "3")  # "Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tham mưu UBND tỉnh chỉ đạo …"
    rows = [a for a in ann.assignments if a.row_index == row and not a.collective]
    assert {(a.agency, a.role) for a in rows} == {("Sở Tư pháp", "lead"), ("Sở Nội vụ", "coordinate")}
    assert {a.advises for a in rows} == {"Ủy ban nhân dân tỉnh"}


def test_enumeration_with_comma_name_distributes(seed_tagged) -> None:
    decision, ann = seed_tagged
    row = _row(decision, "I", "3")
    leads = [a.agency for a in ann.assignments if a.row_index == row and a.role == "lead"]
    assert leads == ["Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa và Thể thao"]
    successors = {a.agency: a.successor for a in ann.assignments if a.row_index == row}
    assert successors["Sở Lao động - Thương binh và Xã hội"] == "Sở Nội vụ"
    assert successors["Sở Kế hoạch và Đầu tư"] == "Sở Tài chính"


def test_product_approver(seed_tagged) -> None:
    decision, ann = seed_tagged
    row = _row(decision, "I", "3")  # "Đề án của từng lĩnh vực được UBND tỉnh phê duyệt"
    (product,) = [p for p in ann.products if p.row_index == row]
    assert (product.kind, product.approver) == ("đề án", "Ủy ban nhân dân tỉnh")


def test_mentions_locate_their_text(seed_tagged) -> None:
    decision, ann = seed_tagged
    by_row = {t.row_index: t for t in decision.tasks}
    assert ann.mentions
    for m in ann.mentions:
        assert getattr(by_row[m.row_index], m.field)[m.start : m.end] == m.text


@pytest.mark.parametrize("rendering", ["docx", "markdown"])
def test_other_renderings_of_the_seed(rendering, seed_docx, gold) -> None:
    """The DOCX rendering and the Markdown export (bullets flattened into one line) tag the same."""
    from conftest import SEED_MD
    from pipeline.readers import read
    from pipeline.structure import parse

    decision = seed_docx if rendering == "docx" else parse(read(SEED_MD))
    scores = evaluate(gold, decision, tag(decision, with_body=False))
    assert scores["agency_role"].f1 >= 0.95
    assert scores["deadlines"].tp == 13
    assert scores["product_kinds"].f1 >= 0.95
