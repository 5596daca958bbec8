"""Minimal PDF writer for tests: Helvetica text pages and image XObjects, no dependencies."""

from __future__ import annotations

import io


def raw_pdf(pages: list[tuple[bytes, dict[str, bytes]]], filters: bytes = b"") -> bytes:
    """A minimal PDF: each page is (content stream, {XObject name: image stream object body})."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content, images in pages:
        page_no = len(objects) + 1
        objects.append(b"")  # page placeholder
        xobjects = b""
        for name, body in images.items():
            objects.append(body)
            xobjects += b"/" + name.encode() + b" %d 0 R " % len(objects)
        objects.append(b"<< /Length %d %s>>\nstream\n" % (len(content), filters) + content + b"\nendstream")
        content_no = len(objects)
        objects[page_no - 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
            b"/XObject << %s>> >> >>" % (content_no, xobjects)
        )
        kids.append(page_no)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_page(lines: list[str]) -> bytes:
    ops = [b"BT /F1 12 Tf 72 770 Td 14 TL"]
    for line in lines:
        ops.append(b"(" + line.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)
