"""OCR figures on the corpus scans: CER of body text and table cells, routing, speed.

Usage (from the repository root, after ``make setup``)::

    .venv/bin/python bench/ocr_quality.py [seed] [lamdong] [1716] [kmt] [speed] \\
        [--corpus ../shared/corpus] [--workers 2]

Without names it runs all six, one OCR job at a time. Figures printed:

- seed: body CER vs ``body_paragraphs`` (goal ≤ 0.5 %), appendix cell CER and
  exact share vs ``4032-QD-UBND.tables.json`` (≤ 1 %, ≥ 85 %), gold tasks found;
- lamdong: the same cell figures for the Lâm Đồng scan vs its DOCX table truth,
  and its task ordinals found under the right section numeral;
- 1716: per-page triage decision, number and date parsed after OCR;
- kmt: paragraphs of the scanned plan pages of 91-TTr-CAT-PC04.pdf paired
  with those of the .doc draft at ≥ 80 % similarity, and their CER (≤ 2 %);
- speed: seconds per page on the seed scan with 1 and 2 worker processes;
- triage: each development-corpus PDF's page verdicts and reasons (no OCR).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pipeline.eval.ocr import (
    TASK_FIELDS_5,
    TASK_FIELDS_7,
    align_paragraphs,
    paragraphs,
    reading_order,
    section_text,
    squash,
    task_cells,
    text_cer,
)
from pipeline.model import Document
from pipeline.readers.pdf_text import read_pdf
from pipeline.structure import parse

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "seed_4032" / "gold.json"


def _read(path: Path, workers: int) -> tuple[Document, float]:
    start = time.perf_counter()
    doc = read_pdf(path, doc_id="bench", ocr_workers=workers)
    return doc, time.perf_counter() - start


def _cells(label: str, decision, rows, fields) -> None:  # type: ignore[no-untyped-def]
    score = task_cells(decision.tasks, rows, fields)
    print(f"{label}: cell CER {score.cer:.4%} ({score.edits}/{score.chars} chars), "
          f"exact {score.exact_share:.2%} ({score.exact}/{score.total} cells)")
    for want, got in score.misses:
        ops = [op for op in Levenshtein.opcodes(got, want) if op.tag != "equal"][:3]
        shown = "; ".join(
            f"{got[max(0, op.src_start - 6):op.src_end + 6]!r} -> {want[max(0, op.dest_start - 6):op.dest_end + 6]!r}"
            for op in ops
        )
        print(f"    {shown}")


def seed(corpus: Path, workers: int) -> None:
    folder = corpus / "rendered" / "seed_4032"
    doc, seconds = _read(folder / "4032-QD-UBND.scan.pdf", workers)
    truth = json.loads((folder / "4032-QD-UBND.truth.json").read_text("utf-8"))
    tables = json.loads((folder / "4032-QD-UBND.tables.json").read_text("utf-8"))
    print(f"seed scan: {len(doc.pages)} pages in {seconds:.1f} s ({seconds / len(doc.pages):.2f} s/page, {workers} workers)")
    lines = [ln for page in doc.pages for ln in reading_order(page.lines)]
    body = text_cer(lines, truth["body_paragraphs"])
    print(f"seed body: CER {body.cer:.4%} ({body.edits}/{body.chars} chars)")
    decision = parse(doc)
    _cells("seed appendix", decision, tables["tables"][0]["rows"][1:], TASK_FIELDS_5)
    gold = json.loads(GOLD.read_text("utf-8"))["tasks"]
    ok = sum(
        1
        for task, want in zip(decision.tasks, gold)
        if task.section == want["section"]
        and task.ordinal == want["ordinal"]
        and squash(task.task_text).startswith(squash(want["task_prefix"]))
        and squash(task.product_text).startswith(squash(want["product_prefix"]))
    )
    print(f"seed gold tasks: {ok}/{len(gold)} match ({len(decision.tasks)} task rows)")
    for task, want in zip(decision.tasks, gold):
        if task.section != want["section"] or task.ordinal != want["ordinal"]:
            print(f"    gold {want['section']}.{want['ordinal']} got {task.section}.{task.ordinal}")


def lamdong(corpus: Path, workers: int) -> None:
    scan = corpus / "rendered" / "lamdong_kh_cchc_2026" / "kh-cchc-2026.scan.pdf"
    truth = corpus / "real" / "lamdong_vbai" / "kh_cchc_2026" / "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.tables.json"
    doc, seconds = _read(scan, workers)
    print(f"lamdong scan: {len(doc.pages)} pages in {seconds:.1f} s ({seconds / len(doc.pages):.2f} s/page)")
    rows = json.loads(truth.read_text("utf-8"))["tables"][0]["rows"][1:]
    rows = [row[:5] + [row[4]] + row[5:] if len(row) == 6 else row for row in rows]
    decision = parse(doc)
    _cells("lamdong appendix", decision, rows, TASK_FIELDS_7)
    _ordinals("lamdong", decision.tasks, rows)


def _ordinals(label: str, tasks, rows) -> None:  # type: ignore[no-untyped-def]
    """Task ordinals right: each truth (section numeral, ordinal) found on a task row, with multiplicity."""
    from collections import Counter

    want: Counter[tuple[str, str]] = Counter()
    section = ""
    for row in rows:
        heading = section_text(row)
        if heading is not None:
            section = squash(heading).split(" ", 1)[0].rstrip(".")
        elif squash(row[0]):
            want[(section, squash(row[0]).rstrip("."))] += 1
    got = Counter((t.section or "", (t.ordinal or "").rstrip(".")) for t in tasks)
    right = sum(min(n, got[key]) for key, n in want.items())
    missed = sorted(key for key, n in want.items() if got[key] < n)
    print(f"{label} ordinals: {right}/{sum(want.values())} right" + (f", missed {missed}" if missed else ""))


def qd1716(corpus: Path, workers: int) -> None:
    path = corpus / "real" / "lamdong_vbai" / "chi_so_cchc_2025" / "1716 QĐ thành lập HĐTĐ.pdf"
    doc, seconds = _read(path, workers)
    for page in doc.pages:
        print(f"1716 page {page.number}: {page.source_kind}; {page.warnings[0]}; confidence {page.ocr_confidence}")
    decision = parse(doc)
    print(f"1716: number {decision.number!r}, date {decision.issue_date}, {seconds:.1f} s")


def doc_paragraphs(path: Path) -> list[str]:
    """Paragraphs of a legacy .doc via the project's reader, else LibreOffice's text export."""
    try:
        from pipeline.readers import read

        return [ln.text for ln in read(path).lines()]
    except Exception:  # noqa: BLE001 - the .doc reader may not be on this branch yet
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(path)],
                check=True, capture_output=True, timeout=120,
            )
            return next(Path(tmp).glob("*.txt")).read_text("utf-8-sig").splitlines()


def kmt(corpus: Path, workers: int) -> None:
    folder = corpus / "real" / "lamdong_vbai" / "scanned_kh_ma_tuy_2026"
    doc, seconds = _read(folder / "91-TTr-CAT-PC04.pdf", workers)
    print(f"91-TTr: {len(doc.pages)} pages in {seconds:.1f} s, confidence "
          + " ".join(f"{p.ocr_confidence}" for p in doc.pages))
    reference = doc_paragraphs(folder / "KẾ HOẠCH KMT UBND TỈNH NĂM 2026.doc")
    result = align_paragraphs(paragraphs(doc.lines()), reference)
    print(f"91-TTr vs .doc: {len(result.pairs)} paragraphs paired at >= 80 % "
          f"(of {result.ocr_paragraphs} OCR, {result.reference_paragraphs} .doc), "
          f"CER {result.score.cer:.4%} ({result.score.edits}/{result.score.chars} chars)")


def speed(corpus: Path, workers: int) -> None:
    path = corpus / "rendered" / "seed_4032" / "4032-QD-UBND.scan.pdf"
    for n in sorted({1, max(2, workers)}):
        doc, seconds = _read(path, n)
        print(f"speed: {seconds / len(doc.pages):.2f} s/page effective with {n} worker(s) "
              f"({len(doc.pages)} pages, {seconds:.1f} s)")


def triage(corpus: Path, workers: int) -> None:
    """Each development-corpus PDF's page verdicts (route and reason), without OCR'ing anything."""
    from collections import Counter

    import pypdfium2 as pdfium

    from pipeline.readers.pdfium_words import extract_words
    from pipeline.readers.triage import image_cover, triage_page

    for path in sorted((corpus / "dev").glob("pdf_*/*.pdf")):
        pdf = pdfium.PdfDocument(path)
        reasons: Counter[str] = Counter()
        for page in pdf:
            verdict = triage_page(extract_words(page, page.get_size()[1]), image_cover(page), page)
            reasons[verdict.reason.code] += 1
        print(f"triage {path.parent.name}/{path.name}: " + "; ".join(f"{n}× {r}" for r, n in reasons.most_common()))
        pdf.close()


JOBS = {"seed": seed, "lamdong": lamdong, "1716": qd1716, "kmt": kmt, "speed": speed, "triage": triage}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jobs", nargs="*", choices=[*JOBS, []], default=[])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.corpus / "rendered").is_dir():
        print(
            f"OCR figures need the project's shared corpus (rendered/ and real/ scans); "
            f"none at {args.corpus}: pass --corpus PATH/TO/shared/corpus"
        )
        return 2
    for name in args.jobs or list(JOBS):
        JOBS[name](args.corpus, args.workers)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
