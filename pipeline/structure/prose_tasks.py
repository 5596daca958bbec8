"""Tasks written as prose (nhiệm vụ viết dạng văn xuôi), issue 11 item 4.

Plans without a task table give each item's agencies and time on labelled lines::

    1. Công tác kiểm tra, xử lý văn bản quy phạm pháp luật:
    a. Chủ động tự kiểm tra 100% các văn bản …
    - Đơn vị thực hiện: Các phòng ban, đơn vị trực thuộc Sở.
    - Đơn vị phối hợp: Văn phòng Sở.
    - Thời gian thực hiện: Cả năm

:func:`prose_tasks` walks the lines once: numbered items ("1.", "3.1."), lettered
points ("a)", "b.") and section headings ("II. …") keep the item path; a labelled
line (Cơ quan / Đơn vị chủ trì | thực hiện | phối hợp, Thời gian thực hiện) opens
a task for the current item (ordinal "3.1.a") or fills it. Its ``source`` is
``"prose"``.

The task text is the item's heading, or the first sentence of the item's first
paragraph (the name of the task, as "Tên nhiệm vụ" in a table); the rest of the
item (later sentences, further paragraphs, dash points, a "Nội dung: …" line) is
kept in ``note_text``, so nothing printed is lost. A paragraph starts on a new
source block that is indented against the line above (the first-line indent of
Decree 30/2020 body text; sources without boxes, such as Markdown, mark each
paragraph as a block).

A task needs an agency (chủ trì / thực hiện / phối hợp), except an item with a
time line only among sibling items that name their agencies (a plan's list of
items where one gives no body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model import Line, Task
from pipeline.text import normalize

#: Labels of the lines that give a prose task's fields, after an optional "-", "+" or "•".
LABELS: tuple[tuple[str, str], ...] = (
    ("lead", r"(?:Cơ quan|Đơn vị)\s+(?:chủ trì|thực hiện|chịu trách nhiệm)"),
    ("coordinate", r"(?:Cơ quan|Đơn vị)\s+phối hợp"),
    ("deadline", r"Thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành))?"),
    ("product", r"(?:Sản phẩm|Kết quả)(?:\s+(?:đầu ra|dự kiến))?"),
    ("content", r"Nội dung"),
)
#: "Thời gian thực hiện sau khi …": the time label without its colon, before a time word.
BARE_DEADLINE = re.compile(
    r"^[-+•*–]?\s*Thời (?:gian|hạn) (?:thực hiện|hoàn thành)\s+"
    r"(?P<value>(?:sau khi|trước|trong|từ|đến|hết|năm|quý|tháng|hằng|hàng|thường xuyên|cả năm)\b.*)$",
    re.IGNORECASE,
)
#: A sentence end candidate: ".", "!", "?" or "…", a closing quote or bracket maybe, then a space
#: (the next letter must be a capital).
SENTENCE_END = re.compile(r"[.!?…][\"”’)]?\s+(?=\S)")
#: Words a dot abbreviates, not ends a sentence: administrative units ("TP. Hồ Chí Minh", "TX." thị xã,
#: "TT." thị trấn, "Q."/"P." quận/phường), titles ("ThS.", "PGS.TS."); also any single capital.
ABBREVIATIONS = frozenset({
    "TP", "Tp", "TX", "Tx", "TT", "Tt", "Q", "P", "St", "ông", "bà",
    "ThS", "Ths", "TS", "TSKH", "PGS", "GS", "BS", "BSCKII", "DS", "KS", "CN", "LS", "Th",
})
#: Indent (in page units) of a line against the line above that opens a new paragraph.
PARAGRAPH_INDENT = 12.0
LABEL_LINE = re.compile(
    r"^[-+•*–]?\s*(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in LABELS) + r")\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
#: A numbered item "1.", "3.1.", "3.2 Tổ chức …" (a bare "2026" is no item).
NUMBER_LINE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})[.)](?:\s+|$)(?P<text>.*)$|^(?P<sub>\d{1,2}\.\d{1,2})\s+(?P<subtext>\D.*)$")
#: A lettered point "a)", "b.", "đ)".
LETTER_LINE = re.compile(r"^(?P<letter>[a-zđ])\s*[.)]\s+(?P<text>\S.*)$")
#: A section heading "II. NỘI DUNG KẾ HOẠCH" (resets the item path; its numeral is the tasks' section).
SECTION_LINE = re.compile(r"^(?P<numeral>X{0,2}(?:IX|IV|V?I{1,3}|V|X))\s*[.:]\s*(?P<title>\S.*)$")
#: A bullet line that is not a label.
BULLET_LINE = re.compile(r"^[-+•*–]\s*\S")


@dataclass(slots=True)
class _Unit:
    """One logical line: a marker line and the plain lines continuing it."""

    kind: str  # "section" | "number" | "letter" | "label" | "bullet" | "text"
    key: str
    text: str
    page: int | None = None
    parts: list[str] = field(default_factory=list)


def _unit(text: str, page: int | None) -> _Unit:
    m = SECTION_LINE.match(text)
    if m:
        return _Unit("section", m.group("numeral"), m.group("title").strip(), page)
    m = LABEL_LINE.match(text)
    if m:
        name = next(n for n, _ in LABELS if m.group(n))
        return _Unit("label", name, m.group("value").strip(), page)
    m = BARE_DEADLINE.match(text)
    if m:
        return _Unit("label", "deadline", m.group("value").strip(), page)
    m = NUMBER_LINE.match(text)
    if m:
        return _Unit("number", m.group("num") or m.group("sub"), (m.group("text") or m.group("subtext") or "").strip(), page)
    m = LETTER_LINE.match(text)
    if m:
        return _Unit("letter", m.group("letter"), m.group("text").strip(), page)
    if BULLET_LINE.match(text):
        return _Unit("bullet", "", text, page)
    return _Unit("text", "", text, page)


def _new_paragraph(line: Line, above: Line | None) -> bool:
    """Whether ``line`` opens a paragraph: another block, indented against ``above`` when both have boxes."""
    if above is None or line.block == above.block:
        return False
    if line.bbox is None or above.bbox is None or line.page != above.page:
        return line.bbox is None or above.bbox is None
    return line.bbox[0] - above.bbox[0] >= PARAGRAPH_INDENT


def _units(lines: list[Line]) -> list[_Unit]:
    """Marker lines with their continuation lines joined (hard-wrapped exports and wrapped page lines);
    a plain line opening a new paragraph is a unit of its own."""
    units: list[_Unit] = []
    above: Line | None = None
    for line in lines:
        text = normalize(line.text).strip()
        if not text:
            continue
        unit = _unit(text, line.page)
        joins = unit.kind == "text" and units and (
            units[-1].kind in ("label", "number", "letter", "bullet", "text")
            or (units[-1].kind == "section" and text.isupper() and units[-1].text.isupper())  # a heading wrapped
        )
        if joins and not _new_paragraph(line, above):
            prev = units[-1]
            prev.text = f"{prev.text} {text}".strip()
        else:
            units.append(unit)
        above = line
    return units


def first_sentence(text: str) -> tuple[str, str]:
    """``(first sentence, rest)`` of a paragraph; the rest is ``""`` for a one-sentence paragraph."""
    for m in SENTENCE_END.finditer(text):
        before = text[: m.start()].strip()
        word = before.rsplit(None, 1)[-1].lstrip("(\"“‘[").rpartition(".")[2] if before else ""
        if not text[m.end()].isupper() or word in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            continue
        end = m.end() - len(m.group(0)) + len(m.group(0).rstrip())
        return text[:end].strip(), text[m.end():].strip()
    return text, ""


def prose_tasks(lines: list[Line], start_index: int = 0) -> list[Task]:
    """Tasks of the labelled plan items in ``lines`` (document order), ``row_index`` from ``start_index``."""
    tasks: list[Task] = []
    numbers: list[str] = []
    letter: str | None = None
    item: list[str] = []  # the item's own text: its line, then its further paragraphs and points
    section: _Unit | None = None  # the "II. …" heading the items stand under
    task: Task | None = None
    open_label: _Unit | None = None  # a label line with no value ("- Cơ quan chủ trì:") takes the bullets below
    for unit in _units(lines):
        if unit.kind == "bullet" and task is not None and open_label is not None:
            _fill(task, _Unit("label", open_label.key, unit.text, unit.page))
            continue
        open_label = unit if unit.kind == "label" and not unit.text and unit.key != "content" else None
        if unit.kind == "section":
            section, numbers, letter, item, task = unit, [], None, [], None
        elif unit.kind == "number":
            numbers, letter, item, task = unit.key.split("."), None, [unit.text], None
        elif unit.kind == "letter" and numbers:
            letter, item, task = unit.key, [unit.text], None
        elif unit.kind == "label" and numbers:
            if task is None:
                task = _open(numbers, letter, item, unit.page)
                task.section, task.section_title = (section.key, section.text) if section else (None, None)
                tasks.append(task)
            _fill(task, unit)
        elif unit.kind in ("bullet", "text") and task is None and numbers:
            item.append(unit.text)
    kept = [t for t in tasks if t.lead_text or t.coordinate_text or _among_assigned(t, tasks)]
    for i, t in enumerate(kept):
        t.row_index = start_index + i
    return kept


def _open(numbers: list[str], letter: str | None, item: list[str], page: int | None) -> Task:
    """A prose task for the current item: its name (heading or first sentence) and the rest as its note."""
    parts = [p for p in item if p]
    name, rest = first_sentence(parts[0]) if parts else ("", "")
    note = "\n".join(p for p in [rest, *parts[1:]] if p)
    return Task(row_index=0, section=None, section_title=None, ordinal=".".join(numbers + ([letter] if letter else [])),
                task_text=name or None, note_text=note or None, page_start=page, page_end=page, source="prose")


def _among_assigned(task: Task, tasks: list[Task]) -> bool:
    """A time-only item kept when a sibling item (same section, same parent ordinal) names its agencies."""
    if not task.deadline_text:
        return False
    parent = (task.section, (task.ordinal or "").rpartition(".")[0])
    return any(t is not task and (t.lead_text or t.coordinate_text) and (t.section, (t.ordinal or "").rpartition(".")[0]) == parent
               for t in tasks)


def _fill(task: Task, unit: _Unit) -> None:
    """Put a labelled line's value in its field (a second value of the same label is appended); a
    "Nội dung: …" line names a task that has no text of its own, else it joins the task's note."""
    if unit.key == "content":
        if not task.task_text:
            task.task_text, rest = first_sentence(unit.text)
            unit = _Unit("label", "content", rest, unit.page)
        if unit.text:
            task.note_text = f"{task.note_text}\n{unit.text}" if task.note_text else unit.text
        return
    attr = f"{unit.key}_text"
    before = getattr(task, attr)
    setattr(task, attr, f"{before}\n{unit.text}" if before else unit.text)
    task.page_end = unit.page if unit.page is not None else task.page_end
