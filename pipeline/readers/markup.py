"""HTML fragments as plain text, shared by the HTML and the text/Markdown readers.

Parsing is lxml's (``lxml.html``, libxml2's forgiving HTML parser). Block
elements (``<p>``, ``<li>``, ``<div>``, headings, ``<br>``) end a paragraph;
whitespace inside a paragraph (the exporter's line wrapping) folds to one space,
as a browser shows it. Text in a legacy TCVN3/VNI font (``<font face=".VnTime">``,
``font-family: VNI-Times``) is decoded to Unicode. Paragraphs of one table cell are joined with ``"\\n"``,
the convention of :class:`pipeline.model.Cell`.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import _Element

from pipeline.readers.legacy_fonts import decode_run

#: Elements that start and end a paragraph of text.
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6",
     "blockquote", "pre", "tr", "table", "thead", "tbody", "tfoot", "center", "dl", "dt", "dd"}
)
#: Elements whose text is never shown.
HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "meta", "noscript", "template"})
BOLD_TAGS = frozenset({"b", "strong"})
ITALIC_TAGS = frozenset({"i", "em"})

_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def fold_spaces(text: str) -> str:
    """Whitespace runs as one space, stripped (how a browser shows text)."""
    return _SPACE.sub(" ", text).strip()


class Run:
    """A piece of shown text with the emphasis and font in force on it."""

    __slots__ = ("text", "bold", "italic", "font")

    def __init__(self, text: str, bold: bool, italic: bool, font: str | None = None) -> None:
        self.text, self.bold, self.italic, self.font = text, bold, italic, font

    @property
    def shown(self) -> str:
        """The run's text, decoded to Unicode when its font is a legacy TCVN3/VNI font
        and the text is legacy bytes (:func:`pipeline.readers.legacy_fonts.decode_run`)."""
        return decode_run(self.text, self.font)


class Paragraph:
    """One paragraph: its runs; ``text`` is whitespace-folded and stripped."""

    __slots__ = ("runs",)

    def __init__(self, runs: list[Run]) -> None:
        self.runs = runs

    @classmethod
    def of(cls, text: str) -> Paragraph:
        """A paragraph of plain text (no emphasis)."""
        return cls([Run(text, False, False)])

    @property
    def raw(self) -> str:
        """Text as written in the source (legacy-font runs decoded), whitespace kept."""
        return "".join(r.shown for r in self.runs)

    @property
    def text(self) -> str:
        """Shown text: legacy-font runs decoded, whitespace folded, stripped."""
        return fold_spaces(self.raw)

    def _all(self, attr: str) -> bool:
        shown = [r for r in self.runs if r.text.strip()]
        return bool(shown) and all(getattr(r, attr) for r in shown)

    @property
    def bold(self) -> bool:
        """Every shown character is bold."""
        return self._all("bold")

    @property
    def italic(self) -> bool:
        """Every shown character is italic."""
        return self._all("italic")


def _font(el: _Element, inherited: str | None) -> str | None:
    """Font set by ``<font face>`` or an inline ``font-family`` (first family), else inherited."""
    face = el.get("face")
    if face:
        return face.split(",")[0].strip().strip("'\"")
    return first_family(el.get("style") or "") or inherited


def first_family(declarations: str) -> str | None:
    """The first family of a ``font-family`` in CSS declarations ("font-family: '.VnTime', serif"
    → ".VnTime"), or None."""
    m = _FAMILY.search(declarations)
    return m.group(1).split(",")[0].strip().strip("'\"") if m else None


_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.I)


def _style_weight(el: _Element) -> tuple[bool | None, bool | None]:
    """Bold/italic set or cleared by an inline ``style`` (LibreOffice writes both)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    bold = True if "font-weight:bold" in style else False if "font-weight:normal" in style else None
    italic = True if "font-style:italic" in style else False if "font-style:normal" in style else None
    return bold, italic


def paragraphs(root: _Element, skip: frozenset[str] = frozenset()) -> list[Paragraph]:
    """Paragraphs under ``root`` in document order; subtrees tagged in ``skip`` are left out.

    Empty paragraphs (only whitespace) are dropped.
    """
    out: list[Paragraph] = []
    current: list[Run] = []

    def flush() -> None:
        para = Paragraph(current.copy())
        if para.text:
            out.append(para)
        current.clear()

    def walk(el: _Element, bold: bool, italic: bool, font: str | None) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in HIDDEN_TAGS or tag in skip or not tag:
            return
        sb, si = _style_weight(el)
        bold = (tag in BOLD_TAGS or bold) if sb is None else sb
        italic = (tag in ITALIC_TAGS or italic) if si is None else si
        font = _font(el, font)
        block = tag in BLOCK_TAGS
        if block:
            flush()
        shown_before = len(out)
        if el.text:
            current.append(Run(el.text, bold, italic, font))
        for child in el:
            clearing = _clears_image(child)
            if not clearing:  # a float-clearing <br> after an anchored image breaks no text
                walk(child, bold, italic, font)
            tail = child.tail
            if tail and (child.tag == "img" or clearing) and tail.startswith("\n"):
                # LibreOffice starts a new source line after an image anchored inside a
                # word ("T<img …/>\nỈNH", "S<img …/><br clear="left"/></img>\nố:"); those
                # breaks are not text.
                tail = tail.lstrip("\n") if clearing else tail[1:]
            if tail and child.tag == "img" and not tail.strip() and _clears_image(child.getnext()):
                tail = ""
            if tail:
                current.append(Run(tail, bold, italic, font))
        if tag == "li" and len(out) == shown_before and not "".join(r.text for r in current).strip():
            current.append(Run(list_marker(el), bold, italic, None))  # an empty numbered item shows its number
        if block:
            flush()

    walk(root, False, False, None)
    flush()
    return out


def _clears_image(el: _Element | None) -> bool:
    """True for a ``<br clear=…>`` right after an ``<img>`` (only blanks between): LibreOffice
    writes it after an image anchored inside a word, to clear the image's float."""
    if el is None or el.tag != "br" or el.get("clear") is None:
        return False
    prev = el.getprevious()
    return prev is not None and prev.tag == "img" and not (prev.tail or "").strip()


def list_marker(li: _Element) -> str:
    """The number a browser shows before the ``<li>`` of an ordered list: "3.", "c.", "IV.";
    "" in an unordered list.

    Counts as HTML does: the ``<ol>``'s ``start`` (default 1), the item's place among the
    list's items, a ``value`` on an earlier item resetting the count; ``type`` is "1", "a",
    "A", "i" or "I". Word and LibreOffice export a Word-numbered "STT" cell as an empty item
    of a one-item ``<ol start="n">``, the number existing only as this marker.
    """
    ol = li.getparent()
    if ol is None or not isinstance(ol.tag, str) or ol.tag.lower() != "ol":
        return ""
    n = _int(ol.get("start"), 1)
    for item in ol:
        if not isinstance(item.tag, str) or item.tag.lower() != "li":
            continue
        n = _int(item.get("value"), n)
        if item is li:
            break
        n += 1
    kind = ol.get("type") or "1"
    if kind in "aA" and 1 <= n <= 26:
        text = chr(ord(kind) + n - 1)
    elif kind in "iI" and n >= 1:
        text = _roman(n) if kind == "I" else _roman(n).lower()
    else:
        text = str(n)
    return text + "."


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def cell_text(el: _Element) -> str:
    """Text of a table cell: its paragraphs joined with ``"\\n"``."""
    return "\n".join(p.text for p in paragraphs(el))


def fragment_paragraphs(markup: str) -> list[Paragraph]:
    """Paragraphs of an HTML fragment such as ``"<p><b>A</b></p> <p>B</p>"``."""
    if not markup.strip():
        return []
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return paragraphs(root)
