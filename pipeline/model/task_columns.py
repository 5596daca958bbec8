"""The task columns (cột nhiệm vụ): one registry for header vocabulary, record, schema and rows.

Issue 11 item 5. Each :class:`TaskColumn` names a field of
:class:`pipeline.model.decision.Task`, the header synonyms that map a table
column to it (folded text, matched as substrings by
:func:`pipeline.structure.task_columns.field_of`), and the description written
to the ``tasks`` schema. :data:`TASK_COLUMNS` is in record order (the order of
``tasks`` columns); ``priority`` orders header matching ("Cơ quan chủ trì thực
hiện" is the lead before it is an assignment). Adding a column is one entry
here plus the attribute on ``Task`` (a test checks both agree); the tagging stage,
the plan diff and the HTML views read the columns from here
(tests/test_task_tables.py::test_every_registry_column_reaches_rows_tags_diff_and_views).
"""

from __future__ import annotations

from dataclasses import dataclass


#: How the tagging stage (pipeline.nlp.tag) reads a column: ``"text"`` mentions only,
#: ``"deadline"`` deadlines, ``"product"`` products, ``"assignment"`` agencies with role
#: cues ("chủ trì", "phối hợp") in the text, ``"role"`` agencies all holding the column's
#: ``role``; ``None``: not tagged (the ordinal, remarks, budget amounts).
TAG_MODES = ("text", "deadline", "product", "assignment", "role")


@dataclass(frozen=True, slots=True)
class TaskColumn:
    """One task column: ``field`` (header mapping name), ``attr`` (Task attribute and dataset
    column), ``description`` (schema), ``label`` (Vietnamese label in the HTML views), header
    ``cues`` and ``weak_cues`` (matched only after every column's strong cues), matching
    ``priority`` (low first), ``shared`` (several table columns may feed it, texts joined),
    ``tag`` (how the tagging stage reads it, one of :data:`TAG_MODES` or ``None``) and
    ``role`` (the agency role, assignments.role, a who-column names: lead, coordinate,
    monitor; the plan diff compares a role's agencies, falling back on its columns' texts
    in ``priority`` order)."""

    field: str
    attr: str
    description: str
    label: str = ""
    cues: tuple[str, ...] = ()
    weak_cues: tuple[str, ...] = ()
    priority: int = 50
    shared: bool = False
    tag: str | None = "text"
    role: str | None = None


TASK_COLUMNS: tuple[TaskColumn, ...] = (
    TaskColumn("ordinal", "ordinal", "TT/STT cell as printed ('1.', '1.1', 'a', '-', 'Bước 1'); repeated on each product line of a merged task",
               "TT", ("stt", "tt", "số tt", "số thứ tự", "thứ tự", "thứ tự các bước", "bước", "số", "mục"), priority=0, tag=None),
    TaskColumn("task", "task_text", "Nhiệm vụ cell (also headed Nội dung / Công việc / Hoạt động), line breaks kept",
               "Nhiệm vụ", ("nhiệm vụ", "nội dung", "công việc", "hoạt động", "giải pháp", "văn bản", "vbqppl",
                "nghị định", "danh sách", "tên đề án", "đề án", "chương trình"), priority=90),
    # Sản phẩm / kết quả; the provisions to amend in a list of acts (Điều, khoản, điểm cần sửa đổi).
    TaskColumn("product", "product_text", "Sản phẩm / Kết quả cell; 'Điều, khoản, điểm cần sửa đổi' of a list of acts to amend",
               "Sản phẩm", ("sản phẩm", "kết quả", "điều, khoản", "điều khoản", "hình thức văn bản"), priority=50,
               shared=True, tag="product"),
    TaskColumn("deadline", "deadline_text", "Tiến độ / Thời gian / Thời hạn hoàn thành cell",
               "Tiến độ", ("tiến độ", "thời gian", "thời hạn", "thời điểm", "mốc hoàn thành"), priority=40, shared=True,
               tag="deadline"),
    TaskColumn("assignment", "assignment_text", "Phân công / Trách nhiệm thực hiện / Người (Đơn vị) thực hiện cell",
               "Phân công", ("phân công", "trách nhiệm thực hiện", "người thực hiện", "cá nhân thực hiện", "đơn vị thực hiện",
                "cơ quan thực hiện", "bộ phận thực hiện"),
               ("tổ chức thực hiện", "cơ quan"), priority=80, shared=True, tag="assignment", role="lead"),
    TaskColumn("lead", "lead_text", "Cơ quan (Đơn vị) chủ trì cell", "Chủ trì", ("chủ trì",), priority=10,
               tag="role", role="lead"),
    TaskColumn("coordinate", "coordinate_text", "Cơ quan (Đơn vị) phối hợp cell", "Phối hợp", ("phối hợp",), priority=20,
               tag="role", role="coordinate"),
    # Theo dõi, kiểm tra, đôn đốc; the level a result is submitted to (cấp trình, cấp phê duyệt).
    TaskColumn("monitor", "monitor_text", "Theo dõi, kiểm tra, đôn đốc cell; Cấp trình / Cấp phê duyệt (the level the result goes to)",
               "Theo dõi", ("theo dõi", "đôn đốc", "kiểm tra, đôn", "cấp trình", "phê duyệt", "cấp ban hành"), priority=30,
               shared=True, tag="role", role="monitor"),
    TaskColumn("note", "note_text", "Ghi chú / Căn cứ cell (remark, basis the task was added on); for a prose task, the item's text after its name",
               "Ghi chú", ("ghi chú", "căn cứ"), priority=70, shared=True, tag=None),
    TaskColumn("kinh_phi", "kinh_phi", "Kinh phí / Nguồn kinh phí cell (budget) as printed",
               "Kinh phí", ("kinh phí", "dự toán", "nguồn vốn"), priority=60, shared=True, tag=None),
)

#: Column by header-mapping field name.
BY_FIELD: dict[str, TaskColumn] = {c.field: c for c in TASK_COLUMNS}


def attrs(*fields: str) -> tuple[str, ...]:
    """Task attributes (dataset columns) of the named header fields, in the order given
    (``attrs("ordinal", "task")`` → ``("ordinal", "task_text")``); ``KeyError`` for an unknown field."""
    return tuple(BY_FIELD[name].attr for name in fields)


def tagged() -> tuple[TaskColumn, ...]:
    """Columns the tagging stage reads (``tag`` set), in record order."""
    return tuple(c for c in TASK_COLUMNS if c.tag)


def roles() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(role, attrs)`` per agency role named by a column, attrs in ``priority`` order
    (``("lead", ("lead_text", "assignment_text"))``), roles in record order of their first column."""
    out: dict[str, list[TaskColumn]] = {}
    for column in TASK_COLUMNS:
        if column.role:
            out.setdefault(column.role, []).append(column)
    return tuple((role, tuple(c.attr for c in sorted(cs, key=lambda c: c.priority))) for role, cs in out.items())


def header_vocabulary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(field, cues)`` in matching order: strong cues by priority, then weak cues."""
    ordered = sorted(TASK_COLUMNS, key=lambda c: c.priority)
    strong = tuple((c.field, c.cues) for c in ordered if c.cues)
    weak = tuple((c.field, c.weak_cues) for c in ordered if c.weak_cues)
    return strong + weak
