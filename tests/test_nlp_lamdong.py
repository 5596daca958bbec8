"""Tagging the Lâm Đồng 2026 plan (7-column appendix: the columns give the roles)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.nlp.tag import tag


@pytest.fixture(scope="module")
def lamdong_tagged(lamdong):
    return lamdong, tag(lamdong, with_body=False)


def test_every_agency_cell_resolves(lamdong_tagged) -> None:
    _decision, ann = lamdong_tagged
    assert ann.unresolved == []


def test_every_deadline_cell_parses(lamdong_tagged) -> None:
    decision, ann = lamdong_tagged
    cells = {t.row_index for t in decision.tasks if (t.deadline_text or "").strip()}
    assert len(cells) >= 45
    assert cells == {d.row_index for d in ann.deadlines}
    assert ann.unparsed_deadlines == []
    assert not [w for w in decision.warnings if w.code in ("agency_unresolved", "deadline_unrecognised")]


def test_column_roles_and_collectives(lamdong_tagged) -> None:
    decision, ann = lamdong_tagged
    row = next(t.row_index for t in decision.tasks if (t.coordinate_text or "").startswith("Sở Tư pháp, Văn phòng UBND tỉnh, Công an tỉnh"))
    got = {(a.agency, a.role) for a in ann.assignments if a.row_index == row}
    assert got == {
        ("Sở Khoa học và Công nghệ", "lead"),
        ("Sở Tư pháp", "coordinate"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "coordinate"),
        ("Công an tỉnh", "coordinate"),
        ("Sở Khoa học và Công nghệ", "monitor"),
    }
    communes = [a for a in ann.assignments if a.agency == "UBND các xã, phường, đặc khu"]
    assert communes and all(a.collective and a.agency_level == "commune" for a in communes)


def test_renamed_department_has_successor(lamdong_tagged) -> None:
    _decision, ann = lamdong_tagged
    (tnmt,) = {a.successor for a in ann.assignments if a.agency == "Sở Tài nguyên và Môi trường"}
    assert tnmt == "Sở Nông nghiệp và Môi trường"


def test_adjacent_year_resolved_with_plan_year(lamdong_tagged) -> None:
    _decision, ann = lamdong_tagged
    (d,) = [d for d in ann.deadlines if d.text == "Trước ngày 31/01 năm liền kề"]
    assert (d.kind, d.end) == ("relative", date(2027, 1, 31))
    assert d.note and "2026" in d.note


def test_reference_allocation_is_not_an_agency(lamdong_tagged) -> None:
    decision, ann = lamdong_tagged
    rows = [t.row_index for t in decision.tasks if (t.lead_text or "").startswith("Theo phân công tại")]
    assert rows
    assert not [a for a in ann.assignments if a.row_index in rows and a.role == "lead"]
