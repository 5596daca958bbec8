"""An appendix file on its own (phụ lục tách rời): its "header" is the note tying it to its document.

Offices publish an appendix as a file of its own: no national motto, no "Số:"
line, no signature, only an optional "PHỤ LỤC 3" line, the appendix's title in
capitals and the note "(Kèm theo Quyết định số …/QĐ-UBND ngày … của Chủ tịch
Ủy ban nhân dân tỉnh Lào Cai)" (Decree 30/2020, Appendix I, part II: phụ lục
kèm theo văn bản). Such a file is of type ``"Phụ lục"``; its title is the
capitalised heading; its issuer is the body the note names after "của", else the
body whose code ends the cited symbol ("1043/BTP-…" → Bộ Tư pháp). Number and
date stay those of the appendix itself: none.
"""

from __future__ import annotations

import re

from pipeline.model import Decision, Line, Note, Span
from pipeline.structure import patterns as P
from pipeline.text import normalize

#: Lines searched for the heading and its note.
WINDOW = 12
#: "Phụ lục 3", "PHỤ LỤC II": the label line above an appendix's title.
_LABEL = re.compile(r"^Phụ\s*lục(?:\s+[0-9IVXLC]+[a-z]?(?:\.\d+)?)?\s*:?$", re.IGNORECASE)
#: The note's issuer: "… của Bộ trưởng Bộ Khoa học và Công nghệ)".
_OF = re.compile(r"\bcủa\s+(?P<issuer>[^()]+?)\s*\)?\s*$")
#: The cited symbol (ký hiệu): "1043/BTP-QLXLVPHC&TDTHPL", "13/2004/QĐ-BKHCN".
_SYMBOL = re.compile(r"\d+\s*/\s*(?:\d{4}\s*/\s*)?(?P<symbol>[A-ZĐ][A-Za-zĐđ&-]*)")


def parse_attachment(lines: list[Line], decision: Decision) -> int | None:
    """Fill ``doc_type``/``title``/``issuer`` of an appendix file on its own; return the index after its note.

    ``None`` (nothing set) when the first lines hold a national motto or a
    "Số:" line, or no capitalised heading followed by a "(Kèm theo …)" note.
    """
    items = [(i, normalize(ln.text)) for i, ln in enumerate(lines[:WINDOW * 3])]
    items = [(i, t) for i, t in items if t and not P.SEPARATOR.match(t)][:WINDOW]
    if any(P.MOTTO.search(t) or P.NUMBER_LINE.match(t) for _, t in items):
        return None
    heading: list[tuple[int, str]] = []
    for k, (i, text) in enumerate(items):
        if _LABEL.match(text) and not heading:
            continue
        if text.startswith("(") and P.ATTACHED_BY.match(text.lstrip("( ")) and heading:
            note = " ".join(t for _, t in items[k : k + 2] if not _LABEL.match(t))
            note = note[: note.find(")") + 1] if ")" in note else note
            _fill(decision, lines[heading[0][0]], " ".join(t for _, t in heading), note)
            return i + (1 if ")" in text else 2)
        if text.upper() != text or not any(c.isalpha() for c in text) or (not heading and text in P.DOC_TYPES):
            return None  # prose, or a document's own type line ("QUYẾT ĐỊNH" of a gazette copy)
        heading.append((i, text))
    return None


def _fill(decision: Decision, first: Line, title: str, note: str) -> None:
    decision.doc_type = "Phụ lục"
    decision.title = title
    decision.spans["title"] = Span(page=first.page, bbox=first.bbox, block=first.block)
    m = _OF.search(note)
    issuer = m.group("issuer").strip() if m else _issuer_of_code(note)
    if issuer:
        decision.issuer = issuer
        decision.authority = issuer
    decision.warnings.append(Note("appendix_standalone", "doc_type", "appendix file on its own: type 'Phụ lục', issuer from its '(Kèm theo …)' note"))


def _issuer_of_code(note: str) -> str | None:
    """The central body named by a code of the cited symbol ("BTP" → Bộ Tư pháp), if the gazetteer knows it."""
    from pipeline.nlp.gazetteer import load_gazetteer

    m = _SYMBOL.search(note)
    if m is None:
        return None
    forms = load_gazetteer().forms
    for code in m.group("symbol").split("-"):
        # A ministry's code is "B" glued to its initials ("BTP" = "Bộ TP").
        agency = forms.get(code) or (forms.get("Bộ " + code[1:]) if code.startswith("B") else None)
        if agency is not None and agency.level == "central":
            return agency.canonical
    return None
