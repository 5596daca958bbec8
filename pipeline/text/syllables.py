"""Vietnamese syllables: repair text whose syllables were glued or split apart.

Two faults of real inputs, both fixed by checking candidate syllables against
the Vietnamese syllable shape (onset? nucleus coda?, at most one tone mark):

- glued words in web copies ("CẤPXÃ", "ỦYBAN", "củaChính phủ") — :func:`unglue`;
- syllables split by a PDF text layer with wide glyph spacing ("Th ự c hi ện",
  "Ngh ị đị nh s ố 126/2024/N Đ -CP") — :func:`rejoin_split_syllables`.

Pure functions over NFC text; words without Vietnamese diacritics (abbreviations
such as "UBND", "ISO") are left alone.
"""

from __future__ import annotations

import re
import unicodedata

_ONSET = r"(?:ngh|ng|gh|gi|ch|kh|nh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
_NUCLEUS = (
    r"(?:oai|oay|oao|oeo|ieu|uoi|uou|uay|uya|uye|uyu|yeu|uai|ueu|uau|"
    r"ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)"
)
_CODA = r"(?:ng|nh|ch|[cmnpt])?"
_SYLLABLE = re.compile(_ONSET + _NUCLEUS + _CODA)
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = set("aeiouy")


def _plain(word: str) -> str:
    text = unicodedata.normalize("NFD", word.replace("Đ", "đ").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _split(plain: str) -> list[int] | None:
    """Cut points splitting ``plain`` into Vietnamese syllables, longest first; None if impossible."""
    if not plain:
        return []
    for k in range(len(plain), 0, -1):
        if _SYLLABLE.fullmatch(plain[:k]):
            rest = _split(plain[k:])
            if rest is not None:
                return [k] + [k + r for r in rest]
    return None


def unglue(text: str) -> str:
    """Separate glued syllables: "CẤPXÃ" → "CẤP XÃ", "ỦYBAN" → "ỦY BAN", "củaChính" → "của Chính".

    Only words with Vietnamese diacritics are split (abbreviations such as
    "UBND", "ISO" are left alone), and only when the word is not one syllable.
    """
    text = unicodedata.normalize("NFC", text)
    chars = list(text)
    for i in range(len(chars) - 2, 0, -1):
        if chars[i - 1].islower() and chars[i].isupper() and chars[i + 1].islower():
            chars.insert(i, " ")
    text = "".join(chars)

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.isascii() or len(word) < 4:
            return word
        plain = _plain(word)
        if _SYLLABLE.fullmatch(plain):
            return word
        cuts = _split(plain)
        if not cuts or len(cuts) < 2:
            return word
        parts, last = [], 0
        for cut in cuts:
            parts.append(word[last:cut])
            last = cut
        return " ".join(parts)

    return re.sub(r"[^\W\d_]+", fix, text)


def _tones(word: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", word) if c in _TONES)


def is_syllable(word: str) -> bool:
    """True when ``word`` has the shape of one Vietnamese syllable (onset? nucleus coda?, ≤ 1 tone mark).

    Case is ignored here; callers that care about mixed case ("cHU") check it.
    """
    return bool(_SYLLABLE.fullmatch(_plain(word))) and _tones(word) <= 1


_is_syllable = is_syllable


def _has_vowel(word: str) -> bool:
    return any(c in _VOWELS for c in _plain(word))


def rejoin_split_syllables(text: str) -> str:
    """Join fragments of one syllable that a text layer spaced apart.

    A fragment without a vowel ("Th", "c", "nh") joins the next word as its onset
    when that word starts with a vowel, else the word before as its coda; a
    fragment starting with a vowel joins the word before it when exactly one of
    the two carries a tone mark. A join happens only when the result is one
    valid syllable and the case does not change in between ("Th ự c hi ện" →
    "Thực hiện", "c ủ a" → "của"; "nhà ở", "đi ăn" and "Sở Y tế" stay). Digits
    split inside a year are joined ("202 5" → "2025") and single capitals spaced
    before a dash are closed up ("N Đ -CP" → "NĐ-CP").
    """
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\b((?:19|20)\d) (\d)\b", r"\1\2", text)
    text = re.sub(r"\b([A-ZĐ]) ([A-ZĐ]) ?-(?=[A-ZĐ])", r"\1\2-", text)
    words = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        core = _core(word)
        if nxt is not None and core == word and core and not _has_vowel(core) and _joinable(core, _core(nxt), forward=True):
            words[i + 1] = word + nxt
            i += 1
            continue
        if out and _joinable(_core(out[-1]), core) and _core(out[-1]) == out[-1]:
            out[-1] = out[-1] + word
        else:
            out.append(word)
        i += 1
    return " ".join(out)


def _core(word: str) -> str:
    """The letters of ``word`` before trailing punctuation ("ở," → "ở")."""
    m = re.match(r"[^\W\d_]*", word)
    return m.group(0) if m else ""


def _joinable(prev: str, word: str, forward: bool = False) -> bool:
    if not prev or not word:
        return False
    if word[0].isupper() and not prev.isupper():
        return False
    if prev.isupper() != word.isupper() and not (prev[0].isupper() and word.islower()):
        return False
    if not _is_syllable(prev + word):
        return False
    if forward:
        return _plain(word)[0] in _VOWELS
    if not _has_vowel(prev) or not _has_vowel(word):
        return True
    return _plain(word)[0] in _VOWELS and (_tones(prev) > 0) != (_tones(word) > 0)
