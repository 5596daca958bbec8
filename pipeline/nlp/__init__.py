"""Tag stage: Vietnamese NLP over parsed decisions (DESIGN.md §2 ``nlp/``).

:mod:`pipeline.nlp.language` builds the spaCy pipeline (syllable tokenizer and
rule components for AGENCY, ROLE_CUE, DEADLINE, PRODUCT, CITATION, TARGET);
:func:`pipeline.nlp.tag.tag` turns a :class:`~pipeline.model.Decision` into
:class:`~pipeline.model.Annotations` (assignments, deadlines, products,
mentions); :mod:`pipeline.nlp.evaluate` scores them against a gold file.
"""
