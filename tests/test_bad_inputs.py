"""Files users really meet (tests/data/bad/, made by make_bad.py): each ends as a clear
failure record or as a correct partial result with a warning, and the batch finishes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.ingest import ingest
from pipeline.runner import Limits, OutputNotWritable

from conftest import DATA, QD2536_PDF, ROOT
from pdfgen import raw_pdf, text_page
from snapshots import visible_temporaries

BAD = DATA / "bad"
SEED_NUMBER = "4032/QĐ-UBND"
SEED_ISSUER = "Ủy ban nhân dân tỉnh Khánh Hòa"

#: file → reason expected in its failure record (stage read for all).
FAILS = {
    "empty.pdf": "empty file (0 bytes)",
    "empty.docx": "empty file (0 bytes)",
    "whitespace-only.pdf": "unrecognised content for a .pdf file",
    "truncated-half.pdf": "damaged PDF (Failed to load document (PDFium: Data format error)",
    "truncated-header-only.pdf": "damaged PDF (Failed to load document (PDFium: Data format error)",
    "no-trailer.pdf": "damaged PDF (Failed to load document (PDFium: Data format error)",
    "garbage-after-header.pdf": "damaged PDF (Failed to load document (PDFium: Data format error)",
    "encrypted-user-password.pdf": "encrypted PDF: a password is needed to open it",
    "scan-photo.png.pdf": "unrecognised content for a .pdf file",
    "scan-photo.png.docx": "unrecognised content for a .docx file",
    "camera-photo.jpg.pdf": "unrecognised content for a .pdf file",
    "plain-text-renamed.pdf": "unrecognised content for a .pdf file",
    "ole-compound-renamed.docx": "OLE2 compound file that is not a Word 97-2003 (.doc) document",
    "zip-not-word.docx": "damaged DOCX (\"There is no item named '[Content_Types].xml'",
    "corrupt-zip-truncated.docx": "damaged DOCX (not a readable ZIP package",
    "corrupt-zip-no-document-xml.docx": "damaged DOCX (no _rels/.rels in the package: it holds no Word document)",
    "decompression-bomb.pdf": "memory limit exceeded",
    "decompression-bomb.docx": "refused as a zip bomb",
}
#: Web pages renamed .pdf/.docx: a failure today; an HTML reader may read them instead.
WEB_PAGES = ("web-page-saved-as.pdf", "web-page-saved-as.docx")
#: file → (number, task_count, warning code expected or None) for correct (partial) results.
READS = {
    "broken-xref.pdf": (SEED_NUMBER, 12, None),
    "encrypted-owner-only.pdf": (SEED_NUMBER, 12, None),
    "docx-named-as.pdf": (SEED_NUMBER, 12, None),
    "pdf-named-as.docx": (SEED_NUMBER, 12, None),
    "nfd-text.docx": (SEED_NUMBER, 12, None),
    "Quyết định số 4032 – UBND tỉnh Khánh Hòa (bản chính).pdf": (SEED_NUMBER, 12, None),
    unicodedata.normalize("NFD", "Tờ trình Sở Nội vụ – Khánh Hòa.pdf"): (SEED_NUMBER, 12, None),
    "no-table.docx": (SEED_NUMBER, 0, "no_tables"),
    "blank-page.pdf": (None, 0, "no_text"),
    "image-only-scan.pdf": (None, 0, "ocr_no_text"),
    "not-a-decision.docx": (None, 0, "not_administrative_document"),
    "not-a-decision-english.pdf": (None, 0, "not_administrative_document"),
}


def test_corpus_has_the_files_users_meet() -> None:
    files = {p.name for p in BAD.iterdir() if p.suffix in (".pdf", ".docx")}
    assert len(files) >= 30
    assert files == set(FAILS) | set(WEB_PAGES) | set(READS)


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("bad") / "out"
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(BAD), "--out", str(out),
           "--workers", "2", "--memory-limit", "1024", "--time-limit", "120"]
    env = {**os.environ, "COLUMNS": "250"}
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    return done, out


def test_batch_finishes_without_a_traceback(bad_run) -> None:
    done, out = bad_run
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "Ingest summary" in done.stdout
    assert visible_temporaries(out) == []


def test_each_bad_file_is_a_clear_failure_record(bad_run) -> None:
    _, out = bad_run
    failures = pipeline.load("failures", out).set_index("source_file")
    web = [w for w in WEB_PAGES if w in failures.index]
    assert set(failures.index) == set(FAILS) | set(web)
    assert set(failures["stage"]) == {"read"}
    for name, reason in FAILS.items():
        assert reason in failures.loc[name, "reason"], (name, failures.loc[name, "reason"])
        assert "\n" not in failures.loc[name, "reason"]
    for name in web:
        assert "unrecognised content" in failures.loc[name, "reason"]


def test_readable_files_give_correct_or_partial_results_with_warnings(bad_run) -> None:
    _, out = bad_run
    docs = pipeline.load("documents", out, duplicates=True)
    by_name = docs.set_index("source_file")
    assert set(READS) <= set(by_name.index)
    for name, (number, tasks, warning) in READS.items():
        row = by_name.loc[name]
        assert (None if pd.isna(row["number"]) else row["number"]) == number, name
        assert row["task_count"] == tasks, name
        if number:
            assert row["issuer"] == SEED_ISSUER, name
        codes = [w["code"] for w in row["warnings"]]
        if warning:
            assert warning in codes, (name, codes)
    scan = [w for w in by_name.loc["image-only-scan.pdf", "warnings"] if w["code"] == "ocr_no_text"]
    assert [(w["field"], w["detail"]) for w in scan] == [("text", "page 1: no text recognised on this page")]
    # NFD text in the DOCX comes out NFC, as from the NFC original
    nfd = by_name.loc["nfd-text.docx"]
    assert nfd["title"] == unicodedata.normalize("NFC", nfd["title"])
    assert nfd["document_key"] == by_name.loc["docx-named-as.pdf", "document_key"]


def test_500_page_pdf_stays_under_the_limits(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    pages = [(text_page([f"Trang {i}", "Cong bao tinh"]), {}) for i in range(1, 501)]
    (src / "cong-bao-500-trang.pdf").write_bytes(raw_pdf(pages))
    limits = Limits(time_s=300, memory_mb=1024)
    outcomes = []
    summary = ingest([src], tmp_path / "out", workers=1, limits=limits, on_file=outcomes.append)
    assert summary.failures == [] and summary.pages == 500
    (outcome,) = outcomes
    assert 0 < outcome.peak_rss_mb < limits.memory_mb and outcome.seconds < limits.time_s
    docs = pipeline.load("documents", tmp_path / "out")
    assert docs["page_count"].tolist() == [500]


def test_unwritable_output_folder_is_refused_up_front(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    with pytest.raises(OutputNotWritable, match="cannot write to output folder"):
        ingest([QD2536_PDF], blocker / "processed")
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "ingest", str(QD2536_PDF), "--out", str(blocker / "p")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and "cannot write to output folder" in done.stderr  # errors go to stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_unwritable_dataset_folder_fails_each_document_at_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "tasks").write_text("a file where the tasks dataset should be")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(QD2536_PDF, src / "qd.pdf")
    summary = ingest([src], out)
    (failure,) = summary.failures
    assert failure.stage == "write"
    assert failure.reason.startswith(("NotADirectoryError", "FileExistsError")), failure.reason
    assert pipeline.load("failures", out)["stage"].tolist() == ["write"]
    assert len(pipeline.load("documents", out)) == 0  # nothing half-written
