"""Links from a value in the document view to its place in the source (issue 15 item 4).

A value's place is the ``page`` and box (``x0, top, x1, bottom``, PDF points from
the page's top left) the datasets carry (:mod:`pipeline.store.places`). For a PDF
whose file the view can reach, the page number links to ``<file>#page=N`` (the
PDF open-parameters fragment every browser viewer follows) and the box is in the
link's tooltip; otherwise the page number is shown alone. A value whose cell
continues over a page break names its further pages and boxes in the tooltip
(``fragments``). DOCX, HTML and Markdown have no pages: nothing is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(slots=True, frozen=True)
class Place:
    """Where a value is: ``page`` (1-based), ``href`` (``file.pdf#page=N`` or ``None``), ``title`` (tooltip)."""

    page: int
    href: str | None
    title: str


def box_text(row: Row, prefix: str = "") -> str | None:
    """``'x0 90.7, top 152.0, x1 300.5, bottom 250.9 pt'`` from a row's box columns; ``None`` without a box."""
    keys = ("x0", "top", "x1", "bottom")
    values = [row.get(prefix + k) for k in keys]
    if any(v is None for v in values):
        return None
    return ", ".join(f"{k} {float(v):.1f}" for k, v in zip(keys, values)) + " pt"


def place(row: Row, pdf: str | None, page_key: str = "page", what: str = "") -> Place | None:
    """The place of one row (a task, a deadline, an assignment …); ``None`` without a page.

    ``pdf`` is the URL of the source PDF as the view can reach it (``None``: no link).
    ``what`` names the box in the tooltip ('Nhiệm vụ cell', 'words', 'cell').
    """
    page = row.get(page_key)
    if page is None:
        return None
    box = box_text(row)
    source = row.get("box_source")
    kind = what or {"words": "the value's words", "cell": "the whole cell (no word boxes)"}.get(str(source), "")
    title = f"page {int(page)}" + (f"; box of {kind}: {box}" if box and kind else f"; box: {box}" if box else "")
    return Place(int(page), f"{pdf}#page={int(page)}" if pdf else None, title + continued(row))


def continued(row: Row) -> str:
    """``'; continues on page 9, box x0 …'`` for each further fragment of a value whose cell
    continues over a page break (the row's ``fragments`` after the first); ``''`` otherwise."""
    fragments = row.get("fragments")
    if fragments is None or len(fragments) < 2:
        return ""
    out = ""
    for fragment in list(fragments)[1:]:
        page, box = fragment.get("page"), box_text(fragment)
        out += f"; continues on page {int(page)}" if page is not None else "; continues in the next cell"
        out += f", box {box}" if box else ""
    return out
