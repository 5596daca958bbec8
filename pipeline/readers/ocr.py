"""OCR of PDF page images with Tesseract (``vie``), one page per process.

For each page: render at :data:`raster.DPI` (pypdfium2), level the skew,
look for ruled tables (:mod:`scan_tables`), then OCR (:mod:`tesseract`): body
pages whole with page segmentation mode 3 (automatic layout); on table pages
the rules are erased, the text around the tables is read with mode 4 (one
column of variable-size text) and each cell from its own crop (see
:func:`_read_image`). Words are kept with their boxes in PDF points (origin
top left, as :mod:`pipeline.model` says) and Tesseract's confidence (0–100).
When a page reads poorly, Tesseract's orientation detection (OSD) is asked
whether it is turned by 90°/180°/270°, and the page is read again upright.

Pages are spread over worker processes, each with ``OMP_THREAD_LIMIT=1``:
Tesseract's own OpenMP threading is several times slower on small machines
than one page per process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.model import Note, Page, Table
from pipeline.model import Word as OcrWord
from pipeline.readers import raster
from pipeline.readers.assemble import build_page, grid_table, inside, mean_confidence
from pipeline.readers.layout import Word
from pipeline.readers.ocr_confusions import correct_line, restore_place_comma
from pipeline.readers.ocr_dashes import restore_dashes
from pipeline.readers.ocr_esign import esign_lines
from pipeline.readers.ocr_labels import restore_labels, restore_title_lead
from pipeline.readers.ocr_digits import reread_number
from pipeline.readers.ocr_zones import reread_closing
from pipeline.readers.scan_tables import Grid, erase_rules, find_grids, has_ink, ink_box
from pipeline.readers.tesseract import (
    CROP_THRESHOLD,
    PAGE_THRESHOLD,
    OcrUnavailable,
    check_tesseract,
    osd_rotation,
    read_crop,
    set_image,
    tesseract_words,
)
from pipeline.readers.triage import is_syllable

__all__ = ["OcrResult", "OcrUnavailable", "OcrWorkersFailed", "ocr_page", "ocr_results", "repair_numerals", "to_page"]

#: Page segmentation modes: automatic layout for body pages, one column of
#: variable-size text for table pages, one uniform block for a cell crop, one
#: line, one word.
PSM_BODY, PSM_TABLE, PSM_CELL, PSM_LINE, PSM_WORD = 3, 4, 6, 7, 8
#: Share of the first page's height holding the header (cơ quan ban hành,
#: quốc hiệu, số, địa danh và thời gian).
HEADER_BAND = 0.3
#: Below this mean word confidence the page is checked for a wrong orientation
#: and flagged as low quality.
LOW_CONFIDENCE = 75.0
#: Padding (inches) cut from each side of a cell before it is read on its own.
CELL_PAD_IN = 0.02
#: A cell whose inside is lower than this (inches) holds one line (psm 7).
ONE_LINE_IN = 0.35
#: A cell read with a lower mean confidence is read again at half scale.
RETRY_CONFIDENCE = 60.0
@dataclass(slots=True)
class OcrResult:
    """One OCR'd page before assembly: words outside tables (dicts), tables, all words."""

    number: int
    width: float
    height: float
    free: list[Word]
    tables: list[Table]
    words: list[OcrWord]
    confidence: float | None
    warnings: list[Note] = field(default_factory=list)


def _read_image(
    gray: np.ndarray, dpi: int, threshold: str = PAGE_THRESHOLD, sharpen: bool = False
) -> tuple[list[Word], list[Grid], list[list[Word]]]:
    """Words outside tables, table grids, and each grid's cell words, of one levelled page.

    Body pages are read whole (psm 3). On table pages the rules are erased, the
    text around the tables is read with the tables blanked (psm 4), and every
    cell is read on its own from a padded crop (psm 7 for a one-line cell,
    else 6), so no word can stray into a neighbouring cell and narrow
    cells (TT, Roman numerals) are read as the short texts they are.
    ``threshold`` is Tesseract's binarisation for the page reads
    (:func:`page_threshold`); with ``sharpen`` a body page is read sharpened
    (:func:`raster.unsharp`). Page reads also collect Tesseract's other
    spellings of each word for the tone repair (``variants``).
    """
    grids, rules = find_grids(gray, dpi)
    if not grids:
        set_image(raster.unsharp(gray, dpi) if sharpen else gray, dpi)
        return tesseract_words(PSM_BODY, dpi, threshold=threshold, variants=True), grids, []
    clean = erase_rules(gray, rules)
    outside = clean.copy()
    for grid in grids:
        x0, y0, x1, y1 = grid.bbox
        outside[y0 : y1 + 1, x0 : x1 + 1] = 255
    set_image(outside, dpi)
    free = tesseract_words(PSM_TABLE, dpi, threshold=threshold, variants=True)
    return free, grids, [_cell_words(grid, clean, dpi) for grid in grids]


def _cell_words(grid: Grid, clean: np.ndarray, dpi: int) -> list[Word]:
    """Words of every inked cell of ``grid``, each read from its own padded crop.

    A crop gets a white margin (:data:`tesseract.CELL_MARGIN_IN`): Tesseract reads a lone
    "I" or "2" in a cell from a crop with margin and nothing from the same
    pixels given as a rectangle of the page. A cell read with mean confidence
    under :data:`RETRY_CONFIDENCE` is read again from a half-size crop
    (Tesseract misreads some short bold texts, "TT" as "sP", at one scale and
    not at another); the reading with the higher confidence is kept. An
    inked cell read as nothing is read again cut to its ink
    (:func:`scan_tables.ink_box`).
    """
    pad = max(2, int(CELL_PAD_IN * dpi))
    words: list[Word] = []
    for x0, y0, x1, y1 in grid.cells:
        if not has_ink(clean, (x0, y0, x1, y1), pad):
            continue
        rect = (x0 + pad, y0 + pad, x1 - pad, y1 - pad)
        psm = PSM_LINE if (rect[3] - rect[1]) < ONE_LINE_IN * dpi else PSM_CELL
        found = read_crop(clean, rect, psm, dpi)
        tight = None if found else ink_box(clean, rect)
        if tight is not None:  # a lone ordinal in a tall merged cell: read from its ink
            found = read_crop(clean, tight, _ink_psm(tight, dpi), dpi)
        confidence = mean_confidence(found)
        if confidence is not None and confidence < RETRY_CONFIDENCE:
            again = read_crop(clean, rect, psm, dpi, shrink=2)
            if (mean_confidence(again) or 0.0) > confidence:
                found = again
        words.extend(found)
    return words


def _ink_psm(box: tuple[int, int, int, int], dpi: int) -> int:
    """Page segmentation for a cell cut to its ink: one word when no wider than twice
    its height (an ordinal: psm 7 misses a lone "3" that psm 8 reads), else a line or a block."""
    width, height = box[2] - box[0], box[3] - box[1]
    if height >= ONE_LINE_IN * dpi:
        return PSM_CELL
    return PSM_WORD if width <= 2 * height else PSM_LINE


def page_threshold(number: int) -> str:
    """Tesseract's binarisation for page ``number``: Sauvola (:data:`tesseract.PAGE_THRESHOLD`)
    except on the first page, which keeps one Otsu threshold.

    The first page holds the number and the day written by hand with a
    marker; Sauvola's local window hollows such thick strokes, and the
    number line of KH 996/KH-TCTLNTW-C04 ("Số: 996") was lost whole.
    """
    return CROP_THRESHOLD if number == 1 else PAGE_THRESHOLD


def ocr_page(path: str | Path, number: int, dpi: int = raster.DPI) -> OcrResult:
    """OCR page ``number`` (1-based) of the PDF at ``path``; see the module docstring."""
    image, (width, height), upscaled = raster.render_for_ocr(path, number, dpi)
    sharpen = upscaled and number > 1  # the first page's header zones read worse sharpened
    gray, angle = raster.deskew(image)
    free, grids, cell_words = _read_image(gray, dpi, page_threshold(number), sharpen)
    confidence = mean_confidence(free + [w for ws in cell_words for w in ws])
    warnings = [Note("ocr_deskewed", "text", f"skew {angle:+.2f}° corrected, {len(grids)} ruled table(s)")]
    if confidence is None or confidence < LOW_CONFIDENCE:
        turn = osd_rotation(gray)
        if turn:
            gray, angle = raster.deskew(raster.turn(gray, turn))
            free, grids, cell_words = _read_image(gray, dpi, page_threshold(number), sharpen)
            if turn in (90, 270):
                width, height = height, width
            warnings.append(Note("ocr_page_turned", "text", f"page turned {turn}° clockwise (orientation detection)"))
    if not grids:  # the signature block beside a seal (table pages: the cells are read apart)
        free, note = reread_closing(gray, dpi, free, width, height)
        warnings.extend([note] if note else [])
    if number == 1:  # a handwritten number in the header
        free, note = reread_number(gray, dpi, free, width, height)
        warnings.extend([note] if note else [])
    dashes = [change for ws in (free, *cell_words) for change in restore_dashes(ws)]
    if dashes:
        warnings.append(Note("ocr_dashes_by_width", "text", f"{len(dashes)} dash(es) told by their width: " + ", ".join(f"{a!r} → {b!r}" for a, b in dashes[:8])))
    scale = 72.0 / dpi
    tables: list[Table] = []
    for grid, words in zip(grids, cell_words):
        cells = [tuple(v * scale for v in box) for box in grid.cells]
        bbox = tuple(v * scale for v in grid.bbox)
        table = grid_table(cells, bbox, words, number)  # type: ignore[arg-type]
        repair_numerals(table)
        tables.append(table)
        free = [w for w in free if not inside(w, bbox)]  # type: ignore[arg-type]
    every = free + [w for ws in cell_words for w in ws]
    confidence = mean_confidence(every)
    if confidence is None:
        warnings.append(Note("ocr_no_text", "text", "no text recognised on this page"))
    elif confidence < LOW_CONFIDENCE:
        warnings.append(Note("ocr_low_confidence", "text", f"low confidence {confidence:.1f}"))
    return OcrResult(
        number=number,
        width=width,
        height=height,
        free=free,
        tables=tables,
        words=[OcrWord(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"]), w["conf"]) for w in every],
        confidence=confidence,
        warnings=warnings,
    )


#: Strokes Tesseract reads in place of a Roman numeral's "I"s: one "I" as L, l
#: or |, two of them close together as H.
_STROKES = {"I": "I", "L": "I", "l": "I", "|": "I", "H": "II", "V": "V", "X": "X"}
_HEAD = re.compile(r"^(?P<head>[ILl|HVX]{1,4})(?P<rest>\S*)(?P<tail>.*)$", re.DOTALL)
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def repair_numerals(table: Table) -> None:
    """Restore Roman numerals Tesseract misreads at the start of a first-column cell.

    Section rows ("I CẢI CÁCH THỂ CHẾ", "III | Cải cách tổ chức bộ máy") are
    the only first-column cells starting with a Roman numeral, and Tesseract
    reads a bold "I" as "L" (often glued to the next word: "LCẢI") and "II" as
    "H" ("IH" for "III"), and may add a mark ("VỊ" for "VI" in a section row
    whose other cells past the title are empty). The leading strokes are rewritten when they then form
    a Roman numeral, what follows them is a Vietnamese syllable (or nothing),
    and the strokes with it are not one word already: "LÃNH" and "VIỆC" stay,
    "LCẢI" becomes "I CẢI", "IH" becomes "III". Digits are never touched
    (ordinals "1", "2" stay).
    """
    for row in table.rows:
        if not row or row[0].col != 0:
            continue
        cell = row[0]
        bare = _untoned(cell.text.strip())
        if len(row) > 2 and len(bare) <= 4 and _ROMAN.fullmatch(bare) and not any(c.text.strip() for c in row[2:]):
            cell.text = bare  # a section row's numeral with a stray mark: "VỊ" for "VI"
            continue
        m = _HEAD.match(cell.text)
        if not m:
            continue
        head, rest = m.group("head"), m.group("rest")
        numeral = "".join(_STROKES[ch] for ch in head)
        if numeral == head and not rest:
            continue
        if not numeral or not _ROMAN.fullmatch(numeral) or is_syllable(head + rest):
            continue
        if rest and not is_syllable(rest.rstrip(".,")):
            continue
        cell.text = numeral + (" " + rest if rest else "") + m.group("tail")


def _untoned(text: str) -> str:
    """``text`` without combining marks (tone and vowel marks), NFC."""
    return unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)))


def _worker_init() -> None:
    """Keep each worker (and the tesseract it starts) on one thread."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import cv2

    cv2.setNumThreads(1)


class OcrWorkersFailed(RuntimeError):
    """The OCR worker processes died or could not start (not a fault of the input file)."""


def _pool_context() -> mp.context.BaseContext:
    """Where OCR workers are started from: a forkserver (a clean, single-threaded process).

    Forking the caller itself deadlocks when the caller has used OpenCV's (or
    any library's) thread pool before: the child inherits locked state of
    threads that do not exist in it (seen in the test suite: workers hung in
    ``cv2.setNumThreads``). The forkserver has imported this module once, so
    a worker still starts in milliseconds.
    """
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.readers.ocr"])
    return ctx


def _ocr_job(job: tuple[str, int, int]) -> OcrResult:
    return ocr_page(*job)


def default_workers() -> int:
    """OCR processes to run: ``VN_OCR_WORKERS`` if set, else the number of CPUs."""
    env = os.environ.get("VN_OCR_WORKERS", "")
    return max(1, int(env)) if env.isdigit() else max(1, os.cpu_count() or 1)


def ocr_results(path: str | Path, numbers: Sequence[int], workers: int | None = None, dpi: int = raster.DPI) -> list[OcrResult]:
    """OCR the given pages (1-based), ``workers`` pages at a time; results in ``numbers`` order."""
    check_tesseract()
    workers = min(workers or default_workers(), len(numbers)) or 1
    if mp.current_process().daemon:  # a batch runner's child may not start processes of its own
        workers = 1
    jobs = [(str(path), n, dpi) for n in numbers]
    if workers == 1:
        _worker_init()
        return [_ocr_job(job) for job in jobs]
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, mp_context=_pool_context()) as pool:
            return list(pool.map(_ocr_job, jobs))
    except BrokenProcessPool as exc:
        raise OcrWorkersFailed(
            "OCR worker processes stopped before finishing: one crashed, or none could start (a script "
            "that reads scans must run under `if __name__ == \"__main__\":` and not from standard input; "
            "or set VN_OCR_WORKERS=1 to OCR in this process)"
        ) from exc


def to_page(result: OcrResult, block: int) -> tuple[Page, int]:
    """Assemble an :class:`OcrResult` into a ``Page`` (``source_kind="ocr"``) from ``block``.

    Lines whose labelled digits OCR read as letters ("Số: l5/…", "Điều L.")
    are corrected by :func:`ocr_confusions.correct_line`, fixed labels get their
    marks (:func:`ocr_labels.restore_labels`) and the trích yếu under the type
    line its "Về" (:func:`ocr_labels.restore_title_lead`), each with a warning;
    the printed box of a digital signature is dropped (:func:`ocr_esign.esign_lines`).
    """
    page, block = build_page(
        result.number, result.width, result.height, result.free, result.tables, block, "ocr"
    )
    page.words = result.words
    page.ocr_confidence = result.confidence
    page.warnings.extend(result.warnings)
    box = esign_lines(page.lines, result.height)  # a digital signature's printed box: no part of the text
    if box:
        shown = "; ".join(page.lines[i].text for i in box)
        dropped = set(box)
        page.lines = [ln for i, ln in enumerate(page.lines) if i not in dropped]
        page.warnings.append(Note("ocr_esign_box_dropped", "text", f"{len(box)} line(s) of a digital signature's printed box dropped: {shown[:160]}"))
    above = ""
    for line in page.lines:  # digits read as letters in the number, date and article lines
        fix = correct_line(line.text)
        if fix is None and page.number == 1 and line.bbox and line.bbox[1] < HEADER_BAND * result.height:
            fix = restore_place_comma(line.text)
        if fix is not None:
            line.text = fix.corrected
            page.warnings.append(Note("ocr_confusion_resolved", "text", f"confusion resolved in {fix.read!r} → {fix.corrected!r} ({fix.what})"))
        label = restore_labels(line.text)  # marks of fixed labels: "CHÍ THỊ" → "CHỈ THỊ"
        if label is not None:
            line.text = label.restored
            page.warnings.append(Note("ocr_label_marks_restored", "text", f"label marks restored: {', '.join(label.changed)}"))
        lead = restore_title_lead(line.text, above)  # "và việc" under "CHỈ THỊ": the title's "Về việc"
        if lead is not None:
            line.text = lead.restored
            page.warnings.append(Note("ocr_title_lead_restored", "title", f"first word of the title under the type line: {lead.changed[0]}"))
        above = line.text
    return page, block
