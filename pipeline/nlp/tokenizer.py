"""Syllable tokenizer for Vietnamese that keeps character offsets (spaCy ``Tokenizer``).

Vietnamese writes one syllable per space-separated unit; words of several
syllables ("Kế hoạch") are left to the components that need them. The tokenizer
splits on whitespace, then splits every punctuation mark off as its own token,
"/" and "-" included, so "30c/NQ-CP" becomes ``30c / NQ - CP`` and "Quý I/2017"
becomes ``Quý I / 2017``. Runs of whitespace other than one plain space become
whitespace tokens, so ``doc.text`` is always exactly the input and every span's
``start_char``/``end_char`` indexes the input string.

Each token's ``norm_`` is its comparison key: government tone-mark placement
(:func:`pipeline.text.normalize.normalize_tone_marks`, applied per syllable, so
it never shifts an offset), lower case, dashes unified. Matchers use
``attr="NORM"`` and so ignore case and "Hoà"/"Hòa" differences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.text.normalize import normalize_tone_marks

#: A syllable (letters and digits, NFC) or one non-space, non-word character.
TOKEN_RE = re.compile(r"[^\W_]+|\S")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def norm_key(piece: str) -> str:
    """Comparison key of a text: tone marks placed, lower case, dashes unified (same length)."""
    return normalize_tone_marks(piece).lower().translate(_DASHES)


@lru_cache(maxsize=65536)
def _token_norm(piece: str) -> str:
    return norm_key(piece)


class SyllableTokenizer:
    """Callable ``str -> Doc``: syllables and punctuation, exact offsets, normalised norms.

    Input should already be NFC (``pipeline.text.normalize``); non-NFC input is
    tokenised as is (offsets still exact) but matches less.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for match in TOKEN_RE.finditer(text):
            gap = text[pos : match.start()]
            if gap:
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    if gap.startswith(" ") and words and not spaces[-1]:
                        spaces[-1] = True
                        gap = gap[1:]
                    words.append(gap)
                    spaces.append(False)
            words.append(match.group())
            spaces.append(False)
            pos = match.end()
        tail = text[pos:]
        if tail:
            if tail == " " and words:
                spaces[-1] = True
            else:
                words.append(tail)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        strings = self.vocab.strings
        norms = numpy.array([[strings.add(_token_norm(w))] for w in words], dtype="uint64")
        if len(words):
            doc.from_array([NORM], norms)
        doc.user_data["vn_text"] = text
        return doc

    # spaCy serialisation hooks: the tokenizer has no state beyond the vocab.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> "SyllableTokenizer":
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> "SyllableTokenizer":
        return self


@spacy.registry.tokenizers("vn_decisions.syllable_tokenizer.v1")
def create_syllable_tokenizer():
    """spaCy registry entry: ``[nlp.tokenizer] @tokenizers = "vn_decisions.syllable_tokenizer.v1"``."""

    def make(nlp: spacy.Language) -> SyllableTokenizer:
        return SyllableTokenizer(nlp.vocab)

    return make


def doc_key(doc: Doc) -> str:
    """``doc.text`` as one comparison string with the same offsets (cached on the doc).

    Tone marks placed per government practice, lower case, dashes unified; the
    length is unchanged so a match at ``[i, j)`` in the key is ``doc.text[i:j]``.
    """
    key = doc.user_data.get("vn_key")
    if key is None:
        text = doc_text(doc)
        key = norm_key(text)
        if len(key) != len(text):  # a rare character whose lower case is longer
            key = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        doc.user_data["vn_key"] = key
    return key


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("vn_text")
    if text is None:
        text = doc.user_data["vn_text"] = doc.text
    return text


def set_record_spans(doc: Doc, spans_key: str, label: str, found: Iterable[tuple[int, int, Any]], attr: str) -> None:
    """Store ``found`` (``(start_char, end_char, record)``) as ``doc.spans[spans_key]``.

    Each span gets ``label`` and its record in the ``span._.<attr>`` extension;
    character ranges are widened to whole tokens, and one that no tokens cover
    is dropped. Shared by the taggers that turn parsed records into spans.
    """
    spans = []
    for start, end, record in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            setattr(span._, attr, record)
            spans.append(span)
    doc.spans[spans_key] = spans
