"""Two neighbouring tone misreads repaired together (sửa dấu thanh hai âm tiết liền nhau).

:func:`pipeline.text.spelling.tone_repairs` replaces one syllable at a time,
from the evidence of its neighbours. When OCR misreads both syllables of a
word, each one's neighbour is itself misread and backs nothing: the title of
Chỉ thị 11/CT-UBND Hà Nội (scan) read "hoạt động chuyền đối số" for
"chuyển đổi số", although "chuyển đổi" is a listed word seen 114 times in
correct text and "chuyền đối" is neither.

Rule: two adjacent words, no punctuation between them, neither part of a name
nor in capitals, whose pair as read is neither a listed word (Viet74K) nor in
the corpus bigrams, are replaced by the one pair of tone variants (only the
slips :func:`spelling._slip` allows, with :data:`spelling.PAIR_SLIPS`, both words changed) that is a listed word
AND seen (elsewhere in the document, or at least :data:`spelling.CORPUS_MIN`
times in the corpus bigrams; when the reading pair recurs in the document,
the same misread on several pages, only the corpus can outvote it, with
:data:`spelling.CORPUS_RATIO` occurrences at least), provided
each replaced word is backed at least as well as the reading by its outer
neighbour. Pure function over NFC tokens; case and punctuation kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.text import spelling as S


def _side(pair: tuple[str, str] | None, counts: Counter[tuple[str, str]], lexicon: S.Lexicon,
          corpus: dict[tuple[str, str], int], own: int) -> int:
    """Points of one outer side: listed word, and seen (document, ``own`` occurrences discounted, or corpus)."""
    if pair is None:
        return 0
    seen = counts[pair] - own > 0 or corpus.get(pair, 0) >= S.CORPUS_MIN
    return int(pair in lexicon.pairs) + int(seen)


def _backed(pair: tuple[str, str], counts: Counter[tuple[str, str]], corpus: dict[tuple[str, str], int], repeated: bool) -> bool:
    """The variant pair seen in the document or (:data:`spelling.CORPUS_MIN` times) in the corpus; when the
    reading pair recurs in the document, in the corpus only, :data:`spelling.CORPUS_RATIO` times at least
    (the reading pair never is: :func:`_pair_at`)."""
    if repeated:
        return corpus.get(pair, 0) >= max(S.CORPUS_MIN, S.CORPUS_RATIO)
    return counts[pair] > 0 or corpus.get(pair, 0) >= S.CORPUS_MIN


def _variants(read: str, lexicon: S.Lexicon) -> list[str]:
    return [v for v in lexicon.spellings.get(S.bare(read), frozenset()) if v != read and S._slip(read, v, paired=True)]  # noqa: SLF001


def pair_repairs(
    tokens: Sequence[str],
    counts: Counter[tuple[str, str]],
    lexicon: S.Lexicon,
    corpus: dict[tuple[str, str], int],
) -> list[S.Repair]:
    """Repairs of adjacent word pairs both misread (see the module docstring); ``tokens`` is not changed.

    ``counts`` are the document's pairs (:func:`spelling.pair_counts`, this
    sequence included), ``corpus`` the bigrams (:func:`spelling.load_bigrams`).
    Returns two :class:`spelling.Repair` per repaired pair, in token order.
    """
    parts = [S._parts(t) for t in tokens]  # noqa: SLF001
    lower = [p[1].lower() if p else None for p in parts]
    out: list[S.Repair] = []
    i = 0
    while i + 1 < len(parts):
        found = _pair_at(parts, lower, i, counts, lexicon, corpus)
        if found is None:
            i += 1
            continue
        for k, word in zip((i, i + 1), found):
            lead, core, trail = parts[k]  # type: ignore[misc]
            out.append(S.Repair(k, tokens[k], lead + S._recase(core, word) + trail))  # noqa: SLF001
        i += 2
    return out


def _plain(parts: Sequence[tuple[str, str, str] | None], i: int) -> bool:
    """A word that may be repaired: letters, not in capitals, not part of a name."""
    part = parts[i]
    return part is not None and not (len(part[1]) > 1 and part[1].isupper()) and not S._in_name(parts, i)  # noqa: SLF001


def _pair_at(
    parts: Sequence[tuple[str, str, str] | None],
    lower: Sequence[str | None],
    i: int,
    counts: Counter[tuple[str, str]],
    lexicon: S.Lexicon,
    corpus: dict[tuple[str, str], int],
) -> tuple[str, str] | None:
    """The variant pair replacing ``lower[i], lower[i + 1]`` (lower-case words), or None."""
    if not (_plain(parts, i) and _plain(parts, i + 1)) or parts[i][2] or parts[i + 1][0]:  # type: ignore[index]
        return None
    a, b = str(lower[i]), str(lower[i + 1])
    if (a, b) in lexicon.pairs or corpus.get((a, b), 0):
        return None
    # The same misread on other pages ("chuyền đối" twice) is outvoted by the corpus only.
    repeated = counts[(a, b)] > 1
    before = S._joined(parts, lower, i, -1)  # noqa: SLF001
    after = S._joined(parts, lower, i + 1, 1)  # noqa: SLF001
    own = max(1, counts[(a, b)])  # each copy of the misread pair may bring its outer pairs along
    outer_a = _side((before, a) if before else None, counts, lexicon, corpus, own)
    outer_b = _side((b, after) if after else None, counts, lexicon, corpus, own)
    winners = []
    for v in _variants(a, lexicon):
        if _side((before, v) if before else None, counts, lexicon, corpus, 0) < outer_a:
            continue
        for w in _variants(b, lexicon):
            if (v, w) not in lexicon.pairs or not _backed((v, w), counts, corpus, repeated):
                continue
            if _side((w, after) if after else None, counts, lexicon, corpus, 0) >= outer_b:
                winners.append((v, w))
    return winners[0] if len(winners) == 1 else None
