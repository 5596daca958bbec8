"""Reader for legacy Word 97–2003 documents (.doc, OLE2 compound files).

The file is converted to .docx by LibreOffice running headless (``soffice
--headless --convert-to docx``, Debian package ``libreoffice-writer-nogui``) in a
temporary folder with its own throw-away user profile, so parallel conversions
never share state; the .docx is then read by :func:`pipeline.readers.docx.read_docx`
(run fonts kept, so legacy TCVN3/VNI text is decoded there). Nothing is written
beside the input.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.model import Document

#: Seconds one conversion may take before it is abandoned.
TIMEOUT_S = 120


class ConverterMissing(RuntimeError):
    """LibreOffice (``soffice``) is not installed, so .doc files cannot be read."""


def soffice() -> str:
    """Path of the LibreOffice binary; raises :class:`ConverterMissing` when absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConverterMissing(
        "reading .doc needs LibreOffice: install the Debian package libreoffice-writer-nogui "
        "(make setup does) or save the file as .docx"
    )


def convert(path: Path, target: str, workdir: Path) -> Path:
    """Convert ``path`` with LibreOffice into ``workdir``; return the converted file.

    ``target`` is a LibreOffice filter spec such as ``"docx"``. Raises
    :class:`ConverterMissing`, :class:`subprocess.TimeoutExpired`, or
    :class:`RuntimeError` when LibreOffice produces nothing (damaged input).
    """
    binary = soffice()
    source = workdir / ("input" + path.suffix.lower())
    shutil.copyfile(path, source)  # a plain ASCII name: soffice mangles some others
    profile = workdir / "profile"
    env = dict(os.environ, HOME=str(workdir))
    cmd = [
        binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--convert-to", target, "--outdir", str(workdir / "out"), str(source),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env, check=False)
    produced = sorted((workdir / "out").glob("input.*"))
    if not produced:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"LibreOffice could not convert the file ({detail[-1] if detail else 'no output'})")
    return produced[0]


def read_doc(path: Path, doc_id: str) -> Document:
    """Read a .doc file into a page-less :class:`Document` (``source_format="doc"``).

    ``doc_id`` is the digest of the original .doc bytes, not of the conversion.
    """
    from pipeline.readers.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="pipeline-doc-") as tmp:
        converted = convert(path, "docx", Path(tmp))
        document = read_docx(converted, doc_id)
    document.source_file = path.name
    document.source_format = "doc"
    return document
