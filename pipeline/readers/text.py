"""Reader for plain-text and Markdown exports of decisions (văn bản dạng văn bản thuần).

Input shapes met in the wild, all read into one page-less :class:`Document`:

* Markdown exports (``**QUYẾT ĐỊNH**``, ``## **II. NHIỆM VỤ**``, ``*(Kèm theo …)*``):
  emphasis markers are removed with markdown-it-py's inline parser, and a line that
  is wholly bold or italic is flagged so;
* appendix tables flattened to one tab-separated line per row, cells holding HTML
  (``<p>``, ``<li>``, ``<b>``), rows broken where the pages broke and the header row
  repeated on each page (the seed export): each run of rows becomes one
  :class:`Table` fragment (see :mod:`pipeline.readers.text_tables`);
* GitHub-style pipe tables (``| a | b |`` over ``|---|---|``) and HTML
  ``<table>`` blocks inside Markdown (spans resolved as in the HTML reader): a
  :class:`Table`;
* web text flattened from HTML, with ``|`` between the cells of the page's layout
  tables (``ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI …``): each cell becomes a line, the
  first in column 0, the others in column 1, like a DOCX layout table; so do the
  pieces of a line laid out with tabs or runs of blanks (text dumps of Word files).

Text typed in a legacy 8-bit font encoding (TCVN3, VNI; recognised by
:func:`pipeline.text.legacy.detect_encoding`) is converted to Unicode first.
Every line and cell keeps ``offset``, the character offset of its source line in
the decoded (Unicode) text. ``block`` numbers paragraphs (runs of lines between blank lines)
and table fragments in order. Text is kept as written (no normalisation).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from markdown_it import MarkdownIt

from pipeline.model import Document, Line, Note, Page
from pipeline.readers.layout import split_layout_line
from pipeline.readers.text_tables import PIPE_SEPARATOR, bar_table_blocks, bar_tables, html_table, is_tab_row, pipe_table, split_cells, tab_table
from pipeline.text.legacy import decode, detect_encoding

_MD = MarkdownIt("commonmark").enable("strikethrough")
#: "*" runs the inline parser left as text: emphasis opened or closed on another source line
#: ("**ỦY BAN NHÂN DÂN **", "VĨNH LONG *(THỦ TỤC …", "** **"). A footnote mark "(*)" stays.
_STRAY_EMPHASIS = re.compile(r"(?<!\()\*+|\*+(?!\))")
_HTML_TABLE_OPEN = re.compile(r"^\s*<table[\s>]", re.I)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+")
#: Markup that makes a text file Markdown rather than plain text: bold markers,
#: ATX headings, pipe-table separator rows (list dashes are common in plain text).
_MARKDOWN_CUES = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__|^ {0,3}#{1,6}\s+\S|^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.M)


def decode_text(data: bytes) -> str:
    """The text of a text file (see :func:`decode_bytes`, which also names the encoding)."""
    return decode_bytes(data)[0]


def decode_bytes(data: bytes) -> tuple[str, str, list[Note]]:
    """Decode a text file; return ``(text, encoding name, warnings)``.

    In order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a mark
    (NUL in every other byte: :func:`utf16_without_bom`); UTF-8; else an 8-bit
    Windows code page: Windows-1258 (Vietnamese, tone marks as combining
    characters; composed to NFC here) when it yields more Vietnamese syllables
    than Windows-1252, else Windows-1252 (bytes 0x80–0x9F as Latin-1 where
    undefined), which keeps text typed in a legacy 8-bit Vietnamese font
    encoding (TCVN3, VNI) as its usual mojibake for :mod:`pipeline.text.legacy`.
    NUL characters left in the text are removed, with a warning. Every
    encoding other than UTF-8 is named in a warning.
    """
    notes: list[Note] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text, name = data.decode("utf-8-sig", errors="replace"), "UTF-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        name = "UTF-16LE" if data.startswith(b"\xff\xfe") else "UTF-16BE"
        text = data[2:].decode(name.lower(), errors="replace")
        notes.append(Note("text_encoding_decoded", "text", f"text file in {name} (with byte-order mark), decoded to Unicode"))
    elif order := utf16_without_bom(data):
        text, name = data.decode(order.lower(), errors="replace"), order
        notes.append(Note("text_encoding_decoded", "text", f"text file in {order} without a byte-order mark, decoded to Unicode"))
    else:
        try:
            text, name = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, name = _eight_bit(data)
            notes.append(Note("text_encoding_decoded", "text", f"text file is not UTF-8: decoded as {name}"))
    if "\x00" in text:
        notes.append(Note("nul_characters_removed", "text", f"{text.count(chr(0))} NUL characters removed from the {name} text"))
        text = text.replace("\x00", "")
    return text, name, notes


def utf16_without_bom(data: bytes) -> str | None:
    """``"UTF-16LE"``/``"UTF-16BE"`` when ``data`` looks like UTF-16 without a byte-order mark, else ``None``.

    Text in Latin script stored as UTF-16 has a NUL in most high bytes (every
    odd byte for little-endian, every even one for big-endian) and almost none in the others.
    """
    head = data[:65536]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "UTF-16LE"
    if even > 0.3 * half and odd < 0.05 * half:
        return "UTF-16BE"
    return None


def _vietnamese_syllables(text: str) -> int:
    """Words of ``text`` that are Vietnamese syllables with a letter outside ASCII (a decoding's score)."""
    from pipeline.text.syllables import is_syllable

    return sum(1 for w in re.findall(r"[^\W\d_]+", text[:200000]) if not w.isascii() and is_syllable(w))


def _eight_bit(data: bytes) -> tuple[str, str]:
    """``(text, name)`` for a file that is not UTF-8: Windows-1258 or Windows-1252 (see :func:`decode_bytes`)."""
    western = "".join(_CP1252[b] for b in data)
    if detect_encoding(western):
        return western, "Windows-1252"
    vietnamese = unicodedata.normalize("NFC", "".join(_CP1258[b] for b in data))
    if _vietnamese_syllables(vietnamese) > _vietnamese_syllables(western):
        return vietnamese, "Windows-1258"
    return western, "Windows-1252"


def _code_page(name: str) -> list[str]:
    """Byte → character of an 8-bit code page; undefined bytes kept as Latin-1."""
    table = []
    for byte in range(256):
        try:
            table.append(bytes([byte]).decode(name))
        except UnicodeDecodeError:  # e.g. 0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252
            table.append(chr(byte))
    return table


_CP1252 = _code_page("cp1252")
_CP1258 = _code_page("cp1258")


def is_markdown(text: str) -> bool:
    """True when the text carries Markdown markup (bold markers, headings, pipe tables)."""
    return len(_MARKDOWN_CUES.findall(text[:20000])) >= 2


def read_text(path: Path, doc_id: str) -> Document:
    """Read a .txt/.md file into a one-page, page-less :class:`Document`.

    The file's encoding is detected (:func:`decode_bytes`); any other than
    UTF-8 is named in the page's warnings. Never raises for the bytes it holds.
    """
    text, _encoding, notes = decode_bytes(path.read_bytes())
    legacy = detect_encoding(text)
    text = decode(text, legacy)
    markdown = is_markdown(text)
    page = Page(number=1, source_kind="legacy_decoded" if legacy else "markdown" if markdown else "text")
    page.warnings.extend(notes)
    if legacy:
        page.warnings.append(Note("legacy_encoding_decoded", "text", f"text in the legacy {legacy.upper()} encoding, decoded to Unicode"))
    _Builder(page, markdown).feed(text)
    if markdown:
        _add_bar_tables(page, _physical_lines(text))
    return Document(
        doc_id=doc_id,
        source_file=path.name,
        source_format="markdown" if markdown else "text",
        pages=[page],
        paged=False,
    )


def _add_bar_tables(page: Page, rows: list[tuple[int, str]]) -> None:
    """Add the tables flattened to bar lines (their text stays in the lines, read as paragraphs
    for the header and body); each table takes the block of the first line at or after it."""
    for source in bar_table_blocks(rows):
        start = source[0][0]
        block = next((ln.block for ln in page.lines if ln.offset is not None and ln.offset >= start), 0)
        page.tables.extend(bar_tables(source, block, lambda part: markdown_lines(part, block)))
    page.tables.sort(key=lambda t: t.block)


class _Builder:
    """Walks the source lines once, emitting paragraphs, column lines and tables."""

    def __init__(self, page: Page, markdown: bool) -> None:
        self.page = page
        self.markdown = markdown
        self.block = 0

    def feed(self, text: str) -> None:
        rows = _physical_lines(text)
        i = 0
        while i < len(rows):
            offset, line = rows[i]
            if not line.strip():
                i += 1
                continue
            end = self._table_end(rows, i)
            if end > i:
                self._table(rows[i:end])
                i = end
                continue
            j = i
            while j < len(rows) and rows[j][1].strip() and self._table_end(rows, j) == j:
                j += 1
            self._paragraph(rows[i:j])
            i = j

    def _table_end(self, rows: list[tuple[int, str]], i: int) -> int:
        """End index of a table starting at ``i`` (``i`` itself when none starts there)."""
        if _HTML_TABLE_OPEN.match(rows[i][1]):
            for j in range(i, len(rows)):
                if _HTML_TABLE_CLOSE.search(rows[j][1]):
                    return j + 1
            return len(rows)
        j = i
        while j < len(rows) and is_tab_row(rows[j][1]):
            j += 1
        if j - i >= 2:
            return j
        if i + 1 < len(rows) and rows[i][1].lstrip().startswith("|") and PIPE_SEPARATOR.match(rows[i + 1][1]):
            j = i + 2
            while j < len(rows) and rows[j][1].lstrip().startswith("|"):
                j += 1
            return j
        return i

    def _table(self, rows: list[tuple[int, str]]) -> None:
        if _HTML_TABLE_OPEN.match(rows[0][1]):
            table = html_table(rows, self.block)
        elif PIPE_SEPARATOR.match(rows[1][1]) and rows[0][1].lstrip().startswith("|"):
            table = pipe_table(rows, self.block)
        else:
            table = tab_table(rows, self.block)
        self.page.tables.append(table)
        self.block += 1

    def _paragraph(self, rows: list[tuple[int, str]]) -> None:
        """One block of consecutive non-blank lines (a paragraph or a list)."""
        for offset, line in rows:
            cells = split_cells(line)
            if len(cells) < 2 and "|" not in line:
                cells = _layout_cells(line) or [(0, line)]
            for k, (cell_offset, cell) in enumerate(cells):
                self._add(self._inline([(offset + cell_offset, cell)]), column=min(k, 1))
        self.block += 1

    def _inline(self, rows: list[tuple[int, str]]) -> list[Line]:
        return markdown_lines(rows, self.block) if self.markdown else [
            Line(text=line.strip(), block=self.block, offset=offset + len(line) - len(line.lstrip()))
            for offset, line in rows
        ]

    def _add(self, lines: list[Line], column: int = 0) -> None:
        for line in lines:
            if line.text:
                line.column = column
                self.page.lines.append(line)


def _layout_cells(line: str) -> list[tuple[int, str]] | None:
    """The two pieces of a line laid out with a run of blanks, with their offsets."""
    pieces = split_layout_line(line)
    if pieces is None:
        return None
    second = line.index(pieces[1], line.index(pieces[0]) + len(pieces[0]))
    return [(line.index(pieces[0]), pieces[0]), (second, pieces[1])]


def _physical_lines(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` for each line of ``text`` without its line break."""
    out: list[tuple[int, str]] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        out.append((offset, raw.rstrip("\r\n")))
        offset += len(raw)
    return out


def markdown_lines(rows: list[tuple[int, str]], block: int) -> list[Line]:
    """Lines of Markdown source as shown text: emphasis markers removed, headings unmarked.

    Each source line gives one :class:`Line` (``bold``/``italic`` when all its shown
    text is), with ``style`` ``"Heading N"`` for ATX headings.
    """
    lines: list[Line] = []
    for offset, source in rows:
        style = None
        heading = _HEADING.match(source)
        body = source
        if heading:
            style = f"Heading {len(heading.group(1))}"
            body = source[heading.end():]
        lead = len(source) - len(body.lstrip())
        text, bold, italic = _inline(body.strip())
        lines.append(
            Line(text=text, block=block, bold=bold, italic=italic, style=style, offset=offset + lead)
        )
    return lines


def _inline(source: str) -> tuple[str, bool, bool]:
    """Shown text of one Markdown line and whether all of it is bold / italic."""
    tokens = _MD.parseInline(source)[0].children or []
    parts: list[str] = []
    shown = bold_chars = italic_chars = 0
    strong = em = 0
    for tok in tokens:
        if tok.type == "strong_open":
            strong += 1
        elif tok.type == "strong_close":
            strong -= 1
        elif tok.type == "em_open":
            em += 1
        elif tok.type == "em_close":
            em -= 1
        elif tok.type in ("text", "code_inline", "html_inline"):
            content = tok.content
            parts.append(content)
            visible = len(content.strip())
            shown += visible
            bold_chars += visible if strong else 0
            italic_chars += visible if em else 0
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = "".join(parts).strip()
    # Emphasis markers the inline parser left as text: opened or closed on another line
    # ("*(Ban hành …" / "… Khánh Hòa)*", "**ỦY BAN NHÂN DÂN **", "** **"). A run of "*"
    # standing at a word boundary is markup, never text ("(*)" footnote marks stay).
    text = re.sub(r"\s{2,}", " ", _STRAY_EMPHASIS.sub(" ", text)).strip()
    return text, bool(shown) and bold_chars == shown, bool(shown) and italic_chars == shown
