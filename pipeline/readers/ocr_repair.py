"""Tone-mark (and letter-case) repair of a document's OCR results before they become pages.

Runs in the parent process once every page of a document is OCR'd, because
its evidence is the whole document (:mod:`pipeline.text.spelling`): the words
outside tables and every table cell's text are repaired in place. Tesseract's
own readings stay in ``OcrResult.words`` (``Page.words``) for checking, and
each page's warnings say which words were changed (tone marks, and words of
same-shape letters read in capitals: :mod:`pipeline.text.letter_case`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Note
from pipeline.readers.ocr import OcrResult
from pipeline.readers.ocr_stops import inner_stops, list_colons
from pipeline.text.spelling import CORPUS_MIN, Lexicon, load_bigrams, load_lexicon, pair_counts, repair_tokens

#: Repairs quoted in a page's warning (the count is always given).
SHOWN = 8

_SPACE = re.compile(r"(\s+)")


def repair_results(results: Sequence[OcrResult], lexicon: Lexicon | None = None) -> int:
    """Repair tone marks in the free words and cell texts of ``results``; return how many words changed."""
    lexicon = lexicon or load_lexicon()
    for result in results:  # first, so the words a stray stop kept apart are each other's evidence
        _repair_stops(result, lexicon)
    cells = [cell for r in results for table in r.tables for row in table.rows for cell in row]
    counts = pair_counts([[w["text"] for w in r.free] for r in results] + [c.text.split() for c in cells])
    total = 0
    for result in results:
        changes: list[str] = []
        offered = [w.get("variants", ()) for w in result.free]  # Tesseract's own other spellings
        for repair in repair_tokens([w["text"] for w in result.free], counts, lexicon, offered=offered):
            result.free[repair.index]["text"] = repair.replaced
            changes.append(f"{repair.read!r} → {repair.replaced!r}")
        for table in result.tables:
            for cell in (c for row in table.rows for c in row):
                pieces = _SPACE.split(cell.text)
                words = pieces[::2]
                for repair in repair_tokens(words, counts, lexicon):
                    words[repair.index] = repair.replaced
                    changes.append(f"{repair.read!r} → {repair.replaced!r}")
                pieces[::2] = words
                cell.text = "".join(pieces)
        if changes:
            shown = ", ".join(changes[:SHOWN]) + (", …" if len(changes) > SHOWN else "")
            result.warnings.append(Note(
                "ocr_tone_marks_repaired", "text", f"tone marks of {len(changes)} word(s) repaired from the word list and the document: {shown}"
            ))
        total += len(changes)
    return total


def _repair_stops(result: OcrResult, lexicon: Lexicon) -> None:
    """Full stops inside a sentence of the free words made commas or dropped, and colons between
    semicolon-separated items made semicolons (:mod:`ocr_stops`), each kind with a warning."""
    stops = inner_stops([w["text"] for w in result.free], lexicon.pairs, load_bigrams(), CORPUS_MIN)
    if stops:
        shown = _apply(result, stops)
        result.warnings.append(Note("ocr_stops_repaired", "text", f"{len(stops)} full stop(s) inside a sentence made commas or dropped: {shown}"))
    colons = list_colons([w["text"] for w in result.free])
    if colons:
        shown = _apply(result, colons)
        result.warnings.append(Note("ocr_colons_repaired", "text", f"{len(colons)} colon(s) between semicolon-separated items read as semicolons: {shown}"))


def _apply(result: OcrResult, fixes: list[tuple[int, str]]) -> str:
    """Give the free words at the fixes' indexes their new text; return the new texts for a warning."""
    for i, text in fixes:
        result.free[i]["text"] = text
    return ", ".join(f"{text!r}" for _, text in fixes[:SHOWN]) + (", …" if len(fixes) > SHOWN else "")
