"""Field-level precision, recall and F1 of the tag stage against a gold file.

The gold format is that of ``shared/gold/4032-QD-UBND.json`` (copied to
``tests/data/seed_4032/gold.json``): per task (section, ordinal) the expected
agency-role pairs, collectives, deadlines (kind, start, end), product kinds and
citations. Predicted rows are grouped by (section, ordinal) too, so a task
split over several product lines is compared as one. Names are compared after
:func:`pipeline.text.normalize.fold` (case, tone marks, whitespace, dashes).
Products of kind ``other`` (a line whose head names no known kind) are left out:
the gold lists typed kinds only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pipeline.model import Annotations, Decision
from pipeline.nlp.products import OTHER
from pipeline.text.normalize import fold

FIELDS = ("agency_role", "collective", "deadlines", "product_kinds", "citations")


@dataclass(slots=True)
class Score:
    """Counts and ratios of one field: true/false positives, false negatives."""

    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _citation_key(record: Any) -> tuple:
    """(type, number, ISO date) of a gold dict or a :class:`~pipeline.model.Citation`."""
    get = record.get if isinstance(record, dict) else lambda k: getattr(record, k, None)
    return (fold(get("cited_type") or ""), (get("cited_number") or "").replace(" ", ""), _iso(get("cited_date")))


def _gold_sets(task: dict) -> dict[str, Counter]:
    return {
        "agency_role": Counter({(fold(a["name"]), a["role"]) for a in task.get("agencies", [])}),
        "collective": Counter({fold(c) for c in task.get("collective", [])}),
        "deadlines": Counter((d["kind"], d.get("start"), d.get("end")) for d in task.get("deadlines", [])),
        "product_kinds": Counter(set(task.get("product_kinds", []))),
        "citations": Counter({_citation_key(c) for c in task.get("citations", [])}),
    }


def _predicted_sets(decision: Decision, ann: Annotations) -> dict[tuple, dict[str, Counter]]:
    key_of = {t.row_index: (t.section, t.ordinal) for t in decision.tasks}
    out: dict[tuple, dict[str, set | Counter]] = {}

    def bucket(row: int | None) -> dict:
        key = key_of.get(row) if row is not None else None
        return out.setdefault(key, {f: (Counter() if f == "deadlines" else set()) for f in FIELDS})

    for a in ann.assignments:
        if a.collective:
            bucket(a.row_index)["collective"].add(fold(a.agency))
        else:
            bucket(a.row_index)["agency_role"].add((fold(a.agency), a.role))
    for d in ann.deadlines:
        bucket(d.row_index)["deadlines"][(d.kind, _iso(d.start), _iso(d.end))] += 1
    for p in ann.products:
        if p.kind != OTHER:
            bucket(p.row_index)["product_kinds"].add(p.kind)
    for row, _field, record in ann.citations:
        bucket(row)["citations"].add(_citation_key(record))
    return {k: {f: v if isinstance(v, Counter) else Counter(v) for f, v in sets.items()} for k, sets in out.items()}


def evaluate(gold: dict, decision: Decision, ann: Annotations) -> dict[str, Score]:
    """Scores per field (see :data:`FIELDS`) of ``ann`` against ``gold['tasks']``.

    Tasks are matched on (section, ordinal); predictions for tasks absent from
    the gold are not counted (the gold need not list every task).
    """
    scores = {f: Score(f) for f in FIELDS}
    predicted = _predicted_sets(decision, ann)
    for task in gold["tasks"]:
        expected = _gold_sets(task)
        got = predicted.get((task.get("section"), str(task.get("ordinal"))), {})
        for f in FIELDS:
            g, p = expected[f], got.get(f, Counter())
            tp = sum((g & p).values())
            scores[f].tp += tp
            scores[f].fp += sum(p.values()) - tp
            scores[f].fn += sum(g.values()) - tp
    return scores
