"""Stops inside a sentence: a comma read as a full stop, a dot of dust, a semicolon read as a colon.

On a 200 dpi scan the tail of a comma is two or three pixels, and Tesseract
reads "các Sở, ban, ngành" as "các Sở. ban, ngành"; a speck of dust between
two words comes out as a full stop glued to the first ("tiếp. tục",
"tuyên. truyền"). In a decision (Decree 30/2020, Appendix I: sentences and
list items start with a capital letter or a list marker) a full stop is
never followed by a lower-case word, so such a stop is no full stop: when
the two words make a listed word (Viet74K) or a pair of the corpus bigrams
(:func:`pipeline.text.spelling.load_bigrams`) it is dust and is dropped,
otherwise it is a comma.

The comma under a semicolon is lost the same way ("Xã Bắc Ruộng: Xã Quảng
Trực; …"): in a list whose items are separated by semicolons a colon does
not stand between two items, so a colon after a semicolon of the same
sentence is read as the semicolon it is (:func:`list_colons`), unless its
item starts with a list marker ("b) Sở Y tế: …") and so may be a label.

Pure functions over word texts in reading order; the caller keeps the boxes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.text.normalize import normalize

#: A word ending in one full stop after a letter ("ban.", not "1.", "v.v.", "...").
_STOPPED = re.compile(r"^(?P<word>[^\W\d_]+)\.$")
#: A word starting with a lower-case letter, that is not a list marker ("b)", "đ)").
_LOWER_START = re.compile(r"^[^\W\d_]")
_MARKER = re.compile(r"^[^\W\d_]{1,2}\)")
#: Leading and trailing punctuation of a word.
_CORE = re.compile(r"^\W*(?P<core>[^\W\d_]+)")


def inner_stops(
    words: Sequence[str], pairs: frozenset[tuple[str, str]], bigrams: dict[tuple[str, str], int], min_count: int
) -> list[tuple[int, str]]:
    """``(index, new text)`` for each word whose final full stop stands inside a sentence.

    ``pairs`` are the word list's syllable pairs, ``bigrams`` the corpus pairs
    (a pair counts from ``min_count`` occurrences). The stop is dropped when
    the word and the next make a pair of either ("tiếp. tục" → "tiếp"), else
    it becomes a comma ("Sở. ban" → "Sở,").
    """
    out: list[tuple[int, str]] = []
    for i in range(len(words) - 1):
        m = _STOPPED.match(words[i])
        nxt = words[i + 1]
        if not m or not _LOWER_START.match(nxt) or not nxt[0].islower() or _MARKER.match(nxt):
            continue
        core = _CORE.match(nxt)
        pair = (normalize(m["word"]).lower(), normalize(core["core"]).lower() if core else "")
        joined = pair in pairs or bigrams.get(pair, 0) >= min_count
        out.append((i, m["word"] if joined else m["word"] + ","))
    return out


#: A token that starts a list item: "a)", "đ)", "-", "+", "1.", "2.1.".
_ITEM = re.compile(r"^(?:[^\W\d_]{1,2}\)|[-+–]|\d+(?:\.\d+)*\.?)$")


def list_colons(words: Sequence[str]) -> list[tuple[int, str]]:
    """``(index, new text)`` for each word ending in a colon that follows a semicolon of its sentence.

    A sentence ends at a word ending in a full stop; an item starting with a
    list marker (:data:`_ITEM`) keeps its colon (a label: "b) Sở Y tế:"), and
    so do a word in capitals ("QUYẾT ĐỊNH:" after a last legal basis ending
    in ";") and a colon that opens a list ("như sau: - …", "gồm: a) …").
    """
    out: list[tuple[int, str]] = []
    after_semicolon = marked = False
    for i, word in enumerate(words):
        if _ITEM.match(word):
            marked = True
        label = word[:-1].isupper() or (i + 1 < len(words) and bool(_ITEM.match(words[i + 1])))
        if word.endswith(":") and not word.endswith("::") and after_semicolon and not marked and not label and len(word) > 1:
            out.append((i, word[:-1] + ";"))
            word = out[-1][1]
        if word.endswith(";"):
            after_semicolon, marked = True, False
        elif word.endswith(".") or word.endswith(":"):
            after_semicolon = marked = False
    return out
