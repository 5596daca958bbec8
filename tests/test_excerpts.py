"""Ten real header excerpts (ten provinces, 2009–2023) read as text documents.

Inputs and hand-read truth: ``tests/data/excerpts/`` (copied from the shared
corpus). Every header field and every legal basis of ``expected.json`` must come
out right; names and titles are compared with :func:`pipeline.text.fold`
(case-insensitive after NFC and tone-mark normalisation, whitespace and dashes
folded).
"""

from __future__ import annotations

import json

import pytest

from pipeline.readers import read
from pipeline.structure import parse
from pipeline.text import fold

from conftest import DATA

EXCERPTS = DATA / "excerpts"
CASES = json.loads((EXCERPTS / "expected.json").read_text("utf-8"))
HEADER_FIELDS = ("doc_type", "number", "place", "issuer", "authority", "title")


def _key(value):  # type: ignore[no-untyped-def]
    return None if value is None else fold(value)


@pytest.fixture(scope="module")
def parsed() -> dict:
    return {case["file"]: parse(read(EXCERPTS / case["file"])) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_header_fields(case: dict, parsed: dict) -> None:
    decision = parsed[case["file"]]
    assert decision.document.source_format == "text"
    for name in HEADER_FIELDS:
        assert _key(getattr(decision, name)) == _key(case[name]), name
    got_date = decision.issue_date.isoformat() if decision.issue_date else None
    assert got_date == case["issue_date"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_legal_bases(case: dict, parsed: dict) -> None:
    decision = parsed[case["file"]]
    got = [
        (
            b.kind,
            b.citation.cited_type,
            b.citation.cited_number,
            b.citation.cited_date.isoformat() if b.citation.cited_date else None,
            _key(b.citation.cited_issuer),
        )
        for b in decision.legal_bases
        if b.citation is not None
    ]
    want = [
        (b["kind"], b["cited_type"], b["cited_number"], b["cited_date"], _key(b["cited_issuer"]))
        for b in case["legal_bases"]
    ]
    assert got == want
