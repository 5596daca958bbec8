"""Lines → paragraphs (đoạn), and paragraphs → a :class:`~pipeline.model.Part` text.

PDF lines are visual lines: a paragraph's first line is indented (Decree 30 asks
for a first-line indent), its wrapped lines start at the left margin. DOCX lines
are already paragraphs. Flattened web text (plain text, Markdown) breaks lines
mid-phrase, so there a paragraph starts only at a structural marker ("Căn cứ",
"Điều 1.", "1.", "a)", "- ", a capitalised heading) or after a line ending in
";", "." or ":".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model import Line, Part
from pipeline.text import normalize

#: A line starting this many points right of the block's left edge is a first line.
INDENT_PT = 12.0

_MARKER = re.compile(
    r"^(?:Căn cứ|Xét|Theo đề nghị|Thực hiện|QUYẾT ĐỊNH|Điều\s+\d|Nơi nhận|Kính gửi|Lưu\s*:|Phần\s+[IVX]|"
    r"[IVX]{1,5}\s*[.:]\s|\d{1,2}\s*[.)]\s|[a-zđ]\)\s|[-–+•*]\s+(?!(?:19|20)\d\d\s*[;,.)]))"
)
_END = re.compile(r"[;.:!?]\s*$|\./\.\s*$")


@dataclass(slots=True)
class Paragraph:
    """One paragraph: normalised text, the index range of its lines, the page of its first line,
    and ``breaks``: ``(offset in text, page)`` where a line from another page continues it
    (a sentence or a run of footnotes carried over a page break)."""

    text: str
    first: int
    last: int
    page: int | None
    line: Line
    breaks: list[tuple[int, int | None]] = field(default_factory=list)


def paragraphs(
    lines: list[Line], start: int = 0, stop: int | None = None, column: int | None = 0, flat: bool = False
) -> list[Paragraph]:
    """Paragraphs of ``lines[start:stop]`` (only the given layout ``column``; ``None``: all).

    ``flat`` marks flattened web text (plain text, Markdown, HTML) whose lines
    break mid-phrase; DOCX lines (no bbox, not flat) are paragraphs already.
    """
    stop = len(lines) if stop is None else stop
    out: list[Paragraph] = []
    lefts = _left_margins(lines[start:stop])
    for i in range(start, stop):
        line = lines[i]
        if column is not None and line.column != column:
            continue
        text = normalize(line.text)
        if not text:
            continue
        if out and _continues(out[-1], line, text, lefts, flat):
            para = out[-1]
            joined = _join(para.text, text)
            if line.page != (para.breaks[-1][1] if para.breaks else para.page):
                para.breaks.append((len(joined) - len(text), line.page))
            para.text = joined
            para.last = i
        else:
            out.append(Paragraph(text, i, i, line.page, line))
    return out


def _left_margins(lines: list[Line]) -> dict[int | None, float]:
    """Leftmost x0 of column-0 lines per page (PDF only)."""
    lefts: dict[int | None, float] = {}
    for line in lines:
        if line.bbox is not None and line.column == 0 and line.text.strip():
            lefts[line.page] = min(lefts.get(line.page, line.bbox[0]), line.bbox[0])
    return lefts


def _continues(prev: Paragraph, line: Line, text: str, lefts: dict[int | None, float], flat: bool) -> bool:
    """Whether ``line`` continues paragraph ``prev`` rather than starting one."""
    if line.style == "stamp" or prev.line.column != line.column:
        return False
    if line.bbox is not None and prev.line.bbox is not None:
        left = lefts.get(line.page, line.bbox[0])
        if line.bbox[0] > left + INDENT_PT:
            return False  # first-line indent or a centred heading
        if _is_heading(prev.text) or _is_heading(text):
            return False
        return not _MARKER.match(text) or _wrapped_dash(prev.text, text)
    if not flat:
        return False  # DOCX: one line per paragraph already
    if _MARKER.match(text) or _is_heading(text) or _is_heading(prev.text):
        return False
    if line.block != prev.line.block and text[:1].isupper():
        return False  # a new source paragraph (blank line before it) opening with a capital: "*Căn" / "cứ …"
    return not _END.search(prev.text)


def _wrapped_dash(before: str, text: str) -> bool:
    """A line wrapped inside a compound ("… kinh tế" / "- xã hội, …"): a dash, then a lower-case word,
    after a line that did not end its sentence or list item; a bullet starts with a capital."""
    rest = text.lstrip("-– ")
    return text[:1] in "-–" and rest[:1].islower() and not _END.search(before)


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and text.upper() == text


def _join(before: str, after: str) -> str:
    """Join a wrapped line: "30c/NQ-" + "CP" → "30c/NQ-CP"; otherwise with a space."""
    if re.search(r"\w-$", before) and after[:1].isupper():
        return before + after
    return before + " " + after


def make_part(name: str, paras: list[Paragraph]) -> tuple[Part, list[int]]:
    """A :class:`Part` from paragraphs, and each paragraph's start offset in its text."""
    part = Part(name=name)
    chunks: list[str] = []
    offset = 0
    starts: list[int] = []
    for para in paras:
        starts.append(offset)
        part.starts.append(offset)
        part.pages.append(para.page)
        for at, page in para.breaks:  # the page each carried-over line is printed on
            part.starts.append(offset + at)
            part.pages.append(page)
        chunks.append(para.text)
        offset += len(para.text) + 1
    part.text = "\n".join(chunks)
    return part, starts
