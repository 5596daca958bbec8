"""Build ``pipeline/data/syllable_bigrams.tsv``: syllable pairs of correct Vietnamese administrative text.

    .venv/bin/python bench/build_bigrams.py [CORPUS_DIR ...] [--min-count 5]

Reads every DOCX, Markdown/text, HTML and text-layer PDF under the given
folders (default: the shared development corpus ``../shared/corpus/dev``,
without its scans and broken layers) with the pipeline's own readers, cuts
each line into words, and counts adjacent lower-case syllable pairs with no
punctuation between them, in normalised form (:func:`pipeline.text.normalize`).
Pairs seen at least ``--min-count`` times are written, most frequent first,
as ``first second<TAB>count``. The OCR tone repair
(:mod:`pipeline.text.spelling`) uses them as context evidence beside the
document itself and underthesea's word list. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.readers import read  # noqa: E402
from pipeline.text.spelling import pair_counts  # noqa: E402

OUT = ROOT / "pipeline" / "data" / "syllable_bigrams.tsv"
SUFFIXES = {".docx", ".md", ".txt", ".html", ".htm", ".pdf"}
#: Folders of the development corpus whose text is not correct Vietnamese (OCR needed).
SKIP = {"pdf_scan", "pdf_badtext", "xls", "xlsx"}


def document_lines(path: Path) -> list[list[str]]:
    """Words of each line (and table cell) of one document, as the pipeline reads it; [] if unreadable."""
    try:
        document = read(path)
    except Exception as exc:  # noqa: BLE001 - one unreadable file does not stop the build
        print(f"skipped {path.name}: {exc}", file=sys.stderr)
        return []
    if any(page.source_kind == "ocr" for page in document.pages):
        return []  # a scan's text is what the repair corrects, not evidence
    out = [line.text.split() for line in document.lines()]
    out += [cell.text.split() for table in document.tables() for row in table.rows for cell in row]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*", type=Path, default=[ROOT.parent.parent / "shared" / "corpus" / "dev"])
    ap.add_argument("--min-count", type=int, default=5)  # spelling.CORPUS_MIN: rarer pairs are never used
    a = ap.parse_args()
    counts: Counter[tuple[str, str]] = Counter()
    files = 0
    for folder in a.folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in SUFFIXES or SKIP.intersection(path.relative_to(folder).parts):
                continue
            lines = document_lines(path)
            files += bool(lines)
            counts.update(pair_counts(lines))
    kept = [(pair, n) for pair, n in counts.most_common() if n >= a.min_count and all(w.isalpha() for w in pair)]
    OUT.write_text("".join(f"{x} {y}\t{n}\n" for (x, y), n in kept), "utf-8")
    print(f"{files} documents, {len(counts)} pairs, {len(kept)} written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
