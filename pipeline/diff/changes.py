"""The records a plan diff produces (one :class:`Change` per reported difference)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, Literal

from pipeline.diff.plan import Plan, Row
from pipeline.diff.words import Op

Entity = Literal["document", "task", "plan_item", "target", "legal_basis"]
Kind = Literal["added", "removed", "reworded", "editorial", "changed", "moved"]


@dataclass(slots=True)
class Change:
    """One difference between an old and a new plan.

    ``entity`` is what changed (a task row, a plan item, a target, a legal
    basis, a header field of the document); ``kind`` is how: added, removed,
    reworded (text of substance changed; ``words`` holds the word diff),
    editorial (only case, punctuation or abbreviations changed), changed (a
    field's value, with ``detail`` saying by how much), moved (to another
    section or item path). ``old_key``/``new_key`` are ``task_id`` or
    ``item_path`` on each side; ``score`` the alignment similarity (0–100).
    """

    entity: Entity
    kind: Kind
    field: str | None = None
    old_key: str | None = None
    new_key: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    detail: str | None = None
    score: float | None = None
    words: list[Op] = _field(default_factory=list)


@dataclass(slots=True)
class Card:
    """One aligned task pair for the side-by-side view: old row, new row (either may be ``None``)."""

    old: Row | None
    new: Row | None
    score: float
    changes: list[Change] = _field(default_factory=list)

    @property
    def status(self) -> str:
        """added, removed, changed (substance), editorial, or same."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        kinds = {c.kind for c in self.changes}
        if kinds - {"editorial"}:
            return "changed"
        return "editorial" if kinds else "same"


@dataclass(slots=True)
class PlanDiff:
    """Everything one diff found: the two plans, the changes, and the task cards in new order.

    ``unrelated`` is set when the documents look unrelated (different issuers and
    provinces, little text in common): nothing but the header was compared.
    """

    old: Plan
    new: Plan
    changes: list[Change] = _field(default_factory=list)
    cards: list[Card] = _field(default_factory=list)
    sources: dict[str, str] = _field(default_factory=dict)
    #: Why the two documents look unrelated (then tasks and body were not compared), else ``None``.
    unrelated: str | None = None
    #: The tasks were aligned although the documents look unrelated (``--force``).
    forced: bool = False

    def of(self, entity: str, kind: str | None = None) -> list[Change]:
        """Changes of one entity (and kind)."""
        return [c for c in self.changes if c.entity == entity and (kind is None or c.kind == kind)]

    def summary(self) -> list[dict[str, Any]]:
        """Counts per entity: rows on each side and changes per kind (the summary table)."""
        items = "plan_items" in self.old.available & self.new.available
        sizes = {
            "task": (len(self.old.get("tasks")), len(self.new.get("tasks"))),
            "plan_item": (
                len(self.old.get("plan_items") if items else self.old.paragraphs),
                len(self.new.get("plan_items") if items else self.new.paragraphs),
            ),
            "target": (len(self.old.get("targets")), len(self.new.get("targets"))),
            "legal_basis": (len(self.old.get("legal_bases")), len(self.new.get("legal_bases"))),
        }
        out = []
        for entity, (n_old, n_new) in sizes.items():
            row: dict[str, Any] = {"entity": entity, "old": n_old, "new": n_new}
            for kind in ("added", "removed", "reworded", "changed", "moved", "editorial"):
                row[kind] = len(self.of(entity, kind))
            out.append(row)
        return out
