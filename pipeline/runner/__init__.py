"""Batch runner: which files to ingest, where to run them, and writing the results.

- :mod:`pipeline.runner.plan`: the manifest decides which inputs changed.
- :mod:`pipeline.runner.limits`: one document in a child process with a time
  and a memory limit.
- :mod:`pipeline.runner.pool`: a local pool of such children (the default).
- :mod:`pipeline.runner.distributed`: the same on a Dask cluster.
- :mod:`pipeline.runner.batch`: wires them; results are written by the
  calling process only, so every executor gives identical datasets.
"""

from pipeline.runner.batch import OutputNotWritable, RunLocked, run_batch
from pipeline.runner.limits import Limits

__all__ = ["Limits", "OutputNotWritable", "RunLocked", "run_batch"]
