"""One document as HTML: Decree 30 parts, body text, appendix table, entities, page references.

:func:`html` takes a :class:`~pipeline.diff.plan.Plan` (the document's rows in
every dataset, from a file parsed in memory or from ``processed/``) and renders
``document.html.j2``. Entities come from the ``mentions`` rows of the tagging
stage and are drawn with spaCy's displaCy (manual mode: our own spans, text
escaped by displaCy); without mentions the cells are shown as plain text.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from pipeline.diff.plan import Plan, Row
from pipeline.views import task_cells
from pipeline.views.places import Place, place

#: Decree 30/2020 parts shown in the header table: (Vietnamese part, our name, documents column).
PARTS = (
    ("Cơ quan chủ quản", "issuer_parent", "issuer_parent"),
    ("Tên cơ quan ban hành", "issuer [docProponent]", "issuer"),
    ("Số, ký hiệu", "number [docNumber]", "number"),
    ("Địa danh và thời gian", "place, issue_date [docDate]", "issue_date"),
    ("Tên loại", "doc_type [docType]", "doc_type"),
    ("Trích yếu", "title [docTitle]", "title"),
    ("Thẩm quyền ban hành", "authority [preamble/formula]", "authority"),
    ("Kế hoạch kèm theo", "plan_title, plan_year", "plan_title"),
    ("Thẩm quyền ký", "signing_capacity [conclusions]", "signing_capacity"),
    ("Chức vụ người ký", "signer_position", "signer_position"),
    ("Họ tên người ký", "signer_name", "signer_name"),
)

#: Columns whose provenance span is recorded under another field name.
SPAN_FIELD = {"signing_capacity": "signature", "signer_position": "signature", "signer_name": "signature"}

#: Columns shown in place of the one named in PARTS (the date line as printed).
DISPLAY = {"issue_date": "date_text"}

#: Part datasets shown as tables under the header (structure stage), in document order.
EXTRA_DATASETS = ("legal_bases", "articles", "plan_items", "targets", "recipients")

#: Columns left out of those tables: keys and offsets that mean nothing to a reader.
HIDDEN_COLUMNS = (
    "doc_id",
    "pipeline_version",
    "province",
    "year",
    "part",
    "char_start",
    "char_end",
    "citation_start",
    "citation_end",
)

#: displaCy colours per mention label (DESIGN.md §2 nlp labels).
COLORS = {
    "AGENCY": "#cfe2ff",
    "ROLE_CUE": "#e2d9f3",
    "DEADLINE": "#ffe5b4",
    "PRODUCT": "#d1f2d9",
    "CITATION": "#f8d7da",
    "TARGET": "#fff3cd",
}


def _span(row: Row) -> tuple[int, int] | None:
    """Character offsets of a mention row (``char_start``/``char_end``, else ``start``/``end``)."""
    start = row["char_start"] if row.get("char_start") is not None else row.get("start")
    end = row["char_end"] if row.get("char_end") is not None else row.get("end")
    if start is None or end is None:
        return None
    return int(start), int(end)


def highlight(text: str | None, mentions: list[Row]) -> Markup:
    """``text`` with its mentions drawn by displaCy; plain escaped text when there are none.

    Mentions whose offsets do not fit the text, or overlap an earlier one, are
    left out (displaCy draws non-overlapping spans).
    """
    text = text or ""
    ents: list[dict[str, Any]] = []
    last = 0
    for row in sorted(mentions, key=lambda r: _span(r) or (0, 0)):
        span = _span(row)
        if span is None or span[0] < last or span[1] > len(text) or span[0] >= span[1]:
            continue
        ents.append({"start": span[0], "end": span[1], "label": str(row.get("label") or "ENT")})
        last = span[1]
    if not ents:
        return escape(text)
    from spacy import displacy

    drawn = displacy.render(
        {"text": text, "ents": ents, "title": None},
        style="ent",
        manual=True,
        page=False,
        jupyter=False,
        options={"colors": COLORS},
    )
    return Markup(drawn)


def _normalised(plan: Plan, task_id: str, pdf: str | None = None) -> dict[str, list[tuple[str, Place | None]]]:
    """Normalised values of one task from the tagging datasets: ``(display string, place in the source)``."""
    assignments = [
        (f"{r.get('role')}: {r.get('agency')}" + (" (collective)" if r.get("collective") else ""), place(r, pdf))
        for r in plan.by_task("assignments").get(task_id, [])
    ]
    deadlines = [
        (
            str(r.get("kind"))
            + (f": {r.get('start') or '…'} – {r.get('end') or '…'}" if r.get("start") or r.get("end") else "")
            + (f" ({r.get('recurrence')})" if r.get("recurrence") else ""),
            place(r, pdf),
        )
        for r in plan.by_task("deadlines").get(task_id, [])
    ]
    products = [
        (f"{r.get('kind')}" + (f" (approver: {r.get('approver')})" if r.get("approver") else ""), place(r, pdf))
        for r in plan.by_task("products").get(task_id, [])
    ]
    return {"assignments": assignments, "deadlines": deadlines, "products": products}


def task_views(plan: Plan, pdf: str | None = None) -> list[dict[str, Any]]:
    """One dict per appendix row: raw cells (highlighted), normalised fields with their places, pages.

    ``pdf``: URL of the source PDF the page numbers link to (``None``: no links).
    """
    mentions = plan.by_task("mentions")
    out = []
    for task in plan.get("tasks"):
        task_id = str(task["task_id"])
        own = mentions.get(task_id, [])
        cells = [
            (
                label,
                highlight(
                    task.get(column), [m for m in own if m.get("field") in (column, column.removesuffix("_text"))]
                ),
            )
            for label, column in task_cells()
            if task.get(column)
        ]
        pages = task.get("page_start")
        if pages is not None and task.get("page_end") not in (None, pages):
            pages = f"{pages}–{task.get('page_end')}"
        where = place(task, pdf, "task_page", "the Nhiệm vụ cell") or place(task, pdf, "page_start")
        out.append({"row": task, "cells": cells, "normalised": _normalised(plan, task_id, pdf), "pages": pages, "place": where})
    return out


def part_views(plan: Plan) -> list[dict[str, Any]]:
    """The text of each part (preamble, body, plan, recipients) with its mentions drawn by displaCy.

    The tagging stage indexes mentions outside the appendix by part (field =
    part name, offsets into the ``parts`` text), so each part is drawn whole.
    """
    mentions = plan.get("mentions")
    return [
        {
            "part": part.get("part"),
            "html": highlight(part.get("text"), [m for m in mentions if m.get("field") == part.get("part")]),
        }
        for part in plan.get("parts")
        if part.get("text") and not str(part.get("part")).startswith("task")
    ]


def _pages_of_fields(document: Row) -> dict[str, Any]:
    """Header field → page of its provenance span (``documents.spans``)."""
    return {str(s.get("field")): s.get("page") for s in document.get("spans") or [] if s.get("page") is not None}


def html(plan: Plan, pdf: str | None = None) -> str:
    """The HTML view of one document (self-contained: inline CSS, no scripts).

    ``pdf``: URL of the source PDF (relative to the view, or ``file://``); page
    numbers of tasks and values link to ``<pdf>#page=N`` with the box in the tooltip.
    """
    from pipeline.views import render

    doc = plan.document
    pages = _pages_of_fields(doc)
    parts = [
        (vi, name, doc.get(DISPLAY.get(column, column)), pages.get(SPAN_FIELD.get(column, column)))
        for vi, name, column in PARTS
    ]
    extra = {name: plan.get(name) for name in EXTRA_DATASETS if plan.get(name)}
    return render(
        "document.html.j2",
        doc=doc,
        parts=parts,
        extra=extra,
        paragraphs=plan.paragraphs,
        tasks=task_views(plan, pdf if doc.get("source_format") == "pdf" else None),
        tagged=bool(plan.get("mentions")),
        hidden=HIDDEN_COLUMNS,
        part_texts=part_views(plan),
    )
