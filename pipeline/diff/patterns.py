"""Editorial variants that do not change what a plan says (named, in one place).

Drafts and final versions of the same plan often differ only in how a body is
written: "UBND tỉnh" in the draft, "Ủy ban nhân dân tỉnh" in the signed text;
"đảm bảo" against "bảo đảm". :func:`pipeline.diff.align.canonical` rewrites
these to one form before texts are compared, so such edits are reported as
editorial, not as changes of substance.
"""

from __future__ import annotations

import re

#: Abbreviations (folded, lower case) → the full words, applied on word boundaries.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("ubnd", "ủy ban nhân dân"),
    ("hđnd", "hội đồng nhân dân"),
    ("pct", "phó chủ tịch"),
    ("ct", "chủ tịch"),
    ("cchc", "cải cách hành chính"),
    ("tthc", "thủ tục hành chính"),
    ("cbccvc", "cán bộ, công chức, viên chức"),
    ("qppl", "quy phạm pháp luật"),
)

#: Synonymous word pairs written either way in the same register: (variant, chosen form).
SYNONYMS: tuple[tuple[str, str], ...] = (("đảm bảo", "bảo đảm"),)

ABBREVIATION_RES = tuple((re.compile(rf"(?<!\w){re.escape(a)}(?!\w)"), full) for a, full in ABBREVIATIONS)
SYNONYM_RES = tuple((re.compile(rf"(?<!\w){re.escape(a)}(?!\w)"), b) for a, b in SYNONYMS)

#: Punctuation ignored when deciding whether two texts say the same thing.
PUNCTUATION = re.compile(r"[\s.,;:!?()\"'“”‘’\-–—/]+")
