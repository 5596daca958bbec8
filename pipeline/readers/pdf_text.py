"""Reader for PDFs: the text layer where it is good, OCR where it is not.

Pages are opened with pypdfium2 and go through
:mod:`pipeline.readers.triage` first. A page whose layer reads as Vietnamese is
read as before: PDFium's words in pdfplumber's shape
(:mod:`pipeline.readers.pdfium_words`, several times faster), or pdfplumber
where the drawing could hold a ruled table (``find_tables``) or the page is in
legacy TCVN3/VNI fonts (decoded by :mod:`pipeline.readers.legacy_fonts`); those
pages are parsed once each by pdfminer, their characters turned into
pdfplumber's dicts by :mod:`pipeline.readers.plumber_page`, and closed after use. A page
with no text layer, only a stamp band over a page image, or a layer that is
mostly not Vietnamese is OCR'd (:mod:`pipeline.readers.ocr`, one page per
process). Both routes hand words and :class:`~pipeline.model.Table` fragments
to :func:`assemble.build_page`, so the :class:`~pipeline.model.Document` looks
the same whichever route a page took; the route and its reason are kept in
``Page.source_kind`` and ``Page.warnings``. Signing stamps (widget
annotations) are read with pdfplumber where a page has annotations.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.model import Document, Note, Page, Table
from pipeline.readers.assemble import build_page, centres, grid_table, within
from pipeline.readers.layout import Word
from pipeline.readers.legacy_fonts import decode_words
from pipeline.readers.ocr import ocr_results, to_page
from pipeline.readers.ocr_repair import repair_results
from pipeline.readers.pdf_tables import find_tables, split_at_cell_edges
from pipeline.readers.pdfium_words import dedupe_chars, extract_words, may_hold_ruled_table
from pipeline.readers.plumber_page import lean_page
from pipeline.readers.stamps import page_stamps, signing_times
from pipeline.readers.triage import Triage, image_cover, triage_page
from pipeline.text.legacy import font_encoding


def read_pdf(path: Path, doc_id: str, ocr_workers: int | None = None) -> Document:
    """Read a PDF into a :class:`Document`, OCR'ing the pages whose text layer fails triage.

    ``ocr_workers`` is the number of OCR processes (default: the CPU count).
    Raises whatever pypdfium2/pdfplumber raise on unreadable files (encrypted,
    truncated, not a PDF) and :class:`pipeline.readers.tesseract.OcrUnavailable`
    when a page needs OCR but Tesseract with Vietnamese data is missing; the
    ingest stage records those as failures.
    """
    pages: list[Page | None] = []
    reasons: list[Note] = []
    stamps: dict[int, list] = {}  # page number → its signing stamps (OCR'd pages too)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) != pdfium_c.FPDF_ERR_SUCCESS:
            raise
        pdf = None  # PDFium refuses a document without pages, yet reports no error
    if pdf is None or len(pdf) == 0:
        if pdf is not None:
            pdf.close()
        from pipeline.readers import DamagedInput

        raise DamagedInput("PDF with no pages (its page tree is empty): nothing to read")
    plumber = _Plumber(path)
    try:
        signed = signing_times(pdf)
        with _gc_paused():
            for number in range(1, len(pdf) + 1):
                fast = pdf[number - 1]
                page, verdict = _layer_page(fast, number, plumber)
                if pdfium_c.FPDFPage_GetAnnotCount(fast.raw) > 0:  # signing stamps live in annotations
                    stamps[number] = page_stamps(path, plumber.doc().pages[number - 1], fast, number)
                if page is not None:
                    page.stamps = stamps.get(number, [])
                fast.close()
                pages.append(page)
                reasons.append(verdict.reason)
                if number % GC_EVERY == 0:
                    gc.collect()  # the cyclic leftovers of the pages read so far: memory stays flat on long PDFs
    finally:
        plumber.close()
        pdf.close()
    return Document(
        doc_id=doc_id, source_file=path.name, source_format="pdf", pages=_finish(path, pages, reasons, ocr_workers, stamps),
        signing_times=signed,
    )


#: Pages read between two explicit collections while automatic collection is paused.
GC_EVERY = 8


class _Plumber:
    """The PDF opened with pdfplumber (pdfminer) on first need, once per document; :meth:`close` closes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: pdfplumber.PDF | None = None

    def doc(self) -> pdfplumber.PDF:
        """The open ``pdfplumber.PDF``."""
        if self._pdf is None:
            self._pdf = pdfplumber.open(self.path)
        return self._pdf

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def _layer_page(fast: pdfium.PdfPage, number: int, plumber: _Plumber) -> tuple[Page | None, Triage]:
    """Page ``number`` read from its text layer, or None when triage sends it to OCR; and the verdict.

    PDFium's words where the page holds no ruled table; pdfplumber's words and
    tables where it may, or where the words are in legacy fonts. The pdfplumber
    page is closed after use: its parsed objects are freed at once.
    """
    width, height = (float(v) for v in fast.get_size())
    words = None if may_hold_ruled_table(fast) else extract_words(fast, height)
    if words is not None and not _legacy_fonts(words):
        verdict = triage_page(words, image_cover(fast), fast)
        return (None if verdict.route == "ocr" else _page(words, [], number, width, height, verdict)), verdict
    lean = lean_page(plumber.doc(), number - 1)  # tables and legacy fonts: pdfplumber's reading
    pp = _deduped(lean)  # fake bold: each glyph drawn twice
    try:
        words = pp.extract_words(extra_attrs=["fontname", "size"], return_chars=True)
        tables = find_tables(pp)
        words = split_at_cell_edges(words, tables)  # "13.liên" run across a column rule
        verdict = triage_page(words, image_cover(fast), fast)
        page = None if verdict.route == "ocr" else _page(words, tables, number, width, height, verdict)
    finally:
        pp.close()
        lean.close()
    return page, verdict


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the text layer is read, restored after.

    Reading a page allocates tens of thousands of objects that live until the
    page is done (pdfminer's layout items, character dicts, words), most without
    cycles: the collector's automatic passes over them free little and cost 7–20 %
    of the reading time of raw/'s PDFs. They are freed by reference counting
    (pdfplumber pages are closed after use). A page read through pdfplumber
    leaves about ten thousand objects in cycles (its parser and cached
    wrappers), so the reading loop collects once every :data:`GC_EVERY` pages:
    peak memory stays flat however long the PDF. A caller that disabled the
    collector keeps it disabled.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _finish(
    path: Path, pages: list[Page | None], reasons: list[Note], workers: int | None, stamps: dict[int, list]
) -> list[Page]:
    """OCR the pages triage sent there (tone marks repaired over the document), then number blocks in page order.

    An OCR'd page gets the signing stamps of its widgets (``stamps``): the
    image leaves them out, and their text is exact.
    """
    to_ocr = [n for n, page in enumerate(pages, start=1) if page is None]
    results = ocr_results(path, to_ocr, workers=workers) if to_ocr else []
    repair_results(results)
    done = dict(zip(to_ocr, results))
    out: list[Page] = []
    block = 0
    for number, (page, reason) in enumerate(zip(pages, reasons), start=1):
        if page is None:
            page, block = to_page(done[number], block)
            page.stamps = stamps.get(number, [])
        else:
            for item in sorted([*page.lines, *page.tables], key=lambda item: item.block):
                item.block = block
                block += 1
        page.warnings.insert(0, reason)
        out.append(page)
    return out


def _deduped(page):  # type: ignore[no-untyped-def]
    """The pdfplumber page without fake-bold doubles (:func:`pdfium_words.dedupe_chars`); itself when it has none."""
    chars = page.chars
    kept = {id(c) for c in dedupe_chars(chars)}
    if len(kept) == len(chars):
        return page
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in kept)


def _legacy_fonts(words: list[Word]) -> bool:
    """True when some of the page's words are set in legacy TCVN3/VNI fonts."""
    return any(font_encoding(w.get("fontname")) for w in words)


def _page(words: list[Word], found: list, number: int, width: float, height: float, verdict: Triage) -> Page:
    """One text-layer page: legacy words decoded, lines outside the ruled tables, the tables.

    ``found`` are pdfplumber's tables (empty on the PDFium path); ``verdict``
    carries the encoding triage detected. Blocks are numbered from 0 here and
    renumbered across the document by :func:`_finish`.
    """
    words, legacy = decode_words(words, verdict.encoding)
    centred = centres(words)
    inner = [within(centred, t.bbox) for t in found]  # a cell lies inside its table's box
    held = {id(w) for ws in inner for w in ws}
    free = [w for w in words if id(w) not in held]
    tables: list[Table] = [grid_table(t.cells, t.bbox, ws, number) for t, ws in zip(found, inner)]
    page, _ = build_page(number, width, height, free, tables, 0, "legacy_decoded" if legacy else "text")
    if legacy:
        page.warnings.append(
            Note("legacy_encoding_decoded", "text", f"text layer in the legacy {legacy.upper()} font encoding, decoded to Unicode")
        )
    return page
