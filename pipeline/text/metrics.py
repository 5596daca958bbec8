"""Text quality figures: character error rate (CER) and a document's plain text.

Edit distances come from RapidFuzz (``rapidfuzz.distance.Levenshtein``, C++),
so whole documents compare in milliseconds.
"""

from __future__ import annotations

import unicodedata

from rapidfuzz.distance import Levenshtein

from pipeline.model import Document, Page


def fold_whitespace(text: str, casefold: bool = False) -> str:
    """NFC text with every run of whitespace as one space, stripped; lower-cased on request."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text.casefold() if casefold else text


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: Levenshtein edits (insert, delete, substitute) / reference length.

    Both strings are compared as given; fold them first (:func:`fold_whitespace`)
    for the usual whitespace- or case-insensitive figures. An empty reference
    gives 0.0 for an empty hypothesis, else 1.0.
    """
    if not reference:
        return 0.0 if not hypothesis else 1.0
    return Levenshtein.distance(hypothesis, reference) / len(reference)


def document_text(document: Document) -> str:
    """The document's text in reading order: each page's :func:`page_text`, joined by line breaks."""
    return "\n".join(text for text in (page_text(page) for page in document.pages) if text)


def page_text(page: Page) -> str:
    """One page's text in reading order: lines, and table cells row by row.

    Lines and tables are interleaved by ``block``; a table's cells are joined
    with tabs and its rows with line breaks; a cell merged from above is not
    repeated.
    """
    items: list[tuple[int, str]] = [(line.block, line.text) for line in page.lines]
    for table in page.tables:
        rows = ["\t".join(c.text for c in row if not c.merged_from_above) for row in table.rows]
        items.append((table.block, "\n".join(rows)))
    items.sort(key=lambda item: item[0])
    return "\n".join(text for _, text in items)
