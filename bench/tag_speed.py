"""Tagging speed: cell-sentences per second on one core (goal ≥ 2,000/s).

Reads the sample decisions in raw/, takes every appendix cell, splits it into
sentences (underthesea, outside the timing, as the tag stage does for body
text), then runs the tagging pipeline (:func:`pipeline.nlp.language.annotate`)
over all of them several times in this one process and prints the rate. Also
prints the time of the whole tag stage per document (cells and body text).

Usage: ``.venv/bin/python bench/tag_speed.py [--rounds N]``
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from underthesea import sent_tokenize

from pipeline.nlp.language import annotate, get_nlp
from pipeline.nlp.tag import TASK_FIELDS, context_year, tag
from pipeline.readers import read
from pipeline.structure import parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["4032-QD-UBND.text.pdf", "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx"]


def cell_sentences() -> tuple[list[tuple[str, int | None]], list]:
    decisions = [parse(read(ROOT / "raw" / name)) for name in SAMPLES]
    out = []
    for decision in decisions:
        year = context_year(decision)
        for task in decision.tasks:
            for field in TASK_FIELDS:
                text = getattr(task, field) or ""
                for line in text.split("\n"):
                    out.extend((s, year) for s in sent_tokenize(line) if s.strip())
    return out, decisions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    sentences, decisions = cell_sentences()
    get_nlp()
    for text, year in sentences[:50]:
        annotate(text, year)  # warm-up
    start = time.perf_counter()
    for _ in range(args.rounds):
        for text, year in sentences:
            annotate(text, year)
    elapsed = time.perf_counter() - start
    n = len(sentences) * args.rounds
    chars = sum(len(t) for t, _ in sentences) * args.rounds
    print(f"cell-sentences: {len(sentences)} × {args.rounds} rounds = {n} in {elapsed:.2f} s on 1 core")
    print(f"tagging speed: {n / elapsed:,.0f} cell-sentences/s ({chars / elapsed / 1000:,.0f} k chars/s); goal ≥ 2,000/s")
    for decision in decisions:
        t0 = time.perf_counter()
        tag(decision, with_body=False)
        t1 = time.perf_counter()
        tag(decision, with_body=True)
        t2 = time.perf_counter()
        print(f"tag stage {Path(decision.document.source_file).name}: {len(decision.tasks)} tasks, "
              f"cells {t1 - t0:.3f} s, cells + body {t2 - t1:.3f} s")


if __name__ == "__main__":
    main()
