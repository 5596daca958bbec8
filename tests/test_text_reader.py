"""Plain-text and Markdown exports: the seed's Markdown export and ten web excerpts.

The seed export (``000_4c182d265d647846.txt``) carries the appendix as
tab-separated rows with HTML inside cells, the header row repeated after each
page break and the first group heading merged into the first task row without
its numeral; it must give the same tasks as the DOCX rendering of the same text.
"""

from __future__ import annotations

import pytest

from pipeline.readers import read, sniff
from pipeline.readers.text import read_text

from conftest import DATA, EXCERPTS, SEED_MD, squash

TASK_FIELDS = ("section", "section_title", "ordinal", "task_text", "product_text", "deadline_text", "assignment_text")


def test_markdown_export_gives_the_docx_tasks(seed_md, seed_docx) -> None:
    assert len(seed_md.tasks) == 12
    for a, b in zip(seed_md.tasks, seed_docx.tasks, strict=True):
        for name in TASK_FIELDS:
            assert squash(getattr(a, name)) == squash(getattr(b, name)), (b.section, b.ordinal, name)


def test_lost_section_numeral_is_inferred(seed_md) -> None:
    first = seed_md.tasks[0]
    assert (first.section, first.section_title, first.ordinal) == ("I", "CẢI CÁCH THỂ CHẾ", "1")
    assert first.task_text.startswith("Xây dựng cơ chế tổng hợp, điều phối thông nhất")
    assert [t.section for t in seed_md.tasks].count("I") == 7


def test_markdown_lines_keep_offsets_and_emphasis() -> None:
    source = SEED_MD.read_text("utf-8")
    doc = read(SEED_MD)
    assert doc.source_format == "markdown" and doc.page_count is None
    lines = doc.lines()
    assert all(line.page is None and line.bbox is None for line in lines)
    by_text = {line.text: line for line in lines}
    decision = by_text["QUYẾT ĐỊNH"]
    assert decision.bold and source[decision.offset:].startswith("**QUYẾT ĐỊNH**")
    article = next(line for line in lines if line.text.startswith("Điều 1."))
    assert not article.bold  # only "Điều 1." is bold, not the whole line
    assert source[article.offset:].startswith("**Điều 1.** Ban hành kèm theo")
    heading = by_text["II. NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN"]
    assert heading.style == "Heading 2" and heading.bold
    # Strike-through and emphasis markers are gone, the struck number is kept.
    assert any(line.text.startswith("(Ban hành kèm theo Quyết định số 4032 /QĐ-UBND") for line in lines)
    assert not any("**" in line.text or "~~" in line.text for line in lines)


def test_appendix_fragments_and_cell_offsets() -> None:
    source = SEED_MD.read_text("utf-8")
    tables = read(SEED_MD).tables()
    assert [len(t.rows) for t in tables] == [3, 6, 6, 5]
    assert all(t.n_cols == 5 and t.page is None for t in tables)
    assert [t.block for t in tables] == list(range(tables[0].block, tables[0].block + 4))
    heading_row = tables[2].rows[3]  # "<b>II CẢI CÁCH THỦ TỤC HÀNH CHÍNH</b>" over the row
    assert len(heading_row) == 1 and heading_row[0].col_span == 5
    assert heading_row[0].text == "II CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    cell = tables[0].rows[1][1]
    assert cell.text.split("\n")[0] == "CẢI CÁCH THỂ CHẾ"
    assert source[cell.offset:].startswith("<p><b>CẢI CÁCH THỂ CHẾ</b></p>")


@pytest.mark.parametrize("name", [f"{n:02d}.txt" for n in range(3, 31, 3)])
def test_excerpts_read_as_text(name: str) -> None:
    path = EXCERPTS / name
    assert sniff(path.read_bytes(), "") == "text"
    doc = read_text(path, "x")
    assert doc.source_format == "text" and doc.tables() == []
    lines = doc.lines()
    assert len(lines) >= 10
    source = path.read_text("utf-8")
    for line in lines:
        assert source[line.offset:].startswith(line.text), line


def test_pipe_separated_layout_cells_become_columns() -> None:
    lines = read(EXCERPTS / "06.txt").lines()
    assert [(ln.column, ln.text) for ln in lines[:4]] == [
        (0, "ỦY BAN NHÂN DÂN"),
        (1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (0, "Số: 1288/QĐ-UBND"),
        (1, "Khánh Hòa, ngày 26 tháng 5 năm 2014"),
    ]


def test_pipe_table_is_a_grid(tmp_path) -> None:
    """The seed's appendix header and a task row written as a GitHub pipe table."""
    rows = SEED_MD.read_text("utf-8").splitlines()
    header = next(r for r in rows if r.startswith("TT\t")).split("\t")
    text = "**Phụ lục**\n\n**NHIỆM VỤ**\n\n| " + " | ".join(header) + " |\n|" + "---|" * 5 + "\n"
    text += "| 7 | Tổ chức Hội nghị đối thoại | Các hội nghị, hội thảo | Trong năm 2017 | Các Sở |\n"
    path = tmp_path / "plan.md"
    path.write_text(text, "utf-8")
    doc = read(path)
    assert doc.source_format == "markdown"
    (table,) = doc.tables()
    assert table.n_cols == 5 and [c.text for c in table.rows[0]] == header
    assert [c.text for c in table.rows[1]][:2] == ["7", "Tổ chức Hội nghị đối thoại"]
    assert text[table.rows[1][1].offset:].startswith("Tổ chức Hội nghị")


def test_collection_notes_are_not_ingested_and_binary_suffixes_stay_strict() -> None:
    from pipeline.readers import UnsupportedInput, wanted

    from conftest import RAW

    assert not wanted(RAW / "SOURCES.md")
    assert wanted(SEED_MD) and wanted(EXCERPTS / "03.txt")
    with pytest.raises(UnsupportedInput, match="unrecognised content"):
        sniff((EXCERPTS / "03.txt").read_bytes(), ".pdf")


def test_all_excerpts_ingest_without_failure(tmp_path) -> None:
    import pandas as pd

    from pipeline.ingest import ingest

    summary = ingest([EXCERPTS], tmp_path)
    assert summary.failures == [] and summary.documents == 10
    docs = pd.read_parquet(tmp_path / "documents")
    assert sorted(docs["source_file"]) == [f"{n:02d}.txt" for n in range(3, 31, 3)]
    assert set(docs["source_format"]) == {"text"} and docs["page_count"].isna().all()


def test_text_dump_with_layout_blanks_becomes_columns() -> None:
    """A Word file's text dump (the VNI decision's transcript): header rows set with tabs/spaces."""
    path = DATA / "legacy" / "ground-truth" / "2008-23.QD-991-UBND.txt"
    source = path.read_text("utf-8")
    lines = read(path).lines()
    assert [(ln.column, ln.text) for ln in lines[:6]] == [
        (0, "ỦY BAN NHÂN DÂN"), (1, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (0, "TỈNH BÌNH PHƯỚC"), (1, "Độc lập - Tự do - Hạnh phúc"),
        (0, "Số: 991/QĐ-UBND"), (1, "Đồng Xoài, ngày 14 tháng5 năm 2008"),
    ]
    assert all(source[ln.offset:].startswith(ln.text) for ln in lines)


def test_html_table_block_inside_markdown(tmp_path, lamdong) -> None:
    """The Lâm Đồng appendix <table> (from its HTML export) pasted into a Markdown file."""
    import re

    from pipeline.structure import parse

    from conftest import LAMDONG_HTML

    table_html = re.findall(r"<table.*?</table>", LAMDONG_HTML.read_text("utf-8"), re.S)[-1]
    text = "## **PHỤ LỤC**\n\n**Nhiệm vụ cải cách hành chính năm 2026**\n\n" + table_html + "\n\nHết.\n"
    path = tmp_path / "phu-luc.md"
    path.write_text(text, "utf-8")
    doc = read(path)
    assert doc.source_format == "markdown"
    (table,) = doc.tables()
    assert (table.n_cols, len(table.rows)) == (7, 60)
    assert text[table.rows[1][0].offset:].lstrip().startswith("<tr")
    assert [ln.text for ln in doc.lines()][-1] == "Hết."
    tasks = parse(doc).tasks
    assert [(t.section, t.ordinal, squash(t.task_text)) for t in tasks] == [
        (t.section, t.ordinal, squash(t.task_text)) for t in lamdong.tasks
    ]
