"""The plan outside the appendix: body items, numeric targets, legal bases, header fields.

Each part is compared only when both plans have it (``Plan.available``): a
dataset the older run did not write is unknown, not empty, and comparing it
would report every row of the other plan as added.
"""

from __future__ import annotations

from pipeline.diff.align import NO_MATCH, align, same_text
from pipeline.diff.changes import Change
from pipeline.diff.fields import dominant, renumbering, text_change, unmatched
from pipeline.diff.plan import Plan, Row

#: Header fields of the documents row reported when they change.
HEADER_FIELDS = ("number", "issue_date", "title", "plan_title", "signer_name", "signer_position", "signing_capacity")

#: Weights of a target's subject (what is measured) and its printed cue and value when aligning.
TARGET_WEIGHTS = (0.85, 0.15)

#: Legal-basis fields compared once two bases cite the same document.
BASIS_FIELDS = ("kind", "cited_date", "cited_issuer", "cited_title")


def _parent(row: Row) -> str:
    """The item a plan item hangs under (``parent_path``, else its path less the last step)."""
    parent = row.get("parent_path")
    return str(parent) if parent is not None else str(row.get("path") or "").rpartition(".")[0]


def _section(path: str) -> str:
    """First step of an item path: the plan section ("II" of "II.6.a")."""
    return path.split(".")[0]


def diff_items(old: Plan, new: Plan, threshold: float = NO_MATCH) -> list[Change]:
    """Plan items (body text) added, removed, reworded, or moved under another item.

    Uses ``plan_items`` (``path`` such as "I.2.a", ``text``) when both plans have
    them, else the body paragraphs (paths are line positions: no moves). An
    item is *moved* only when its parent differs from where most of its old
    parent's items went (:func:`~pipeline.diff.fields.dominant`): bullets
    renumbered below an insertion, or a whole section renumbered (reported once
    as a ``document`` change), are not moves. Returns ``[]`` when the body of
    one plan is unknown.
    """
    both = old.available & new.available
    real = "plan_items" in both
    if not real and "paragraphs" not in both:
        return []
    a = old.get("plan_items") if real else old.paragraphs
    b = new.get("plan_items") if real else new.paragraphs
    pairs = align([(r.get("text"),) for r in a], [(r.get("text"),) for r in b], threshold=threshold)
    matched = [(a[p.old], b[p.new], p.score) for p in pairs if p.old is not None and p.new is not None]
    parents = dominant((_parent(ra), _parent(rb)) for ra, rb, _ in matched)
    changes: list[Change] = []
    if real:
        sections = dominant((_section(str(ra.get("path"))), _section(str(rb.get("path")))) for ra, rb, _ in matched)
        changes += renumbering(sections, "plan_section", "plan sections")
    changes += [c for p in pairs if (c := unmatched("plan_item", p, a, b, "path", "text")) is not None]
    for ra, rb, score in matched:
        keys = (str(ra.get("path")), str(rb.get("path")))
        change = text_change("plan_item", "text", ra.get("text"), rb.get("text"), keys)
        if change is not None:
            change.score = score
            changes.append(change)
        if real and _parent(rb) != parents.get(_parent(ra)):
            changes.append(
                Change("plan_item", "moved", "path", *keys, keys[0], keys[1], f"{keys[0]} → {keys[1]}", score)
            )
    return changes


def _target_value(row: Row) -> str:
    """ "> 90 %" from a targets row (comparator, value, unit)."""
    value = row.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(x) for x in (row.get("comparator"), value, row.get("unit")) if x not in (None, ""))


def _target_label(row: Row) -> str:
    """What a target measures and its value as printed: "Tỷ lệ giải ngân … (đạt trên 90%)"."""
    subject, text = row.get("subject") or "", row.get("text") or ""
    return f"{subject} ({text})" if subject and text and text not in subject else str(subject or text)


def diff_targets(old: Plan, new: Plan, threshold: float = NO_MATCH) -> list[Change]:
    """Numeric targets added, removed, or changed in value, comparator or unit (50 % → 60 %).

    Targets are aligned on their subject; a pair whose comparator, value or unit
    differs is one ``changed`` row with ``detail`` "= 100 % → > 90 %".
    """
    if "targets" not in old.available & new.available:
        return []
    a, b = old.get("targets"), new.get("targets")
    keys = [[(r.get("subject") or r.get("text"), r.get("text")) for r in rows] for rows in (a, b)]
    changes: list[Change] = []
    for pair in align(keys[0], keys[1], TARGET_WEIGHTS, threshold):
        ra = a[pair.old] if pair.old is not None else None
        rb = b[pair.new] if pair.new is not None else None
        if ra is not None and rb is not None and _target_value(ra) == _target_value(rb):
            continue
        kind = "changed" if ra is not None and rb is not None else ("added" if ra is None else "removed")
        values = [_target_value(r) if r is not None else "—" for r in (ra, rb)]
        changes.append(
            Change(
                "target",
                kind,  # type: ignore[arg-type]
                field="value",
                old_key=str(ra.get("item_path")) if ra is not None else None,
                new_key=str(rb.get("item_path")) if rb is not None else None,
                old_value=_target_label(ra) if ra is not None else None,
                new_value=_target_label(rb) if rb is not None else None,
                detail=f"{values[0]} → {values[1]}",
                score=pair.score if kind == "changed" else None,
            )
        )
    return changes


def _basis_key(row: Row) -> str:
    """What a legal basis cites: type and number ("Nghị quyết 76/NQ-CP"), type and title for laws
    cited by name ("Luật Tổ chức chính quyền địa phương"), else the clause's text."""
    name = row.get("cited_number") or row.get("cited_title")
    return f"{row.get('cited_type') or ''} {name}".strip() if name else str(row.get("text") or "")


def diff_legal_bases(old: Plan, new: Plan) -> list[Change]:
    """Legal bases (Căn cứ, Xét đề nghị …) added or removed, or citing the same document with another date or title."""
    if "legal_bases" not in old.available & new.available:
        return []
    a, b = old.get("legal_bases"), new.get("legal_bases")
    changes: list[Change] = []
    for pair in align([(_basis_key(r),) for r in a], [(_basis_key(r),) for r in b], threshold=90.0):
        if pair.old is None or pair.new is None:
            change = unmatched("legal_basis", pair, a, b, "cited_number", "text")
            changes += [change] if change is not None else []
            continue
        ra, rb = a[pair.old], b[pair.new]
        for name in BASIS_FIELDS:
            va, vb = ra.get(name), rb.get(name)
            if (va or None) != (vb or None) and not same_text(str(va or ""), str(vb or "")):
                keys = (_basis_key(ra), _basis_key(rb))
                changes.append(
                    Change("legal_basis", "changed", name, *keys, str(va), str(vb), f"{name} changed", pair.score)
                )
    return changes


def diff_header(old: Plan, new: Plan) -> list[Change]:
    """Header fields of the documents row that differ (number, date, signer …)."""
    changes = []
    for name in HEADER_FIELDS:
        va, vb = old.document.get(name), new.document.get(name)
        if (va or None) != (vb or None) and not same_text(str(va or ""), str(vb or "")):
            values = (None if va is None else str(va), None if vb is None else str(vb))
            changes.append(Change("document", "changed", name, old.doc_id, new.doc_id, *values))
    return changes
