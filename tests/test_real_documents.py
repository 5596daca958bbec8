"""Four real signed PDFs (a ministry decision, a provincial decision, a report, a
submission): header, signature and the number stamped at signing.

Expected values were read by hand from the documents (text layer and page
renders with the signature widgets drawn); see ``tests/data/real/expected.json``.
Their number and day are not in the text layer: the signing software prints them
over the blanks from widget annotations, which ``pipeline.readers.stamps`` reads.
Without such a stamp the number stays null with a warning (never guessed).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pipeline.readers import read
from pipeline.structure import parse
from pipeline.text import fold

from conftest import DATA, ROOT

EXPECTED = json.loads((DATA / "real" / "expected.json").read_text("utf-8"))["documents"]
FIELDS = ("doc_type", "number", "number_seq", "number_symbol", "place", "issuer", "issuer_parent", "authority", "title")


def _key(value):  # type: ignore[no-untyped-def]
    return None if value is None else fold(value)


@pytest.fixture(scope="module")
def documents() -> dict:
    return {case["file"]: read(ROOT / case["file"]) for case in EXPECTED}


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"].rsplit("/", 1)[-1][:24] for c in EXPECTED])
def test_header_and_signer(case: dict, documents: dict) -> None:
    decision = parse(documents[case["file"]])
    for name in FIELDS:
        assert _key(getattr(decision, name)) == _key(case[name]), name
    assert decision.issue_date is not None and decision.issue_date.isoformat() == case["issue_date"]
    sig = decision.signature
    assert sig is not None
    assert _key(sig.capacity) == _key(case["signing_capacity"])
    assert _key(sig.position) == _key(case["signer_position"])
    assert sig.name == case["signer_name"]
    assert sum(1 for a in decision.articles if a.level == "article") == case["article_count"]
    assert {"number_from_stamp", "date_from_stamp"} & {w.code for w in decision.warnings}


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"].rsplit("/", 1)[-1][:24] for c in EXPECTED])
def test_without_the_stamp_the_number_stays_null(case: dict, documents: dict) -> None:
    """The text layer alone has 'Số:   /…': null number, a warning, no guess."""
    document = documents[case["file"]]
    bare = replace(document, pages=[replace(p, stamps=[]) for p in document.pages])
    decision = parse(bare)
    assert decision.number is None
    assert decision.number_symbol == case["number_symbol"]
    assert any((w.code, w.field) == ("value_left_blank", "number") for w in decision.warnings)


def test_stamps_sit_on_the_number_and_date_blanks(documents: dict) -> None:
    document = documents["raw/QĐ 2536 SÁP NHẬP ĐLS.pdf"]
    stamps = document.pages[0].stamps
    assert [s.text for s in stamps] == ["2536", "12"]
    number_line = next(ln for ln in document.pages[0].lines if ln.text.startswith("Số:"))
    assert stamps[0].bbox[1] < number_line.bbox[3] and stamps[0].bbox[3] > number_line.bbox[1]
    assert all(not p.stamps for p in document.pages[1:])  # page 2's widgets draw only images


def test_bnv_decision_parts(documents: dict) -> None:
    """1187/QĐ-BNV: four Căn cứ bases, a recital citing no document, a scheme inside Điều 1."""
    decision = parse(documents["tests/data/real/1187 BNV QĐ ban hanh bo chi so CCHC.pdf"])
    bases = [(b.kind, b.citation.cited_number if b.citation else None) for b in decision.legal_bases]
    assert bases == [
        ("căn cứ", "25/2025/NĐ-CP"), ("căn cứ", "76/NQ-CP"), ("căn cứ", "749/QĐ-TTg"),
        ("căn cứ", "292/TB-VPCP"), ("theo đề nghị", None),
    ]
    paths = [a.path for a in decision.articles]
    assert paths[:4] == ["1", "1.I", "1.I.1", "1.I.1.a"]
    assert len(paths) == len(set(paths))
    assert [r.name for r in decision.recipients][:2] == ["Như Điều 3", "Bộ trưởng"]  # "Ðiều" (eth) normalised
    assert decision.archive_note == "VT, CCHC"


def test_report_and_submission_closings(documents: dict) -> None:
    report = parse(documents["tests/data/real/329 BAO CAO CCHC NAM 2025.pdf"])
    assert [r.name for r in report.recipients][-3:] == [
        "Các sở, ban, ngành tỉnh", "UBND các xã, phường, đặc khu", "Chánh, các PCVP UBND tỉnh"
    ]
    assert report.legal_bases[0].kind == "thực hiện"
    assert report.legal_bases[0].citation.cited_number == "4625/BNV-CCHC"
    submission = parse(documents["tests/data/real/Tờ trình dự thảo Kế hoạch CCHC năm 2026 của tỉnh.pdf"])
    assert submission.recipients_to == "Ủy ban nhân dân tỉnh"
    assert [r.name for r in submission.recipients] == ["Như trên", "Lãnh đạo SNV"]
    assert submission.archive_note == "VT, CCHC&VTLT(Tín)"
