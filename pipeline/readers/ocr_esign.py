"""The printed appearance of a digital signature, read off a scan, kept out of the page text (chữ ký số).

A PDF signed with an e-government signing tool shows, where the signature
widget sits, a small box of text: "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM / Cơ quan: VĂN PHÒNG CHÍNH PHỦ / Ngày ký: 2026-04-22 16:16:54
+07:00" (gazette prints carry it in the top margin of the first page). A
printout of the file, and so its scan, shows the box; its text is no part of
the document, and its "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is taken for the
national motto's row, which hides the issuer above it. In a text layer the box
is no text (it is the widget's appearance, :mod:`pipeline.readers.stamps`).

:func:`esign_lines` finds the box in an OCR'd page: a line in the top margin
band (:data:`TOP_SHARE`) starting with the signer label ("Ký bởi:", "Người
ký:"), and the lines of that band carrying the box's other labels or its
timestamp (Tesseract may interleave two of them: "Cơ Ngày quan: ký: VĂN
2026-04-22 PHÒNG …"). Pure function of the lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Line

#: Share of the page height from the top in which a signature box's lines are looked for.
TOP_SHARE = 0.12
#: The box's first line: who signed (a seal icon read as "®" or "@" may come first).
#: Marks and colon may be misread or lost ("Kỷ bởi CÔNG BÁO …").
_SIGNER = r"K[ýỷỳyí]\s*b[ởơớờo]i|Ngư[ờơ]i\s*k[ýỷy]"
SIGNER_LABEL = re.compile(rf"^\W{{0,3}}(?:{_SIGNER})\b\s*:?", re.IGNORECASE)
#: The box's other lines: its labels, or the signing time "2026-04-22 16:16:54 +07:00".
BOX_LINE = re.compile(
    rf"^\W{{0,3}}(?:{_SIGNER}|Cơ\s*quan|Ngày\s*k[ýỷy]|Thời\s*gian\s*k[ýỷy]|Email|Tổ\s*chức)\b\s*:?"
    r"|\b(?:quan|ký)\s*:.*\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*[+-]\d{2}:?\d{2}",
    re.IGNORECASE,
)


def esign_lines(lines: Sequence[Line], height: float) -> list[int]:
    """Indexes into ``lines`` of a digital signature box in the top band; [] when none is read.

    ``height`` is the page height in points (line boxes are in points, origin
    top left). Only when a line of the band starts with the signer label are
    the band's box lines taken: "Cơ quan: …" alone may be a list item.
    """
    band = [i for i, ln in enumerate(lines) if ln.bbox is not None and ln.bbox[1] < TOP_SHARE * height]
    if not any(SIGNER_LABEL.match(lines[i].text) for i in band):
        return []
    return [i for i in band if BOX_LINE.search(lines[i].text)]
