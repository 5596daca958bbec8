"""Which inputs need ingesting: compare each file with its manifest entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.runner.limits import Job
from pipeline.store.manifest import Entry, Manifest, file_sha256


@dataclass(slots=True)
class Plan:
    """Jobs to run, files skipped as unchanged, and the manifest entries seen."""

    jobs: list[Job] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    previous: dict[str, Entry] = field(default_factory=dict)


def plan(files: Iterable[tuple[Path, str]], manifest: Manifest, force: bool = False) -> Plan:
    """Split ``(path, source_file)`` pairs into jobs and unchanged files.

    A file is unchanged when its manifest entry has this pipeline version and
    either the same size and modification time, or the same SHA-256 (then the
    entry's time is refreshed). ``force`` makes every file a job.
    """
    entries = manifest.entries()
    result = Plan()
    seen: set[str] = set()
    for path, source_file in files:
        if source_file in seen:
            continue
        seen.add(source_file)
        stat = path.stat()
        entry = entries.get(source_file)
        if entry is not None:
            result.previous[source_file] = entry
        current = entry is not None and entry.pipeline_version == __version__ and not force
        if current and entry.size == stat.st_size and entry.mtime_ns == stat.st_mtime_ns:  # type: ignore[union-attr]
            result.skipped.append(source_file)
            continue
        sha = file_sha256(path)
        if current and entry.sha256 == sha:  # type: ignore[union-attr]
            manifest.record(
                Entry(source_file, stat.st_size, stat.st_mtime_ns, sha, entry.doc_id, __version__, entry.status)  # type: ignore[union-attr]
            )
            result.skipped.append(source_file)
            continue
        result.jobs.append(Job(str(path), source_file, stat.st_size, stat.st_mtime_ns, sha))
    return result
