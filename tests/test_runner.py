"""Runners: process pool and Dask give the datasets of an in-process run; limits; SIGKILL safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.ingest import STAGES, ingest
from pipeline.runner import Limits
from pipeline.store.manifest import MANIFEST_NAME

from conftest import QD2536_PDF, RAW, ROOT, SEED_PDF
from snapshots import assert_same, snapshot, visible_temporaries


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("inline")
    summary = ingest([RAW], out, workers=0)
    assert summary.documents == 3
    return snapshot(out)


def test_process_pool_matches_in_process_run(reference: dict, tmp_path: Path) -> None:
    stages: list[tuple[str, str]] = []
    summary = ingest([RAW], tmp_path, workers=2, on_stage=lambda f, s: stages.append((f, s)))
    assert (summary.documents, summary.tasks, summary.pages) == (3, 64, 13)
    assert_same(reference, snapshot(tmp_path))
    seen = {s for _, s in stages}
    assert seen == set(STAGES) and {"read", "parse", "tag", "write"} <= seen


def test_dask_local_cluster_on_loopback_matches_local_run(reference: dict, tmp_path: Path) -> None:
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
    try:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        summary = ingest([RAW], tmp_path, scheduler=cluster.scheduler_address)
    finally:
        cluster.close()
    assert (summary.documents, summary.tasks) == (3, 64)
    assert_same(reference, snapshot(tmp_path))


def test_time_limit_stops_a_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.pdf").write_bytes(SEED_PDF.read_bytes())
    (src / "qd.pdf").write_bytes(QD2536_PDF.read_bytes())
    summary = ingest([src], tmp_path / "out", workers=2, limits=Limits(time_s=0.01))
    assert summary.documents == 0 and len(summary.failures) == 2
    assert {f.reason for f in summary.failures} == {"time limit exceeded (0.01 s)"}


def _manifest_rows(out: Path) -> int:
    try:
        with sqlite3.connect(f"file:{out / MANIFEST_NAME}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM sources").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigkill_midway_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(8):
        data = (SEED_PDF if i % 4 == 0 else QD2536_PDF).read_bytes()
        (src / f"doc-{i}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())
    clean = tmp_path / "clean"
    assert ingest([src], clean, workers=0).documents == 8

    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(src), "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _manifest_rows(out) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    done = _manifest_rows(out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= done < 8, f"kill landed after {done} of 8 documents"

    summary = ingest([src], out, workers=1)
    assert summary.skipped >= 3 and summary.documents + summary.skipped == 8
    assert_same(snapshot(clean), snapshot(out))
    tasks = snapshot(out)["tasks"]
    assert tasks["task_id"].is_unique and len(tasks) == 2 * 12
    assert visible_temporaries(out) == []


def test_dask_local_option_starts_its_own_cluster(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "qd.pdf").write_bytes(QD2536_PDF.read_bytes())
    summary = ingest([src], tmp_path / "out", dask_local=True, workers=1)
    assert (summary.documents, summary.failures) == (1, [])
    assert snapshot(tmp_path / "out")["documents"]["number_symbol"].tolist() == ["QĐ-UBND"]
