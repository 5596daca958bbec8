"""Plan diffs: align the tasks of two plans, compare fields, report (DESIGN.md §2 ``diff/``).

Use :func:`diff` with two references (a source file or a ``doc_id`` under the
datasets root), or build :class:`~pipeline.diff.plan.Plan` objects yourself and
call :func:`~pipeline.diff.compare.diff_plans`.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.diff.changes import Card, Change, PlanDiff
from pipeline.diff.compare import diff_plans
from pipeline.diff.plan import Plan, PlanNotFound, resolve

__all__ = ["Card", "Change", "Plan", "PlanDiff", "PlanNotFound", "diff", "diff_plans", "resolve"]


def diff(old: str, new: str, root: str | Path = "processed", *, force: bool = False) -> PlanDiff:
    """Diff two plans given as file paths or doc_ids (looked up under ``root``).

    Unrelated documents are not aligned unless ``force`` (``PlanDiff.unrelated`` says why).
    """
    return diff_plans(resolve(old, root), resolve(new, root), force=force)
