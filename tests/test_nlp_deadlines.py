"""Deadline grammar on real phrasings from the corpus (DESIGN.md §4).

Sources: S = seed 4032/QĐ-UBND appendix (Khánh Hòa 2017, plan year 2017);
L = Kế hoạch CCHC 2026 Lâm Đồng, D = its draft, G = Kế hoạch CCHC giai đoạn
2026-2030 (plan year 2026); E = corpus excerpts (body text); T = Kế hoạch
552/KH-UBND Đồng Tháp 2025 task table; Q = Quyết định 893/QĐ-TTg 2026 task
table; design = the examples of DESIGN.md §4.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.nlp.deadlines import parse_deadlines

N = None
CASES = [
    # (source, plan year, cell text, [(kind, start, end, recurrence), ...])
    ("S", 2017, "Trong năm 2017", [("year", "2017-01-01", "2017-12-31", N)]),
    ("S", 2017, "Trong Quý I/2017", [("quarter", "2017-01-01", "2017-03-31", N)]),
    ("S", 2017, "Năm 2017", [("year", "2017-01-01", "2017-12-31", N)]),
    ("S", 2017, "Quý II/2017 Theo tiến độ Đề án", [("quarter", "2017-04-01", "2017-06-30", N), ("per_schedule", N, N, N)]),
    ("S", 2017, "Việc chuẩn hóa, cập nhật cơ sở dữ liệu thực hiện thời theo tiến trình và kết quả đơn giản hóa", [("per_schedule", N, N, N)]),
    ("S", 2017, "chậm nhất trong Quý I năm 2017", [("quarter", "2017-01-01", "2017-03-31", N)]),
    ("L", 2026, "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ cơ sở dữ liệu quốc gia về pháp luật", [("per_schedule", N, N, N)]),
    ("L", 2026, "Trước ngày 31/01 năm liền kề", [("relative", N, "2027-01-31", "annual")]),
    ("L", 2026, "Thường xuyên trong năm", [("ongoing", "2026-01-01", "2026-12-31", N)]),
    ("L", 2026, "Trong năm 2026", [("year", "2026-01-01", "2026-12-31", N)]),
    ("L", 2026, "Theo Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2026 của tỉnh", [("per_schedule", N, N, N)]),
    ("L", 2026, "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", [("per_schedule", N, N, N)]),
    ("L", 2026, "Theo các mốc thời gian tại Phương án số 7178/PA-UBND ngày 14/11/2025 của UBND tỉnh", [("per_schedule", N, N, N)]),
    ("L", 2026, "Theo các mốc thời gian tại Quyết định số 1737/QĐ-UBND ngày 17/10/2025 của Chủ tịch UBND tỉnh", [("per_schedule", N, N, N)]),
    ("L", 2026, "Định kỳ hằng tháng", [("recurring", N, N, "monthly")]),
    ("L", 2026, "Sau 03 tháng kể từ khi có văn bản của Trung ương hoặc Quyết định liên quan của cơ quan có thẩm quyền", [("relative", N, N, N)]),
    ("L", 2026, "Theo kế hoạch của tỉnh", [("per_schedule", N, N, N)]),
    ("L", 2026, "Theo hướng dẫn của Trung ương", [("per_schedule", N, N, N)]),
    ("L", 2026, "Ban hành kế hoạch chậm nhất là ngày 31/12/2025 và tổ chức mở lớp theo kế hoạch đề ra.", [("date", N, "2025-12-31", N), ("per_schedule", N, N, N)]),
    ("L", 2026, "Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện", [("month", "2026-01-01", "2026-01-31", N)]),
    ("L", 2026, "Thực hiện thường xuyên khi có yêu cầu của bộ, ngành Trung ương.", [("ongoing", N, N, N)]),
    ("L", 2026, "Báo cáo định kỳ theo thời gian quy định; thực hiện thường xuyên trong năm", [("recurring", N, N, N), ("ongoing", "2026-01-01", "2026-12-31", N)]),
    ("L", 2026, "Thực hiện thường xuyên trong năm", [("ongoing", "2026-01-01", "2026-12-31", N)]),
    ("L", 2026, "Ban hành kế hoạch chậm nhất là ngày 15/01/2026 và tổ chức thực hiện", [("date", N, "2026-01-15", N)]),
    ("L", 2026, "Ban hành kế hoạch trong tháng 01/2026, tổ chức kiểm tra chậm nhất trong tháng 6/2026 và báo cáo kết quả khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra chậm nhất trong tháng 8/2026",
     [("month", "2026-01-01", "2026-01-31", N), ("month", "2026-06-01", "2026-06-30", N), ("month", "2026-08-01", "2026-08-31", N)]),
    ("L", 2026, "Triển khai thực hiện sáng kiến, mô hình, giải pháp và báo cáo kết quả thực hiện chậm nhất trong tháng 9/2026", [("month", "2026-09-01", "2026-09-30", N)]),
    ("L", 2026, "Thường xuyên trong tháng", [("ongoing", N, N, N)]),
    ("L", 2026, "Trước ngày 05 của tháng liền kề", [("relative", N, N, "monthly")]),
    ("D", 2026, "Trong quý I năm 2026", [("quarter", "2026-01-01", "2026-03-31", N)]),
    ("D", 2026, "Ban hành kế hoạch chậm nhất là ngày 15/4/2026 và tổ chức thực hiện", [("date", N, "2026-04-15", N)]),
    ("G", 2026, "Hằng năm", [("recurring", N, N, "annual")]),
    ("G", 2026, "Năm 2026", [("year", "2026-01-01", "2026-12-31", N)]),
    ("G", 2026, "Hằng năm và giai đoạn", [("recurring", N, N, "annual"), ("multi_year", N, N, N)]),
    ("G", 2026, "Bắt đầu thực hiện từ năm 2026", [("ongoing", "2026-01-01", N, N)]),
    ("G", 2026, "Báo cáo định kỳ theo thời gian quy định; thực hiện hằng năm", [("recurring", N, N, N), ("recurring", N, N, "annual")]),
    ("G", 2026, "Theo Kế hoạch rà soát, đánh giá thủ tục hành chính hằng năm của tỉnh", [("per_schedule", N, N, N)]),
    ("G", 2026, "Ban hành kế hoạch trong tháng 01 hằng năm và tổ chức thực hiện", [("recurring", N, N, "annual")]),
    ("G", 2026, "Ban hành kế hoạch trong tháng 01 hằng năm; tổ chức kiểm tra chậm nhất trong tháng 6 hằng năm và báo cáo kết quả khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra chậm nhất trong tháng 8 hằng năm",
     [("recurring", N, N, "annual"), ("recurring", N, N, "annual"), ("recurring", N, N, "annual")]),
    ("G", 2026, "Ban hành kế hoạch chậm nhất là ngày 31/12 năm trước liền kề và tổ chức mở lớp theo kế hoạch đề ra.", [("relative", N, "2025-12-31", "annual"), ("per_schedule", N, N, N)]),
    ("G", 2026, "Triển khai thực hiện sáng kiến, mô hình, giải pháp và báo cáo kết quả thực hiện chậm nhất trong tháng 9 hằng năm", [("recurring", N, N, "annual")]),
    ("E", 2016, "giai đoạn 2011-2020", [("multi_year", "2011-01-01", "2020-12-31", N)]),
    ("E", 2016, "từ năm 2009 đến năm 2012", [("multi_year", "2009-01-01", "2012-12-31", N)]),
    ("E", 2016, "từ năm 2013 đến 2016", [("multi_year", "2013-01-01", "2016-12-31", N)]),
    ("E", 2016, "giai đoạn 2011- 2020", [("multi_year", "2011-01-01", "2020-12-31", N)]),
    ("E", 2016, "tháng 5 năm 2016", [("month", "2016-05-01", "2016-05-31", N)]),
    ("E", 2016, "từ ngày 25/08/2015", [("date", "2015-08-25", N, N)]),
    ("E", 2016, "ngày 27 tháng 12 năm 2016", [("date", "2016-12-27", "2016-12-27", N)]),
    ("E", 2016, "thực hiện theo quy định.", [("per_schedule", N, N, N)]),
    ("T", 2025, "2026", [("year", "2026-01-01", "2026-12-31", N)]),
    ("Q", 2026, "2026 - 2027", [("multi_year", "2026-01-01", "2027-12-31", N)]),
    ("Q", 2026, "2026 - 2035", [("multi_year", "2026-01-01", "2035-12-31", N)]),
    ("design", 2017, "Tháng 6/2017", [("month", "2017-06-01", "2017-06-30", N)]),
    ("design", 2017, "6 tháng đầu năm 2017", [("half_year", "2017-01-01", "2017-06-30", N)]),
    ("design", 2017, "trước ngày 30/6/2017", [("date", N, "2017-06-30", N)]),
    ("design", 2017, "Định kỳ hằng quý", [("recurring", N, N, "quarterly")]),
    ("design", 2026, "Giai đoạn 2026-2030", [("multi_year", "2026-01-01", "2030-12-31", N)]),
]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def test_table_has_forty_real_phrasings() -> None:
    assert len([c for c in CASES if c[0] != "design"]) >= 40


@pytest.mark.parametrize(("source", "year", "text", "expected"), CASES, ids=[c[2][:40] for c in CASES])
def test_deadline_phrasing(source: str, year: int, text: str, expected: list[tuple]) -> None:
    got = [(d.kind, _iso(d.start), _iso(d.end), d.recurrence) for d in parse_deadlines(text, year)]
    assert got == expected


def test_offsets_index_the_cell() -> None:
    text = "Quý II/2017 Theo tiến độ Đề án"
    for d in parse_deadlines(text, 2017):
        assert text[d.start_char : d.end_char] == d.text
    assert [d.text for d in parse_deadlines(text, 2017)] == ["Quý II/2017", "Theo tiến độ Đề án"]


def test_relative_phrase_says_how_it_was_resolved() -> None:
    (d,) = parse_deadlines("Trước ngày 31/01 năm liền kề", 2026)
    assert d.end == date(2027, 1, 31) and "2026" in (d.note or "")


def test_year_less_month_uses_plan_year_with_note() -> None:
    (d,) = parse_deadlines("trong tháng 02", 2026)
    assert (d.kind, d.start, d.end) == ("month", date(2026, 2, 1), date(2026, 2, 28))
    assert "plan year 2026" in (d.note or "")


def test_citation_dates_inside_schedule_references_are_not_deadlines() -> None:
    kinds = [d.kind for d in parse_deadlines("Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025", 2026)]
    assert kinds == ["per_schedule"]


def test_bare_year_cell_is_a_year() -> None:
    """A cell that is only a year ("2026", Đồng Tháp 552/KH-UBND, 893/QĐ-TTg) is kind ``year``; with
    "và hằng năm" the year and the annual recurrence are both kept."""
    got = [(d.text, d.kind, _iso(d.start), _iso(d.end), d.recurrence) for d in parse_deadlines("2026 và hằng năm", 2025)]
    assert got == [("2026", "year", "2026-01-01", "2026-12-31", N), ("hằng năm", "recurring", N, N, "annual")]
    got = [(d.kind, _iso(d.start)) for d in parse_deadlines("Năm 2026 và các năm tiếp theo", 2025)]
    assert got[0] == ("year", "2026-01-01")


def test_bare_year_not_read_inside_citation_or_sentence() -> None:
    """Years of a cited number ("18/2026/NQ-CP") or in running text are not bare-year deadlines."""
    assert parse_deadlines("Nghị quyết số 18/2026/NQ-CP", 2026) == []
    assert [d.kind for d in parse_deadlines("Tổng kết Đề án 2026 của tỉnh", 2026)] == []
