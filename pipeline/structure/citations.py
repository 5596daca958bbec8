"""Citations of other documents (trích dẫn văn bản) anywhere in a text.

:func:`parse_citations` is a pure function: normalised text in, every mention of
a document out, in order, each with its character span. The grammar (patterns
in :mod:`pipeline.structure.patterns`)::

    TYPE ["số"] NUMBER [","] ["ngày" DATE] ["của" ISSUER] [TITLE]    numbered documents
    ACT NAME ["ngày" DATE | "năm" YEAR]                            Luật / Bộ luật / Pháp lệnh
    "số" NUMBER ["ngày" DATE] ["của" ISSUER]                       typeless ("các văn bản: số 4011/UBND-VX2")
    PROPOSER "tại" TYPE NUMBER …                                    issuer stated before (recitals)

Examples: "Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành …",
"Luật Tổ chức chính quyền địa phương ngày 19/6/2015", "Kế hoạch hành động số
4304/KH-UBND ngày 03/7/2015 của UBND tỉnh", "Công văn 285/CCTTHC ngày 08 tháng 9
năm 2009 của Tổ công tác …", "Giám đốc Sở Nội vụ tại Tờ trình số 1133/TTr-SNV
ngày20/6/2013".

:func:`top_level` picks, among the citations of one preamble clause, those that
are bases of their own (a chain sharing one "Căn cứ"), leaving documents named
only inside another's description.
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.model import Citation
from pipeline.structure import patterns as P
from pipeline.structure.names import issuer_form

#: The most words a law's name (without date) is read over.
ACT_NAME_MAX_WORDS = 14
#: A stated issuer longer than this is a description, not a body.
ISSUER_MAX_WORDS = 24
#: Characters looked at around one mention (a clause, an issuer, a title are far shorter):
#: every search is bounded by it, so parsing time grows linearly with the text's length.
WINDOW = 1500
#: Characters read after a law's type word: its name is at most ACT_NAME_MAX_WORDS words, then a date.
ACT_WINDOW = 600

_TYPELESS = re.compile(r"(?<!\w)số\s*(?=\d)", re.IGNORECASE)
_ACT_END = re.compile(r"\s*(?:[,;.(\n]|\s(?:và các|để|nhằm|gắn với|theo|trong|đối với|đã|được)\s)")
#: "số" before a law's number after its name: "Luật Tổ chức Chính phủ số 63/2025/QH15".
_ACT_NUMBER = re.compile(r"\s+số\s*(?=\d)")
#: What cannot stand inside a law's name (its commas may: "Luật Cán bộ, công chức số 80/2025/QH15").
_NOT_IN_ACT_NAME = re.compile(r"[;.()/\n]|\s(?:và các|để|nhằm|gắn với|theo|trong|đối với|đã|được|tại)\s")
_TITLE_LEAD = re.compile(r"^[\s,:]*(?:(?:về việc|v/v|về)\s*:?\s*)?", re.IGNORECASE)
_TITLE_END = re.compile(r"[;\n]|\.(?:\s|$)|,\s*(?=(?:" + P.CITED_TYPE_ALTERNATION + r")\s+(?:số\s*)?\d)", re.IGNORECASE)
_PROPOSER_CUT = re.compile(r";|(?:^|\s)(?:của|và)\s|\bđề nghị\s", re.IGNORECASE)


def parse_citations(text: str) -> list[Citation]:
    """Every document mention in ``text`` (normalised), in order of position.

    Spans (``start``, ``end``) cover the type word through the number, date and
    stated issuer; ``cited_title`` is read after them up to the end of the
    clause or the next chained document. Never raises.
    """
    found: list[Citation] = []
    head_end = 0
    for m in P.CITED_TYPE.finditer(text):
        if m.start() < head_end:
            continue
        citation = _numbered(text, m) or _named_act(text, m)
        if citation is not None:
            found.append(citation)
            head_end = citation.end
    covered = [(c.start, c.end) for c in found]  # in order, not overlapping
    k = 0
    for m in _TYPELESS.finditer(text):
        while k < len(covered) and covered[k][1] <= m.start():
            k += 1
        if k < len(covered) and covered[k][0] <= m.start():
            continue
        citation = _typeless(text, m)
        if citation is not None:
            found.append(citation)
    found.sort(key=lambda c: c.start)
    for i, citation in enumerate(found):
        if citation.cited_title is None:
            nxt = found[i + 1].start if i + 1 < len(found) else len(text)
            citation.cited_title = _title(text, citation.end, nxt)
        if citation.cited_issuer is None:
            citation.cited_issuer = _proposer(text, citation.start, found[i - 1].end if i else 0)
    return found


def top_level(clause: str, citations: list[Citation], recital: bool = False) -> list[Citation]:
    """The citations of one preamble clause that are bases of their own.

    The first citation of the clause is one; a later one is one when only
    separators (",", ";", "và") stand between it and the end of the previous
    base's title, or — in recitals ("Xét đề nghị …") — when it follows a proposer
    and "tại" ("…; Ủy ban nhân dân huyện Long Thành tại Tờ trình số …"). A
    document named inside another's description ("sửa đổi … của Nghị quyết số
    30c/NQ-CP") is a mention, not a base.
    """
    bases: list[Citation] = []
    for citation in citations:
        if not bases:
            bases.append(citation)
            continue
        prev = bases[-1]
        gap_start = prev.end + len(_title_span(clause, prev))
        gap = clause[gap_start : citation.start]
        if citation.start >= gap_start and P.CHAIN_GAP.match(gap):
            bases.append(citation)
        elif recital and P.AT_CITATION.search(clause[: citation.start]) and _separated(clause, prev.end, citation.start):
            bases.append(citation)
    return bases


def _separated(clause: str, a: int, b: int) -> bool:
    """A recital's next proposer starts after ";" / "và" / "," following the previous document."""
    return bool(re.search(r"[;,]|\svà\s", clause[a:b]))


def _title_span(clause: str, citation: Citation) -> str:
    """The text of ``citation``'s title as it stands in ``clause`` (after its head)."""
    if not citation.cited_title or citation.cited_type in P.NAMED_ACTS:
        return ""
    at = clause.find(citation.cited_title, citation.end)
    return clause[citation.end : at + len(citation.cited_title)] if at >= 0 else ""


def _numbered(text: str, m: re.Match[str]) -> Citation | None:
    """TYPE ["số"] NUMBER … at ``m``; ``None`` when no number follows."""
    pos = m.end()
    lead = P.NUMBER_WORD.match(text, pos)
    pos = lead.end() if lead else pos
    n = P.DOC_NUMBER.match(text, pos)
    if not n:
        return None
    citation = Citation(
        text="",
        start=m.start(),
        end=n.end(),
        cited_type=P.CITED_TYPES[m.group("type").lower()],
        cited_number="".join(n.group("number").split()),
    )
    _date_and_issuer(text, citation)
    return citation


def _named_act(text: str, m: re.Match[str]) -> Citation | None:
    """A law cited by name: "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"."""
    kind = P.CITED_TYPES[m.group("type").lower()]
    if kind not in P.NAMED_ACTS or not m.group("type")[0].isupper():
        return None
    rest = text[m.end() : m.end() + ACT_WINDOW]
    if not rest.startswith(" ") or len(rest) < 2:
        return None
    numbered = _named_and_numbered(text, m, rest, kind)
    if numbered is not None:
        return numbered
    limit = _ACT_END.search(rest)
    clause = rest[: limit.start()] if limit else rest
    dated = re.search(r"\s(?:ban hành\s+)?ngày\s*\d|\snăm\s+(?:19|20)\d\d\b", rest[: len(clause) + 200])
    if dated and (limit is None or dated.start() <= limit.start() or _no_clause_break(rest[: dated.start()])):
        name = rest[: dated.start()].strip()
    else:
        name = clause.strip()
        dated = None
    if (
        not name
        or not (name[0].isupper() or dated)
        or len(name.split()) > ACT_NAME_MAX_WORDS
        or re.search(r"[()/]|\stại\s|\ssố\s*\d|^\d", name)
        or re.search(r"(?:Đoàn|Liên đoàn|Hội)\s*$", text[max(0, m.start() - WINDOW) : m.start()])
    ):
        return None
    citation = Citation(text="", start=m.start(), end=m.end() + 1 + len(name), cited_type=kind, cited_title=name)
    if dated:
        y = P.YEAR_AFTER.match(text, citation.end)
        if y:
            citation.end = y.end()
        _date_and_issuer(text, citation)
    citation.text = text[citation.start : citation.end]
    return citation


def _named_and_numbered(text: str, m: re.Match[str], rest: str, kind: str) -> Citation | None:
    """A law cited by name, then number: "Luật Tổ chức Chính phủ số 63/2025/QH15" (the form of
    every law since the 2025 Law on promulgation of legal documents), with its date and issuer
    when stated. ``rest`` is the text after the type word ``m``; None when no such number follows
    the name within :data:`ACT_NAME_MAX_WORDS` words."""
    num = _ACT_NUMBER.search(rest)
    if num is None:
        return None
    name = rest[: num.start()].strip()
    n = P.DOC_NUMBER.match(rest, num.end())
    if (
        n is None
        or not name
        or not name[0].isupper()
        or len(name.split()) > ACT_NAME_MAX_WORDS
        or _NOT_IN_ACT_NAME.search(f" {name} ")
    ):
        return None
    citation = Citation(
        text="",
        start=m.start(),
        end=m.end() + n.end(),
        cited_type=kind,
        cited_number="".join(n.group("number").split()),
        cited_title=name,
    )
    _date_and_issuer(text, citation)
    return citation


def _no_clause_break(text: str) -> bool:
    """No ";" or sentence end in ``text`` (a law's name may hold commas: "Cán bộ, công chức")."""
    return not re.search(r"[;\n]|\.\s", text)


def _typeless(text: str, m: re.Match[str]) -> Citation | None:
    """ "số 4011/UBND-VX2 ngày 15/6/2021": type from the symbol's type code, else Công văn."""
    n = P.DOC_NUMBER.match(text, m.end())
    if not n:
        return None
    number = "".join(n.group("number").split())
    symbol = number.split("/")[-1]
    code = symbol.split("-")[0]
    citation = Citation(
        text="", start=m.start(), end=n.end(), cited_type=P.SYMBOL_TYPES.get(code, "Công văn"), cited_number=number
    )
    _date_and_issuer(text, citation)
    return citation


def _date_and_issuer(text: str, citation: Citation) -> None:
    """Read ", ngày DATE" and "của ISSUER" after ``citation.end``; extend the span."""
    d = P.DATE_AFTER.match(text, citation.end)
    if d:
        citation.cited_date = _date(d)
        citation.end = d.end()
    o = P.OF_ISSUER.match(text, citation.end)
    if o:
        limit = min(len(text), o.end() + WINDOW)
        stop = P.ISSUER_END.search(text, o.end(), limit)
        raw = text[o.end() : stop.start() if stop else limit]
        issuer = clean_issuer(raw)
        if issuer:
            citation.cited_issuer = issuer
            stated = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            # The span ends with the body's name ("… của Chính phủ" in "Chính phủ cơ sở dữ liệu …").
            citation.end = o.end() + lead + (len(issuer) if stated.startswith(issuer) else len(stated))
    citation.text = text[citation.start : citation.end]


def clean_issuer(raw: str) -> str | None:
    """A body as stated: position words dropped, UBND/HĐND spelt out; ``None`` if not a body.

    ``"Giám đốc Sở Nội vụ"`` → ``"Sở Nội vụ"``; ``"UBND tỉnh"`` → ``"Ủy ban nhân dân tỉnh"``;
    ``"cấp trên"`` → ``None`` (a body's name starts with a capital).
    """
    text = " ".join(raw.split()).strip(" ,;:.")
    text = re.sub(r"^(?:đề nghị\s+)?(?:của\s+)?", "", text, flags=re.IGNORECASE)
    text = P.POSITION_PREFIX.sub("", text)
    for pattern, full in P.ISSUER_ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    if not text or not (text[0].isupper()) or len(text.split()) > ISSUER_MAX_WORDS:
        return None
    text = issuer_form(text)  # one spelling: "Chính Phủ", "BỘ CHÍNH TRỊ", "UBND Thành phố …"
    for body in P.CENTRAL_BODIES:
        rest = text[len(body) :]
        if text.startswith(body) and rest[:1] == " " and rest[1:2].islower():
            return body  # "Chính phủ tổ chức, hoạt động …": the title follows without a verb
    return text


def _proposer(text: str, start: int, floor: int) -> str | None:
    """The body named before "tại" ahead of ``start`` ("Giám đốc Sở Nội vụ tại Công văn …")."""
    before = text[floor:start]
    at = P.AT_CITATION.search(before)
    if not at:
        return None
    segment = before[: at.start()]
    cuts = list(_PROPOSER_CUT.finditer(segment))
    if cuts:
        segment = segment[cuts[-1].end() :]
    return clean_issuer(segment)


def _title(text: str, start: int, next_start: int) -> str | None:
    """The description after a citation's head, to the clause end or the next chained document."""
    lead = _TITLE_LEAD.match(text, start)
    pos = lead.end() if lead else start
    limit = min(len(text), pos + WINDOW)
    end = _TITLE_END.search(text, pos, limit)
    stop = end.start() if end else limit
    if next_start > pos and _chained_at(text, pos, next_start):
        stop = min(stop, next_start)
    elif next_start > pos and P.AT_CITATION.search(text[max(0, next_start - 200) : next_start]):
        # A recital's next proposer: "… ngày 09/7/2013 và của Giám đốc Sở Nội vụ tại Tờ trình …".
        seps = list(re.finditer(r"[;,]|\svà\s", text[pos:next_start]))
        if seps:
            stop = min(stop, pos + seps[0].start())
    title = text[pos:stop].strip(" ,;:.")
    return title or None


def _chained_at(text: str, pos: int, next_start: int) -> bool:
    """The next citation starts a new chained document (preceded by a separator)."""
    before = text[pos:next_start].rstrip()
    return before.endswith((",", ";")) or before.endswith(" và") or not before


def _date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    except ValueError:
        return None
