"""The preamble (căn cứ ban hành): legal bases and recitals [preamble/citations].

Each paragraph opening with "Căn cứ", "Xét đề nghị", "Theo đề nghị" or "Thực
hiện" (capitalised, at the paragraph start) is one clause; a clause citing
several documents in a chain ("Căn cứ Nghị quyết số 30c/NQ-CP …, Nghị quyết số
76/NQ-CP …") gives one basis per document, while a document named inside another's
description is only a citation. A lower-case "thực hiện" inside narrative text
is not a basis.
"""

from __future__ import annotations

from pipeline.model import Citation, LegalBasis, Part
from pipeline.structure import patterns as P
from pipeline.structure.citations import parse_citations, top_level
from pipeline.structure.paragraphs import Paragraph, make_part

#: Kind words as printed → the ``kind`` stored.
KINDS = {"Căn cứ": "căn cứ", "Xét đề nghị": "xét đề nghị", "Xét": "xét đề nghị",
         "Theo đề nghị": "theo đề nghị", "Thực hiện": "thực hiện"}


#: Types without a legal-basis preamble (căn cứ ban hành): a letter or a report opens with its
#: body, where "Căn cứ ý kiến …" is narrative; its "Thực hiện …" recitals are still read.
NO_BASES = frozenset({"Công văn", "Báo cáo"})


def preamble_end(paras: list[Paragraph]) -> int:
    """Index of the first paragraph after the preamble region.

    The region ends at the enacting formula ("QUYẾT ĐỊNH:"), the first article,
    plan section, numbered item or the recipients heading.
    """
    for i, para in enumerate(paras):
        text = para.text
        if (
            P.ENACTING.match(text)
            or P.ARTICLE.match(text)
            or P.SECTION.match(text)
            or P.PART_HEADING.match(text)
            or P.CLAUSE.match(text)
            or P.RECIPIENTS_HEAD.match(text)
        ):
            return i
    return len(paras)


def parse_preamble(
    paras: list[Paragraph], doc_type: str | None = None
) -> tuple[Part, list[LegalBasis], list[Citation]]:
    """The ``preamble`` part, its legal bases and every citation in it.

    ``paras`` is the preamble region (see :func:`preamble_end`). Returns the
    part (normalised text of the region), the bases and all citations with spans
    in the part. A "Căn cứ" clause is one basis (Decree 30 lists one basis per
    paragraph), its ``citation`` the first document it cites, the documents chained
    to it in the same paragraph in ``chained``. A recital ("Xét đề nghị …")
    gives one row per proposal it cites, or one row citing nothing. Two clauses
    printed in one paragraph ("…; Căn cứ …") are one paragraph, as printed. In the
    types of :data:`NO_BASES` a "Căn cứ" sentence is no basis.
    """
    part, starts = make_part("preamble", paras)
    bases: list[LegalBasis] = []
    mentions: list[Citation] = []
    for para, offset in zip(paras, starts):
        found = parse_citations(para.text)
        for c in found:
            c.start += offset
            c.end += offset
        mentions.extend(found)
        m = P.BASIS_KIND.match(para.text)
        kind = KINDS[m.group("kind").capitalize()] if m else None
        if kind and not (doc_type in NO_BASES and kind == "căn cứ"):
            bases.extend(_bases(kind, para, offset, found))
    return part, bases, mentions


def _bases(kind: str, para: Paragraph, offset: int, found: list[Citation]) -> list[LegalBasis]:
    text = para.text
    start, end = offset, offset + len(text)
    local = [_shift(c, -start) for c in found if start <= c.start < end]
    chosen = top_level(text, local, recital=kind in ("xét đề nghị", "theo đề nghị"))
    if not chosen:
        return [LegalBasis(kind, text, start, end, para.page, None)]
    if kind == "căn cứ":
        first, *rest = (_shift(c, start) for c in chosen)
        return [LegalBasis(kind, text, start, end, para.page, first, rest)]
    return [LegalBasis(kind, text, start, end, para.page, _shift(c, start)) for c in chosen]


def _shift(c: Citation, delta: int) -> Citation:
    return Citation(c.text, c.start + delta, c.end + delta, c.cited_type, c.cited_number,
                    c.cited_date, c.cited_issuer, c.cited_title)
