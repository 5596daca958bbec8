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
Derived datasets (``plan_diffs``) are left alone. The flag is set last, so a
run cut short rebuilds again.
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
    ingested again with this run. ``lost``: source paths ingested earlier that
    are not on disk any more or were given one by one (no folder recorded).
    """

    version: str
    earlier: list[tuple[Path, str, str]]
    lost: list[str]


def rebuild_if_outdated(root: Path, manifest: Manifest) -> Rebuild | None:
    """Remove the datasets of ``root`` when written with another schema version.

    Returns ``None`` when the folder is current or new (nothing removed), else a
    :class:`Rebuild` naming the old version and the earlier inputs to read again.
    """
    stored = manifest.flagged(FLAG)
    if stored == SCHEMA_VERSION:
        return None
    files = dataset_files(root)
    entries = manifest.entries()
    if stored is None and not files and not entries:
        manifest.flag(FLAG, SCHEMA_VERSION)
        return None
    earlier, lost = _still_on_disk(manifest, list(entries))
    for rel in files:
        (root / rel).unlink(missing_ok=True)
    for source_file, entry in entries.items():
        if entry.doc_id:
            manifest.drop_compacted(doc_id=entry.doc_id)
        manifest.forget(source_file)
    manifest.set_written({})
    manifest.flag(FLAG, SCHEMA_VERSION)
    return Rebuild(stored or f"before {SCHEMA_VERSION}", earlier, lost)


def _still_on_disk(manifest: Manifest, sources: list[str]) -> tuple[list[tuple[Path, str, str]], list[str]]:
    """Split earlier sources into ``(path, source_file, folder)`` still on disk and the lost ones."""
    origins = manifest.origins()
    earlier: list[tuple[Path, str, str]] = []
    lost: list[str] = []
    for source_file in sorted(sources):
        folder = origins.get(source_file)
        path = Path(folder) / source_file if folder else None
        if path is not None and path.is_file():
            earlier.append((path, source_file, folder))
        else:
            lost.append(source_file)
    return earlier, lost
