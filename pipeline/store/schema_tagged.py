"""Arrow schemas of the tag stage's datasets: ``assignments``, ``deadlines``, ``products``, ``mentions``.

Each row keys its task (``_TASK_KEY``), says which text it was read from with
character offsets (``_CHARS``) and where that text sits in the source
(``_PLACE``: page, table cell, offsets in the cell, box; :mod:`pipeline.store.places`).
Part of :data:`pipeline.store.schema.DATASETS`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from pipeline.nlp.collectives import COLLECTIVE_GROUPS
from pipeline.store.fields import SCHEMA_VERSION, _box_fields, _f

#: Allowed values of the categorical columns.
ROLES = ("lead", "coordinate", "appraise", "monitor")
LEVELS = ("central", "province", "district", "commune")
AGENCY_KINDS = (
    "sở", "bộ", "ban", "ubnd", "hđnd", "văn phòng", "thanh tra", "công an", "trung tâm", "collective",
)
DEADLINE_KINDS = (
    "date", "month", "quarter", "half_year", "year", "multi_year", "ongoing", "recurring", "relative", "per_schedule",
    "duration",
)
RECURRENCES = ("annual", "quarterly", "monthly", "weekly")
MENTION_LABELS = ("AGENCY", "ROLE_CUE", "DEADLINE", "PRODUCT", "CITATION", "TARGET")
#: Product kinds: the keys of ``product_kinds`` in pipeline/data/nlp_vocab.json, then 'other'.
PRODUCT_KINDS = tuple(
    json.loads((Path(__file__).parents[1] / "data" / "nlp_vocab.json").read_text("utf-8"))["product_kinds"]
) + ("other",)
#: Where a value's box comes from (``box_source``).
BOX_SOURCES = ("words", "cell")

_PLACES = "pipeline.store.places (task cells in the stitched tables, OCR word boxes)"

#: One fragment of a value (``fragments``): the part of it in one table cell, with that cell's key, offsets and box.
VALUE_FRAGMENT = pa.struct(
    [
        ("page", pa.int32()),
        ("table_index", pa.int32()),
        ("table_row", pa.int32()),
        ("table_col", pa.int32()),
        ("cell_char_start", pa.int32()),
        ("cell_char_end", pa.int32()),
        ("x0", pa.float32()),
        ("top", pa.float32()),
        ("x1", pa.float32()),
        ("bottom", pa.float32()),
        ("box_source", pa.string()),
    ]
)

#: Where the value sits in the source: page, table cell (a table_cells key), offsets in the cell, box.
_PLACE = [
    _f("page", pa.int32(), "PDF page (1-based) the value was read on: its cell's page for a task table, the task's first page for a prose task, the paragraph's page outside the appendix; null for formats without pages", unit="page", source=_PLACES),
    _f("table_index", pa.int32(), "Table of the cell the value was read from (table_cells.table_index); null for prose tasks and text outside the appendix", source=_PLACES),
    _f("table_row", pa.int32(), "Grid row of that cell (table_cells.row: the top row of a merged cell)", unit="row", source=_PLACES),
    _f("table_col", pa.int32(), "Grid column of that cell (table_cells.col)", unit="column", source=_PLACES),
    _f("cell_char_start", pa.int32(), "Start offset (characters, 0-based) of the value in table_cells.text of that cell; the value is looked up in the cell's text as written ignoring whitespace and dash variants (the task field rejoins split syllables and closes up a line-broken '1441/QĐ- UBND'), null when not found even so", source=_PLACES),
    _f("cell_char_end", pa.int32(), "End offset (exclusive) in table_cells.text", source=_PLACES),
    *_box_fields("the value's text on the page", "null without a box: formats without geometry (DOCX, HTML, Markdown, spreadsheets), prose tasks, text outside the appendix"),
    _f("box_source", pa.string(), "What the box outlines: 'words' (the OCR words that spell the value, scans), 'cell' (the whole cell: the PDF text layer keeps no word boxes, or the OCR words did not match); null without a box", source=_PLACES, values=BOX_SOURCES),
    _f("fragments", pa.list_(VALUE_FRAGMENT), "Every table cell the value lies in, in reading order (page, table_index, table_row, table_col, cell_char_start, cell_char_end, box, box_source of the part of the value in that cell): one for most values, two or more when the cell continues on the next page (a row split by a page break: 'Văn hóa và' at the foot of page 8, 'Thể thao' at the top of page 9); the scalar place columns above are the first; empty outside task tables", unit="page; PDF points (1/72 in), origin top left", source=_PLACES),
    _f("spans_pages", pa.bool_(), "True when the value's fragments sit on more than one page (its cell continues over a page break)", False, source=_PLACES),
]

_TASK_KEY = [
    _f("doc_id", pa.string(), "Document key (documents.doc_id)", False),
    _f("task_id", pa.string(), "Task key (tasks.task_id); null for plan text outside the appendix"),
    _f("row_index", pa.int32(), "Task row (tasks.row_index); null outside the appendix"),
]
_CHARS = [
    _f("field", pa.string(), "Text the value was read from: a task field (task_text, product_text, deadline_text, assignment_text, lead_text, coordinate_text, monitor_text) or, outside the appendix, the part (parts.part: preamble, body, plan …)"),
    _f("char_start", pa.int32(), "Start offset (characters, 0-based) in that field's normalised text"),
    _f("char_end", pa.int32(), "End offset (exclusive) in that field's normalised text"),
]

ASSIGNMENTS = pa.schema(
    _TASK_KEY
    + [
        _f("agency", pa.string(), "Canonical agency name ('Sở Kế hoạch và Đầu tư' for 'Sở KH&ĐT'); collectives as written ('các sở, ban, ngành')", False),
        _f("agency_kind", pa.string(), "sở, bộ, ban, ubnd, hđnd, văn phòng, thanh tra, công an, trung tâm, …, or collective", False, values=AGENCY_KINDS, open_values=True),
        _f("agency_level", pa.string(), "central, province, district or commune", False, values=LEVELS),
        _f("role", pa.string(), "lead (chủ trì or named performer), coordinate (phối hợp), appraise (thẩm định), monitor (tổng hợp, theo dõi, đôn đốc, kiểm tra)", False, values=ROLES),
        _f("advises", pa.string(), "Body advised or submitted to in the same clause ('tham mưu UBND tỉnh'), '; '-joined; never an assignee"),
        _f("collective", pa.bool_(), "True for group mentions that name no single agency", False),
        _f("mention", pa.string(), "The agency as written in the cell", False),
        _f("successor", pa.string(), "Canonical name of the body that took over after the 2025 reorganisation; null when unchanged"),
    ]
    + _CHARS
    + [
        _f("agency_current", pa.string(), "The agency as it is now: successor when the 2025 reorganisation merged it, else agency", source="agency, successor (pipeline/data/agencies.json)"),
        _f("agency_group", pa.string(), "What to count by: agency_current for a named agency; for a collective its group (all spellings of 'các sở, ban, ngành' → 'sở, ban, ngành')", source="agency_current, or pipeline.nlp.collectives.collective_group", values=COLLECTIVE_GROUPS, open_values=True),
    ]
    + _PLACE,
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "assignments"},
)

DEADLINES = pa.schema(
    _TASK_KEY
    + [
        _f("text", pa.string(), "The deadline phrase as written ('Trong Quý I/2017')", False),
        _f("kind", pa.string(), "date, month, quarter, half_year, year, multi_year, ongoing, recurring, relative, per_schedule; duration for the time allowed in a deadline cell ('0,5 giờ', '2 ngày làm việc': no date)", False, values=DEADLINE_KINDS),
        _f("start", pa.date32(), "First day of the period (inclusive); null when open or not stated"),
        _f("end", pa.date32(), "Last day of the period (inclusive); null when open or not stated"),
        _f("recurrence", pa.string(), "annual, quarterly, monthly, weekly for recurring phrases; else null", values=RECURRENCES),
        _f("note", pa.string(), "How a relative or year-less phrase was resolved (e.g. with the plan year)"),
        _f("duration", pa.string(), "Time allowed as an ISO 8601 duration ('PT0.5H' for '0,5 giờ', 'P2D' for '2 ngày', 'P3M'); null unless kind is duration", unit="ISO 8601 duration", source="text (pipeline.nlp.deadline_cells)"),
        _f("duration_working", pa.bool_(), "True when the duration is stated in working time ('05 ngày làm việc'), false when not; null unless kind is duration", source="text (pipeline.nlp.deadline_cells)"),
    ]
    + _CHARS
    + [
        _f("quarter", pa.string(), "Calendar quarter of the end date, the day the task is due: '2026Q1'; null without an end date", source="end (pipeline.store.period.quarter)"),
        _f("in_plan_period", pa.bool_(), "Whether the end date falls in the plan's years (documents.plan_start_year–plan_end_year); null when either is unknown", source="end, plan_title (pipeline.store.period.in_period)"),
    ]
    + _PLACE,
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "deadlines"},
)

PRODUCTS = pa.schema(
    _TASK_KEY
    + [
        _f("kind", pa.string(), "quyết định, quy chế, đề án, kế hoạch, báo cáo, hội nghị, hội thảo, danh mục, cơ sở dữ liệu, quy trình, chính sách, cơ chế, phần mềm, …; 'other' when the head names no known kind", False, values=PRODUCT_KINDS),
        _f("approver", pa.string(), "Approving or issuing body ('được UBND tỉnh phê duyệt', 'Quyết định của UBND tỉnh'), canonical, '; '-joined"),
        _f("text", pa.string(), "The product line as written", False),
    ]
    + _CHARS
    + _PLACE,
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "products"},
)

MENTIONS = pa.schema(
    _TASK_KEY
    + [
        _f("label", pa.string(), "AGENCY, ROLE_CUE, DEADLINE, PRODUCT, CITATION or TARGET", False, values=MENTION_LABELS),
        _f("text", pa.string(), "The span as written", False),
        _f("value", pa.string(), "Normalised value: canonical agency, role, 'kind start..end', product kind, cited number, target value"),
    ]
    + _CHARS
    + _PLACE,
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "mentions"},
)
