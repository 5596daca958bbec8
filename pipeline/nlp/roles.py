"""ROLE_CUE spans and the roles they give (lead, coordinate, appraise, monitor, advises).

The component ``vn_role_cues`` writes ``doc.spans["role_cues"]`` (label
ROLE_CUE, ``span.kb_id_`` = lead / coordinate / appraise / monitor / advise),
from the cue lists in ``pipeline/data/nlp_vocab.json``. Turning cues and AGENCY
spans into assignments is done by :mod:`pipeline.nlp.assign`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.nlp.gazetteer import load_vocab

LABEL = "ROLE_CUE"


class RoleCueTagger:
    """spaCy component: ROLE_CUE spans in ``doc.spans[spans_key]``; the role is ``kb_id_``."""

    def __init__(self, nlp: Language, spans_key: str = "role_cues") -> None:
        self.spans_key = spans_key
        vocab = load_vocab()
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for role, phrases in vocab["role_cues"].items():
            self.matcher.add(role, [nlp.make_doc(p) for p in phrases])
        self.matcher.add("advise", [nlp.make_doc(p) for p in vocab["advise_cues"]])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=LABEL, kb_id=doc.vocab.strings[match_id])
            for match_id, start, end in self.matcher(doc)
        ]
        doc.spans[self.spans_key] = filter_spans(spans)
        return doc


@Language.factory("vn_role_cues", default_config={"spans_key": "role_cues"})
def make_role_cue_tagger(nlp: Language, name: str, spans_key: str) -> RoleCueTagger:
    """Factory of :class:`RoleCueTagger` (``nlp.add_pipe("vn_role_cues")``)."""
    return RoleCueTagger(nlp, spans_key)
