"""Assignments from tagged cells: who leads, coordinates, appraises, monitors.

Two layouts (DESIGN.md §1): in 7-column tables the column gives the role
(Chủ trì → lead, Phối hợp → coordinate, Theo dõi, kiểm tra, đôn đốc →
monitor); in 5-column tables the role comes from the text of the "Phân công"
cell. The text grammar works clause by clause (lines and ";"):

- the agencies opening a clause are its subject; "chủ trì" makes them lead;
- "phối hợp với X V": X coordinates when the subject leads; otherwise a named X
  is the principal (role of V: thẩm định → appraise, tổng hợp/theo dõi/đôn
  đốc/kiểm tra → monitor, else lead) and the subject coordinates; when X is only
  a collective, the subject is the performer and X coordinates;
- appraise and monitor verbs give their role to the subject;
- a subject with no role cue is the named performer (lead);
- bodies right after "tham mưu", "trình", "báo cáo" are advised (the
  ``advises`` field), and bodies after "được"/"của" approve or own a
  product; neither is an assignee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.model import Assignment
from pipeline.model.task_columns import TASK_COLUMNS
from pipeline.nlp.collectives import collective_level, collective_name, item_is_collective
from pipeline.nlp.tokenizer import doc_key, doc_text
from pipeline.nlp.wraps import wraps

_CLAUSE_BREAK = re.compile(r"\n|;|(?<!\w)đồng thời(?!\w)|\s[-–+•]\s")
_LINK = re.compile(r"^[\s,:]*(?:và|cùng|cho|với)?[\s,:]*(?:các\s+)?$")
_NOT_ASSIGNEE = re.compile(r"(?:được|của|thuộc|bởi)\s*$")
_REFERENCE = re.compile(r"^\s*theo\s+(?:phân\s+công|các\s+mốc)", re.I)

#: The role every agency of a who-column holds (lead_text → lead), from the task-column registry.
COLUMN_ROLES = {c.attr: c.role for c in TASK_COLUMNS if c.tag == "role" and c.role}


def cell_items(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the items of a 7-column agency cell: split on ";" and on line breaks,
    except a line break that wraps one name (:func:`pipeline.nlp.wraps.wraps`)."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == ";" or (ch == "\n" and not wraps(text[start:i], text[i + 1 :])):
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


@dataclass(slots=True)
class _Event:
    span: Span
    is_cue: bool

    @property
    def role(self) -> str:
        return self.span.kb_id_


def _clauses(doc: Doc, agencies: list[Span]) -> list[tuple[int, int]]:
    """Character ranges of the clauses: split at line breaks, ";", "đồng thời" and
    at a bullet " - " run into the line (flattened lists), never inside an agency
    name ("Lao động - Thương binh và Xã hội")."""
    key = doc_key(doc)
    bounds, pos = [], 0
    for m in _CLAUSE_BREAK.finditer(key):
        if any(s.start_char <= m.start() < s.end_char for s in agencies):
            continue
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(key)))
    return [(a, b) for a, b in bounds if key[a:b].strip()]


def _group(key: str, events: list[_Event], i: int) -> int:
    """Index after the run of agencies starting at ``events[i]`` joined by ',', 'và'."""
    j = i + 1
    while j < len(events) and not events[j].is_cue:
        gap = key[events[j - 1].span.end_char: events[j].span.start_char]
        if not _LINK.match(gap):
            break
        j += 1
    return j


def _make(span: Span, role: str, row_index: int, field: str) -> Assignment:
    a = span._.agency
    return Assignment(
        row_index=row_index,
        agency=a["canonical"],
        agency_kind=a["kind"],
        agency_level=a["level"],
        role=role,
        mention=span.text,
        field=field,
        start=span.start_char,
        end=span.end_char,
        collective=a["collective"],
        successor=a["successor"],
    )


def _next_verb_role(events: list[_Event], j: int) -> str | None:
    if j < len(events) and events[j].is_cue and events[j].role in ("appraise", "monitor"):
        return events[j].role
    return None


def _coordinate(key: str, events: list[_Event], i: int, has_subject: bool, roles: set[str], out: list) -> int:
    """Roles from "phối hợp với X [V]" at ``events[i]``; returns the index after it.

    Adds the subject's role to ``roles`` and ``(span, role)`` pairs of the
    objects X to ``out`` (see the module docstring for the rule).
    """
    j = _group(key, events, i + 1)
    objects = [e.span for e in events[i + 1: j]]
    named = [s for s in objects if not s._.agency["collective"]]
    verb = _next_verb_role(events, j)
    if "lead" in roles or not has_subject:
        out.extend((s, "coordinate") for s in objects)
    elif named:
        roles.add("coordinate")
        out.extend((s, verb or "lead") for s in named)
        out.extend((s, "coordinate") for s in objects if s not in named)
    else:
        roles.add(verb or "lead")
        out.extend((s, "coordinate") for s in objects)
    return j + (1 if verb else 0)


def _clause(doc: Doc, key: str, events: list[_Event], row_index: int, field: str) -> list[Assignment]:
    out: list[tuple[Span, str]] = []
    advised: list[Span] = []
    subject: list[Span] = []
    roles: set[str] = set()
    i = 0
    if events and not events[0].is_cue:
        j = _group(key, events, 0)
        subject = [e.span for e in events[:j]]
        i = j
    while i < len(events):
        ev = events[i]
        if not ev.is_cue:
            j = _group(key, events, i)
            before = key[max(0, ev.span.start_char - 12): ev.span.start_char]
            if not _NOT_ASSIGNEE.search(before):
                out.extend((e.span, "lead") for e in events[i:j] if e.span._.agency["collective"])
            i = j
            continue
        role = ev.role
        nxt = events[i + 1] if i + 1 < len(events) else None
        adjacent = nxt is not None and not nxt.is_cue and _LINK.match(key[ev.span.end_char: nxt.span.start_char])
        if role == "advise":
            if adjacent:
                j = _group(key, events, i + 1)
                advised.extend(e.span for e in events[i + 1: j])
                i = j
                continue
        elif role == "coordinate":
            if not adjacent and not key[ev.span.start_char: ev.span.end_char].endswith(("với", "cùng")):
                i += 1  # "Quy chế phối hợp": a noun, not a cue
                continue
            if adjacent:
                i = _coordinate(key, events, i, bool(subject), roles, out)
                continue
        elif role in ("lead", "appraise", "monitor") and subject:
            roles.add(role)
        i += 1
    if subject and not roles:
        roles.add("lead")
    for span in subject:
        out.extend((span, role) for role in sorted(roles))
    advises = "; ".join(dict.fromkeys(s._.agency["canonical"] for s in advised)) or None
    result = []
    for span, role in out:
        if span in advised:
            continue
        a = _make(span, role, row_index, field)
        a.advises = advises
        result.append(a)
    return result


def assign_text(doc: Doc, row_index: int, field: str = "assignment_text") -> list[Assignment]:
    """Assignments from a free-text "Phân công" cell (5-column layout), in text order.

    ``doc`` must have been through the ``vn_agencies`` and ``vn_role_cues``
    components. The same agency may appear with several roles.
    """
    key = doc_key(doc)
    agencies = list(doc.spans.get("agencies", []))
    cues = list(doc.spans.get("role_cues", []))
    out: list[Assignment] = []
    for a, b in _clauses(doc, agencies):
        events = [_Event(s, False) for s in agencies if a <= s.start_char < b]
        events += [_Event(s, True) for s in cues if a <= s.start_char < b]
        events.sort(key=lambda e: e.span.start_char)
        if events:
            out.extend(_clause(doc, key, events, row_index, field))
    return _dedupe(out)


def assign_column(doc: Doc, row_index: int, field: str) -> tuple[list[Assignment], list[str]]:
    """Assignments from a 7-column agency cell whose column gives the role.

    Returns ``(assignments, unresolved items)``. Items are split on ";" and line
    breaks, except a break inside a name (:func:`cell_items`); an item is resolved when agency spans cover all its words, when it
    opens with a collective noun ("Cơ quan, địa phương có liên quan" → one
    collective), or when it refers to another document's allocation ("Theo
    phân công tại Quyết định số …", no assignee).
    """
    role = COLUMN_ROLES[field]
    key = doc_key(doc)
    spans = list(doc.spans.get("agencies", []))
    out: list[Assignment] = []
    unresolved: list[str] = []
    text = doc_text(doc)
    for a, b in cell_items(text):
        item = text[a:b].strip(" .,\n")
        if not item:
            continue
        if _REFERENCE.match(item):
            continue
        inside = [s for s in spans if a <= s.start_char and s.end_char <= b]
        covered = set()
        for s in inside:
            covered.update(range(s.start_char, s.end_char))
        words = [w for w in re.finditer(r"\w+", key[a:b]) if w.group() not in ("và", "các", "tỉnh")]
        if inside and all(a + w.start() in covered for w in words):
            out.extend(_make(s, role, row_index, field) for s in inside)
        elif item_is_collective(key[a:b]):
            start = a + len(text[a:b]) - len(text[a:b].lstrip())
            span = doc.char_span(start, a + len(text[a:b].rstrip(" .,")), alignment_mode="expand")
            out.append(
                Assignment(row_index, collective_name(span.text), "collective", collective_level(key[a:b]), role,
                           span.text, field, span.start_char, span.end_char, collective=True)
            )
        else:
            unresolved.append(item)
            out.extend(_make(s, role, row_index, field) for s in inside)
    return _dedupe(out), unresolved


def _dedupe(items: list[Assignment]) -> list[Assignment]:
    seen, out = set(), []
    for a in items:
        k = (a.agency, a.role, a.collective)
        if k not in seen:
            seen.add(k)
            out.append(a)
    return out
