"""Task tables (bảng nhiệm vụ: TT / Nhiệm vụ / Sản phẩm / Tiến độ / Chủ trì / …) as task rows.

Steps, each a small function:

1. :func:`task_groups` takes the tables of kind ``"task"`` among the document's
   tables (:func:`pipeline.structure.tables.document_tables` stitches page
   fragments and classifies each whole table once, for the ``tables`` dataset and
   for the task rows alike) and maps each one's columns from its header
   (:func:`pipeline.structure.task_columns.find_header`: synonyms, header rows
   anywhere in the first rows and over two or three grid rows, column-number row
   skipped); a header repeated on a continuation page is dropped;
2. :func:`stitch` walks the body rows (:mod:`pipeline.structure.task_rows`):
   section rows ("I", "A", "Phần I", a title in capitals) set the section carried
   onto tasks; total and note rows are dropped; a row continued after a page break
   (no TT, first row of a fragment) or a grid row that only continues one cell of
   the task above (TT and task merged, one new cell) is joined into it; a row under
   a task merged down with several new cells is a further product line of it;
3. :func:`check_ordinals` repairs a numeric TT that breaks its sequence
   (OCR: a lone "3" between 8 and 10 is 9), keeping the printed value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.model import Line, Note, Table, Task
from pipeline.model.tables import DocumentTable
from pipeline.model.task_columns import BY_FIELD, TASK_COLUMNS
from pipeline.readers.layout import BULLETS
from pipeline.structure import patterns as P
from pipeline.structure.task_columns import find_header
from pipeline.text import normalize
from pipeline.structure.task_rows import Row, clean, has_ordinal, is_note, is_stray, read_row, section_of

#: Task fields in record order, from the task-column registry.
FIELDS = tuple(c.field for c in TASK_COLUMNS)


@dataclass(slots=True)
class Fragment:
    """One page's piece of a task table and the rows below its header."""

    table: Table
    mapping: dict[int, str]
    body: list = field(default_factory=list)
    continues: bool = False


def task_groups(tables: Sequence[DocumentTable]) -> list[list[Fragment]]:
    """The task tables among ``tables`` as lists of fragments, one list per table.

    ``tables`` are the document's whole tables (:func:`pipeline.structure.tables.document_tables`):
    page fragments are stitched there and each table's kind set there
    (:func:`pipeline.structure.table_kind.table_kind`), so only tables of kind
    ``"task"`` are read here. A task table whose first fragment has no header
    :func:`find_header` can map to task fields gives no rows.
    """
    groups: list[list[Fragment]] = []
    for table in tables:
        if table.kind == "task":
            group = _fragments(table)
            if group:
                groups.append(group)
    return groups


def _fragments(table: DocumentTable) -> list[Fragment]:
    """``table``'s page fragments with their column mapping and body rows.

    The first fragment's header maps the columns; a continuation fragment that
    repeats it drops the repeated rows, one without a header takes the mapping
    of the fragment before it.
    """
    first = table.fragments[0]
    header = find_header(first.rows, first.n_cols)
    if header is None:
        return []
    out = [Fragment(first, header.mapping, first.rows[header.rows:])]
    for fragment in table.fragments[1:]:
        if not fragment.rows:
            continue
        own = find_header(fragment.rows, fragment.n_cols)
        if own is not None and own.fields == header.fields:
            out.append(Fragment(fragment, own.mapping, fragment.rows[own.rows:], continues=True))
        else:
            mapping = _mapping_by_position(out[-1].table, out[-1].mapping, fragment)
            out.append(Fragment(fragment, mapping, fragment.rows, continues=True))
    return out


def _mapping_by_position(prev: Table, mapping: dict[int, str], table: Table) -> dict[int, str]:
    """``mapping`` (grid column → field of ``prev``) carried onto the continuation ``table``.

    Same grid width: as it is. Otherwise, with cell boxes (PDF), by position: a
    continuation column takes the field of the mapped ``prev`` column it overlaps
    most. Grids of one table differ from page to page when a row sets its own cell
    widths (a section row "I | LUẬT" whose numeral cell is narrower than the STT
    column adds a grid edge on its page only).
    """
    if table.n_cols == prev.n_cols:
        return mapping
    before = {c: x for c, x in _column_spans(prev).items() if c in mapping}
    out: dict[int, str] = {}
    for col, (x0, x1) in _column_spans(table).items():
        overlaps = {c: min(x1, b1) - max(x0, b0) for c, (b0, b1) in before.items()}
        best = max(overlaps, key=overlaps.__getitem__, default=None)
        if best is not None and overlaps[best] > 0:
            out[col] = mapping[best]
    return out or mapping


def _column_spans(table: Table) -> dict[int, tuple[float, float]]:
    """Grid column → (x0, x1) in points: its left edge from a cell starting in it, its right
    edge from a cell ending in it; a column whose edges no cell box gives is left out."""
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for row in table.rows:
        for cell in row:
            if cell.bbox is not None:
                left.setdefault(cell.col, cell.bbox[0])
                right.setdefault(cell.col + cell.col_span - 1, cell.bbox[2])
    return {c: (left[c], right[c]) for c in left if c in right}


def _join(before: str | None, after: str) -> str | None:
    """Join a cell's text with its continuation (next grid row or next page)."""
    if not after:
        return before
    if not before:
        return after
    sep = "\n" if after.startswith(BULLETS) else " "
    return before + sep + after


def _extend(task: Task, row: Row, page: int | None, parts: dict[tuple[str, int], str] | None = None,
            more: dict[tuple[str, int], str] | None = None) -> None:
    """Add a continuation row's own texts to ``task``.

    A field read from several columns (the three "Điều, khoản" columns of a law |
    decree | circular table) is rebuilt column by column: ``parts`` holds the task's
    texts by (field, k-th column of the field) (:func:`_ranked`), ``more`` the row's;
    each column's text is joined with its own continuation, "- Khoản 3 Điều" + "67"
    (a row broken by a page) giving "- Khoản 3 Điều 67", whatever the grid of each page.
    """
    for key, text in (more or {}).items():
        if parts is not None:
            parts[key] = _join(parts.get(key), text) or text
    shared = {name for name, _ in (more or {})}
    for name in FIELDS[1:]:
        if name in row.own and name in row.values:
            attr = _attr(name)
            if name in shared and parts is not None:
                setattr(task, attr, "\n".join(t for (n, _), t in sorted(parts.items()) if n == name) or None)
            else:
                setattr(task, attr, _join(getattr(task, attr), row.values[name]))
    task.page_end = page if page is not None else task.page_end
    task.cells.extend(row.cells)


def _ranked(cells: Sequence, mapping: dict[int, str], repair: bool) -> dict[tuple[str, int], str]:  # type: ignore[type-arg]
    """Texts of ``cells`` in the fields read from several columns: (field, k) → the text of the
    field's k-th column (left to right) in this grid."""
    columns: dict[str, list[int]] = {}
    for col, name in sorted(mapping.items()):
        columns.setdefault(name, []).append(col)
    out: dict[tuple[str, int], str] = {}
    for cell in cells:
        name = mapping.get(cell.col)
        if name is None or len(columns[name]) < 2 or cell.merged_from_above:
            continue
        text = clean(cell.text, repair)
        if text:
            out[(name, columns[name].index(cell.col))] = text
    return out


def _attr(name: str) -> str:
    """The Task attribute of a field ("product" → "product_text")."""
    return BY_FIELD[name].attr


def _continues(row: Row, first_of_fragment: bool, prev: Task | None, has_tt: bool = True) -> bool:
    """The row only continues the task above (joined into it rather than a row of its own).

    After a page break (first row of a fragment, no TT): unless it is a new product
    line (no task text, its own product and deadline). Inside a fragment: TT and
    task merged from the row above (or empty) and one cell of its own.
    """
    if prev is None or has_ordinal(row):
        return False
    new = row.own - {"ordinal", "task"}
    if first_of_fragment and not has_tt:  # no TT column: only a task text starting mid-sentence continues
        return row.values.get("task", "")[:1].islower() or "task" not in row.own
    if first_of_fragment:
        new_line = "task" not in row.own and {"product", "deadline"} <= row.own
        return not new_line
    return "task" not in row.own and len(new) <= 1


def _task(row: Row, prev: Task | None, section: tuple[str | None, str | None], index: int, page, block) -> Task:
    """A task row; a row without TT under a task (product line, unnumbered sub-row) inherits its TT."""
    values = row.values
    own_task = "task" in row.own
    inherit = prev is not None and not has_ordinal(row) and (row.ordinal_merged or not own_task)
    task = Task(
        row_index=index,
        section=section[0],
        section_title=section[1],
        ordinal=(prev.ordinal if inherit and prev else values.get("ordinal") if has_ordinal(row) else None) or None,
        task_text=(values.get("task") if own_task or not inherit else prev.task_text if prev else None) or None,
        page_start=page,
        page_end=page,
        block=block,
        cells=list(row.cells),
    )
    for name in FIELDS[2:]:
        setattr(task, _attr(name), values.get(name) or None)
    return task


def stitch(fragments: list[Fragment], start_index: int = 0, repair: bool = False) -> list[Task]:
    """Turn a task table's fragments into task rows in document order.

    ``repair`` rejoins syllables split by spurious spaces (PDF text layers).
    """
    tasks: list[Task] = []
    parts: dict[int, dict[tuple[str, int], str]] = {}  # task index → texts of its multi-column fields
    section: tuple[str | None, str | None] = (None, None)
    for frag in fragments:
        n_mapped = len(frag.mapping)
        for position, cells in enumerate(frag.body):
            row = read_row(cells, frag.mapping, repair)
            if not row.own - {"ordinal"} and not row.values.get("task"):
                continue  # an empty row, or a blank form's numbered line
            sec = section_of(row, n_mapped)
            if sec:
                section = (sec[0] or None, sec[1] or None)
                continue
            if is_note(row, n_mapped) or is_stray(row):
                continue
            heading = _merged_heading(row.values)
            if heading and has_ordinal(row):
                section, row.values["task"] = heading[0], heading[1]
            page = next((c.page for c in cells if c.page is not None), frag.table.page)
            prev = tasks[-1] if tasks else None
            has_tt = "ordinal" in frag.mapping.values()
            if _continues(row, frag.continues and position == 0, prev, has_tt):
                more = _ranked(cells, frag.mapping, repair)
                _extend(prev, row, page, parts.setdefault(len(tasks) - 1, {}), more)  # type: ignore[arg-type]
                continue
            parts[len(tasks)] = _ranked(cells, frag.mapping, repair)
            tasks.append(_task(row, prev, section, start_index + len(tasks), page, frag.table.block))
    tasks = _nested_groups(tasks, start_index)
    _infer_numerals(tasks)
    return tasks


def _only_task(task: Task) -> bool:
    """The row carries a task text and nothing else (no product, deadline, agency …; a title
    merged over the row fills them with the same text)."""
    others = {getattr(task, _attr(name)) for name in FIELDS[2:]} - {None, task.task_text}
    return bool(task.task_text) and not others


def _nested_groups(tasks: list[Task], start_index: int) -> list[Task]:
    """A numbered row with only a title whose next row nests under it ("1." above "1.1")
    is a group (section) row: its sub-tasks take "1" (or "I.1" under section I) as section."""
    out: list[Task] = []
    i = 0
    while i < len(tasks):
        task = tasks[i]
        number = (task.ordinal or "").rstrip(".):").strip()
        nxt = tasks[i + 1] if i + 1 < len(tasks) else None
        if number.isdigit() and _only_task(task) and nxt and (nxt.ordinal or "").startswith(number + "."):
            section = f"{task.section}.{number}" if task.section else number
            j = i + 1
            while j < len(tasks) and (tasks[j].ordinal or "").startswith(number + ".") and \
                    (tasks[j].ordinal or "").rstrip(".") != number:
                tasks[j].section, tasks[j].section_title = section, task.task_text
                j += 1
            i += 1
            continue
        out.append(task)
        i += 1
    for index, task in enumerate(out):
        task.row_index = start_index + index
    return out


def _merged_heading(values: dict[str, str]) -> tuple[tuple[str | None, str], str] | None:
    """A group heading that an export merged into the task cell of the row below it.

    ``"CẢI CÁCH THỂ CHẾ\\nXây dựng cơ chế …"``: a first line in capitals (two words
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


def check_ordinals(tasks: list[Task]) -> list[Note]:
    """Repair numeric TTs that break their sequence; return one warning per repair.

    Within a section, a whole-number TT ``k`` between ``p`` and ``p + 2`` that is
    not ``p + 1`` (an OCR misread: "3" between "8" and "10") becomes ``p + 1``;
    the printed value stays in ``Task.ordinal_as_read``.
    """
    warnings: list[Note] = []
    numbered = [t for t in tasks if t.ordinal and t.ordinal.rstrip(".):").isdigit()]
    firsts: list[Task] = []
    seen: set[tuple] = set()
    for t in numbered:  # one entry per task, not per product line
        key = (t.section, t.section_title, t.ordinal, t.task_text)
        if key not in seen:
            seen.add(key)
            firsts.append(t)
    for before, task, after in zip(firsts, firsts[1:], firsts[2:]):
        if not (before.section == task.section == after.section):
            continue
        p, k, n = (int(x.ordinal.rstrip(".):")) for x in (before, task, after))  # type: ignore[union-attr]
        if n == p + 2 and k != p + 1:
            printed = task.ordinal or ""
            fixed = str(p + 1) + printed[len(printed.rstrip(".):")):]
            for t in tasks:
                if t.ordinal == printed and t.task_text == task.task_text and t.section == task.section:
                    t.ordinal_as_read, t.ordinal = printed, fixed
            warnings.append(Note("task_ordinal_repaired", "ordinal", f"task ordinal {printed!r} out of sequence between {p} and {n}: read as {fixed!r}"))
    return warnings


def table_label(lines: list[Line], after: int, before: int) -> tuple[str, str | None] | None:
    """``(label, title)`` of a task table from the lines between blocks ``after`` and ``before``:
    the last "Phụ lục N" line, else the last numbered heading ("II. Đánh giá …")."""
    between = [ln for ln in lines if after < ln.block < before and ln.text.strip()]
    for line in reversed(between):
        text = normalize(line.text).strip()
        m = P.TABLE_LABEL.match(text)
        rest = text[m.end():].strip(" .:-–") if m else ""
        if m and rest.upper() == rest:  # the label line itself, not "Phụ lục I.3 kèm theo …"
            return " ".join(m.group("label").split()), None
    for line in reversed(between):
        m = P.TABLE_HEADING.match(normalize(line.text).strip())
        if m:
            return m.group("numeral"), m.group("title").strip()
    return None


def _label_tasks(tasks: list[Task], label: tuple[str, str | None]) -> None:
    """Put a table's label in front of its tasks' sections (several task tables in one document:
    "Phụ lục II / I"); a table without section rows takes the label as its section."""
    if all(t.section is None and t.section_title is None for t in tasks):
        for t in tasks:
            t.section, t.section_title = label
        return
    for t in tasks:
        t.section = f"{label[0]} / {t.section}" if t.section else label[0]


def parse_appendix(tables: Sequence[DocumentTable], repair: bool = False, lines: list[Line] | None = None) -> list[Task]:
    """All task rows of the task tables among ``tables``, numbered by ``row_index``.

    ``tables``: the document's stitched and classified tables
    (:func:`pipeline.structure.tables.document_tables`); only kind ``"task"`` is read.

    With the document's ``lines`` and several task tables, each table's label
    (:func:`table_label`) goes in front of its tasks' sections, so tasks of
    different tables never share a section.
    """
    tasks: list[Task] = []
    groups = task_groups(tables)
    previous_end = -1
    for group in groups:
        found = stitch(group, start_index=len(tasks), repair=repair)
        label = table_label(lines, previous_end, group[0].table.block) if lines and len(groups) > 1 else None
        if label:
            _label_tasks(found, label)
        previous_end = group[-1].table.block
        tasks.extend(found)
    return tasks
