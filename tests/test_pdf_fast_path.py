"""PDFium words (fast path for pages without ruled tables) equal pdfplumber's words."""

from __future__ import annotations

import pdfplumber
import pypdfium2 as pdfium
import pytest

from pipeline.readers.pdfium_words import extract_words, may_hold_ruled_table

from conftest import QD2536_PDF, SEED_PDF


@pytest.mark.parametrize("path", [SEED_PDF, QD2536_PDF], ids=["seed-4032", "qd-2536"])
def test_words_match_pdfplumber_on_pages_without_tables(path) -> None:
    fast = pdfium.PdfDocument(path)
    with pdfplumber.open(path) as slow:
        routed = []
        for i, page in enumerate(slow.pages):
            ruled = may_hold_ruled_table(fast[i])
            routed.append(ruled)
            if ruled:
                continue
            assert not page.find_tables(), f"page {i + 1} has a table the fast path would miss"
            want = page.extract_words(extra_attrs=["fontname", "size"])
            got = extract_words(fast[i], float(page.height))
            assert [w["text"] for w in got] == [w["text"] for w in want], f"page {i + 1}"
            for a, b in zip(got, want):
                assert abs(a["x0"] - b["x0"]) < 0.01
                assert all(abs(a[k] - b[k]) < 3.5 for k in ("x1", "top", "bottom"))
    expected = [False] * 7 + [True] * 4 if path == SEED_PDF else [False, False]
    assert routed == expected


def test_reader_leaves_the_garbage_collector_as_it_found_it() -> None:
    """read_pdf pauses the cyclic collector while it reads the text layer, and restores it."""
    import gc

    from pipeline.readers import read

    assert gc.isenabled()
    document = read(QD2536_PDF)
    assert gc.isenabled()
    assert document.page_count == 2 and document.pages[0].source_kind == "text"
    gc.disable()
    try:
        read(QD2536_PDF)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
