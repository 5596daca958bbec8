"""HTML views: the plan diff report and the one-document view (Jinja2, autoescaped).

Templates live in ``pipeline/views/templates`` as package data. Every template
is rendered with autoescape on, so text from documents (which may hold "<",
"&" or markup) always shows as text; the only markup inserted unescaped is built
by :func:`word_diff_html` (which escapes each piece) and by spaCy's displaCy
(which escapes the text it is given).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from pipeline import __version__


def word_diff_html(ops: list[tuple[str, str]]) -> Markup:
    """A word diff as HTML: ``<del>`` for removed words, ``<ins>`` for added ones, text escaped."""
    from pipeline.diff.words import NO_SPACE_BEFORE

    out = Markup("")
    for kind, text in ops:
        if kind == "delete":
            piece = Markup("<del>{}</del>").format(text)
        elif kind == "insert":
            piece = Markup("<ins>{}</ins>").format(text)
        else:
            piece = escape(text)
        if out and not (kind == "equal" and text[:1] in NO_SPACE_BEFORE):
            out += Markup(" ")
        out += piece
    return out


def task_cells() -> tuple[tuple[str, str], ...]:
    """``(label, tasks column)`` of each task cell shown per row, from the task-column registry
    (:data:`pipeline.model.task_columns.TASK_COLUMNS`; the ordinal is shown in the row's title)."""
    from pipeline.model.task_columns import TASK_COLUMNS

    return tuple((c.label, c.attr) for c in TASK_COLUMNS if c.field != "ordinal")


def short(doc_id: Any) -> str:
    """First 12 hex digits of a doc_id or task_id's document part."""
    return str(doc_id or "")[:12]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the views (autoescape always on, undefined names are errors)."""
    env = Environment(
        loader=PackageLoader("pipeline.views", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["worddiff"] = word_diff_html
    env.filters["short"] = short
    env.globals["pipeline_version"] = __version__
    env.globals["task_cells"] = task_cells
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of ``pipeline/views/templates`` with ``context``."""
    return environment().get_template(template).render(**context)
