"""Where each task and each tagged value sits in the source: table cell, page, bounding box.

Provenance for checking a value against the PDF (issue 15 item 4). A task row
read from a task table keeps the reader's cells it was read from
(:attr:`pipeline.model.Task.cells`); this module finds each of them in the
stitched tables of the ``table_cells`` dataset (``table_index``, ``row``,
``col``) and where its text sits inside each task field (the field is the
cells' cleaned texts joined in reading order, :mod:`pipeline.structure.appendix`).
A tagged value (deadline, agency, product, mention) with character offsets in a
task field is then placed in one cell: its page, its offsets inside the cell's
text and a box:

* ``words``: the union of the OCR word boxes (:attr:`pipeline.model.Page.words`)
  that spell the value inside the cell (scans);
* ``cell``: the whole cell's box, when the reader keeps no word boxes (PDF text
  layer) or the words could not be matched to the value;
* no box (null) for formats without geometry (DOCX, HTML, Markdown,
  spreadsheets), for prose tasks and for plan text outside the appendix, which
  keep page and character offsets.

Coordinates are PDF points from the page's top left, as everywhere (``x0, top, x1, bottom``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pipeline.model import Cell, Decision, Task
from pipeline.model.source import BBox, Word
from pipeline.model.tables import DocumentTable
from pipeline.structure.task_rows import clean
from pipeline.text import normalize
from pipeline.text.normalize import fold

Row = dict

#: Separators the appendix puts between the pieces of one field (a space or a line break).
_SEPARATORS = " \n"
#: Shortest cell text matched anywhere after the cursor (not only right at it): shorter
#: texts (a TT "1") would match by chance inside another field.
_MIN_LOOSE = 8
#: Characters stripped around a word before comparing it with the value's words.
_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
#: Dash variants (hyphen, en and em dash, minus) read as "-" when a value is looked up in its cell.
_DASH = re.compile(r"[\u2010-\u2015\u2212]")


@dataclass(slots=True)
class Placed:
    """One reader cell found in the stitched tables: its table, its own grid row and its top-left cell.

    ``top`` is the cell as written to ``table_cells`` (a vertically merged copy maps to the cell it continues).
    """

    table_index: int
    row: int
    top: Cell


@dataclass(slots=True)
class Piece:
    """A cell's text inside a task field: ``field[pos + k] == text[k]`` (``pos`` < 0 when the field is a part of the cell)."""

    placed: Placed
    pos: int
    text: str

    @property
    def end(self) -> int:
        """Field offset just after the piece."""
        return self.pos + len(self.text)


@dataclass(slots=True)
class TaskPlace:
    """A task row's cells: ``pieces`` per task attribute (``task_text`` …), ``first`` its first own cell."""

    pieces: dict[str, list[Piece]] = field(default_factory=dict)
    first: Placed | None = None


def cell_index(tables: list[DocumentTable]) -> dict[int, Placed]:
    """``id(reader cell) → Placed`` for every cell of every fragment of ``tables``.

    The stitched grid holds copies of the fragments' rows, in order, without the
    header rows a continuation page repeats; a fragment row is matched to the next
    stitched row with the same texts and columns.
    """
    out: dict[int, Placed] = {}
    for table in tables:
        k = 0
        for fragment in table.fragments:
            for row in fragment.rows:
                if k < len(table.rows) and _same(row, table.rows[k]):
                    for cell, copy in zip(row, table.rows[k]):
                        out[id(cell)] = Placed(table.index, copy.row, _top(table, copy))
                    k += 1
    return out


def _same(row: list[Cell], copy: list[Cell]) -> bool:
    return len(row) == len(copy) and all(a.text == b.text and a.col == b.col for a, b in zip(row, copy))


def _top(table: DocumentTable, cell: Cell) -> Cell:
    """The top-left cell a vertically merged copy continues (the cell itself otherwise)."""
    r = cell.row
    while cell.merged_from_above and r > 0:
        r -= 1
        above = next((c for c in table.rows[r] if c.col == cell.col), None)
        if above is None:
            break
        cell = above
    return cell


def _at(text: str, piece: str, cursor: int) -> int | None:
    """Field offset of ``piece`` at ``cursor`` (after separators), else further on for a long piece;
    ``-k`` when the field is the piece without its first ``k`` characters (a heading split off)."""
    j = cursor
    while j < len(text) and text[j] in _SEPARATORS:
        j += 1
    end = j + len(piece)
    # a whole piece: "2" (the TT cell) is no piece of "2026" (the Tiến độ cell)
    if text.startswith(piece, j) and not (end < len(text) and text[end].isalnum() and piece[-1:].isalnum()):
        return j
    if len(piece) >= _MIN_LOOSE and (found := text.find(piece, cursor)) >= 0:
        return found
    if cursor == 0 and text and (found := piece.find(text)) > 0:
        return -found
    return None


def _pieces(task: Task, attr: str, index: dict[int, Placed], cleaned: dict[int, str]) -> list[Piece]:
    """Where each of the task's cells sits in the field ``attr`` (``cleaned``: the cells' texts as the appendix stores them)."""
    text = getattr(task, attr, None) or ""
    out: list[Piece] = []
    whole = [c for c in task.cells if id(c) in index and text and cleaned.get(id(c)) == text]
    if whole:  # the field is one cell's text: that cell, whatever other cell begins the same way
        return [Piece(index[id(whole[-1])], 0, text)]
    cursor = 0
    for cell in task.cells:
        placed = index.get(id(cell))
        piece = cleaned.get(id(cell), "") if placed else ""
        pos = _at(text, piece, cursor) if piece and text else None
        if pos is not None:
            out.append(Piece(placed, pos, piece))  # type: ignore[arg-type]
            cursor = max(cursor, pos + len(piece))
    return out


#: Task attributes whose cells are located (the text columns of the tasks dataset).
ATTRS = (
    "task_text", "product_text", "deadline_text", "assignment_text", "lead_text", "coordinate_text",
    "monitor_text", "note_text", "kinh_phi",
)


def task_places(decision: Decision) -> dict[int, TaskPlace]:
    """``row_index → TaskPlace`` for the task rows read from tables (prose tasks are left out).

    A product line whose Nhiệm vụ cell is merged down from the task above (one PDF
    cell over several rows) takes that task's task-text cell.
    """
    index = cell_index(decision.tables)
    repair = decision.document.source_format == "pdf"
    cleaned = {id(c): clean(c.text, repair) for t in decision.tasks for c in t.cells if id(c) in index}
    out: dict[int, TaskPlace] = {}
    previous: tuple[Task, TaskPlace] | None = None
    for task in decision.tasks:
        if task.source != "table" or not task.cells:
            continue
        place = TaskPlace(first=next((index[id(c)] for c in task.cells if id(c) in index and not c.merged_from_above), None))
        for attr in ATTRS:
            found = _pieces(task, attr, index, cleaned)
            if not found and previous and getattr(task, attr, None) and getattr(task, attr) == getattr(previous[0], attr, None):
                found = previous[1].pieces.get(attr, [])
            if found:
                place.pieces[attr] = found
        out[task.row_index] = place
        previous = (task, place)
    return out


def _box(bbox: BBox | None) -> Row:
    keys = ("x0", "top", "x1", "bottom")
    return dict(zip(keys, bbox)) if bbox else dict.fromkeys(keys)


def task_columns(place: TaskPlace | None) -> Row:
    """The provenance columns of one ``tasks`` row: table key, task-text cell's page and box, all its cells."""
    if place is None:
        return {"table_index": None, "table_row": None, "task_page": None, **_box(None), "cells": []}
    text = place.pieces.get("task_text", [])
    cell = text[0].placed.top if text else None
    first = place.first or (text[0].placed if text else None)
    seen: set[tuple[str, int, int, int]] = set()
    cells = []
    for attr, pieces in place.pieces.items():
        for p in pieces:
            top = p.placed.top
            key = (attr, p.placed.table_index, top.row, top.col)
            if key in seen:
                continue
            seen.add(key)
            cells.append({"field": attr, "table_index": key[1], "row": key[2], "col": key[3], "page": top.page, **_box(top.bbox)})
    return {
        "table_index": first.table_index if first else None,
        "table_row": first.row if first else None,
        "task_page": cell.page if cell else None,
        **_box(cell.bbox if cell else None),
        "cells": cells,
    }


def _attr(task: Task | None, name: str) -> str:
    """The Task attribute a tagged value's ``field`` names (``lead`` or ``lead_text``)."""
    if task is not None and not hasattr(task, name) and hasattr(task, f"{name}_text"):
        return f"{name}_text"
    return name


#: Columns of one fragment of a value (one cell it lies in), in ``fragments`` and, for the first, as scalars.
FRAGMENT_KEYS = (
    "page", "table_index", "table_row", "table_col", "cell_char_start", "cell_char_end",
    "x0", "top", "x1", "bottom", "box_source",
)


def value_columns(
    decision: Decision, places: dict[int, TaskPlace], task: Task | None, name: str, start: int, end: int
) -> Row:
    """The provenance columns of one tagged value: page, cell key, offsets in the cell, box and its source.

    ``task`` is the task row the value was tagged in (``None`` outside the appendix),
    ``name`` the value's ``field`` (a task field, or a part outside the appendix),
    ``start``/``end`` its offsets in that field's text; ``places`` from :func:`task_places`.
    A value in a cell continued over a page break (a row split by the break: the
    field stitched from two ``table_cells`` rows) lies in several cells: ``fragments``
    lists each (:data:`FRAGMENT_KEYS`, in reading order), the scalar columns are the
    first one and ``spans_pages`` says whether they sit on more than one page.
    """
    out: Row = {**dict.fromkeys(FRAGMENT_KEYS), "fragments": [], "spans_pages": False}
    if task is None:
        part = decision.parts.get(name)
        out["page"] = part.page_at(start) if part is not None else None
        return out
    out["page"] = task.page_start
    place = places.get(task.row_index)
    pieces = place.pieces.get(_attr(task, name), []) if place else []
    hit = [p for p in pieces if p.pos < end and start < p.end]
    if not hit:
        hit = [p for p in pieces if start < p.end][:1]
    fragments: list[Row] = []
    for piece in hit:
        fragment = _fragment(decision, piece, start, end)
        if fragment not in fragments:
            fragments.append(fragment)
    if fragments:
        out.update(fragments[0], fragments=fragments, spans_pages=len({f["page"] for f in fragments}) > 1)
    return out


def _fragment(decision: Decision, piece: Piece, start: int, end: int) -> Row:
    """The part of the value (field offsets ``start``–``end``) inside one cell: :data:`FRAGMENT_KEYS`.

    A value outside every located cell of its field (a cell the field's text was
    not matched to) takes the next located cell as before, with that cell's box
    and null offsets (``hi <= lo``).
    """
    top = piece.placed.top
    lo, hi = max(start - piece.pos, 0), min(end - piece.pos, len(piece.text))
    out: Row = dict.fromkeys(FRAGMENT_KEYS)
    out.update(page=top.page, table_index=piece.placed.table_index, table_row=top.row, table_col=top.col)
    out["cell_char_start"], out["cell_char_end"] = _cell_offsets(top.text, piece.text, lo, hi)
    if top.bbox is not None:
        words = _words_box(_page_words(decision, top.page), top.bbox, piece.text, lo, hi)
        out.update(_box(words or top.bbox), box_source="words" if words else "cell")
    return out


def _cell_offsets(raw: str, cleaned: str, lo: int, hi: int) -> tuple[int | None, int | None]:
    """Offsets of ``cleaned[lo:hi]`` in the cell's text as written to ``table_cells`` (normalised).

    ``cleaned`` is the cell's text as the appendix stores it: split syllables
    rejoined, a line-broken "QĐ- UBND" closed up. When the value is not found
    as written it is matched ignoring whitespace and dash variants
    (:func:`_tolerant_find`), the occurrence nearest ``lo`` wins;
    ``(None, None)`` when it is not found even so.
    """
    if hi <= lo:
        return None, None
    text = normalize(raw)
    if text == cleaned:
        return lo, hi
    return _tolerant_find(text, cleaned[lo:hi], near=lo)


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, dash variants as "-", and the offset in ``text`` of each character kept."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        chars.append(_DASH.sub("-", ch))
        where.append(i)
    return "".join(chars), where


def _tolerant_find(text: str, value: str, near: int = 0) -> tuple[int | None, int | None]:
    """``(start, end)`` of ``value`` in ``text`` compared without whitespace and with one dash; the match nearest ``near``.

    Offsets are in ``text`` as given ("1441/QĐ- UBND" holds "1441/QĐ-UBND" at 0–13);
    ``(None, None)`` when it does not occur.
    """
    found = [m.start() for m in re.finditer(re.escape(value), text)] if value else []
    if found:
        best = min(found, key=lambda i: abs(i - near))
        return best, best + len(value)
    hay, where = _squeezed(text)
    needle, _ = _squeezed(value)
    if not needle:
        return None, None
    hits = [m.start() for m in re.finditer(f"(?={re.escape(needle)})", hay)]
    if not hits:
        return None, None
    best = min(hits, key=lambda i: abs(where[i] - near))
    return where[best], where[best + len(needle) - 1] + 1


def _page_words(decision: Decision, page: int | None) -> list[Word]:
    return next((p.words for p in decision.document.pages if p.number == page), []) if page is not None else []


def _key(text: str) -> str:
    return _PUNCT.sub("", fold(text))


def _reading_order(words: list[Word]) -> list[Word]:
    """Words in lines top to bottom, each line left to right (a word joins a line when its middle is in the line's band)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.bbox[1]):
        middle = (w.bbox[1] + w.bbox[3]) / 2
        if lines and lines[-1][0].bbox[1] <= middle <= lines[-1][0].bbox[3]:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [w for line in lines for w in sorted(line, key=lambda w: w.bbox[0])]


def _words_box(words: list[Word], cell: BBox, text: str, lo: int, hi: int) -> BBox | None:
    """Union of the boxes of the run of ``words`` inside ``cell`` that spells ``text[lo:hi]``; ``None`` when none does.

    The run with most words equal to the value's (folded, punctuation stripped)
    wins, at least half of them; ties go to the run nearest the value's position in the cell.
    """
    inside = _reading_order([w for w in words if _centre_in(w.bbox, cell)])
    wanted = [_key(t) for t in text[lo:hi].split()]
    wanted = [t for t in wanted if t]
    if not inside or not wanted:
        return None
    keys = [_key(w.text) for w in inside]
    expected = len(text[:lo].split())
    best: tuple[int, int, int] | None = None
    for i in range(0, max(len(keys) - len(wanted), 0) + 1):
        hits = sum(1 for a, b in zip(keys[i : i + len(wanted)], wanted) if a == b)
        score = (hits, -abs(i - expected), i)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] < math.ceil(len(wanted) / 2):
        return None
    run = inside[best[2] : best[2] + len(wanted)]
    return (min(w.bbox[0] for w in run), min(w.bbox[1] for w in run), max(w.bbox[2] for w in run), max(w.bbox[3] for w in run))


def _centre_in(box: BBox, cell: BBox) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]
