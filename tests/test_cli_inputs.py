"""`pipeline ingest` arguments as a new user types them: a mistyped path, the help."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.readers import SUFFIXES


def test_input_path_that_does_not_exist_is_refused_by_name(tmp_path: Path) -> None:
    missing = tmp_path / "raw-typo"
    result = CliRunner().invoke(app, ["ingest", str(missing), "--out", str(tmp_path / "p")])
    assert result.exit_code == 2, result.output
    # Rich wraps the message in a box at the terminal width, so where the lines break depends on
    # the temporary path's length: compare with the box and all blanks taken out.
    flat = "".join(ch for ch in result.output if not ch.isspace() and ch not in "│╭╮╰╯─")
    assert "doesnotexist" in flat and "raw-typo" in flat
    assert "Ingest summary" not in result.output
    assert not (tmp_path / "p").exists()


def test_ingest_help_names_every_format_a_folder_scan_picks_up() -> None:
    result = CliRunner().invoke(app, ["ingest", "--help"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    missing = [suffix for suffix in SUFFIXES if suffix not in text]
    assert missing == [], text
