"""Compare two plans: header, appendix tasks, plan body items, targets, legal bases.

:func:`diff_plans` is the entry point; the work is in :mod:`pipeline.diff.tasks`
(tasks aligned one to one and compared field by field) and
:mod:`pipeline.diff.body` (everything outside the appendix).
"""

from __future__ import annotations

from pipeline.diff.align import NO_MATCH
from pipeline.diff.body import diff_header, diff_items, diff_legal_bases, diff_targets
from pipeline.diff.changes import PlanDiff
from pipeline.diff.plan import Plan
from pipeline.diff.related import unrelated
from pipeline.diff.tasks import compare_tasks, diff_tasks

__all__ = ["compare_tasks", "diff_plans", "diff_tasks"]


def diff_plans(old: Plan, new: Plan, threshold: float = NO_MATCH, *, force: bool = False) -> PlanDiff:
    """Compare two plans; returns every change and the task cards.

    ``threshold`` (0–100) is the alignment score under which two tasks, items
    or targets are taken as different ones (one removed, one added). Two
    documents that look unrelated (:func:`pipeline.diff.related.unrelated`) are
    not aligned unless ``force``: the result has only the header changes and
    ``unrelated`` says why.
    """
    reason = unrelated(old, new)
    if reason and not force:
        return PlanDiff(old, new, diff_header(old, new), [], unrelated=reason)
    task_changes, cards = diff_tasks(old, new, threshold)
    changes = (
        diff_header(old, new)
        + task_changes
        + diff_items(old, new, threshold)
        + diff_targets(old, new, threshold)
        + diff_legal_bases(old, new)
    )
    return PlanDiff(old, new, changes, cards, unrelated=reason, forced=bool(reason))
