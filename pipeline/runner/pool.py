"""The local executor: up to N children at once, one document each (:mod:`.limits`)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.ingest import Extracted, extract_file
from pipeline.model import Failure
from pipeline.runner.limits import Job, Limits, child_main, context, deadline, peak_rss_mb, rss_mb

StageCallback = Callable[[str, str], None]


@dataclass(slots=True)
class Slot:
    """One running child: its process, the parent's end of its pipe and its state."""

    job: Job
    limits: Limits
    process: object
    conn: Connection
    started: float = field(default_factory=time.monotonic)
    stage: str = "read"
    checked: float = 0.0

    @classmethod
    def start(cls, ctx, job: Job, limits: Limits) -> Slot:  # type: ignore[no-untyped-def]
        """Fork a child for ``job``."""
        parent, child = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=child_main, args=(job, limits.memory_mb, child, os.getpid(), limits.time_s), daemon=True
        )
        process.start()
        child.close()
        return cls(job=job, limits=limits, process=process, conn=parent)

    def _fail(self, reason: str, limit: str | None = None) -> Extracted:
        """Stop the child and give the job's failure; ``limit`` names the resource limit that
        stopped it ("time" or "memory"), so a rerun with a larger limit tries the file again."""
        self.process.kill()  # type: ignore[attr-defined]
        self.process.join()  # type: ignore[attr-defined]
        self.conn.close()
        stopped_by = None
        if limit is not None:
            stopped_by = f"time={self.limits.time_s:g}" if limit == "time" else f"memory={self.limits.memory_mb}"
        return Extracted(
            source_file=self.job.source_file,
            doc_id=self.job.sha256,
            failure=Failure(self.job.source_file, self.stage, reason, self.job.sha256),  # type: ignore[arg-type]
            seconds=time.monotonic() - self.started,
            stopped_by=stopped_by,
        )

    def poll(self, timeout: float = 0.0, on_stage: StageCallback | None = None) -> Extracted | None:
        """Handle the child's messages and limits; return its result once it is done."""
        while self.conn.poll(timeout):
            timeout = 0.0
            try:
                kind, value = self.conn.recv()
            except (EOFError, OSError):
                return self._died()
            if kind == "stage":
                self.stage = value
                if on_stage:
                    on_stage(self.job.source_file, value)
            else:
                self.conn.close()
                self.process.join()  # type: ignore[attr-defined]
                return value
        if deadline(self.started, self.limits):
            return self._fail(f"time limit exceeded ({self.limits.time_s:g} s)", "time")
        now = time.monotonic()
        if now - self.checked > 0.1:
            self.checked = now
            rss = rss_mb(self.process.pid)  # type: ignore[attr-defined]
            if rss > self.limits.memory_mb:
                return self._fail(f"memory limit exceeded ({rss:.0f} MiB > {self.limits.memory_mb} MiB)", "memory")
        if not self.process.is_alive():  # type: ignore[attr-defined]
            if self.conn.poll(0):
                return self.poll(0, on_stage)
            return self._died()
        return None

    def stop(self) -> None:
        """Kill the child and wait for it (the run is ending early)."""
        try:
            self.process.kill()  # type: ignore[attr-defined]
            self.process.join(5)  # type: ignore[attr-defined]
            self.conn.close()
        except (OSError, ValueError):
            pass

    def _died(self) -> Extracted:
        self.process.join()  # type: ignore[attr-defined]
        code = self.process.exitcode  # type: ignore[attr-defined]
        what = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        if code == -6 and self.limits.memory_mb:
            # Native code (PDFium, Tesseract) aborts when an allocation fails under the RLIMIT_AS cap.
            return self._fail(f"memory limit exceeded, likely ({self.limits.memory_mb} MiB cap): the worker aborted ({what})", "memory")
        if code == -9:
            what += ", likely out of memory"
        return self._fail(f"worker process died ({what})")


class LocalPool:
    """Run jobs in up to ``workers`` children at once; ``workers=0`` runs them in this process.

    With ``workers=0`` there are no limits (handy in notebooks and debuggers).
    """

    def __init__(self, workers: int, limits: Limits) -> None:
        self.workers = workers
        self.limits = limits

    def run(self, jobs: Iterable[Job], on_stage: StageCallback | None = None) -> Iterator[Extracted]:
        """Yield each job's result as it finishes (completion order)."""
        if self.workers <= 0:
            for job in jobs:
                result = extract_file(
                    Path(job.path),
                    job.source_file,
                    on_stage=(lambda s, sf=job.source_file: on_stage(sf, s)) if on_stage else None,
                    sha256=job.sha256,
                )
                result.peak_rss_mb = peak_rss_mb()
                yield result
            return
        ctx = context()
        pending = list(jobs)[::-1]
        running: list[Slot] = []
        try:
            while pending or running:
                while pending and len(running) < self.workers:
                    running.append(Slot.start(ctx, pending.pop(), self.limits))
                wait([s.conn for s in running], timeout=0.05)
                for slot in list(running):
                    result = slot.poll(0, on_stage)
                    if result is not None:
                        running.remove(slot)
                        yield result
        finally:  # interrupted (Ctrl-C, SIGTERM) or abandoned: stop the children still running
            for slot in running:
                slot.stop()
