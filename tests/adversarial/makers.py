"""Generators of hostile input folders: every kind of file issue 14 met, built in a few seconds.

:func:`build_folder` writes them all under one folder and returns
``{entry: Expect}``: what a clean run must report for each (a failure whose
reason holds a phrase, a warning, an entry listed as not ingested, an identical
copy, or a plain ingest). Nothing here downloads anything; the external image
points at a local listener the test owns.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path


import sys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pdfgen import raw_pdf, text_page  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data" / "bad"))
from make_bad import docx_paragraphs as _docx_bytes  # noqa: E402  (one DOCX maker for both bad-input suites)

TESTS = Path(__file__).resolve().parent.parent
SEED_MD = TESTS / "data" / "seed_4032" / "000_4c182d265d647846.txt"
SEED_DOCX = TESTS / "data" / "seed_4032" / "4032-QD-UBND.docx"
SEED_NUMBER = "4032/QĐ-UBND"

#: A short Vietnamese decision in plain text (header, articles, signature).
DECISION = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

Số: 123/QĐ-UBND
Khánh Hòa, ngày 05 tháng 01 năm 2026

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch cải cách hành chính năm 2026

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ;

QUYẾT ĐỊNH:
Điều 1. Ban hành Kế hoạch cải cách hành chính năm 2026, giai đoạn 2011 - 2008.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

CHỦ TỊCH
Nguyễn Văn A
"""


@dataclass(frozen=True)
class Expect:
    """What a run must say about one entry.

    ``kind``: ``"failure"`` (a failures row whose reason contains ``phrase``),
    ``"warning"`` (ingested; a document warning has ``code`` and its detail contains ``phrase``),
    ``"aside"`` (listed in the summary as not ingested, reason containing ``phrase``),
    ``"renamed"`` (ingested under an escaped name), ``"identical"`` (an identical copy),
    ``"ingested"`` (a document, no condition on warnings), ``"handled"`` (a failure or a
    document: libraries differ on what they can recover, but never a crash).
    """

    kind: str
    phrase: str = ""
    code: str = ""


def _pdf_with_image(width: int, height: int) -> bytes:
    image = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Length 8 >>\nstream\n\x00\x00\x00\x00\x00\x00\x00\x00\nendstream" % (width, height)
    )
    return raw_pdf([(b"q 500 0 0 700 50 50 cm /Im1 Do Q", {"Im1": image})])


def _deep_pdf(depth: int) -> bytes:
    pdf = raw_pdf([(text_page(["Nested"]), {})])
    nested = b"[" * depth + b"]" * depth
    return pdf.replace(b"/Type /Catalog", b"/Type /Catalog /Deep " + nested, 1)


def _patch_docx(data: bytes, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    """Rewrite one part of a DOCX package through ``change(bytes) -> bytes``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def _with_doctype(body: bytes, doctype: bytes, reference: bytes) -> bytes:
    """Put ``doctype`` after the XML declaration and ``reference`` into the first text run."""
    head, sep, rest = body.partition(b"?>")
    rest = rest.replace(b"<w:t>", b"<w:t>" + reference, 1)
    return head + sep + doctype + rest


XXE = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b"]>"
)


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", b"\x00" * (200 * 1024 * 1024))
    return out.getvalue()


def _cp1258(text: str) -> bytes:
    """``text`` in Windows-1258: letters with circumflex, breve, horn precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append((base + "".join(c for c in parts if c in tones)).encode("cp1258"))
    return b"".join(out)


def _ole_garbage(seed: int) -> bytes:
    rng = random.Random(seed)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randrange(256) for _ in range(40000))


def files(listener_port: int) -> dict[str, bytes]:
    """Name → bytes of every hostile regular file (names relative to the folder)."""
    seed_text = SEED_MD.read_bytes()
    decision = DECISION.encode("utf-8")
    good_pdf = raw_pdf([(text_page(["QUYET DINH", "Dieu 1. Ban hanh ke hoach."]), {})])
    xref = good_pdf.rindex(b"startxref")
    repetitive = ("Căn cứ Quyết định số 12/QĐ-UBND ngày 01/01/2020 của UBND tỉnh; Luật Đất đai năm 2013; "
                  "tỷ lệ hồ sơ đạt tối thiểu 50%; ") * 6000
    base_docx = _docx_bytes(DECISION.splitlines())
    html_para = "".join(f"<p>Đoạn {i}: nội dung.</p>" for i in range(30))
    return {
        # --- PDF -------------------------------------------------------------------
        "pdf/broken-xref.pdf": good_pdf[:xref] + b"startxref\n999999\n%%EOF\n",
        "pdf/deep-nesting.pdf": _deep_pdf(200000),
        "pdf/image-60000x60000.pdf": _pdf_with_image(60000, 60000),
        "pdf/pages-2000.pdf": raw_pdf([(text_page([f"Trang {i}"]), {}) for i in range(2000)]),
        "pdf/zero-pages.pdf": raw_pdf([]),
        "pdf/junk-before-header.pdf": b"\x00JUNK" * 10 + good_pdf,
        "pdf/truncated.pdf": good_pdf[: len(good_pdf) // 3],
        "pdf/empty.pdf": b"",
        "pdf/text-named.pdf": decision + b"\npdf\n",
        "pdf/header-only.pdf": b"%PDF-1.7\n",
        # --- DOCX ------------------------------------------------------------------
        "docx/zip-bomb.docx": _zip_bomb(),
        "docx/xxe.docx": _patch_docx(base_docx, "word/document.xml", lambda b: _with_doctype(b, XXE, b"&xxe;")),
        "docx/billion-laughs.docx": _patch_docx(base_docx, "word/document.xml", lambda b: _with_doctype(b, LAUGHS, b"&lol9;")),
        "docx/not-a-zip.docx": b"PK\x03\x04" + b"\x00" * 100,
        "docx/empty.docx": b"",
        "docx/truncated.docx": base_docx[: len(base_docx) // 2],
        # --- HTML ------------------------------------------------------------------
        "html/xxe.html": b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>&xxe;</p>'
        + DECISION.replace("\n", "<br>").encode() + b"</body></html>",
        "html/billion-laughs.html": LAUGHS.replace(b"lolz", b"html") + b"<html><body><p>&lol9;</p><p>"
        + DECISION.replace("\n", "<br>").encode() + b"</p></body></html>",
        "html/external-img.html": f'<html><body><img src="http://127.0.0.1:{listener_port}/pixel.png">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{listener_port}/x.css"><p>'.encode()
        + DECISION.replace("\n", "<br>").encode() + b"</p></body></html>",
        "html/huge-text-node.html": f"<html><body>{html_para}<p>{'x' * 11_000_000}</p>{html_para}</body></html>".encode(),
        "html/deep-nesting.html": b"<html><body>" + b"<div>" * 50000 + "<p>Điều 1.</p>".encode() + b"</div>" * 50000 + b"</body></html>",
        "html/script.html": b"<html><body><script>alert(1)</script><p>" + DECISION.replace("\n", "<br>").encode()
        + b"</p></body></html>",
        # --- .doc ------------------------------------------------------------------
        "doc/rtf-named.doc": rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\pard QUYET DINH\par Dieu 1. Ban hanh.\par}",
        "doc/html-named.doc": b"<html><body><p>" + DECISION.replace("\n", "<br>").encode() + b"</p></body></html>",
        "doc/text-named.doc": decision + b"\ndoc\n",
        "doc/ole-garbage.doc": _ole_garbage(1),
        # --- text ------------------------------------------------------------------
        "text/windows-1258.txt": _cp1258(DECISION),
        "text/utf16-bom.txt": DECISION.encode("utf-16"),
        "text/utf16-no-bom.txt": DECISION.encode("utf-16-le"),
        "text/nul-bytes.txt": decision.replace(b"\n", b"\x00\n", 5),
        "text/random-bytes.txt": bytes(random.Random(7).randrange(256) for _ in range(20000)),
        "text/repetitive-1mb.md": repetitive.encode("utf-8")[:1_000_000].decode("utf-8", "ignore").encode(),
        "text/one-long-line.txt": ("Điều 1. " + "cải cách hành chính " * 100000).encode(),
        "text/" + "d" * 240 + ".txt": decision + b"\nlong name\n",
        "text/line\nbreak in name.txt": decision + b"\nline break\n",
        # --- good files, copies ------------------------------------------------------
        "good/seed.txt": seed_text,
        "good/seed.docx": SEED_DOCX.read_bytes(),
        "copies/a.txt": decision + b"\n\n",
        "copies/b.txt": decision + b"\n\n",
    }


def build_folder(root: Path, listener_port: int, outside: Path) -> dict[str, Expect]:
    """Write every hostile entry under ``root`` (``outside`` is a folder beyond it); return expectations."""
    for name, data in files(listener_port).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # entries that are not plain files
    (root / "entries").mkdir()
    (root / "entries" / ".hidden.pdf").write_bytes((root / "pdf" / "broken-xref.pdf").read_bytes())
    (root / "entries" / "folder.pdf").mkdir()
    (root / "entries" / "folder.pdf" / "inside.txt").write_bytes(DECISION.encode() + b"\ninside\n")
    os.symlink("loop.pdf", root / "entries" / "loop.pdf")
    os.symlink("..", root / "entries" / "parent-loop")
    secret = outside / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-THE-INPUTS\n" + DECISION)
    os.symlink(secret, root / "entries" / "outside-link.txt")
    os.symlink("../copies/a.txt", root / "entries" / "inside-link.txt")
    os.symlink("missing-target.pdf", root / "entries" / "dangling.pdf")
    os.mkfifo(root / "entries" / "pipe.pdf")
    (root / "entries" / ".hidden-folder").mkdir()
    (root / "entries" / ".hidden-folder" / "x.txt").write_bytes(DECISION.encode())
    bad_name = os.fsencode(root / "entries") + b"/quy\xe9t-\xf0\xe9nh.txt"  # Windows-1258 bytes in a name
    with open(bad_name, "wb") as handle:
        handle.write(DECISION.encode() + b"\nbad name\n")
    long_name = "d" * 240 + ".txt"
    return {
        "pdf/broken-xref.pdf": Expect("ingested"),
        "pdf/deep-nesting.pdf": Expect("handled"),
        "pdf/image-60000x60000.pdf": Expect("handled"),
        "pdf/pages-2000.pdf": Expect("ingested"),
        "pdf/zero-pages.pdf": Expect("failure", ""),
        "pdf/junk-before-header.pdf": Expect("handled"),
        "pdf/truncated.pdf": Expect("handled"),
        "pdf/empty.pdf": Expect("failure", "empty file"),
        "pdf/text-named.pdf": Expect("failure", "unrecognised content"),
        "pdf/header-only.pdf": Expect("failure", "damaged PDF"),
        "docx/zip-bomb.docx": Expect("failure", "zip bomb"),
        "docx/xxe.docx": Expect("handled"),
        "docx/billion-laughs.docx": Expect("handled"),
        "docx/not-a-zip.docx": Expect("failure", "DOCX"),
        "docx/empty.docx": Expect("failure", "empty file"),
        "docx/truncated.docx": Expect("failure", "DOCX"),
        "html/xxe.html": Expect("ingested"),
        "html/billion-laughs.html": Expect("ingested"),
        "html/external-img.html": Expect("ingested"),
        "html/huge-text-node.html": Expect("warning", "without a blank", "embedded_data_dropped"),
        "html/deep-nesting.html": Expect("handled"),
        "html/script.html": Expect("ingested"),
        "doc/rtf-named.doc": Expect("ingested"),
        "doc/html-named.doc": Expect("ingested"),
        "doc/text-named.doc": Expect("ingested"),
        "doc/ole-garbage.doc": Expect("failure", "not a Word 97-2003"),
        "text/windows-1258.txt": Expect("warning", "Windows-1258", "text_encoding_decoded"),
        "text/utf16-bom.txt": Expect("warning", "UTF-16", "text_encoding_decoded"),
        "text/utf16-no-bom.txt": Expect("warning", "UTF-16LE without a byte-order mark", "text_encoding_decoded"),
        "text/nul-bytes.txt": Expect("warning", "NUL characters removed", "nul_characters_removed"),
        "text/random-bytes.txt": Expect("handled"),
        "text/repetitive-1mb.md": Expect("ingested"),
        "text/one-long-line.txt": Expect("ingested"),
        f"text/{long_name}": Expect("ingested"),
        "text/line\nbreak in name.txt": Expect("ingested"),
        "good/seed.txt": Expect("ingested"),
        "good/seed.docx": Expect("ingested"),
        "copies/a.txt": Expect("ingested"),
        "copies/b.txt": Expect("identical"),
        "entries/.hidden.pdf": Expect("aside", "hidden file"),
        "entries/folder.pdf/": Expect("aside", "folder named like a document"),
        "entries/folder.pdf/inside.txt": Expect("ingested"),
        "entries/loop.pdf": Expect("aside", "link loop"),
        "entries/parent-loop/": Expect("aside", "link to a folder"),
        "entries/outside-link.txt": Expect("aside", "outside the input folders"),
        "entries/inside-link.txt": Expect("identical"),
        "entries/dangling.pdf": Expect("aside", "broken symbolic link"),
        "entries/pipe.pdf": Expect("aside", "not a regular file"),
        "entries/.hidden-folder/": Expect("aside", "hidden folder"),
        "entries/quy\\xe9t-\\xf0\\xe9nh.txt": Expect("renamed"),
    }


def cleanup(root: Path) -> None:
    """Remove a built folder (the pipe and links included)."""
    shutil.rmtree(root, ignore_errors=True)
