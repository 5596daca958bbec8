"""Which inputs need ingesting: compare each file with its manifest entry."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.runner.limits import Job, Limits
from pipeline.store.manifest import Entry, Manifest, file_sha256


@dataclass(slots=True)
class Plan:
    """Jobs to run, files skipped as unchanged, and the manifest entries seen.

    ``copies`` pairs a changed or new file with the source path of another input
    with the same bytes (SHA-256): that one is (or was) ingested, the copy is not.
    """

    jobs: list[Job] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    previous: dict[str, Entry] = field(default_factory=dict)
    copies: list[tuple[Job, str]] = field(default_factory=list)
    #: ``(source_file, reason)`` of files that could not be opened or hashed (no read permission …).
    unreadable: list[tuple[str, str]] = field(default_factory=list)


def plan(
    files: Iterable[tuple[Path, str]], manifest: Manifest, force: bool = False, limits: Limits | None = None
) -> Plan:
    """Split ``(path, source_file)`` pairs into jobs and unchanged files.

    A file is unchanged when its manifest entry has this pipeline version and
    either the same size and modification time, or the same SHA-256 (then the
    entry's time is refreshed). ``force`` makes every file a job, and so does
    a resource limit larger than the one that stopped the file last time
    (``limits`` of this run; None runs without limits). A job whose
    bytes equal those of an unchanged, ingested input or of an earlier job goes
    to ``copies`` instead (see :func:`split_copies`).
    """
    entries = manifest.entries()
    result = Plan()
    seen: set[str] = set()
    for path, source_file in files:
        if source_file in seen:
            continue
        seen.add(source_file)
        entry = entries.get(source_file)
        current = _current(entry, force) and not _limit_raised(entry, limits)  # type: ignore[arg-type]
        try:
            stat = path.stat()
            sha = None if current and _same_stat(entry, stat) else file_sha256(path)  # type: ignore[arg-type]
        except OSError as exc:
            result.unreadable.append((source_file, unreadable_reason(exc)))
            continue
        if entry is not None:
            result.previous[source_file] = entry
        if sha is None:
            result.skipped.append(source_file)
            continue
        if current and entry.sha256 == sha:  # type: ignore[union-attr]
            manifest.record(
                Entry(source_file, stat.st_size, stat.st_mtime_ns, sha, entry.doc_id, __version__, entry.status)  # type: ignore[union-attr]
            )
            result.skipped.append(source_file)
            continue
        result.jobs.append(Job(str(path), source_file, stat.st_size, stat.st_mtime_ns, sha))
    split_copies(result)
    return result


def _current(entry: Entry | None, force: bool) -> bool:
    """True when ``entry`` was written by this pipeline version and ``force`` is off."""
    return entry is not None and entry.pipeline_version == __version__ and not force


def _limit_raised(entry: Entry, limits: Limits | None) -> bool:
    """True when a resource limit stopped ``entry``'s last extraction (status ``"stopped time=600"``
    or ``"stopped memory=2048"``) and this run's limit of that kind is larger, or absent."""
    kind, _, value = entry.status.removeprefix("stopped ").partition("=")
    if not entry.status.startswith("stopped ") or not value:
        return False
    if limits is None:
        return True
    now = limits.time_s if kind == "time" else limits.memory_mb
    return not now or float(now) > float(value)


def _same_stat(entry: Entry, stat: os.stat_result) -> bool:
    return entry.size == stat.st_size and entry.mtime_ns == stat.st_mtime_ns


def unreadable_reason(exc: OSError) -> str:
    """One line for a file that cannot be opened, saying what to do."""
    if exc.errno == errno.EACCES or exc.errno == errno.EPERM:
        return "cannot read the file (permission denied): give read permission (chmod a+r) and rerun"
    return f"cannot read the file ({exc.strerror or exc}): check it and rerun"


def split_copies(result: Plan) -> None:
    """Move jobs whose bytes another input of the batch already has into ``result.copies``.

    The first holder of a SHA-256 is kept: an unchanged input whose last ingest
    succeeded, else the first job in input order.
    """
    holders: dict[str, str] = {}
    for source_file in result.skipped:
        entry = result.previous.get(source_file)
        if entry is not None and entry.status == "ok":
            holders.setdefault(entry.sha256, source_file)
    jobs = []
    for job in result.jobs:
        holder = holders.setdefault(job.sha256, job.source_file)
        if holder == job.source_file:
            jobs.append(job)
        else:
            result.copies.append((job, holder))
    result.jobs = jobs
