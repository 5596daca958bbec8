"""Structure: the Decree 30/2020 parts of a document, its plan and its appendix table.

:func:`parse` is the stage's one entry point: ``Document`` in, ``Decision`` out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Citation, Decision, Document, Line
from pipeline.structure import patterns as P
from pipeline.structure.appendix import check_ordinals, parse_appendix
from pipeline.structure.articles import parse_articles
from pipeline.structure.citations import parse_citations
from pipeline.structure.completion import complete
from pipeline.structure.flat import prepare_lines
from pipeline.structure.header import parse_header, read_title
from pipeline.structure.paragraphs import Paragraph, make_part, paragraphs
from pipeline.structure.period import plan_period
from pipeline.structure.plan import parse_plan
from pipeline.structure.prose_tasks import prose_tasks
from pipeline.structure.preamble import parse_preamble, preamble_end
from pipeline.structure.recipients import find_recipients
from pipeline.structure.signature import find_signature
from pipeline.structure.tables import document_tables
from pipeline.text import normalize
from pipeline.text.syllables import rejoin_split_syllables

__all__ = ["parse"]

#: Formats whose lines are flattened web text (lines broken mid-phrase, "|" cells).
FLAT_FORMATS = ("text", "markdown", "html")
#: Spreadsheets: workbooks carry no Decree 30 header; one without a type line is
#: filed as what workbooks are among administrative documents, an appendix (Phụ lục).
SPREADSHEET_FORMATS = ("xlsx", "xls")
SPREADSHEET_TYPE = "Phụ lục"
_APPENDIX_HEAD = re.compile(r"^Phụ\s*lục\b", re.IGNORECASE)


def parse(document: Document) -> Decision:
    """Parse a :class:`Document` into a :class:`Decision`.

    Reads the header (issuer, number, place and date, type, title, authority),
    the preamble (legal bases, recitals), the body (articles, clauses, points),
    the closing (recipients, signature), the attached or self-standing plan
    (sections, items, targets), the appendix tasks and every citation. Never
    raises on missing parts: they stay ``None``/empty and a warning may say why.
    """
    decision = Decision(document=document)
    flat = document.source_format in FLAT_FORMATS
    lines = document.lines()
    if flat:
        lines = prepare_lines(lines)
    elif document.source_format == "pdf":
        lines = [_repaired(line) for line in lines]
    start = _header_start(lines)
    body_start = start + parse_header(lines[start:], decision)
    complete(decision)
    if decision.doc_type is None and document.source_format in SPREADSHEET_FORMATS:
        decision.doc_type = SPREADSHEET_TYPE
    attached = _attached_plan(lines, body_start)
    main_end = attached if attached is not None else len(lines)
    decision.signature = find_signature(lines, body_start, main_end)
    _plan_title(decision, lines, attached)
    paras = paragraphs(lines, body_start, main_end, flat=flat)
    closing = next((i for i, p in enumerate(paras) if P.RECIPIENTS_HEAD.match(p.text)), len(paras))
    cut = preamble_end(paras[:closing])
    part, decision.legal_bases, mentions = parse_preamble(paras[:cut], decision.doc_type)
    _add_part(decision, part, mentions)
    body = paras[cut:closing]
    if decision.doc_type == "Kế hoạch" and attached is None:
        _plan(decision, body)
    else:
        body_part, starts = make_part("body", body)
        decision.articles = parse_articles(body, starts)
        _add_part(decision, body_part, _mentions(body, starts))
        if attached is not None:
            plan_paras = paragraphs(lines, attached + 1, len(lines), flat=flat)
            _plan(decision, _plan_region(plan_paras))
    to = next((P.ADDRESSEE.match(p.text) for p in paras[:cut] if P.ADDRESSEE.match(p.text)), None)
    decision.recipients_to = to.group("to").strip() if to else None
    found = find_recipients(lines, body_start, main_end)
    if found is not None:
        part, decision.recipients, decision.archive_note = found
        decision.parts[part.name] = part
    decision.tables = document_tables(document)
    decision.tasks = parse_appendix(
        decision.tables, repair=document.source_format == "pdf", lines=document.lines()
    )
    decision.warnings.extend(check_ordinals(decision.tasks))
    decision.tasks.extend(prose_tasks(lines[body_start:], start_index=len(decision.tasks)))
    for task in decision.tasks:
        for name in ("task_text", "product_text", "deadline_text"):
            text = getattr(task, name)
            for c in parse_citations(text or ""):
                decision.citations.append((f"task:{task.row_index}:{name}", c))
    return decision


def _repaired(line: Line) -> Line:
    """The line with syllables split by the text layer joined again ("Th ự c hi ện")."""
    text = rejoin_split_syllables(line.text)
    return line if text == line.text else replace(line, text=text)


def _header_start(lines: list[Line]) -> int:
    """First line of the header block: the issuer lines above the national motto.

    Web copies put site metadata first; walking back from the motto over
    capitalised lines, separators, the number line and a "V/v" line finds the
    issuer's first line. Without a motto the header starts at line 0.
    """
    motto = next((i for i, ln in enumerate(lines[:80]) if P.MOTTO.search(normalize(ln.text))), None)
    if motto is None:
        return 0
    start = motto
    for j in range(motto - 1, max(-1, motto - 10), -1):
        text = normalize(lines[j].text)
        if not text or P.SEPARATOR.match(text):
            continue
        caps = text.upper() == text and any(c.isalpha() for c in text)
        if caps or P.NUMBER_LINE.match(text) or P.LETTER_TITLE.match(text) or lines[j].column == 1:
            start = j
            continue
        break
    while start > 0 and not normalize(lines[start - 1].text):
        start -= 1
    return start if start < motto or motto == 0 else motto


def _attached_plan(lines: list[Line], start: int) -> int | None:
    """Index of a "KẾ HOẠCH" type line after the main document's signature, if any."""
    seen_closing = False
    for i in range(start, len(lines)):
        text = normalize(lines[i].text)
        if P.RECIPIENTS_HEAD.match(text):
            seen_closing = True
        elif seen_closing and text == "KẾ HOẠCH" and lines[i].column == 0:
            return i
    return None


def _plan_title(decision: Decision, lines: list[Line], attached: int | None) -> None:
    """Set ``plan_title``/``plan_year`` from the attached plan or the document itself.

    ``plan_year`` is the first year of the plan's period (:func:`plan_period`): the
    named year or span start, else the year of issue for a roadmap "… đến năm 2035".
    """
    title = None
    if attached is not None:
        title, _ = read_title(lines, attached + 1)
    elif decision.doc_type == "Kế hoạch":
        title = decision.title
    if not title:
        return
    decision.plan_title = "Kế hoạch " + _title_tail(title)
    issue_year = decision.issue_date.year if decision.issue_date else None
    decision.plan_year = plan_period(title, issue_year)[0]


def _title_tail(title: str) -> str:
    """The title after "Kế hoạch": its first letter lowered when it opens a sentence ("Cải cách …"
    → "cải cách …"); an upper-case first word ("THỰC HIỆN LỘ TRÌNH …", "CCHC …") keeps its case,
    so no single letter of an upper-case word is lowered ("tHỰC HIỆN")."""
    first = title.split(maxsplit=1)[0] if title.strip() else ""
    letters = [c for c in first if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return title
    return title[:1].lower() + title[1:]


def _plan_region(paras: list[Paragraph]) -> list[Paragraph]:
    """An attached plan's paragraphs: from its first section or item to its closing, signature or appendix."""
    first = next((i for i, p in enumerate(paras) if P.SECTION.match(p.text) or P.PART_HEADING.match(p.text)), None)
    if first is None:
        return []
    out = []
    for p in paras[first:]:
        if P.RECIPIENTS_HEAD.match(p.text) or _APPENDIX_HEAD.match(p.text) or _signing_capacity(p.text):
            break
        out.append(p)
    return out


def _signing_capacity(text: str) -> bool:
    """A signature block's first line ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"): capitals after the abbreviation."""
    m = P.CAPACITY.match(text.split("\n", 1)[0].strip())
    return bool(m) and m.group("rest").upper() == m.group("rest")


def _plan(decision: Decision, paras: list[Paragraph]) -> None:
    part, starts = make_part("plan", paras)
    decision.plan_items, decision.targets = parse_plan(paras, starts)
    _add_part(decision, part, _mentions(paras, starts))


def _mentions(paras: list[Paragraph], starts: list[int]) -> list[Citation]:
    out: list[Citation] = []
    for para, offset in zip(paras, starts):
        for c in parse_citations(para.text):
            c.start += offset
            c.end += offset
            out.append(c)
    return out


def _add_part(decision: Decision, part, mentions: list[Citation]) -> None:  # type: ignore[no-untyped-def]
    if part.text:
        decision.parts[part.name] = part
    decision.citations.extend((part.name, c) for c in mentions)

