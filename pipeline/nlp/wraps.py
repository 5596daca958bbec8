"""Line breaks inside an agency name (xuống dòng giữa tên cơ quan).

Table cells wrap long names over lines: "Sở Khoa học và" / "Công nghệ", "Các bộ,
ngành và" / "địa phương". Such a break is not the end of an item of an agency
cell (7-column layout: one agency per line) and must not stop a name from being
matched. A break wraps when the line ends with a word or sign that needs more
(và, các, của, với, cùng, thuộc; a comma, "&", a dash) or when the next line goes
on with "và", "&" or a lower-case word ("Sở, ban, ngành" / "có liên quan").
"""

from __future__ import annotations

import re

#: A line ending that needs more words.
OPEN_END = re.compile(r"(?:(?<!\w)(?:và|các|của|với|cùng|thuộc)|[,&\-–])[ \t]*$", re.IGNORECASE)
#: A next line that goes on the name.
GOES_ON = re.compile(r"^[ \t]*(?:và(?!\w)|&)")


def wraps(before: str, after: str) -> bool:
    """The line break between ``before`` (text up to it) and ``after`` (text after it) is inside a name."""
    line = before.rsplit("\n", 1)[-1]
    nxt = after.lstrip(" \t")
    if not line.strip() or not nxt:
        return False
    return bool(OPEN_END.search(line) or GOES_ON.match(after) or nxt[0].islower())


def unwrap(text: str) -> str:
    """``text`` with every wrapping line break (:func:`wraps`) turned into a space: same length, same offsets."""
    if "\n" not in text:
        return text
    chars = list(text)
    for i, ch in enumerate(text):
        if ch == "\n" and wraps(text[:i], text[i + 1 :]):
            chars[i] = " "
    return "".join(chars)
