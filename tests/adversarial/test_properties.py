"""Property-based tests (hypothesis): the header, citation, appendix and deadline parsers never raise.

Inputs are generated Vietnamese text (fragments of Decree 30/2020 headers,
legal citations, appendix rows and deadline phrases, glued with random
separators and noise) and real text from the seed decision mutated by random
cuts, duplications and insertions. 2,000 examples per parser; each must return
normally with values of the documented shapes. A 1 MB repetitive text must
be parsed in linear time (the old regexes took quadratic time).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model import Cell, Decision, Document, Line, Page, Table
from pipeline.nlp.deadlines import parse_deadlines
from pipeline.structure.appendix import parse_appendix
from pipeline.structure.tables import build
from pipeline.structure.citations import parse_citations
from pipeline.structure.header import parse_header
from pipeline.structure.targets import parse_targets

SEED = (Path(__file__).resolve().parent.parent / "data" / "seed_4032" / "000_4c182d265d647846.txt").read_text("utf-8")
EXAMPLES = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 2000)), deadline=None, suppress_health_check=list(HealthCheck), database=None)

FRAGMENTS = [
    "ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Số:", "Số: 4032/QĐ-UBND", "123/KH-UBND", "/QĐ-", "Khánh Hòa, ngày 05 tháng 01 năm 2026", "ngày", "tháng", "năm",
    "QUYẾT ĐỊNH", "KẾ HOẠCH", "Về việc", "V/v", "Căn cứ", "Luật Tổ chức chính quyền địa phương", "Nghị quyết số",
    "30c/NQ-CP", "ngày 08/11/2011", "của Chính phủ", "tại Tờ trình số 1133/TTr-SNV", "Điều 1.", "Điều", "Chương I",
    "I.", "II.", "1.", "a)", "-", "+", "TT", "Nhiệm vụ", "Sản phẩm", "Tiến độ", "Cơ quan chủ trì", "Phối hợp",
    "Quý I/2026", "Quý IV", "6 tháng đầu năm", "giai đoạn 2016 - 2020", "2011 - 2008", "năm 2026", "Thường xuyên",
    "trước ngày 31/12/2026", "hằng năm", "tối thiểu 50%", "đạt trên 90 %", "Sở Nội vụ", "UBND các huyện", "CHỦ TỊCH",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "Nơi nhận:", "Lưu: VT.", "(", ")", ";", ",", ".", ":", "/", "\t",
    "\n", "  ", "31/02/2026", "99/99/9999", "số", "QĐ", "Hòa", "Hoà", "Ủy", "Uỷ", "\u0301", "\u0323", "\x00", "\ufffd",
    "0", "9" * 30, "Quý V/2026", "từ năm 2020 đến năm 2019", "năm 1900 - 2099",
]

generated = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), min_size=0, max_size=60
).map(lambda parts: " ".join(parts))


@st.composite
def mutated(draw: st.DrawFn, longest: int = 3000) -> str:
    """A slice of the seed decision (up to ``longest`` characters) with random cuts, duplications and insertions."""
    start = draw(st.integers(0, len(SEED) - 1))
    text = SEED[start : start + draw(st.integers(0, longest))]
    for _ in range(draw(st.integers(0, 6))):
        if not text:
            break
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 200)))
        op = draw(st.sampled_from(["cut", "dup", "insert"]))
        if op == "cut":
            text = text[:a] + text[b:]
        elif op == "dup":
            text = text[:b] + text[a:b] * draw(st.integers(1, 5)) + text[b:]
        else:
            text = text[:a] + draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20))) + text[a:]
    return text


vietnamese = st.one_of(generated, mutated())
@EXAMPLES
@given(vietnamese)
def test_citation_parser_never_raises(text: str) -> None:
    for citation in parse_citations(text):
        assert 0 <= citation.start <= citation.end <= len(text)
        assert citation.text == text[citation.start : citation.end]


@EXAMPLES
@given(vietnamese, st.one_of(st.none(), st.integers(1990, 2040)))
def test_deadline_parser_never_raises(text: str, plan_year: int | None) -> None:
    for deadline in parse_deadlines(text, plan_year):
        assert 0 <= deadline.start_char <= deadline.end_char <= len(text)
        if deadline.start and deadline.end:
            assert deadline.start <= deadline.end, deadline  # never an inverted range


@EXAMPLES
@given(vietnamese)
def test_header_parser_never_raises(text: str) -> None:
    lines = [Line(text=t, block=i) for i, t in enumerate(text.split("\n")) if t.strip()]
    page = Page(number=1, lines=lines)
    decision = Decision(document=Document(doc_id="x", source_file="x.txt", source_format="text", pages=[page], paged=False))
    end = parse_header(lines, decision)
    assert 0 <= end <= len(lines)


@EXAMPLES
@given(vietnamese, st.sampled_from([";", ",", "\t", " "]), st.booleans())
def test_appendix_parser_never_raises(text: str, separator: str, with_header: bool) -> None:
    rows = [line.split(separator)[:8] for line in text.split("\n")[:16]]
    if with_header:
        rows = [["TT", "Nhiệm vụ", "Sản phẩm", "Tiến độ", "Cơ quan chủ trì"], *rows]
    width = max((len(r) for r in rows), default=1)
    cells = [[Cell(text=t, row=r, col=c) for c, t in enumerate(row + [""] * (width - len(row)))] for r, row in enumerate(rows)]
    tasks = parse_appendix([build(0, [Table(rows=cells, n_cols=width)])] if cells else [])
    assert isinstance(tasks, list)


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 01/01/2020 của UBND tỉnh về việc ban hành kế hoạch ",
        "Luật Tổ chức chính quyền địa phương ",
        "số 4011/UBND-VX2 ",
        "Giám đốc Sở Nội vụ tại Tờ trình số 1133/TTr-SNV ",
        "Tỷ lệ hồ sơ đạt tối thiểu 50% ",
    ],
)
def test_a_1mb_repetitive_text_is_parsed_in_linear_time(unit: str) -> None:
    def seconds(size: int) -> float:
        """CPU seconds (not wall time: other processes on a busy machine do not count)."""
        text = (unit * (size // len(unit) + 1))[:size]
        started = time.process_time()
        parse_citations(text)
        parse_targets(text)
        return time.process_time() - started

    small, large = seconds(250_000), seconds(1_000_000)
    assert large < 5.0, f"1 MB took {large:.1f} s"
    assert large < 8 * max(small, 0.05), f"4× the text took {large / small:.1f}× the time (quadratic?)"
