"""An output folder written with another schema version is rebuilt, never mixed (lược đồ dữ liệu).

The manifest's state flag ``schema_version`` holds the dataset schema version
(:data:`pipeline.store.version.SCHEMA_VERSION`) the folder's files were written
with; a folder written before the flag existed, holding datasets or manifest
entries, counts as older. Files of two versions cannot be read as one dataset
when a column changed type (``warnings``: ``list<string>`` up to version 5,
``list<struct<code, field, detail>>`` from 6), and rows of old and new
pipelines must not be mixed. So at the start of an ingest run,
:func:`rebuild_if_outdated` deletes every ingest dataset file (placeholders and
merged files included) and forgets every source in the manifest: the run
ingests its inputs again, and inputs ingested earlier from other folders come
back when those folders are ingested again. Derived datasets (``plan_diffs``)
are left alone. The flag is set last, so a run cut short rebuilds again.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.store.manifest import Manifest
from pipeline.store.verify import dataset_files
from pipeline.store.version import SCHEMA_VERSION

#: Manifest state flag holding the schema version of the folder's dataset files.
FLAG = "schema_version"


def rebuild_if_outdated(root: Path, manifest: Manifest) -> str | None:
    """Remove the datasets of ``root`` when written with another schema version; return that version.

    Returns ``None`` when the folder is current or new (nothing removed), the
    old version otherwise (``"before 6"`` for a folder that predates the flag).
    """
    stored = manifest.flagged(FLAG)
    if stored == SCHEMA_VERSION:
        return None
    files = dataset_files(root)
    entries = manifest.entries()
    if stored is None and not files and not entries:
        manifest.flag(FLAG, SCHEMA_VERSION)
        return None
    for rel in files:
        (root / rel).unlink(missing_ok=True)
    for source_file, entry in entries.items():
        if entry.doc_id:
            manifest.drop_compacted(doc_id=entry.doc_id)
        manifest.forget(source_file)
    manifest.set_written({})
    manifest.flag(FLAG, SCHEMA_VERSION)
    return stored or f"before {SCHEMA_VERSION}"
