"""A plan whose cells hold markup (``<script>``, ``<img onerror>``), built with python-docx.

Used to check that every HTML output shows document text as text. The payloads
would set ``data-pwned`` on ``<body>`` if a browser ran them.
"""

from __future__ import annotations

from pathlib import Path

import docx

SCRIPT = "<script>document.body.setAttribute('data-pwned','script')</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"


def write_hostile_plan(path: Path, product: str = "Báo cáo") -> Path:
    """Write a small 5-column plan (Kế hoạch) with the payloads in its cells; return ``path``."""
    document = docx.Document()
    for text in (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "Số: 99/KH-UBND",
        "Lâm Đồng, ngày 05 tháng 01 năm 2026",
        "KẾ HOẠCH",
        "Kiểm thử hiển thị năm 2026",
        "I. MỤC TIÊU",
        f"Mục tiêu có thẻ {SCRIPT} trong văn bản.",
    ):
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells, ("TT", "Nhiệm vụ", "Sản phẩm", "Tiến độ", "Phân công và cách thức thực hiện")
    ):
        cell.text = text
    rows = (
        ("I", "CẢI CÁCH THỂ CHẾ", "", "", ""),
        ("1", f"Rà soát văn bản {SCRIPT}", product, "Quý I/2026", f"Sở Tư pháp chủ trì {IMG}"),
        ("2", "Kiểm tra <b>in đậm</b> & ký tự đặc biệt", "Kết quả kiểm tra", "Trong năm 2026", "Sở Nội vụ chủ trì"),
    )
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = text
    document.add_paragraph("CHỦ TỊCH")
    document.add_paragraph("Nguyễn Văn A")
    document.save(path)
    return path
