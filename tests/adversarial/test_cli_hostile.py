"""CLI and input-folder regressions of issue 14: one walk accounts for every entry; every command
given an unusable output folder prints one line saying what to do and exits with its documented code."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline
from pipeline.boundary import EXIT_DAMAGED, EXIT_DISK_FULL, EXIT_USAGE
from pipeline.cli import app
from pipeline.ingest import ingest

from makers import DECISION

ROOT = Path(__file__).resolve().parents[2]
#: Runs a command as root without the capabilities that let root read and write anything, so
#: "permission denied" happens as it does for an ordinary user.
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _can_drop_override() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return os.geteuid() != 0  # an ordinary user meets permissions anyway
    return subprocess.run([*NO_OVERRIDE, "true"], capture_output=True).returncode == 0


needs_permissions = pytest.mark.skipif(not _can_drop_override(), reason="cannot run without root's override here")


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    prefix = NO_OVERRIDE if os.geteuid() == 0 else []
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    return subprocess.run(
        [*prefix, sys.executable, "-m", "pipeline.cli", *args], cwd=cwd or ROOT, env=env,
        capture_output=True, text=True, timeout=300,
    )


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(DECISION, "utf-8")
    return src


def _one_error_line(done: subprocess.CompletedProcess[str], code: int, phrase: str) -> None:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and phrase in errors[0], done.stderr


@needs_permissions
def test_unreadable_file_and_folder_are_failure_rows_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    (src / "secret.txt").write_text(DECISION + "\nsecret\n", "utf-8")
    (src / "secret.txt").chmod(0)
    (src / "locked").mkdir()
    (src / "locked" / "x.txt").write_text(DECISION)
    (src / "locked").chmod(0)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)
    try:
        done = _cli("ingest", str(src), "--out", str(out), "--workers", "0")
    finally:
        (src / "locked").chmod(0o755)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    failures = pipeline.load("failures", out)
    reasons = dict(zip(failures["source_file"], failures["reason"]))
    assert "permission denied" in reasons["secret.txt"] and "chmod" in reasons["secret.txt"]
    assert "cannot list the folder" in reasons["locked/"]
    assert pipeline.load("documents", out)["source_file"].tolist() == ["good.txt"]


def test_file_name_that_is_not_utf8_is_ingested_under_an_escaped_name(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    with open(os.fsencode(src) + b"/quy\xe9t \xf0\xe9nh.txt", "wb") as handle:
        handle.write((DECISION + "\nkhác\n").encode())
    summary = ingest([src], tmp_path / "out")
    assert summary.documents == 2 and not summary.failures
    assert [name for name, _ in summary.renamed] == ["quy\\xe9t \\xf0\\xe9nh.txt"]
    assert sorted(pipeline.load("documents", tmp_path / "out", duplicates=True)["source_file"]) == ["good.txt", "quy\\xe9t \\xf0\\xe9nh.txt"]


def test_hidden_documents_links_outside_and_loops_are_listed_not_silently_skipped(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("SECRET\n" + DECISION)
    (src / ".hidden.txt").write_text(DECISION + "\nhidden\n")
    os.symlink(outside, src / "outside.txt")
    os.symlink("loop.pdf", src / "loop.pdf")
    (src / "folder.pdf").mkdir()
    summary = ingest([src], tmp_path / "out")
    aside = dict(summary.set_aside)
    assert "hidden file" in aside[".hidden.txt"]
    assert "outside the input folders" in aside["outside.txt"]
    assert "link loop" in aside["loop.pdf"]
    assert "folder named like a document" in aside["folder.pdf/"]
    pages = pipeline.load("pages", tmp_path / "out")
    assert not any("SECRET" in t for t in pages["text"].dropna())
    result = CliRunner().invoke(app, ["ingest", str(src), "--out", str(tmp_path / "out2")], terminal_width=300)
    assert "not ingested" in result.output and "outside.txt" in result.output


def test_a_link_inside_the_inputs_is_followed(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    (src / "sub").mkdir()
    other = src / "sub" / "other.txt"
    other.write_text(DECISION + "\nother\n")
    os.symlink("sub/other.txt", src / "alias.txt")
    summary = ingest([src], tmp_path / "out")
    assert ("alias.txt", "sub/other.txt") in summary.identical or ("sub/other.txt", "alias.txt") in summary.identical


@needs_permissions
@pytest.mark.slow
def test_every_command_given_a_read_only_output_folder_prints_one_line(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    processed = tmp_path / "processed"
    ingest([src], processed)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    for folder in [processed, *processed.rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o555)
    revised = tmp_path / "revised.txt"  # diff needs two different documents
    revised.write_text(DECISION + "\nrevised\n")
    try:
        _one_error_line(_cli("ingest", str(src), "--out", str(locked / "p")), EXIT_USAGE, "cannot write")
        _one_error_line(_cli("export", "--root", str(processed), "--out", str(locked / "e")), EXIT_USAGE, "cannot write")
        _one_error_line(_cli("show", str(src / "good.txt"), "--out", str(locked / "v.html")), EXIT_USAGE, "cannot write")
        _one_error_line(_cli("show", str(src / "good.txt"), "--root", str(processed), cwd=locked), EXIT_USAGE, "cannot write")
        _one_error_line(
            _cli("diff", str(src / "good.txt"), str(revised), "--no-save", "--out", str(locked / "d.html")),
            EXIT_USAGE, "cannot write",
        )
        _one_error_line(_cli("compact", str(processed)), EXIT_USAGE, "cannot write")
    finally:
        for folder in [locked, processed, *processed.rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o755)


def test_a_full_disk_stops_ingest_and_export_with_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pipeline.store.writer as writer

    src = _folder(tmp_path)
    ingest([src], tmp_path / "p")
    (src / "second.txt").write_text(DECISION + "\nsecond\n")

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device", "processed/x.parquet")

    monkeypatch.setattr(writer, "_write_atomic", full)
    result = CliRunner().invoke(app, ["ingest", str(src), "--out", str(tmp_path / "p"), "--workers", "0"])
    assert result.exit_code == EXIT_DISK_FULL, result.output
    assert "no space left" in result.output and "rerun" in result.output and "Traceback" not in result.output
    import pipeline.export as exporter

    monkeypatch.setattr(exporter.tempfile, "mkstemp", lambda **kw: full())
    result = CliRunner().invoke(app, ["export", "--root", str(tmp_path / "p"), "--out", str(tmp_path / "e")])
    assert result.exit_code == EXIT_DISK_FULL and "no space left" in result.output, result.output


def test_a_corrupt_manifest_says_what_to_do(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    ingest([src], tmp_path / "p")
    (tmp_path / "p" / "_manifest.sqlite").write_bytes(b"this is not a database" * 100)
    for name in ("_manifest.sqlite-wal", "_manifest.sqlite-shm"):
        (tmp_path / "p" / name).unlink(missing_ok=True)
    for args in (["ingest", str(src), "--out", str(tmp_path / "p")], ["compact", str(tmp_path / "p")]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == EXIT_DAMAGED, result.output
        assert "_manifest.sqlite is damaged" in result.output and "delete it and rerun" in result.output


def test_a_damaged_dataset_file_on_export_says_what_to_do(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    ingest([src], tmp_path / "p")
    (damaged,) = list((tmp_path / "p" / "documents").rglob(f"{'[0-9a-f]' * 8}*.parquet"))
    damaged.write_bytes(b"PAR1 garbage PAR1")
    result = CliRunner().invoke(app, ["export", "--root", str(tmp_path / "p"), "--out", str(tmp_path / "e")])
    assert result.exit_code == EXIT_DAMAGED, result.output
    assert "dataset file is damaged" in result.output and "pipeline ingest" in result.output


def test_a_mistyped_input_is_reported_whatever_the_length_of_the_temporary_path(tmp_path: Path) -> None:
    deep = tmp_path / ("x" * 60) / ("y" * 60) / "raw-typo"
    result = CliRunner().invoke(app, ["ingest", str(deep), "--out", str(tmp_path / "p")])
    flat = "".join(ch for ch in result.output if not ch.isspace() and ch not in "│╭╮╰╯─")
    assert result.exit_code == 2 and "doesnotexist" in flat and "raw-typo" in flat


def test_make_test_installs_only_what_the_tests_need() -> None:
    done = subprocess.run(["make", "-n", "system", "test"], cwd=ROOT, capture_output=True, text=True)
    installs = [line for line in done.stdout.splitlines() if "apt-get install" in line]
    assert installs and all("--no-upgrade" in line for line in installs)
    assert any("--no-install-recommends" in line and "tests" in line for line in installs)


def test_show_on_a_damaged_dataset_says_what_to_do(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    ingest([src], tmp_path / "p")
    doc_id = hashlib.sha256((src / "good.txt").read_bytes()).hexdigest()
    for damaged in (tmp_path / "p").rglob(f"{doc_id}.parquet"):
        damaged.write_bytes(b"PAR1 garbage PAR1")
    result = CliRunner().invoke(app, ["show", doc_id[:12], "--root", str(tmp_path / "p")])
    assert result.exit_code == EXIT_DAMAGED, result.output
    assert "dataset file is damaged" in result.output and "Traceback" not in result.output


def test_diff_with_a_read_only_root_prints_the_report_and_warns_plan_diffs_not_saved(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pipeline.diff.store as diff_store

    src = _folder(tmp_path)
    revised = tmp_path / "revised.txt"
    revised.write_text(DECISION + "\nrevised\n")

    def denied(target, table):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(diff_store, "write_table", denied)
    result = CliRunner().invoke(app, ["diff", str(src / "good.txt"), str(revised), "--root", str(tmp_path / "ro")])
    assert result.exit_code == 0, result.output
    assert "plan_diffs not saved" in result.output and "--no-save" in result.output, result.output
    assert "error" not in result.output.lower().split("plan_diffs not saved")[0]
    reference = CliRunner().invoke(app, ["diff", str(src / "good.txt"), str(revised), "--no-save"])
    assert reference.stdout.strip() and reference.stdout.strip() in result.output


@needs_permissions
def test_diff_with_a_truly_read_only_root_exits_0_with_the_report(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    processed = tmp_path / "processed"
    ingest([src], processed)
    revised = tmp_path / "revised.txt"
    revised.write_text(DECISION + "\nrevised\n")
    folders = [processed, *(p for p in processed.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        done = _cli("diff", str(src / "good.txt"), str(revised), "--root", str(processed))
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "plan_diffs not saved" in done.stderr and "--no-save" in done.stderr, done.stderr
    assert done.stdout.strip() and not any(line.startswith("error") for line in done.stderr.splitlines())
