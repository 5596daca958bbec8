"""Rows of the tag stage's datasets (``assignments``, ``deadlines``, ``products``, ``mentions``).

Pure functions: no I/O. Column names follow :mod:`pipeline.store.schema_tagged`. Each
value carries where it was read: the task row and field with character offsets,
and its page, table cell and box (:func:`pipeline.store.places.value_columns`).
"""

from __future__ import annotations

from typing import Any

from pipeline.model import Annotations, Decision
from pipeline.store.period import in_period, plan_period, quarter
from pipeline.store.places import TaskPlace, task_places, value_columns

Row = dict[str, Any]


def _key(doc_id: str, row_index: int | None) -> Row:
    return {"doc_id": doc_id, "task_id": f"{doc_id}:{row_index}" if row_index is not None else None, "row_index": row_index}


def agency_rollup(agency: str, successor: str | None, collective: bool) -> Row:
    """``agency_current`` (the body after the 2025 reorganisation: ``successor``, else ``agency``)
    and ``agency_group`` (the current body, or for a collective its group,
    :func:`pipeline.nlp.collectives.collective_group`)."""
    from pipeline.nlp.collectives import collective_group

    current = successor or agency
    return {"agency_current": current, "agency_group": collective_group(agency) if collective else current}


def annotation_rows(decision: Decision, places: dict[int, TaskPlace] | None = None) -> dict[str, list[Row]]:
    """Rows of ``assignments``, ``deadlines``, ``products`` and ``mentions`` (tag stage output).

    Empty lists when the decision was not tagged. ``places`` is :func:`task_places` of the
    decision when the caller has it already.
    """
    doc_id = decision.document.doc_id
    ann = decision.annotations or Annotations()
    if places is None:
        places = task_places(decision) if ann.assignments or ann.deadlines or ann.products or ann.mentions else {}
    tasks = {t.row_index: t for t in decision.tasks}

    def place(row_index: int | None, name: str, start: int, end: int) -> Row:
        return value_columns(decision, places, tasks.get(row_index) if row_index is not None else None, name, start, end)
    assignments = [
        {
            **_key(doc_id, a.row_index),
            "agency": a.agency, "agency_kind": a.agency_kind, "agency_level": a.agency_level, "role": a.role,
            "advises": a.advises, "collective": a.collective, "mention": a.mention, "successor": a.successor,
            "field": a.field, "char_start": a.start, "char_end": a.end,
            **agency_rollup(a.agency, a.successor, a.collective),
            **place(a.row_index, a.field, a.start, a.end),
        }
        for a in ann.assignments
    ]
    start, end = plan_period(decision.plan_title, decision.issue_date.year if decision.issue_date else None)
    deadlines = [
        {
            **_key(doc_id, d.row_index),
            "text": d.text, "kind": d.kind, "start": d.start, "end": d.end, "recurrence": d.recurrence,
            "note": d.note, "duration": d.duration, "duration_working": d.working,
            "field": d.field, "char_start": d.start_char, "char_end": d.end_char,
            "quarter": quarter(d.end), "in_plan_period": in_period(d.end, start, end),
            **place(d.row_index, d.field, d.start_char, d.end_char),
        }
        for d in ann.deadlines
    ]
    products = [
        {
            **_key(doc_id, p.row_index),
            "kind": p.kind, "approver": p.approver, "text": p.text,
            "field": p.field, "char_start": p.start_char, "char_end": p.end_char,
            **place(p.row_index, p.field, p.start_char, p.end_char),
        }
        for p in ann.products
    ]
    mentions = [
        {
            **_key(doc_id, m.row_index),
            "label": m.label, "text": m.text, "value": m.value,
            "field": m.field, "char_start": m.start, "char_end": m.end,
            **place(m.row_index, m.field, m.start, m.end),
        }
        for m in ann.mentions
    ]
    return {"assignments": assignments, "deadlines": deadlines, "products": products, "mentions": mentions}
