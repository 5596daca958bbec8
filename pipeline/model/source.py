"""Records the readers produce: a source as pages of lines, tables and OCR words (văn bản nguồn).

Coordinates are PDF points (1/72 inch) in page space with the origin at the top
left: ``(x0, top, x1, bottom)``, as pdfplumber reports them. Formats without pages
(DOCX, HTML, Markdown) set ``page`` and ``bbox`` to ``None`` and rely on ``block``
(paragraph or table index in document order) for provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pipeline.model.notes import Note

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points, origin top left of the page."""

SourceKind = Literal["text", "ocr", "legacy_decoded", "docx", "html", "markdown", "spreadsheet"]


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
    ``name`` is the worksheet name of a spreadsheet table (``None`` elsewhere).
    ``depth`` is 0 for a table in the body and 1 for a table nested inside a
    cell of another (DOCX), 2 one level further, and so on.
    """

    rows: list[list[Cell]]
    n_cols: int
    page: int | None = None
    bbox: BBox | None = None
    block: int = 0
    name: str | None = None
    depth: int = 0


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
    ``"legacy_decoded"`` …) and ``warnings`` why (:class:`~pipeline.model.notes.Note`
    records; the text-layer triage records its decision and reason there). OCR pages keep every recognised ``words``
    entry and their mean ``ocr_confidence`` (0–100); text-layer pages leave
    both empty.
    """

    number: int
    width: float | None = None
    height: float | None = None
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    source_kind: SourceKind = "text"
    warnings: list[Note] = field(default_factory=list)
    #: Text drawn by signing software over blanks of the page (the number and day
    #: stamped into "Số:   /QĐ-UBND" at signing), read from widget annotations;
    #: kept apart from ``lines`` because it is not part of the page content.
    stamps: list[Line] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    ocr_confidence: float | None = None
    #: Borderless layout tables (header block issuer | motto, recipients | signature)
    #: whose cells the reader turned into ``lines``; kept as grids for the ``tables``
    #: dataset only (never parsed as data tables, not in :meth:`Document.tables`).
    layout_tables: list[Table] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """What a reader returns: the source as pages of lines and tables.

    Readers know nothing about decisions. Formats without pages put everything
    on one pseudo page whose ``number`` is 1 but whose lines carry ``page=None``.
    ``doc_id`` is the SHA-256 hex digest of the source bytes.
    """

    doc_id: str
    source_file: str
    source_format: Literal["pdf", "docx", "html", "markdown", "text", "doc", "xlsx", "xls"]
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
