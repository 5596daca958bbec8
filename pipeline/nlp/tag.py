"""The tag stage: a parsed :class:`~pipeline.model.Decision` → its :class:`~pipeline.model.Annotations`.

Runs the Vietnamese pipeline (:mod:`pipeline.nlp.language`) on every task cell
and on the plan's body text (split into sentences by underthesea), and turns
the spans into records: assignments (task × agency × role), deadlines,
products, and one mention per span. Relative deadlines are resolved with the
decision's ``plan_year`` (else the year of issue).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.model import Annotations, Decision, Mention, Note, Product, Task
from pipeline.model.task_columns import tagged
from pipeline.nlp.assign import COLUMN_ROLES, assign_column, assign_text
from pipeline.nlp.language import SPAN_GROUPS, annotate, get_nlp
from pipeline.nlp.products import OTHER
from pipeline.nlp.tokenizer import doc_text
from pipeline.text.normalize import normalize

#: Task cells the stage tags, from the task-column registry (``TaskColumn.tag``).
TASK_FIELDS = tuple(c.attr for c in tagged())


def context_year(decision: Decision) -> int | None:
    """The year relative phrases refer to: ``plan_year``, else the year of issue."""
    if decision.plan_year:
        return decision.plan_year
    return decision.issue_date.year if decision.issue_date else None


def span_value(span) -> str | None:  # type: ignore[no-untyped-def]
    """Normalised value of a span for the ``mentions`` dataset."""
    if span.label_ == "AGENCY":
        return span._.agency["canonical"]
    if span.label_ == "ROLE_CUE":
        return span.kb_id_
    if span.label_ == "DEADLINE":
        d = span._.deadline
        if d.duration:  # "duration P2D"
            return f"{d.kind} {d.duration}"
        return f"{d.kind} {d.start.isoformat() if d.start else ''}..{d.end.isoformat() if d.end else ''}".strip()
    if span.label_ == "PRODUCT":
        return span._.product.kind
    record = span._.record
    if span.label_ == "TARGET":
        return f"{record.comparator} {record.value:g} {record.unit}".strip()
    return record.cited_number or record.cited_type


def mentions_of(doc: Doc, field: str, row_index: int | None) -> list[Mention]:
    """One :class:`Mention` per span of every group, in text order."""
    out = [
        Mention(span.label_, span.text, span_value(span), field, span.start_char, span.end_char, row_index)
        for key in SPAN_GROUPS
        for span in doc.spans.get(key, [])
    ]
    out.sort(key=lambda m: (m.start, m.end, m.label))
    return out


def _products(doc: Doc, row_index: int) -> list[Product]:
    """Products of a cell: one per kind; a line with no known kind is one ``other`` product."""
    out: list[Product] = []
    seen_lines = set()
    for span in doc.spans.get("products", []):
        p = span._.product
        out.append(Product(p.kind, p.text, p.start_char, p.end_char, p.approver, row_index))
        seen_lines.add(p.start_char)
    for m in re.finditer(r"[^\n]+", doc_text(doc)):
        text = m.group().strip()
        if m.start() not in seen_lines and text.strip(" -+•*"):
            out.append(Product(OTHER, text, m.start(), m.end(), None, row_index))
    out.sort(key=lambda p: p.start_char)
    return out


def tag_task(task: Task, year: int | None, ann: Annotations) -> None:
    """Tag one task row's cells into ``ann`` (appends)."""
    row = task.row_index
    for column in tagged():
        field = column.attr
        text = getattr(task, field)
        if not text:
            continue
        doc = annotate(text, year, deadline_cell=column.tag == "deadline")
        ann.mentions.extend(mentions_of(doc, field, row))
        for span in doc.spans.get("citations", []):
            ann.citations.append((row, field, span._.record))
        if column.tag == "deadline":
            for span in doc.spans.get("deadlines", []):
                d = span._.deadline
                d.row_index, d.field = row, field
                ann.deadlines.append(d)
            if not doc.spans.get("deadlines") and text.strip():
                ann.unparsed_deadlines.append((row, text))
        elif column.tag == "product":
            ann.products.extend(_products(doc, row))
        elif column.tag == "assignment":
            ann.assignments.extend(assign_text(doc, row, field))
        elif column.tag == "role" and field in COLUMN_ROLES:
            found, unresolved = assign_column(doc, row, field)
            ann.assignments.extend(found)
            ann.unresolved.extend((row, field, item) for item in unresolved)


def body_texts(decision: Decision) -> list[tuple[str, str]]:
    """``(field, text)`` of the plan text outside the appendix.

    The structure stage's parts (``decision.parts``: preamble, body, plan …)
    when it found them, so that mention offsets index the ``parts`` dataset;
    otherwise the document's lines, normalised, wrapped lines joined, as field
    ``body``.
    """
    if decision.parts:
        return [(name, p.text) for name, p in decision.parts.items() if p.text and not name.startswith("task")]
    text = normalize("\n".join(line.text for line in decision.document.lines()))
    # A line that continues with a lower-case word is a wrapped line of the same paragraph.
    return [("body", re.sub(r"\n(?=\w)", lambda m: " " if text[m.end()].islower() else "\n", text))]


def body_sentences(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)`` pairs of ``text`` by underthesea's sentence splitter.

    Offsets index ``text``; a sentence the splitter re-spaced and that cannot be
    found verbatim is skipped rather than mislocated.
    """
    from underthesea import sent_tokenize

    out: list[tuple[int, str]] = []
    cursor = 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            for sentence in sent_tokenize(paragraph):
                at = text.find(sentence, cursor)
                if sentence.strip() and at >= 0:
                    out.append((at, sentence))
                    cursor = at + len(sentence)
        cursor = max(cursor, text.find("\n", cursor) + 1 if text.find("\n", cursor) >= 0 else len(text))
    return out


def tag(decision: Decision, with_body: bool = True) -> Annotations:
    """All annotations of one decision; also stored on ``decision.annotations``.

    ``with_body`` adds mentions from the text outside the appendix (fields and
    offsets as :func:`body_texts` gives them, ``row_index`` = ``None``).
    """
    get_nlp()
    year = context_year(decision)
    ann = Annotations()
    for task in decision.tasks:
        tag_task(task, year, ann)
    if with_body:
        for field, text in body_texts(decision):
            for offset, sentence in body_sentences(text):
                for mention in mentions_of(annotate(sentence, year), field, None):
                    mention.start += offset
                    mention.end += offset
                    ann.mentions.append(mention)
    decision.warnings.extend(Note("agency_unresolved", f, f"unresolved agency (row {r}): {item}") for r, f, item in ann.unresolved)
    decision.warnings.extend(
        Note("deadline_unrecognised", "deadline_text", f"no deadline recognised (row {r}): {text}") for r, text in ann.unparsed_deadlines
    )
    decision.warnings.extend(
        Note("deadline_years_backwards", "deadline_text",
             f"deadline years written backwards (row {d.row_index}): {d.text!r} read as {d.start.year}-{d.end.year}")
        for d in ann.deadlines
        if d.backwards and d.start and d.end
    )
    decision.annotations = ann
    return ann
