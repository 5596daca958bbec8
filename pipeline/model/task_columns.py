"""The task columns (cột nhiệm vụ): one registry for header vocabulary, record, schema and rows.

Issue 11 item 5. Each :class:`TaskColumn` names a field of
:class:`pipeline.model.decision.Task`, the header synonyms that map a table
column to it (folded text, matched as substrings by
:func:`pipeline.structure.task_columns.field_of`), and the description written
to the ``tasks`` schema. :data:`TASK_COLUMNS` is in record order (the order of
``tasks`` columns); ``priority`` orders header matching ("Cơ quan chủ trì thực
hiện" is the lead before it is an assignment). Adding a column is one entry
here plus the attribute on ``Task`` (a test checks both agree).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TaskColumn:
    """One task column: ``field`` (header mapping name), ``attr`` (Task attribute and dataset
    column), ``description`` (schema), header ``cues`` and ``weak_cues`` (matched only after
    every column's strong cues), matching ``priority`` (low first), ``shared`` (several table
    columns may feed it, texts joined)."""

    field: str
    attr: str
    description: str
    cues: tuple[str, ...] = ()
    weak_cues: tuple[str, ...] = ()
    priority: int = 50
    shared: bool = False


TASK_COLUMNS: tuple[TaskColumn, ...] = (
    TaskColumn("ordinal", "ordinal", "TT/STT cell as printed ('1.', '1.1', 'a', '-', 'Bước 1'); repeated on each product line of a merged task",
               ("stt", "tt", "số tt", "số thứ tự", "thứ tự", "thứ tự các bước", "bước", "số", "mục"), priority=0),
    TaskColumn("task", "task_text", "Nhiệm vụ cell (also headed Nội dung / Công việc / Hoạt động), line breaks kept",
               ("nhiệm vụ", "nội dung", "công việc", "hoạt động", "giải pháp", "văn bản", "vbqppl",
                "nghị định", "danh sách", "danh mục", "tên đề án", "đề án", "chương trình"), priority=90),
    # Sản phẩm / kết quả; the provisions to amend in a list of acts (Điều, khoản, điểm cần sửa đổi).
    TaskColumn("product", "product_text", "Sản phẩm / Kết quả cell; 'Điều, khoản, điểm cần sửa đổi' of a list of acts to amend",
               ("sản phẩm", "kết quả", "điều, khoản", "điều khoản", "hình thức văn bản"), priority=50, shared=True),
    TaskColumn("deadline", "deadline_text", "Tiến độ / Thời gian / Thời hạn hoàn thành cell",
               ("tiến độ", "thời gian", "thời hạn", "thời điểm", "mốc hoàn thành"), priority=40, shared=True),
    TaskColumn("assignment", "assignment_text", "Phân công / Trách nhiệm thực hiện / Người (Đơn vị) thực hiện cell",
               ("phân công", "trách nhiệm thực hiện", "người thực hiện", "cá nhân thực hiện", "đơn vị thực hiện",
                "cơ quan thực hiện", "bộ phận thực hiện"),
               ("tổ chức thực hiện", "cơ quan", "đơn vị"), priority=80, shared=True),
    TaskColumn("lead", "lead_text", "Cơ quan (Đơn vị) chủ trì cell", ("chủ trì",), priority=10),
    TaskColumn("coordinate", "coordinate_text", "Cơ quan (Đơn vị) phối hợp cell", ("phối hợp",), priority=20),
    # Theo dõi, kiểm tra, đôn đốc; the level a result is submitted to (cấp trình, cấp phê duyệt).
    TaskColumn("monitor", "monitor_text", "Theo dõi, kiểm tra, đôn đốc cell; Cấp trình / Cấp phê duyệt (the level the result goes to)",
               ("theo dõi", "đôn đốc", "kiểm tra, đôn", "cấp trình", "phê duyệt", "cấp ban hành"), priority=30, shared=True),
    TaskColumn("note", "note_text", "Ghi chú / Căn cứ cell (remark, basis the task was added on)",
               ("ghi chú", "căn cứ"), priority=70, shared=True),
    TaskColumn("kinh_phi", "kinh_phi", "Kinh phí / Nguồn kinh phí cell (budget) as printed",
               ("kinh phí", "dự toán", "nguồn vốn"), priority=60, shared=True),
)

#: Column by header-mapping field name.
BY_FIELD: dict[str, TaskColumn] = {c.field: c for c in TASK_COLUMNS}


def header_vocabulary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(field, cues)`` in matching order: strong cues by priority, then weak cues."""
    ordered = sorted(TASK_COLUMNS, key=lambda c: c.priority)
    strong = tuple((c.field, c.cues) for c in ordered if c.cues)
    weak = tuple((c.field, c.weak_cues) for c in ordered if c.weak_cues)
    return strong + weak
