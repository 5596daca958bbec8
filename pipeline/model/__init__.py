"""Typed records passed between pipeline stages (the only contract between them).

Flow (DESIGN.md §2): ``readers`` build a :class:`Document`; ``structure`` turns it
into a :class:`Decision`; ``store`` writes rows derived from both.

Coordinates are PDF points (1/72 inch) in page space with the origin at the top
left: ``(x0, top, x1, bottom)``, as pdfplumber reports them. Formats without pages
(DOCX, HTML, Markdown) set ``page`` and ``bbox`` to ``None`` and rely on ``block``
(paragraph or table index in document order) for provenance.
"""

from pipeline.model.decision import Span, Signature, Task, Decision, Failure, Part, Citation, LegalBasis, Article, Recipient, PlanItem, Target
from pipeline.model.source import Line, Cell, Table, Word, Page, Document, BBox, SourceKind
from pipeline.model.tags import Mention, Assignment, Deadline, Product, Annotations
from pipeline.model.tables import DocumentTable, TableKind
from pipeline.model.notes import CODES, Note

__all__ = ["Annotations", "Article", "Assignment", "BBox", "CODES", "Cell", "Citation", "Deadline", "Decision", "Document", "DocumentTable", "Failure", "LegalBasis", "Line", "Mention", "Note", "Page", "Part", "PlanItem", "Product", "Recipient", "Signature", "SourceKind", "Span", "Table", "TableKind", "Target", "Task", "Word"]
