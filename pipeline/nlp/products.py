"""PRODUCT spans: what a task delivers (sản phẩm) → kind and approving or issuing body.

A product cell holds one product per line or bullet. The kind is read from the
head of the line's noun phrase ("Các cơ chế, chính sách được …" → cơ chế,
chính sách; "Danh mục năm trong kế hoạch xúc tiến …" → danh mục only, the
"kế hoạch" is a modifier) and from a document the head issues or publishes
("Quyết định của UBND tỉnh ban hành Quy chế …" → quyết định, quy chế). A kind
word followed by "số" or a number is a citation, not a product. The approving
body is the AGENCY after "được" before an approval verb ("được UBND tỉnh phê
duyệt") or after "của" right behind the head ("Quyết định của UBND tỉnh").
Kinds and their phrases: ``pipeline/data/nlp_vocab.json``. The component
``vn_products`` needs ``vn_agencies`` before it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.model import Product
from pipeline.nlp.gazetteer import load_vocab
from pipeline.nlp.tokenizer import doc_key, doc_text

LABEL = "PRODUCT"
#: Kind of a product line whose head names no known kind (set by the tag stage).
OTHER = "other"
if not Span.has_extension("product"):
    Span.set_extension("product", default=None)

_BULLET = re.compile(r"^[\s\-–+•*·]*(?:(?:các|những|một\s+số|toàn\s+bộ)\s+)?")
_COORD = re.compile(r"\s*(?:,|và|,\s*và)\s*(?:(?:các|những)\s+)?")
_REFERENCE = re.compile(r"\s*(?:số\s*\d|\d+/)")
_MEASURE = re.compile(r"\d+(?:[.,]\d+)?\s*%")


class ProductTagger:
    """spaCy component: PRODUCT spans (one per kind found) with ``span._.product``."""

    def __init__(self, nlp: Language, spans_key: str = "products") -> None:
        self.spans_key = spans_key
        vocab = load_vocab()
        pairs = [(phrase, kind) for kind, phrases in vocab["product_kinds"].items() for phrase in phrases]
        pairs.sort(key=lambda p: -len(p[0]))
        self.phrases = pairs
        alt = "|".join(re.escape(p) for p, _ in pairs)
        links = "|".join(re.escape(p) for p in vocab["product_links"])
        self.link_re = re.compile(r"(?<!\w)(?:" + links + r")\s+(?:(?:các|những)\s+)?(?=(?:" + alt + r")(?!\w))")

    def _kind_at(self, key: str, pos: int) -> tuple[str, int] | None:
        for phrase, kind in self.phrases:
            end = pos + len(phrase)
            if key.startswith(phrase, pos) and not key[end:end + 1].isalnum():
                if _REFERENCE.match(key, end):
                    return None
                return kind, end
        return None

    def _approver(self, doc: Doc, key: str, a: int, b: int, head_end: int) -> str | None:
        """Bodies after "được" (chained by "," / "và"), or after "của" right behind the head."""
        names: list[str] = []
        chain_end = None
        for s in (s for s in doc.spans.get("agencies", []) if a <= s.start_char < b):
            before = key[a: s.start_char].rstrip()
            chained = chain_end is not None and re.fullmatch(r"[\s,]*(?:và\s*)?", key[chain_end: s.start_char])
            if before.endswith("được") or chained:
                names.append(s._.agency["canonical"])
                chain_end = s.end_char
            elif key[head_end: s.start_char].strip() == "của":
                names.append(s._.agency["canonical"])
                chain_end = s.end_char
        return "; ".join(dict.fromkeys(names)) or None

    def _line(self, doc: Doc, key: str, a: int, b: int) -> list[Span]:
        spans: list[Span] = []
        pos = a + _BULLET.match(key[a:b]).end()
        head = self._kind_at(key, pos)
        if head is None and (m := _MEASURE.match(key, pos)):
            head = ("chỉ tiêu", m.end())
        found: list[tuple[int, int, str]] = []
        if head:
            found.append((pos, head[1], head[0]))
            end = head[1]
            while (m := _COORD.match(key, end)) and m.end() > end and (nxt := self._kind_at(key, m.end())):
                found.append((m.end(), nxt[1], nxt[0]))
                end = nxt[1]
        for m in self.link_re.finditer(key, a, b):
            hit = self._kind_at(key, m.end())
            if hit and all(k != hit[0] for _, _, k in found):
                found.append((m.end(), hit[1], hit[0]))
        head_end = found[0][1] if found else pos
        approver = self._approver(doc, key, a, b, head_end)
        text = doc_text(doc)[a:b].strip()
        for s, e, kind in found:
            span = doc.char_span(s, e, label=LABEL, alignment_mode="expand")
            if span is None:
                continue
            span._.product = Product(kind, text, a, b, approver)
            spans.append(span)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        key = doc_key(doc)
        spans: list[Span] = []
        for m in re.finditer(r"[^\n]+", doc_text(doc)):
            spans.extend(self._line(doc, key, *m.span()))
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("vn_products", default_config={"spans_key": "products"})
def make_product_tagger(nlp: Language, name: str, spans_key: str) -> ProductTagger:
    """Factory of :class:`ProductTagger` (``nlp.add_pipe("vn_products")``)."""
    return ProductTagger(nlp, spans_key)
