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
a task for the current item (ordinal "3.1.a", task text the item's own text) or
fills it. A task needs an agency (chủ trì / thực hiện / phối hợp); its
``source`` is ``"prose"``.
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
LABEL_LINE = re.compile(
    r"^[-+•*–]?\s*(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in LABELS) + r")\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
#: A numbered item "1.", "3.1.", "3.2 Tổ chức …" (a bare "2026" is no item).
NUMBER_LINE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})[.)](?:\s+|$)(?P<text>.*)$|^(?P<sub>\d{1,2}\.\d{1,2})\s+(?P<subtext>\D.*)$")
#: A lettered point "a)", "b.", "đ)".
LETTER_LINE = re.compile(r"^(?P<letter>[a-zđ])\s*[.)]\s+(?P<text>\S.*)$")
#: A section heading "II. NỘI DUNG KẾ HOẠCH" (resets the item path).
SECTION_LINE = re.compile(r"^(?:X{0,2}(?:IX|IV|V?I{1,3}|V|X))\s*[.:]\s*\S")
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
    if SECTION_LINE.match(text):
        return _Unit("section", "", text, page)
    m = LABEL_LINE.match(text)
    if m:
        name = next(n for n, _ in LABELS if m.group(n))
        return _Unit("label", name, m.group("value").strip(), page)
    m = NUMBER_LINE.match(text)
    if m:
        return _Unit("number", m.group("num") or m.group("sub"), (m.group("text") or m.group("subtext") or "").strip(), page)
    m = LETTER_LINE.match(text)
    if m:
        return _Unit("letter", m.group("letter"), m.group("text").strip(), page)
    if BULLET_LINE.match(text):
        return _Unit("bullet", "", text, page)
    return _Unit("text", "", text, page)


def _units(lines: list[Line]) -> list[_Unit]:
    """Marker lines with their continuation lines joined (hard-wrapped exports)."""
    units: list[_Unit] = []
    for line in lines:
        text = normalize(line.text).strip()
        if not text:
            continue
        unit = _unit(text, line.page)
        if unit.kind == "text" and units and units[-1].kind in ("label", "number", "letter", "bullet", "text"):
            prev = units[-1]
            prev.text = f"{prev.text} {text}".strip()
            continue
        units.append(unit)
    return units


def prose_tasks(lines: list[Line], start_index: int = 0) -> list[Task]:
    """Tasks of the labelled plan items in ``lines`` (document order), ``row_index`` from ``start_index``."""
    tasks: list[Task] = []
    numbers: list[str] = []
    letter: str | None = None
    item_text = ""
    task: Task | None = None
    for unit in _units(lines):
        if unit.kind == "section":
            numbers, letter, item_text, task = [], None, "", None
        elif unit.kind == "number":
            numbers, letter, item_text, task = unit.key.split("."), None, unit.text, None
        elif unit.kind == "letter" and numbers:
            letter, item_text, task = unit.key, unit.text, None
        elif unit.kind == "label" and numbers:
            if task is None:
                ordinal = ".".join(numbers + ([letter] if letter else []))
                task = Task(row_index=0, section=None, section_title=None, ordinal=ordinal,
                            task_text=item_text or None, page_start=unit.page, page_end=unit.page,
                            source="prose")
                tasks.append(task)
            _fill(task, unit)
        elif unit.kind in ("bullet", "text") and task is None and numbers:
            item_text = f"{item_text}\n{unit.text}".strip()
    kept = [t for t in tasks if t.lead_text or t.coordinate_text]
    for i, t in enumerate(kept):
        t.row_index = start_index + i
    return kept


def _fill(task: Task, unit: _Unit) -> None:
    """Put a labelled line's value in its field (a second value of the same label is appended)."""
    if unit.key == "content":
        task.task_text = f"{task.task_text}\n{unit.text}".strip() if task.task_text else unit.text
        return
    attr = f"{unit.key}_text"
    before = getattr(task, attr)
    setattr(task, attr, f"{before}\n{unit.text}" if before else unit.text)
    task.page_end = unit.page if unit.page is not None else task.page_end
