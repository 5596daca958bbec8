"""Arrow schemas of the datasets written to ``processed/`` (DESIGN.md §3).

One place for every dataset's columns, types and meanings: each field carries in
its metadata a ``description`` (meaning), a ``unit`` (for numbers and boxes; empty
when the value has none) and a ``source`` (the part of Decree 30/2020/NĐ-CP, the
input field or the pipeline step the value comes from). Partition columns
(:data:`PARTITIONS`: ``province``, ``year``) live in the directory names (Hive
style), not in the files. ``pipeline schema`` prints all of it and
``docs/schema.md`` is generated from it (:mod:`pipeline.store.reference`).
"""

from __future__ import annotations

from typing import get_args

import pyarrow as pa

from pipeline.model.tables import TableKind
from pipeline.model.task_columns import TASK_COLUMNS
# FIELD_KEYS, allowed_values and the tagged datasets' allowed values are re-exported: callers import them from here.
from pipeline.store.fields import _READER, FIELD_KEYS, SCHEMA_VERSION, _box_fields, _f, allowed_values  # noqa: F401
from pipeline.store.schema_tagged import (  # noqa: F401
    AGENCY_KINDS, ASSIGNMENTS, DEADLINE_KINDS, DEADLINES, LEVELS, MENTION_LABELS, MENTIONS, PRODUCT_KINDS, PRODUCTS,
    RECURRENCES, ROLES,
)

#: Allowed values of the categorical columns.
SOURCE_KINDS = ("text", "docx", "html", "markdown", "spreadsheet", "legacy_decoded", "ocr")
SOURCE_FORMATS = ("pdf", "docx", "doc", "html", "markdown", "text", "xlsx", "xls")
DOC_TYPES = ("Quyết định", "Kế hoạch", "Tờ trình", "Báo cáo", "Công văn", "Thông báo", "Chỉ thị", "Nghị quyết")
STAGES = ("read", "parse", "tag", "write")
BASIS_KINDS = ("căn cứ", "xét đề nghị", "theo đề nghị", "thực hiện")


#: Where identity columns come from.
_HEADER = "header (pipeline.structure.header)"
_SIGNATURE = "signature block (pipeline.structure.signature)"
_APPENDIX = "appendix table (pipeline.structure.appendix)"
_RUN = "ingest run (pipeline.ingest)"


#: One warning (``documents.warnings``, ``pages.warnings``): a :class:`pipeline.model.Note` —
#: a stable code (listed in docs/schema.md), the field it concerns (null: the whole
#: document or page), and the readable detail.
WARNING = pa.struct(
    [
        pa.field("code", pa.string(), nullable=False),
        pa.field("field", pa.string()),
        pa.field("detail", pa.string(), nullable=False),
    ]
)

SPAN = pa.struct(
    [
        ("field", pa.string()),
        ("page", pa.int32()),
        ("x0", pa.float32()),
        ("top", pa.float32()),
        ("x1", pa.float32()),
        ("bottom", pa.float32()),
        ("block", pa.int32()),
    ]
)

#: One cell of a task row (``tasks.cells``): the task field it fills and its table_cells key, page and box.
TASK_CELL = pa.struct(
    [
        ("field", pa.string()),
        ("table_index", pa.int32()),
        ("row", pa.int32()),
        ("col", pa.int32()),
        ("page", pa.int32()),
        ("x0", pa.float32()),
        ("top", pa.float32()),
        ("x1", pa.float32()),
        ("bottom", pa.float32()),
    ]
)
_PLACES = "pipeline.store.places (task cells found in the stitched tables)"

DOCUMENTS = pa.schema(
    [
        _f("doc_id", pa.string(), "SHA-256 hex digest of the source file's bytes", False, source=_READER),
        _f("source_file", pa.string(), "Path of the source file relative to the ingested folder", False, source=_RUN),
        _f("source_format", pa.string(), "Input format read: pdf, docx, doc, html, markdown, text, xlsx or xls", False, source=_READER, values=SOURCE_FORMATS),
        _f("page_count", pa.int32(), "Physical pages; null for formats without pages (DOCX)", unit="pages", source=_READER),
        _f("doc_type", pa.string(), "Tên loại văn bản, e.g. 'Quyết định', 'Kế hoạch' [docType]", source=_HEADER, values=DOC_TYPES, open_values=True),
        _f("number", pa.string(), "Số, ký hiệu as printed after 'Số:', e.g. '4032/QĐ-UBND' [docNumber]; null when left blank; a sequence that cannot be read (handwritten) is taken from the signing stamp or the file name, with a warning", source=_HEADER),
        _f("number_symbol", pa.string(), "Ký hiệu part of the number, e.g. 'QĐ-UBND'", source=_HEADER),
        _f("issuer", pa.string(), "Tên cơ quan ban hành from the header's left block [docProponent]", source=_HEADER),
        _f("issuer_parent", pa.string(), "Cơ quan chủ quản printed above the issuer, if any", source=_HEADER),
        _f("authority", pa.string(), "Thẩm quyền ban hành: the capitalised line above 'Căn cứ'", source=_HEADER),
        _f("province_name", pa.string(), "Province of the issuer as at the document's date", source="issuer, authority or place matched against pipeline/data/provinces.json"),
        _f("province_current", pa.string(), "That province after the 1 July 2025 mergers (Nghị quyết 202/2025/QH15)", source="province_name mapped by pipeline/data/provinces.json"),
        _f("place", pa.string(), "Địa danh of the place-and-date line", source=_HEADER),
        _f("issue_date", pa.date32(), "Ngày ban hành from the place-and-date line [docDate]; null when left blank; a day that cannot be read (handwritten) is taken from the signing stamp or the PDF signature's signing time in the printed month, with a warning", unit="date", source=_HEADER),
        _f("date_text", pa.string(), "The place-and-date line as printed (normalised)", source=_HEADER),
        _f("title", pa.string(), "Trích yếu: the title under the type line [docTitle]", source=_HEADER),
        _f("signer_name", pa.string(), "Họ tên người ký [conclusions/signature]", source=_SIGNATURE),
        _f("signer_position", pa.string(), "Chức vụ người ký, e.g. 'Chủ tịch'", source=_SIGNATURE),
        _f("signing_capacity", pa.string(), "Thẩm quyền ký: 'TM. …', 'KT. …', 'Q. …', 'TL. …', 'TUQ. …'", source=_SIGNATURE),
        _f("plan_title", pa.string(), "Title of the plan (Kế hoạch) issued with or as this document", source=_HEADER),
        _f("plan_year", pa.int32(), "First year of the plan's period ('năm 2017', 'giai đoạn 2026-2030'; the year of issue for a roadmap 'đến năm 2035'); see plan_start_year/plan_end_year", unit="year", source="plan_title, issue_date (pipeline.structure.period.plan_period)"),
        _f("task_count", pa.int32(), "Rows written to the tasks dataset for this document", False, unit="rows", source=_APPENDIX),
        _f("warnings", pa.list_(WARNING), "What the pipeline could not read cleanly or completed from elsewhere: one {code, field, detail} per warning (the codes: pipeline.model.notes.CODES, listed under Warning codes); the pages' warnings repeated with detail 'page N: …'", source="reader, parser and tagger warnings (pipeline.model.notes)"),
        _f("spans", pa.list_(SPAN), "Provenance of header fields: page, bbox in PDF points, block index", unit="page; PDF points (1/72 in), origin top left", source=_READER),
        _f("pipeline_version", pa.string(), "Version of the pipeline that wrote the row", False, source=_RUN),
        # Issue 3: the remaining Decree 30/2020 parts of the header and closing.
        _f("number_seq", pa.string(), "Sequence part of the number ('4032' in '4032/QĐ-UBND'); null when blank", source=_HEADER),
        _f("number_year", pa.int32(), "Year inside the number of normative acts ('2015' in '14/2015/QĐ-UBND')"),
        _f("national_motto", pa.string(), "Quốc hiệu và tiêu ngữ as printed (lines joined by a newline)"),
        _f("recipients_to", pa.string(), "'Kính gửi:' addressee of submissions and letters"),
        _f("archive_note", pa.string(), "'Lưu: …' archive note under the recipients, e.g. 'VT, NC'"),
        _f("article_count", pa.int32(), "Articles (Điều) in the body", False),
        _f("recipient_count", pa.int32(), "Rows written to the recipients dataset", False),
        _f("legal_basis_count", pa.int32(), "Rows written to the legal_bases dataset", False),
        _f("target_count", pa.int32(), "Rows written to the targets dataset", False),
        _f("source_kind", pa.string(), "How the text was obtained: text (PDF text layer), docx, html, markdown, spreadsheet, legacy_decoded, ocr (the least direct page wins)", source=_READER, values=SOURCE_KINDS),
        _f("document_key", pa.string(), "Identity of the document whatever its file: 'issuer|number|issue_date', folded (pipeline.text.normalize.fold); without a number, 'content:issuer|doc_type|plan period|<first doc_id>' shared by the files whose text is the same document (MinHash similarity >= 0.8 in one issuer, type and plan period); null without issuer or type", source="issuer, number, issue_date, content_sketch (pipeline.store.identity)"),
        _f("duplicate_of", pa.string(), "doc_id of the preferred copy when another file is the same document (same document_key): numbered first, then text PDF, DOCX, HTML, legacy, OCR, then more task rows; null for the preferred copy", source="documents sharing a document_key (pipeline.store.identity)"),
        # Issue 15: versions, plan periods, content identity.
        _f("is_draft", pa.bool_(), "Dự thảo: a draft, by a printed 'DỰ THẢO' line at the top or a file name that opens or closes with 'dự thảo'/'draft'", source="first lines and source_file (pipeline.store.sketch.is_draft)"),
        _f("version_of", pa.string(), "doc_id (preferred copy) of the later version of this draft: a document of the same issuer, type and plan period, not a draft, whose text is at least 0.5 similar; null otherwise. pipeline.load leaves earlier versions out unless versions=True", source="is_draft, content_sketch (pipeline.store.identity)"),
        _f("content_sketch", pa.list_(pa.int64()), "MinHash signature (128 values < 2^32, datasketch, seed 1) of the word 3-shingles of the page text without tone marks; null for under 50 shingles", source="pages.text (pipeline.store.sketch.content_sketch)"),
        _f("task_sketch", pa.list_(pa.int64()), "MinHash signature, as content_sketch, of the appendix cells (Nhiệm vụ, Sản phẩm, Tiến độ): finds an appendix printed or scanned without its header; null for under 50 shingles", source="tasks (pipeline.store.sketch.content_sketch)"),
        _f("plan_start_year", pa.int32(), "First year of the plan's period: 2026 for 'năm 2026' and for 'giai đoạn 2026 - 2030'; the year of issue for 'đến năm 2035' (null when unknown)", unit="year", source="plan_title, issue_date (pipeline.structure.period.plan_period)"),
        _f("plan_end_year", pa.int32(), "Last year of the plan's period: 2026 for 'năm 2026', 2030 for 'giai đoạn 2026 - 2030' and for 'năm 2026 và định hướng đến năm 2030', 2035 for 'đến năm 2035'", unit="year", source="plan_title (pipeline.structure.period.plan_period)"),
    ],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "documents"},
)

TASKS = pa.schema(
    [
        _f("doc_id", pa.string(), "Document key (documents.doc_id)", False, source=_READER),
        _f("task_id", pa.string(), "'<doc_id>:<row_index>', one per appendix row", False, source=_APPENDIX),
        _f("row_index", pa.int32(), "0-based position of the row among the document's task rows", False, unit="row", source=_APPENDIX),
        _f("section", pa.string(), "Numeral of the section (group) row above ('I', 'A', '1' over '1.1'); with several task tables in a document, the table's label first ('Phụ lục II / I', or the numbered heading above the table)", source=_APPENDIX),
        _f("section_title", pa.string(), "Title of that section row (or of the heading above the table)", source=_APPENDIX),
        *(_f(c.attr, pa.string(), c.description, source=_APPENDIX) for c in TASK_COLUMNS),
        _f("task_key", pa.string(), "'<doc_id>:<section>.<ordinal>' shared by the product lines (rows) of one task; count distinct task_key for tasks, rows for product lines; '<doc_id>:#<row_index>' for a row without an ordinal", source="section, ordinal (pipeline.store.rows.task_keys)"),
        _f("source", pa.string(), "Where the task was read: 'table' (a task table) or 'prose' (labelled plan lines)", False, source=_APPENDIX),
        _f("ordinal_as_read", pa.string(), "The TT as printed when it broke its sequence and was repaired (OCR misread); null otherwise", source=_APPENDIX),
        _f("page_start", pa.int32(), "First PDF page of the row (1-based); null for DOCX", unit="page", source=_APPENDIX),
        _f("page_end", pa.int32(), "Last PDF page of the row, after a page-break merge", unit="page", source=_APPENDIX),
        _f("block", pa.int32(), "Index of the table fragment among the document's blocks", unit="block", source=_READER),
        # Issue 15: where the row is in the source, to check a value against the PDF.
        _f("table_index", pa.int32(), "Task table the row was read from (tables.table_index, table_cells.table_index); null for prose tasks", source=_PLACES),
        _f("table_row", pa.int32(), "Grid row (table_cells.row) where the row starts; with table_index the key of its cells in table_cells", unit="row", source=_PLACES),
        _f("task_page", pa.int32(), "PDF page (1-based) of the Nhiệm vụ cell (the task text); null for formats without pages and prose tasks", unit="page", source=_PLACES),
        *_box_fields("the Nhiệm vụ cell (the task text; a cell merged over several product lines is the one box)", "null for formats without geometry (DOCX, HTML, Markdown, spreadsheets) and prose tasks"),
        _f("cells", pa.list_(TASK_CELL), "Every cell the row was read from, per task field (field, table_index, row, col, page, box): a field continued over a page break has a cell on each page", unit="page; PDF points (1/72 in), origin top left", source=_PLACES),
    ],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "tasks"},
)

FAILURES = pa.schema(
    [
        _f("source_file", pa.string(), "Path of the file relative to the ingested folder", False, source=_RUN),
        _f("stage", pa.string(), "Stage that failed: read, parse, tag, write", False, source=_RUN, values=STAGES),
        _f("reason", pa.string(), "Why, in one line", False, source=_RUN),
        _f("doc_id", pa.string(), "SHA-256 of the bytes when they could be read", source=_READER),
        _f("pipeline_version", pa.string(), "Version of the pipeline that tried", False, source=_RUN),
    ],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "failures"},
)

# --- Issue 3: parts of the document. Every row carries doc_id, the part whose
# normalised text its character span indexes (see the ``parts`` dataset), and the page.

_PROVENANCE = [
    _f("part", pa.string(), "Part whose normalised text the span indexes: preamble, body, plan, recipients, task:<row>:<field>", False),
    _f("page", pa.int32(), "PDF page (1-based) of the span's paragraph; null for formats without pages"),
    _f("char_start", pa.int32(), "Start offset (characters, 0-based) in parts.text of that part", False),
    _f("char_end", pa.int32(), "End offset (exclusive) in parts.text of that part", False),
]
_CITED = [
    _f("cited_type", pa.string(), "Base type of the cited document: Luật, Nghị định, Nghị quyết, Quyết định, Kế hoạch …"),
    _f("cited_number", pa.string(), "Number and symbol as printed, e.g. '30c/NQ-CP'; null for laws cited by name"),
    _f("cited_date", pa.date32(), "Date of the cited document when the text states it"),
    _f("cited_issuer", pa.string(), "Issuing body as stated (UBND spelt out, position words dropped); null when not stated"),
    _f("cited_title", pa.string(), "Trích yếu or law name of the cited document when given"),
]
_DOC = _f("doc_id", pa.string(), "Document key (documents.doc_id)", False)

PARTS = pa.schema(
    [_DOC, _f("part", pa.string(), "Part name: preamble, body, plan, recipients", False),
     _f("text", pa.string(), "Normalised text of the part (paragraphs joined by newlines)", False)],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "parts"},
)
LEGAL_BASES = pa.schema(
    [_DOC, _f("basis_index", pa.int32(), "0-based order among the document's bases", False),
     _f("kind", pa.string(), "căn cứ, xét đề nghị, theo đề nghị or thực hiện", False, values=BASIS_KINDS),
     *_CITED,
     _f("text", pa.string(), "The whole clause ('Căn cứ …;') the basis belongs to", False),
     *_PROVENANCE,
     _f("citation_start", pa.int32(), "Start of the cited document's mention in the part text; null for a recital citing none"),
     _f("citation_end", pa.int32(), "End of that mention")],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "legal_bases"},
)
CITATIONS = pa.schema(
    [_DOC, _f("citation_index", pa.int32(), "0-based order among the document's citations", False),
     *_CITED,
     _f("text", pa.string(), "The mention as printed (type, number, date, issuer)", False),
     _f("is_basis", pa.bool_(), "Whether the mention is one of the document's legal bases", False),
     *_PROVENANCE],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "citations"},
)
ARTICLES = pa.schema(
    [_DOC, _f("path", pa.string(), "'3' (Điều 3), '3.2' (khoản 2), '3.2.a' (điểm a); '1.I.2' under a Roman section", False),
     _f("level", pa.string(), "article, section, clause or point", False, values=("article", "section", "clause", "point")),
     _f("number", pa.string(), "The node's own number or letter", False),
     _f("heading", pa.string(), "Text after 'Điều N.' (articles) or the section title"),
     _f("text", pa.string(), "The node's paragraphs, newline-joined", False),
     *_PROVENANCE],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "articles"},
)
RECIPIENTS = pa.schema(
    [_DOC, _f("recipient_index", pa.int32(), "0-based order under 'Nơi nhận'", False),
     _f("name", pa.string(), "One addressee as printed, without its trailing parenthesis", False),
     _f("note", pa.string(), "Parenthesis after the addressee: '(thi hành)', '(để b/c)', '(02b)'"),
     *_PROVENANCE],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "recipients"},
)
PLAN_ITEMS = pa.schema(
    [_DOC, _f("path", pa.string(), "Stable path: 'I', 'I.2', 'I.2.a'; bullets 'I.6.-2'", False),
     _f("parent_path", pa.string(), "Path of the parent node; null for a section"),
     _f("level", pa.string(), "part, section, item, point or bullet", False, values=("part", "section", "item", "point", "bullet")),
     _f("label", pa.string(), "The node's own marker: 'I', '2', 'a', '-2'", False),
     _f("numbered_path", pa.string(), "Path of the nearest numbered node (bullets inherit it)", False),
     _f("text", pa.string(), "The node's paragraphs, newline-joined", False),
     *_PROVENANCE],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "plan_items"},
)
TARGETS = pa.schema(
    [_DOC, _f("target_index", pa.int32(), "0-based order among the document's targets", False),
     _f("item_path", pa.string(), "Nearest numbered plan item ('I.2.a')"),
     _f("value", pa.float64(), "Numeric value of the target", False),
     _f("unit", pa.string(), "'%' or a counted unit ('lần', 'người' …)", False),
     _f("comparator", pa.string(), "'>=', '>', '=', '<', '<=' (tối thiểu → '>=', dưới → '<', no cue → '=')", False, values=(">=", ">", "=", "<", "<=")),
     _f("subject", pa.string(), "What is measured ('hồ sơ trễ hạn …')"),
     _f("text", pa.string(), "The cue and value as printed ('tối thiểu 77%')", False),
     *_PROVENANCE],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "targets"},
)

PAGES = pa.schema(
    [
        _f("doc_id", pa.string(), "Document key (documents.doc_id)", False, source=_READER),
        _f("page", pa.int32(), "1-based physical page; null for formats without pages (DOCX)", source=_READER),
        _f("source_kind", pa.string(), "Where the text came from: text (PDF text layer), ocr, legacy_decoded, docx, html, markdown, spreadsheet", False,
           source="reader (pipeline.readers.triage: per-page decision)", values=SOURCE_KINDS),
        _f("text", pa.string(), "Page text, NFC with government tone marks, reading order; table rows as tab-separated lines", False,
           source=_READER),
        _f("ocr_confidence", pa.float32(), "Mean Tesseract word confidence on OCR pages; null otherwise",
           unit="0-100", source="reader (pipeline.readers.ocr)"),
        _f("warnings", pa.list_(WARNING), "Triage decision and reason, OCR notes (skew, tables), low-quality flags: one {code, field, detail} per warning (the codes: pipeline.model.notes.CODES, listed under Warning codes)",
           source=_READER),
    ],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "pages"},
)

# --- Issue 11: every table of every document, and its cells (long form).
_TABLES = "document tables (pipeline.structure.tables: fragments stitched over pages)"
_KIND = "table kind (pipeline.structure.table_kind)"

TABLES = pa.schema(
    [
        _f("doc_id", pa.string(), "Document key (documents.doc_id)", False, source=_READER),
        _f("table_index", pa.int32(), "0-based position of the table among the document's tables, in document order", False, source=_TABLES),
        _f("kind", pa.string(), "What the table holds: task (who does what by when), statistics, ranking, list (procedures, members, items), form (blank form), layout (header or signature block laid out as a table), other", False, source=_KIND, values=get_args(TableKind)),
        _f("page_start", pa.int32(), "First PDF page of the table (1-based); null for formats without pages", unit="page", source=_TABLES),
        _f("page_end", pa.int32(), "Last PDF page of the table, after stitching its page fragments", unit="page", source=_TABLES),
        _f("header_rows", pa.int32(), "Leading rows that form the header (title rows, header rows, a column-number row '(1) (2) (3)'); 0 when none was recognised", False, unit="rows", source=_KIND),
        _f("n_rows", pa.int32(), "Rows of the stitched grid, header included (a header repeated on a continuation page is counted once)", False, unit="rows", source=_TABLES),
        _f("n_cols", pa.int32(), "Grid columns (of the widest fragment when a PDF draws the pages of one table with different rulings)", False, unit="columns", source=_READER),
        _f("header", pa.string(), "Header cells as printed (normalised), each distinct text once, joined with ' | '; null without a header", source=_KIND),
        _f("fragments", pa.int32(), "Page fragments stitched into the table (1 when it does not run over a page break)", False, source=_TABLES),
        _f("block", pa.int32(), "Position of the table's first fragment among the document's blocks (paragraphs and tables)", False, unit="block", source=_READER),
        _f("sheet", pa.string(), "Worksheet name for spreadsheet tables; null for other formats", source="reader (pipeline.readers.spreadsheet)"),
        _f("depth", pa.int32(), "0 for a table in the body, 1 for a table nested in a cell of another (DOCX), …", False, source=_READER),
        *_box_fields("the first fragment", "null without boxes"),
    ],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "tables"},
)

TABLE_CELLS = pa.schema(
    [
        _f("doc_id", pa.string(), "Document key (documents.doc_id)", False, source=_READER),
        _f("table_index", pa.int32(), "Table key (tables.table_index)", False, source=_TABLES),
        _f("row", pa.int32(), "0-based grid row of the cell's top in the stitched table (spreadsheets: sheet row - 1)", False, unit="row", source=_TABLES),
        _f("col", pa.int32(), "0-based grid column of the cell's left edge (spreadsheets: column A = 0)", False, unit="column", source=_READER),
        _f("row_span", pa.int32(), "Grid rows the cell covers (vertical merge)", False, unit="rows", source=_READER),
        _f("col_span", pa.int32(), "Grid columns the cell covers (horizontal merge)", False, unit="columns", source=_READER),
        _f("text", pa.string(), "Cell text, NFC with government tone marks, line breaks kept; '' for an empty cell. A merged cell is written once, at its top-left position", False, source=_READER),
        _f("is_header", pa.bool_(), "Whether the cell lies in the table's header rows (tables.header_rows)", False, source=_KIND),
        _f("page", pa.int32(), "PDF page (1-based) of the cell; null for formats without pages", unit="page", source=_READER),
        *_box_fields("the cell", "null where the format has no boxes"),
        _f("confidence", pa.float32(), "Mean Tesseract word confidence of an OCR'd cell; null for text layers", unit="0-100", source="reader (pipeline.readers.ocr)"),
    ],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "table_cells"},
)

DATASETS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS, "tasks": TASKS, "failures": FAILURES,
    "parts": PARTS, "legal_bases": LEGAL_BASES, "citations": CITATIONS, "articles": ARTICLES,
    "recipients": RECIPIENTS, "plan_items": PLAN_ITEMS, "targets": TARGETS,
    "assignments": ASSIGNMENTS, "deadlines": DEADLINES, "products": PRODUCTS, "mentions": MENTIONS,
    "pages": PAGES, "tables": TABLES, "table_cells": TABLE_CELLS,
}

#: Hive partition columns, in directory order; not stored inside the files.
PARTITIONS = pa.schema(
    [
        _f("province", pa.string(), "Slug of the issuer's province ('khanh-hoa'); 'trung-uong' for central bodies (level 'central' in pipeline/data/agencies.json: Quốc hội, Chính phủ, a Bộ …), 'unknown' for any other document without a province", False, source="province_name (pipeline.structure.province.slug)"),
        _f("year", pa.int32(), "plan_year when the document carries a plan, else the year of issue_date; 0 when neither is known", False, unit="year", source="plan_year, issue_date or date_text"),
    ]
)
#: Datasets whose files are not partitioned (one file per source path).
UNPARTITIONED = frozenset({"failures"})


#: Datasets written from the tag stage's annotations.
_TAGGED = frozenset({"assignments", "deadlines", "products", "mentions"})


def _with_sources(name: str, schema: pa.Schema) -> pa.Schema:
    """Fill an empty ``source`` with the stage every row of ``name`` comes from (parser or tagger)."""
    stage = "tagger (pipeline.nlp.tag)" if name in _TAGGED else "parser (pipeline.structure)"
    default = f"{stage}, {name} rows built by pipeline.store.rows".encode()
    fields = [
        f if (f.metadata or {}).get(b"source") else f.with_metadata({**(f.metadata or {}), b"source": default})
        for f in schema
    ]
    return pa.schema(fields, metadata=schema.metadata)


DATASETS = {name: _with_sources(name, schema) for name, schema in DATASETS.items()}

# --- Issue 7: plan diffs (written by `pipeline diff`, one file per pair of plans).
#: Where every plan_diffs value comes from.
_DIFF_SOURCE = "pipeline diff: pipeline.diff (alignment and comparison), rows by pipeline.diff.store.diff_rows"

PLAN_DIFFS = pa.schema(
    [
        _f("old_doc_id", pa.string(), "Document key of the older plan (documents.doc_id)", False, source=_DIFF_SOURCE),
        _f("new_doc_id", pa.string(), "Document key of the newer plan (documents.doc_id)", False, source=_DIFF_SOURCE),
        _f("entity", pa.string(), "What changed: document, task, plan_item, target, legal_basis", False, source=_DIFF_SOURCE, values=("document", "task", "plan_item", "target", "legal_basis")),
        _f("change", pa.string(), "How: added, removed, reworded, editorial (only case, punctuation, abbreviations), changed, moved", False, source=_DIFF_SOURCE, values=("added", "removed", "reworded", "editorial", "changed", "moved")),
        _f("field", pa.string(), "Field compared: task_text, product_text, deadline, lead, coordinate, monitor, product_kind, section, text, value, …", source=_DIFF_SOURCE),
        _f("old_key", pa.string(), "task_id, item_path or cited number on the old side; null when added", source=_DIFF_SOURCE),
        _f("new_key", pa.string(), "task_id, item_path or cited number on the new side; null when removed", source=_DIFF_SOURCE),
        _f("old_value", pa.string(), "Old text or value as printed (normalised)", source=_DIFF_SOURCE),
        _f("new_value", pa.string(), "New text or value as printed (normalised)", source=_DIFF_SOURCE),
        _f("detail", pa.string(), "How much: 'later by 90 days', '= 100 % → > 90 %', agencies added (+) and removed (−)", source=_DIFF_SOURCE),
        _f("score", pa.float32(), "Alignment similarity of the pair, 0–100 (rapidfuzz token-sort ratio)", unit="0-100", source=_DIFF_SOURCE),
        _f("word_diff", pa.string(), "Word-level edit: [-removed words-] {+added words+}", source=_DIFF_SOURCE),
        _f("pipeline_version", pa.string(), "Version of the pipeline that wrote the row", False, source=_DIFF_SOURCE),
    ],
    metadata={"schema_version": SCHEMA_VERSION, "dataset": "plan_diffs"},
)

DATASETS["plan_diffs"] = PLAN_DIFFS

#: Datasets written by commands other than ingest (``pipeline diff``): one file per
#: pair of documents, not per document, so ingest never writes them and compaction
#: leaves them alone (a rerun of the same diff replaces its own file).
DERIVED = frozenset({"plan_diffs"})
