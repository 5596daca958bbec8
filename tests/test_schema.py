"""The schema module documents every field, and docs/schema.md is generated from it."""

from __future__ import annotations

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store.reference import markdown
from pipeline.store.schema import DATASETS, FIELD_KEYS, PARTITIONS, SCHEMA_VERSION

from conftest import ROOT


def test_every_field_has_meaning_and_source_and_every_schema_a_version() -> None:
    for name, schema in DATASETS.items():
        assert schema.metadata[b"schema_version"].decode() == SCHEMA_VERSION
        assert schema.metadata[b"dataset"].decode() == name
        for field in list(schema) + list(PARTITIONS):
            meta = field.metadata or {}
            assert all(key.encode() in meta for key in FIELD_KEYS), (name, field.name)
            assert meta[b"description"] and meta[b"source"], (name, field.name)
    units = {f.name: f.metadata[b"unit"].decode() for f in DATASETS["documents"]}
    assert units["page_count"] == "pages" and units["issue_date"] == "date"
    assert units["spans"].startswith("page; PDF points")


def test_docs_schema_md_matches_the_code() -> None:
    path = ROOT / "docs" / "schema.md"
    assert path.read_text("utf-8").rstrip("\n") == markdown().rstrip("\n"), (
        "docs/schema.md is stale: run `pipeline schema --markdown > docs/schema.md`"
    )
    assert "| `duplicate_of` | string | yes |" in markdown()
    assert "| `year (partition)` | int32 | no |" in markdown()


def test_readme_links_the_schema_reference() -> None:
    assert "(docs/schema.md)" in (ROOT / "README.md").read_text("utf-8")


def test_cli_schema_prints_fields_and_rejects_unknown_dataset() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["schema", "documents"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "document_key" in result.output and "schema version 2" in result.output
    result = runner.invoke(app, ["schema", "nope"])
    assert result.exit_code == 2 and "unknown dataset" in result.output
