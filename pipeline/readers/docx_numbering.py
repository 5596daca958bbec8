"""Word list numbering (đánh số tự động) rendered as Word shows it: "1.", "a)", "II.".

A task table whose TT cells hold only a list paragraph (``w:numPr``) has no
ordinal in its XML text; Word computes it from ``numbering.xml`` (ECMA-376
Part 1, §17.9: ``w:num`` → ``w:abstractNum`` levels with ``w:start``, ``w:numFmt``,
``w:lvlText``). :class:`ListCounter` replays the counters in document order, so
every numbered paragraph (body and table cells) must pass through
:meth:`ListCounter.label` once, in order.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def render(n: int, fmt: str) -> str:
    """Counter ``n`` in a ``w:numFmt`` (decimal, lowerLetter, upperRoman …)."""
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


class ListCounter:
    """Counters of the document's numbered lists; ``label(p)`` gives a paragraph's rendered number."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            levels: dict[int, tuple[int, str, str]] = {}
            base = abstract.get(_val(num, "w:abstractNumId"))
            for lvl in base.findall(qn("w:lvl")) if base is not None else []:
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                levels[ilvl] = (int(_val(lvl, "w:start") or 1), _val(lvl, "w:numFmt") or "decimal",
                                _val(lvl, "w:lvlText") or "")
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start),) + levels[ilvl][1:]
            self.levels[num.get(qn("w:numId"))] = levels

    def label(self, p: Any) -> str:
        """The rendered number of paragraph element ``p`` ("" when it is not numbered); advances the counter."""
        ppr = p.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return ""
        num_id = str(ppr.numPr.numId.val)
        ilvl = int(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[ilvl][2]
        for k, (start, fmt, _) in levels.items():
            if f"%{k + 1}" in text:
                text = text.replace(f"%{k + 1}", render(counts.get(k, start), fmt))
        return text if levels[ilvl][1] != "bullet" else text.strip()
