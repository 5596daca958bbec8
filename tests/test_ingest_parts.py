"""The part datasets written by ingest: legal_bases, citations, articles,
recipients, plan_items, targets and the parts they index; reruns change nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import ingest
from pipeline.store.schema import DATASETS

from conftest import QD2536_PDF, SEED_PDF

PART_DATASETS = ("parts", "legal_bases", "citations", "articles", "recipients", "plan_items", "targets")


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parts")
    summary = ingest([SEED_PDF, QD2536_PDF], out)
    assert summary.failures == [] and summary.documents == 2
    return out


def _read(out: Path, dataset: str) -> pd.DataFrame:
    return pd.read_parquet(out / dataset)


def test_rows_per_dataset(processed: Path) -> None:
    docs = _read(processed, "documents").set_index("source_file")
    seed = docs.loc[SEED_PDF.name]
    qd = docs.loc[QD2536_PDF.name]
    assert (seed["article_count"], seed["recipient_count"], seed["legal_basis_count"], seed["target_count"]) == (3, 12, 5, 12)
    assert (qd["number"], qd["number_seq"], str(qd["issue_date"])[:10]) == ("2536/QĐ-UBND", "2536", "2025-12-12")
    assert qd["archive_note"] == "VT, NC.Châu"
    counts = {name: _read(processed, name).groupby("doc_id").size().to_dict() for name in PART_DATASETS[1:]}
    assert counts["legal_bases"][seed["doc_id"]] == 5  # 4 "Căn cứ" paragraphs (one lists 30c and 76/NQ-CP), 1 recital
    assert counts["targets"][seed["doc_id"]] == 12
    assert counts["recipients"][seed["doc_id"]] == 12
    assert counts["articles"][qd["doc_id"]] == 7
    targets = _read(processed, "targets")
    row = targets[(targets["doc_id"] == seed["doc_id"]) & (targets["item_path"] == "I.2.đ")].iloc[0]
    assert (row["value"], row["unit"], row["comparator"], row["page"]) == (10.0, "%", "<", 3)


def test_schemas_documented(processed: Path) -> None:
    for name in PART_DATASETS:
        schema = DATASETS[name]
        assert all(f.metadata and f.metadata.get(b"description") for f in schema), name
        table_cols = list(_read(processed, name).columns)
        assert [c for c in table_cols if c not in ("province", "year")] == schema.names


def test_spans_resolve_in_written_parts(processed: Path) -> None:
    parts = _read(processed, "parts").set_index(["doc_id", "part"])["text"].to_dict()
    for name, column in (("targets", "text"), ("citations", "text"), ("recipients", "name")):
        frame = _read(processed, name)
        for row in frame.itertuples():
            if row.part.startswith("task:"):
                continue
            assert parts[(row.doc_id, row.part)][row.char_start : row.char_end] == getattr(row, column)


def test_rerun_changes_nothing(processed: Path) -> None:
    before = {name: len(_read(processed, name)) for name in PART_DATASETS}
    ingest([SEED_PDF, QD2536_PDF], processed)
    after = {name: len(_read(processed, name)) for name in PART_DATASETS}
    assert before == after
