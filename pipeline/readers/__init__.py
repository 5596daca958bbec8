"""Readers: one per input format, all returning a :class:`pipeline.model.Document`.

:func:`read` picks the reader from the file's leading bytes (not its name), so a
renamed file is read as what it is or rejected with a clear reason.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pipeline.model import Document, Note


class UnsupportedInput(ValueError):
    """The file is not in a format the pipeline reads (reason in the message)."""


class DamagedInput(ValueError):
    """The file claims a supported format but cannot be read (reason in the message)."""


#: A DOCX whose parts expand past this many bytes, at more than
#: :data:`BOMB_RATIO` times their compressed size, is refused as a zip bomb.
BOMB_BYTES = 64 * 1024 * 1024
BOMB_RATIO = 100


#: File name suffixes that :func:`read` accepts, for directory scans.
SUFFIXES = (".pdf", ".docx", ".doc", ".txt", ".md", ".html", ".htm", ".xlsx", ".xlsm", ".xls")

#: Suffixes of files read as text whatever their bytes look like.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

#: Suffixes that promise a binary format: content that is not that format is
#: rejected rather than read as text.
BINARY_SUFFIXES = (".pdf", ".docx", ".doc", ".xls", ".xlsx", ".xlsm", ".odt", ".rtf", ".zip")

#: Notes that travel with a collection of documents (README.md, SOURCES.md,
#: LICENSE.txt …, and the codebook.md that ``pipeline export`` writes beside its
#: tables): text files, but not documents to ingest.
_COLLECTION_NOTES = re.compile(
    r"^(readme|sources|licen[cs]e|notice|changelog|provenance|copying|codebook)([._-]|$)", re.I
)


#: Suffixes of image files (scans saved as pictures): not read; the user converts them to PDF.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp")


def not_wanted_reason(path: Path) -> str | None:
    """Why a directory scan leaves ``path`` out (for the run summary), or None when it is ingested.

    Shapes: ``"project notes file (README.md)"`` for a collection note,
    ``"image files are not read: convert to PDF (.jpg)"`` for a picture,
    ``"not a supported format (.odt)"`` otherwise.
    """
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return f"image files are not read: convert to PDF ({suffix})"
    if suffix not in SUFFIXES:
        return f"not a supported format ({suffix or 'no suffix'})"
    if suffix in TEXT_SUFFIXES and _COLLECTION_NOTES.match(path.name):
        return f"project notes file ({path.name})"
    return None


def wanted(path: Path) -> bool:
    """True for a file a directory scan should ingest: a known suffix, not a collection note."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return False
    return suffix not in TEXT_SUFFIXES or not _COLLECTION_NOTES.match(path.name)


def sniff(data: bytes, suffix: str) -> str:
    """Return the format of a file from its first bytes.

    One of ``"pdf"``, ``"docx"``, ``"doc"`` (an OLE2 compound file holding a
    ``WordDocument`` stream: Word 97–2003; or RTF named ``.doc``), ``"xlsx"`` (a ZIP package with an
    ``xl/`` part: Excel 2007+), ``"xls"`` (an OLE2 file holding a ``Workbook``
    or ``Book`` stream: Excel 97–2003), ``"html"`` (a document starting with
    ``<!DOCTYPE html>`` or ``<html``, or any ``.html``/``.htm`` file) or ``"text"`` (plain text or
    Markdown: a ``.txt`` or ``.md`` file, or a file without a binary-format
    suffix whose first 64 KiB hold no control bytes other than tab, line and
    page breaks). Raises :class:`UnsupportedInput` for an empty file or unknown
    content.
    """
    if not data:
        raise UnsupportedInput("empty file (0 bytes)")
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-") or pdf_header_offset(data) is not None:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        names = data[:65536]  # local file headers: part names such as word/document.xml, xl/workbook.xml
        if b"word/" in names:
            return "docx"
        if b"xl/" in names or suffix in (".xlsx", ".xlsm"):
            return "xlsx"
        if suffix == ".docx" or b"[Content_Types].xml" in data[:4096]:
            return "docx"
        raise UnsupportedInput("ZIP archive that is not a Word (.docx) document or an Excel (.xlsx) workbook")
    if head.startswith(OLE2_MAGIC):
        from pipeline.readers.doc import has_word_stream

        if has_word_stream(data):
            return "doc"
        if _OLE2_WORKBOOK.search(data) or suffix == ".xls":
            return "xls"
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnsupportedInput("encrypted Office document: a password is needed to open it")
        raise UnsupportedInput("OLE2 compound file that is not a Word 97-2003 (.doc) document or an Excel 97-2003 (.xls) workbook")
    # A .doc is read by its bytes: Word saved RTF, web pages and text under that name too.
    binary = suffix in BINARY_SUFFIXES and suffix != ".doc"
    if suffix == ".doc" and head.startswith(b"{\\rtf"):
        return "doc"
    if suffix in (".html", ".htm") or (not binary and _HTML_START.match(head)):
        return "html"
    if suffix in TEXT_SUFFIXES or (not binary and _looks_like_text(data[:65536])):
        return "text"
    raise UnsupportedInput(f"unrecognised content for a {suffix or 'suffix-less'} file")


#: How far into a file a PDF header may start: PDF readers (Acrobat, PDFium,
#: pdfminer) look for "%PDF-" within the first 1024 bytes, so mail gateways and
#: signing tools that prepend a few bytes leave a readable PDF.
PDF_HEADER_WINDOW = 1024


def pdf_header_offset(data: bytes) -> int | None:
    """Bytes before the "%PDF-" header when it lies within :data:`PDF_HEADER_WINDOW`, else None."""
    at = data[:PDF_HEADER_WINDOW].find(b"%PDF-")
    return None if at < 0 else at


#: Start of an HTML document (after a byte-order mark or blank space).
_HTML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)

#: First bytes of an OLE2 compound file (Word 97–2003 .doc, .xls, .ppt).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Directory entry of an Excel 97–2003 workbook stream ("Workbook"; "Book" in Excel 5/95),
#: as the UTF-16-LE name the OLE2 directory stores, followed by its NUL terminator.
_OLE2_WORKBOOK = re.compile("(Workbook|Book)\x00".encode("utf-16-le"))

_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def _looks_like_text(head: bytes) -> bool:
    """No NUL or other control bytes: a text file in UTF-8, UTF-16 with BOM or an 8-bit code page."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return not any(b in _CONTROL for b in head)


def read(path: str | Path, doc_id: str | None = None) -> Document:
    """Read one input file into a :class:`Document`.

    ``doc_id`` is the SHA-256 hex digest of the file's bytes; a caller that has
    hashed them already (the batch runner, for its manifest) passes it in and
    the bytes are not hashed again. Raises
    :class:`UnsupportedInput` for formats not handled and the underlying
    library's error for damaged files.
    """
    path = Path(path)
    data = path.read_bytes()
    doc_id = doc_id or hashlib.sha256(data).hexdigest()
    kind = sniff(data, path.suffix.lower())
    try:
        if kind == "pdf":
            from pipeline.readers.pdf_text import read_pdf

            document = read_pdf(path, doc_id)
            junk = pdf_header_offset(data) or 0
            if junk and data[:junk].strip():
                document.pages[0].warnings.insert(0, Note(
                    "pdf_junk_before_header", None,
                    f"{junk} byte(s) before the %PDF header ignored (PDF readers accept a header within {PDF_HEADER_WINDOW} bytes)",
                ))
            return document
        if kind == "doc":
            from pipeline.readers.doc import read_doc

            return read_doc(path, doc_id)
        if kind == "html":
            from pipeline.readers.html import read_html

            return read_html(path, doc_id)
        if kind == "text":
            from pipeline.readers.text import read_text

            return read_text(path, doc_id)
        if kind in ("xlsx", "xls"):
            from pipeline.readers.spreadsheet import read_spreadsheet

            if kind == "xlsx":
                check_zip_bomb(path, "XLSX")
            return read_spreadsheet(path, doc_id, kind)
        from pipeline.readers.docx import read_docx

        check_zip_bomb(path)
        return read_docx(path, doc_id)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - library errors become one clear reason
        if kind not in ("pdf", "docx", "xlsx", "xls") or type(exc).__module__.startswith("pipeline"):
            raise  # other readers word their own errors
        raise DamagedInput(explain(kind, exc)) from exc


def explain(kind: str, exc: BaseException) -> str:
    """One line for a library's error on a damaged file: what is wrong, then the library's words."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__context__ or exc
    name = type(inner).__name__
    detail = str(inner).strip().splitlines()[0] if str(inner).strip() else name
    if "Password" in name or "Encrypt" in name or "password" in detail.lower():
        return "encrypted PDF: a password is needed to open it"
    if isinstance(inner, MemoryError) or "allocate" in detail.lower():
        return f"memory limit exceeded while decompressing the {kind.upper()} (likely a decompression bomb)"
    return f"damaged {kind.upper()} ({detail})"


def check_zip_bomb(path: Path, kind: str = "DOCX") -> None:
    """Refuse an Office package (``kind``: ``"DOCX"``, ``"XLSX"``) whose parts would expand past
    :data:`BOMB_BYTES` at a suspicious ratio, or whose package lacks the relationships part that
    leads to the main document."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DamagedInput(f"damaged {kind} (not a readable ZIP package: {exc})") from None
    expanded = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if expanded > BOMB_BYTES and expanded / packed > BOMB_RATIO:
        raise DamagedInput(
            f"{kind} expands to {expanded // (1024 * 1024)} MiB from {packed // 1024} KiB: refused as a zip bomb"
        )
    if "[Content_Types].xml" in {i.filename for i in infos} and "_rels/.rels" not in {i.filename for i in infos}:
        # python-docx would fail deep inside with "'_Element' object has no attribute 'overrides'".
        holds = "Word document" if kind == "DOCX" else "workbook"
        raise DamagedInput(f"damaged {kind} (no _rels/.rels in the package: it holds no {holds})")
