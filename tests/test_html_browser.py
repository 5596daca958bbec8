"""Every HTML output opened in a real headless browser: rendered text, no script ran, screenshot saved."""

from __future__ import annotations

from browser import open_page
from conftest import DATA, LAMDONG_DOCX, SEED_PDF
from hostile import IMG, SCRIPT, write_hostile_plan
from typer.testing import CliRunner

from pipeline.cli import app

PERIOD_DOCX = DATA / "lamdong" / "Kế hoạch CCHC giai đoạn 2026-2030.docx"


def _no_active_content(page) -> None:
    """The payloads stayed text: no script element, no img element, nothing they would have set."""
    assert page.dom.body.get("data-pwned") is None
    assert page.dom.xpath("//script") == []
    assert page.dom.xpath("//img") == []
    assert not page.dom.xpath("//*[@onerror]")


def test_hostile_cells_render_as_text_in_show_and_diff(tmp_path):
    runner = CliRunner()
    plan = write_hostile_plan(tmp_path / "hostile.docx")
    other = write_hostile_plan(tmp_path / "hostile-v2.docx", product="Báo cáo <i>mới</i>")
    root = tmp_path / "processed"
    assert runner.invoke(app, ["ingest", str(plan), str(other), "--out", str(root)]).exit_code == 0
    from pipeline.diff.plan import documents

    doc_id = next(d["doc_id"] for d in documents(root) if d["source_file"] == "hostile.docx")
    view = tmp_path / "hostile-view.html"
    result = runner.invoke(app, ["show", doc_id[:12], "--root", str(root), "--out", str(view)])
    assert result.exit_code == 0, result.output
    page = open_page(view, tmp_path)
    _no_active_content(page)
    assert f"Rà soát văn bản {SCRIPT}" in page.text
    assert f"Sở Tư pháp chủ trì {IMG}" in page.text
    assert "Kiểm tra <b>in đậm</b> & ký tự đặc biệt" in page.text

    from_file = tmp_path / "hostile-file-view.html"
    assert runner.invoke(app, ["show", str(plan), "--out", str(from_file)]).exit_code == 0
    page = open_page(from_file, tmp_path)
    _no_active_content(page)
    assert f"Mục tiêu có thẻ {SCRIPT} trong văn bản." in page.text

    report = tmp_path / "hostile-diff.html"
    result = runner.invoke(app, ["diff", str(plan), str(other), "--out", str(report), "--root", str(root)])
    assert result.exit_code == 0, result.output
    page = open_page(report, tmp_path)
    _no_active_content(page)
    assert "Báo cáo <i>mới</i>" in page.text
    assert SCRIPT in page.text


def test_diff_report_in_browser(tmp_path):
    report = tmp_path / "diff-2026-vs-2026-2030.html"
    result = CliRunner().invoke(
        app, ["diff", str(LAMDONG_DOCX), str(PERIOD_DOCX), "--out", str(report), "--root", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    page = open_page(report, tmp_path)
    summary = page.dom.xpath("//table[@class='summary']//tr")
    cells = [[c.text_content().strip() for c in row.xpath("./td|./th")] for row in summary]
    assert cells[0][:5] == ["entity", "old", "new", "added", "removed"]
    assert cells[1][:5] == ["task", "52", "59", "7", "0"]
    assert "Hoàn thành và đưa Trung tâm IOC vào hoạt động" in page.text
    assert "Ban hành kế hoạch chậm nhất là ngày 15/4/2026 và tổ chức thực hiện" in page.text
    targets = page.dom.xpath("//h2[@id='targets']/following-sibling::table[1]//tr[td]")
    rows = [[td.text_content().strip() for td in tr.xpath("./td")] for tr in targets]
    assert ["changed", "II.6.a", ">= 80 % → >= 90 %", "Tỷ lệ hồ sơ trực tuyến toàn trình (tối thiểu 80%)", "Tỷ lệ hồ sơ trực tuyến toàn trình (tối thiểu 90%)"] in rows
    assert "Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026" in page.text
    assert page.screenshot.stat().st_size > 50_000


def test_show_seed_in_browser(tmp_path):
    view = tmp_path / "4032.html"
    result = CliRunner().invoke(app, ["show", str(SEED_PDF), "--out", str(view)])
    assert result.exit_code == 0, result.output
    page = open_page(view, tmp_path)
    rows = {
        r.xpath("./td")[1].text_content(): r.xpath("./td")[2].text_content()
        for r in page.dom.xpath("//h2[@id='parts']/following-sibling::table[1]//tr[td]")
    }
    assert rows["number [docNumber]"] == "4032/QĐ-UBND"
    assert rows["signer_name"] == "Lê Đức Vinh"
    assert "Appendix: 12 task rows" in page.text
    assert view.stat().st_size < 2_000_000
    # Entities drawn by displaCy: in appendix cells and in the parts' text (tagging stage mentions).
    agencies = [m.text_content() for m in page.dom.xpath("//table[@class='appendix']//mark")]
    assert any("Sở Kế hoạch và Đầu tư" in a for a in agencies)
    preamble = page.dom.xpath("//h3[text()='preamble']/following-sibling::div[1]//mark")
    assert any("30c/NQ-CP" in m.text_content() for m in preamble)
    bases = page.dom.xpath("//h2[@id='legal_bases']/following-sibling::table[1]//td")
    assert "30c/NQ-CP" in [td.text_content() for td in bases]
    assert "Trong Quý I/2017" in page.text


def test_show_lamdong_fits_a_laptop_window(tmp_path):
    """The Lâm Đồng plan's long spans (a 188-character DEADLINE in its appendix) wrap inside their cell:
    the normalised-values column stays on screen in a 1280-px window instead of being pushed off to the right."""
    from browser import page_width

    view = tmp_path / "lamdong.html"
    result = CliRunner().invoke(app, ["show", str(LAMDONG_DOCX), "--out", str(view)])
    assert result.exit_code == 0, result.output
    assert page_width(view, tmp_path, 1280) <= 1280
