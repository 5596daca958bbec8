"""Reader for legacy Word 97–2003 documents (.doc, OLE2 compound files).

The file is converted to .docx by LibreOffice running headless (``soffice
--headless --convert-to docx``, Debian package ``libreoffice-writer-nogui``) in a
temporary folder with its own throw-away user profile, so parallel conversions
never share state; the .docx is then read by :func:`pipeline.readers.docx.read_docx`
(run fonts kept, so legacy TCVN3/VNI text is decoded there). Nothing is written
beside the input. A ``.doc`` that is really RTF (Word's "save as RTF" kept the
old name) is converted the same way.

Nothing is fetched during a conversion: a document may link a picture
(``INCLUDEPICTURE "http://…"``) or other content by URL, and LibreOffice would
load it (a tracking pixel, a request into the user's network). So (1) the
throw-away profile turns link updates off and blocks untrusted links
(:data:`NO_LINKS_XCU`), and (2) LibreOffice runs in a new network namespace
without any interface but a down loopback (``unshare --net``: as root, or
through a user namespace otherwise; :func:`sandbox_prefix`). Where neither
namespace can be made, (1) alone applies.
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

#: Profile settings: never update links (Writer ``Content/Update/Link``: 0 = never),
#: block links from untrusted referers, highest macro security, and send any web
#: request to a proxy that does not exist (127.0.0.1:9, the "discard" port), so
#: it fails without leaving the machine even when no network namespace can be made.
NO_LINKS_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
</oor:items>
"""

#: Commands that run a program with no network, tried in order (the first that works is kept).
_SANDBOXES = (("unshare", "--net", "--"), ("unshare", "--user", "--map-root-user", "--net", "--"))
_sandbox: list[str] | None = None


def sandbox_prefix() -> list[str]:
    """The command prefix that runs a program without network access, ``[]`` when none works here.

    Probed once per process by running ``true`` under each of :data:`_SANDBOXES`.
    """
    global _sandbox
    if _sandbox is None:
        _sandbox = []
        for prefix in _SANDBOXES:
            if shutil.which(prefix[0]) is None:
                break
            try:
                probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if probe.returncode == 0:
                _sandbox = list(prefix)
                break
    return _sandbox


#: First two bytes of a Word file information block (Word 97+, Word 6).
_FIB_MAGIC = (b"\xec\xa5", b"\xdc\xa5")


def has_word_stream(data: bytes) -> bool:
    """True when an OLE2 compound file holds a ``WordDocument`` stream that starts with Word's
    file information block (``wIdent`` 0xA5EC; 0xA5DC for Word 6).

    The stream's directory entry (128 bytes, name in UTF-16) gives its first
    sector; sector ``n`` starts at ``(n + 1) × sector size``. A stream kept in
    the mini stream (under 4096 bytes: no real Word document) is not checked.
    """
    name = "WordDocument".encode("utf-16-le")
    shift = int.from_bytes(data[30:32], "little")
    size = 1 << shift if 7 <= shift <= 16 else 512
    start = data.find(name)
    while start != -1:
        if start % 128 == 0 and data[start + 64:start + 66] == b"\x1a\x00":
            first = int.from_bytes(data[start + 116:start + 120], "little")
            length = int.from_bytes(data[start + 120:start + 124], "little")
            if length < 4096:
                return True
            offset = (first + 1) * size
            return data[offset:offset + 2] in _FIB_MAGIC
        start = data.find(name, start + 1)
    return False


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
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(NO_LINKS_XCU, encoding="utf-8")
    env = dict(os.environ, HOME=str(workdir))
    cmd = [
        *sandbox_prefix(),
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

    with open(path, "rb") as handle:
        rtf = handle.read(5) == b"{\\rtf"
    with tempfile.TemporaryDirectory(prefix="pipeline-doc-") as tmp:
        source = path
        if rtf:  # Word's RTF under a .doc name: give LibreOffice the right suffix
            source = Path(tmp) / "original.rtf"
            shutil.copyfile(path, source)
        converted = convert(source, "docx", Path(tmp))
        document = read_docx(converted, doc_id)
    document.source_file = path.name
    document.source_format = "doc"
    return document
