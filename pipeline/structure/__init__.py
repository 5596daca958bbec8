"""Structure: the Decree 30/2020 parts of a document and its appendix table.

:func:`parse` is the stage's one entry point: ``Document`` in, ``Decision`` out.
"""

from __future__ import annotations

from pipeline.model import Decision, Document
from pipeline.structure import patterns as P
from pipeline.structure.appendix import parse_appendix
from pipeline.structure.header import find_type_line, parse_header, read_title
from pipeline.structure.signature import find_signature
from pipeline.text import normalize

__all__ = ["parse"]


def parse(document: Document) -> Decision:
    """Parse a :class:`Document` into a :class:`Decision`.

    Reads the header (issuer, number, place and date, type, title, authority),
    the signature of the main document, the title and year of an attached or
    self-standing plan (Kế hoạch), and the appendix tasks. Never raises on
    missing parts: they stay ``None`` and a warning may be recorded.
    """
    decision = Decision(document=document)
    lines = document.lines()
    body_start = parse_header(lines, decision)
    attached = _attached_plan(lines, body_start)
    decision.signature = find_signature(lines, body_start, attached if attached is not None else len(lines))
    _plan(decision, lines, attached)
    decision.tasks = parse_appendix(document.tables())
    return decision


def _attached_plan(lines, start: int) -> int | None:  # type: ignore[no-untyped-def]
    """Index of a "KẾ HOẠCH" type line after the main document's signature, if any."""
    seen_closing = False
    for i in range(start, len(lines)):
        text = normalize(lines[i].text)
        if P.RECIPIENTS_HEAD.match(text):
            seen_closing = True
        elif seen_closing and text == "KẾ HOẠCH" and lines[i].column == 0:
            return i
    return None


def _plan(decision: Decision, lines, attached: int | None) -> None:  # type: ignore[no-untyped-def]
    """Set ``plan_title``/``plan_year`` from the attached plan or the document itself."""
    title = None
    if attached is not None:
        title, _ = read_title(lines, attached + 1)
    elif decision.doc_type == "Kế hoạch":
        title = decision.title
    if not title:
        return
    decision.plan_title = "Kế hoạch " + title[:1].lower() + title[1:]
    m = P.PLAN_YEAR.search(title)
    decision.plan_year = int(m.group(1)) if m else None


# Re-exported for callers that parse a header on its own.
find_type_line = find_type_line
