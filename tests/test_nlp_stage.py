"""The tag stage inside ingest, its datasets, failures, the tokenizer, and `pipeline eval`."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import SEED_GOLD, SEED_PDF
from pipeline import ingest as ingest_module
from pipeline.cli import app
from pipeline.ingest import ingest
from pipeline.nlp.language import annotate


def test_tokenizer_keeps_offsets_and_splits_slashes() -> None:
    text = "Nghị quyết số 30c/NQ-CP;  Khánh Hoà\nQuý I/2017"
    doc = annotate(text)
    assert doc.text == text
    words = [t.text for t in doc if not t.is_space]
    assert words[:9] == ["Nghị", "quyết", "số", "30c", "/", "NQ", "-", "CP", ";"]
    assert "I" in words and "/" in words and "2017" in words
    hoa = next(t for t in doc if t.text == "Hoà")
    assert hoa.norm_ == "hòa"  # tone mark moved in the norm only; the text is untouched


def test_ingest_writes_tag_datasets(tmp_path) -> None:
    src = tmp_path / "raw"
    src.mkdir()
    shutil.copy(SEED_PDF, src / SEED_PDF.name)
    out = tmp_path / "processed"
    summary = ingest([src], out)
    assert summary.failures == []
    assignments = pd.read_parquet(out / "assignments")
    deadlines = pd.read_parquet(out / "deadlines")
    products = pd.read_parquet(out / "products")
    mentions = pd.read_parquet(out / "mentions")
    assert len(assignments[~assignments.collective]) == 30
    assert len(deadlines) == 13
    assert set(mentions.label) >= {"AGENCY", "ROLE_CUE", "DEADLINE", "PRODUCT"}
    q1 = deadlines[deadlines.text == "Trong Quý I/2017"].iloc[0]
    assert (str(q1.start), str(q1.end), q1.kind) == ("2017-01-01", "2017-03-31", "quarter")
    assert "đề án" in set(products.kind)
    # a rerun replaces rows instead of appending them
    ingest([src], out)
    assert len(pd.read_parquet(out / "deadlines")) == 13


def test_tag_failure_is_recorded_with_stage_tag(tmp_path, monkeypatch) -> None:
    src = tmp_path / "raw"
    src.mkdir()
    shutil.copy(SEED_PDF, src / SEED_PDF.name)

    def broken(decision):  # type: ignore[no-untyped-def]
        raise RuntimeError("tagger exploded")

    monkeypatch.setattr(ingest_module, "tag", broken)
    summary = ingest([src], tmp_path / "processed")
    (failure,) = summary.failures
    assert (failure.stage, failure.reason) == ("tag", "RuntimeError: tagger exploded")
    assert pd.read_parquet(tmp_path / "processed" / "assignments").empty  # readable in one call, no rows


def test_eval_command_prints_scores() -> None:
    result = CliRunner().invoke(app, ["eval", str(SEED_GOLD), "--source", str(SEED_PDF)])
    assert result.exit_code == 0, result.output
    assert "deadlines exact (kind, start, end): 13/13" in result.output
    assert "agency_role" in result.output and "product_kinds" in result.output


@pytest.mark.parametrize("with_parts", [True, False])
def test_body_mentions_index_the_body_text(seed_pdf, with_parts: bool) -> None:
    """Mentions outside the appendix index the structure's parts, or the joined lines without them."""
    import copy

    from pipeline.nlp.tag import body_texts, tag

    decision = copy.deepcopy(seed_pdf)
    if not with_parts:
        decision.parts = {}
    ann = tag(decision)
    texts = dict(body_texts(decision))
    assert ("body" in texts) and (with_parts or list(texts) == ["body"])
    body = [m for m in ann.mentions if m.row_index is None]
    assert len(body) > 50
    for m in body:
        assert texts[m.field][m.start : m.end] == m.text
    # the plan text names the Sở Nội vụ as the body to report to
    assert any(m.label == "AGENCY" and m.value == "Sở Nội vụ" for m in body)


def test_unrecognised_cells_become_warnings(seed_pdf) -> None:
    import copy

    from pipeline.nlp.tag import tag

    decision = copy.deepcopy(seed_pdf)
    decision.tasks[0].deadline_text = "Khi có điều kiện"  # no deadline phrase
    decision.tasks[0].lead_text = "Phòng họp trực tuyến"  # not an agency
    ann = tag(decision, with_body=False)
    assert ann.unparsed_deadlines == [(decision.tasks[0].row_index, "Khi có điều kiện")]
    assert ann.unresolved == [(decision.tasks[0].row_index, "lead_text", "Phòng họp trực tuyến")]
    tagged = [(w.code, w.field) for w in decision.warnings if w.code in ("agency_unresolved", "deadline_unrecognised")]
    assert tagged == [("agency_unresolved", "lead_text"), ("deadline_unrecognised", "deadline_text")]


def test_pipeline_round_trips_through_config_and_disk(tmp_path) -> None:
    import spacy

    from pipeline.nlp.language import build_nlp

    nlp = build_nlp()
    assert nlp.lang == "vi"
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "vn_decisions.syllable_tokenizer.v1"
    nlp.to_disk(tmp_path / "vn")
    loaded = spacy.load(tmp_path / "vn")
    assert loaded.pipe_names == nlp.pipe_names
    doc = loaded("Sở KH&ĐT chủ trì, phối hợp với Sở Tài chính; Trong Quý I/2017")
    assert [s._.agency["canonical"] for s in doc.spans["agencies"]] == ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]
    assert [e.label_ for e in doc.ents] == ["AGENCY", "ROLE_CUE", "ROLE_CUE", "AGENCY", "DEADLINE"]
