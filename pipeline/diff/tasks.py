"""Appendix tasks of two plans: aligned one to one, then compared field by field.

Normalised values from the tagging stage are preferred (canonical agencies in
``assignments``, deadline ``kind``/``start``/``end`` in ``deadlines``, product
``kind`` in ``products``); where a plan lacks them the raw cell texts are
compared, editorial differences (abbreviations, case, punctuation) set apart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pipeline.diff.align import NO_MATCH, align, same_text
from pipeline.diff.changes import Card, Change
from pipeline.diff.fields import dominant, renumbering, text_change
from pipeline.diff.plan import Plan, Row
from pipeline.diff.words import word_diff
from pipeline.model.task_columns import TASK_COLUMNS, roles

#: Weights of the Nhiệm vụ and Sản phẩm texts when aligning task rows.
TASK_WEIGHTS = (0.7, 0.3)

#: Agency roles compared per task (assignments.role) and the cells each falls back on,
#: from the task-column registry (``TaskColumn.role``).
ROLES = roles()


def text_columns() -> tuple[str, ...]:
    """Task cells compared as text (registry order): every column that is neither the
    ordinal (the alignment's key), the deadline (compared by its tagged dates) nor a
    who-column (compared by agencies, :data:`ROLES`); a column added to the registry
    is compared here without further edits."""
    return tuple(c.attr for c in TASK_COLUMNS if c.field not in ("ordinal", "deadline") and not c.role)

Keys = tuple[str, str]


def shift(old_end: Any, new_end: Any) -> str | None:
    """ "later by N days" / "earlier by N days" between two end dates, else ``None``."""
    if not isinstance(old_end, date) or not isinstance(new_end, date) or old_end == new_end:
        return None
    days = (new_end - old_end).days
    return f"{'later' if days > 0 else 'earlier'} by {abs(days)} days"


def _deadline_change(old: Plan, new: Plan, a: Row, b: Row, keys: Keys) -> Change | None:
    """Deadline change: by kind and end date when both rows are tagged, else by the Tiến độ text."""
    da = old.by_task("deadlines").get(keys[0], [])
    db = new.by_task("deadlines").get(keys[1], [])
    texts = {"old_value": a.get("deadline_text"), "new_value": b.get("deadline_text")}
    if da and db:
        if [(d.get("kind"), d.get("start"), d.get("end")) for d in da] == [
            (d.get("kind"), d.get("start"), d.get("end")) for d in db
        ]:
            return None
        kinds = f"{da[-1].get('kind')} → {db[-1].get('kind')}" if da[-1].get("kind") != db[-1].get("kind") else None
        detail = "; ".join(x for x in (shift(da[-1].get("end"), db[-1].get("end")), kinds) if x) or "dates changed"
        return Change("task", "changed", "deadline", *keys, **texts, detail=detail)
    if same_text(texts["old_value"], texts["new_value"]):
        return None
    return Change("task", "changed", "deadline", *keys, **texts, detail="text changed (deadline not tagged)")


def _agencies(plan: Plan, task_id: str, role: str) -> set[str] | None:
    """Canonical agencies holding ``role`` on the task; ``None`` when the plan has no assignments dataset."""
    if "assignments" not in plan.available:
        return None
    return {str(r["agency"]) for r in plan.by_task("assignments").get(task_id, []) if r.get("role") == role}


def _role_change(old: Plan, new: Plan, a: Row, b: Row, role: str, cells: tuple[str, ...], keys: Keys) -> Change | None:
    """Change of the agencies holding one role (lead, coordinate, monitor)."""
    sa, sb = _agencies(old, keys[0], role), _agencies(new, keys[1], role)
    if sa is not None and sb is not None:
        if sa == sb:
            return None
        detail = ", ".join([f"+ {x}" for x in sorted(sb - sa)] + [f"− {x}" for x in sorted(sa - sb)])
        return Change("task", "changed", role, *keys, "; ".join(sorted(sa)), "; ".join(sorted(sb)), detail)
    ta = next((a.get(c) for c in cells if a.get(c)), None)
    tb = next((b.get(c) for c in cells if b.get(c)), None)
    if same_text(ta, tb):
        return None
    detail = "text changed (agencies not tagged)"
    return Change("task", "changed", role, *keys, ta, tb, detail, words=word_diff(ta, tb))


def _product_kind_change(old: Plan, new: Plan, keys: Keys) -> Change | None:
    """Change of the product kinds (products.kind) of the task, when both plans are tagged."""
    if "products" not in old.available & new.available:
        return None
    ka = sorted({str(p.get("kind")) for p in old.by_task("products").get(keys[0], [])})
    kb = sorted({str(p.get("kind")) for p in new.by_task("products").get(keys[1], [])})
    if ka == kb:
        return None
    va, vb = ", ".join(ka), ", ".join(kb)
    return Change("task", "changed", "product_kind", *keys, va, vb, f"{va or '—'} → {vb or '—'}")


def _where(row: Row) -> str:
    """ "II Cải cách thủ tục hành chính": a task's section numeral and title."""
    return f"{row.get('section') or '—'} {row.get('section_title') or ''}".strip()


def compare_tasks(
    old: Plan, new: Plan, a: Row, b: Row, score: float, sections: dict[str, str] | None = None
) -> list[Change]:
    """Every field change between two aligned task rows.

    ``sections`` maps old section numerals to where most of their tasks went
    (:func:`~pipeline.diff.fields.dominant`); a task is *moved* only when it went
    elsewhere, so a renumbered section does not move all of its tasks.
    """
    keys = (str(a["task_id"]), str(b["task_id"]))
    found: list[Change | None] = [
        *(text_change("task", name, a.get(name), b.get(name), keys) for name in text_columns()),
        _product_kind_change(old, new, keys),
        _deadline_change(old, new, a, b, keys),
        *(_role_change(old, new, a, b, role, cells, keys) for role, cells in ROLES),
    ]
    sa, sb = a.get("section") or "", b.get("section") or ""
    if sb != (sections or {}).get(sa, sa):
        found.append(
            Change("task", "moved", "section", *keys, _where(a), _where(b), f"section {sa or '—'} → {sb or '—'}")
        )
    changes = [c for c in found if c is not None]
    for change in changes:
        change.score = score
    return changes


def diff_tasks(old: Plan, new: Plan, threshold: float = NO_MATCH) -> tuple[list[Change], list[Card]]:
    """Align the task rows of two plans and compare each pair; returns the changes and the cards.

    Changes start with the appendix sections renamed or renumbered (``document``
    changes, once each), then one or more per task pair in new-document order.
    """
    ta, tb = old.get("tasks"), new.get("tasks")
    pairs = align(
        [(t.get("task_text"), t.get("product_text")) for t in ta],
        [(t.get("task_text"), t.get("product_text")) for t in tb],
        TASK_WEIGHTS,
        threshold,
    )
    matched = [(ta[p.old], tb[p.new]) for p in pairs if p.old is not None and p.new is not None]
    sections = dominant((a.get("section") or "", b.get("section") or "") for a, b in matched)
    changes = renumbering(sections, "section", "appendix sections") + _renamed_sections(matched, sections)
    cards: list[Card] = []
    for pair in pairs:
        a = ta[pair.old] if pair.old is not None else None
        b = tb[pair.new] if pair.new is not None else None
        if a is not None and b is not None:
            found = compare_tasks(old, new, a, b, pair.score, sections)
        elif b is not None:
            found = [Change("task", "added", "task_text", new_key=str(b["task_id"]), new_value=b.get("task_text"))]
        else:
            found = [Change("task", "removed", "task_text", old_key=str(a["task_id"]), old_value=a.get("task_text"))]  # type: ignore[index]
        changes += found
        cards.append(Card(a, b, pair.score, found))
    return changes, cards


def _renamed_sections(matched: list[tuple[Row, Row]], sections: dict[str, str]) -> list[Change]:
    """Appendix sections whose title changed (same section after renumbering), once per section."""
    seen: set[str] = set()
    changes = []
    for a, b in matched:
        sa, sb = a.get("section") or "", b.get("section") or ""
        if sb != sections.get(sa, sa) or sa in seen:
            continue
        seen.add(sa)
        ta, tb = a.get("section_title") or "", b.get("section_title") or ""
        if not same_text(ta, tb):
            words = word_diff(ta, tb)
            changes.append(
                Change("document", "changed", "section_title", sa, sb, ta, tb, f"section {sb} renamed", words=words)
            )
    return changes
