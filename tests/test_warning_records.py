"""Warnings are records (code, field, detail), never prose matched by prefix.

Every code the pipeline emits is in the registry (:data:`pipeline.model.notes.CODES`);
the ``documents`` and ``pages`` datasets store ``list<struct<code, field, detail>>``;
a folder written with the older ``list<string>`` schema is rebuilt by the next
ingest, never mixed.
"""

from __future__ import annotations

import ast
import dataclasses
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.ingest import ingest
from pipeline.model import Decision, Note, Page, Task
from pipeline.model.notes import CODES
from pipeline.store.manifest import MANIFEST_NAME
from pipeline.store.schema import DATASETS, PARTITIONS, WARNING
from pipeline.store.version import SCHEMA_VERSION

from conftest import DATA, LAMDONG_DOCX, QD2536_PDF, RAW, ROOT

#: Record fields a warning may name: the decision's and a task's fields, the datasets' columns.
FIELDS = (
    {f.name for f in dataclasses.fields(Decision)}
    | {f.name for f in dataclasses.fields(Task)}
    | {f.name for f in dataclasses.fields(Page)}
    | set(DATASETS["documents"].names)
    | set(DATASETS["pages"].names)
    | {f.name for f in PARTITIONS}
)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """raw/ and real documents of the test data (header forms, signing stamps, legacy encodings) ingested."""
    out = tmp_path_factory.mktemp("warnings") / "processed"
    summary = ingest([RAW, DATA / "headers", DATA / "real", DATA / "legacy"], out)
    assert summary.documents >= 8 and not summary.failures
    return out


def _emitted(root: Path) -> list[dict]:
    rows = pipeline.load("documents", root, duplicates=True, versions=True).warnings.tolist()
    rows += pipeline.load("pages", root).warnings.tolist()
    return [w for ws in rows for w in ws]


def test_every_code_emitted_on_the_samples_is_registered(samples: Path) -> None:
    emitted = _emitted(samples)
    assert len({w["code"] for w in emitted}) >= 10
    assert {w["code"] for w in emitted} <= set(CODES)
    assert {w["field"] for w in emitted} - {None} <= FIELDS
    assert all(w["detail"] for w in emitted)


def test_sample_warnings_carry_their_code_field_and_detail(samples: Path) -> None:
    docs = pipeline.load("documents", samples).set_index("source_file")
    lamdong = {(w["code"], w["field"]): w["detail"] for w in docs.loc[LAMDONG_DOCX.name, "warnings"]}
    assert lamdong[("value_left_blank", "number")] == "number left blank in the source: 'Số: /KH-UBND'"
    assert lamdong[("value_left_blank", "issue_date")].startswith("date left blank in the source: 'Lâm Đồng, ngày")
    stamped = {(w["code"], w["field"]) for w in docs.loc[QD2536_PDF.name, "warnings"]}
    assert {("number_from_stamp", "number"), ("date_from_stamp", "issue_date")} <= stamped
    pages = pipeline.load("pages", samples)
    first = pages[(pages["doc_id"] == docs.loc[QD2536_PDF.name, "doc_id"]) & (pages["page"] == 1)].iloc[0]
    # The page's triage note, repeated on the document with its page number.
    note = first["warnings"][0]
    assert (note["code"], note["field"]) == ("triage_text_layer_used", "text")
    assert {"code": note["code"], "field": "text", "detail": "page 1: " + note["detail"]} in list(
        docs.loc[QD2536_PDF.name, "warnings"]
    )
    # A DOCX, HTML or text file has no pages to name: its notes carry no "page N: ".
    unpaged = docs[docs["source_format"] != "pdf"]
    assert len(unpaged) and not any(w["detail"].startswith("page ") for ws in unpaged["warnings"] for w in ws)


def test_every_note_in_the_source_names_a_registered_code_and_every_code_is_used() -> None:
    """Codes are literal first arguments of ``Note(…)``; none unused.
    (The record's own module copies a note's code onto the document: not an emitter.)"""
    used: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        if path.name == "notes.py" and path.parent.name == "model":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Note" and node.args:
                first = node.args[0]
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), (path, ast.unparse(node))
                used.add(first.value)
    assert used - set(CODES) == set()
    assert set(CODES) - used == set()
    assert all(code.isidentifier() and code == code.lower() for code in CODES)


def test_unregistered_code_is_refused() -> None:
    with pytest.raises(ValueError, match="not in pipeline.model.notes.CODES"):
        Note("number_looks_odd", "number", "x")
    note = Note("number_unreadable", "number", "number unreadable (handwritten or damaged): 'Số: ⁄Z⁄46 /QĐ-UBND'")
    assert str(note) == "number_unreadable [number]: number unreadable (handwritten or damaged): 'Số: ⁄Z⁄46 /QĐ-UBND'"
    assert note.on_page(2).detail.startswith("page 2: number unreadable")


def test_warnings_column_is_a_list_of_code_field_detail_structs(samples: Path) -> None:
    for dataset in ("documents", "pages"):
        assert DATASETS[dataset].field("warnings").type == pa.list_(WARNING)
        files = sorted((samples / dataset).rglob("*.parquet"))
        assert files, dataset
        for path in files:
            column = pq.read_schema(path).field("warnings").type
            assert pa.types.is_list(column) and pa.types.is_struct(column.value_type), (path, column)
            parts = [(f.name, f.type, f.nullable) for f in column.value_type]
            assert parts == [("code", pa.string(), False), ("field", pa.string(), True), ("detail", pa.string(), False)], path


def test_document_view_shows_code_field_and_detail(samples: Path) -> None:
    from pipeline.diff import resolve
    from pipeline.views.document import html

    doc_id = pipeline.load("documents", samples).set_index("source_file").loc[LAMDONG_DOCX.name, "doc_id"]
    page = html(resolve(doc_id, samples), None)
    assert '<h2 id="warnings">Warnings</h2>' in page
    assert '<td class="mono">value_left_blank</td><td class="mono">number</td>' in page


def _old_schema_copy(processed: Path, to: Path, flag: str | None) -> Path:
    """A copy of ``processed`` as an older pipeline left it: ``warnings`` as ``list<string>``."""
    import shutil

    shutil.copytree(processed, to)
    for dataset in ("documents", "pages"):
        for path in (to / dataset).rglob("*.parquet"):
            table = pq.read_table(path, partitioning=None)
            old = pa.array([[str(Note(**w)) for w in ws] for ws in table["warnings"].to_pylist()], pa.list_(pa.string()))
            table = table.set_column(table.schema.get_field_index("warnings"), "warnings", old)
            pq.write_table(table, path)
    with sqlite3.connect(to / MANIFEST_NAME) as db:
        db.execute("DELETE FROM state WHERE key = 'schema_version'")
        if flag is not None:
            db.execute("INSERT INTO state VALUES ('schema_version', ?)", (flag,))
        db.execute("DELETE FROM written")  # the files changed on purpose: not a damaged-file repair
    return to


@pytest.mark.parametrize("flag", [None, "5"], ids=["before-the-flag", "version-5"])
def test_folder_written_with_the_old_string_warnings_is_rebuilt_not_mixed(samples: Path, tmp_path: Path, flag: str | None) -> None:
    old = _old_schema_copy(samples, tmp_path / "processed", flag)
    with pytest.raises(pa.ArrowInvalid, match="older schema version"):
        pipeline.load("documents", old)
    before = sorted(pipeline.load("documents", samples)["source_file"])
    summary = ingest([RAW], old)  # one of the four folders the old datasets came from
    assert summary.rebuilt == (flag or f"before {SCHEMA_VERSION}") and summary.rebuilt_lost == []
    assert summary.skipped == 0 and not summary.failures
    docs = pipeline.load("documents", old)
    assert sorted(docs["source_file"]) == before  # the other folders' documents were read again, none lost
    assert all(isinstance(w, dict) and set(w) == {"code", "field", "detail"} for ws in docs.warnings for w in ws)
    assert ingest([RAW], old).rebuilt is None  # rebuilt once: the next run skips the unchanged files


def plan_folders(tmp_path: Path, names: tuple[str, str] = ("first", "second"), as_name: str | None = None) -> tuple[Path, Path]:
    """Two input folders holding one real plan each (Đồng Tháp, Hà Tĩnh excerpts), under ``as_name`` if given."""
    import shutil

    first, second = tmp_path / names[0], tmp_path / names[1]
    for folder, source in ((first, "dongthap_kh552_chained_basis.md"), (second, "hatinh_kh624_portal_excerpt.md")):
        folder.mkdir()
        shutil.copy(DATA / "headers" / source, folder / (as_name or source))
    return first, second


def old_folder_of_two(tmp_path: Path, flag: str | None) -> tuple[Path, Path, Path]:
    """``(first, second, processed)``: both folders ingested, then the datasets turned into an older pipeline's."""
    first, second = plan_folders(tmp_path)
    out = tmp_path / "written"
    assert ingest([first, second], out).documents == 2
    return first, second, _old_schema_copy(out, tmp_path / "processed", flag)


def test_rebuild_names_an_earlier_input_that_is_gone_from_disk(tmp_path: Path) -> None:
    first, second, old = old_folder_of_two(tmp_path, "5")
    (second / "hatinh_kh624_portal_excerpt.md").unlink()
    summary = ingest([first], old)
    assert summary.rebuilt == "5"
    assert [name for name, _ in summary.rebuilt_lost] == ["hatinh_kh624_portal_excerpt.md"]
    assert summary.rebuilt_lost[0][1] == f"no longer in {second.resolve()}"
    assert list(pipeline.load("documents", old)["source_file"]) == ["dongthap_kh552_chained_basis.md"]
