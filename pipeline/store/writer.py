"""Atomic, idempotent Parquet writes: one file per document per dataset.

Layout (Hive partitions, readable in one call by pandas, pyarrow, DuckDB,
Polars)::

    processed/<dataset>/province=<slug>/year=<yyyy>/<doc_id>.parquet
    processed/failures/<key>.parquet

A file is written to a hidden temporary name in its final folder, then renamed
over the target (``os.replace``, atomic on POSIX): readers see the old file or
the new one, never half of one. Before the rename, copies of the same document
left in other partitions by an earlier run are removed, so a rerun replaces a
document's rows instead of appending them, and rows that ``pipeline compact``
moved into a merged file are taken out of it (:mod:`pipeline.store.compact`).
Temporary files end in ``.part``, so neither a ``*.parquet`` glob (DuckDB,
Polars) nor pyarrow's hidden-file rule ever shows one to a reader;
:func:`sweep_temporaries` removes those a killed run left behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    import pyarrow as pa

#: Prefix of temporary files; readers skip names starting with "." or "_".
TMP_PREFIX = ".tmp-"
#: Suffix of temporary files: never matched by ``*.parquet``.
TMP_SUFFIX = ".part"


def write_table(path: Path, table: pa.Table) -> None:
    """Write ``table`` to ``path`` atomically (temporary file in the same folder, fsync, rename)."""
    import pyarrow.parquet as pq

    _write_atomic(path, lambda handle: pq.write_table(table, handle, compression="zstd"))


def write_guide(root: Path) -> bool:
    """Write ``README.md`` into the output folder ``root`` (what the datasets are, how to read them).

    The guide is generated (:func:`pipeline.store.reference.folder_guide`), so
    the output folder holds nothing written by hand and can stay out of
    version control. Rewritten atomically only when its text changed; returns
    whether it was written.
    """
    from pipeline.store.reference import folder_guide

    path = root / "README.md"
    text = folder_guide(root.name)
    if path.is_file() and path.read_text("utf-8") == text:
        return False
    _write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))
    return True


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; a symbolic link at ``path`` is replaced, never written through."""
    _write_atomic(path, lambda handle: handle.write(data))


def file_mode() -> int:
    """Permission bits of a new file under the process umask (``0o666 & ~umask``, e.g. 0644 for umask 022).

    ``mkstemp`` creates 0600 files whatever the umask; datasets in a shared
    folder must be readable as the umask allows, like any file the user creates.
    """
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it (and put it back at once)
    os.umask(mask)
    return 0o666 & ~mask


def _write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Create ``path`` through ``write(handle)`` on a temporary file in the same folder, fsync, rename.

    The file gets the umask's permissions (:func:`file_mode`); ``os.replace``
    swaps the name, so a symbolic link planted at ``path`` is replaced, not followed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def partition_dir(root: Path, dataset: str, province: str, year: int | None) -> Path:
    """``root/dataset/province=<slug>/year=<yyyy or 0>``."""
    return root / dataset / f"province={province}" / f"year={year if year is not None else 0}"


def write_document(
    root: Path,
    doc_id: str,
    rows: Mapping[str, Sequence[Mapping[str, Any]]],
    province: str,
    year: int | None,
) -> dict[str, int]:
    """Write one document's rows to every dataset in ``rows``; return rows written per dataset.

    Each dataset gets one file named ``<doc_id>.parquet`` in the document's
    partition (also when it has no rows, so a rerun that finds none clears the old
    ones). Copies in other partitions are then removed.
    """
    import pyarrow as pa

    from pipeline.store.compact import evict
    from pipeline.store.schema import DATASETS

    evict(root, doc_id)
    counts: dict[str, int] = {}
    for dataset, dataset_rows in rows.items():
        schema = DATASETS[dataset]
        target = partition_dir(root, dataset, province, year) / f"{doc_id}.parquet"
        write_table(target, pa.Table.from_pylist(list(dataset_rows), schema=schema))
        for stale in (root / dataset).glob(f"province=*/year=*/{doc_id}.parquet"):
            if stale != target:
                stale.unlink(missing_ok=True)
        counts[dataset] = len(dataset_rows)
    return counts


def failure_key(source_file: str) -> str:
    """File name stem of a failure record: SHA-256 of the source path (first 32 hex digits)."""
    return hashlib.sha256(source_file.encode("utf-8")).hexdigest()[:32]


def write_failure(root: Path, row: Mapping[str, Any]) -> None:
    """Record (or replace) the failure of one source file."""
    import pyarrow as pa

    from pipeline.store.schema import FAILURES

    path = root / "failures" / f"{failure_key(str(row['source_file']))}.parquet"
    write_table(path, pa.Table.from_pylist([dict(row)], schema=FAILURES))


def clear_failure(root: Path, source_file: str) -> None:
    """Forget an earlier failure of a file that has now been ingested."""
    (root / "failures" / f"{failure_key(source_file)}.parquet").unlink(missing_ok=True)


def remove_document(root: Path, doc_id: str) -> int:
    """Remove every row of ``doc_id`` from every partitioned dataset, and the ``plan_diffs`` of
    every pair of plans it is one of (``<old>--<new>.parquet``); return files removed."""
    from pipeline.store.compact import evict
    from pipeline.store.schema import DATASETS, UNPARTITIONED

    evict(root, doc_id)
    removed = 0
    for dataset in DATASETS:
        if dataset in UNPARTITIONED:
            continue
        for name in (f"{doc_id}.parquet", f"{doc_id}--*.parquet", f"*--{doc_id}.parquet"):
            for path in (root / dataset).glob(f"province=*/year=*/{name}"):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


#: Zero-row file that keeps a dataset folder without rows readable in one call.
EMPTY_NAME = "empty.parquet"


def ensure_readable(root: Path) -> int:
    """Give every dataset ingest writes at least one Parquet file under ``root``; return files written.

    A dataset without rows (``failures`` after a clean run; every partitioned
    dataset after a run where all files failed) gets ``EMPTY_NAME``: zero rows
    with the dataset's schema, at ``failures/empty.parquet`` or in partition
    ``province=unknown`` of the unknown year, so ``pd.read_parquet``, pyarrow,
    DuckDB and Polars read the folder in one call with the right columns. Once a
    dataset has other files, its placeholder is removed. Derived datasets
    (``plan_diffs``) are not ingest's and are left alone. Never raises: a
    dataset path that cannot be written (a file in its place) is skipped; the
    run has already recorded why its documents failed.
    """
    from pipeline.store.schema import DATASETS, DERIVED, UNPARTITIONED

    written = 0
    for dataset, schema in DATASETS.items():
        if dataset in DERIVED:
            continue
        folder = root / dataset
        try:
            written += _keep_readable(folder, schema, None if dataset in UNPARTITIONED else partition_dir(root, dataset, "unknown", None))
        except OSError:
            continue
    return written


def _keep_readable(folder: Path, schema: pa.Schema, partition: Path | None) -> int:
    """Write ``EMPTY_NAME`` into ``partition`` (or ``folder``) when ``folder`` has no other Parquet file; else drop it."""
    if folder.exists() and not folder.is_dir():
        return 0
    target = (partition or folder) / EMPTY_NAME
    if folder.is_dir() and any(f != target for f in folder.rglob("*.parquet")):  # stops at the first other file
        target.unlink(missing_ok=True)
        return 0
    if target.exists():
        return 0
    write_table(target, schema.empty_table())
    return 1


def sweep_temporaries(root: Path) -> int:
    """Delete temporary files a killed writer left under ``root``; return how many."""
    removed = 0
    if not root.is_dir():
        return 0
    for path in root.rglob(f"{TMP_PREFIX}*{TMP_SUFFIX}"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
