"""Columns a researcher groups by (issue 15): plan periods, task keys, collective groups, drafts."""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import DATA, LAMDONG_TABLES

from pipeline.nlp.collectives import COLLECTIVE_GROUPS, collective_group
from pipeline.store.period import in_period, plan_period, quarter
from pipeline.store.rows import task_keys
from pipeline.store.sketch import is_draft


def test_a_five_year_plan_is_not_a_plan_of_its_first_year() -> None:
    # plan_title of the real Lâm Đồng plans and of the seed decision 4032
    assert plan_period("Kế hoạch cải cách hành chính nhà nước giai đoạn 2026 - 2030 của tỉnh Lâm Đồng") == (2026, 2030)
    assert plan_period("Kế hoạch cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng") == (2026, 2026)
    assert plan_period("Kế hoạch cải cách hành chính tỉnh Khánh Hòa năm 2017") == (2017, 2017)
    assert plan_period("Kế hoạch phòng, chống ma túy") == (None, None)


def test_a_deadline_has_its_quarter_and_whether_it_falls_in_the_plan_period() -> None:
    from datetime import date

    assert quarter(date(2026, 1, 15)) == "2026Q1" and quarter(date(2025, 12, 31)) == "2025Q4"
    assert in_period(date(2027, 1, 31), 2026, 2026) is False  # "Trước ngày 31/01 năm liền kề" in the 2026 plan
    assert in_period(date(2028, 6, 30), 2026, 2030) is True
    assert in_period(None, 2026, 2026) is None and in_period(date(2026, 1, 1), None, None) is None


def test_task_key_groups_the_product_lines_of_one_task(lamdong) -> None:
    keys = task_keys(lamdong.tasks)
    rows = json.loads(LAMDONG_TABLES.read_text("utf-8"))["tables"][-1]["rows"]
    section, truth = "", []
    for row in rows[1:]:
        if re.fullmatch(r"[IVX]+", row[0].strip()):
            section = row[0].strip()
        else:
            truth.append(f"{section}.{row[0].strip()}")
    assert (len(keys), len(set(keys))) == (52, 49)
    assert keys == truth  # VII.2, VII.3 and VII.5 span two rows each, as in the .docx
    assert keys.count("VII.2") == 2


def test_task_key_ignores_the_full_stop_of_word_numbering(lamdong) -> None:
    # Word's list numbering shows "1.", "2." where a typed TT column has "1", "2" (Lào Cai DOCX plans)
    from dataclasses import replace

    dotted = [replace(t, ordinal=f"{t.ordinal}.") if t.ordinal else t for t in lamdong.tasks]
    assert task_keys(dotted) == task_keys(lamdong.tasks)


def test_every_spelling_of_a_collective_counts_in_one_group() -> None:
    # Mentions as the tagger writes them in the Lâm Đồng plans and decision 4032.
    assert {collective_group(m) for m in ("các sở, ban, ngành", "các SỞ, ban, ngành", "các sở, ngành",
                                          "các sở, ngành liên quan",
                                          "tất cả các cơ quan chuyên môn thuộc UBND tỉnh")} == {"sở, ban, ngành"}
    assert collective_group("các sở, ban, ngành và địa phương") == "sở, ban, ngành, địa phương"
    assert collective_group("UBND các xã, phường, đặc khu") == "UBND cấp xã"
    assert collective_group("các cơ quan, đơn vị, địa phương") == "cơ quan, đơn vị, địa phương"
    assert set(map(collective_group, ["bộ, ngành Trung ương", "UBND cấp huyện"])) <= set(COLLECTIVE_GROUPS)


def test_a_draft_is_told_by_its_printed_marker_or_its_file_name() -> None:
    assert is_draft([], "Du thao KHCCHC 2026 cua tinh.docx")
    assert not is_draft([], "Tờ trình dự thảo Kế hoạch CCHC năm 2026 của tỉnh.pdf")  # a submission about a draft
    assert not is_draft([], "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx")
    assert is_draft(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "DỰ THẢO"], "kh.pdf")
    assert is_draft(["Dự thảo lần 2"], "kh.pdf") and not is_draft(["Dự thảo Kế hoạch được gửi xin ý kiến"], "kh.pdf")


def test_sketches_tell_copies_from_other_plans_and_lsh_finds_the_same_pairs(lamdong, seed_html, monkeypatch) -> None:
    """Real files: the Lâm Đồng plan's DOCX and HTML are copies; the 2026–2030 plan and decision 4032 are not."""
    from conftest import DATA, LAMDONG_DOCX, LAMDONG_HTML

    from pipeline import parse
    from pipeline.store import identity
    from pipeline.store.rows import document_row
    from pipeline.store.sketch import similarity

    period = parse(DATA / "lamdong" / "Kế hoạch CCHC giai đoạn 2026-2030.docx")
    rows = [
        document_row(lamdong, LAMDONG_DOCX.name),
        document_row(parse(LAMDONG_HTML), LAMDONG_HTML.name),
        document_row(period, "Kế hoạch CCHC giai đoạn 2026-2030.docx"),
        document_row(seed_html, "4032-QD-UBND.html"),
    ]
    final, html, five_years, seed = (r["content_sketch"] for r in rows)
    assert similarity(final, html) >= identity.COPY_SIMILARITY
    # The two plans share most of their wording (MinHash estimate ≈ 0.85): only the plan period keeps them apart.
    assert similarity(final, five_years) > identity.VERSION_SIMILARITY
    assert identity.block_of(rows[0]) != identity.block_of(rows[2])
    assert similarity(final, seed) < 0.2
    plain = identity.resolve_identity(rows)
    monkeypatch.setattr(identity, "LSH_FROM", 0)
    assert identity.resolve_identity(rows) == plain
    assert plain.duplicate_of[rows[1]["doc_id"]] == rows[0]["doc_id"]  # DOCX preferred over HTML
    assert plain.duplicate_of[rows[2]["doc_id"]] is None and plain.version_of[rows[2]["doc_id"]] is None


def test_a_roadmap_to_a_horizon_year_starts_in_its_year_of_issue() -> None:
    # "Kế hoạch thực hiện lộ trình … đến năm 2035" (Đồng Tháp 552/KH-UBND, issued 19/11/2025)
    title = "Kế hoạch THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035 TRÊN ĐỊA BÀN TỈNH ĐỒNG THÁP"
    assert plan_period(title, 2025) == (2025, 2035)
    assert plan_period(title) == (None, 2035)  # year of issue unknown: no invented start
    assert in_period(date(2030, 12, 31), *plan_period(title, 2025)) is True  # deadline "2025 - 2030"
    assert plan_period("Kế hoạch năm 2026 và định hướng đến năm 2030", 2025) == (2026, 2030)
    assert plan_period("Kế hoạch giai đoạn 2021 - 2025, tầm nhìn đến năm 2030", 2021) == (2021, 2025)


def test_a_roadmap_plan_is_partitioned_by_its_start_year() -> None:
    from pipeline import parse
    from pipeline.store.rows import document_row, partition_of

    decision = parse(DATA / "plan_title" / "dongthap_kh552_ubnd_2025.head.md")
    row = document_row(decision, "dongthap_kh552_ubnd_2025.md")
    assert (decision.plan_year, row["plan_start_year"], row["plan_end_year"]) == (2025, 2025, 2035)
    assert partition_of(decision) == ("dong-thap", 2025)


def test_an_upper_case_plan_title_keeps_its_case() -> None:
    # Đồng Tháp 552/KH-UBND and Đắk Lắk 0134/KH-UBND print their titles in capitals
    from pipeline import parse

    got = [parse(DATA / "plan_title" / name).plan_title for name in
           ("dongthap_kh552_ubnd_2025.head.md", "daklak_kh0134_ubnd_2025.head.md")]
    assert got[0].startswith("Kế hoạch THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035")
    assert got[1].startswith("Kế hoạch QUAN TRẮC, CẢNH BÁO MÔI TRƯỜNG")
