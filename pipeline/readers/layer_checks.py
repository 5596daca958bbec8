"""Measures of a PDF page's text layer that tell a broken layer from a good one (lớp chữ hỏng).

Used by :mod:`pipeline.readers.triage`. Each function looks at one kind of
damage met in real provincial PDFs, and judges the layer's *quality*, not its
language (an English or Chinese layer that reads well is kept):

- :func:`unmapped_glyphs`: glyphs without a Unicode mapping, which pdfminer
  writes ``(cid:123)`` and PDFium as U+FFFD or private-use code points;
- :func:`mojibake_tokens`: words mixing Latin letters with letters of another
  script or with symbols (a Ghostscript re-encoding of "UBND TỈNH LÀO CAI SỞ
  CÔNG THƯƠNG" reads "UBND 7ӌ1+ L¿O CAI 6Ӣ C‘NG THѬѪNG");
- :func:`other_language`: a layer in English (a share of English function
  words no OCR garbage of Vietnamese reaches) or in CJK script;
- :func:`ink_outside_text`: the share of the page's text-like ink that no
  text box covers (a page partly pasted in as an image, or drawn as vector
  outlines).

Pure functions over words (dicts with ``text`` and boxes in points) and, for
the ink measure, a pypdfium2 page.
"""

from __future__ import annotations

from functools import lru_cache

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from pipeline.readers.layout import Word

#: pdfminer's text for a glyph without a Unicode mapping.
CID = re.compile(r"\(cid:\d+\)")
#: Combining marks Vietnamese letters use (circumflex, breve, horn, five tones).
_VIETNAMESE_MARKS = frozenset("\u0302\u0306\u031b\u0300\u0301\u0303\u0309\u0323")
#: English function words (closed class): common in any English prose, rare in
#: an English OCR layer over Vietnamese ("CQNG HOA XA HQI CHU NGHIA").
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in is are was were be been for that with on as by this from or at an it its which "
    "not have has had will would shall may can should their there these those such other any all "
    "into under between within upon than also each per who whom whose".split()
)
#: Share of words that must be English function words for a layer to be English.
MIN_ENGLISH = 0.2
#: Share of letters in CJK scripts (Han, kana, hangul) for a layer to be CJK.
MIN_CJK = 0.5
#: Resolution (dpi) of the ink measure, and the margin (points) around word boxes.
INK_DPI, BOX_MARGIN = 36, 2.0


def unmapped_glyphs(words: Sequence[Word]) -> tuple[int, int]:
    """``(unmapped, glyphs)``: glyphs without a Unicode mapping, and all glyphs of the layer.

    Unmapped are ``(cid:N)`` (pdfminer), U+FFFD and private-use code points
    inside words with letters (PDFium); a lone private-use glyph is a symbol
    font's bullet and counts as mapped.
    """
    texts = [str(w["text"]) for w in words]
    if not _may_hold_unmapped("".join(texts)):  # cheap check first: no "(cid:", U+FFFD or private-use glyph
        return 0, sum(map(len, texts))
    unmapped = glyphs = 0
    for w in words:
        text = str(w["text"])
        unmapped += len(CID.findall(text))
        rest = CID.sub("", text)
        glyphs += len(CID.findall(text)) + len(rest)
        private = sum(1 for ch in rest if unicodedata.category(ch) == "Co")
        unmapped += rest.count("\ufffd") + (private if private < len(rest) else 0)
    return unmapped, glyphs


def _may_hold_unmapped(text: str) -> bool:
    """Cheap check before counting: ``text`` holds "(cid:", U+FFFD or a private-use code point."""
    return "(cid:" in text or "\ufffd" in text or any(unicodedata.category(ch) == "Co" for ch in set(text))


@lru_cache(maxsize=8192)
def _vietnamese_letter(ch: str) -> bool:
    """A Latin letter that Vietnamese writes: a–z, đ, and vowels with Vietnamese marks."""
    base, *marks = unicodedata.normalize("NFD", ch)
    if base in "đĐÐð":  # Eth stands for Đ in many Vietnamese fonts
        return not marks
    return base.isascii() and base.isalpha() and all(m in _VIETNAMESE_MARKS for m in marks)


@lru_cache(maxsize=8192)
def _cjk(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK ", "HIRAGANA", "KATAKANA", "HANGUL"))


#: Letters of technical notation that stand beside digits in good text (Ø 90 mm, 5 µm).
_NOTATION = frozenset("Øøµ")


@lru_cache(maxsize=8192)
def _foreign(ch: str) -> bool:
    """A letter that has no place inside a Vietnamese word: Cyrillic, Armenian, Latin-1 others (not Greek, CJK, Ø/µ)."""
    if ch in _NOTATION or _vietnamese_letter(ch) or _cjk(ch):
        return False
    return not unicodedata.name(ch, "").startswith("GREEK")


#: Symbol categories that do not belong between the letters of a word, and the symbols that may.
_SYMBOL_CATEGORIES = frozenset({"Po", "Pi", "Pf", "So", "Sm", "Sc"})
_WORD_SYMBOLS = frozenset("/.-,&:'…_@")


@lru_cache(maxsize=8192)
def _symbol(ch: str) -> bool:
    """A punctuation mark or symbol that mojibake puts between letters ("L¿O", "C‘NG")."""
    return unicodedata.category(ch) in _SYMBOL_CATEGORIES and ch not in _WORD_SYMBOLS


def mojibake_tokens(words: Sequence[Word]) -> list[str]:
    """Words that mix Vietnamese letters with foreign letters or symbols between letters.

    "7ӌ1+" (Cyrillic), "L¿O" (an inverted question mark between letters),
    "THѬѪNG", "C‘NG" (a quotation mark inside a word) are mojibake; "Quyết",
    "COVID-19", "b/c", "Nguyễn" and a whole word in another script ("Москва")
    are not.
    """
    out: list[str] = []
    present = set("".join(str(w["text"]) for w in words))
    foreign_here = any(ch.isalpha() and _foreign(ch) for ch in present)
    symbols_here = {ch for ch in present if _symbol(ch)}
    if not foreign_here and not symbols_here:
        return out  # cheap check first: no foreign letter and no symbol anywhere on the page
    for w in words:
        token = str(w["text"]).strip(".,;:!?()[]\"'“”‘’«»-–—/")
        if len(token) < 2 or (not foreign_here and symbols_here.isdisjoint(token[1:-1])):
            continue  # neither a foreign letter nor a symbol between letters: not mojibake
        latin = sum(_vietnamese_letter(ch) for ch in token if ch.isalpha())
        foreign = sum(1 for ch in token if ch.isalpha() and _foreign(ch))
        inner = token[1:-1]
        symbols = sum(1 for ch in inner if _symbol(ch))
        if (foreign and (latin or symbols or any(c.isdigit() for c in token))) or (latin >= 2 and symbols and not any(c.isdigit() for c in token)):
            out.append(token)
    return out


def other_language(words: Sequence[Word]) -> str | None:
    """``"English"`` or ``"CJK"`` when the layer reads as that language, else None.

    English: at least :data:`MIN_ENGLISH` of the words (two letters or more)
    are English function words. CJK: at least :data:`MIN_CJK` of the letters
    are Han, kana or hangul.
    """
    letters = [ch for w in words for ch in str(w["text"]) if ch.isalpha()]
    if letters and sum(_cjk(ch) for ch in letters) / len(letters) >= MIN_CJK:
        return "CJK"
    tokens = [t.lower() for w in words for t in re.findall(r"[A-Za-z]+", str(w["text"])) if len(t) > 1]
    if len(tokens) >= 10 and sum(t in ENGLISH_FUNCTION_WORDS for t in tokens) / len(tokens) >= MIN_ENGLISH:
        return "English"
    return None


def text_boxes(page) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """Rectangles PDFium finds around the page's text runs: ``(x0, top, x1, bottom)`` in points from the top left."""
    height = float(page.get_size()[1])
    textpage = page.get_textpage()
    try:
        boxes = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            boxes.append((left, height - top, right, height - bottom))
        return boxes
    finally:
        textpage.close()


def ink_outside_text(page) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """``(uncovered share, ink share)`` of a page's text-like ink, rendered at :data:`INK_DPI`.

    Text-like ink is the page's dark pixels without long horizontal and
    vertical runs (table rules, underlines); ``uncovered share`` is the part of
    it outside every text run's box (:func:`text_boxes`, widened by
    :data:`BOX_MARGIN`), ``ink share`` the part of the page it covers. A page
    whose layer covers all its text gives a small first figure; a page half
    pasted in as an image of text, or drawn as outlines, a large one.
    """
    import cv2

    scale = INK_DPI / 72
    gray = np.array(page.render(scale=scale, grayscale=True).to_pil().convert("L"))
    mask = (gray < 160).astype(np.uint8)
    long = max(8, int(0.6 * INK_DPI))
    rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, long), np.uint8)) | cv2.morphologyEx(
        mask, cv2.MORPH_OPEN, np.ones((long, 1), np.uint8)
    )
    text_ink = mask & (1 - rules)
    total = int(text_ink.sum())
    if not total:
        return 0.0, 0.0
    covered = np.zeros_like(text_ink)
    h, w = covered.shape
    for x0, top, x1, bottom in text_boxes(page):
        covered[
            max(0, int((top - BOX_MARGIN) * scale)) : min(h, int((bottom + BOX_MARGIN) * scale) + 1),
            max(0, int((x0 - BOX_MARGIN) * scale)) : min(w, int((x1 + BOX_MARGIN) * scale) + 1),
        ] = 1
    outside = int((text_ink & (1 - covered)).sum())
    return outside / total, total / float(h * w)
