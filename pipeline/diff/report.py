"""Diff reports: a self-contained HTML page and a Markdown summary for the terminal."""

from __future__ import annotations

from pipeline.diff.align import NO_MATCH
from pipeline.diff.changes import Change, PlanDiff
from pipeline.diff.words import markdown as words_markdown

KINDS = ("added", "removed", "reworded", "changed", "moved", "editorial")

#: Header rows of the report: (label, documents column).
HEADER_ROWS = (
    ("Number", "number"),
    ("Date", "issue_date"),
    ("Title", "plan_title"),
    ("Signer", "signer_name"),
    ("Source", "source_file"),
)


def _notes(d: PlanDiff) -> list[str]:
    """What the comparison could not use (missing tagging datasets), said plainly."""
    notes = []
    both = d.old.available & d.new.available
    for name, what in (
        ("assignments", "agencies compared as cell text"),
        ("deadlines", "deadlines compared as cell text"),
        ("products", "product kinds not compared"),
        ("targets", "targets not compared"),
        ("legal_bases", "legal bases not compared"),
    ):
        if name not in both:
            notes.append(f"No {name} dataset for one of the plans: {what}.")
    if "plan_items" not in both:
        notes.append(
            "No plan_items dataset: the plan body is compared paragraph by paragraph."
            if "paragraphs" in both
            else "The body text of one plan is not known (no plan_items or pages dataset): the plan body is not compared."
        )
    return notes


def task_counts(d: PlanDiff) -> str:
    """'Tasks (distinct task_key): 49 → 56; task rows (product lines): 52 → 59' for the summary."""

    def count(rows: list[dict]) -> tuple[int, int]:
        return len({r.get("task_key") or r.get("task_id") for r in rows}), len(rows)

    (old_tasks, old_rows), (new_tasks, new_rows) = count(d.old.get("tasks")), count(d.new.get("tasks"))
    return f"Tasks (distinct task_key): {old_tasks} → {new_tasks}; task rows (product lines): {old_rows} → {new_rows}."


def html(d: PlanDiff, threshold: float = NO_MATCH) -> str:
    """The whole report as one HTML document (inline CSS, no scripts, no external assets)."""
    from pipeline.views import render

    def name(doc: dict) -> str:
        return str(doc.get("number") or doc.get("plan_title") or doc.get("source_file"))

    return render(
        "diff.html.j2",
        old_doc=d.old.document,
        new_doc=d.new.document,
        old_name=name(d.old.document),
        new_name=name(d.new.document),
        header_rows=HEADER_ROWS,
        summary=d.summary(),
        kinds=KINDS,
        threshold=threshold,
        notes=[task_counts(d), *_notes(d)],
        document_changes=d.of("document"),
        target_changes=d.of("target"),
        targets_available="targets" in d.old.available & d.new.available,
        basis_changes=d.of("legal_basis"),
        bases_available="legal_bases" in d.old.available & d.new.available,
        item_changes=d.of("plan_item"),
        body_compared=bool(
            {"plan_items"} <= d.old.available & d.new.available or {"paragraphs"} <= d.old.available & d.new.available
        ),
        cards=d.cards,
        unrelated=d.unrelated,
        forced=d.forced,
    )


def _cell(text: object, limit: int = 160) -> str:
    """One Markdown table cell: single line, pipes escaped, cut at ``limit`` characters."""
    value = " ".join(str(text if text is not None else "—").split()).replace("|", "\\|")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def task_labels(d: PlanDiff) -> dict[str, str]:
    """``task_id → "I.3"`` (section and TT of the row; ``"row 12"`` for a row without them) on both sides."""
    labels: dict[str, str] = {}
    for plan in (d.old, d.new):
        for r in plan.rows.get("tasks", []):
            label = ".".join(str(x) for x in (r.get("section"), r.get("ordinal")) if x)
            labels[str(r["task_id"])] = label or f"row {r.get('row_index')}"
    return labels


def _where(c: Change, labels: dict[str, str]) -> str | None:
    """Where a change is: the task's section and TT (old → new when it moved), else its key."""
    if c.entity != "task":
        return c.new_key or c.old_key
    old, new = (labels.get(k, k) if k else None for k in (c.old_key, c.new_key))
    return f"{old} → {new}" if old and new and old != new else new or old


def _line(c: Change, labels: dict[str, str] | None = None) -> str:
    """One change as a Markdown list item; ``labels`` name tasks (:func:`task_labels`)."""
    head = f"- **{c.kind}** {c.entity}"
    head += f" `{c.field}`" if c.field else ""
    where = _where(c, labels or {})
    head += f" ({_cell(where, 60)})" if where and c.entity != "document" else ""
    if c.detail:
        head += f": {c.detail}"
    if c.words:
        return head + "\n  " + _cell(words_markdown(c.words), 600)
    if c.kind in ("added", "removed"):
        return head + "\n  " + _cell(c.new_value if c.kind == "added" else c.old_value, 600)
    return head + f"\n  {_cell(c.old_value)} → {_cell(c.new_value)}"


def markdown(d: PlanDiff) -> str:
    """Summary table and every change of substance, as Markdown (editorial edits counted only)."""
    lines = [
        f"# Plan diff: {_cell(d.old.label, 120)} → {_cell(d.new.label, 120)}",
        "",
        "| entity | old | new | " + " | ".join(KINDS) + " |",
        "|---|---:|---:|" + "---:|" * len(KINDS),
    ]
    for row in d.summary():
        lines.append(
            f"| {row['entity']} | {row['old']} | {row['new']} | " + " | ".join(str(row[k]) for k in KINDS) + " |"
        )
    notes = [f"> {n}" for n in _notes(d)]
    lines += ["", task_counts(d)] + ([""] + notes if notes else [])
    if d.unrelated:
        done = "Tasks were aligned anyway (--force)." if d.forced else "Tasks were not aligned."
        lines += ["", f"> **These two documents look unrelated:** {d.unrelated}. {done}"]
    for entity, title in (
        ("document", "Document"),
        ("target", "Targets"),
        ("legal_basis", "Legal bases"),
        ("plan_item", "Plan body"),
        ("task", "Tasks"),
    ):
        labels = task_labels(d) if entity == "task" else {}
        found = [c for c in d.of(entity) if c.kind != "editorial"]
        lines += ["", f"## {title}", ""]
        lines += [_line(c, labels) for c in found] if found else ["No change of substance."]
    return "\n".join(lines) + "\n"
