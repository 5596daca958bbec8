"""HTML exports (LibreOffice "save as web page") of the seed decision and the Lâm Đồng plan.

Each HTML file must give what its DOCX gives: the same text, the same appendix
grid (``colspan``/``rowspan`` resolved like ``gridSpan``/``vMerge``), the same
header, signature and tasks.
"""

from __future__ import annotations

import pytest

from pipeline.readers import read, sniff
from pipeline.text.metrics import cer, document_text, fold_whitespace

from conftest import LAMDONG_DOCX, LAMDONG_HTML, SEED_DOCX, SEED_HTML, squash

PAIRS = [(SEED_HTML, SEED_DOCX), (LAMDONG_HTML, LAMDONG_DOCX)]
TASK_FIELDS = ("section", "section_title", "ordinal", "task_text", "product_text", "deadline_text",
               "assignment_text", "lead_text", "coordinate_text", "monitor_text")


def _grid(table):
    return [[(c.row, c.col, c.row_span, c.col_span, c.merged_from_above, squash(c.text)) for c in row]
            for row in table.rows]


@pytest.mark.parametrize(("html", "docx"), PAIRS, ids=["seed", "lamdong"])
def test_html_reads_like_its_docx(html, docx) -> None:
    a, b = read(html), read(docx)
    assert sniff(html.read_bytes(), "") == "html"
    assert a.source_format == "html" and a.page_count is None
    assert all(line.page is None and line.bbox is None for line in a.lines())
    assert cer(fold_whitespace(document_text(a)), fold_whitespace(document_text(b))) == 0.0
    # HTML folds runs of spaces as a browser shows them; Word keeps them.
    assert [(ln.column, ln.text) for ln in a.lines()] == [
        (ln.column, squash(ln.text)) for ln in b.lines() if ln.text.strip()
    ]
    assert [_grid(t) for t in a.tables()] == [_grid(t) for t in b.tables()]


def test_rowspan_and_colspan_cells() -> None:
    (table,) = read(LAMDONG_HTML).tables()
    assert (table.n_cols, len(table.rows)) == (7, 60)
    top = table.rows[51]
    assert [(c.col, c.row_span, c.merged_from_above) for c in top[:2]] == [(0, 2, False), (1, 2, False)]
    below = table.rows[52]
    assert [(c.col, c.merged_from_above, c.text) for c in below[:2]] == [
        (0, True, top[0].text), (1, True, top[1].text)
    ]
    assert below[1].text.startswith("Tham mưu ban hành Kế hoạch kiểm tra công tác cải cách")
    merged = table.rows[11][4]
    assert (merged.col, merged.col_span) == (4, 2)
    assert merged.text.startswith("Theo phân công tại Quyết định số 1441/QĐ-UBND")
    assert table.rows[11][5].col == 6


def test_html_tasks_equal_docx_tasks(seed_html, seed_docx, lamdong_html, lamdong) -> None:
    for html, docx in ((seed_html, seed_docx), (lamdong_html, lamdong)):
        assert len(html.tasks) == len(docx.tasks) > 0
        for a, b in zip(html.tasks, docx.tasks, strict=True):
            for name in TASK_FIELDS:
                assert squash(getattr(a, name)) == squash(getattr(b, name)), (b.section, b.ordinal, name)
        assert (html.issuer, html.doc_type, html.number, html.issue_date, html.title) == (
            docx.issuer, docx.doc_type, docx.number, docx.issue_date, docx.title)
        assert html.signature.name == docx.signature.name


def test_image_inside_a_word_does_not_split_it() -> None:
    """LibreOffice writes "T<img …/>\\nỈNH": the heading must read "TỈNH LÂM ĐỒNG"."""
    left = [ln.text for ln in read(LAMDONG_HTML).lines() if ln.column == 0][:2]
    assert left == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert read(LAMDONG_HTML).lines()[2].bold
