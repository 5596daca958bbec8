"""Rows for the datasets, built from a :class:`~pipeline.model.Decision`.

Pure functions: no I/O. Column names follow :mod:`pipeline.store.schema`.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline import __version__
from pipeline.model import Decision, Failure
from pipeline.structure.province import current_province, match_province, slug

Row = dict[str, Any]


def province_of(decision: Decision) -> str | None:
    """Province named by the issuer, its parent, the authority or the place (first found)."""
    for text in (decision.issuer, decision.issuer_parent, decision.authority, decision.place):
        found = match_province(text)
        if found:
            return found
    return None


def partition_of(decision: Decision) -> tuple[str, int | None]:
    """``(province slug, year)``: ``year`` is ``plan_year`` for plans, else the year of issue.

    Documents of central bodies (no province) go to ``province=trung-uong``.
    """
    province = province_of(decision)
    year = decision.plan_year
    if year is None and decision.issue_date is not None:
        year = decision.issue_date.year
    if year is None and decision.date_text:
        m = re.search(r"(19|20)\d\d", decision.date_text)
        year = int(m.group(0)) if m else None
    return slug(province, default="trung-uong" if decision.issuer else "unknown"), year


def document_row(decision: Decision, source_file: str) -> Row:
    """The ``documents`` row of one decision."""
    doc = decision.document
    sig = decision.signature
    province = province_of(decision)
    spans = [
        {
            "field": name,
            "page": span.page,
            "x0": span.bbox[0] if span.bbox else None,
            "top": span.bbox[1] if span.bbox else None,
            "x1": span.bbox[2] if span.bbox else None,
            "bottom": span.bbox[3] if span.bbox else None,
            "block": span.block,
        }
        for name, span in decision.spans.items()
    ]
    if sig is not None and sig.span is not None:
        bbox = sig.span.bbox
        spans.append(
            {
                "field": "signature",
                "page": sig.span.page,
                "x0": bbox[0] if bbox else None,
                "top": bbox[1] if bbox else None,
                "x1": bbox[2] if bbox else None,
                "bottom": bbox[3] if bbox else None,
                "block": sig.span.block,
            }
        )
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
        "warnings": list(decision.warnings),
        "spans": spans,
        "pipeline_version": __version__,
    }


def task_rows(decision: Decision) -> list[Row]:
    """The ``tasks`` rows of one decision, in document order."""
    doc_id = decision.document.doc_id
    return [
        {
            "doc_id": doc_id,
            "task_id": f"{doc_id}:{t.row_index}",
            "row_index": t.row_index,
            "section": t.section,
            "section_title": t.section_title,
            "ordinal": t.ordinal,
            "task_text": t.task_text,
            "product_text": t.product_text,
            "deadline_text": t.deadline_text,
            "assignment_text": t.assignment_text,
            "lead_text": t.lead_text,
            "coordinate_text": t.coordinate_text,
            "monitor_text": t.monitor_text,
            "page_start": t.page_start,
            "page_end": t.page_end,
            "block": t.block,
        }
        for t in decision.tasks
    ]


def failure_row(failure: Failure) -> Row:
    """The ``failures`` row of one failed file."""
    return {
        "source_file": failure.source_file,
        "stage": failure.stage,
        "reason": failure.reason,
        "doc_id": failure.doc_id,
        "pipeline_version": __version__,
    }
