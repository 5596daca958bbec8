"""Worker regressions of issue 14: children die with the run; Ctrl-C and SIGTERM say what was done.

A scanned PDF (OCR, about a minute) keeps a worker busy while the run is
killed (SIGKILL), interrupted (SIGINT to the process group, as Ctrl-C does) or
terminated (SIGTERM to the run's process).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from makers import DECISION

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCAN = ROOT / "tests" / "data" / "seed_4032" / "4032-QD-UBND.scan.pdf"
ENV = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")


def _inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-good.txt").write_text(DECISION, "utf-8")
    (src / "b-scan.pdf").write_bytes(SCAN.read_bytes())
    return src


def _busy_descendants(pid: int, timeout: float = 120.0) -> list[psutil.Process]:
    """Wait until the run at ``pid`` has a fork server and a worker; return all its descendants."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            found = psutil.Process(pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        if len(found) >= 2:
            time.sleep(2.0)  # the worker is inside the scan by now
            return psutil.Process(pid).children(recursive=True)
        time.sleep(0.1)
    raise AssertionError("no worker started")


def _gone(processes: list[psutil.Process], timeout: float = 20.0) -> list[psutil.Process]:
    """Processes still alive (zombies count as gone) after waiting up to ``timeout`` seconds."""
    end = time.monotonic() + timeout
    alive = processes
    while time.monotonic() < end:
        alive = []
        for proc in processes:
            try:
                if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                    alive.append(proc)
            except psutil.NoSuchProcess:
                pass
        if not alive:
            return []
        time.sleep(0.2)
    for proc in alive:  # leave nothing behind for the next test
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    return alive


def test_workers_and_fork_server_die_when_the_run_is_killed(tmp_path: Path) -> None:
    src = _inputs(tmp_path)
    script = (
        "import sys; from pathlib import Path; from pipeline.runner import run_batch, Limits;"
        "from pipeline.runner.inputs import find_inputs;"
        "run_batch(find_inputs([sys.argv[1]]), sys.argv[2], workers=1, limits=Limits(time_s=900))"
    )
    run = subprocess.Popen([sys.executable, "-c", script, str(src), str(tmp_path / "out")], env=ENV, cwd=ROOT)
    descendants = _busy_descendants(run.pid)
    assert descendants
    run.kill()  # as the OOM killer or a closed SSH session would
    run.wait(30)
    assert _gone(descendants) == []


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupted_run_says_what_was_done_and_that_a_rerun_resumes(tmp_path: Path, how: str) -> None:
    src = _inputs(tmp_path)
    run = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "ingest", str(src), "--out", str(tmp_path / "out"), "--workers", "1"],
        env=ENV, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    descendants = _busy_descendants(run.pid)
    if how == "ctrl-c":
        os.killpg(run.pid, signal.SIGINT)  # the terminal sends Ctrl-C to the whole foreground group
    else:
        run.terminate()
    stdout, stderr = run.communicate(timeout=60)
    expected = 130 if how == "ctrl-c" else 143
    assert run.returncode == expected, (run.returncode, stdout, stderr)
    assert "Traceback" not in stdout + stderr, stderr
    said = " ".join(stderr.split())
    assert ("interrupted (Ctrl-C)" if how == "ctrl-c" else "stopped by SIGTERM") in said
    assert "Run the same command again to resume" in said
    assert _gone(descendants) == []
    rerun = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "ingest", str(src / "a-good.txt"), "--out", str(tmp_path / "out")],
        env=ENV, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
