"""Whole-dataset snapshots for comparing two runs (tests only)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.store.load import load
from pipeline.store.schema import DATASETS

#: Sort keys that make a dataset's row order independent of file order.
KEYS = {"documents": ["doc_id"], "tasks": ["task_id"], "failures": ["source_file"]}


def snapshot(root: Path) -> dict[str, pd.DataFrame]:
    """Every dataset under ``root`` (duplicates kept), sorted by its key, index reset."""
    out = {}
    for name in DATASETS:
        frame = load(name, root, duplicates=True)
        keys = [k for k in KEYS.get(name, ["doc_id"]) if k in frame.columns]
        if keys:
            frame = frame.sort_values(keys, kind="stable")
        out[name] = frame.reset_index(drop=True)
    return out


def assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    """Two snapshots hold the same rows in every dataset."""
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def visible_temporaries(root: Path) -> list[Path]:
    """Temporary files a reader could trip over (there must be none)."""
    return [p for p in root.rglob("*") if p.name.startswith((".tmp-", ".probe-"))]
