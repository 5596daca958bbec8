"""The notebooks run top to bottom (nbclient) on the datasets `make demo` builds, and are stored without outputs."""

from __future__ import annotations

import json

import nbformat
import pytest
from conftest import RAW, ROOT
from nbclient import NotebookClient

from pipeline.ingest import ingest

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def demo_datasets(tmp_path_factory):
    """What `make demo` writes: raw/ ingested into a processed/ folder."""
    out = tmp_path_factory.mktemp("processed")
    summary = ingest([RAW], out)
    assert summary.documents >= 3
    return out


def test_three_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == [
        "01_load_and_explore.ipynb",
        "02_agency_workload.ipynb",
        "03_diff_plans.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    book = json.loads(path.read_text("utf-8"))
    for cell in book["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{path.name}: strip outputs before committing"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, demo_datasets, tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_PROCESSED", str(demo_datasets))
    monkeypatch.setenv("SAVE_FIGURES", str(tmp_path))
    book = nbformat.read(path, as_version=4)
    NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    text = "\n".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in book.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    if path.stem.startswith("01"):
        assert "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx" in text and "52" in text
    elif path.stem.startswith("02"):
        # The charts show in the notebook itself (Jupyter's inline backend), not only in SAVE_FIGURES files.
        images = [o for c in book.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
        assert len(images) == 2
        assert (tmp_path / "workload_by_agency.png").stat().st_size > 10_000
        assert (tmp_path / "workload_by_quarter.png").stat().st_size > 10_000
    else:
        assert "Hoàn thành và đưa Trung tâm IOC vào hoạt động" in text
        assert ">= 80 % → >= 90 %" in text and "282/QĐ-TTg" in text
