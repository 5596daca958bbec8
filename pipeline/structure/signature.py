"""Signature block (chữ ký: thẩm quyền, chức vụ, họ tên) of a Decree 30 document.

The block sits in the right column of the closing layout block, beside "Nơi
nhận:" (recipients) on the left. Capacity (TM./KT./Q./TL./TUQ.) comes first, then
the position in capitals, then the signer's name after the space left for the
signature and seal.
"""

from __future__ import annotations

from pipeline.model import Line, Signature, Span
from pipeline.structure import patterns as P
from pipeline.structure.names import sentence_case_name
from pipeline.text import normalize

#: How many lines after "Nơi nhận" to look for the signature column.
WINDOW = 40


def find_signature(lines: list[Line], start: int, stop: int) -> Signature | None:
    """Parse the first signature block in ``lines[start:stop]``.

    Looks first beside the "Nơi nhận:" heading, then at any right-column block
    that opens with a signing capacity. Returns ``None`` when there is none.
    """
    region = lines[start:stop]
    anchor = next((i for i, ln in enumerate(region) if P.RECIPIENTS_HEAD.match(normalize(ln.text))), None)
    if anchor is None:
        anchor = next(
            (
                i
                for i, ln in enumerate(region)
                if ln.column == 1 and P.CAPACITY.match(normalize(ln.text))
            ),
            None,
        )
    if anchor is None:
        return None
    right = [ln for ln in region[max(0, anchor - 2) : anchor + WINDOW] if ln.column == 1]
    if not right:
        # Flattened web text: the signature block follows the recipients in one column.
        window = region[anchor : anchor + WINDOW]
        first = next((i for i, ln in enumerate(window) if P.CAPACITY.match(normalize(ln.text))), None)
        right = window[first : first + 6] if first is not None else []
    return parse_signature(right)


def parse_signature(column: list[Line]) -> Signature | None:
    """Read capacity, position and name from the signature column's lines."""
    texts = [(normalize(ln.text), ln) for ln in column]
    texts = [(t, ln) for t, ln in texts if t and not P.SEPARATOR.match(t)]
    if not texts:
        return None
    sig = Signature(span=Span(page=texts[0][1].page, bbox=texts[0][1].bbox, block=texts[0][1].block))
    i = 0
    while i < len(texts) and P.CAPACITY.match(texts[i][0]):
        # "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH": both lines are the capacity.
        cap = sentence_case_name(texts[i][0])
        sig.capacity = f"{sig.capacity} {cap}" if sig.capacity else cap
        i += 1
    caps = [t for t, _ in texts[i:] if t.upper() == t and any(c.isalpha() for c in t) and not P.CAPACITY.match(t)]
    if caps:
        sig.position = sentence_case_name(caps[0])
    elif sig.capacity:
        # "KT. CHỦ TỊCH" with no position line below: the capacity names it.
        sig.position = sig.capacity.rsplit(".", 1)[1].strip()
    for t, _ in reversed(texts[i:]):
        if t.upper() != t and not P.NOT_A_NAME.match(t) and 1 < len(t.split()) <= 6:
            sig.name = t
            break
    return sig
