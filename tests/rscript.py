"""Rscript for the tests that open exports in R (``make test`` installs r-base-core, Makefile ``TEST_APT_PACKAGES``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def rscript() -> str:
    """Path of Rscript. Missing: the test fails in CI (``CI`` set) and is skipped, saying why, elsewhere."""
    path = shutil.which("Rscript")
    if path is None and os.environ.get("CI"):
        pytest.fail("Rscript is not installed: `make test` installs r-base-core (Makefile TEST_APT_PACKAGES)")
    if path is None:
        pytest.skip("Rscript is not installed (and CI is not set): `make test` installs r-base-core")
    return path


def run_r(code: str, cwd: Path | None = None) -> str:
    """Run R code with ``Rscript -e``; its standard output (fails the test on an R error)."""
    result = subprocess.run([rscript(), "-e", code], capture_output=True, text=True, timeout=120, cwd=cwd)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
