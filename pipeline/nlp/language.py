"""The spaCy ``Language`` of the tag stage: Vietnamese, syllable tokenizer, rule components.

``spacy.blank("vi")`` with pyvi off (no model, nothing downloaded), the
offset-keeping tokenizer of :mod:`pipeline.nlp.tokenizer`, and the components
registered by this package, in order:

``vn_agencies`` → ``vn_role_cues`` → ``vn_citations`` → ``vn_targets`` →
``vn_deadlines`` → ``vn_products`` → ``vn_entities``.

Each writes a ``doc.spans`` group; ``vn_entities`` copies the longest
non-overlapping spans of all groups into ``doc.ents`` (labels AGENCY, ROLE_CUE,
DEADLINE, PRODUCT, CITATION, TARGET). Citations and targets come from the
structure stage's parsers (:mod:`pipeline.nlp.references`).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

# Registering the factories and the tokenizer is a side effect of importing them.
from pipeline.nlp import agencies, deadlines, products, references, roles, tokenizer  # noqa: F401

#: Longest text one call may tag. spaCy's default (1,000,000) guards its parser and NER models,
#: which this rule-only pipeline does not run; a long paragraph or a flattened table must not
#: fail the tag stage. Memory stays bounded by the per-document limit (pipeline.runner.limits).
MAX_CHARS = 20_000_000

SPAN_GROUPS = ("agencies", "role_cues", "deadlines", "products", "citations", "targets")

CONFIG = {
    "nlp": {
        "tokenizer": {"@tokenizers": "vn_decisions.syllable_tokenizer.v1"},
    }
}


@Language.component("vn_entities")
def merge_entities(doc: Doc) -> Doc:
    """Copy the longest non-overlapping spans of all groups into ``doc.ents``."""
    spans = [s for key in SPAN_GROUPS for s in doc.spans.get(key, [])]
    doc.ents = filter_spans(spans)
    return doc


def build_nlp() -> Language:
    """A new Vietnamese pipeline with every available tagging component."""
    nlp = spacy.blank("vi", config=CONFIG)
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("vn_agencies")
    nlp.add_pipe("vn_role_cues")
    nlp.add_pipe("vn_citations")
    nlp.add_pipe("vn_targets")
    nlp.add_pipe("vn_deadlines")
    nlp.add_pipe("vn_products")
    nlp.add_pipe("vn_entities")
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline (built once per process)."""
    return build_nlp()


def annotate(text: str, plan_year: int | None = None, nlp: Language | None = None, deadline_cell: bool = False) -> Doc:
    """Run the pipeline on ``text`` (NFC, normalised) with the plan's year as context.

    ``deadline_cell`` says ``text`` is a task table's deadline cell (``doc._.deadline_cell``):
    the deadline tagger then also reads durations and "Cả năm" (:mod:`pipeline.nlp.deadline_cells`).
    """
    nlp = nlp or get_nlp()
    cached = _PROCS.get(id(nlp))
    if cached is None or cached[0] is not nlp:
        cached = _PROCS[id(nlp)] = (nlp, [proc for _name, proc in nlp.pipeline])
    procs = cached[1]
    doc = nlp.make_doc(text)
    doc._.plan_year = plan_year
    doc._.deadline_cell = deadline_cell
    for proc in procs:
        doc = proc(doc)
    return doc


#: Components of each pipeline used by :func:`annotate` (``nlp.pipeline`` builds a new list per access).
_PROCS: dict[int, tuple[Language, list]] = {}
