"""Task tables in the layouts real plans come in (issue 11), one test per kind of problem.

Inputs in tests/data/tables/ are dev-corpus files or page excerpts of them
(/work/shared/corpus/dev); expected values are the corpus's hand-read cells.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import readers
from pipeline.model import Task
from pipeline.structure import parse
from pipeline.structure.appendix import check_ordinals

from conftest import squash

TABLES = Path(__file__).resolve().parent / "data" / "tables"


@pytest.fixture(scope="module")
def nq100():
    """Nghị quyết 100/NQ-CP (Công báo), appendix pages 9–11: white boxes behind every text line."""
    return parse(readers.read(TABLES / "nq100_cp_2026_pp9-11.pdf"))


def test_white_background_boxes_do_not_split_rows(nq100) -> None:
    """Each text line sits on a white filled box; only the visible rules make the grid."""
    first = [t for t in nq100.tasks if t.section == "I"]
    assert [t.ordinal for t in first] == ["1.", "2.", "3.", "4."]
    four = first[3]
    assert squash(four.lead_text) == "Bộ Ngoại giao"
    assert squash(four.product_text) == "Chương trình, kế hoạch, Đề án, báo cáo"
    assert squash(four.deadline_text) == "Thực hiện thường xuyên."
    # the task text runs onto the next page, whose first row has no TT: joined
    assert squash(four.task_text).endswith("tranh thủ nguồn lực viện trợ phi chính phủ nước ngoài.")
    assert four.page_end == four.page_start + 1


def test_roman_section_rows_and_header_synonyms(nq100) -> None:
    """'Tên nhiệm vụ' / 'Kết quả/Đánh giá' / 'Thời hạn hoàn thành' map by meaning; 'II.' opens a section."""
    row = next(t for t in nq100.tasks if t.section == "II" and t.ordinal == "2.")
    assert row.section_title.startswith("Đẩy mạnh cải cách, hoàn thiện")
    assert squash(row.coordinate_text) == "Bộ Tư pháp, các Bộ, ngành, địa phương liên quan"
    assert squash(row.product_text) == "Nghị định được ban hành"
    assert squash(row.deadline_text) == "Năm 2026"
    assert all(t.source == "table" for t in nq100.tasks)


def test_header_alone_on_a_page_and_caps_section_without_numeral() -> None:
    """Nghị quyết 23/NQ-CP Phụ lục III: header and a bare 'NGHỊ ĐỊNH' row on p16, rows on p17;
    the 'Điều, khoản, điểm cần sửa đổi' column is the product, 'Cơ quan chủ trì soạn thảo' the lead."""
    tasks = parse(readers.read(TABLES / "nq23_cp_2026_pp16-17.pdf")).tasks
    assert [t.ordinal for t in tasks] == ["1", "2"]
    assert tasks[0].section_title == "NGHỊ ĐỊNH"
    assert tasks[0].task_text == "Nghị định số 125/2024/NĐ-CP"
    assert squash(tasks[1].lead_text) == "Bộ Giáo dục và Đào tạo"
    assert tasks[1].product_text.startswith("Sửa đổi, bổ sung điểm c khoản 2 Điều 9")


def test_word_auto_numbered_ordinals() -> None:
    """Sở Công Thương Lào Cai plan: the TT cells are empty list paragraphs Word numbers '1.'–'9.'."""
    tasks = parse(readers.read(TABLES / "laocai_kh3024_sct_2026.docx")).tasks
    assert [t.ordinal for t in tasks] == [f"{n}." for n in range(1, 10)]
    assert tasks[8].task_text == "Trình ký chứng chỉ"
    assert squash(tasks[8].assignment_text) == "Đỗ Mạnh Cường"


def test_markdown_table_flattened_to_bar_lines() -> None:
    """thuvienphapluat page as Markdown: cells between '|' lines. Procedure steps 'Bước 1'–'Bước 6'
    are tasks; the 'Tổng thời gian giải quyết' total row and the TTHC list table are not."""
    tasks = parse(readers.read(TABLES / "vinhlong_qd2682_ubnd_2025.md")).tasks
    assert [t.ordinal for t in tasks] == [f"Bước {n}" for n in range(1, 7)]
    last = tasks[-1]
    assert squash(last.task_text) == (
        "Tiếp nhận kết quả từ Văn thư lưu kho dữ liệu; trả kết quả giải quyết TTHC cho tổ chức/cá nhân"
    )
    assert squash(last.assignment_text) == "Trung tâm Phục vụ hành chính công cấp xã"
    assert squash(last.deadline_text) == "0,25 ngày làm việc"


def test_ordinal_out_of_sequence_is_repaired_with_a_warning() -> None:
    """An OCR'd TT '3' between '8' and '10' is 9; the printed value is kept."""
    tasks = [Task(row_index=i, section="I", section_title=None, ordinal=o, task_text=f"việc {i}")
             for i, o in enumerate(["7", "8", "3", "10"])]
    warnings = check_ordinals(tasks)
    assert [t.ordinal for t in tasks] == ["7", "8", "9", "10"]
    assert tasks[2].ordinal_as_read == "3"
    assert [(w.code, w.field) for w in warnings] == [("task_ordinal_repaired", "ordinal")]
    assert warnings[0].detail == "task ordinal '3' out of sequence between 8 and 10: read as '9'"


def test_task_column_registry_matches_the_record_and_schema() -> None:
    """Issue 11 item 5: every registry column is a Task attribute and a tasks column, in order."""
    from dataclasses import fields

    from pipeline.model.task_columns import TASK_COLUMNS
    from pipeline.store.schema import TASKS
    from pipeline.structure import patterns as P

    attrs = {f.name for f in fields(Task)}
    assert all(c.attr in attrs for c in TASK_COLUMNS)
    names = TASKS.names
    positions = [names.index(c.attr) for c in TASK_COLUMNS]
    assert positions == sorted(positions)
    assert {name for name, _ in P.COLUMN_HEADERS} == {c.field for c in TASK_COLUMNS}


def test_every_registry_column_reaches_rows_tags_diff_and_views() -> None:
    """Issue 11 item 5: a column is one registry entry. For each registry column in turn, a task
    holding only that cell (beside its task text) keeps it in the tasks rows, the schema, the plan
    diff (a change on it when it differs) and the HTML views (its label shown): no consumer lists
    the columns by hand, so a new entry (kinh_phi was the first) reaches all of them."""
    from pipeline.diff.compare import diff_plans
    from pipeline.diff.plan import Plan
    from pipeline.diff.report import html
    from pipeline.diff.tasks import compare_tasks
    from pipeline.model import Decision, Document
    from pipeline.model.task_columns import TASK_COLUMNS
    from pipeline.nlp.tag import TASK_FIELDS
    from pipeline.store.rows import document_row, task_rows
    from pipeline.store.schema import TASKS
    from pipeline.views.document import task_views

    assert TASK_FIELDS == tuple(c.attr for c in TASK_COLUMNS if c.tag)
    for column in TASK_COLUMNS[1:]:
        plans = []
        for value in ("Quý II năm 2026", "Quý IV năm 2027"):
            task = Task(row_index=0, section="I", section_title=None, ordinal="1", task_text="Rà soát thủ tục")
            setattr(task, column.attr, value if column.field != "task" else f"Rà soát {value}")
            decision = Decision(document=Document(doc_id=f"d{len(plans)}", source_file="x.pdf", source_format="pdf", pages=[]))
            decision.tasks = [task]
            (row,) = task_rows(decision)
            assert row[column.attr] == getattr(task, column.attr) and column.attr in TASKS.names
            plans.append(Plan(document=document_row(decision, "x.pdf"), rows={"tasks": [row]}, available={"tasks"}))
        a, b = plans[0].get("tasks")[0], plans[1].get("tasks")[0]
        changes = compare_tasks(plans[0], plans[1], a, b, 1.0)
        assert {c.field for c in changes} & {column.attr, column.field, column.role}, column.attr
        (view,) = task_views(plans[1])
        assert column.label in [label for label, _ in view["cells"]], column.attr
        report = html(diff_plans(plans[0], plans[1], force=True))
        assert f"<dt>{column.label}</dt><dd>{getattr(task, column.attr)}</dd>" in report, column.attr


def test_footnote_digits_glued_to_cells_are_dropped() -> None:
    """Nghị quyết 97/NQ-CP p3: the superscript '1' after 'Nghị quyết số 66-NQ/TW' (text layer:
    '66- NQ/TW1') is no part of the 'Căn cứ bổ sung' cell; the line-end hyphen is rejoined."""
    tasks = parse(readers.read(TABLES / "nq97_cp_2026_p3.pdf")).tasks
    assert [t.ordinal for t in tasks] == ["1", "2", "3"]
    assert tasks[0].note_text == "Nghị quyết số 66-NQ/TW"
    assert tasks[2].note_text == "Nghị quyết số 66-NQ/TW, Nghị quyết số 140/NQ-CP"
    assert squash(tasks[0].coordinate_text) == "Bộ Nội vụ"


def test_nested_group_row_is_a_section() -> None:
    """Quyết định 982/QĐ-TTg: '1. Rà soát, hoàn thiện thể chế' merged over the row heads 1.1–1.7."""
    tasks = parse(readers.read(TABLES / "qd982_ttg_2026_pp13-14.pdf")).tasks
    group = [t for t in tasks if t.section == "1"]
    assert [t.ordinal for t in group] == [f"1.{n}" for n in range(1, 8)]
    assert {t.section_title for t in group} == {"Rà soát, hoàn thiện thể chế"}
    assert all(t.ordinal != "1." for t in tasks)


def test_several_tables_take_the_heading_above_them() -> None:
    """Lào Cai procedures: three step tables with the same steps under 'I.', 'II.', 'III.' headings;
    the 'Tổng thời gian giải quyết' total rows are no tasks."""
    tasks = parse(readers.read(TABLES / "laocai_quytrinh_tthc_hhnh_phuluc_2026.docx")).tasks
    assert len(tasks) == 33
    assert [t.section for t in tasks[::11]] == ["I", "II", "III"]
    assert tasks[0].ordinal == "Bước 1" and tasks[10].ordinal == "Bước 11"
    assert not any((t.task_text or "").startswith("Tổng thời gian") for t in tasks)


def test_tasks_written_as_prose() -> None:
    """Lai Châu plan: items followed by '- Cơ quan chủ trì: …', '- Cơ quan phối hợp: …',
    '- Thời gian thực hiện: …' become tasks with source 'prose'; lettered points under 3.1 → '3.1.a'."""
    tasks = parse(readers.read(TABLES / "laichau_kh7360_ubnd_2025.md")).tasks
    assert tasks and all(t.source == "prose" for t in tasks)
    point = next(t for t in tasks if t.ordinal == "3.1.b")
    assert point.task_text == "Nghị định quy định về điều kiện kinh doanh dịch vụ và đánh giá sự phù hợp."
    assert point.lead_text == "Sở Khoa học và Công nghệ."
    assert point.coordinate_text == "Các sở, ngành có liên quan và UBND các xã, phường."
    four = next(t for t in tasks if t.ordinal == "4")
    assert four.deadline_text == "Năm 2026 và các năm tiếp theo."


def test_prose_task_named_by_its_heading_rest_kept_as_note() -> None:
    """Lai Châu plan: item 2's heading is the task; its '- Nội dung: …' line is kept in note_text.
    Item 6 gives only 'Thời gian thực hiện sau khi …' (no colon, no agency) among items that name
    their agencies: still a task, with that time."""
    tasks = {t.ordinal: t for t in parse(readers.read(TABLES / "laichau_kh7360_ubnd_2025.md")).tasks}
    assert tasks["2"].task_text == "Rà soát văn bản quy phạm pháp luật"
    assert (tasks["2"].note_text or "").startswith("Rà soát các văn bản quy phạm pháp luật có liên quan đến Luật")
    assert tasks["6"].task_text == "Tổ chức triển khai thực hiện Chiến lược tiêu chuẩn quốc gia"
    assert tasks["6"].deadline_text == "sau khi Chiến lược tiêu chuẩn quốc gia được ban hành."
    assert tasks["6"].lead_text is None


def test_prose_task_text_is_the_first_sentence_of_its_first_paragraph() -> None:
    """OCR'd Hồ Chí Minh plan (lines and boxes as read from its page 3–4): an item's later sentence
    and its indented second paragraph are the task's note, not its name; 'TP.' ends no sentence."""
    from pipeline.model import Line
    from pipeline.structure.prose_tasks import first_sentence, prose_tasks

    rows = [
        (119, "1. Công tác kiểm tra, xử lý văn bản quy phạm pháp luật:"),
        (118, "a. Tự rà soát các văn bản do các cơ quan có thẩm quyền ban hành tại"),
        (83, "Thành phố Hồ Chí Minh về lĩnh vực y tế. Tổng kết và thống kê kết quả tự rà soát."),
        (119, "- Đơn vị thực hiện: Các phòng ban, đơn vị trực thuộc Sở."),
        (120, "3. Tiếp tục thực hiện kết quả hệ thống hóa văn bản QPPL kỳ báo cáo"),
        (85, "2014 – 2018 trên địa bàn Thành phố"),
        (120, "Trên cơ sở danh mục hệ thống hóa kỳ báo cáo 2014-2018 do Ủy ban nhân"),
        (86, "dân (UBND) Thành phố ban hành."),
        (120, "+ Đơn vị thực hiện: Các phòng ban, đơn vị trực thuộc Sở."),
    ]
    lines = [Line(text=t, page=4, bbox=(x, 100.0 + 14 * i, 500.0, 112.0 + 14 * i), block=i) for i, (x, t) in enumerate(rows)]
    one, three = prose_tasks(lines)
    assert one.ordinal == "1.a" and one.task_text == "Tự rà soát các văn bản do các cơ quan có thẩm quyền ban hành tại Thành phố Hồ Chí Minh về lĩnh vực y tế."
    assert one.note_text == "Tổng kết và thống kê kết quả tự rà soát."
    assert three.task_text == "Tiếp tục thực hiện kết quả hệ thống hóa văn bản QPPL kỳ báo cáo 2014 – 2018 trên địa bàn Thành phố"
    assert three.note_text == "Trên cơ sở danh mục hệ thống hóa kỳ báo cáo 2014-2018 do Ủy ban nhân dân (UBND) Thành phố ban hành."
    assert first_sentence("Rà soát tại TP. Hồ Chí Minh. Báo cáo kết quả.") == ("Rà soát tại TP. Hồ Chí Minh.", "Báo cáo kết quả.")


def test_header_vocabulary_budget_note_and_column_numbers() -> None:
    """Header synonyms of issue 11 item 3: Kinh phí → kinh_phi, Ghi chú → note; a column-number
    row ('(1) (2) … 4=3/2') under the header is skipped; a statistics header is no task header."""
    from pipeline.model import Cell
    from pipeline.structure.task_columns import find_header, map_columns

    header = ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian thực hiện", "Nguồn kinh phí", "Ghi chú"]
    assert map_columns(header) == {0: "ordinal", 1: "task", 2: "lead", 3: "deadline", 4: "kinh_phi", 5: "note"}
    numbers = ["(1)", "(2)", "(3)", "(4)", "5=3/4", "(6)"]
    rows = [[Cell(text=t, row=r, col=c) for c, t in enumerate(texts)]
            for r, texts in enumerate([header, numbers, ["1", "Tập huấn", "Sở Tư pháp", "Quý II", "100", ""]])]
    found = find_header(rows, 6)
    assert found is not None and found.rows == 2



def test_statistics_header_with_task_like_columns_is_not_a_task_table() -> None:
    """Whether a table holds tasks is decided once, by table_kind on the whole table: two counting
    cells ('Số lao động', 'Số doanh nghiệp') or a procedure-list cell ('Mã thủ tục', 'Phí, lệ phí')
    keep it out of the task rows even though 'Nội dung' and 'Thời hạn' map to task columns."""
    from pipeline.model import Cell, Table
    from pipeline.structure.appendix import parse_appendix
    from pipeline.structure.tables import build

    def table(header: list[str]) -> Table:
        body = ["1", "Tập huấn nghiệp vụ cho thuê lại lao động", "Sở Nội vụ", "Sở Tài chính", "Quý II năm 2026"]
        rows = [[Cell(text=t, row=r, col=c) for c, t in enumerate(texts)] for r, texts in enumerate([header, body])]
        return Table(rows=rows, n_cols=5)

    counts = build(0, [table(["TT", "Nội dung", "Số lao động", "Số doanh nghiệp", "Thời hạn"])])
    fees = build(1, [table(["TT", "Nội dung", "Mã thủ tục", "Phí, lệ phí", "Thời hạn"])])
    tasks = build(2, [table(["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"])])
    assert [t.kind == "task" for t in (counts, fees, tasks)] == [False, False, True]
    assert [t.lead_text for t in parse_appendix([counts, fees, tasks])] == ["Sở Nội vụ"]
