"""Rows for the datasets, built from a :class:`~pipeline.model.Decision`.

Pure functions: no I/O. Column names follow :mod:`pipeline.store.schema`.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline import __version__
from pipeline.model import Citation, Decision, Document, Failure, Span
from pipeline.model.task_columns import TASK_COLUMNS
from pipeline.store.identity import document_key, source_kind
from pipeline.store.period import plan_period
from pipeline.store.places import TaskPlace, task_columns, task_places
from pipeline.store.sketch import DRAFT_LINES, content_sketch, is_draft
from pipeline.structure.province import current_province, match_province, slug
from pipeline.text import normalize
from pipeline.text.metrics import page_text

Row = dict[str, Any]


def central_issuer(decision: Decision) -> bool:
    """True when the issuer or its parent body is central (level ``central`` in ``pipeline/data/agencies.json``)."""
    from pipeline.nlp.gazetteer import is_central

    return is_central(decision.issuer) or is_central(decision.issuer_parent)


def province_of(decision: Decision) -> str | None:
    """Province named by the issuer, its parent, the authority or the place (first found).

    ``None`` for a central issuer (a Bộ signing "Hà Nội, ngày …" is not Hà Nội's).
    """
    if central_issuer(decision):
        return None
    if decision.province:
        return decision.province
    for text in (decision.issuer, decision.issuer_parent, decision.authority, decision.place):
        found = match_province(text)
        if found:
            return found
    return None


def partition_of(decision: Decision) -> tuple[str, int | None]:
    """``(province slug, year)``: ``year`` is ``plan_year`` for plans, else the year of issue.

    Documents of central bodies (:func:`central_issuer`) go to ``province=trung-uong``;
    any other document without a province to ``province=unknown``.
    """
    province = province_of(decision)
    year = decision.plan_year
    if year is None and decision.issue_date is not None:
        year = decision.issue_date.year
    if year is None and decision.date_text:
        m = re.search(r"(19|20)\d\d", decision.date_text)
        year = int(m.group(0)) if m else None
    return slug(province, default="trung-uong" if central_issuer(decision) else "unknown"), year


def _span_row(field: str, span: Span) -> Row:
    """One provenance entry of the ``documents.spans`` list: the field, its page and bounding box (points)."""
    bbox = span.bbox
    return {
        "field": field,
        "page": span.page,
        "x0": bbox[0] if bbox else None,
        "top": bbox[1] if bbox else None,
        "x1": bbox[2] if bbox else None,
        "bottom": bbox[3] if bbox else None,
        "block": span.block,
    }


def document_row(decision: Decision, source_file: str) -> Row:
    """The ``documents`` row of one decision."""
    doc = decision.document
    sig = decision.signature
    province = province_of(decision)
    spans = [_span_row(name, span) for name, span in decision.spans.items()]
    if sig is not None and sig.span is not None:
        spans.append(_span_row("signature", sig.span))
    start, end = plan_period(decision.plan_title, decision.issue_date.year if decision.issue_date else None)
    return {
        "doc_id": doc.doc_id,
        "source_file": source_file,
        "source_format": doc.source_format,
        "page_count": doc.page_count,
        "doc_type": decision.doc_type,
        "number": decision.number,
        "number_symbol": decision.number_symbol,
        "issuer": decision.issuer,
        "issuer_parent": decision.issuer_parent,
        "authority": decision.authority,
        "province_name": province,
        "province_current": current_province(province),
        "place": decision.place,
        "issue_date": decision.issue_date,
        "date_text": decision.date_text,
        "title": decision.title,
        "signer_name": sig.name if sig else None,
        "signer_position": sig.position if sig else None,
        "signing_capacity": sig.capacity if sig else None,
        "plan_title": decision.plan_title,
        "plan_year": decision.plan_year,
        "task_count": len(decision.tasks),
        "warnings": [w.as_row() for w in decision.warnings],
        "spans": spans,
        "pipeline_version": __version__,
        "number_seq": decision.number_seq,
        "number_year": decision.number_year,
        "national_motto": decision.national_motto,
        "recipients_to": decision.recipients_to,
        "archive_note": decision.archive_note,
        "article_count": sum(1 for a in decision.articles if a.level == "article"),
        "recipient_count": len(decision.recipients),
        "legal_basis_count": len(decision.legal_bases),
        "target_count": len(decision.targets),
        "source_kind": source_kind(doc),
        "document_key": document_key(decision.issuer, decision.number, decision.issue_date),
        "duplicate_of": None,
        **_identity_columns(decision, source_file),
        "plan_start_year": start,
        "plan_end_year": end,
    }


def _identity_columns(decision: Decision, source_file: str) -> Row:
    """``is_draft``, ``content_sketch``, ``task_sketch`` and a null ``version_of`` (set after the run by
    :func:`pipeline.store.identity.resolve_duplicates`)."""
    doc = decision.document
    first = [normalize(line.text) for line in doc.lines()[:DRAFT_LINES]]
    return {
        "is_draft": is_draft(first, source_file),
        "version_of": None,
        "content_sketch": content_sketch(normalize(page_text(page)) for page in doc.pages),
        "task_sketch": content_sketch(
            " ".join(filter(None, (t.task_text, t.product_text, t.deadline_text))) for t in decision.tasks
        ),
    }


#: Marks printed in the TT column in place of a number (sub-items of Nghị quyết 116/NQ-CP's task 4):
#: each row so marked is keyed like a row without ordinal.
BULLET_ORDINALS = frozenset("-–—+•*")


def task_keys(tasks: list) -> list[str]:
    """``task_key`` per task row (without the ``'<doc_id>:'`` prefix): rows of one task share one key.

    Consecutive rows with the same section and TT/STT ordinal (the ordinal is
    repeated on each product line of a merged task) are one task: ``'II.3'``
    (``'3'`` without a section). A row without an ordinal continues the task
    above when its Nhiệm vụ text is the same, else it is a task of its own,
    ``'#<row_index>'``; so does a row whose TT holds a dash (:data:`BULLET_ORDINALS`). A (section, ordinal) pair that comes back after other
    rows gets ``'~2'``, ``'~3'`` ….
    """
    keys: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    previous: tuple[str, str] | None = None
    for i, t in enumerate(tasks):
        pair = (t.section or "", (t.ordinal or "").strip().rstrip(".):").strip())  # "1." (Word numbering) and "1" alike
        if pair[1] in BULLET_ORDINALS:  # a dash in the TT column marks an item, it numbers nothing
            pair = (pair[0], "")
        if not pair[1]:
            same = i > 0 and keys and t.task_text and t.task_text == tasks[i - 1].task_text
            keys.append(keys[-1] if same else f"#{t.row_index}")
            continue
        if pair != previous:
            seen[pair] = seen.get(pair, 0) + 1
        previous = pair
        base = f"{pair[0]}.{pair[1]}" if pair[0] else pair[1]
        keys.append(base if seen[pair] == 1 else f"{base}~{seen[pair]}")
    return keys


def task_rows(decision: Decision, places: dict[int, TaskPlace] | None = None) -> list[Row]:
    """The ``tasks`` rows of one decision, in document order, with the cells each was read from
    (:func:`pipeline.store.places.task_columns`); ``places`` is :func:`task_places` of the
    decision when the caller has it already."""
    doc_id = decision.document.doc_id
    places = task_places(decision) if places is None else places
    return [
        {
            "doc_id": doc_id,
            "task_id": f"{doc_id}:{t.row_index}",
            "task_key": f"{doc_id}:{key}",
            "row_index": t.row_index,
            "section": t.section,
            "section_title": t.section_title,
            **{c.attr: getattr(t, c.attr) for c in TASK_COLUMNS},
            "source": t.source,
            "ordinal_as_read": t.ordinal_as_read,
            "page_start": t.page_start,
            "page_end": t.page_end,
            "block": t.block,
            **task_columns(places.get(t.row_index) if t.source == "table" else None),
        }
        for t, key in zip(decision.tasks, task_keys(decision.tasks))
    ]


def page_rows(document: Document) -> list[Row]:
    """The ``pages`` rows of one document: per-page source kind, text, OCR confidence, warnings.

    ``text`` is the page's lines and table rows in block order
    (:func:`pipeline.text.metrics.page_text`), normalised.
    """
    return [
        {
            "doc_id": document.doc_id,
            "page": page.number if document.paged else None,
            "source_kind": page.source_kind,
            "text": normalize(page_text(page)),
            "ocr_confidence": page.ocr_confidence,
            "warnings": [w.as_row() for w in page.warnings],
        }
        for page in document.pages
    ]


def _box(bbox: tuple[float, float, float, float] | None) -> Row:
    keys = ("x0", "top", "x1", "bottom")
    return dict(zip(keys, bbox)) if bbox else dict.fromkeys(keys)


def table_rows(decision: Decision) -> dict[str, list[Row]]:
    """Rows of ``tables`` (one per table) and ``table_cells`` (one per cell, long form) of one decision.

    Built from ``decision.tables`` (:func:`pipeline.structure.tables.document_tables`):
    every table of the document whatever its kind. A merged cell is written once,
    at its top-left position; the rows it covers below hold no cell of their own.
    """
    doc_id = decision.document.doc_id
    tables: list[Row] = []
    cells: list[Row] = []
    for t in decision.tables:
        header = [normalize(c.text) for row in t.rows[: t.header_rows] for c in row if not c.merged_from_above]
        tables.append({
            "doc_id": doc_id, "table_index": t.index, "kind": t.kind, "page_start": t.page_start,
            "page_end": t.page_end, "header_rows": t.header_rows, "n_rows": t.n_rows, "n_cols": t.n_cols,
            "header": " | ".join(dict.fromkeys(h for h in header if h)) or None,
            "fragments": len(t.fragments), "block": t.block, "sheet": t.name, "depth": t.depth,
            **_box(t.fragments[0].bbox),
        })
        cells.extend(
            {
                "doc_id": doc_id, "table_index": t.index, "row": c.row, "col": c.col, "row_span": c.row_span,
                "col_span": c.col_span, "text": normalize(c.text), "is_header": c.row < t.header_rows,
                "page": c.page, **_box(c.bbox), "confidence": c.confidence,
            }
            for row in t.rows
            for c in row
            if not c.merged_from_above
        )
    return {"tables": tables, "table_cells": cells}


def failure_row(failure: Failure) -> Row:
    """The ``failures`` row of one failed file."""
    return {
        "source_file": failure.source_file,
        "stage": failure.stage,
        "reason": failure.reason,
        "doc_id": failure.doc_id,
        "pipeline_version": __version__,
    }


# --- Issue 3: rows of the part datasets -------------------------------------------


def _span(part: str, page: int | None, start: int, end: int) -> Row:
    return {"part": part, "page": page, "char_start": start, "char_end": end}


def _cited(c: Citation | None) -> Row:
    return {
        "cited_type": c.cited_type if c else None,
        "cited_number": c.cited_number if c else None,
        "cited_date": c.cited_date if c else None,
        "cited_issuer": c.cited_issuer if c else None,
        "cited_title": c.cited_title if c else None,
    }


def part_rows(decision: Decision) -> dict[str, list[Row]]:
    """Rows of ``parts``, ``legal_bases``, ``citations``, ``articles``, ``recipients``,
    ``plan_items`` and ``targets`` for one decision, keyed by dataset name."""
    doc_id = decision.document.doc_id
    pages = {name: part for name, part in decision.parts.items()}
    tasks = {t.row_index: t for t in decision.tasks}

    def page_of(part: str, offset: int) -> int | None:
        if part in pages:
            return pages[part].page_at(offset)
        if part.startswith("task:"):
            task = tasks.get(int(part.split(":")[1]))
            return task.page_start if task else None
        return None

    basis_spans = {(c.start, c.end) for b in decision.legal_bases for c in ([b.citation] if b.citation else []) + b.chained}
    return {
        "parts": [{"doc_id": doc_id, "part": p.name, "text": p.text} for p in decision.parts.values()],
        "legal_bases": [
            {"doc_id": doc_id, "basis_index": i, "kind": b.kind, **_cited(b.citation), "text": b.text,
             **_span("preamble", b.page, b.start, b.end),
             "citation_start": b.citation.start if b.citation else None,
             "citation_end": b.citation.end if b.citation else None}
            for i, b in enumerate(decision.legal_bases)
        ],
        "citations": [
            {"doc_id": doc_id, "citation_index": i, **_cited(c), "text": c.text,
             "is_basis": part == "preamble" and (c.start, c.end) in basis_spans,
             **_span(part, page_of(part, c.start), c.start, c.end)}
            for i, (part, c) in enumerate(decision.citations)
        ],
        "articles": [
            {"doc_id": doc_id, "path": a.path, "level": a.level, "number": a.number, "heading": a.heading,
             "text": a.text, **_span("body", a.page, a.start, a.end)}
            for a in decision.articles
        ],
        "recipients": [
            {"doc_id": doc_id, "recipient_index": r.index, "name": r.name, "note": r.note,
             **_span("recipients", r.page, r.start, r.end)}
            for r in decision.recipients
        ],
        "plan_items": [
            {"doc_id": doc_id, "path": p.path, "parent_path": p.parent, "level": p.level, "label": p.label,
             "numbered_path": p.numbered_path, "text": p.text, **_span("plan", p.page, p.start, p.end)}
            for p in decision.plan_items
        ],
        "targets": [
            {"doc_id": doc_id, "target_index": i, "item_path": t.item_path, "value": float(t.value), "unit": t.unit,
             "comparator": t.comparator, "subject": t.subject, "text": t.text,
             **_span("plan", t.page, t.start, t.end)}
            for i, t in enumerate(decision.targets)
        ],
    }


def dataset_rows(decision: Decision, source_file: str) -> dict[str, list[Row]]:
    """Every dataset's rows for one decision: ``{dataset: [row, …]}``.

    The one place the runner asks for rows; a new dataset adds its schema to
    :data:`pipeline.store.schema.DATASETS` and its rows here. A dataset with no
    rows for this decision still appears (an empty list), so a rerun clears the
    rows an earlier version wrote.
    """
    places = task_places(decision)  # where each task's cells are: for the tasks and the tagged values
    return {
        "documents": [document_row(decision, source_file)],
        "tasks": task_rows(decision, places),
        **part_rows(decision),
        **annotation_rows(decision, places),
        "pages": page_rows(decision.document),
        **table_rows(decision),
    }


# Rows of the tag stage's datasets live in their own module; kept importable from here.
from pipeline.store.tagged_rows import agency_rollup, annotation_rows  # noqa: E402

__all__ = [
    "agency_rollup", "annotation_rows", "dataset_rows", "document_row", "failure_row", "page_rows",
    "part_rows", "partition_of", "province_of", "table_rows", "task_keys", "task_rows",
]
