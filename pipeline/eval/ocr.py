"""OCR quality against truth: character error rate of text, cells and aligned paragraphs.

All comparisons are on NFC text with government tone marks
(:func:`pipeline.text.normalize`) and whitespace folded to single spaces. The
character error rate (CER) is Levenshtein edits ÷ characters of the truth;
sums over many pieces add edits and characters separately (never average
rates).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

import re

from pipeline.model import Line, Task
from pipeline.model.task_columns import attrs
from pipeline.text import normalize

ROMAN_ONLY = re.compile(r"[IVXLC]+\.?")
#: Task columns of the two gold table layouts, in their column order (from the task-column
#: registry): the seed's 5 columns (TT | Nhiệm vụ | Sản phẩm | Tiến độ | Phân công) and
#: Lâm Đồng's 7 (… | Chủ trì | Phối hợp | Theo dõi).
TASK_FIELDS_5 = attrs("ordinal", "task", "product", "deadline", "assignment")
TASK_FIELDS_7 = attrs("ordinal", "task", "product", "deadline", "lead", "coordinate", "monitor")


def squash(text: str | None) -> str:
    """Normalised text with whitespace folded to single spaces and "…" written as three full stops.

    A printed ellipsis (U+2026, which Word writes for a typed "...") and three
    full stops look the same on the page: no reader, OCR included, can tell
    them apart, so neither side of a comparison is charged for the choice.
    """
    return " ".join(normalize(text or "").replace("\u2026", "...").split())


@dataclass(slots=True)
class Score:
    """Edits and truth characters summed over pieces, and how many pieces were exact."""

    edits: int = 0
    chars: int = 0
    exact: int = 0
    total: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)

    def add(self, got: str | None, want: str | None) -> None:
        """Compare one piece (both squashed first)."""
        g, w = squash(got), squash(want)
        self.edits += Levenshtein.distance(g, w)
        self.chars += len(w)
        self.total += 1
        if g == w:
            self.exact += 1
        else:
            self.misses.append((w, g))

    @property
    def cer(self) -> float:
        """Summed character error rate (0.0–1.0+)."""
        return self.edits / self.chars if self.chars else 0.0

    @property
    def exact_share(self) -> float:
        """Share of pieces equal after whitespace folding."""
        return self.exact / self.total if self.total else 0.0


def reading_order(lines: Sequence[Line], gap: float = 100.0) -> list[Line]:
    """Lines of one page with two-column layout blocks read left column first.

    A layout block starts at a right-column line (``column == 1``) or at the
    left-column line beside it and runs while the next right-column line starts
    within ``gap`` points below the previous one (a signature name sits well
    below its title); inside the block the left column's lines come before the
    right column's, as a person reads an issuer | motto header or a recipients |
    signature closing.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        right = [j for j in range(i, min(i + 2, len(lines))) if lines[j].column == 1]
        if not right:
            out.append(lines[i])
            i += 1
            continue
        end = right[0]
        for j in range(end + 1, len(lines)):
            if lines[j].column != 1:
                continue
            if lines[j].bbox and lines[end].bbox and lines[j].bbox[1] - lines[end].bbox[3] > gap:
                break
            end = j
        end = _list_tail(lines, i, end)
        run = lines[i : end + 1]
        out.extend([ln for ln in run if ln.column != 1] + [ln for ln in run if ln.column == 1])
        i = end + 1
    return out


def _list_tail(lines: Sequence[Line], start: int, end: int, gap: float = 10.0) -> int:
    """Extend a layout block over the left column's list lines that go on below it.

    A recipients list ("Nơi nhận: - …") usually runs on after the signature
    name; its lines keep the block's left edge and line spacing.
    """
    left = [ln for ln in lines[start : end + 1] if ln.column == 0 and ln.bbox]
    if not left:
        return end
    x0 = left[0].bbox[0]  # type: ignore[index]
    while end + 1 < len(lines):
        nxt, prev = lines[end + 1], lines[end]
        if nxt.column != 0 or not nxt.bbox or not prev.bbox or abs(nxt.bbox[0] - x0) > 3:
            break
        if nxt.bbox[1] - prev.bbox[3] > gap:
            break
        end += 1
    return end


def text_cer(lines: Iterable[Line], truth: Sequence[str]) -> Score:
    """CER of the pages' text (in :func:`reading_order`) against truth paragraphs."""
    score = Score()
    score.add(" ".join(ln.text for ln in lines), " ".join(truth))
    return score


def section_text(row: Sequence[str]) -> str | None:
    """The section heading of a truth row ("I CẢI CÁCH THỂ CHẾ"), ``None`` for a task row.

    A section row is one merged cell, or a Roman numeral and a title with the
    other cells empty.
    """
    if len(row) == 1:
        return row[0]
    if ROMAN_ONLY.fullmatch(squash(row[0])) and not any(squash(c) for c in row[2:]):
        return f"{row[0]} {row[1]}"
    return None


def task_cells(
    tasks: Sequence[Task], truth_rows: Sequence[Sequence[str]], fields: Sequence[str], window: int = 3
) -> Score:
    """Cell CER of stitched task rows against truth table rows (header row excluded).

    Truth rows are matched to tasks in order: each task row to the most similar
    of the next ``window`` tasks (rapidfuzz ratio of all its cells), so one
    missing or extra row does not shift every later comparison. A section row
    (:func:`section_text`) is compared with the section numeral and title of
    the next task. A truth row with no task left counts as all characters
    missed; tasks matched to no truth row are not counted.
    """
    score = Score()
    position = 0
    for row in truth_rows:
        heading = section_text(row)
        if heading is not None:
            task = tasks[position] if position < len(tasks) else None
            score.add(f"{task.section or ''} {task.section_title or ''}" if task else "", heading)
            continue
        want = " ".join(squash(c) for c in row)
        candidates = range(position, min(position + window, len(tasks)))
        best = max(
            candidates,
            key=lambda i: fuzz.ratio(" ".join(squash(getattr(tasks[i], n)) for n in fields), want),
            default=None,
        )
        task = tasks[best] if best is not None else None
        if best is not None:
            position = best + 1
        for name, cell in zip(fields, row):
            score.add(getattr(task, name) if task else "", cell)
    return score


def paragraphs(lines: Sequence[Line], indent: float = 12.0, short: float = 40.0) -> list[str]:
    """Rebuild paragraphs from visual lines of body pages (left column only).

    A line starts a new paragraph when it is indented by more than ``indent``
    points from its page's left text edge, or when the line above stopped more
    than ``short`` points before the right text edge. A page's first line that
    is not indented continues the paragraph of the page before.
    """
    body = [ln for ln in lines if ln.column == 0 and ln.bbox]
    edges: dict[int | None, tuple[float, float]] = {}
    for ln in body:
        left, right = edges.get(ln.page, (ln.bbox[0], ln.bbox[2]))  # type: ignore[index]
        edges[ln.page] = (min(left, ln.bbox[0]), max(right, ln.bbox[2]))  # type: ignore[index]
    out: list[str] = []
    prev: Line | None = None
    for ln in body:
        left, _ = edges[ln.page]
        indented = ln.bbox[0] - left > indent  # type: ignore[index]
        ended = prev is not None and prev.bbox[2] < edges[prev.page][1] - short  # type: ignore[index]
        if prev is None or indented or ended:
            out.append(ln.text)
        else:
            out[-1] += " " + ln.text
        prev = ln
    return [p for p in (squash(p) for p in out) if p]


@dataclass(slots=True)
class Alignment:
    """Paragraph pairs at or above a similarity, and their summed CER."""

    pairs: list[tuple[str, str, float]]
    score: Score
    ocr_paragraphs: int
    reference_paragraphs: int


def align_paragraphs(ocr: Sequence[str], reference: Sequence[str], min_similarity: float = 80.0) -> Alignment:
    """Pair OCR paragraphs with reference paragraphs by similarity (rapidfuzz ratio, 0–100).

    Pairs are taken best first, each paragraph on either side used at most once,
    so a draft whose sections were reordered still pairs; pairs under
    ``min_similarity`` are dropped. OCR paragraphs under 20 characters (page
    numbers, signatures) are not paired. The summed CER is over the pairs, in
    OCR order.
    """
    ref = [r for r in (squash(r) for r in reference) if r]
    mine = [p for p in (squash(p) for p in ocr) if len(p) >= 20]
    scores = process.cdist(mine, ref, scorer=fuzz.ratio) if mine and ref else []
    candidates = sorted(
        ((float(scores[i][j]), i, j) for i in range(len(mine)) for j in range(len(ref)) if scores[i][j] >= min_similarity),
        reverse=True,
    )
    used_ocr: set[int] = set()
    used_ref: set[int] = set()
    chosen: list[tuple[int, int, float]] = []
    for sim, i, j in candidates:
        if i not in used_ocr and j not in used_ref:
            used_ocr.add(i)
            used_ref.add(j)
            chosen.append((i, j, sim))
    score = Score()
    pairs: list[tuple[str, str, float]] = []
    for i, j, sim in sorted(chosen):
        pairs.append((mine[i], ref[j], sim))
        score.add(mine[i], ref[j])
    return Alignment(pairs, score, len(mine), len(ref))
