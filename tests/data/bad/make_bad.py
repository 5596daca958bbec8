"""Regenerate the bad-input corpus in this folder (run once; the files are committed).

Needs pypdf and python-docx (``pip install pypdf python-docx cryptography`` in a
scratch venv); the pipeline itself does not depend on pypdf. Inputs come from
raw/ and tests/data/seed_4032/. The 500-page PDF is not here: the test builds it.
"""

from __future__ import annotations

import io
import struct
import sys
import unicodedata
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED_PDF = ROOT / "raw" / "4032-QD-UBND.text.pdf"
SEED_DOCX = ROOT / "tests" / "data" / "seed_4032" / "4032-QD-UBND.docx"
sys.path.insert(0, str(ROOT / "tests"))
from pdfgen import raw_pdf, text_page  # noqa: E402


def gray_image(width: int = 200, height: int = 100) -> bytes:
    data = zlib.compress(bytes([200]) * (width * height))
    return (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(data))
        + data
        + b"\nendstream"
    )


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff" * 16 for _ in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def bomb_pdf() -> bytes:
    """A page whose content stream inflates to 2 GiB of spaces through two Flate filters."""
    inner = zlib.compressobj(9)
    block = b" " * (1 << 20)
    parts = [inner.compress(block) for _ in range(2048)]
    once = b"".join(parts) + inner.flush()
    twice = zlib.compress(once, 9)
    return raw_pdf([(twice, {})], filters=b"/Filter [/FlateDecode /FlateDecode] ")


def docx_variant(transform) -> bytes:  # type: ignore[no-untyped-def]
    """The seed DOCX with word/document.xml passed through ``transform(str) -> str``."""
    src = zipfile.ZipFile(SEED_DOCX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = transform(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
    return out.getvalue()


def docx_paragraphs(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_bomb() -> bytes:
    body = "<!--" + " " * (150 << 20) + "-->"
    return docx_variant(lambda xml: xml.replace("<w:body>", "<w:body>" + body, 1))


def encrypted(path: Path, user: str, owner: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    seed = SEED_PDF.read_bytes()
    files: dict[str, bytes] = {
        "empty.pdf": b"",
        "empty.docx": b"",
        "whitespace-only.pdf": b"  \n\t\n",
        "truncated-half.pdf": seed[: len(seed) // 2],
        "truncated-header-only.pdf": seed[:1500],
        "broken-xref.pdf": seed.replace(b"startxref", b"startxref\n999999999\n%", 1),
        "no-trailer.pdf": seed[: seed.rfind(b"trailer")],
        "garbage-after-header.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 64,
        "encrypted-user-password.pdf": encrypted(SEED_PDF, "mat-khau", "chu-so-huu"),
        "encrypted-owner-only.pdf": encrypted(SEED_PDF, "", "chu-so-huu"),
        "web-page-saved-as.pdf": "<!DOCTYPE html><html><body><h1>Quyết định số 12/QĐ-UBND</h1></body></html>".encode(),
        "web-page-saved-as.docx": b"<html><head><meta charset='utf-8'></head><body><p>Ke hoach</p></body></html>",
        "scan-photo.png.pdf": png_bytes(),
        "scan-photo.png.docx": png_bytes(),
        "camera-photo.jpg.pdf": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9",
        "plain-text-renamed.pdf": "QUYẾT ĐỊNH Số: 12/QĐ-UBND\n".encode(),
        "ole-compound-renamed.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048,
        "zip-not-word.docx": _zip({"readme.txt": b"not a word document"}),
        "corrupt-zip-truncated.docx": SEED_DOCX.read_bytes()[:20000],
        "corrupt-zip-no-document-xml.docx": _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}),
        "decompression-bomb.pdf": bomb_pdf(),
        "decompression-bomb.docx": docx_bomb(),
        "image-only-scan.pdf": raw_pdf([(b"q 400 0 0 200 100 500 cm /Im1 Do Q", {"Im1": gray_image()})]),
        "blank-page.pdf": raw_pdf([(b"", {})]),
        "no-table.docx": docx_variant(lambda xml: _drop_tables(xml)),
        "not-a-decision.docx": docx_paragraphs(
            ["Biên bản họp tổ dân phố", "Nội dung: vệ sinh môi trường khu phố vào sáng Chủ nhật.", "Thư ký ghi."]
        ),
        "not-a-decision-english.pdf": raw_pdf([(text_page(["Quarterly sales report", "Revenue grew 4%."]), {})]),
        "nfd-text.docx": docx_variant(lambda xml: unicodedata.normalize("NFD", xml)),
        "Quyết định số 4032 – UBND tỉnh Khánh Hòa (bản chính).pdf": seed + b"\n% copy 1\n",
        unicodedata.normalize("NFD", "Tờ trình Sở Nội vụ – Khánh Hòa.pdf"): seed + b"\n% copy 2\n",
        "docx-named-as.pdf": SEED_DOCX.read_bytes(),
        "pdf-named-as.docx": seed + b"\n% copy 3\n",
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    print(f"{len(files)} files written to {HERE}", file=sys.stderr)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _drop_tables(xml: str) -> str:
    import re

    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)
    return xml.replace(tables[-1], "")  # the appendix, the last table


if __name__ == "__main__":
    main()
