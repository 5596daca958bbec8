"""CITATION and TARGET spans from the structure stage's parsers (no grammar of our own).

The citation grammar (:func:`pipeline.structure.citations.parse_citations`) and
the target grammar (:func:`pipeline.structure.targets.parse_targets`) belong to
the structure stage; these components only place their records
(:class:`~pipeline.model.Citation`, :class:`~pipeline.model.Target`, whose
``start``/``end`` index the text given) on the ``Doc`` as spans
(``doc.spans["citations"]``, ``doc.spans["targets"]``) with the record in
``span._.record``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.tokenizer import doc_text, set_record_spans
from pipeline.structure.citations import parse_citations
from pipeline.structure.targets import parse_targets

if not Span.has_extension("record"):
    Span.set_extension("record", default=None)


class ReferenceTagger:
    """spaCy component: spans of one label from a structure parser's records."""

    def __init__(self, label: str, parse: Callable[[str], list[Any]], spans_key: str) -> None:
        self.parse = parse
        self.label = label
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        found = ((r.start, r.end, r) for r in self.parse(doc_text(doc)))
        set_record_spans(doc, self.spans_key, self.label, found, "record")
        return doc


@Language.factory("vn_citations", default_config={"spans_key": "citations"})
def make_citation_tagger(nlp: Language, name: str, spans_key: str) -> ReferenceTagger:
    """CITATION spans from :func:`pipeline.structure.citations.parse_citations`."""
    return ReferenceTagger("CITATION", parse_citations, spans_key)


@Language.factory("vn_targets", default_config={"spans_key": "targets"})
def make_target_tagger(nlp: Language, name: str, spans_key: str) -> ReferenceTagger:
    """TARGET spans from :func:`pipeline.structure.targets.parse_targets`."""
    return ReferenceTagger("TARGET", parse_targets, spans_key)
