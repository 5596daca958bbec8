"""Flattened web text (plain text, Markdown, HTML): lines prepared for the header parser.

Legal-document web sites flatten the two-column header into one column: cells
joined by "|", a line break after "Số:" or inside the date, words glued
("CẤPXÃ", "ỦYBAN", "củaChính phủ"). :func:`prepare_lines` splits "|" cells into
lines and joins the broken number and date lines; :func:`unglue` separates
glued Vietnamese syllables (:mod:`pipeline.text.syllables`). Pure functions;
original lines are not changed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Line
from pipeline.text import normalize
from pipeline.text.syllables import unglue

__all__ = ["prepare_lines", "unglue"]

_NUMBER_ONLY = re.compile(r"^Số\s*:?\s*$", re.IGNORECASE)
#: A place of issue alone on its line ("Đồng Tháp,") and the date on the next ("ngày 19 tháng 11 năm 2025").
_PLACE_ONLY = re.compile(r"^[^\W\d_][^,\d]{0,40},$")
_DATE_REST = re.compile(r"^ngày\b.*\bnăm\s*\d{4}", re.IGNORECASE)
_DATE_OPEN = re.compile(r",\s*ngày(?:\s*\d{1,2})?\s*$|,\s*ngày\s+\d{1,2}\s+tháng\s*(?:\d{1,2})?\s*$", re.IGNORECASE)


def prepare_lines(lines: list[Line]) -> list[Line]:
    """Split "|" cells into lines; join "Số:" with the number below and a date broken
    after "ngày"; separate glued syllables (:func:`unglue`)."""
    out: list[Line] = []
    for line in lines:
        pieces = [p.strip() for p in line.text.split("|")] if "|" in line.text else [line.text]
        for piece in pieces:
            if piece or not out:
                out.append(replace(line, text=piece))
    joined: list[Line] = []
    for line in out:
        text = normalize(line.text)
        if joined and text:
            prev = normalize(joined[-1].text)
            if _NUMBER_ONLY.match(prev) or _DATE_OPEN.search(prev) or (_PLACE_ONLY.match(prev) and _DATE_REST.match(text)):
                joined[-1] = replace(joined[-1], text=prev + " " + text)
                continue
        joined.append(line)
    return [replace(line, text=unglue(line.text)) if line.text else line for line in joined]
