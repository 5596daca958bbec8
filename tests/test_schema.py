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
    assert "document_key" in result.output and f"schema version {SCHEMA_VERSION}" in result.output
    result = runner.invoke(app, ["schema", "nope"])
    assert result.exit_code == 2 and "unknown dataset" in result.output


def test_categorical_columns_list_their_allowed_values_in_the_reference() -> None:
    """Deadline kind, role, agency kind … carry their values in the schema and in docs/schema.md."""
    from pipeline.store.schema import allowed_values

    role = DATASETS["assignments"].field("role")
    assert allowed_values(role) == (["lead", "coordinate", "appraise", "monitor"], False)
    kinds, open_ = allowed_values(DATASETS["deadlines"].field("kind"))
    assert "quarter" in kinds and "per_schedule" in kinds and not open_
    assert allowed_values(DATASETS["assignments"].field("agency_kind"))[1]  # unseen names add kinds
    text = (ROOT / "docs" / "schema.md").read_text("utf-8")
    assert "Values: 'lead', 'coordinate', 'appraise', 'monitor'" in text
    assert "'sở, ban, ngành'" in text
