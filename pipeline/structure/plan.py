"""The plan (Kế hoạch): sections and items as a tree, and their numeric targets.

Markers, outermost first: "Phần I" (part), "I." (section), "1." (item), "a)"
(point), "- "/"+ " (bullet). Paths are stable and readable: "I", "I.2",
"I.2.a"; bullets are numbered under their parent ("I.6.-2"). A paragraph
without a marker continues the node above it (so "100% sở, ban, ngành …" under
item 4 belongs to "I.4"). Targets take the path of the nearest numbered item.
"""

from __future__ import annotations

from pipeline.model import PlanItem, Target
from pipeline.structure import patterns as P
from pipeline.structure.paragraphs import Paragraph
from pipeline.structure.targets import parse_targets

#: An unmarked bold line longer than this is emphasis, not an item heading.
HEADING_MAX_WORDS = 15
_DEPTH = {"part": 0, "section": 1, "item": 2, "point": 3, "bullet": 4}


def parse_plan(paras: list[Paragraph], starts: list[int]) -> tuple[list[PlanItem], list[Target]]:
    """Plan items (tree nodes in document order) and targets; spans index the ``plan`` part."""
    items: list[PlanItem] = []
    stack: list[PlanItem] = []
    bullets: dict[str | None, int] = {}
    auto: dict[tuple[str | None, int], int] = {}
    lists: dict[str, int] = {}
    seen: dict[str, int] = {}
    for para, offset in zip(paras, starts):
        level, label = _marker(para.text)
        numbered = level is None and (para.line.numbering is not None or _bold_heading(para))
        if numbered:
            level, label = _auto_number(para, stack, auto, lists)
        end = offset + len(para.text)
        if level is None:
            if items:
                items[-1].text += "\n" + para.text
                items[-1].end = end
            continue
        while stack and _DEPTH[stack[-1].level] >= _DEPTH[level]:
            stack.pop()
        parent = stack[-1] if stack else None
        if level == "bullet":
            key = parent.path if parent else None
            bullets[key] = bullets.get(key, 0) + 1
            label = f"-{bullets[key]}"
        path = f"{parent.path}.{label}" if parent else label
        if path in seen:  # numbering restarted without a new parent: keep paths unique
            seen[path] += 1
            path = f"{path}~{seen[path]}"
        else:
            seen[path] = 1
        numbered = parent.numbered_path if (level == "bullet" and parent) else path
        node = PlanItem(path, parent.path if parent else None, level, label, para.text, offset, end, numbered, para.page)
        items.append(node)
        stack.append(node)
        if numbered and level == "item":
            lists[path] = (para.line.numbering or (-1, 0))[0]
    targets: list[Target] = []
    for node in items:
        if node.level in ("part", "section"):
            continue
        for t in parse_targets(node.text):
            t.start += node.start
            t.end += node.start
            t.item_path = node.numbered_path
            t.page = node.page
            targets.append(t)
    return items, targets


def _bold_heading(para: Paragraph) -> bool:
    """An unmarked bold heading line: an item whose number the export lost (HTML lists)."""
    text = para.text
    return (
        para.line.bold
        and len(text.split()) <= HEADING_MAX_WORDS
        and not text.startswith("(")
        and not text.rstrip().endswith((".", ";", ":"))
        and text.upper() != text
    )


def _auto_number(
    para: Paragraph, stack: list[PlanItem], auto: dict[tuple[str | None, int], int], lists: dict[str, int]
) -> tuple[str, str]:
    """Level and label of a Word auto-numbered paragraph (its number is not in the text).

    The reader gives the list id but not the number format (and an HTML export
    only the bold heading, list id -1), so a numbered
    paragraph is an item numbered by its order in its section ("1", "2", …) when
    no item is open or the open item came from the same list (a sibling); under
    another item it is a bullet.
    """
    list_id = (para.line.numbering or (-1, 0))[0]
    item = next((n for n in reversed(stack) if n.level == "item"), None)
    if item is not None and lists.get(item.path) != list_id:
        return "bullet", "-"
    section = next((n.path for n in reversed(stack) if n.level in ("part", "section")), None)
    key = (section, list_id)
    auto[key] = auto.get(key, 0) + 1
    return "item", str(auto[key])


def _marker(text: str) -> tuple[str | None, str]:
    """``(level, label)`` of a paragraph's marker, ``(None, "")`` without one."""
    m = P.PART_HEADING.match(text)
    if m:
        return "part", f"P{m.group('numeral')}"
    m = P.SECTION.match(text)
    if m and m.group("title")[:1].isupper():
        return "section", m.group("numeral")
    m = P.CLAUSE.match(text)
    if m:
        return "item", m.group("number")
    m = P.POINT.match(text)
    if m:
        return "point", m.group("number")
    m = P.BULLET.match(text)
    if m:
        return "bullet", "-"
    return None, ""
