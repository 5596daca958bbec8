"""The Dask executor: the same jobs on a Dask distributed cluster.

Each job is one Dask task that runs :func:`pipeline.runner.limits.run_one`
(a child process under the same limits as the local pool) on a worker and
returns the rows; the calling process writes them, so a Dask run writes
exactly what a local run writes. Input paths must be readable by the workers
(same machine, or a shared file system). Where the workers are daemonic
processes that may not start children, the document is extracted in the
worker itself and only Dask's own memory limit applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.ingest import Extracted, extract_file
from pipeline.runner.limits import Job, Limits, peak_rss_mb, run_one


def dask_task(job: Job, limits: Limits) -> Extracted:
    """Run on a Dask worker: one document, in a limited child when the worker allows it."""
    import multiprocessing

    if not multiprocessing.current_process().daemon:
        return run_one(job, limits)
    result = extract_file(Path(job.path), job.source_file, sha256=job.sha256)
    result.peak_rss_mb = peak_rss_mb()
    return result


class DaskExecutor:
    """Submit jobs to a Dask scheduler (``address``) or to a LocalCluster it starts (``local_workers``)."""

    def __init__(self, limits: Limits, address: str | None = None, local_workers: int = 0) -> None:
        self.limits = limits
        self.address = address
        self.local_workers = local_workers

    def _client(self):  # type: ignore[no-untyped-def]
        import dask
        from distributed import Client, LocalCluster

        if self.address:
            return Client(self.address), None
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(
                n_workers=max(1, self.local_workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                memory_limit=0,
            )
        return Client(cluster), cluster

    def run(self, jobs: Iterable[Job], on_stage=None) -> Iterator[Extracted]:  # type: ignore[no-untyped-def]
        """Yield each job's result as its task finishes."""
        from distributed import as_completed

        jobs = list(jobs)
        if not jobs:
            return
        client, cluster = self._client()
        try:
            futures = [client.submit(dask_task, job, self.limits, pure=False) for job in jobs]
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
