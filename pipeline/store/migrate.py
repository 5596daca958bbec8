"""An output folder written with another schema version is rebuilt, never mixed (lược đồ dữ liệu).

The manifest's state flag ``schema_version`` holds the dataset schema version
(:data:`pipeline.store.version.SCHEMA_VERSION`) the folder's files were written
with; a folder written before the flag existed, holding datasets or manifest
entries, counts as older. Files of two versions cannot be read as one dataset
when a column changed type (``warnings``: ``list<string>`` up to version 5,
``list<struct<code, field, detail>>`` from 6), and rows of old and new
pipelines must not be mixed. So at the start of an ingest run,
:func:`rebuild_if_outdated` deletes every ingest dataset file (placeholders and
merged files included) and forgets every source in the manifest, and hands back
the inputs earlier runs found in a folder that are still there (``origins``
table: folder + source path), so the run ingests them again beside its own:
nothing the folder held is lost. Only files that are gone from disk, or were
given one by one (no folder recorded), stay out until they are ingested again.
Derived datasets (``plan_diffs``) are left alone. The flag is set by
:func:`mark_rebuilt` once the run has stored every file, so a run cut short
rebuilds again: the earlier inputs are found again from the ``origins`` table,
which forgetting a source leaves in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.store.manifest import Manifest
from pipeline.store.verify import dataset_files
from pipeline.store.version import SCHEMA_VERSION

#: Manifest state flag holding the schema version of the folder's dataset files.
FLAG = "schema_version"


@dataclass(frozen=True, slots=True)
class Rebuild:
    """What :func:`rebuild_if_outdated` removed and what must be read again.

    ``version``: the schema version the removed files had (``"before 6"`` for a
    folder that predates the flag). ``earlier``: ``(path, source_file, folder)``
    of the inputs earlier runs found in a folder that still exist on disk, to be
    ingested again with this run. ``lost``: ``(source_file, reason)`` of the
    sources ingested earlier that cannot be read again: gone from their folder,
    or given one by one (no folder recorded).
    """

    version: str
    earlier: list[tuple[Path, str, str]]
    lost: list[tuple[str, str]]


def rebuild_if_outdated(root: Path, manifest: Manifest, check_files: bool = False) -> Rebuild | None:
    """Remove the datasets of ``root`` when written with another schema version.

    The manifest's flag decides; with ``check_files`` (``ingest --force``) the
    schema of every dataset file is read too, so files an older pipeline wrote
    into a folder flagged current are found. Returns ``None`` when the folder is
    current or new (nothing removed), else a :class:`Rebuild` naming the old
    version and the earlier inputs to read again.
    """
    stored = manifest.flagged(FLAG)
    files = dataset_files(root)
    if stored == SCHEMA_VERSION:
        if not (check_files and _older_files(root, files)):
            return None
        stored = f"older than {SCHEMA_VERSION} (files the flag did not account for)"
    entries = manifest.entries()
    if stored is None and not files and not entries:
        manifest.flag(FLAG, SCHEMA_VERSION)
        return None
    earlier, lost = _still_on_disk(manifest, sorted(set(entries) | set(manifest.origins())))
    for rel in files:
        (root / rel).unlink(missing_ok=True)
    for source_file, entry in entries.items():
        if entry.doc_id:
            manifest.drop_compacted(doc_id=entry.doc_id)
        manifest.forget(source_file)
    manifest.set_written({})
    return Rebuild(stored or f"before {SCHEMA_VERSION}", earlier, lost)


def mark_rebuilt(manifest: Manifest) -> None:
    """Record that the folder's datasets are written with this schema version (end of a completed run)."""
    manifest.flag(FLAG, SCHEMA_VERSION)


def _still_on_disk(manifest: Manifest, sources: list[str]) -> tuple[list[tuple[Path, str, str]], list[tuple[str, str]]]:
    """Split earlier sources into ``(path, source_file, folder)`` still on disk and ``(source_file, reason)`` lost."""
    origins = manifest.origins()
    earlier: list[tuple[Path, str, str]] = []
    lost: list[tuple[str, str]] = []
    for source_file in sources:
        folder = origins.get(source_file)
        if folder is None:
            lost.append((source_file, "given by name, not found in a folder: its path was not recorded"))
        elif (Path(folder) / source_file).is_file():
            earlier.append((Path(folder) / source_file, source_file, folder))
        else:
            lost.append((source_file, f"no longer in {folder}"))
    return earlier, lost


def _older_files(root: Path, files: dict[str, tuple[int, int]]) -> bool:
    """Whether a dataset file has a column of another type than this schema version gives it."""
    import pyarrow.parquet as pq

    from pipeline.store.load import dataset_schema
    from pipeline.store.schema import DATASETS

    for rel in files:
        name = rel.split("/", 1)[0]
        if name not in DATASETS:
            continue
        expected = dataset_schema(name)
        try:
            found = pq.read_schema(root / rel)
        except (OSError, ValueError):
            continue  # a damaged file: verify() handles it
        if any(f.name in expected.names and expected.field(f.name).type != f.type for f in found):
            return True
    return False
