"""The ``plan_diffs`` dataset: one row per reported change, one file per pair of plans.

Layout: ``<root>/plan_diffs/province=<slug>/year=<new plan's year>/<old_doc_id>--<new_doc_id>.parquet``,
written atomically by :func:`pipeline.store.writer.write_table`; diffing the same
pair again replaces the file, so reruns never duplicate rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline import __version__
from pipeline.diff.changes import PlanDiff
from pipeline.diff.words import markdown
from pipeline.store.schema import PLAN_DIFFS
from pipeline.store.writer import partition_dir, write_table
from pipeline.structure.province import slug


def diff_rows(d: PlanDiff) -> list[dict[str, Any]]:
    """The ``plan_diffs`` rows of one diff, in report order."""
    return [
        {
            "old_doc_id": d.old.doc_id,
            "new_doc_id": d.new.doc_id,
            "entity": c.entity,
            "change": c.kind,
            "field": c.field,
            "old_key": c.old_key,
            "new_key": c.new_key,
            "old_value": c.old_value,
            "new_value": c.new_value,
            "detail": c.detail,
            "score": c.score,
            "word_diff": markdown(c.words) if c.words else None,
            "pipeline_version": __version__,
        }
        for c in d.changes
    ]


def write_diff(root: str | Path, d: PlanDiff) -> Path:
    """Write (or replace) the ``plan_diffs`` file of this pair under ``root``; return its path."""
    doc = d.new.document
    province = doc.get("province") or slug(doc.get("province_name"), default="unknown")
    year = doc.get("year") or doc.get("plan_year")
    target = partition_dir(Path(root), "plan_diffs", str(province), year) / f"{d.old.doc_id}--{d.new.doc_id}.parquet"
    write_table(target, pa.Table.from_pylist(diff_rows(d), schema=PLAN_DIFFS))
    return target
