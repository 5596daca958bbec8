"""The run manifest: what each source path was when it was last ingested.

One SQLite file, ``<out>/_manifest.sqlite`` (readers skip names starting with
``_``), with these tables:

``sources``
    one row per source path (``source_file``, as in the datasets): its size,
    modification time (ns), SHA-256 (= ``doc_id``), the pipeline version that
    ingested it, ``status`` (``ok`` or ``failed``) and when. A file whose size and
    time, or else whose hash, and the pipeline version are unchanged is skipped
    on the next run; a changed file is ingested again and its old document's
    rows are removed.
``compacted``
    ``(doc_id, dataset, path)`` for rows that ``pipeline compact`` moved into a
    merged file, so a rerun can take them out again.
``written``
    ``(path, size, mtime_ns)`` of every dataset file as the last run (or
    compaction) left it, so the next run notices a file damaged, truncated or
    deleted since (:mod:`pipeline.store.verify`) and ingests its documents again.
``origins``
    ``(source_file, folder)``: the input folder (absolute) a source path was
    found in. A later run over the same folder that no longer finds the file
    removes its rows (the datasets mirror the folder); files given one by one
    have no folder and are never removed.

Only the process that owns the run writes the manifest (workers never do);
each entry is committed after the document's files are in place, so a crash
leaves at worst an entry that is missing and the file is ingested again.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Name of the manifest file inside the output folder.
MANIFEST_NAME = "_manifest.sqlite"
#: Name of the lock file an ingest holds (exclusive ``flock``) while it writes an output folder.
LOCK_NAME = "_lock"


def ingest_running(root: Path) -> bool:
    """True while an ingest holds the lock of ``root`` (its rows may be half way through a run).

    Tries a shared, non-blocking ``flock`` on ``root/_lock``; no lock file, or one
    nobody holds, is False. Reading never creates the file.
    """
    import fcntl

    path = Path(root) / LOCK_NAME
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below; the lock lives as long as the handle
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    source_file TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    doc_id TEXT,
    pipeline_version TEXT NOT NULL,
    status TEXT NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS compacted (
    doc_id TEXT NOT NULL,
    dataset TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (doc_id, dataset, path)
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS written (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS origins (source_file TEXT PRIMARY KEY, folder TEXT NOT NULL);
"""


@dataclass(slots=True, frozen=True)
class Entry:
    """What a source path was when last ingested."""

    source_file: str
    size: int
    mtime_ns: int
    sha256: str
    doc_id: str | None
    pipeline_version: str
    status: str


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 hex digest of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def recorded_doc_id(root: Path, source_file: str) -> str | None:
    """The ``doc_id`` the manifest of ``root`` records for ``source_file``, read without writing.

    A byte-identical copy has no ``documents`` row of its own, only this entry
    pointing at the original's document. None when the folder has no manifest
    or the path is not recorded.
    """
    path = root / MANIFEST_NAME
    if not path.is_file():
        return None
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60)
    try:
        row = db.execute("SELECT doc_id FROM sources WHERE source_file = ?", (source_file,)).fetchone()
    except sqlite3.DatabaseError:  # a manifest from before the sources table: nothing recorded
        return None
    finally:
        db.close()
    return row[0] if row and row[0] else None


class Manifest:
    """The manifest of one output folder (created on first use)."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.path = root / MANIFEST_NAME
        self._db = sqlite3.connect(self.path, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def entries(self) -> dict[str, Entry]:
        """Every entry, keyed by source path."""
        rows = self._db.execute(
            "SELECT source_file, size, mtime_ns, sha256, doc_id, pipeline_version, status FROM sources"
        )
        return {row[0]: Entry(*row) for row in rows}

    def record(self, entry: Entry) -> None:
        """Insert or replace one entry and commit."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.source_file,
                    entry.size,
                    entry.mtime_ns,
                    entry.sha256,
                    entry.doc_id,
                    entry.pipeline_version,
                    entry.status,
                    time.time(),
                ),
            )

    def forget(self, source_file: str) -> None:
        """Drop the entry of a source path (it will be ingested again)."""
        with self._db:
            self._db.execute("DELETE FROM sources WHERE source_file = ?", (source_file,))

    def users_of(self, doc_id: str) -> list[str]:
        """Source paths whose last good ingest produced ``doc_id``."""
        rows = self._db.execute("SELECT source_file FROM sources WHERE doc_id = ? AND status = 'ok'", (doc_id,))
        return [row[0] for row in rows]

    # --- compacted files -------------------------------------------------
    def add_compacted(self, rows: Iterator[tuple[str, str, str]] | list[tuple[str, str, str]]) -> None:
        """Record ``(doc_id, dataset, path)`` for rows moved into a merged file."""
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO compacted VALUES (?, ?, ?)", list(rows))

    def compacted_paths(self, doc_id: str) -> list[tuple[str, str]]:
        """``(dataset, path)`` of merged files holding rows of ``doc_id``."""
        rows = self._db.execute("SELECT dataset, path FROM compacted WHERE doc_id = ?", (doc_id,))
        return [(row[0], row[1]) for row in rows]

    def drop_compacted(self, doc_id: str | None = None, path: str | None = None) -> None:
        """Forget merged-file rows of a document, or every row of one merged file."""
        with self._db:
            if doc_id is not None:
                self._db.execute("DELETE FROM compacted WHERE doc_id = ?", (doc_id,))
            if path is not None:
                self._db.execute("DELETE FROM compacted WHERE path = ?", (path,))

    def doc_ids_in(self, path: str) -> list[str]:
        """Documents whose rows a merged file holds."""
        rows = self._db.execute("SELECT DISTINCT doc_id FROM compacted WHERE path = ?", (path,))
        return [row[0] for row in rows]

    # --- files written ---------------------------------------------------
    def written(self) -> dict[str, tuple[int, int]]:
        """``path → (size, mtime_ns)`` of the dataset files as last recorded."""
        return {row[0]: (row[1], row[2]) for row in self._db.execute("SELECT path, size, mtime_ns FROM written")}

    def set_written(self, files: dict[str, tuple[int, int]]) -> None:
        """Replace the record of dataset files with ``files``."""
        with self._db:
            self._db.execute("DELETE FROM written")
            self._db.executemany("INSERT INTO written VALUES (?, ?, ?)", [(p, s, m) for p, (s, m) in files.items()])

    # --- input folders -------------------------------------------------
    def set_origins(self, origins: dict[str, str]) -> None:
        """Record the input folder (absolute) each source path was found in."""
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO origins VALUES (?, ?)", list(origins.items()))

    def origins(self) -> dict[str, str]:
        """``source_file → input folder`` (absolute) of every source path found by walking a folder."""
        return dict(self._db.execute("SELECT source_file, folder FROM origins"))

    def drop_source(self, source_file: str) -> None:
        """Forget a source path entirely (its entry and its folder)."""
        with self._db:
            self._db.execute("DELETE FROM sources WHERE source_file = ?", (source_file,))
            self._db.execute("DELETE FROM origins WHERE source_file = ?", (source_file,))

    # --- flags -----------------------------------------------------------
    def flag(self, key: str, value: str | None) -> None:
        """Set (or clear with ``None``) a state flag such as ``dirty``."""
        with self._db:
            if value is None:
                self._db.execute("DELETE FROM state WHERE key = ?", (key,))
            else:
                self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def flagged(self, key: str) -> str | None:
        """The value of a state flag, or ``None``."""
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
