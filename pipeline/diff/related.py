"""Whether two documents are worth diffing: plans of one issuer, or texts that share enough words.

A diff aligns tasks one to one on text similarity, so two unrelated plans (a
2017 Khánh Hòa plan and a 2026 Lâm Đồng plan) would still pair their most
alike rows and report "later by 3287 days". :func:`unrelated` says when that
would be meaningless: different issuers and provinces, and text sketches
(``documents.content_sketch``, :mod:`pipeline.store.sketch`) that share less
than :data:`MIN_SIMILARITY`.
"""

from __future__ import annotations

from typing import Any

from pipeline.diff.plan import Plan
from pipeline.store.sketch import similarity
from pipeline.text.normalize import fold

#: Text similarity (MinHash Jaccard of word 3-shingles) from which two documents of different
#: issuers are still related: an amended copy issued by another body keeps most of its wording.
#: The Lâm Đồng 2026 and 2026–2030 plans share 0.76–0.81; the seed 4032 and Lâm Đồng 2026 < 0.05.
MIN_SIMILARITY = 0.2


def _same(a: Any, b: Any) -> bool:
    return bool(a) and bool(b) and fold(str(a)) == fold(str(b))


def unrelated(old: Plan, new: Plan) -> str | None:
    """Why the two documents look unrelated, or ``None`` when a diff makes sense.

    Related: same issuer, or same province (``province_name``, the province as
    at the document's date, or ``province_current``, after the 2025 mergers), or
    a text similarity of at least :data:`MIN_SIMILARITY`. A document without a
    sketch (no text) is given the benefit of the doubt only on issuer or province.
    """
    a, b = old.document, new.document
    if _same(a.get("issuer"), b.get("issuer")):
        return None
    for column in ("province_name", "province_current"):
        if _same(a.get(column), b.get(column)):
            return None
    score = similarity(a.get("content_sketch"), b.get("content_sketch"))
    if score >= MIN_SIMILARITY:
        return None
    who = [
        f"{d.get('issuer') or 'unknown issuer'} ({d.get('plan_year') or d.get('issue_date') or 'no year'})"
        for d in (a, b)
    ]
    return f"{who[0]} and {who[1]}: different issuers and provinces, {score:.0%} of their text in common"
