"""Typed records passed between pipeline stages (the only contract between them).

Flow (DESIGN.md §2): ``readers`` build a :class:`Document`; ``structure`` turns it
into a :class:`Decision`; ``store`` writes rows derived from both.

Coordinates are PDF points (1/72 inch) in page space with the origin at the top
left: ``(x0, top, x1, bottom)``, as pdfplumber reports them. Formats without pages
(DOCX, HTML, Markdown) set ``page`` and ``bbox`` to ``None`` and rely on ``block``
(paragraph or table index in document order) for provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points, origin top left of the page."""

SourceKind = Literal["text", "ocr", "legacy_decoded", "docx", "html", "markdown"]


@dataclass(slots=True)
class Line:
    """One line of text as read from the source (dòng).

    ``text`` is the original text, never normalised. ``column`` is 0 for a line
    that spans the text block or sits in the left column of a two-column layout
    block (header: issuer | motto; closing: recipients | signature), 1 for the
    right column. ``block`` groups lines of one paragraph or layout cell.
    """

    text: str
    page: int | None = None
    bbox: BBox | None = None
    column: int = 0
    block: int = 0
    bold: bool = False
    italic: bool = False
    size: float | None = None
    style: str | None = None
    numbering: tuple[int, int] | None = None
    offset: int | None = None
    """Character offset of the line in the decoded source (text and Markdown files)."""
    confidence: float | None = None
    """Mean Tesseract word confidence (0–100) of an OCR'd line; ``None`` for text layers."""


@dataclass(slots=True)
class Cell:
    """One cell of a table grid (ô).

    ``row``/``col`` are grid positions in the table fragment; ``row_span`` and
    ``col_span`` count grid rows/columns covered. A cell continued from the row
    above by a vertical merge (Word ``vMerge``) has ``merged_from_above=True`` and
    repeats the top cell's text. Line breaks and bullets inside the cell are kept
    in ``text`` as ``"\\n"``.
    """

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    merged_from_above: bool = False
    page: int | None = None
    bbox: BBox | None = None
    offset: int | None = None
    """Character offset of the cell's text in the decoded source (text files)."""
    confidence: float | None = None
    """Mean Tesseract word confidence (0–100) of an OCR'd cell; ``None`` for text layers."""


@dataclass(slots=True)
class Table:
    """A ruled table or one page's fragment of it (bảng).

    A table that runs over several PDF pages arrives as one ``Table`` per page,
    in order; ``structure.appendix`` stitches them. ``n_cols`` is the grid width.
    ``block`` is the position of the table among the document's blocks.
    """

    rows: list[list[Cell]]
    n_cols: int
    page: int | None = None
    bbox: BBox | None = None
    block: int = 0


@dataclass(slots=True)
class Word:
    """One OCR word (từ) as Tesseract read it: text, box in PDF points, confidence 0–100."""

    text: str
    bbox: BBox
    confidence: float


@dataclass(slots=True)
class Page:
    """One page (trang): its lines in reading order and its table fragments.

    ``source_kind`` says where the text came from (``"text"`` layer, ``"ocr"``,
    ``"legacy_decoded"`` …) and ``warnings`` why (the text-layer triage records
    its decision and reason there). OCR pages keep every recognised ``words``
    entry and their mean ``ocr_confidence`` (0–100); text-layer pages leave
    both empty.
    """

    number: int
    width: float | None = None
    height: float | None = None
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    source_kind: SourceKind = "text"
    warnings: list[str] = field(default_factory=list)
    #: Text drawn by signing software over blanks of the page (the number and day
    #: stamped into "Số:   /QĐ-UBND" at signing), read from widget annotations;
    #: kept apart from ``lines`` because it is not part of the page content.
    stamps: list[Line] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    ocr_confidence: float | None = None


@dataclass(slots=True)
class Document:
    """What a reader returns: the source as pages of lines and tables.

    Readers know nothing about decisions. Formats without pages put everything
    on one pseudo page whose ``number`` is 1 but whose lines carry ``page=None``.
    ``doc_id`` is the SHA-256 hex digest of the source bytes.
    """

    doc_id: str
    source_file: str
    source_format: Literal["pdf", "docx", "html", "markdown", "text", "doc"]
    pages: list[Page]
    paged: bool = True
    #: Signing times of the PDF's digital signatures (thời gian ký số), as
    #: written in each signature dictionary's /M entry (ISO 32000-1 §12.8.1),
    #: in file order; empty for unsigned files and other formats.
    signing_times: list[datetime] = field(default_factory=list)

    @property
    def page_count(self) -> int | None:
        """Number of physical pages, ``None`` for formats without pages."""
        return len(self.pages) if self.paged else None

    def lines(self) -> list[Line]:
        """All lines of all pages in reading order."""
        return [line for page in self.pages for line in page.lines]

    def tables(self) -> list[Table]:
        """All table fragments in document order."""
        return [t for page in self.pages for t in page.tables]


@dataclass(slots=True)
class Span:
    """Where a parsed value came from: page, bbox and block of its first line."""

    page: int | None = None
    bbox: BBox | None = None
    block: int | None = None


@dataclass(slots=True)
class Signature:
    """Chữ ký (Decree 30/2020, Appendix I, part 7) [conclusions]."""

    capacity: str | None = None
    position: str | None = None
    name: str | None = None
    span: Span | None = None


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
    page_start: int | None = None
    page_end: int | None = None
    block: int | None = None


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
    place: str | None = None
    issue_date: date | None = None
    date_text: str | None = None
    title: str | None = None
    authority: str | None = None
    signature: Signature | None = None
    plan_title: str | None = None
    plan_year: int | None = None
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
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
    stated (abbreviations UBND/HĐND spelt out, position words such as "Giám đốc"
    dropped), ``None`` when not stated; ``cited_title`` the trích yếu or law name
    when given. ``start``/``end`` index the text given to the parser.
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

    ``kind`` is "căn cứ", "xét đề nghị", "theo đề nghị" or "thực hiện". A recital
    citing no document has ``citation=None``. ``start``/``end`` index the
    ``preamble`` part; ``text`` is the whole clause.
    """

    kind: str
    text: str
    start: int
    end: int
    page: int | None = None
    citation: Citation | None = None


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


# --- Tagging (pipeline/nlp): who must deliver what, by when -----------------------------


@dataclass(slots=True)
class Mention:
    """One tagged span in one text field (DESIGN.md §3 ``mentions``).

    ``label`` is AGENCY, ROLE_CUE, DEADLINE, PRODUCT, CITATION or TARGET;
    ``value`` the normalised value (canonical agency, role, deadline kind and
    dates, product kind …); ``field`` the task field (``assignment_text``,
    ``lead_text`` …) or document part; ``start``/``end`` are character offsets
    in that field's normalised text. ``row_index`` is the task row, ``None`` for
    plan text outside the appendix.
    """

    label: str
    text: str
    value: str | None
    field: str
    start: int
    end: int
    row_index: int | None = None


@dataclass(slots=True)
class Assignment:
    """A task × agency × role (phân công): DESIGN.md §3 ``assignments``.

    ``role`` is lead (chủ trì, or the named performer), coordinate (phối hợp),
    appraise (thẩm định) or monitor (tổng hợp, theo dõi, đôn đốc, kiểm tra).
    ``advises`` names the body advised or submitted to ("tham mưu UBND tỉnh"),
    which is never an assignee. ``collective`` marks group mentions ("các sở,
    ban, ngành"), whose ``agency`` is the mention as written. ``successor`` is
    the body's successor after the 2025 reorganisation. ``start``/``end``:
    offsets of ``mention`` in ``field``.
    """

    row_index: int
    agency: str
    agency_kind: str
    agency_level: str
    role: str
    mention: str
    field: str
    start: int
    end: int
    advises: str | None = None
    collective: bool = False
    successor: str | None = None


@dataclass(slots=True)
class Deadline:
    """One deadline (tiến độ, thời gian hoàn thành): DESIGN.md §3/§4 ``deadlines``.

    ``kind`` is date, month, quarter, half_year, year, multi_year, ongoing,
    recurring, relative or per_schedule; ``start``/``end`` are inclusive dates or
    ``None``; ``recurrence`` is annual, quarterly, monthly, weekly or ``None``;
    ``note`` says how a relative or year-less phrase was resolved.
    ``start_char``/``end_char`` locate ``text`` in the cell.
    """

    text: str
    kind: str
    start: date | None
    end: date | None
    start_char: int
    end_char: int
    recurrence: str | None = None
    note: str | None = None
    row_index: int | None = None
    field: str = "deadline_text"


@dataclass(slots=True)
class Product:
    """One product (sản phẩm) of a task: kind and approving or issuing body."""

    kind: str
    text: str
    start_char: int
    end_char: int
    approver: str | None = None
    row_index: int | None = None
    field: str = "product_text"


@dataclass(slots=True)
class Annotations:
    """Everything the tag stage found in one decision.

    ``citations`` holds ``(row_index, field, citation)`` for citations found in
    task cells (by :func:`pipeline.structure.citations.parse_citations`).
    ``unresolved`` lists agency-column items of 7-column tables that resolved
    to no canonical name or collective (goal: none), as ``(row_index, field,
    text)``; ``unparsed_deadlines`` the deadline cells in which no deadline was
    recognised, as ``(row_index, text)``. Both are also added to the
    decision's ``warnings``.
    """

    assignments: list[Assignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    citations: list[tuple[int | None, str, Citation]] = field(default_factory=list)
    unresolved: list[tuple[int, str, str]] = field(default_factory=list)
    unparsed_deadlines: list[tuple[int, str]] = field(default_factory=list)
