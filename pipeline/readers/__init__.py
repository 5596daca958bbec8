"""Readers: one per input format, all returning a :class:`pipeline.model.Document`.

:func:`read` picks the reader from the file's leading bytes (not its name), so a
renamed file is read as what it is or rejected with a clear reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.model import Document


class UnsupportedInput(ValueError):
    """The file is not in a format the pipeline reads (reason in the message)."""


#: File name suffixes that :func:`read` accepts, for directory scans.
SUFFIXES = (".pdf", ".docx")


def sniff(data: bytes, suffix: str) -> str:
    """Return the format of a file from its first bytes: ``"pdf"`` or ``"docx"``.

    Raises :class:`UnsupportedInput` for an empty file or unknown content.
    """
    if not data:
        raise UnsupportedInput("empty file (0 bytes)")
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in data[:65536] or b"[Content_Types].xml" in data[:4096]:
            return "docx"
        raise UnsupportedInput("ZIP archive that is not a Word (.docx) document")
    raise UnsupportedInput(f"unrecognised content for a {suffix or 'suffix-less'} file")


def read(path: str | Path) -> Document:
    """Read one input file into a :class:`Document`.

    ``doc_id`` is the SHA-256 hex digest of the file's bytes. Raises
    :class:`UnsupportedInput` for formats not handled and the underlying
    library's error for damaged files.
    """
    path = Path(path)
    data = path.read_bytes()
    doc_id = hashlib.sha256(data).hexdigest()
    kind = sniff(data, path.suffix.lower())
    if kind == "pdf":
        from pipeline.readers.pdf_text import read_pdf

        return read_pdf(path, doc_id)
    from pipeline.readers.docx import read_docx

    return read_docx(path, doc_id)
