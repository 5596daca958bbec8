"""Small helpers shared by the task and body comparisons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from pipeline.diff.align import Pair, same_text
from pipeline.diff.changes import Change
from pipeline.diff.plan import Row
from pipeline.diff.words import word_diff


def text_change(
    entity: str, name: str, old_text: Any, new_text: Any, keys: tuple[str | None, str | None]
) -> Change | None:
    """A ``reworded`` (substance) or ``editorial`` change of one text field with its word diff; ``None`` when equal."""
    if (old_text or "") == (new_text or ""):
        return None
    kind = "editorial" if same_text(old_text, new_text) else "reworded"
    return Change(
        entity,  # type: ignore[arg-type]
        kind,  # type: ignore[arg-type]
        field=name,
        old_key=keys[0],
        new_key=keys[1],
        old_value=old_text,
        new_value=new_text,
        words=word_diff(old_text, new_text),
    )


def unmatched(entity: str, pair: Pair, a: list[Row], b: list[Row], key: str, text: str) -> Change | None:
    """An ``added`` or ``removed`` change for a pair with one side missing, else ``None``."""
    if pair.old is None and pair.new is not None:
        row = b[pair.new]
        return Change(entity, "added", field=text, new_key=str(row.get(key)), new_value=row.get(text))  # type: ignore[arg-type]
    if pair.new is None and pair.old is not None:
        row = a[pair.old]
        return Change(entity, "removed", field=text, old_key=str(row.get(key)), old_value=row.get(text))  # type: ignore[arg-type]
    return None


def dominant(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For each old container (section, parent item), the new one most of its matched members went to.

    A member is *moved* only when it went elsewhere than its container's
    dominant target; a container whose dominant target has another name was
    renumbered as a whole (reported once, not once per member).
    """
    counts: dict[str, Counter[str]] = {}
    for old, new in pairs:
        counts.setdefault(old, Counter())[new] += 1
    return {old: c.most_common(1)[0][0] for old, c in counts.items()}


def renumbering(mapping: dict[str, str], field: str, what: str) -> list[Change]:
    """One ``document`` change listing the containers renumbered as a whole ("I → II, II → III"), if any."""
    moved = [(a, b) for a, b in mapping.items() if a != b and a and b]
    if not moved:
        return []
    detail = ", ".join(f"{a} → {b}" for a, b in moved)
    return [
        Change(
            "document",
            "changed",
            field=field,
            old_value=", ".join(a for a, _ in moved),
            new_value=", ".join(b for _, b in moved),
            detail=f"{what} renumbered: {detail}",
        )
    ]
