"""Unicode NFC and the tone-mark placement of Vietnamese government documents.

Government documents put the tone mark of an open syllable ending in "oa", "oe"
or "uy" on the first vowel ("Hòa", "Ủy", "thủy"); newer software often puts it
on the second ("Hoà", "Uỷ", "thuỷ"), and text layers and exports misplace it on
other vowel pairs too ("Đaị", "muà"). :func:`normalize_tone_marks` puts each
syllable's mark on the vowel the orthography gives it. It never changes the length of the text, so character offsets taken
on the normalised text are valid on the NFC original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining tone marks (dấu thanh): grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
#: Vowel-quality marks (circumflex, breve, horn): â ă ê ô ơ ư carry the tone.
_QUALITY = "\u0302\u0306\u031b"
_VOWELS = "aeiouy"
#: A word in NFC: letters only (a tone mark never sits outside a word).
_WORD = re.compile(r"[^\W\d_]+")

#: Icelandic eth (Ð/ð) printed by some fonts for Vietnamese Đ/đ ("Ðộc lập", "Như Ðiều 3").
_ETH = {0x00D0: 0x0110, 0x00F0: 0x0111}

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def _tone_target(letters: list[tuple[str, str]]) -> int | None:
    """Index of the letter that carries the tone of one syllable, by the orthography rules.

    ``letters`` are ``(base, marks)`` pairs. The vowel nucleus follows the onset
    ("qu", and "gi" before a vowel, belong to the onset). A vowel with a quality
    mark (â ă ê ô ơ ư; the last one in "ươ") carries the tone; else the last vowel
    when a final consonant follows ("hoàn"), the middle of three ("ngoài"), the
    first of two in an open syllable ("hòa", "thủy", "đại", "mùa"). ``None`` when
    the word is not one syllable of that shape (more than three vowels, vowels apart).
    """
    bases = "".join(b.lower() for b, _ in letters)
    start = next((i for i, c in enumerate(bases) if c in _VOWELS), None)
    if start is None:
        return None
    if bases[start] == "u" and start > 0 and bases[start - 1] == "q" and start + 1 < len(bases) and bases[start + 1] in _VOWELS:
        start += 1  # "qu" onset
    elif bases[start] == "i" and start > 0 and bases[start - 1] == "g" and start + 1 < len(bases) and bases[start + 1] in _VOWELS:
        start += 1  # "gi" onset
    end = start
    while end < len(bases) and bases[end] in _VOWELS:
        end += 1
    if end - start > 3 or any(c in _VOWELS for c in bases[end:]):
        return None
    nucleus = range(start, end)
    marked = [i for i in nucleus if any(m in _QUALITY for m in letters[i][1])]
    if marked:
        return marked[-1]
    if end < len(bases):
        return end - 1
    return start + 1 if end - start == 3 else start


def _place_tone(match: re.Match[str]) -> str:
    word = match.group(0)
    return word if word.isascii() else _placed(word)


@lru_cache(maxsize=1 << 16)
def _placed(word: str) -> str:
    """``word`` with its one tone mark on the vowel :func:`_tone_target` names."""
    letters = []
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        letters.append((parts[0], parts[1:]))
    toned = [i for i, (_, marks) in enumerate(letters) if any(m in _TONES for m in marks)]
    if len(toned) != 1 or not all(b.isascii() or b in "đĐ" for b, _ in letters):
        return word
    target = _tone_target(letters)
    if target is None or target == toned[0]:
        return word
    source = toned[0]
    tone = next(m for m in letters[source][1] if m in _TONES)
    letters[source] = (letters[source][0], letters[source][1].replace(tone, ""))
    letters[target] = (letters[target][0], letters[target][1] + tone)
    return "".join(unicodedata.normalize("NFC", b + m) for b, m in letters)


def normalize_tone_marks(text: str) -> str:
    """Return ``text`` in NFC with each syllable's tone mark where government documents place it.

    Old-style placement in open syllables ("Hòa", "Ủy", "thủy"), and misplaced
    marks moved to the vowel the orthography gives them ("Đaị" → "Đại", "muà" →
    "mùa"). The length of the NFC text never changes, so character offsets taken
    on the normalised text are valid on the NFC original.

    >>> normalize_tone_marks("Khánh Hoà, Uỷ ban, thuỷ lợi, quý, Đaị hội")
    'Khánh Hòa, Ủy ban, thủy lợi, quý, Đại hội'
    """
    return _WORD.sub(_place_tone, unicodedata.normalize("NFC", text))


#: Cyrillic letters drawn like Latin ones, met inside Latin words of text layers ("TT-BТС").
_CYRILLIC_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсху", "ABEKMHOPCTXaeopcxy")
_MIXED_SCRIPT = re.compile(r"[A-Za-z\u00c0-\u1ef9]*[\u0400-\u04ff][\w\u0400-\u04ff]*")


def _latin_lookalikes(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = word.translate(_CYRILLIC_LOOKALIKES)
    # Only a word mixing scripts, all of whose Cyrillic letters have Latin twins, is changed.
    has_latin = any("a" <= c.lower() <= "z" for c in word)
    return latin if has_latin and not re.search(r"[\u0400-\u04ff]", latin) else word


def normalize(text: str) -> str:
    """NFC, government tone marks, and horizontal whitespace folded to one space.

    Cyrillic look-alike letters inside a Latin word of a text layer ("TT-BТС") become Latin.
    Line breaks are kept (cells keep their bullets); spaces around them and at
    both ends are trimmed. Use on values written to datasets.
    """
    text = normalize_tone_marks(text).translate(_ETH)
    if re.search(r"[\u0400-\u04ff]", text):
        text = _MIXED_SCRIPT.sub(_latin_lookalikes, text)
    lines = [_WS.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def fold(text: str) -> str:
    """Comparison key: :func:`normalize`, case-folded, dashes unified, all whitespace folded.

    DESIGN.md §3: compare names and titles case-insensitively after NFC and
    tone-mark normalisation, with whitespace and dashes folded.
    """
    text = _DASHES.sub("-", normalize(text)).casefold()
    return " ".join(text.split())
