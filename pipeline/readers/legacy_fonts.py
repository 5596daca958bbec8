"""Legacy TCVN3/VNI text inside PDFs and Word files, decoded where it is read.

PDF: pdfplumber words carry the font of their characters (``extract_words``
splits a word where the font changes), so each word is decoded with the
encoding its font implies, in capitals when the font is a TCVN3 capitals font
(``VnTimeHBold``). A page whose fonts are not legacy but whose text reads as
legacy mojibake (fonts renamed by a converter) is decoded as a whole by
character statistics, without case restoration.

Word: each run is decoded by its effective font (run, character style,
paragraph style chain, document defaults).
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pipeline.text.legacy import Encoding, decode, detect_encoding, font_encoding, is_caps_font


#: Largest gap between two pieces of one word that only a change of font
#: subset split apart, as a fraction of the font size (a space is about 0.25).
_SAME_WORD_GAP = 0.15
#: ``decode_words`` default: detect the page's encoding from its words.
_DETECT = object()


def decode_words(
    words: list[dict[str, Any]], detected: Encoding | None | object = _DETECT
) -> tuple[list[dict[str, Any]], Encoding | None]:
    """Decode legacy-encoded pdfplumber words; return the words and the encoding found.

    Each word needs ``text``, ``fontname``, ``size``, ``x0``, ``x1``, ``top``.
    Words in Unicode fonts are left alone. Pieces of one word that a change of
    font subset split apart (``t`` + ``−`` + ``íng``) are joined before decoding.
    Returns the words unchanged and ``None`` for a Unicode page. ``detected`` is
    the page's encoding when the caller already ran
    :func:`~pipeline.text.legacy.detect_encoding` on these words (triage does);
    it is used only for a page without legacy font names.
    """
    if not any(font_encoding(w.get("fontname")) for w in words):
        enc = detect_encoding(" ".join(str(w["text"]) for w in words)) if detected is _DETECT else detected
        if enc:
            words = [dict(w, text=decode(w["text"], enc)) for w in words]
        return words, enc
    found: Encoding | None = None
    out: list[dict[str, Any]] = []
    pieces: list[list[dict[str, Any]]] = []
    for word in words:
        enc = font_encoding(word.get("fontname"))
        prev = pieces[-1][-1] if pieces else None
        if enc and prev is not None and font_encoding(prev.get("fontname")) == enc and _split_by_font(prev, word):
            pieces[-1].append(word)
        else:
            pieces.append([word])
    for group in pieces:
        enc = font_encoding(group[0].get("fontname"))
        if not enc:
            out.append(group[0])
            continue
        found = found or enc
        out.append(dict(group[0], text=_decode_pieces(group, enc), x1=group[-1]["x1"],
                        bottom=max(w["bottom"] for w in group)))
    return out, found


def _split_by_font(a: dict[str, Any], b: dict[str, Any]) -> bool:
    gap = b["x0"] - a["x1"]
    size = float(a.get("size") or 10.0)
    return a.get("fontname") != b.get("fontname") and abs(a["top"] - b["top"]) < 1.0 and -0.5 <= gap <= _SAME_WORD_GAP * size


def _decode_pieces(group: list[dict[str, Any]], enc: Encoding) -> str:
    """Decode the joined pieces; capitals per piece (TCVN3 decoding keeps lengths)."""
    raw = "".join(str(w["text"]) for w in group)
    text = decode(raw, enc)
    if len(text) != len(raw):
        return decode(raw, enc, uppercase=is_caps_font(group[0].get("fontname")))
    parts, pos = [], 0
    for w in group:
        n = len(str(w["text"]))
        piece = text[pos : pos + n]
        parts.append(piece.upper() if is_caps_font(w.get("fontname")) else piece)
        pos += n
    return "".join(parts)


class DocxFonts:
    """Effective run fonts of one Word document, to decode legacy runs.

    Build once per document; :meth:`text` then gives a paragraph's text with
    its legacy runs decoded, and :attr:`legacy` says whether any font is legacy.
    """

    def __init__(self, document: Any) -> None:
        self._styles: dict[str, tuple[str | None, str | None]] = {}
        styles = document.styles.element
        for style in styles.iterchildren(qn("w:style")):
            sid = style.get(qn("w:styleId"))
            based = style.find(qn("w:basedOn"))
            self._styles[sid] = (_rfont(style.find(qn("w:rPr"))), based.get(qn("w:val")) if based is not None else None)
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self._default = _rfont(defaults)
        names = {f for f, _ in self._styles.values()} | {self._default}
        names |= {el.get(qn("w:ascii")) for el in document.element.body.iter(qn("w:rFonts"))}
        self.legacy = any(font_encoding(n) for n in names if n)

    def _style_font(self, sid: str | None) -> str | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            font, based = self._styles.get(sid, (None, None))
            if font:
                return font
            sid = based
        return None

    def font(self, run: Any, paragraph: Paragraph) -> str | None:
        """Effective font name of a ``w:r`` element inside ``paragraph``."""
        rpr = run.find(qn("w:rPr"))
        font = _rfont(rpr)
        if font:
            return font
        if rpr is not None and rpr.find(qn("w:rStyle")) is not None:
            font = self._style_font(rpr.find(qn("w:rStyle")).get(qn("w:val")))
            if font:
                return font
        ppr = paragraph._p.pPr
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid = pstyle.get(qn("w:val")) if pstyle is not None else "Normal"
        return self._style_font(sid) or self._style_font("Normal") or self._default

    def text(self, paragraph: Paragraph) -> str:
        """The paragraph's text (as ``Paragraph.text`` gives it), legacy runs decoded."""
        if not self.legacy:
            return paragraph.text
        parts = []
        for r in paragraph._p.iter(qn("w:r")):
            font = self.font(r, paragraph)
            enc = font_encoding(font)
            parts.append(decode_run(_run_text(r, enc), font))
        return "".join(parts)


def decode_run(text: str, font: str | None) -> str:
    """A run's text, decoded when its font is a legacy TCVN3/VNI font and the text is legacy bytes.

    Web copies keep a legacy font's name on text typed in Unicode ("PHÒNG CHỮA
    CHÁY", "Nông Đức Mạnh" in ``.VnTime``). Legacy bytes read as Windows-1252 never
    give a letter beyond Latin-1 other than cp1252's own ("Œ", "š"), so a run holding
    one ("Ữ", "Đ", "ạ") is Unicode already and is not turned into "PHềNG", "Nụng".
    A capitals font (``.VnTimeH``) prints the text upper-case either way.
    """
    enc = font_encoding(font)
    if enc is None:
        return text
    caps = is_caps_font(font)
    if any(c.isalpha() and ord(c) > 0xFF and c not in _CP1252_LETTERS for c in text):
        return text.upper() if caps else text
    return decode(text, enc, uppercase=caps)


#: Letters beyond Latin-1 that Windows-1252 gives for bytes 0x80–0x9F.
_CP1252_LETTERS = frozenset("ƒŠŒŽšœžŸ")


#: Run children that stand for characters; a soft hyphen is TCVN3's ``ư`` byte
#: (0xAD), which converters store as ``<w:softHyphen/>``.
_RUN_CHARS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}


def _run_text(run: Any, encoding: Encoding | None) -> str:
    parts = []
    for child in run.iterchildren():
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag == qn("w:softHyphen"):
            parts.append("\u00ad" if encoding == "tcvn3" else "")
        else:
            parts.append(_RUN_CHARS.get(child.tag, ""))
    return "".join(parts)


def _rfont(rpr: Any) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))

