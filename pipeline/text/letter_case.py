"""Capitals OCR gives to lower-case words whose letters look the same in both cases.

Tesseract decides a word's case from its letters' shapes, and c, o, s, v, x
(with their marks: ô, ơ, ở, ư, ự …) look the same small and capital: it reads
"đơn vị" as "đơn VỊ", "lĩnh vực" as "lĩnh VỰC", "các sở" as "các SỞ" (seed
and Lâm Đồng appendix scans). Such a word is written lower case again when

- it is in capitals, starts with one of those letters (:data:`SAME_SHAPE`)
  and is a Vietnamese syllable;
- no neighbour is in capitals (a heading or a run of abbreviations stays) and
  one neighbour starts lower case (running text);
- in lower case it makes, with a neighbour, a pair of the word list or one
  that correct text writes (corpus bigrams): "đơn vị", "lĩnh vực", "các sở".

A capitalised word ("thường Xuyên") is left alone: in correct text it is
mostly the first syllable of a name ("Chính phủ", "Sở Công Thương", "Chỉ số
CCHC"), which only the capital tells apart.

Pure functions over token sequences (words with punctuation attached), as
:func:`pipeline.text.spelling.repair_tokens` takes them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from pipeline.text.normalize import normalize
from pipeline.text.syllables import is_syllable

#: Letters (lower case, marks removed) whose capital has the same shape.
SAME_SHAPE = frozenset("cosvxwz")


def _core(token: str) -> tuple[str, str, str]:
    """(leading punctuation, letters, trailing punctuation) of a token."""
    start = 0
    while start < len(token) and not token[start].isalpha():
        start += 1
    end = len(token)
    while end > start and not token[end - 1].isalpha():
        end -= 1
    return token[:start], token[start:end], token[end:]


def _bare_first(word: str) -> str:
    """The word's first letter, lower case, without marks ("Ở" → "o")."""
    return unicodedata.normalize("NFD", word[:1].lower())[:1]


def case_repairs(
    tokens: Sequence[str], pairs: frozenset[tuple[str, str]], bigrams: dict[tuple[str, str], int], min_count: int
) -> list[tuple[int, str]]:
    """``(index, lower-cased token)`` for each token of ``tokens`` to write in lower case (see the module docstring).

    ``pairs``: adjacent syllables of word-list entries (lower case, normalised);
    ``bigrams``: corpus pair counts; a pair backs the lower case when listed
    or seen at least ``min_count`` times.
    """
    cores = [_core(t) for t in tokens]
    out: list[tuple[int, str]] = []
    for i, (lead, word, trail) in enumerate(cores):
        if not word or _bare_first(word) not in SAME_SHAPE or not is_syllable(word):
            continue
        prev = cores[i - 1] if i and not cores[i - 1][2] and not lead else None
        nxt = cores[i + 1] if i + 1 < len(cores) and not trail and not cores[i + 1][0] else None
        if not (word.isupper() and len(word) > 1):
            continue
        if any(c and len(c[1]) > 1 and c[1].isupper() for c in (prev, nxt)):
            continue  # a heading or a run of abbreviations
        if not any(c and c[1][:1].islower() for c in (prev, nxt)):
            continue  # no lower-case neighbour: nothing says the line is running text
        low = normalize(word.lower())
        sides = [(normalize(prev[1].lower()), low)] if prev and prev[1] else []
        sides += [(low, normalize(nxt[1].lower()))] if nxt and nxt[1] else []
        if any(pair in pairs or bigrams.get(pair, 0) >= min_count for pair in sides):
            out.append((i, lead + word.lower() + trail))
    return out
