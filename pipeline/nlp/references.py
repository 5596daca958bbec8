"""CITATION and TARGET spans from the structure stage's parsers (no grammar of our own).

The citation grammar (``pipeline.structure.citations.parse_citations(text)``)
and the target grammar (``pipeline.structure.targets.parse_targets(text)``)
belong to the structure issue; these components only place their records on
the ``Doc`` as spans (``doc.spans["citations"]``, ``doc.spans["targets"]``)
with the record in ``span._.record``. When a parser module is not installed,
:data:`AVAILABLE` says so and :func:`pipeline.nlp.pipeline.build_nlp` leaves
its component out: no span is invented.

A record's character offsets are read from ``start``/``end``,
``start_char``/``end_char`` or a ``span``/``char_span`` pair, whichever it has.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.tokenizer import doc_text

if not Span.has_extension("record"):
    Span.set_extension("record", default=None)

#: label → (module, function) of the structure stage's parser.
PARSERS = {
    "CITATION": ("pipeline.structure.citations", "parse_citations"),
    "TARGET": ("pipeline.structure.targets", "parse_targets"),
}


def load_parser(label: str) -> Callable[[str], list[Any]] | None:
    """The structure parser for ``label``, or ``None`` when its module is not installed."""
    module, name = PARSERS[label]
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


AVAILABLE = {label: load_parser(label) is not None for label in PARSERS}


def record_offsets(record: Any) -> tuple[int, int] | None:
    """``(start, end)`` character offsets of a parser record, or ``None``."""
    for a, b in (("start", "end"), ("start_char", "end_char"), ("char_start", "char_end")):
        if isinstance(getattr(record, a, None), int) and isinstance(getattr(record, b, None), int):
            return getattr(record, a), getattr(record, b)
    for name in ("span", "char_span", "offsets"):
        value = getattr(record, name, None)
        if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
            return value
    return None


class ReferenceTagger:
    """spaCy component: spans of one label from a structure parser's records."""

    def __init__(self, label: str, spans_key: str) -> None:
        parser = load_parser(label)
        if parser is None:
            module, name = PARSERS[label]
            raise ImportError(f"{module}.{name} is not available")
        self.parse = parser
        self.label = label
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for record in self.parse(doc_text(doc)):
            offsets = record_offsets(record)
            if offsets is None:
                continue
            span = doc.char_span(*offsets, label=self.label, alignment_mode="expand")
            if span is not None:
                span._.record = record
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("vn_citations", default_config={"spans_key": "citations"})
def make_citation_tagger(nlp: Language, name: str, spans_key: str) -> ReferenceTagger:
    """CITATION spans from ``pipeline.structure.citations.parse_citations``."""
    return ReferenceTagger("CITATION", spans_key)


@Language.factory("vn_targets", default_config={"spans_key": "targets"})
def make_target_tagger(nlp: Language, name: str, spans_key: str) -> ReferenceTagger:
    """TARGET spans from ``pipeline.structure.targets.parse_targets``."""
    return ReferenceTagger("TARGET", spans_key)
