"""The appendix table (Phụ lục: TT / Nhiệm vụ / Sản phẩm / Tiến độ / …) as task rows.

Steps, each a small function:

1. :func:`map_header` maps a header row's cells to fields by meaning, so the
   5-column layout (… Phân công và cách thức thực hiện) and the 7-column one
   (… Chủ trì / Phối hợp / Theo dõi, kiểm tra, đôn đốc) land in the same fields;
2. :func:`appendix_fragments` picks the table fragments of one appendix in
   order (a header repeated on each page, or a headless fragment continuing the
   previous page's table);
3. :func:`stitch` walks the body rows: section rows ("I CẢI CÁCH THỂ CHẾ") set
   the section carried onto tasks; a row continued after a page break (empty TT
   as the first row of a fragment) is merged into the row above; a row under a
   task merged down (empty or merged TT) is a further product line of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Cell, Table, Task
from pipeline.readers.layout import BULLETS
from pipeline.structure import patterns as P
from pipeline.text import fold, normalize

FIELDS = ("ordinal", "task", "product", "deadline", "assignment", "lead", "coordinate", "monitor")


def map_header(row: list[Cell]) -> dict[int, str]:
    """Map grid columns to task fields from one header row; ``{}`` if it is not a header.

    A header needs a task column (Nhiệm vụ / Nội dung) and at least two other
    recognised columns. A header cell spanning several columns maps each of them.
    """
    mapping: dict[int, str] = {}
    for cell in row:
        key = fold(cell.text)
        for name, cues in P.COLUMN_HEADERS:
            if name == "ordinal":
                hit = key.rstrip(".") in cues
            else:
                hit = any(cue in key for cue in cues)
            if hit and name not in mapping.values():
                for col in range(cell.col, cell.col + cell.col_span):
                    mapping.setdefault(col, name)
                break
    names = set(mapping.values())
    return mapping if "task" in names and len(names) >= 3 else {}


@dataclass(slots=True)
class Fragment:
    """One page's piece of an appendix table and the rows below its header."""

    table: Table
    mapping: dict[int, str]
    body: list[list[Cell]] = field(default_factory=list)
    continues: bool = False


def appendix_fragments(tables: list[Table]) -> list[list[Fragment]]:
    """Group table fragments into appendices, each a list of page fragments in order."""
    groups: list[list[Fragment]] = []
    for table in tables:
        if not table.rows:
            continue
        mapping = map_header(table.rows[0])
        if mapping:
            body = table.rows[1:]
            same = (
                groups
                and _follows(groups[-1][-1].table, table, same_page=True)
                and sorted(set(mapping.values())) == sorted(set(groups[-1][-1].mapping.values()))
            )
            frag = Fragment(table, mapping, body, continues=bool(same))
            if same:
                groups[-1].append(frag)
            else:
                groups.append([frag])
        elif (
            groups
            and _follows(groups[-1][-1].table, table, same_page=False)
            and table.n_cols == groups[-1][-1].table.n_cols
        ):
            groups[-1].append(Fragment(table, groups[-1][-1].mapping, table.rows, continues=True))
    return groups


def _follows(prev: Table, table: Table, same_page: bool) -> bool:
    """``table`` continues ``prev``: on the next page (or the same one when
    ``same_page``), or, in formats without pages (a text export whose page breaks
    left one table fragment per page), as the very next block."""
    if prev.page is None and table.page is None:
        return table.block == prev.block + 1
    if prev.page is None or table.page is None:
        return False
    gap = table.page - prev.page
    return gap <= 1 if same_page else gap == 1


def _values(row: list[Cell], mapping: dict[int, str]) -> dict[str, str]:
    """Field → normalised text for one row; a cell spanning columns fills each field."""
    out: dict[str, str] = {}
    for cell in row:
        for col in range(cell.col, cell.col + cell.col_span):
            name = mapping.get(col)
            if name and name not in out:
                out[name] = normalize(cell.text)
    return out


def _section(row: list[Cell], values: dict[str, str]) -> tuple[str, str] | None:
    """``(numeral, title)`` when the row is a section row, else ``None``."""
    first = normalize(row[0].text) if row else ""
    m = P.ROMAN.match(first)
    if not m or not m.group("numeral"):
        return None
    filled = [c for c in row[1:] if normalize(c.text)]
    if len(row) == 1 or (row[0].col_span > 1 and not filled):
        return m.group("numeral"), m.group("title").strip()
    others = [v for k, v in values.items() if k not in ("ordinal", "task") and v]
    if not others and not m.group("title"):
        return m.group("numeral"), values.get("task", "")
    return None


def _join(before: str | None, after: str) -> str | None:
    """Join a cell's text with its continuation after a page break."""
    if not after:
        return before
    if not before:
        return after
    sep = "\n" if after.startswith(BULLETS) else " "
    return before + sep + after


def _is_continuation(values: dict[str, str]) -> bool:
    """A top-of-page row with empty TT continues the row above unless it is a new
    product line (no task text, but its own product and deadline)."""
    if values.get("ordinal"):
        return False
    new_line = not values.get("task") and values.get("product") and values.get("deadline")
    return not new_line


def stitch(fragments: list[Fragment], start_index: int = 0) -> list[Task]:
    """Turn an appendix's fragments into task rows in document order."""
    tasks: list[Task] = []
    section: tuple[str | None, str | None] = (None, None)
    for frag in fragments:
        for position, row in enumerate(frag.body):
            values = _values(row, frag.mapping)
            if not any(values.values()):
                continue
            sec = _section(row, values)
            if sec:
                section = (sec[0], sec[1] or None)
                continue
            heading = _merged_heading(values)
            if heading:
                section, values["task"] = heading[0], heading[1]
            page = next((c.page for c in row if c.page is not None), frag.table.page)
            prev = tasks[-1] if tasks else None
            if prev and frag.continues and position == 0 and _is_continuation(values):
                for name in FIELDS[1:]:
                    attr = f"{name}_text"
                    setattr(prev, attr, _join(getattr(prev, attr), values.get(name, "")))
                prev.page_end = page
                continue
            ordinal_cell = next((c for c in row if frag.mapping.get(c.col) == "ordinal"), None)
            inherited = prev is not None and (
                not values.get("ordinal") or (ordinal_cell is not None and ordinal_cell.merged_from_above)
            )
            task = Task(
                row_index=start_index + len(tasks),
                section=section[0],
                section_title=section[1],
                ordinal=(prev.ordinal if inherited and prev else values.get("ordinal")) or None,
                task_text=(values.get("task") or (prev.task_text if inherited and prev else None)) or None,
                product_text=values.get("product") or None,
                deadline_text=values.get("deadline") or None,
                assignment_text=values.get("assignment") or None,
                lead_text=values.get("lead") or None,
                coordinate_text=values.get("coordinate") or None,
                monitor_text=values.get("monitor") or None,
                page_start=page,
                page_end=page,
                block=frag.table.block,
            )
            tasks.append(task)
    _infer_numerals(tasks)
    return tasks


def _merged_heading(values: dict[str, str]) -> tuple[tuple[str | None, str], str] | None:
    """A group heading that an export merged into the task cell of the row below it.

    ``"CẢI CÁCH THỂ CHẾ\nXây dựng cơ chế …"``: a first line in capitals (two words
    or more) above further text. Returns ``((numeral or None, title), task text)``.
    """
    first, _, rest = values.get("task", "").partition("\n")
    letters = [ch for ch in first if ch.isalpha()]
    if not rest.strip() or len(first.split()) < 2 or not letters or first.upper() != first:
        return None
    m = P.ROMAN.match(first)
    if m and m.group("numeral"):
        return (m.group("numeral"), m.group("title").strip()), rest
    return (None, first.strip()), rest


def _infer_numerals(tasks: list[Task]) -> None:
    """Give a section that lost its numeral the one before the next section's ("I" before "II")."""
    for i, task in enumerate(tasks):
        if task.section is not None or task.section_title is None:
            continue
        after = next((t.section for t in tasks[i:] if t.section), None)
        if after in P.ROMAN_NUMERALS and P.ROMAN_NUMERALS.index(after) > 0:
            numeral = P.ROMAN_NUMERALS[P.ROMAN_NUMERALS.index(after) - 1]
            title = task.section_title
            for t in tasks[i:]:
                if t.section is None and t.section_title == title:
                    t.section = numeral


def parse_appendix(tables: list[Table]) -> list[Task]:
    """All task rows of all appendix tables in ``tables``, numbered by ``row_index``."""
    tasks: list[Task] = []
    for group in appendix_fragments(tables):
        tasks.extend(stitch(group, start_index=len(tasks)))
    return tasks
