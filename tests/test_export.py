"""`pipeline export`: CSV (UTF-8 with BOM) and Stata .dta of every dataset, with a codebook from the schema."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import LAMDONG_DOCX, SEED_PDF
from rscript import run_r
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store.schema import DATASETS


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    root = tmp_path_factory.mktemp("processed")
    result = CliRunner().invoke(app, ["ingest", str(SEED_PDF), str(LAMDONG_DOCX), "--out", str(root)])
    assert result.exit_code == 0, result.output
    return root


def test_csv_has_bom_and_round_trips(processed, tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--root", str(processed), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    tasks = pd.read_csv(tmp_path / "tasks.csv", encoding="utf-8-sig")
    assert len(tasks) == 12 + 52
    seed = tasks[tasks.province == "khanh-hoa"].sort_values("row_index")
    assert seed.iloc[0]["deadline_text"] == "Trong năm 2017"
    docs = pd.read_csv(tmp_path / "documents.csv", encoding="utf-8-sig")
    assert set(docs.number.dropna()) == {"4032/QĐ-UBND"}
    assert docs.spans.str.startswith("[").all()  # nested provenance kept as JSON text


def test_stata_files_read_back(processed, tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "stata", "--root", str(processed), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    docs = pd.read_stata(tmp_path / "documents.dta")
    seed = docs[docs.number == "4032/QĐ-UBND"].iloc[0]
    assert seed.issue_date == pd.Timestamp("2016-12-27")
    assert seed.signer_name == "Lê Đức Vinh"
    tasks = pd.read_stata(tmp_path / "tasks.dta")
    assert len(tasks) == 64
    longest = max(tasks.task_text, key=len)
    assert len(longest.encode("utf-8")) > 245  # long cells survive (strL), not cut to str244
    with pd.io.stata.StataReader(tmp_path / "tasks.dta") as reader:
        labels = reader.variable_labels()
    assert labels["task_text"].startswith("Nhiệm vụ cell")


def test_codebook_covers_every_schema_field(processed, tmp_path):
    CliRunner().invoke(app, ["export", "--root", str(processed), "--out", str(tmp_path)])
    book = pd.read_csv(tmp_path / "codebook.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for name, schema in DATASETS.items():
        fields = set(book[book.dataset == name].field)
        assert set(schema.names) <= fields, name
    row = book[(book.dataset == "tasks") & (book.field == "task_text")].iloc[0]
    assert row.vietnamese_term == "Nhiệm vụ"
    assert row.type == "string"
    number = book[(book.dataset == "documents") & (book.field == "number")].iloc[0]
    assert number.vietnamese_term == "Số, ký hiệu"
    assert "| `doc_id` | `doc_id` | string |" in (tmp_path / "codebook.md").read_text("utf-8")
    codes = pd.read_csv(tmp_path / "warning_codes.csv", encoding="utf-8-sig", dtype=str)
    assert codes.set_index("code").loc["value_left_blank", "meaning"].startswith("a header value left blank")


def test_unknown_format_is_refused(processed, tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "xlsx", "--root", str(processed), "--out", str(tmp_path)])
    assert result.exit_code != 0


def test_stata_reserved_words_get_a_suffix():
    from pipeline.export import stata_name

    # deadlines.end (DESIGN.md §3) is a reserved word in Stata; other names pass unchanged.
    assert stata_name("end") == "end_"
    assert stata_name("deadline_text") == "deadline_text"


def test_csv_writes_integers_as_integers_and_dates_as_iso_for_pandas_and_duckdb(processed, tmp_path):
    """No '11.0' for a page count with a null beside it (the DOCX has no pages); ISO dates; both readers
    infer integer and date types."""
    import duckdb

    CliRunner().invoke(app, ["export", "--format", "csv", "--root", str(processed), "--out", str(tmp_path)])
    text = (tmp_path / "documents.csv").read_text("utf-8-sig")
    assert ",11," in text and "11.0" not in text and ",2017," in text and "2016-12-27" in text
    docs = pd.read_csv(tmp_path / "documents.csv", encoding="utf-8-sig", parse_dates=["issue_date"])
    assert docs.plan_start_year.dtype == "int64" and docs.issue_date.dtype.kind == "M"
    assert sorted(docs.page_count.dropna()) == [11]  # blank for the DOCX
    table = duckdb.sql(f"SELECT * FROM read_csv('{tmp_path / 'documents.csv'}')")
    types = dict(zip(table.columns, map(str, table.types)))
    assert types["plan_year"] == "BIGINT" and types["issue_date"] == "DATE" and types["page_count"] == "BIGINT"
    seed = duckdb.sql(f"SELECT plan_year, issue_date FROM read_csv('{tmp_path / 'documents.csv'}') WHERE number = '4032/QĐ-UBND'").fetchall()[0]
    assert seed == (2017, __import__("datetime").date(2016, 12, 27))


def test_stata_categorical_columns_carry_value_labels(processed, tmp_path):
    """role, deadline kind, agency kind … open in pandas' read_stata as labelled categories."""
    CliRunner().invoke(app, ["export", "--format", "stata", "--root", str(processed), "--out", str(tmp_path)])
    assignments = pd.read_stata(tmp_path / "assignments.dta")
    assert isinstance(assignments.role.dtype, pd.CategoricalDtype)
    assert set(assignments.role.dropna()) <= {"lead", "coordinate", "appraise", "monitor"} and "lead" in set(assignments.role)
    assert "sở, ban, ngành" in set(assignments.agency_group.astype(str))
    with pd.io.stata.StataReader(tmp_path / "deadlines.dta") as reader:
        labels = reader.value_labels()
        variables = reader.variable_labels()
    assert labels["kind"][1] == "date" and labels["kind"][10] == "per_schedule" and labels["kind"][11] == "duration"
    assert variables["quarter"].startswith("Calendar quarter of the end date")
    codes = pd.read_stata(tmp_path / "deadlines.dta", convert_categoricals=False)
    assert codes.kind.dropna().between(1, 10).all()
    tables = pd.read_stata(tmp_path / "tables.dta")  # the table kind is labelled too
    assert isinstance(tables.kind.dtype, pd.CategoricalDtype) and "task" in set(tables.kind.astype(str))



def test_csv_read_by_r_read_csv_gives_integers_logicals_and_dates_with_as_date(processed, tmp_path):
    """R's read.csv reads years and counts as integer and flags as logical; it reads ISO dates as
    character (R never guesses dates), so the README's recipe converts them with as.Date."""
    CliRunner().invoke(app, ["export", "--format", "csv", "--root", str(processed), "--out", str(tmp_path)])
    script = (
        f'd <- read.csv("{tmp_path / "documents.csv"}", fileEncoding = "UTF-8-BOM"); '
        'cat(class(d$plan_year), class(d$page_count), class(d$is_draft), class(d$issue_date), "\\n"); '
        'd$issue_date <- as.Date(d$issue_date); '
        'cat(class(d$issue_date), format(d$issue_date[d$number %in% "4032/QĐ-UBND"]), '
        'd$plan_year[d$number %in% "4032/QĐ-UBND"], sum(is.na(d$page_count)), "\\n")'
    )
    classes, values = run_r(script).splitlines()[:2]
    assert classes.split() == ["integer", "integer", "logical", "character"]
    assert values.split() == ["Date", "2016-12-27", "2017", "1"]  # the DOCX has no pages: NA, not 0
