"""Per-stage counts for a Rich progress bar (which stage each document is in)."""

from __future__ import annotations

from collections import Counter

from rich.progress import Progress

from pipeline.ingest import STAGES, Outcome


class StageProgress:
    """Keeps one bar's description as ``read 2 · parse 1 · write 0 | ok 9 · unchanged 90 · failed 1``."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress = progress
        #: Files this run handles: the inputs found, grown by the plan (a rebuild adds earlier inputs).
        self.total = total
        self.bar = progress.add_task("", total=total)
        self.current: dict[str, str] = {}
        self.done: Counter[str] = Counter()

    def _refresh(self, advance: int = 0) -> None:
        active = Counter(self.current.values())
        running = " · ".join(f"{stage} {active.get(stage, 0)}" for stage in STAGES)
        finished = " · ".join(f"{k} {self.done.get(k, 0)}" for k in ("ok", "identical", "unchanged", "failed"))
        self.progress.update(self.bar, advance=advance, description=f"{running} | {finished}")

    def on_plan(self, jobs: int, skipped: int) -> None:
        """The run's plan: ``jobs`` files to read and ``skipped`` unchanged ones. A rebuild of an
        older folder reads the earlier runs' inputs too, so the total may grow past the inputs given."""
        self.total = max(self.total, jobs + skipped)
        self.progress.update(self.bar, total=self.total)

    def on_stage(self, source_file: str, stage: str) -> None:
        """A document entered ``stage``."""
        self.current[source_file] = stage
        self._refresh()

    def on_file(self, outcome: Outcome) -> None:
        """A document finished (ingested, skipped or failed)."""
        self.current.pop(outcome.source_file, None)
        key = "unchanged" if outcome.skipped else "failed" if outcome.failure else "identical" if outcome.identical_to else "ok"
        self.done[key] += 1
        if sum(self.done.values()) > self.total:  # an unreadable entry beside the plan
            self.total = sum(self.done.values())
            self.progress.update(self.bar, total=self.total)
        self._refresh(advance=1)
