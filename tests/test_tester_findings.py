"""Defects found by the tester session (each test fails today: xfail strict).

The coordinator takes these into the owning areas' test files once fixed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.ingest import ingest

from conftest import DATA
from test_warning_records import _old_schema_copy


class _Interrupt(KeyboardInterrupt):
    """Ctrl-C arriving after the first file of a run is done."""


@pytest.mark.xfail(strict=True, reason="rebuild_if_outdated sets the schema_version flag before the run's files are "
                   "ingested (migrate.py docstring says 'set last'): a rebuild cut short by Ctrl-C is not resumed, "
                   "the earlier folders' documents are silently lost on the rerun")
def test_rebuild_cut_short_is_completed_by_the_rerun(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    shutil.copy(DATA / "headers" / "dongthap_kh552_chained_basis.md", first)
    shutil.copy(DATA / "headers" / "hatinh_kh624_portal_excerpt.md", second)
    out = tmp_path / "written"
    assert ingest([first, second], out).documents == 2
    old = _old_schema_copy(out, tmp_path / "processed", "5")

    def stop(outcome: object) -> None:
        raise _Interrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([first], old, on_file=stop)
    ingest([first], old)  # the same command again resumes
    assert sorted(pipeline.load("documents", old)["source_file"]) == [
        "dongthap_kh552_chained_basis.md", "hatinh_kh624_portal_excerpt.md"]
