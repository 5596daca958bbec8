"""Records the parser produces: a decision and its Decree 30/2020/NĐ-CP parts (thể thức văn bản)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pipeline.model.notes import Note
from pipeline.model.source import BBox, Document, Page
from pipeline.model.tables import DocumentTable
from pipeline.model.tags import Annotations


@dataclass(slots=True)
class Span:
    """Where a parsed value came from: the page and block of its first line, and the box
    (points, ``(x0, top, x1, bottom)``) around its lines on that page."""

    page: int | None = None
    bbox: BBox | None = None
    block: int | None = None

    @classmethod
    def of_lines(cls, lines: list) -> Span:
        """The span of a value printed over ``lines`` (source :class:`Line` records, first
        line first): a title or issuer wrapped over two lines is boxed whole. Lines on
        another page than the first, or without a box, add nothing."""
        first = lines[0]
        boxes = [ln.bbox for ln in lines if ln.bbox and ln.page == first.page]
        bbox = None
        if boxes:
            bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        return cls(page=first.page, bbox=bbox, block=first.block)


@dataclass(slots=True)
class Signature:
    """Chữ ký (Decree 30/2020, Appendix I, part 7) [conclusions]."""

    capacity: str | None = None
    position: str | None = None
    name: str | None = None
    span: Span | None = None
    #: The capacity lines as printed ("TM. ỦY BAN NHÂN / DÂN / KT. CHỦ TỊCH"); ``capacity``
    #: is their one normalised form (:func:`pipeline.structure.names.capacity_form`).
    capacity_printed: str | None = None


@dataclass(slots=True)
class Task:
    """One logical appendix row (Phụ lục: one product line of one task).

    Fields follow DESIGN.md §3 ``tasks``. ``section`` is the Roman numeral of the
    group row above ("I", "II"), ``ordinal`` the TT/STT cell. A task whose Nhiệm
    vụ cell is merged down over several product lines yields one ``Task`` per
    line with the task fields repeated. 5-column tables fill
    ``assignment_text``; 7-column tables fill ``lead_text``, ``coordinate_text``
    and ``monitor_text``. Text is normalised (NFC, government tone marks) with
    line breaks kept.
    """

    row_index: int
    section: str | None
    section_title: str | None
    ordinal: str | None
    task_text: str | None
    product_text: str | None = None
    deadline_text: str | None = None
    assignment_text: str | None = None
    lead_text: str | None = None
    coordinate_text: str | None = None
    monitor_text: str | None = None
    note_text: str | None = None
    """Ghi chú / Căn cứ column: a remark or the basis the task was added on."""
    kinh_phi: str | None = None
    """Kinh phí / Nguồn kinh phí column (budget) as printed, where the table has one."""
    page_start: int | None = None
    page_end: int | None = None
    block: int | None = None
    source: str = "table"
    """Where the task was read: ``"table"`` (a task table) or ``"prose"`` (labelled plan lines)."""
    ordinal_as_read: str | None = None
    """The TT as printed when :func:`pipeline.structure.appendix.check_ordinals` repaired it."""
    cells: list = field(default_factory=list, repr=False, compare=False)
    """The reader's :class:`~pipeline.model.Cell` objects the row was read from, in reading order
    (continuation rows after the first); provenance only (:mod:`pipeline.store.places`). Empty for prose tasks."""


@dataclass(slots=True)
class Decision:
    """A parsed administrative document (văn bản) with its Decree 30 parts.

    Values are normalised (NFC, government tone-mark placement); parts the
    document lacks are ``None``, never guessed. ``number`` is the full number and
    symbol as printed after "Số:" [docNumber]; ``issue_date`` comes from the
    place-and-date line [docDate].
    """

    document: Document
    doc_type: str | None = None
    number: str | None = None
    number_symbol: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    #: Province named in the text when the header names only a unit below it ("Ủy ban nhân dân
    #: thị xã Bỉm Sơn" … "Tỉnh ủy Thanh Hóa"); see :mod:`pipeline.structure.completion`.
    province: str | None = None
    place: str | None = None
    issue_date: date | None = None
    date_text: str | None = None
    title: str | None = None
    authority: str | None = None
    signature: Signature | None = None
    plan_title: str | None = None
    plan_year: int | None = None
    tasks: list[Task] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    #: Header values printed but unreadable (handwritten): "number" ("Số: ⁄Z⁄46
    #: /QĐ-UBND"), "day" ("ngày 4 6tháng 10"). Only these may be completed from
    #: outside the text (file name, signing time); blanks and misread digits
    #: ("1O5", "O5") are not listed.
    unreadable: set[str] = field(default_factory=set)
    #: Header values left blank in the source (an unsigned draft: "Số:    /KH-UBND",
    #: "ngày   tháng 6 năm 2026"): field ("number", "date") → the printed line. The
    #: warning is written after completion, only for a field no other evidence filled.
    blank: dict[str, str] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    # Issue 3: every Decree 30/2020 part (None / empty when the document lacks it).
    national_motto: str | None = None
    number_seq: str | None = None
    number_year: int | None = None
    recipients_to: str | None = None
    archive_note: str | None = None
    parts: dict[str, Part] = field(default_factory=dict)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    #: Every document mention as ``(part name, Citation)``; the span indexes that
    #: part's text ("preamble", "body", "plan") or the cell ("task:<row>:<field>").
    citations: list[tuple[str, Citation]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    plan_items: list[PlanItem] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # Tag stage (pipeline/nlp): assignments, deadlines, products, mentions.
    annotations: Annotations | None = None
    #: Every table of the document, fragments stitched and kinds set (pipeline.structure.tables).
    tables: list[DocumentTable] = field(default_factory=list)


@dataclass(slots=True)
class Failure:
    """A file that could not be ingested: which file, at which stage, and why."""

    source_file: str
    stage: Literal["read", "parse", "tag", "write"]
    reason: str
    doc_id: str | None = None


@dataclass(slots=True)
class Part:
    """One part of a document as normalised text (phần văn bản): "preamble", "body",
    "recipients", "plan" … Character spans of the records below index ``text``.

    ``text`` joins the part's paragraphs with ``"\\n"``; ``pages[i]`` is the page of
    the paragraph starting at ``starts[i]`` (``None`` for formats without pages).
    """

    name: str
    text: str = ""
    starts: list[int] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """Page of the paragraph holding character ``offset`` (``None`` if unpaged)."""
        page = None
        for start, p in zip(self.starts, self.pages):
            if start > offset:
                break
            page = p
        return page


@dataclass(slots=True)
class Citation:
    """A mention of another document (trích dẫn văn bản) [ref/citation].

    ``cited_type`` is the base type ("Nghị quyết", "Luật", "Kế hoạch" for "Kế hoạch
    hành động" …); ``cited_number`` the number and symbol as printed ("30c/NQ-CP");
    ``cited_date`` the date of issue when stated; ``cited_issuer`` the body as
    stated in one spelling (abbreviations UBND/HĐND spelt out, position words such as
    "Giám đốc" dropped, case as the gazetteer or government style writes it: "Chính Phủ",
    "CHÍNH PHỦ" → "Chính phủ"; the printed form stays in ``text``), ``None`` when not
    stated; ``cited_title`` the trích yếu or law name when given. ``start``/``end`` index the text given to the parser.
    """

    text: str
    start: int
    end: int
    cited_type: str | None = None
    cited_number: str | None = None
    cited_date: date | None = None
    cited_issuer: str | None = None
    cited_title: str | None = None


@dataclass(slots=True)
class LegalBasis:
    """One legal basis or recital of the preamble (căn cứ / xét đề nghị …) [preamble/citation].

    ``kind`` is "căn cứ", "xét đề nghị", "theo đề nghị" or "thực hiện". A "Căn cứ"
    paragraph is one basis (Decree 30 lists one per paragraph) citing its first
    document, the others in ``chained``; a recital gives one basis per proposal it
    cites. A recital citing no document has ``citation=None``. ``start``/``end`` index the
    ``preamble`` part; ``text`` is the whole clause.
    """

    kind: str
    text: str
    start: int
    end: int
    page: int | None = None
    citation: Citation | None = None
    #: Further documents the same "Căn cứ" paragraph lists beside ``citation``
    #: ("Căn cứ Nghị quyết số 30c/NQ-CP …, Nghị quyết số 76/NQ-CP …"): one paragraph is one basis.
    chained: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """An article, clause or point of the body (Điều / khoản / điểm) [body/article].

    ``path`` is "3" for Điều 3, "3.2" for its khoản 2, "3.2.a" for điểm a.
    ``level`` is "article", "clause" or "point". Spans index the ``body`` part.
    """

    path: str
    level: str
    number: str
    heading: str | None
    text: str
    start: int
    end: int
    page: int | None = None


@dataclass(slots=True)
class Recipient:
    """One addressee of "Nơi nhận" (recipients); the "Lưu: …" line is not one."""

    index: int
    name: str
    note: str | None
    start: int
    end: int
    page: int | None = None


@dataclass(slots=True)
class PlanItem:
    """A section or item of a plan (Kế hoạch: I., 1., a), -) as a tree node.

    ``path`` is stable and readable: "I", "I.2", "I.2.a"; bullets get "I.6.-2"
    (second bullet under I.6). ``parent`` is the parent's path (``None`` for a
    section). ``numbered_path`` is the nearest numbered item's path (bullets
    inherit it). Spans index the ``plan`` part.
    """

    path: str
    parent: str | None
    level: str
    label: str
    text: str
    start: int
    end: int
    numbered_path: str = ""
    page: int | None = None


@dataclass(slots=True)
class Target:
    """A numeric target (chỉ tiêu): value, unit and comparator as ASCII.

    ``comparator`` is one of ">=", ">", "=", "<", "<=" (tối thiểu / ít nhất / từ …
    trở lên → ">="; trên → ">"; dưới → "<"; tối đa / không quá → "<="; no cue or
    "đạt" → "="). ``subject`` is what is measured. ``start``/``end`` index the
    text given to the parser (the value and its cue); ``item_path`` is set by the
    plan parser.
    """

    value: float
    unit: str
    comparator: str
    subject: str | None
    text: str
    start: int
    end: int
    item_path: str | None = None
    page: int | None = None
