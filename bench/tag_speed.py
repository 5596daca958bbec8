"""Tagging speed: cell-sentences per second on one core (goal ≥ 2,000/s).

Reads the sample decisions in raw/, takes every appendix cell, splits it into
sentences (underthesea, outside the timing, as the tag stage does for body
text), then runs the tagging pipeline (:func:`pipeline.nlp.language.annotate`)
over all of them for several rounds in one process pinned to one core, and
prints the median and best rates (wall clock and CPU time: the machine's cores
are shared, so wall figures vary with the load printed alongside). Also prints
the time of the whole tag stage per document (cells, and cells + body text).

Usage: ``.venv/bin/python bench/tag_speed.py [--rounds N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
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
    """``(sentence, plan year)`` of every appendix cell of the samples, and the decisions."""
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
    parser = argparse.ArgumentParser(description="Tagging speed in cell-sentences per second.")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    sentences, decisions = cell_sentences()
    get_nlp()
    for text, year in sentences[:50]:
        annotate(text, year)  # warm-up
    walls, cpus = [], []
    for _ in range(args.rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        for text, year in sentences:
            annotate(text, year)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    n = len(sentences)
    chars = sum(len(t) for t, _ in sentences)
    print(f"cell-sentences: {n} ({chars:,} chars) × {args.rounds} rounds, one process pinned to one core")
    print(f"tagging speed, median round: {n / statistics.median(walls):,.0f} cell-sentences/s wall, "
          f"{n / statistics.median(cpus):,.0f} cell-sentences/s of CPU time; goal ≥ 2,000/s per core")
    print(f"tagging speed, best round:   {n / min(walls):,.0f} cell-sentences/s wall "
          f"({chars / min(walls) / 1000:,.0f} k chars/s)")
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} (other processes share the cores)")
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
