"""One document per child process, under a time limit and a memory limit.

Children are forked from a ``forkserver`` that has already imported the
readers and the parser (:data:`PRELOAD`), so starting one costs milliseconds
and each document starts from the same clean state. Limits:

- time: the parent kills a child still running after ``Limits.time_s``;
- memory: the child's address space is capped at its size at start plus
  ``Limits.memory_mb`` (``RLIMIT_AS``; allocations past it raise
  ``MemoryError``), and the parent kills a child whose resident size passes
  ``Limits.memory_mb``.

Either way the document ends as a failure record, never as a crashed batch.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline.ingest import Extracted, extract_file

#: Modules the fork server imports once, so children start warm.
PRELOAD = [
    "pipeline.ingest",
    "pipeline.readers",
    "pipeline.readers.pdf_text",
    "pipeline.readers.docx",
    "pipeline.structure",
    "pipeline.store.rows",
    "pipeline.nlp.tag",
    "pipeline.runner.limits",
    "pipeline.runner.warm",
]


@dataclass(slots=True, frozen=True)
class Limits:
    """Per-document limits: wall time in seconds, memory in MiB (resident size).

    The time limit stops a document that hangs, not a long one: a 26-page scan
    (Quyết định 135/QĐ-BLĐTBXH, every page OCR'd) took 218 s on 2 busy cores, so
    the default leaves room for scans several times that long.
    """

    time_s: float = 900.0
    memory_mb: int = 2048


@dataclass(slots=True, frozen=True)
class Job:
    """One input file to ingest, as the planner found it."""

    path: str
    source_file: str
    size: int
    mtime_ns: int
    sha256: str


def context() -> mp.context.BaseContext:
    """The multiprocessing context children are started from (forkserver, preloaded).

    The fork server is started with Ctrl-C ignored (an ignored signal stays
    ignored across ``exec``): a Ctrl-C while it imports :data:`PRELOAD` would
    otherwise print its traceback; the run's process handles Ctrl-C and stops
    the children itself.
    """
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    from multiprocessing import forkserver

    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread (a Dask worker): start it as it comes
        return ctx
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
    return ctx


def _vm_size() -> int:
    """This process's virtual size in bytes (from /proc; 0 where unknown)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def peak_rss_mb() -> float:
    """Peak resident size of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child_main(job: Job, memory_mb: int, conn: Connection, owner: int = 0, time_s: float = 0.0) -> None:
    """Entry point of a child: extract ``job`` and send ``("stage", name)`` then ``("done", Extracted)``.

    ``owner`` is the pid of the run's process: the child ends itself when it is
    gone (:mod:`pipeline.runner.orphans`), or ``time_s`` plus a grace period after
    starting. Ctrl-C is ignored here: the run's process stops its children.
    """
    from pipeline.runner.orphans import die_with_parent, watchdog

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    if owner:
        watchdog(owner, time_s)
    vm = _vm_size()
    if vm and memory_mb > 0:
        cap = vm + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        result = extract_file(Path(job.path), job.source_file, on_stage=lambda s: conn.send(("stage", s)), sha256=job.sha256)
        result.peak_rss_mb = peak_rss_mb()
        conn.send(("done", result))
        conn.close()
    except (BrokenPipeError, ConnectionResetError, EOFError):
        os._exit(0)  # the run stopped (Ctrl-C, killed) before it read the result: nobody to tell


def rss_mb(pid: int) -> float:
    """Resident size of process ``pid`` in MiB (0 when it is gone)."""
    import psutil

    try:
        return psutil.Process(pid).memory_info().rss / (1024 * 1024)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0


def run_one(job: Job, limits: Limits) -> Extracted:
    """Run one job in a child under ``limits`` and wait for it (used by Dask tasks)."""
    from pipeline.runner.pool import Slot

    slot = Slot.start(context(), job, limits)
    while True:
        done = slot.poll(timeout=0.05)
        if done is not None:
            return done


def deadline(started: float, limits: Limits) -> bool:
    """True when a child started at ``started`` (monotonic s) has run out of time."""
    return time.monotonic() - started > limits.time_s
