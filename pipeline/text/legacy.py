"""Legacy Vietnamese 8-bit font encodings (TCVN3/ABC, VNI) detected and decoded to Unicode.

Before Unicode, Vietnamese documents were typed in fonts that drew Vietnamese
letters in place of Latin-1 characters. Text read from such files (a PDF text
layer, Word runs, a plain-text file) shows the Latin-1 characters, e.g.
``QuyÕt ®Þnh`` (TCVN3) or ``Tieáng Vieät`` (VNI), and must be mapped back.

* **TCVN3** (TCVN 5712:1993 VN3, "ABC"; fonts ``.VnTime``, ``.VnArial`` …): one
  byte per letter. It has no capitals with tone marks: headings are typed with
  the lowercase bytes in a capitals font (``.VnTimeH``, ``.VnArialH`` …), so the
  font name is needed to restore case (``uppercase=True``).
* **VNI** (VNI-Windows; fonts ``VNI-Times``, ``VNI-Helve`` …): a base letter
  followed by one or two mark bytes (``a`` + ``ø`` → ``à``), capitals explicit.

Pure functions, no I/O: :func:`font_encoding`, :func:`is_caps_font`,
:func:`detect_encoding` (font names first, then character statistics) and
:func:`decode`. The tables are this project's own, written from the published
code charts and checked against the transcripts in ``tests/data/legacy``
(``bench/legacy_converters.py`` compares them with viparse and iconv).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

Encoding = Literal["tcvn3", "vni"]

# --------------------------------------------------------------------- TCVN3
#: TCVN3 byte (as its Windows-1252/Latin-1 character) → Unicode letter, in code
#: order: base letters Ă Â Ê Ô Ơ Ư Đ and ă â ê ô ơ ư đ, then each vowel with
#: grave, hook, tilde, acute, dot below.
_TCVN3_CHART = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \u00adư ®đ "
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ "
    "×ì Øỉ Üĩ Ýí Þị ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ ïù ñủ òũ óú ôụ "
    "õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
TCVN3: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_CHART.split()}
#: Glyphs some PDF producers map TCVN3 bytes to (0xAD soft hyphen drawn as a
#: minus sign, 0xB7 middle dot as a bullet operator); only between letters.
_TCVN3_SUBSTITUTES = {"\u2212": "ư", "\u2219": "ã", "\u00b7": "ã"}

# ----------------------------------------------------------------------- VNI
#: VNI mark characters after a vowel (lowercase form; capitals use the
#: uppercase Latin-1 letter): tone marks, then circumflex+tone, then breve+tone.
_VNI_TONES = {"ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ù": "\u0301", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {"â": "", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "á": "\u0301", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "é": "\u0301", "ë": "\u0323"}
#: Single characters that are whole letters in VNI.
_VNI_SINGLE = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
               "æ": "ỉ", "Æ": "Ỉ", "ò": "ị", "Ò": "Ị", "ó": "ĩ", "Ó": "Ĩ", "î": "ỵ", "Î": "Ỵ"}


def _vni_table() -> dict[str, str]:
    """Every two-character VNI sequence (base + mark) → its Unicode letter (NFC)."""
    table: dict[str, str] = {}
    for base in "aeiouyAEIOUY":
        for mark, tone in _VNI_TONES.items():
            _add_both(table, base, mark, base, tone)
    for base in "aeoAEO":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            _add_both(table, base, mark, base + "\u0302", tone)
    for base in "aA":
        for mark, tone in _VNI_BREVE.items():
            _add_both(table, base, mark, base + "\u0306", tone)
    for single in "ôöÔÖ":
        for mark, tone in _VNI_TONES.items():
            _add_both(table, single, mark, _VNI_SINGLE[single], tone)
    return table


def _add_both(table: dict[str, str], base: str, mark: str, letter: str, tone: str) -> None:
    """Register ``base+mark`` with the mark in its lowercase and uppercase forms."""
    composed = unicodedata.normalize("NFC", letter + tone)
    upper = composed.upper() if base.isupper() else composed
    table[base + mark] = upper
    table[base + mark.upper()] = upper


VNI_PAIRS: dict[str, str] = _vni_table()

# ------------------------------------------------------------------ detection
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE = re.compile(r"([-,\s]*(bold|italic|oblique|regular|condensed|narrow|semibold|medium|light|black))+$", re.I)
#: Tone marks (NFD combining characters): a Vietnamese syllable carries at most one.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
#: Marks a Vietnamese vowel may carry: tones, circumflex, breve, horn.
_MARKS = _TONES | frozenset("\u0302\u0306\u031b")


def _family(font: str) -> str:
    """Font name without subset tag, leading dot and style suffixes, lower case."""
    name = _SUBSET.sub("", font.strip()).lstrip(".")
    return _STYLE.sub("", name).lower()


@lru_cache(maxsize=4096)
def font_encoding(font: str | None) -> Encoding | None:
    """Legacy encoding implied by a font name, or ``None`` for a Unicode font.

    ``.VnTime``, ``VnTimeH``, ``ABCDEF+.VnArialBold`` → ``"tcvn3"``;
    ``VNI-Times``, ``VNI-Helve-Condense`` → ``"vni"``. Memoised: a page asks
    for the same few font names once per word.
    """
    if not font:
        return None
    family = _family(font)
    if family.startswith("vni"):
        return "vni"
    if family.startswith("vn") and not family.startswith("vntimes new"):
        return "tcvn3"
    return None


def is_caps_font(font: str | None) -> bool:
    """True for a TCVN3 capitals font (``.VnTimeH``, ``.VnArialH``, ``VnTimeHBold``)."""
    return font_encoding(font) == "tcvn3" and _family(font or "").endswith("h")


def detect_encoding(text: str, fonts: Iterable[str | None] = ()) -> Encoding | None:
    """Legacy encoding of ``text``: ``"tcvn3"``, ``"vni"`` or ``None`` (Unicode).

    ``fonts`` are the font names the text was drawn with (PDF characters, Word
    runs); the encoding most of the legacy font names imply wins. Without a
    legacy font, character statistics decide (:func:`plausibility`): the text as
    it is and its TCVN3 and VNI readings are scored by how many of their words
    are well-formed Vietnamese syllables; a legacy reading must beat the text as
    it is by at least 3 words and 10 % of the words.
    """
    votes: dict[str, int] = {}
    for font in fonts:
        enc = font_encoding(font)
        if enc:
            votes[enc] = votes.get(enc, 0) + 1
    if votes:
        return max(votes, key=lambda k: votes[k])  # type: ignore[return-value]
    tokens = text[:20000].split()
    gains = [0, 0]  # TCVN3, VNI
    for token in tokens:
        if not token.isascii():  # ASCII tokens score 0 as they are and in both readings
            tcvn3, vni = _token_gains(token)
            gains[0] += tcvn3
            gains[1] += vni
    best: Encoding | None = None
    best_gain = 0
    for encoding, gain in zip(("tcvn3", "vni"), gains):
        if gain > best_gain:
            best, best_gain = encoding, gain  # type: ignore[assignment]
    words = len(tokens) or 1
    return best if best_gain >= 3 and best_gain >= 0.10 * words else None


@lru_cache(maxsize=1 << 16)
def _token_gains(token: str) -> tuple[int, int]:
    """``plausibility`` gain of one whitespace-free token read as TCVN3 and as VNI.

    Both conversions map characters (or VNI pairs) to letters and never touch
    whitespace, so a text's gain is the sum of its tokens' gains; memoised
    because a page repeats a few hundred syllables.
    """
    base = _token_score(token)
    return _token_score(convert(token, "tcvn3")) - base, _token_score(convert(token, "vni")) - base


def plausibility(text: str) -> int:
    """Words that read as Vietnamese syllables with diacritics, minus words that cannot.

    A word (whitespace-delimited, outer punctuation stripped) cannot be
    Vietnamese when it has a symbol inside, a capital after a small letter, or
    more than one tone mark. Plain ASCII words count neither way.
    """
    return sum(_token_score(token) for token in text.split())


def _token_score(token: str) -> int:
    """+1 for a well-formed Vietnamese word with diacritics, -1 for an impossible one, else 0."""
    word = token.strip(".,;:!?()[]{}\"'“”‘’…-–/%")
    if not word or word.isascii():
        return 0
    return 1 if _well_formed(word) else -1


def _vietnamese_letter(ch: str) -> bool:
    if ch in "đĐ":
        return True
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if not (base.isascii() and base.isalpha()):
        return False
    return not marks or (base.lower() in "aeiouy" and all(m in _MARKS for m in marks))


def _well_formed(word: str) -> bool:
    if not all(_vietnamese_letter(ch) or ch.isdigit() for ch in word):
        return False
    if any(a.islower() and b.isupper() for a, b in zip(word, word[1:])):
        return False
    tones = sum(ch in _TONES for ch in unicodedata.normalize("NFD", word))
    return tones <= 1


# ------------------------------------------------------------------- decoding
def convert(text: str, encoding: Encoding) -> str:
    """Map legacy characters of ``text`` to Unicode letters (NFC); others pass unchanged."""
    if encoding == "tcvn3":
        return _convert_tcvn3(text)
    if encoding == "vni":
        return _convert_vni(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def _convert_tcvn3(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        sub = _TCVN3_SUBSTITUTES.get(ch)
        if sub and _between_letters(text, i):
            out.append(sub)
        else:
            out.append(TCVN3.get(ch, ch))
    return "".join(out)


def _between_letters(text: str, i: int) -> bool:
    """A letter (or a TCVN3 letter byte) stands right before or after ``text[i]``."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return any(ch.isalpha() or ch in TCVN3 for ch in (before, after) if ch)


def _convert_vni(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        pair = VNI_PAIRS.get(text[i : i + 2])
        if pair:
            out.append(pair)
            i += 2
            continue
        out.append(_VNI_SINGLE.get(text[i], text[i]))
        i += 1
    return "".join(out)


def decode(text: str, encoding: Encoding | None, uppercase: bool = False) -> str:
    """Unicode (NFC) text for ``text`` typed in ``encoding``.

    ``uppercase`` restores capitals for text drawn in a TCVN3 capitals font
    (``.VnTimeH``: ``QuyÕt ®Þnh`` → ``QUYẾT ĐỊNH``). ``encoding=None`` returns the
    text unchanged. Raises ``ValueError`` for an unknown encoding.
    """
    if encoding is None:
        return text
    out = unicodedata.normalize("NFC", convert(text, encoding))
    return out.upper() if uppercase else out
