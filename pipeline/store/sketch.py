"""Content fingerprints of a document: a MinHash sketch of its text and its draft marker.

Two files hold the same document when their words are nearly the same, whatever
the format (DOCX, text PDF, HTML, a scan read by OCR): :func:`content_sketch`
turns the normalised text into word 3-shingles over a key without tone marks
(so OCR tone slips and line breaks do not count) and keeps a MinHash signature
of them (datasketch, 128 permutations, scheme ``affine32``); :func:`similarity` estimates the Jaccard
similarity of two signatures. :func:`is_draft` tells a draft (dự thảo) from the
version issued, which text similarity alone cannot: a draft and its final
version share nearly every word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

from pipeline.text.normalize import fold

#: MinHash permutations: the Jaccard estimate's standard error is about 1/sqrt(128) ≈ 0.09 at
#: J = 0.5 and much less near 1; copies score ≥ 0.85 on the real renderings, unrelated plans < 0.1.
NUM_PERM = 128
#: datasketch's hashing scheme, named so that stored signatures stay comparable across versions.
SCHEME = "affine32"
#: Words per shingle.
SHINGLE = 3
#: Fewer shingles than this: too little text to say two files are one document.
MIN_SHINGLES = 50

#: A printed draft marker, alone on one of the first lines: "DỰ THẢO", "Dự thảo lần 2", "(Dự thảo)".
DRAFT_LINE = re.compile(r"^\(?\s*dự\s+thảo(?:\s+(?:lần|l)\s*\d+)?\s*\)?[.:]?$")
#: A draft word at the start or the end of a file name, or in brackets:
#: "Du thao KHCCHC 2026.docx", "KH CCHC 2026 (du thao).docx", "plan_draft.pdf". Diacritics removed.
#: Not in the middle ("Tờ trình dự thảo Kế hoạch …" is a submission about a draft, not a draft).
DRAFT_NAME = re.compile(
    r"^[\W\d_]*(?:du[\W_]+thao|draft)(?![a-z])|(?<![a-z])(?:du[\W_]+thao|draft)[\W\d_]*$|[(\[]\s*(?:du[\W_]+thao|draft)\b"
)
#: Lines of the first page searched for the printed marker.
DRAFT_LINES = 15


def plain(text: str) -> str:
    """Comparison key without tone marks: :func:`fold`, then diacritics removed ('đ' → 'd')."""
    decomposed = unicodedata.normalize("NFD", fold(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word ``size``-shingles of the :func:`plain` key of ``text`` (words are runs of letters or digits)."""
    words = re.findall(r"\w+", plain(text))
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def content_sketch(texts: Iterable[str]) -> list[int] | None:
    """MinHash signature (``NUM_PERM`` integers < 2**32) of the shingles of ``texts`` joined.

    ``None`` when the text has fewer than ``MIN_SHINGLES`` shingles (an empty
    scan). Source: the normalised page text (``pages.text``).
    """
    from datasketch import MinHash

    found = shingles("\n".join(texts))
    if len(found) < MIN_SHINGLES:
        return None
    sketch = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    sketch.update_batch([s.encode("utf-8") for s in sorted(found)])
    return [int(v) for v in sketch.hashvalues]


def similarity(a: Sequence[int] | None, b: Sequence[int] | None) -> float:
    """Estimated Jaccard similarity (0–1) of two :func:`content_sketch` signatures; 0.0 when one is missing."""
    if a is None or b is None or len(a) != len(b) or len(a) == 0:
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


def is_draft(first_lines: Sequence[str], source_file: str) -> bool:
    """True for a draft (dự thảo): a printed marker on one of the first lines, or a draft file name.

    ``first_lines`` are the document's first lines (normalised text); the marker
    is a line of its own ("DỰ THẢO", "Dự thảo lần 2"). The file name counts when
    the draft word opens or closes it, or stands in brackets (see ``DRAFT_NAME``).
    """
    if any(DRAFT_LINE.match(fold(line).strip()) for line in first_lines[:DRAFT_LINES]):
        return True
    stem = plain(PurePosixPath(source_file).name)
    stem = re.sub(r"(\.[a-z0-9]{1,5})+$", "", stem)
    return bool(DRAFT_NAME.search(stem))
