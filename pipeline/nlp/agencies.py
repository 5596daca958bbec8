"""AGENCY spans: gazetteer names, distributed enumerations, unseen names, collectives.

The component ``vn_agencies`` writes ``doc.spans["agencies"]`` (label AGENCY);
each span's ``span._.agency`` is a dict with ``canonical``, ``kind``, ``level``
(central, province, district, commune), ``successor`` (after the 2025
reorganisation, or None), ``collective`` (True for group mentions such as "các
sở, ban, ngành", kept as written) and ``source`` (gazetteer, enumeration,
pattern, collective). Sources of the names: ``pipeline/data/agencies.json``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.nlp.collectives import collective_level, collective_matches, collective_name
from pipeline.nlp.gazetteer import Agency, Gazetteer, load_gazetteer, read_data
from pipeline.nlp.tokenizer import doc_key, doc_text, norm_key
from pipeline.nlp.wraps import unwrap

LABEL = "AGENCY"
if not Span.has_extension("agency"):
    Span.set_extension("agency", default=None)

#: Lower-case words that end an unseen name: the level or scope said after a body ("Ban Chỉ huy
#: Phòng thủ dân sự cấp tỉnh, cấp xã", "… các cấp") qualifies it and is no part of its name.
LEVEL_AFTER = frozenset({"cấp", "các"})

_SEP = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+|&\s*)")


def _province_names() -> set[str]:
    data = read_data("provinces.json")
    names = set(data["current"])
    for former in data["current"].values():
        names.update(former)
    return {norm_key(n) for n in names}


def _attrs(agency: Agency, source: str, canonical: str | None = None) -> dict:
    return {
        "canonical": canonical or agency.canonical,
        "kind": agency.kind,
        "level": agency.level,
        "successor": agency.successor,
        "collective": False,
        "source": source,
    }


class AgencyTagger:
    """spaCy component: AGENCY spans in ``doc.spans[spans_key]`` (see module docstring)."""

    def __init__(self, nlp: Language, spans_key: str = "agencies") -> None:
        self.spans_key = spans_key
        self.make_doc = nlp.make_doc
        self.gaz: Gazetteer = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.agencies: dict[str, Agency] = {}
        for form, agency in self.gaz.forms.items():
            self.agencies[agency.canonical] = agency
            self.matcher.add(agency.canonical, [nlp.make_doc(form)])
        self.fields = {
            head: sorted(((norm_key(f), a) for f, a in table.items()), key=lambda p: -len(p[0]))
            for head, table in self.gaz.fields.items()
        }
        self.enum_re = re.compile(r"\bcác\s+(" + "|".join(map(re.escape, self.fields)) + r")\b\s*:?\s*")
        self.provinces = _province_names()
        heads = "|".join(map(re.escape, sorted(self.gaz.unseen_heads, key=len, reverse=True)))
        # "Sở" + a capitalised word: a department name the gazetteer does not know.
        self.unseen_re = re.compile(r"(?<!\w)(" + heads + r") (?=[A-ZĐÀ-Ỹ])")

    # -- enumerations: "Các Sở: Tài chính, Nội vụ" -------------------------------------------
    def _enumerations(self, doc: Doc, key: str) -> tuple[list[Span], list[tuple[int, int]]]:
        spans: list[Span] = []
        regions: list[tuple[int, int]] = []
        for head in self.enum_re.finditer(key):
            pos, found = head.end(), []
            fields = self.fields[head.group(1)]
            while True:
                hit = next(((f, a) for f, a in fields if key.startswith(f, pos) and not key[pos + len(f): pos + len(f) + 1].isalnum()), None)
                if hit is None:
                    break
                found.append((pos, pos + len(hit[0]), hit[1]))
                pos += len(hit[0])
                sep = _SEP.match(key, pos)
                if sep is None:
                    break
                pos = sep.end()
            if len(found) >= 1 and (len(found) >= 2 or ":" in head.group(0)):
                for start, end, agency in found:
                    span = doc.char_span(start, end, label=LABEL, alignment_mode="expand")
                    if span is not None:
                        self._pending[id(span)] = _attrs(agency, "enumeration")
                        spans.append(span)
                regions.append((head.start(), found[-1][1]))
        return spans, regions

    # -- gazetteer names, with "tỉnh Khánh Hòa" / "huyện Diên Khánh" extensions -------------
    def _extend(self, doc: Doc, start: int, end: int, agency: Agency) -> tuple[int, str]:
        """New end of a gazetteer match: "+ tỉnh Khánh Hòa", or "+ Diên Khánh" after "huyện"."""
        canonical, n = agency.canonical, len(doc)
        if agency.level in ("district", "commune"):
            names = []
            k = end
            while k < n and k < end + 4 and doc[k].is_alpha and doc[k].text[:1].isupper():
                names.append(doc[k].text)
                k += 1
            if names:
                canonical = f"{agency.canonical} {' '.join(names)}"
            return k, canonical
        if end < n and doc[end].norm_ == "tỉnh" and not agency.canonical.endswith("tỉnh"):
            end += 1
        norms = [doc[k].norm_ for k in range(end, min(n, end + 3))]
        for size in (3, 2, 1):
            if len(norms) >= size and " ".join(norms[:size]) in self.provinces:
                return end + size, canonical
        return end, canonical

    def _unwrapped(self, doc: Doc) -> Doc:
        """``doc`` with its wrapping line breaks as spaces (:func:`pipeline.nlp.wraps.unwrap`):
        same characters at the same offsets, so a span of it maps back by offsets (:meth:`_back`)."""
        text = doc_text(doc)
        flat = unwrap(text)
        return doc if flat == text else self.make_doc(flat)

    @staticmethod
    def _back(doc: Doc, seen: Doc, start: int, end: int) -> Span | None:
        """The span of ``doc`` over tokens ``start:end`` of ``seen`` (its unwrapped copy)."""
        if seen is doc:
            return Span(doc, start, end, label=LABEL)
        last = seen[end - 1]
        return doc.char_span(seen[start].idx, last.idx + len(last), label=LABEL, alignment_mode="expand")

    def _gazetteer(self, doc: Doc) -> list[Span]:
        """Gazetteer names; a name wrapped over two lines of a cell is matched whole
        (on the text with its wrapping breaks as spaces, :meth:`_unwrapped`)."""
        seen = self._unwrapped(doc)
        spans = []
        for match_id, start, end in self.matcher(seen):
            agency = self.agencies[doc.vocab.strings[match_id]]
            end, canonical = self._extend(seen, start, end, agency)
            span = self._back(doc, seen, start, end)
            if span is None:
                continue
            self._pending[id(span)] = _attrs(agency, "gazetteer", canonical)
            spans.append(span)
        return spans

    # -- unseen names: "Sở Giao thông công chính" ------------------------------------------------
    def _unseen(self, doc: Doc) -> list[Span]:
        """Head word + capitalised words the gazetteer does not know ("Sở Giao thông công chính");
        a name wrapped over two lines of a cell ("Ban Chỉ huy Phòng" / "thủ dân sự tỉnh") is read whole."""
        spans = []
        seen = self._unwrapped(doc)
        for m in self.unseen_re.finditer(doc_text(seen)):
            head = seen.char_span(m.start(1), m.end(1))
            if head is None or head.end >= len(seen):
                continue
            first = head.end  # the capitalised word after the head
            if seen[first].norm_ in self.gaz.unseen_stop:
                continue
            span = self._back(doc, seen, head.start, self._unseen_end(seen, first))
            if span is None:
                continue
            self._pending[id(span)] = {
                "canonical": " ".join(span.text.split()),
                "kind": head.text.lower(),
                "level": "province",
                "successor": None,
                "collective": False,
                "source": "pattern",
            }
            spans.append(span)
        return spans

    def _unseen_end(self, doc: Doc, first: int) -> int:
        """End token of an unseen name whose first word after the head is ``doc[first]``."""
        def ends(k: int) -> bool:
            return not doc[k].is_alpha or doc[k].norm_ in self.gaz.unseen_stop or doc[k].text in LEVEL_AFTER

        j = first + 1
        while j < len(doc) and not ends(j) and j - first < 6:
            j += 1
        # Lower-case words belong to the name only when a boundary follows them (at most 3).
        boundary = j >= len(doc) or ends(j)
        lower_tail = 0
        while lower_tail < j - first - 1 and not doc[j - 1 - lower_tail].text[:1].isupper():
            lower_tail += 1
        if not boundary or lower_tail > 3:
            while j > first + 1 and not doc[j - 1].text[:1].isupper():
                j -= 1
        return j

    def _collectives(self, doc: Doc, key: str) -> list[Span]:
        spans = []
        for start, end in collective_matches(key):
            span = doc.char_span(start, end, label=LABEL, alignment_mode="expand")
            if span is None:
                continue
            self._pending[id(span)] = {
                "canonical": collective_name(span.text),
                "kind": "collective",
                "level": collective_level(key[start:end]),
                "successor": None,
                "collective": True,
                "source": "collective",
            }
            spans.append(span)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        # Extension values are stored per (offsets, label): set them only on the spans kept.
        self._pending: dict[int, dict] = {}
        key = doc_key(doc)
        enum_spans, regions = self._enumerations(doc, key)

        def free(span: Span) -> bool:
            return not any(span.start_char < b and a < span.end_char for a, b in regions)

        collectives = [s for s in self._collectives(doc, key) if free(s)]
        known = filter_spans([s for s in self._gazetteer(doc) if free(s)])
        unseen = [
            s for s in self._unseen(doc)
            if free(s) and not any(s.start < k.end and k.start < s.end for k in known)
        ]
        named = filter_spans(known + unseen)
        named = [s for s in named if not any(c.start <= s.start and s.end <= c.end for c in collectives)]
        collectives = [c for c in collectives if not any(s.start <= c.start and c.end <= s.end for s in named)]
        spans = sorted(enum_spans + named + collectives, key=lambda s: (s.start_char, s.end_char))
        for span in spans:
            span._.agency = self._pending[id(span)]
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("vn_agencies", default_config={"spans_key": "agencies"})
def make_agency_tagger(nlp: Language, name: str, spans_key: str) -> AgencyTagger:
    """Factory of :class:`AgencyTagger` (``nlp.add_pipe("vn_agencies")``)."""
    return AgencyTagger(nlp, spans_key)
