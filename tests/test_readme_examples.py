"""Every example in README.md runs as written on `make demo`'s data (issue 15).

`make demo` ingests raw/ into processed/; the examples are run from a folder
holding that processed/ and links to raw/ and tests/ (the paths they name):
each `pipeline …` command line of a ```sh block through the CLI, each ```python
block with exec, each ```r block with Rscript (after a CSV export to exports/). Lines that set up the machine (make, pip, jupyter, bench
scripts) and the Dask runs (a cluster of their own) are not run here.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import RAW, ROOT
from rscript import run_r
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest

README = (ROOT / "README.md").read_text("utf-8")
BLOCKS = re.findall(r"```(sh|python)\n(.*?)```", README, flags=re.S)
#: Command lines not run: a Dask cluster of their own.
NOT_RUN = ("--dask-local", "--scheduler")


def _commands() -> list[str]:
    lines = []
    for lang, body in BLOCKS:
        if lang != "sh":
            continue
        for line in body.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0].endswith("bin/pipeline") and not any(w in NOT_RUN for w in words):
                lines.append(line)
    return lines


COMMANDS = _commands()
SNIPPETS = [body for lang, body in BLOCKS if lang == "python"]
R_SNIPPETS = re.findall(r"```r\n(.*?)```", README, flags=re.S)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as after `make demo`: processed/ built from raw/, with raw/ and tests/ beside it."""
    here = tmp_path_factory.mktemp("demo")
    (here / "raw").symlink_to(RAW)
    (here / "tests").symlink_to(ROOT / "tests")
    assert ingest([RAW], here / "processed").documents >= 3
    return here


def test_the_readme_has_examples_to_run() -> None:
    assert len(COMMANDS) >= 8 and len(SNIPPETS) >= 4
    assert any(" diff " in c for c in COMMANDS) and any(" export " in c for c in COMMANDS)


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command_runs_as_written(line: str, demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo)
    words = shlex.split(line, comments=True)
    result = CliRunner().invoke(app, words[1:], env={"COLUMNS": "200"})
    assert result.exit_code == 0, (line, result.output[-2000:])


@pytest.mark.parametrize("code", SNIPPETS, ids=lambda c: c.splitlines()[0][:40])
def test_readme_python_runs_as_written(code: str, demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})


@pytest.mark.parametrize("code", R_SNIPPETS, ids=lambda c: c.splitlines()[0][:40])
def test_readme_r_runs_as_written(code: str, demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo)
    if not (demo / "exports").is_dir():
        assert CliRunner().invoke(app, ["export", "--format", "csv", "--out", "exports"]).exit_code == 0
    run_r(code, cwd=demo)
