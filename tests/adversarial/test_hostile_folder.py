"""A folder holding every kind of hostile entry issue 14 met (≥ 40, see makers.py), ingested in one batch.

For each entry: the batch finishes, the entry ends as one clear failure row, a
warning, an entry listed as not ingested, or a document; the good files beside
them are ingested; nothing is fetched from the network (a local listener counts
connections); nothing outside the input folder is read; memory and time stay
within the per-document limits. The peak resident memory of the whole process
tree (run + workers + fork server) is printed.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import psutil
import pytest

import pipeline
from pipeline.runner import Limits, run_batch
from pipeline.runner.inputs import find_inputs

from makers import SEED_NUMBER, build_folder, cleanup

pytestmark = pytest.mark.slow

LIMITS = Limits(time_s=90.0, memory_mb=1024)


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(512))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        self.sock.close()


class TreeMemory:
    """Samples the resident size of this process and all its descendants; keeps the peak (MiB)."""

    def __init__(self) -> None:
        self.peak = 0.0
        self.running = True
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        me = psutil.Process()
        while self.running:
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total / (1024 * 1024))
            time.sleep(0.1)

    def stop(self) -> float:
        self.running = False
        self.thread.join(2)
        return self.peak


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    base = tmp_path_factory.mktemp("hostile")
    root, outside, out = base / "raw", base / "outside", base / "processed"
    root.mkdir()
    outside.mkdir()
    listener = Listener()
    expected = build_folder(root, listener.port, outside)
    before = psutil.Process().memory_info().rss / (1024 * 1024)
    memory = TreeMemory()
    started = time.monotonic()
    outcomes = []
    summary = run_batch(find_inputs([root]), out, workers=2, limits=LIMITS, on_file=outcomes.append)
    seconds = time.monotonic() - started
    peak = memory.stop()
    time.sleep(0.5)
    listener.close()
    line = (f"hostile folder: {len(expected)} entries in {seconds:.0f} s; peak memory of the process tree "
            f"{peak:.0f} MiB (run's own process {before:.0f} MiB at start; limit {LIMITS.memory_mb} MiB per worker)")
    capture = request.config.pluginmanager.getplugin("capturemanager")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    if capture is not None and reporter is not None:  # shown in every run, not only with -s
        with capture.global_and_fixture_disabled():
            reporter.write_line("\n" + line)
    else:
        print(line)
    yield {
        "expected": expected,
        "summary": summary,
        "outcomes": {o.source_file: o for o in outcomes},
        "out": out,
        "listener": listener,
        "peak": peak,
        "before": before,
    }
    cleanup(base)


def test_the_folder_holds_at_least_40_distinct_hostile_entries(hostile_run) -> None:
    assert len(hostile_run["expected"]) >= 40


def test_every_entry_is_accounted_for_as_expected(hostile_run) -> None:
    summary, outcomes = hostile_run["summary"], hostile_run["outcomes"]
    docs = pipeline.load("documents", hostile_run["out"], duplicates=True)
    warnings = {row.source_file: list(row.warnings) for row in docs.itertuples()}
    failures = {f.source_file: f for f in summary.failures}
    aside = dict(summary.set_aside)
    renamed = dict(summary.renamed)
    identical = dict(summary.identical)
    wrong = []
    for entry, expect in hostile_run["expected"].items():
        if expect.kind == "failure":
            ok = entry in failures and expect.phrase in failures[entry].reason
        elif expect.kind == "warning":
            ok = entry in warnings and any(
                w["code"] == expect.code and expect.phrase in w["detail"] for w in warnings[entry]
            )
        elif expect.kind == "aside":
            ok = entry in aside and expect.phrase in aside[entry]
        elif expect.kind == "renamed":
            ok = entry in renamed and entry in warnings
        elif expect.kind == "identical":
            ok = entry in identical
        elif expect.kind == "ingested":
            ok = entry in warnings
        else:  # handled: a failure row or a document, never nothing
            ok = entry in failures or entry in warnings
        if not ok:
            what = failures.get(entry) or aside.get(entry) or warnings.get(entry) or outcomes.get(entry)
            wrong.append(f"{entry!r}: expected {expect}, got {what!r}")
    assert wrong == [], "\n".join(wrong)


def test_each_failure_is_one_line_without_a_traceback(hostile_run) -> None:
    for failure in hostile_run["summary"].failures:
        assert failure.reason and "\n" not in failure.reason and "Traceback" not in failure.reason, failure


def test_the_good_files_beside_them_are_ingested(hostile_run) -> None:
    docs = pipeline.load("documents", hostile_run["out"], duplicates=True)
    numbers = dict(zip(docs["source_file"], docs["number"]))
    assert numbers["good/seed.txt"] == SEED_NUMBER and numbers["good/seed.docx"] == SEED_NUMBER
    tasks = pipeline.load("tasks", hostile_run["out"], duplicates=True)
    assert len(tasks) >= 12


def test_nothing_is_fetched_and_nothing_outside_the_inputs_is_read(hostile_run) -> None:
    assert hostile_run["listener"].connections == []
    pages = pipeline.load("pages", hostile_run["out"], duplicates=True)
    text = "\n".join(t for t in pages["text"].dropna())
    assert "SECRET-OUTSIDE-THE-INPUTS" not in text
    assert "root:x:0:0" not in text  # no external entity resolved


def test_memory_and_time_stay_within_the_limits(hostile_run) -> None:
    for outcome in hostile_run["outcomes"].values():
        assert outcome.seconds < LIMITS.time_s + 10, outcome
        assert outcome.peak_rss_mb < LIMITS.memory_mb + 64, outcome
    workers = 2 + 1  # two children and the fork server
    assert hostile_run["peak"] < hostile_run["before"] + workers * LIMITS.memory_mb + 512


def test_a_rerun_skips_everything_and_lists_the_same_entries(hostile_run, tmp_path: Path) -> None:
    root = hostile_run["out"].parent / "raw"
    again = run_batch(find_inputs([root]), hostile_run["out"], workers=2, limits=LIMITS)
    assert again.documents == 0 and again.damaged == []
    assert dict(again.set_aside) == dict(hostile_run["summary"].set_aside)
    assert os.path.exists(hostile_run["out"] / "_manifest.sqlite")
