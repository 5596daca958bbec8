"""Scan transfer: make office-like scans of the dev text-layer PDFs and keep their truth.

The dev corpus has only a handful of real scans, but 30 text-layer PDFs whose header values
(number, date, issuer, title, signer, legal bases, articles) are known in ``expected.json``.
This script prints each of those PDFs to an IMAGE-ONLY PDF the way an office scanner would,
so the OCR path's header parsing can be scored on the same family of documents::

    .venv/bin/python bench/scan_transfer.py /tmp/scan_transfer \\
        [--corpus /work/shared/corpus/dev] [--max-pages 12] [--seed 13] [--only NAME ...]
    PYTHONPATH=$PWD .venv/bin/python /work/shared/corpus/eval_corpus.py /tmp/scan_transfer \\
        --clone . --out /tmp/scan_transfer_out1 --verbose

Per page (Pillow + numpy only; no text layer survives):

- rendered with pypdfium2 at ``--dpi`` (200), grayscale, with its form fields drawn (signed
  PDFs fill the number and the day of the header in form fields at signing: a printout shows
  them, so a scan does);
- rotated by a seeded random angle in [−``--max-skew``, +``--max-skew``] degrees (0.6°),
  bicubic, white fill, same canvas;
- Gaussian blur (``--blur`` px, 0.7), paper tone (value × 0.94 + 8), Gaussian noise σ =
  ``--noise`` (2.0 on 0–255), a few hundred dust pixels;
- JPEG-compressed (grayscale, quality ``--quality`` 45) and decoded again, so the JPEG
  artefacts are in the pixels; the pages are written as one PDF by Pillow's PDF writer
  (DCT-encoded grayscale images at the render resolution).

Pages kept: a document of at most ``--max-pages`` pages is kept whole. A longer one is cut
after its signature page, found simply as the first page whose text layer holds the expected
signer name (the header fields are all on or before that page); a longer document without a
findable signer page is skipped. The derived ``expected.json`` holds the same entries with
``file`` changed to ``pdf_scan/<name>``; for a cut document the appendix task table and
prose-task rows (which sit after the signature page) are removed. Entries listed in
``NOT_IN_PIXELS`` are dropped or stripped of the fields that no page image can show, each
with its reason (printed and written into ``meta.dropped``).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import unicodedata
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DEV = Path("/work/shared/corpus/dev")

# Fields whose expected value cannot come from the page pixels, per source file, with the reason.
# (file stem → {field: reason}); an entry with field "*" is dropped whole.
NOT_IN_PIXELS: dict[str, dict[str, str]] = {
    "laichau_qd1629_ubnd_2025_phuluc": {
        "*": "pages 1-2 are the decision QĐ 1629/QĐ-UBND itself drawn as vector outlines (no text layer); "
             "the entry describes the appendix the text layer holds (no number, date or signer), while "
             "the page images show the decision's header, number, date and signer",
    },
    "national_cv_cucpccc_duthao_2026": {
        "number": "the page content leaves the number blank (expected null), but the file's signing form "
                  "widgets stamp 'Số: 2118' over the blank, so a printout shows a number",
        "issue_date": "the page content leaves day and month blank (expected null), but the form widgets "
                      "stamp 'ngày 24 tháng 06', so a printout shows a date",
    },
}


def fold(s: str) -> str:
    """NFC, lower case, whitespace collapsed: for finding the signer name in a text layer."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip().lower()


def signature_page(pdf: pdfium.PdfDocument, signer: str | None) -> int | None:
    """0-based index of the first page whose text layer holds ``signer``; None when not found."""
    if not signer:
        return None
    want = fold(signer)
    for i in range(len(pdf)):
        text = pdf[i].get_textpage().get_text_range()
        if want in fold(text):
            return i
    return None


def scan_page(page: pdfium.PdfPage, rng: random.Random, a: argparse.Namespace) -> tuple[Image.Image, float]:
    """One page as an office scan: (8-bit grayscale image after JPEG round trip, skew in degrees)."""
    img = page.render(scale=a.dpi / 72, grayscale=True, may_draw_forms=True).to_pil().convert("L")
    angle = rng.uniform(-a.max_skew, a.max_skew)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    if a.blur > 0:
        img = img.filter(ImageFilter.GaussianBlur(a.blur))
    arr = np.asarray(img, dtype=np.float32) * 0.94 + 8
    nrng = np.random.default_rng(rng.randrange(2**32))
    arr += nrng.normal(0.0, a.noise, arr.shape)
    ys = nrng.integers(0, arr.shape[0], a.specks)
    xs = nrng.integers(0, arr.shape[1], a.specks)
    arr[ys, xs] = nrng.integers(40, 120, a.specks)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=a.quality)
    buf.seek(0)
    return Image.open(buf).convert("L"), angle


def make_scan(src: Path, dst: Path, entry: dict, a: argparse.Namespace) -> tuple[int | None, str]:
    """Write the scan of ``src`` to ``dst``; returns (pages kept or None when skipped, what was done)."""
    pdf = pdfium.PdfDocument(str(src))
    pdf.init_forms()  # form fields (number and day filled in at signing) are printed, so scanned
    n = len(pdf)
    keep, how = n, f"{n} pages, whole"
    if n > a.max_pages:
        sig = signature_page(pdf, entry.get("signer_name"))
        if sig is None:
            return None, f"{n} pages and no signature page found: skipped"
        keep, how = sig + 1, f"{n} pages, cut after the signature page {sig + 1}"
    rng = random.Random(f"{a.seed}:{src.name}")
    pages, angles = [], []
    for i in range(keep):
        img, angle = scan_page(pdf[i], rng, a)
        pages.append(img)
        angles.append(angle)
    dst.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(dst, "PDF", save_all=True, append_images=pages[1:], resolution=float(a.dpi), quality=a.quality)
    return keep, how + "; skew " + " ".join(f"{x:+.2f}" for x in angles)


def derived_entry(entry: dict, name: str, cut: bool) -> dict | None:
    """The expected entry for the scan: file renamed, fields no page image shows removed."""
    e = dict(entry, file=f"pdf_scan/{name}")
    if cut:
        for k in ("appendix_task_table", "prose_tasks"):
            e.pop(k, None)
    for field in NOT_IN_PIXELS.get(Path(name).stem, {}):
        if field == "*":
            return None
        e.pop(field, None)
    return e


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path, help="derived corpus folder (gets pdf_scan/ and expected.json)")
    ap.add_argument("--corpus", type=Path, default=DEV)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--max-pages", type=int, default=12)
    ap.add_argument("--max-skew", type=float, default=0.6)
    ap.add_argument("--blur", type=float, default=0.7)
    ap.add_argument("--noise", type=float, default=2.0)
    ap.add_argument("--specks", type=int, default=300)
    ap.add_argument("--quality", type=int, default=45)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--only", nargs="*", help="file names (or stems) of pdf_text/ to convert; default all")
    ap.add_argument("--limit", type=int, help="convert at most this many documents (smallest first)")
    a = ap.parse_args()
    exp = json.loads((a.corpus / "expected.json").read_text())
    by_file = {e["file"]: e for e in exp["documents"]}
    srcs = sorted((a.corpus / "pdf_text").glob("*.pdf"))
    if a.only:
        srcs = [s for s in srcs if s.name in a.only or s.stem in a.only]
    if a.limit:
        srcs = sorted(srcs, key=lambda s: len(pdfium.PdfDocument(str(s))))[: a.limit]
    docs, dropped = [], {}
    for src in srcs:
        entry = by_file.get(f"pdf_text/{src.name}")
        if entry is None:
            continue
        reasons = NOT_IN_PIXELS.get(src.stem, {})
        if "*" in reasons:
            dropped[src.name] = reasons["*"]
            print(f"{src.name}: dropped ({reasons['*']})")
            continue
        kept, how = make_scan(src, a.out / "pdf_scan" / src.name, entry, a)
        print(f"{src.name}: {how}")
        if kept is None:
            dropped[src.name] = how
            continue
        e = derived_entry(entry, src.name, kept < len(pdfium.PdfDocument(str(src))))
        for field, why in reasons.items():
            dropped[f"{src.name}:{field}"] = why
        docs.append(e)
    meta = {"derived_from": str(a.corpus), "how": "bench/scan_transfer.py", "args": {
        k: v for k, v in vars(a).items() if k not in ("out", "corpus")}, "dropped": dropped}
    (a.out / "expected.json").write_text(json.dumps({"meta": meta, "documents": docs}, ensure_ascii=False, indent=1))
    print(f"{len(docs)} documents written to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
