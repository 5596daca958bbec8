"""Reader regressions of issue 14: each file kind is read by its bytes, nothing is lost or fetched silently."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from pipeline.readers import UnsupportedInput, read
from pipeline.readers import doc as doc_reader
from pipeline.readers.html import read_html

from makers import DECISION, _cp1258, _ole_garbage


def _texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.text for page in document.pages for line in page.lines]


def _warnings(document, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Details of the document's page warnings with ``code`` (each on the page text)."""
    found = [w for page in document.pages for w in page.warnings if w.code == code]
    assert all(w.field == "text" for w in found), found
    return [w.detail for w in found]


def test_html_text_node_over_10_mb_loses_nothing_after_it(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>Đoạn {i}</p>" for i in range(30))
    long_words = "cải cách " * 1_300_000  # 11.7 MB of real words in one text node
    path = tmp_path / "big.html"
    path.write_text(f"<html><body>{paragraphs}<p>{long_words}</p>{paragraphs.replace('Đoạn', 'Sau')}</body></html>", "utf-8")
    texts = _texts(read_html(path, "x"))
    assert sum(t.startswith("Đoạn ") for t in texts) == 30
    assert sum(t.startswith("Sau ") for t in texts) == 30  # libxml2's default limit dropped these


def test_html_inline_data_blob_is_left_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "blob.html"
    path.write_text("<html><body><p>Trước</p><p>" + "A" * 11_000_000 + "</p><p>Sau</p></body></html>", "utf-8")
    document = read_html(path, "x")
    assert _texts(document) == ["Trước", "Sau"]
    assert any("11,000,000 characters without a blank" in w for w in _warnings(document, "embedded_data_dropped"))


def test_windows_1258_text_file_is_decoded_and_named(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.txt"
    path.write_bytes(_cp1258(DECISION))
    document = read(path)
    assert "Khánh Hòa, ngày 05 tháng 01 năm 2026" in _texts(document)
    assert any("Windows-1258" in w for w in _warnings(document, "text_encoding_decoded"))


@pytest.mark.parametrize("codec,name", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"), ("utf-16", "UTF-16")])
def test_utf16_text_with_and_without_bom_is_decoded_and_named(tmp_path: Path, codec: str, name: str) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(DECISION.encode(codec))
    document = read(path)
    assert "QUYẾT ĐỊNH" in _texts(document)
    assert any(name in w for w in _warnings(document, "text_encoding_decoded"))


def test_nul_bytes_in_text_are_removed_with_a_warning_and_the_text_after_them_kept(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(DECISION.encode().replace(b"QUY\xe1\xba\xbeT", b"QUY\x00\xe1\xba\xbeT"))
    document = read(path)
    assert "QUYẾT ĐỊNH" in _texts(document)
    assert any("NUL characters removed" in w for w in _warnings(document, "nul_characters_removed"))


@pytest.mark.parametrize(
    "name,data",
    [
        ("rtf.doc", rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\pard QUYET DINH\par Dieu 1. Ban hanh.\par}"),
        ("web.doc", b"<html><body><p>QUYET DINH</p><p>Dieu 1. Ban hanh.</p></body></html>"),
        ("plain.doc", b"QUYET DINH\n\nDieu 1. Ban hanh.\n"),
    ],
)
def test_doc_that_is_really_rtf_html_or_text_is_read_by_its_bytes(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    texts = _texts(read(path))
    assert "QUYET DINH" in texts and "Dieu 1. Ban hanh." in texts


def test_ole_garbage_named_doc_is_refused_not_read_as_cjk(tmp_path: Path) -> None:
    path = tmp_path / "garbage.doc"
    path.write_bytes(_ole_garbage(3))
    with pytest.raises(UnsupportedInput, match="not a Word 97-2003"):
        read(path)


@pytest.mark.slow
def test_doc_with_a_linked_picture_fetches_nothing(tmp_path: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    hits: list[bytes] = []
    running = True

    def serve() -> None:
        while running:
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            hits.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    # A Word 97 file linking a picture by URL, made by LibreOffice (itself sandboxed) from HTML.
    page = tmp_path / "linked.html"
    page.write_text(f'<html><body><p>QUYET DINH</p><p><img src="http://127.0.0.1:{port}/pixel.png"></p></body></html>')
    with tempfile.TemporaryDirectory() as work:
        made = doc_reader.convert(page, "doc:MS Word 97", Path(work))
        linked = tmp_path / "linked.doc"
        shutil.copy(made, linked)
    assert f"127.0.0.1:{port}".encode("utf-16-le") in linked.read_bytes() or f"127.0.0.1:{port}".encode() in linked.read_bytes()
    document = read(linked)
    time.sleep(0.5)
    running = False
    thread.join(2)
    server.close()
    assert "QUYET DINH" in _texts(document)
    assert hits == [], hits[:1]


@pytest.mark.slow
def test_linked_picture_is_not_fetched_even_without_a_network_namespace(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(doc_reader, "_sandbox", [])  # as where unshare is not allowed: the profile alone
    test_doc_with_a_linked_picture_fetches_nothing(tmp_path)
