"""Word-level difference of two texts, for reworded tasks and plan items."""

from __future__ import annotations

import difflib
import re

from pipeline.diff.align import canonical

#: A word (letters/digits, with inner "/", "." or "-" as in "30c/NQ-CP", "31/01") or one punctuation mark.
TOKEN = re.compile(r"\w+(?:[/.\-]\w+)*|[^\w\s]")

#: Tokens written without a space before them, and after them.
NO_SPACE_BEFORE = set(",.;:!?)%”’")
NO_SPACE_AFTER = set("(“‘")

Op = tuple[str, str]
"""``(kind, text)`` with kind ``"equal"``, ``"delete"`` or ``"insert"``; text is words joined by spaces."""


def join(tokens: list[str]) -> str:
    """Tokens back to text: spaces between words, none before "," ";" ")" "%" or after "(".

    >>> join(["đạt", "trên", "90", "%", ";", "(", "AI", ")"])
    'đạt trên 90%; (AI)'
    """
    out = ""
    for token in tokens:
        if out and token not in NO_SPACE_BEFORE and out[-1] not in NO_SPACE_AFTER:
            out += " "
        out += token
    return out


def word_diff(old: str | None, new: str | None) -> list[Op]:
    """Edit script turning ``old`` into ``new`` word by word.

    Words are compared by their :func:`~pipeline.diff.align.canonical` key
    (so case and abbreviations do not count); the texts shown are the originals.
    A replacement comes as a ``delete`` followed by an ``insert``.

    >>> word_diff("đạt 100%", "đạt trên 90%")
    [('equal', 'đạt'), ('delete', '100'), ('insert', 'trên 90'), ('equal', '%')]
    >>> markdown(word_diff("đạt 100%", "đạt trên 90%"))
    'đạt [-100-] {+trên 90+}%'
    """
    a = TOKEN.findall(old or "")
    b = TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(a=[canonical(w) for w in a], b=[canonical(w) for w in b], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("delete", join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", join(b[j1:j2])))
    return ops


def markdown(ops: list[Op]) -> str:
    """The edit script as text: ``[-removed-]`` and ``{+added+}`` inline."""
    out = ""
    for kind, text in ops:
        piece = text if kind == "equal" else (f"[-{text}-]" if kind == "delete" else f"{{+{text}+}}")
        if out and not (kind == "equal" and text[:1] in NO_SPACE_BEFORE) and out[-1] not in NO_SPACE_AFTER:
            out += " "
        out += piece
    return out
