"""OCR of the seed decision's image-only scan (200 dpi, ±0.5° skew, noise) against its truth.

Figures (issue 4): body text CER ≤ 0.5 % against ``body_paragraphs``; appendix
cells against the DOCX read-back: summed CER ≤ 1 %, and the share of cells
exact after whitespace folding. The gold header and 12 tasks are checked in
test_seed_decision.py on the same OCR'd document (fixture ``seed_scan``).
"""

from __future__ import annotations

import json

from pipeline.eval.ocr import TASK_FIELDS_5, reading_order, task_cells, text_cer
from pipeline.readers import raster
from pipeline.readers.scan_tables import erase_rules, find_grids, rule_masks

from conftest import SEED_SCAN, SEED_TABLES, SEED_TRUTH, squash


def test_every_page_is_ocrd_with_its_reason_and_confidence(seed_scan) -> None:
    pages = seed_scan.document.pages
    assert [p.source_kind for p in pages] == ["ocr"] * 11
    for page in pages:
        assert (page.warnings[0].code, page.warnings[0].field) == ("triage_no_text_layer", "text")
        assert page.ocr_confidence is not None and page.ocr_confidence > 90
        assert page.words and all(0 <= w.confidence <= 100 for w in page.words)
    # Landscape appendix pages stay landscape, in PDF points.
    assert (round(pages[0].width), round(pages[0].height)) == (595, 842)
    assert (round(pages[7].width), round(pages[7].height)) == (842, 595)
    assert [len(p.tables) for p in pages] == [0] * 7 + [1] * 4

def test_body_text_cer(seed_scan) -> None:
    truth = json.loads(SEED_TRUTH.read_text("utf-8"))["body_paragraphs"]
    lines = [ln for page in seed_scan.document.pages for ln in reading_order(page.lines)]
    score = text_cer(lines, truth)
    assert score.chars == 13542
    assert score.cer <= 0.0025, (score.edits, score.chars)  # issue 13: ≤ 0.25 % (24 edits when measured)

def test_appendix_cells(seed_scan) -> None:
    rows = json.loads(SEED_TABLES.read_text("utf-8"))["tables"][0]["rows"][1:]
    score = task_cells(seed_scan.tasks, rows, TASK_FIELDS_5)
    assert score.total == 62
    assert score.cer <= 0.01, (score.edits, score.chars)
    # issue 13: ≥ 95 % exact (59 when measured; two of the three left are typos
    # of the source the tone repair corrects: "thông nhất", "tin dụng")
    assert score.exact_share >= 0.95, score.exact


def test_en_dash_and_hyphen_told_by_width(seed_scan) -> None:
    # The decision writes periods both ways; Tesseract read every en dash as
    # "-", "—" or "—-". Their printed width tells them apart (ocr_dashes).
    body = squash(" ".join(ln.text for page in seed_scan.document.pages for ln in page.lines))
    assert "giai đoạn 2016 – 2020, trên" in body
    assert "giai đoạn 2011 - 2020;" in body
    assert "Lao động – Thương binh" in body
    assert any("hai năm 2015 – 2016." in squash(t.task_text) for t in seed_scan.tasks)

def test_gold_tasks_from_the_scan(seed_scan, gold: dict) -> None:
    """The 12 gold tasks with their sections, ordinals, section titles and text, as from the text PDF.

    Tesseract reads the bold heading "I CẢI CÁCH THỂ CHẾ" as "THẾ CHẾ"; the
    tone repair (pipeline.text.spelling) restores it from the word list.
    """
    tasks = seed_scan.tasks
    assert len(tasks) == len(gold["tasks"]) == 12
    for task, want in zip(tasks, gold["tasks"]):
        label = f"{want['section']}.{want['ordinal']}"
        assert (task.section, task.ordinal) == (want["section"], want["ordinal"]), label
        assert task.section_title == want["section_title"], label
        assert squash(task.task_text).startswith(squash(want["task_prefix"])), label
        assert squash(task.product_text).startswith(squash(want["product_prefix"])), label
        if "task_suffix" in want:
            assert squash(task.task_text).endswith(squash(want["task_suffix"])), label
    pages = {f"{t.section}.{t.ordinal}": (t.page_start, t.page_end) for t in tasks}
    assert (pages["I.3"], pages["I.6"], pages["II.4"]) == ((8, 9), (9, 10), (10, 11))

def test_deskew_and_grid_of_an_appendix_page() -> None:
    """Page 8 was turned +0.18° when the scan was made; its grid is 5 columns wide."""
    gray = raster.render(SEED_SCAN, 8)
    angle = raster.skew_angle(gray)
    assert abs(angle + 0.18) <= 0.06
    level = raster.rotate(gray, angle)
    grids, rules = find_grids(level, raster.DPI)
    assert len(grids) == 1
    cells = grids[0].cells
    header = [c for c in cells if c[1] == cells[0][1]]
    assert len(header) == 5
    # The section row "I CẢI CÁCH THỂ CHẾ" is one cell across the whole width.
    assert any(c[0] == grids[0].bbox[0] and c[2] == grids[0].bbox[2] for c in cells)
    # Rules erased, no long stroke is left for Tesseract to read as "|" or "_".
    horizontal, vertical = rule_masks(erase_rules(level, rules), raster.DPI)
    assert int(horizontal.astype(bool).sum() + vertical.astype(bool).sum()) < 500

def test_cell_boxes_are_pdf_points_inside_the_page(seed_scan) -> None:
    page = seed_scan.document.pages[7]
    table = page.tables[0]
    for row in table.rows:
        for cell in row:
            x0, top, x1, bottom = cell.bbox
            assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height
            assert cell.page == 8
