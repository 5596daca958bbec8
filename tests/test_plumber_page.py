"""LeanPage (faster character dicts for the pdfplumber route) gives exactly pdfplumber's objects."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.readers.plumber_page import LeanPage, lean_page

from conftest import SEED_PDF

DATA = Path(__file__).parent / "data"
LEGACY_PDF = DATA / "legacy" / "2006-19412_QD115.04TTg_BLTch_DNNVV.pdf"
TABLES_PDF = DATA / "tables" / "nq23_cp_2026_pp16-17.pdf"


@pytest.mark.parametrize(
    ("path", "index"),
    [(SEED_PDF, 7), (SEED_PDF, 10), (LEGACY_PDF, 0), (TABLES_PDF, 1)],
    ids=["seed-4032-p8-table", "seed-4032-p11-table", "legacy-tcvn3-p1", "nq23-p17-table"],
)
def test_lean_page_objects_equal_pdfplumber(path: Path, index: int) -> None:
    with pdfplumber.open(path) as pdf:
        want = pdf.pages[index].objects
        page = lean_page(pdf, index)
        got = page.objects
        assert isinstance(page, LeanPage) and page.page_number == index + 1
        assert page.initial_doctop == pdf.pages[index].initial_doctop
        assert list(got) == list(want)
        assert len(want["char"]) > 300  # a real text page, not an empty one
        for kind in want:
            assert len(got[kind]) == len(want[kind]), kind
            for a, b in zip(got[kind], want[kind]):
                assert list(a.items()) == list(b.items())  # same keys, same order, same values


def test_lean_page_words_and_tables_equal_pdfplumber() -> None:
    with pdfplumber.open(SEED_PDF) as pdf:
        want_page, page = pdf.pages[8], lean_page(pdf, 8)
        want = want_page.extract_words(extra_attrs=["fontname", "size"])
        assert page.extract_words(extra_attrs=["fontname", "size"]) == want
        assert [t.cells for t in page.find_tables()] == [t.cells for t in want_page.find_tables()]
        assert [w["text"] for w in want[1:4]] == ["TT", "Nhiệm", "vụ"]  # the seed appendix task table header
