"""Imported once by the fork server (:data:`pipeline.runner.limits.PRELOAD`).

Loads what every document needs before any child is forked, so each child
starts with the readers, the parser, the tagger's spaCy pipeline and
gazetteer, and the OCR tone repair's word list (0.5 s to build) in memory
instead of building them per document. It also makes the fork server die
with the run's process (:func:`pipeline.runner.orphans.die_with_parent`).
"""

from __future__ import annotations

from pipeline.runner.orphans import die_with_parent

# The fork server ends with the run that started it (no orphaned server or children).
die_with_parent()

from pipeline.nlp.gazetteer import load_gazetteer, load_vocab
from pipeline.nlp.language import get_nlp
from pipeline.text.spelling import load_bigrams, load_lexicon

get_nlp()
load_gazetteer()
load_vocab()
load_lexicon()
load_bigrams()
