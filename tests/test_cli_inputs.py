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


def test_files_the_pipeline_does_not_read_are_listed_with_their_reason(tmp_path: Path) -> None:
    """A new user's folder: one decision beside notes, a photo and an ODT: each left-out file is named."""
    raw = tmp_path / "raw"
    raw.mkdir()
    decision = Path(__file__).parent / "data" / "headers" / "dongthap_kh552_chained_basis.md"
    (raw / decision.name).write_bytes(decision.read_bytes())
    (raw / "README.md").write_text("Nguồn: cổng thông tin tỉnh\n", encoding="utf-8")
    (raw / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (raw / "plan.odt").write_bytes(b"PK\x03\x04 not really an odt")
    (raw / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = CliRunner().invoke(app, ["ingest", str(raw), "--out", str(tmp_path / "p"), "--workers", "0"], terminal_width=300)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines() if "not ingested" in line]
    assert lines == [
        "not ingested README.md: project notes file (README.md)",
        "not ingested photo.jpg: image files are not read: convert to PDF (.jpg)",
        "not ingested plan.odt: not a supported format (.odt)",
    ], result.output


def test_an_output_folder_inside_the_input_folder_is_not_listed_as_input(tmp_path: Path) -> None:
    """`pipeline ingest . --out processed` twice: the second run neither reads nor lists its own datasets."""
    raw = tmp_path / "raw"
    raw.mkdir()
    decision = Path(__file__).parent / "data" / "headers" / "dongthap_kh552_chained_basis.md"
    (raw / decision.name).write_bytes(decision.read_bytes())
    args = ["ingest", str(raw), "--out", str(raw / "processed"), "--workers", "0"]
    first = CliRunner().invoke(app, args, terminal_width=300)
    assert first.exit_code == 0, first.output
    assert (raw / "processed" / "documents").is_dir()
    again = CliRunner().invoke(app, args, terminal_width=300)
    assert again.exit_code == 0, again.output
    assert "not ingested" not in again.output and "processed/" not in again.output, again.output
