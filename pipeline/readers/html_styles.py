"""Legacy fonts named by a page's style sheet (``<style>``), set on the elements they style.

Word ("Save as Web Page") and LibreOffice HTML exports, and the web pages of the
pre-Unicode era, name the paragraph font in the style sheet, not on the element:
``p.western { font-family: ".VnTime", sans-serif }``, ``p.MsoNormal {font-family:".VnTime"}``,
``h1 { font-family: ".VnTimeH" }``. The text below is TCVN3/VNI bytes shown through that
font; read without it, it stays mojibake ("Néi dung c¸c b­íc"). :func:`apply_sheet_fonts`
copies the font of the rules with simple selectors (``tag``, ``.class``, ``tag.class``)
that name a legacy font (:func:`pipeline.text.legacy.font_encoding`) onto the matching
elements as an inline ``font-family``, which :mod:`pipeline.readers.markup` reads like
``<font face>``. A font set on the element itself (``face``, inline style) wins, as in CSS;
rules with other selectors (descendants, ids, pseudo-classes) are not applied.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from pipeline.readers.markup import first_family
from pipeline.text.legacy import font_encoding

#: One rule of a style sheet: selectors, then the declarations between braces.
_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
#: A simple selector: an optional tag name, an optional class.
_SIMPLE = re.compile(r"^([a-z][a-z0-9]*)?(?:\.([\w-]+))?$", re.I)


def sheet_fonts(root: _Element) -> dict[tuple[str, str], str]:
    """Legacy fonts of the page's style sheets: ``{(tag or "", class or ""): font}``.

    Later rules win over earlier ones, as in CSS (same specificity).
    """
    fonts: dict[tuple[str, str], str] = {}
    for style in root.iter("style"):
        sheet = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.S)
        for selectors, body in _RULE.findall(sheet):
            font = first_family(body)
            if font is None or font_encoding(font) is None:
                continue
            for sel in selectors.split(","):
                s = _SIMPLE.match(sel.strip())
                if s and (s.group(1) or s.group(2)):
                    fonts[((s.group(1) or "").lower(), s.group(2) or "")] = font
    return fonts


def apply_sheet_fonts(root: _Element) -> None:
    """Set the style sheet's legacy fonts (:func:`sheet_fonts`) inline on the elements they
    style; the most specific rule (``tag.class``, then ``.class``, then ``tag``) wins."""
    fonts = sheet_fonts(root)
    if not fonts:
        return
    for el in root.iter():
        if not isinstance(el.tag, str) or el.get("face") or first_family(el.get("style") or "") is not None:
            continue
        tag = el.tag.lower()
        classes = (el.get("class") or "").split()
        font = next((fonts[(tag, c)] for c in classes if (tag, c) in fonts), None)
        font = font or next((fonts[("", c)] for c in classes if ("", c) in fonts), None)
        font = font or fonts.get((tag, ""))
        if font:
            el.set("style", f"font-family: {font}; " + (el.get("style") or ""))
