"""The body (nội dung): articles, clauses and points (Điều / khoản / điểm) [body].

Paths: "3" for Điều 3, "3.2" for its khoản 2, "3.2.a" for điểm a (or "3.a" when
the article has no numbered clauses). An article that carries a whole scheme
("Điều 1. Phê duyệt Đề án … với các nội dung chính sau: I. MỤC TIÊU … 1. …")
has Roman sections, so its clauses are "1.I.1", "1.I.1.a". A paragraph without
a marker continues the node above it.
"""

from __future__ import annotations

from pipeline.model import Article
from pipeline.structure import patterns as P
from pipeline.structure.paragraphs import Paragraph


def parse_articles(paras: list[Paragraph], starts: list[int]) -> list[Article]:
    """Articles, sections, clauses and points of the body (spans index the ``body`` part)."""
    out: list[Article] = []
    article: str | None = None
    section: str | None = None
    clause: str | None = None
    for para, offset in zip(paras, starts):
        text = para.text
        end = offset + len(text)
        a = P.ARTICLE.match(text)
        if a and not _next_article(article, a.group("number")):
            a = None
        s = P.SECTION.match(text) if article else None
        c = P.CLAUSE.match(text) if article else None
        p = P.POINT.match(text) if article else None
        if a:
            article, section, clause = a.group("number"), None, None
            heading = (a.group("rest") or "").strip() or None
            out.append(Article(article, "article", article, heading, text, offset, end, para.page))
        elif s and s.group("title")[:1].isupper():
            section, clause = f"{article}.{s.group('numeral')}", None
            out.append(Article(section, "section", s.group("numeral"), s.group("title"), text, offset, end, para.page))
        elif c:
            clause = f"{section or article}.{c.group('number')}"
            out.append(Article(clause, "clause", c.group("number"), None, text, offset, end, para.page))
        elif p:
            path = f"{clause or section or article}.{p.group('number')}"
            out.append(Article(path, "point", p.group("number"), None, text, offset, end, para.page))
        elif out:
            node = out[-1]
            node.text = node.text + "\n" + text
            node.end = end
    return out


def _next_article(last: str | None, number: str) -> bool:
    """Whether "Điều ``number``" can follow article ``last``: numbered upwards, at most
    :data:`patterns.ARTICLE_STEP_MAX` on (an article lost in the source is allowed for)."""
    if last is None:
        return True
    n, m = int("".join(c for c in number if c.isdigit())), int("".join(c for c in last if c.isdigit()))
    return m < n <= m + P.ARTICLE_STEP_MAX or (n == m and number > last)  # "Điều 5a" after "Điều 5"
