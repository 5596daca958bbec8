"""Repair tone marks that OCR misreads, from a Vietnamese word list and the document itself.

Tesseract's Vietnamese model, on 200 dpi scans, drops or mistakes the small
marks above a vowel that already carries one: the hook (dấu hỏi) over ô, ê, â
("tô chức" for "tổ chức", "đây mạnh" for "đẩy mạnh", "triên khai" for
"triển khai"), an acute over a circumflex ("chông" for "chống"), and reads
"đ" as "d". Each such reading is itself a Vietnamese syllable, so only context
can tell: a syllable is replaced by a tone variant only when its neighbours
back the variant clearly more than the reading.

Evidence for a reading ``s`` between neighbours ``p`` and ``n``: on each side,
one point when the pair (``p s`` or ``s n``) is (part of) an entry of Viet74K,
the list of 74,000 Vietnamese words that underthesea ships
(``underthesea/corpus/data/Viet74K.txt``; nothing is downloaded), and one
point when the same pair occurs elsewhere in the same OCR'd document (a phrase
read right on another page) or at least :data:`CORPUS_MIN` times in a
syllable bigram table of correct administrative text
(``pipeline/data/syllable_bigrams.tsv``, built by ``bench/build_bigrams.py``
from the project's development corpus: "bổ sung" beside a "bố sung" that
Tesseract reads the same way on every page). A tone variant (only a change Tesseract is seen
to make, :data:`SLIPS`: no mark → hook, tilde or acute; grave or acute → hook;
the dot of an i read as a hook, :data:`DOT_AS_HOOK`; d → đ) replaces the reading when

- the document backs it (one of its pairs occurs elsewhere in the document),
  or it makes listed words on both sides (never for a word in capitals: a
  heading or a name in a signature block), and
- it has more points than the reading, two more when the reading itself
  makes a listed word ("nâng cao tinh thần" stays where the document also has
  "nâng cao tính chủ động"; "tin điện tử" stays where the document has
  "thông tin điện tử", though "tín điện" is listed), and at least
  :data:`MIN_POINTS` (:data:`MIN_POINTS_CAPITALS` in capitals).

When one syllable at a time finds nothing, two neighbours misread together
("chuyền đối số" for "chuyển đổi số") are repaired as a pair
(:mod:`pipeline.text.tone_pairs`).

On a scan Tesseract's own character choices add candidates
(:mod:`pipeline.readers.ocr_variants`, the ``offered`` spellings): a
spelling the engine itself scored for the word ("túy" beside the "tủy" it
read, "cầu" beside "câu") is a candidate even when its tone change is no
known slip, and needs the same evidence. Correct text has no such offers, so
the rate on it below does not change.

Tokens are compared in normalised form (:func:`pipeline.text.normalize`:
Tesseract writes "tuý", the word list and the rest of the document "túy").

Measured on the 91-TTr-CAT-PC04.pdf scan against its .doc, CER 3.2 % →
2.78 % (→ 1.95 % with the offered spellings and the page-reading changes of
issue 13, bench/RESULTS.md); on the seed scan, body CER 0.29 % → 0.16 % and cells 0.11 % → 0.05 %
(with the case and dash repairs, bench/RESULTS.md). On text that is already
right (``bench/tone_repair_rate.py``: 11 documents, 70,277 words) it changes
6 words (0.085 per 1,000): two typos of the seed source, each in two copies
("điều phối thông nhất", "tin dụng"), and two real false changes ("Qua thực
tế", "Lũy kế từ"). Tesseract's hook read for an acute ("ma tủy" for "ma
túy") is not repaired: allowing hook → acute or grave changed the very common
"tỉnh" in right text (0.16 per 1,000).

Capitalised words beside other capitalised words are names ("Lê Văn Hòa",
"Sở Nội vụ") and are left alone. Pure functions over NFC text in government tone placement
(:func:`pipeline.text.normalize`); case is kept ("TÔ" → "TỔ", "Tô" → "Tổ").
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.text.letter_case import case_repairs
from pipeline.text.normalize import normalize

#: Combining tone marks: grave (huyền), acute (sắc), tilde (ngã), hook (hỏi), dot below (nặng).
GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONES = GRAVE + ACUTE + TILDE + HOOK + DOT
#: (tone read, tone meant) pairs Tesseract is seen to confuse on scans ("" = no mark).
SLIPS = frozenset({("", HOOK), ("", TILDE), ("", ACUTE), (GRAVE, HOOK), (ACUTE, HOOK)})
#: More slips, allowed only when both words of a pair are misread (:mod:`pipeline.text.tone_pairs`,
#: where the pair's evidence is far stronger than one word's): a grave lost over a circumflex
#: ("thâm quyên" for "thẩm quyền", HCM Sở Y tế scan). Allowed for single words, it cost a seed
#: appendix cell ("yêu cầu" → "yêu câu").
PAIR_SLIPS = frozenset({("", GRAVE)})
#: The dot of an "i" read as a hook: "tinh thần" as "tỉnh thần", "chi tiết" as
#: "chỉ tiết" (seed and Lâm Đồng scans); a slip only on the letter i.
DOT_AS_HOOK = (HOOK, "")
#: Where underthesea keeps its word list, inside the installed package.
WORD_LIST = ("underthesea", "corpus/data/Viet74K.txt")

#: Points a variant needs at least (one pair seen elsewhere is not enough: "Qua
#: kiểm tra" at a line start stays although the document has "kết quả kiểm
#: tra"); a word in capitals needs more (a name "TRẦN VĂN BAN" stays where the
#: document has "văn bản", listed and seen).
MIN_POINTS, MIN_POINTS_CAPITALS = 2, 3

_TOKEN = re.compile(r"^(?P<lead>[^\w]*)(?P<core>[^\W\d_]+)(?P<trail>[^\w]*)$")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Syllable pairs that make (part of) a word, and each syllable's spellings by bare letters.

    ``pairs``: adjacent lower-case syllables of every multi-syllable entry
    ("tổ chức" → ("tổ", "chức")). ``spellings``: bare key (:func:`bare`) →
    the syllables spelled with those letters ("to" → {"to", "tô", "tổ", "tơ", …}).
    """

    pairs: frozenset[tuple[str, str]]
    spellings: dict[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Repair:
    """One replaced token: its position in the sequence, the reading and the replacement."""

    index: int
    read: str
    replaced: str


def bare(syllable: str) -> str:
    """Lower-case letters without any mark, đ as d: "Tổ" → "to", "đẩy" → "day"."""
    text = unicodedata.normalize("NFD", syllable.lower().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


def tone(syllable: str) -> str:
    """The syllable's tone mark (one of :data:`TONES`), or "" for none."""
    return next((c for c in unicodedata.normalize("NFD", syllable) if c in TONES), "")


def untoned(syllable: str) -> str:
    """The syllable without its tone mark, vowel marks kept: "tổ" → "tô"."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", syllable) if c not in TONES))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The :class:`Lexicon` of underthesea's Viet74K word list (read once per process).

    Raises ``FileNotFoundError`` if the installed underthesea lacks the list.
    """
    package, name = WORD_LIST
    spec = importlib.util.find_spec(package)  # its folder, without importing the heavy package
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{package} is not installed")
    text = (Path(spec.submodule_search_locations[0]) / name).read_text("utf-8")
    return lexicon_from(normalize(text.lower()).splitlines())


#: Rounds of tone repair over a sequence: each round sees the words the round
#: before repaired.
PASSES = 3
#: Syllable pairs of correct administrative text with their counts, built by
#: ``bench/build_bigrams.py`` from the project's development corpus.
BIGRAMS = ("pipeline.data", "syllable_bigrams.tsv")
#: A corpus pair counts as seen from this many occurrences, and a variant's
#: pair only when it is this many times as frequent as the reading's.
CORPUS_MIN, CORPUS_RATIO = 5, 10


@lru_cache(maxsize=1)
def load_bigrams() -> dict[tuple[str, str], int]:
    """``(first, second) → count`` of :data:`BIGRAMS` (read once per process); {} when the file is absent."""
    from importlib import resources

    try:
        text = resources.files(BIGRAMS[0]).joinpath(BIGRAMS[1]).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    out: dict[tuple[str, str], int] = {}
    for row in text.splitlines():
        pair, _, count = row.partition("\t")
        first, _, second = pair.partition(" ")
        if second and count.isdigit():
            out[(first, second)] = int(count)
    return out


def lexicon_from(entries: Iterable[str]) -> Lexicon:
    """A :class:`Lexicon` from word-list entries (one word per entry, syllables separated by spaces).

    Entries are expected lower case and normalised (:func:`pipeline.text.normalize`).
    """
    pairs: set[tuple[str, str]] = set()
    syllables_seen: set[str] = set()
    for entry in entries:
        syllables = entry.split()
        syllables_seen.update(syllables)
        pairs.update(zip(syllables, syllables[1:]))
    spellings: dict[str, set[str]] = {}
    for s in syllables_seen:
        spellings.setdefault(bare(s), set()).add(s)
    return Lexicon(frozenset(pairs), {k: frozenset(v) for k, v in spellings.items()})


def _parts(token: str) -> tuple[str, str, str] | None:
    """(leading punctuation, word normalised as in :func:`normalize`, trailing punctuation)."""
    m = _TOKEN.match(token)
    return (m["lead"], normalize(m["core"]), m["trail"]) if m else None


def pair_counts(sequences: Iterable[Sequence[str]]) -> Counter[tuple[str, str]]:
    """How often each pair of adjacent lower-case words occurs (no punctuation between them)."""
    counts: Counter[tuple[str, str]] = Counter()
    for tokens in sequences:
        parts = [_parts(t) for t in tokens]
        for a, b in zip(parts, parts[1:]):
            if a and b and not a[2] and not b[0]:
                counts[(a[1].lower(), b[1].lower())] += 1
    return counts


def _slip(read: str, meant: str, paired: bool = False) -> bool:
    """True when Tesseract is known to read ``meant`` as ``read`` (:data:`SLIPS`, :data:`DOT_AS_HOOK`, d for đ;
    with ``paired``, for a word of a pair both misread, :data:`PAIR_SLIPS` too)."""
    if untoned(read) == untoned(meant):
        pair = (tone(read), tone(meant))
        return pair in SLIPS or (paired and pair in PAIR_SLIPS) or (pair == DOT_AS_HOOK and _marked_vowel(read) == "i")
    return read.replace("d", "đ", 1) == meant


def _offered(spellings: Iterable[str]) -> frozenset[str]:
    """Lower-case normalised words of an OCR engine's offered spellings (punctuation stripped)."""
    return frozenset(p[1].lower() for p in map(_parts, spellings) if p)


def _marked_vowel(syllable: str) -> str:
    """The lower-case base letter that carries the syllable's tone mark ("" when none)."""
    base = ""
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in TONES:
            return base
        if not unicodedata.combining(ch):
            base = ch
    return ""


def _titled(part: tuple[str, str, str] | None) -> bool:
    return part is not None and part[1][:1].isupper() and not part[1].isupper()


def _in_name(parts: Sequence[tuple[str, str, str] | None], i: int) -> bool:
    """True for a capitalised word beside another one: part of a name ("Lê Văn …", "Sở Nội vụ"), left alone."""
    return _titled(parts[i]) and (
        (i > 0 and _titled(parts[i - 1])) or (i + 1 < len(parts) and _titled(parts[i + 1]))
    )


def _recase(model: str, word: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _joined(parts: Sequence[tuple[str, str, str] | None], lower: Sequence[str | None], i: int, step: int) -> str | None:
    """The lower-case word next to ``i`` (``step`` -1: before, 1: after) when no punctuation separates them."""
    j = i + step
    if i < 0 or i >= len(parts) or j < 0 or j >= len(parts) or parts[i] is None or parts[j] is None:
        return None
    first, second = (parts[j], parts[i]) if step < 0 else (parts[i], parts[j])
    return lower[j] if not first[2] and not second[0] else None  # type: ignore[index]


def _outvoted(corpus: dict[tuple[str, str], int], lexicon: Lexicon, pair, read: str, candidates: Sequence[str]) -> bool:  # type: ignore[no-untyped-def]
    """True when the corpus never has the reading's ``pair`` but has the pair of a candidate
    without the i's hook (:data:`DOT_AS_HOOK`) on that side, a listed word, often enough to
    back it: "tỉnh thần" is listed, "tinh thần" is written. (Only for that slip: "cáo cấp",
    listed and frequent inside "báo cáo cấp", must not outvote "cao cấp".)"""
    return corpus.get(pair(read), 0) == 0 and any(
        (tone(read), tone(v)) == DOT_AS_HOOK and pair(v) in lexicon.pairs and _corpus_backs(corpus, pair(v), pair(read), 0)
        for v in candidates
    )


def _corpus_backs(corpus: dict[tuple[str, str], int], pair: tuple[str, str], reading: tuple[str, str], own: int) -> bool:
    """True when the corpus bigrams back ``pair``: seen :data:`CORPUS_MIN` times, and for a
    variant (``own`` 0) :data:`CORPUS_RATIO` times as often as the reading's pair."""
    count = corpus.get(pair, 0)
    if count < CORPUS_MIN:
        return False
    return bool(own) or count >= CORPUS_RATIO * (corpus.get(reading, 0) + 1)


def repair_tokens(
    tokens: Sequence[str],
    counts: Counter[tuple[str, str]],
    lexicon: Lexicon,
    bigrams: dict[tuple[str, str], int] | None = None,
    offered: Sequence[Iterable[str]] | None = None,
) -> list[Repair]:
    """Case and tone repairs for one sequence of OCR tokens (words in reading order, punctuation attached).

    Lower-case words read in capitals are written lower case first
    (:func:`pipeline.text.letter_case.case_repairs`: "đơn VỊ" → "đơn vị"),
    then tone marks are repaired (:func:`tone_repairs`). One :class:`Repair`
    per changed token, ``read`` being the token as given. ``offered`` (one
    entry per token) are the spellings the OCR engine itself offered for it.
    """
    corpus = load_bigrams() if bigrams is None else bigrams
    cased = dict(case_repairs(tokens, lexicon.pairs, corpus, CORPUS_MIN))
    fixed = [cased.get(i, t) for i, t in enumerate(tokens)]
    out = {i: Repair(i, tokens[i], text) for i, text in cased.items()}
    from pipeline.text.tone_pairs import pair_repairs  # it builds on this module's helpers

    for _ in range(PASSES):  # a repaired word is evidence for its neighbour: "Đề tô chức" → "tổ", then "Để"
        # Both words of a pair misread ("chuyền đối số"): repaired together when one at a time backs nothing.
        found = tone_repairs(fixed, counts, lexicon, corpus, offered) or pair_repairs(fixed, counts, lexicon, corpus)
        for repair in found:
            fixed[repair.index] = repair.replaced
            out[repair.index] = Repair(repair.index, tokens[repair.index], repair.replaced)
        if not found:
            break
    return [out[i] for i in sorted(out)]


def tone_repairs(
    tokens: Sequence[str],
    counts: Counter[tuple[str, str]],
    lexicon: Lexicon,
    bigrams: dict[tuple[str, str], int] | None = None,
    offered: Sequence[Iterable[str]] | None = None,
) -> list[Repair]:
    """Tone repairs for one sequence of OCR tokens (words in reading order, punctuation attached).

    ``counts`` are the document's pairs (:func:`pair_counts` over all its
    sequences, this one included; the token's own pairs are discounted). A
    neighbour counts only when no punctuation stands between it and the token.
    Returns one :class:`Repair` per replaced token, punctuation and case kept;
    ``tokens`` is not changed. ``bigrams`` are the corpus pairs
    (default :func:`load_bigrams`; ``{}`` to leave them out). ``offered``
    holds, per token, the spellings Tesseract's own character choices gave
    (:func:`pipeline.readers.ocr_variants.mark_variants`): such a spelling is a
    candidate even when its tone change is no known slip (:data:`SLIPS`), and
    needs the same evidence. See the module docstring for the rule.
    """
    parts = [_parts(t) for t in tokens]
    lower = [p[1].lower() if p else None for p in parts]
    corpus = load_bigrams() if bigrams is None else bigrams
    repairs: list[Repair] = []
    for i, part in enumerate(parts):
        if part is None or _in_name(parts, i):
            continue
        read = lower[i]
        options = lexicon.spellings.get(bare(read), frozenset())
        extra = _offered(offered[i]) if offered is not None and i < len(offered) else frozenset()
        candidates = [v for v in options if v != read and (_slip(read, v) or v in extra)]
        if not candidates:
            continue
        before, after = _joined(parts, lower, i, -1), _joined(parts, lower, i, 1)
        pairs = [(lambda w, b=before: (b, w)) if before else None, (lambda w, a=after: (w, a)) if after else None]

        def evidence(word: str) -> tuple[int, int, int]:
            """Points of ``word`` here: (total, sides making a listed word, sides seen elsewhere).

            "Seen elsewhere" is in this document or, at least
            :data:`CORPUS_MIN` times, in the corpus bigrams (:func:`load_bigrams`).
            A reading's pair that the corpus never has where a variant's pair
            is a corpus word (:func:`_outvoted`) gives the reading nothing, the
            same misread elsewhere in the document included.
            """
            own = 1 if word == read else 0
            listed = seen = 0
            for pair in pairs:
                if pair is None or (own and _outvoted(corpus, lexicon, pair, read, candidates)):
                    continue
                listed += pair(word) in lexicon.pairs
                seen += max(0, counts[pair(word)] - own) > 0 or _corpus_backs(corpus, pair(word), pair(read), own)
            return listed + seen, listed, seen

        kept, kept_listed, _ = evidence(read)
        kept_listed = kept_listed or any(p and corpus.get(p(read), 0) for p in pairs)  # a phrase of the corpus
        capitals = len(part[1]) > 1 and part[1].isupper()
        needed = max(kept + (2 if kept_listed else 1), MIN_POINTS_CAPITALS if capitals else MIN_POINTS)
        scored = {}
        for v in candidates:
            score, listed, seen = evidence(v)
            if score >= needed and (seen or (listed == 2 and not capitals)):
                scored[v] = score
        if not scored:
            continue
        best = max(scored.values())
        winners = [v for v, score in scored.items() if score == best]
        if len(winners) == 1:
            lead, core, trail = part
            repairs.append(Repair(i, tokens[i], lead + _recase(core, winners[0]) + trail))
    return repairs
