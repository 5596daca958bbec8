"""Issue 15 item 4: each task and each tagged value (deadline, agency) says where it is on the page.

Checked against the PDF itself, not against the pipeline: the box of a task's
Nhiệm vụ cell, cropped from the page with pdfplumber, holds the task's text
(text PDFs: the seed 4032/QĐ-UBND and the Lâm Đồng 2026 plan); on the seed's
scan the box of a deadline, cut out of the page image and read again by
Tesseract, reads that deadline. DOCX has no geometry: page and boxes are null,
the table cell is still named.
"""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest
from conftest import DATA, LAMDONG_DOCX, SEED_PDF, SEED_SCAN
from rapidfuzz import fuzz

import pipeline
from pipeline.ingest import ingest
from pipeline.text.normalize import fold

LAMDONG_PDF = DATA / "lamdong" / "kh-cchc-2026.text.pdf"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("boxes")
    summary = ingest([SEED_PDF, SEED_SCAN, LAMDONG_PDF, LAMDONG_DOCX], out)
    assert summary.documents == 4
    return out


def _rows(root, name: str, source: str):
    docs = pipeline.load("documents", root=root, duplicates=True, versions=True)
    doc_id = docs.loc[docs.source_file == source, "doc_id"].iloc[0]
    frame = pipeline.load(name, root=root, duplicates=True, versions=True)
    return frame[frame.doc_id == doc_id]


def _words(text: str) -> str:
    return " ".join(fold(text).split())


def _cropped(path, page: int, box: tuple[float, float, float, float]) -> str:
    with pdfplumber.open(path) as pdf:
        return pdf.pages[page - 1].crop(box, strict=False).extract_text() or ""


@pytest.mark.parametrize("path", [SEED_PDF, LAMDONG_PDF], ids=["seed-4032", "lamdong-2026"])
def test_task_cell_box_cropped_from_the_text_pdf_holds_the_task_text(root, path) -> None:
    tasks = _rows(root, "tasks", path.name)
    table = tasks[tasks.source == "table"]
    assert len(table) >= 12 and table.x0.notna().all() and table.task_page.notna().all()
    for task in table.itertuples():
        crop = _words(_cropped(path, int(task.task_page), (task.x0, task.top, task.x1, task.bottom)))
        head = _words(task.task_text)[:40]
        assert fuzz.partial_ratio(head, crop) >= 90, (task.task_id, head, crop[:200])


def test_task_row_links_to_its_cells_in_table_cells(root) -> None:
    tasks = _rows(root, "tasks", SEED_PDF.name).sort_values("row_index")
    cells = _rows(root, "table_cells", SEED_PDF.name)
    first = tasks.iloc[0]
    row = cells[(cells.table_index == first.table_index) & (cells.row == first.table_row)]
    assert "Xây dựng cơ chế tổng hợp" in " ".join(row.text)  # the seed's task 1 (Nhiệm vụ cell)
    fields = {c["field"] for c in first.cells}
    assert {"task_text", "product_text", "deadline_text", "assignment_text"} <= fields
    deadline = next(c for c in first.cells if c["field"] == "deadline_text")
    cell = cells[(cells.table_index == deadline["table_index"]) & (cells.row == deadline["row"]) & (cells.col == deadline["col"])]
    assert cell.text.iloc[0] == "Trong năm 2017"


def test_deadline_and_agency_carry_page_cell_and_the_cells_box_on_a_text_pdf(root) -> None:
    deadlines = _rows(root, "deadlines", SEED_PDF.name)
    first = deadlines[deadlines.text == "Trong Quý I/2017"].iloc[0]
    assert first.page == 8 and first.box_source == "cell"  # the text layer keeps no word boxes: the cell's box
    crop = _words(_cropped(SEED_PDF, 8, (first.x0, first.top, first.x1, first.bottom)))
    assert _words("Trong Quý I/2017") in crop
    cells = _rows(root, "table_cells", SEED_PDF.name)
    cell = cells[(cells.table_index == first.table_index) & (cells.row == first.table_row) & (cells.col == first.table_col)]
    assert cell.text.iloc[0][first.cell_char_start : first.cell_char_end] == "Trong Quý I/2017"
    agencies = _rows(root, "assignments", SEED_PDF.name)
    lead = agencies[agencies.agency == "Sở Kế hoạch và Đầu tư"].iloc[0]
    crop = _words(_cropped(SEED_PDF, int(lead.page), (lead.x0, lead.top, lead.x1, lead.bottom)))
    assert _words(lead.mention) in crop


def _ocr_crop(path, page: int, box: tuple[float, float, float, float]) -> str:
    """The box cut out of the scanned page at 300 dpi and read by Tesseract (Vietnamese), an independent read."""
    import pypdfium2

    from pipeline.readers.tesseract import tessdata_dir

    scale = 300 / 72
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        image = pdf[page - 1].render(scale=scale).to_pil()
    finally:
        pdf.close()
    pad = 2
    crop = image.crop(tuple(int(v * scale) + d for v, d in zip(box, (-pad, -pad, pad, pad))))
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "vie", "--psm", "6", "--tessdata-dir", tessdata_dir()],
        input=_png(crop), capture_output=True, timeout=60, check=True,
    )
    return result.stdout.decode("utf-8")


def _png(image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


def test_scan_deadline_and_agency_boxes_come_from_ocr_words_and_read_back(root) -> None:
    deadlines = _rows(root, "deadlines", SEED_SCAN.name)
    assert set(deadlines.box_source) == {"words"}  # every deadline spelled by its OCR words
    first = deadlines.sort_values("row_index").iloc[1]
    cells = _rows(root, "table_cells", SEED_SCAN.name)
    cell = cells[(cells.table_index == first.table_index) & (cells.row == first.table_row) & (cells.col == first.table_col)].iloc[0]
    assert cell.x0 <= first.x0 < first.x1 <= cell.x1 and cell.top <= first.top < first.bottom <= cell.bottom
    assert (first.bottom - first.top) < (cell.bottom - cell.top)  # a sub-cell box, not the cell
    read = _words(_ocr_crop(SEED_SCAN, int(first.page), (first.x0, first.top, first.x1, first.bottom)))
    assert fuzz.ratio(read, _words(first.text)) >= 80, (read, first.text)
    agencies = _rows(root, "assignments", SEED_SCAN.name)
    lead = agencies[agencies.agency == "Sở Kế hoạch và Đầu tư"].iloc[0]
    read = _words(_ocr_crop(SEED_SCAN, int(lead.page), (lead.x0, lead.top, lead.x1, lead.bottom)))
    assert fuzz.partial_ratio(_words(lead.mention), read) >= 80, (read, lead.mention)


def test_docx_has_cells_but_no_page_or_box(root) -> None:
    tasks = _rows(root, "tasks", LAMDONG_DOCX.name)
    assert len(tasks) == 52 and tasks.table_index.notna().all()
    assert tasks.x0.isna().all() and tasks.task_page.isna().all()
    deadlines = _rows(root, "deadlines", LAMDONG_DOCX.name)
    assert deadlines.table_col.notna().all() and deadlines.x0.isna().all() and deadlines.box_source.isna().all()


def test_show_links_each_value_to_its_pdf_page_with_the_box_in_the_tooltip(root, tmp_path) -> None:
    """`pipeline show <doc_id> --sources <folder>`: page numbers open the PDF at the page (#page=N)."""
    import re
    from urllib.parse import unquote

    from typer.testing import CliRunner

    from pipeline.cli import app

    tasks = _rows(root, "tasks", SEED_PDF.name)
    view = tmp_path / "views" / "seed.html"
    args = ["show", tasks.doc_id.iloc[0][:12], "--root", str(root), "--sources", str(SEED_PDF.parent), "--out", str(view)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    page = view.read_text("utf-8")
    links = re.findall(r'<a class="page-link" href="([^"#]+)#page=(\d+)" title="([^"]+)">', page)
    assert len(links) >= 12 + 13  # every task row and every deadline at least
    targets = {(view.parent / unquote(href)).resolve() for href, _, _ in links}
    assert targets == {SEED_PDF.resolve()}
    titles = [t for _, p, t in links if p == "8" and "Nhiệm vụ cell" in t]
    assert "x0 90.7, top 152.0, x1 300.5, bottom 250.9 pt" in titles[0]  # task 1's cell, as in the tasks dataset
    assert any("continues on page 9" in t for _, p, t in links if p == "8")  # 'Văn hóa và' / 'Thể thao'
    docx = _rows(root, "tasks", LAMDONG_DOCX.name)
    plain = tmp_path / "docx.html"
    CliRunner().invoke(app, ["show", docx.doc_id.iloc[0][:12], "--root", str(root), "--out", str(plain)])
    assert 'class="page-link"' not in plain.read_text("utf-8")  # no pages, no links


def test_value_in_a_cell_continued_over_a_page_break_carries_both_fragments(root) -> None:
    """The seed's row 2 lists 'Văn hóa và' at the foot of page 8 and 'Thể thao' at the top of page 9:
    the agency carries both cells, each box cropped from the PDF holds its part."""
    agencies = _rows(root, "assignments", SEED_PDF.name)
    value = agencies[agencies.mention.str.endswith("Văn hóa và Thể thao")].iloc[0]
    assert value.spans_pages and len(value.fragments) == 2
    first, second = value.fragments
    assert (first["page"], second["page"]) == (8, 9)
    assert (value.page, value.table_row, value.cell_char_start) == (first["page"], first["table_row"], first["cell_char_start"])
    cells = _rows(root, "table_cells", SEED_PDF.name)
    for fragment, part in zip(value.fragments, ("Văn hóa và", "Thể thao")):
        cell = cells[(cells.table_index == fragment["table_index"]) & (cells.row == fragment["table_row"]) & (cells.col == fragment["table_col"])]
        assert cell.text.iloc[0][fragment["cell_char_start"] : fragment["cell_char_end"]].endswith(part)
        box = (fragment["x0"], fragment["top"], fragment["x1"], fragment["bottom"])
        assert _words(part) in _words(_cropped(SEED_PDF, fragment["page"], box))
    single = agencies[agencies.agency == "Sở Kế hoạch và Đầu tư"].iloc[0]
    assert not single.spans_pages and len(single.fragments) == 1


def test_value_found_in_a_cell_whose_text_was_closed_up_when_cleaned() -> None:
    """The Lâm Đồng 2026 scan's deadline cell reads '1441/QĐ- UBND' (a line break after the dash) where
    the cleaned field reads '1441/QĐ-UBND': the offsets point at the cell's text as written."""
    from pipeline.store.places import _cell_offsets

    raw = "Theo các mốc thời gian tại Quyết định số 1441/QĐ- UBND ngày 25/9/2025 của Chủ tịch UBND"
    cleaned = "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND"
    assert _cell_offsets(raw, cleaned, 0, len(cleaned)) == (0, len(raw))
    lo = cleaned.index("1441")
    start, end = _cell_offsets(raw, cleaned, lo, lo + len("1441/QĐ-UBND"))
    assert raw[start:end] == "1441/QĐ- UBND"
    assert _cell_offsets(raw, cleaned, lo, lo + 4) == (raw.index("1441"), raw.index("1441") + 4)
    assert _cell_offsets(raw.replace("-", "\u2013"), cleaned, lo, lo + 12)[0] == start  # an en dash read as '-'
    assert _cell_offsets(raw, cleaned.replace("1441", "1442"), lo, lo + 12) == (None, None)  # absent: no offsets


def test_show_without_sources_says_page_links_need_the_source_folder(root, tmp_path, monkeypatch) -> None:
    """`pipeline show <doc_id>` run away from the ingested folder: no page links, and a hint on stderr."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    monkeypatch.chdir(tmp_path)
    doc_id = _rows(root, "tasks", SEED_PDF.name).doc_id.iloc[0][:12]
    result = CliRunner().invoke(app, ["show", doc_id, "--root", str(root), "--out", str(tmp_path / "v.html")])
    assert result.exit_code == 0, result.output
    assert "page links need --sources DIR" in " ".join(result.stderr.split())
    assert '<a class="page-link"' not in (tmp_path / "v.html").read_text("utf-8")  # page numbers only
    linked = CliRunner().invoke(app, ["show", doc_id, "--root", str(root), "--sources", str(SEED_PDF.parent), "--out", str(tmp_path / "w.html")])
    assert linked.exit_code == 0 and "hint" not in linked.stderr
