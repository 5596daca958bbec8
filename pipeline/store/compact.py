"""Merge a partition's per-document files into one file (``pipeline compact``).

A run writes one small file per document per dataset, which keeps reruns
idempotent but makes readers open many files. Compaction merges every file of a
partition folder into ``part-<uuid>.parquet`` and records in the manifest
(:mod:`pipeline.store.manifest`, table ``compacted``) which documents it holds,
so a later rerun of one document takes its rows out of the merged file again
(:func:`evict`) before writing its own file.

Crash safety: before a merge the list of input files is saved in the manifest
(``state`` key ``compacting``); the merged file appears by an atomic rename;
only then are the inputs deleted and the flag cleared. :func:`recover` finishes
or rolls back an interrupted merge and runs at the start of every ingest and
compaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.manifest import MANIFEST_NAME, Manifest

#: Name prefix of merged files.
PART_PREFIX = "part-"


@dataclass(slots=True)
class CompactSummary:
    """What a compaction did: partitions merged, files before and after."""

    partitions: int = 0
    files_before: int = 0
    files_after: int = 0


def _partition_dirs(root: Path, dataset: str) -> list[Path]:
    return sorted(p for p in (root / dataset).glob("province=*/year=*") if p.is_dir())


def recover(root: Path, manifest: Manifest) -> None:
    """Finish (merged file present) or roll back (absent) an interrupted merge."""
    pending = manifest.flagged("compacting")
    if not pending:
        return
    job = json.loads(pending)
    merged = Path(job["merged"])
    if merged.exists():
        for name in job["inputs"]:
            if Path(name) != merged:
                Path(name).unlink(missing_ok=True)
                manifest.drop_compacted(path=name)
    else:
        manifest.drop_compacted(path=str(merged))
    manifest.flag("compacting", None)


def _merge(folder: Path, dataset: str, files: list[Path], manifest: Manifest) -> None:
    """Merge ``files`` of one partition folder into a new ``part-*.parquet``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.store.schema import DATASETS
    from pipeline.store.writer import write_table

    schema = DATASETS[dataset]
    table = pa.concat_tables([pq.ParquetFile(f).read().cast(schema) for f in files])
    merged = folder / f"{PART_PREFIX}{uuid.uuid4().hex}.parquet"
    manifest.flag("compacting", json.dumps({"merged": str(merged), "inputs": [str(f) for f in files]}))
    write_table(merged, table)
    doc_ids = sorted(set(table.column("doc_id").to_pylist()))
    manifest.add_compacted([(doc_id, dataset, str(merged)) for doc_id in doc_ids])
    for f in files:
        f.unlink(missing_ok=True)
        manifest.drop_compacted(path=str(f))
    manifest.flag("compacting", None)


def compact(root: Path, min_files: int = 2) -> CompactSummary:
    """Merge every partition folder holding at least ``min_files`` files; return counts.

    Rows are unchanged (same schema, same values); only the number of files
    drops. Failures are not compacted (one small file per failed source path),
    nor are derived datasets such as ``plan_diffs`` (one file per pair of plans).
    Raises :class:`pipeline.store.load.OlderSchema` for a folder written with an
    older schema version (``pipeline ingest`` rebuilds it first).
    """
    from pipeline.store.schema import DATASETS, DERIVED, UNPARTITIONED

    summary = CompactSummary()
    with Manifest(root) as manifest:
        from pipeline.store.migrate import FLAG
        from pipeline.store.version import SCHEMA_VERSION

        if manifest.flagged(FLAG) not in (None, SCHEMA_VERSION) or (manifest.flagged(FLAG) is None and manifest.entries()):
            from pipeline.store.load import OlderSchema

            raise OlderSchema(
                f"{root} holds files written with an older schema version: run `pipeline ingest` again to rebuild the datasets"
            )
        recover(root, manifest)
        for dataset in DATASETS:
            if dataset in UNPARTITIONED or dataset in DERIVED:
                continue
            for folder in _partition_dirs(root, dataset):
                files = sorted(folder.glob("*.parquet"))
                if len(files) < min_files:
                    continue
                _merge(folder, dataset, files, manifest)
                summary.partitions += 1
                summary.files_before += len(files)
                summary.files_after += 1
        from pipeline.store.verify import record

        record(root, manifest)  # the next run checks the merged files, not the removed ones
    return summary


def evict(root: Path, doc_id: str) -> None:
    """Take ``doc_id``'s rows out of merged files (no-op without a manifest)."""
    if not (root / MANIFEST_NAME).exists():
        return
    with Manifest(root) as manifest:
        moved = manifest.compacted_paths(doc_id)
        if not moved:
            return
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from pipeline.store.writer import write_table

        for _dataset, name in moved:
            path = Path(name)
            if path.exists():
                table = pq.ParquetFile(path).read()
                kept = table.filter(pc.not_equal(table.column("doc_id"), doc_id))
                if kept.num_rows:
                    write_table(path, kept)
                else:
                    path.unlink(missing_ok=True)
        manifest.drop_compacted(doc_id=doc_id)
