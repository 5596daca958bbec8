"""Align the items of two plans one to one on text similarity.

Scores are rapidfuzz's ``token_sort_ratio`` (0–100) on :func:`canonical` keys,
combined over several text fields with weights (a task is its Nhiệm vụ text
and its Sản phẩm text). The one-to-one matching that maximises the total score
is scipy's :func:`~scipy.optimize.linear_sum_assignment`; a matched pair whose
score is under the threshold is split into one removal and one addition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from pipeline.diff import patterns as P
from pipeline.text import fold

#: Default score (0–100) under which two items are not the same item.
NO_MATCH = 60.0

#: Cost added per unit of relative position distance, so that equal scores
#: (repeated text) pair items in document order.
ORDER_TIEBREAK = 0.5


@dataclass(frozen=True, slots=True)
class Pair:
    """One aligned pair: indexes into the old and new lists (``None`` when absent), score 0–100."""

    old: int | None
    new: int | None
    score: float


def canonical(text: str | None) -> str:
    """Comparison key: :func:`~pipeline.text.fold`, abbreviations expanded, synonyms unified.

    >>> canonical("Giao UBND tỉnh đảm bảo")
    'giao ủy ban nhân dân tỉnh bảo đảm'
    """
    key = fold(text or "")
    for pattern, full in P.ABBREVIATION_RES:
        key = pattern.sub(full, key)
    for pattern, chosen in P.SYNONYM_RES:
        key = pattern.sub(chosen, key)
    return key


def same_text(a: str | None, b: str | None) -> bool:
    """``True`` when ``a`` and ``b`` differ only editorially (case, spacing, punctuation, abbreviations)."""
    return P.PUNCTUATION.sub(" ", canonical(a)).split() == P.PUNCTUATION.sub(" ", canonical(b)).split()


def score_matrix(
    old: Sequence[Sequence[str | None]],
    new: Sequence[Sequence[str | None]],
    weights: Sequence[float],
) -> np.ndarray:
    """``len(old) × len(new)`` weighted similarity (0–100) over the items' text fields.

    Each item is a sequence of field texts, one per weight. A field empty on
    both sides counts as equal (100); empty on one side as 0.
    """
    total = np.zeros((len(old), len(new)), dtype=np.float64)
    if not old or not new:
        return total
    wsum = float(sum(weights))
    for k, weight in enumerate(weights):
        a = [canonical(item[k]) for item in old]
        b = [canonical(item[k]) for item in new]
        scores = process.cdist(a, b, scorer=fuzz.token_sort_ratio, dtype=np.float64, workers=1)
        empty_a = np.array([not s for s in a])[:, None]
        empty_b = np.array([not s for s in b])[None, :]
        scores = np.where(empty_a & empty_b, 100.0, scores)
        total += weight * scores
    return total / wsum


def align(
    old: Sequence[Sequence[str | None]],
    new: Sequence[Sequence[str | None]],
    weights: Sequence[float] = (1.0,),
    threshold: float = NO_MATCH,
) -> list[Pair]:
    """Pair ``old`` and ``new`` items one to one; unmatched items come as ``Pair(i, None)``/``Pair(None, j)``.

    Returns pairs in new-document order, with removals placed after the item
    that preceded them in the old document.
    """
    scores = score_matrix(old, new, weights)
    pairs: list[Pair] = []
    matched_old: set[int] = set()
    matched_new: set[int] = set()
    if len(old) and len(new):
        pos_old = np.arange(len(old))[:, None] / max(len(old), 1)
        pos_new = np.arange(len(new))[None, :] / max(len(new), 1)
        cost = (100.0 - scores) + ORDER_TIEBREAK * np.abs(pos_old - pos_new)
        rows, cols = linear_sum_assignment(cost)
        for i, j in zip(rows.tolist(), cols.tolist()):
            if scores[i, j] >= threshold:
                pairs.append(Pair(i, j, round(float(scores[i, j]), 1)))
                matched_old.add(i)
                matched_new.add(j)
    pairs += [Pair(None, j, 0.0) for j in range(len(new)) if j not in matched_new]
    pairs += [Pair(i, None, 0.0) for i in range(len(old)) if i not in matched_old]
    return sorted(pairs, key=lambda p: _order(p, pairs))


def _order(pair: Pair, pairs: list[Pair]) -> tuple[float, int]:
    """Sort key: new position; a removal sits just after the new position of its old predecessor."""
    if pair.new is not None:
        return (float(pair.new), 0)
    before = [p.new for p in pairs if p.old is not None and p.new is not None and p.old < (pair.old or 0)]
    return (max(before) + 0.5 if before else -0.5, pair.old or 0)
