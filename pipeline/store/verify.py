"""Dataset files damaged after a run are noticed by the next one (kiểm tra tệp dữ liệu).

At the end of every run and compaction, :func:`record` stores each dataset
file's size and modification time in the manifest (table ``written``). At the
start of the next run, :func:`verify` compares them with the files on disk. A
file that is missing, or whose size or time changed (truncated, overwritten,
half-copied back from a backup), is damaged: it is deleted, and the source
files whose rows it held are forgotten by the manifest, so this same run
ingests them again and rewrites their files. Without this, inputs look
unchanged, the run skips them, and ``export``/``load`` fail until ``--force``.

Which sources a file belongs to: ``<doc_id>.parquet`` → the sources with that
``doc_id``; a merged ``part-*.parquet`` → the documents the manifest lists for
it; ``failures/<key>.parquet`` → the source whose failure key it is; the empty
placeholder (``empty.parquet``) is simply written again. Derived datasets
(``plan_diffs``) are not recorded. Costs one ``stat`` per file, no file is read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline.store.manifest import Manifest

_DOC_ID = re.compile(r"[0-9a-f]{64}")
#: Folders of derived datasets (not ingest's; see ``pipeline.store.schema.DERIVED``).
_NOT_RECORDED = ("plan_diffs",)


def dataset_files(root: Path) -> dict[str, tuple[int, int]]:
    """``relative path → (size, mtime_ns)`` of every Parquet file of the ingest datasets under ``root``."""
    files: dict[str, tuple[int, int]] = {}
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if not folder.is_dir() or folder.name.startswith((".", "_")) or folder.name in _NOT_RECORDED:
            continue
        for current, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
            for name in names:
                if name.endswith(".parquet") and not name.startswith((".", "_")):
                    path = Path(current) / name
                    info = path.stat()
                    files[path.relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns)
    return files


def record(root: Path, manifest: Manifest) -> None:
    """Store the current dataset files' sizes and times in the manifest."""
    manifest.set_written(dataset_files(root))


def verify(root: Path, manifest: Manifest) -> list[str]:
    """Find dataset files changed or gone since :func:`record`; delete them and forget their sources.

    Returns the damaged files' paths (relative to ``root``), in order.
    """
    recorded = manifest.written()
    if not recorded:
        return []
    damaged = []
    for rel, (size, mtime_ns) in sorted(recorded.items()):
        try:
            info = (root / rel).stat()
            if (info.st_size, info.st_mtime_ns) == (size, mtime_ns):
                continue
        except OSError:
            pass
        damaged.append(rel)
    if not damaged:
        return []
    _forget_sources(root, manifest, damaged)
    for rel in damaged:
        (root / rel).unlink(missing_ok=True)
    manifest.set_written({k: v for k, v in recorded.items() if k not in set(damaged)})
    return damaged


def _forget_sources(root: Path, manifest: Manifest, damaged: list[str]) -> None:
    """Forget the manifest entries of the sources whose rows the ``damaged`` files held."""
    from pipeline.store.writer import failure_key

    entries = manifest.entries()
    doc_ids: set[str] = set()
    keys: set[str] = set()
    for rel in damaged:
        stem = Path(rel).stem
        if rel.startswith("failures/"):
            keys.add(stem)
        elif _DOC_ID.fullmatch(stem):
            doc_ids.add(stem)
        else:
            doc_ids.update(manifest.doc_ids_in(str(root / rel)))
            manifest.drop_compacted(path=str(root / rel))
    for source_file, entry in entries.items():
        if entry.doc_id in doc_ids or failure_key(source_file) in keys:
            manifest.forget(source_file)
