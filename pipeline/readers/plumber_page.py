"""pdfplumber pages whose characters become dicts faster: the same dicts as pdfplumber's.

A page that may hold a ruled table (bảng kẻ ô) is read with pdfplumber
(:mod:`pipeline.readers.pdf_text`). pdfplumber's ``Page.process_object`` turns
each pdfminer layout object into a dict through generic code: a regular
expression on the class name, ``resolve_all`` on every attribute, the colour
space name decoded through PDFDocEncoding again for each character. On a text
page that costs about as much as pdfminer's own parse of the content stream.

:class:`LeanPage` builds a character's (``LTChar``) dict itself: same keys in
the same order and same values as pdfplumber 0.11's ``process_object``, with
the constant parts (object type, decoded colour-space names) computed once and
``resolve_all`` called only on values that are not plain numbers, strings or
tuples of them. Every other object (rules, rectangles, curves, images) goes
through pdfplumber's own code. ``tests/test_plumber_page.py`` checks that every
object of real pages equals pdfplumber's, so a pdfplumber release that changes
its dicts fails there first.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any
from unicodedata import normalize as normalize_unicode

import pdfplumber
from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils import resolve_all, resolve_and_decode

#: Attribute values pdfplumber's ``resolve_all`` returns unchanged.
_PLAIN = frozenset({float, int, str, bool, type(None)})


#: Colour-space names as pdfplumber decodes them (``resolve_and_decode``), by name.
_NAMES: dict[Any, Any] = {}


def _resolved(attr: dict[str, Any]) -> dict[str, Any]:
    """``attr`` with ``resolve_all`` applied to its values, skipped for plain values and tuples of them.

    ``resolve_all`` returns those unchanged (a tuple as an equal tuple).
    """
    for key, value in attr.items():
        kind = type(value)
        if kind not in _PLAIN and not (kind is tuple and _PLAIN.issuperset(map(type, value))):
            attr[key] = resolve_all(value)
    return attr


def _decoded(name: Any) -> Any:
    """pdfplumber's decoding of a colour-space name (``"DeviceRGB"``), once per name."""
    if type(name) not in (str, bytes):
        return resolve_and_decode(name)
    found = _NAMES.get(name)
    if found is None:
        found = _NAMES[name] = resolve_and_decode(name)
    return found


class LeanPage(Page):
    """A ``pdfplumber.page.Page`` whose ``chars`` are built by :meth:`process_object` below.

    Construct it from a page of an open ``pdfplumber.PDF`` with :func:`lean_page`.
    """

    def process_object(self, obj: Any) -> dict[str, Any]:
        """pdfplumber's dict for ``obj``: built here for an ``LTChar``, by pdfplumber otherwise."""
        d = obj.__dict__
        if type(obj) is not LTChar or isinstance(d.get("fontname"), bytes):  # rare byte names: pdfplumber fixes them
            return super().process_object(obj)
        attr = _resolved({k: v for k, v in d.items() if k in ALL_ATTRS})
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        if "ncs" in d:  # LTChar sets ncs on the instance, never scs
            attr["ncs"] = _decoded(d["ncs"].name)
        if "scs" in d:
            attr["scs"] = _decoded(d["scs"].name)
        text = obj._text
        norm = self.pdf.unicode_norm
        attr["text"] = normalize_unicode(norm, text) if norm is not None else text
        gs = obj.graphicstate
        scolor, ncolor = gs.scolor, gs.ncolor
        attr["stroking_color"] = scolor if isinstance(scolor, tuple) else (scolor,)
        attr["non_stroking_color"] = ncolor if isinstance(ncolor, tuple) else (ncolor,)
        mb_x0, mb_top, height, doctop = self._frame
        top = attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = doctop + top
        if mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    @cached_property
    def _frame(self) -> tuple[Any, Any, Any, Any]:
        """``(mediabox x0, mediabox top, page height, initial doctop)``: the page's constants, computed once."""
        return (self.mediabox[0], self.mediabox[1], self.height, self.initial_doctop)


def lean_page(pdf: pdfplumber.PDF, index: int) -> LeanPage:
    """Page ``index`` (0-based) of ``pdf`` as a :class:`LeanPage`: same page object, number and ``doctop``."""
    page = pdf.pages[index]
    return LeanPage(pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)
