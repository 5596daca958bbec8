"""Unicode NFC and the tone-mark placement of Vietnamese government documents.

Government documents put the tone mark of an open syllable ending in "oa", "oe"
or "uy" on the first vowel ("Hòa", "Ủy", "thủy"); newer software often puts it
on the second ("Hoà", "Uỷ", "thuỷ"). :func:`normalize_tone_marks` moves it to the
first vowel. It never changes the length of the text, so character offsets taken
on the normalised text are valid on the NFC original.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (dấu thanh): grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = f"[{_TONES}]"

# An open syllable whose nucleus is o+a, o+e or u+y (NFD form, marks in any
# canonical order). The onset must not end in "q" (in "quý" the "u" belongs to
# the onset, so the mark stays on "y"); "oy" is not a nucleus that moves.
_MARKS = "[\u0300-\u036f]*"
_SYLLABLE = re.compile(
    rf"(?<![^\W\d_])"  # start of a word
    rf"(?P<onset>[^\W\d_]*?)"
    rf"(?P<v1>[oOuU])(?P<m1>{_MARKS})"
    rf"(?P<v2>[aAeEyY])(?P<m2>{_MARKS})"
    rf"(?![^\W\d_]|[\u0300-\u036f])",  # end of the word: no final consonant
)

#: Vowel pairs whose tone mark moves to the first vowel.
_NUCLEI = {("o", "a"), ("o", "e"), ("u", "y")}

#: Icelandic eth (Ð/ð) printed by some fonts for Vietnamese Đ/đ ("Ðộc lập", "Như Ðiều 3").
_ETH = {0x00D0: 0x0110, 0x00F0: 0x0111}

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def _move_tone(match: re.Match[str]) -> str:
    onset, v1, v2 = match.group("onset"), match.group("v1"), match.group("v2")
    m1, m2 = match.group("m1"), match.group("m2")
    tones = [c for c in m2 if c in _TONES]
    if (
        not tones
        or any(c in _TONES for c in m1)
        or onset.lower().endswith("q")
        or (v1.lower(), v2.lower()) not in _NUCLEI
        or any(c not in _TONES for c in m1 + m2)
    ):
        return match.group(0)
    tone = tones[0]
    return onset + v1 + m1 + tone + v2 + m2.replace(tone, "", 1)


def normalize_tone_marks(text: str) -> str:
    """Return ``text`` in NFC with tone marks placed as government documents place them.

    >>> normalize_tone_marks("Khánh Hoà, Uỷ ban, thuỷ lợi, quý")
    'Khánh Hòa, Ủy ban, thủy lợi, quý'
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _SYLLABLE.sub(_move_tone, decomposed))


def normalize(text: str) -> str:
    """NFC, government tone marks, and horizontal whitespace folded to one space.

    Line breaks are kept (cells keep their bullets); spaces around them and at
    both ends are trimmed. Use on values written to datasets.
    """
    text = normalize_tone_marks(text).translate(_ETH)
    lines = [_WS.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def fold(text: str) -> str:
    """Comparison key: :func:`normalize`, case-folded, dashes unified, all whitespace folded.

    DESIGN.md §3: compare names and titles case-insensitively after NFC and
    tone-mark normalisation, with whitespace and dashes folded.
    """
    text = _DASHES.sub("-", normalize(text)).casefold()
    return " ".join(text.split())
