"""False changes of the OCR tone repair on text that is already right, per 1,000 words.

    .venv/bin/python bench/tone_repair_rate.py [--corpus ../shared/corpus] [--no-bigrams]

The repair (:func:`pipeline.text.spelling.repair_tokens`, as
:mod:`pipeline.readers.ocr_repair` runs it on a scan) is run over documents
whose text is correct Vietnamese and that were NOT used to build
``pipeline/data/syllable_bigrams.tsv`` (``bench/build_bigrams.py`` reads only
``corpus/dev``): the three Lâm Đồng plan DOCX, the seed decision's text and
DOCX, the three legacy-encoding ground-truth transcripts
(``tests/data/legacy/ground-truth``) and the real text-layer PDFs of
``real/lamdong_vbai`` (pages that would be OCR'd are left out). As on a scan,
each document's own pairs are its evidence (:func:`pair_counts` over all its
lines and cells) and each line or cell is repaired on its own.

Every change is a false change (the text was right), except where the source
itself has a typo the repair corrects; each change is printed with its
context so they can be told apart. Goal (issue 13): ≤ 0.05 per 1,000 words.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline.readers.pdf_text as pdf_text  # noqa: E402
from pipeline.readers import read  # noqa: E402
from pipeline.text.spelling import load_lexicon, pair_counts, repair_tokens  # noqa: E402


def held_out(corpus: Path) -> list[Path]:
    """The correct-text documents the rate is measured on (see the module docstring)."""
    real = corpus / "real" / "lamdong_vbai"
    files = sorted(real.glob("kh_cchc_2026*/*.docx"))
    files += [*sorted((corpus / "seed").glob("*.txt")), corpus / "rendered" / "seed_4032" / "4032-QD-UBND.docx"]
    files += sorted((ROOT / "tests" / "data" / "legacy" / "ground-truth").glob("*.txt"))
    files += sorted(real.glob("*/*.pdf"))
    return [f for f in files if f.is_file()]


class _Scanned(Exception):
    """Raised instead of OCR'ing: a document with pages to OCR is not correct text."""


def _no_ocr(*_args, **_kwargs):  # type: ignore[no-untyped-def]
    raise _Scanned


def sequences(path: Path) -> list[list[str]]:
    """Words of each line and table cell of a document whose pages are all text (no OCR); [] otherwise."""
    original, pdf_text.ocr_results = pdf_text.ocr_results, _no_ocr
    try:
        document = read(path)
    except Exception as exc:  # noqa: BLE001 - the reader wraps _Scanned in its own error
        if isinstance(exc, _Scanned) or isinstance(exc.__cause__, _Scanned):
            return []
        raise
    finally:
        pdf_text.ocr_results = original
    out = [line.text.split() for line in document.lines()]
    out += [cell.text.split() for table in document.tables() for row in table.rows for cell in row]
    return [s for s in out if s]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--no-bigrams", action="store_true", help="leave the corpus bigrams out")
    args = parser.parse_args(argv)
    lexicon = load_lexicon()
    bigrams = {} if args.no_bigrams else None
    words = changes = 0
    for path in held_out(args.corpus):
        lines = sequences(path)
        if not lines:
            print(f"  (skipped {path.name}: OCR'd or empty)")
            continue
        counts = pair_counts(lines)
        mine = 0
        for tokens in lines:
            for repair in repair_tokens(tokens, counts, lexicon, bigrams):
                context = " ".join(tokens[max(0, repair.index - 3) : repair.index + 4])
                print(f"    {path.name}: {repair.read!r} → {repair.replaced!r} in {context!r}")
                mine += 1
        n = sum(len(t) for t in lines)
        print(f"  {path.name}: {n} words, {mine} changed")
        words += n
        changes += mine
    print(f"tone repair on correct text: {changes} changes in {words} words = "
          f"{1000 * changes / max(1, words):.3f} per 1,000 words (goal ≤ 0.05)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
