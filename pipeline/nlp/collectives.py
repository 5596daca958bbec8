"""Collective agency mentions ("các sở, ban, ngành", "UBND cấp huyện", "UBND các xã, phường").

Group mentions name no single body; DESIGN.md §4 keeps them as written, never
invented into single agencies. They are found on the comparison key of the text
(:func:`pipeline.nlp.tokenizer.doc_key`: lower case, tone marks normalised), and
their level is read from the words (xã/phường/đặc khu → commune, huyện → district,
bộ/trung ương → central, else province).
"""

from __future__ import annotations

import re

_NOUN = (
    r"(?:cơ quan chuyên môn|cơ quan quản lý|cơ quan thuế|cơ quan|đơn vị sự nghiệp công lập|đơn vị|"
    r"địa phương|sở|ban|ngành|bộ|tổ chức hội|tổ chức|hiệp hội|hội|doanh nghiệp|phòng|xã|phường|"
    r"đặc khu|thị trấn|huyện|thị xã|thành phố)"
)
_SEP = r"(?:\s*,\s*(?:và\s+)?|\s+và\s+)(?:(?:các|những)\s+)?"
_UBND = r"(?:ubnd|ủy ban nhân dân)"
_MOD = (
    r"(?:\s+(?:có\s+)?liên\s+quan"
    r"|\s+(?:cấp\s+(?:tỉnh|huyện|xã)|cấp\s+trên(?:\s+của\s+đơn vị sự nghiệp công lập)?)"
    r"|\s+(?:trực\s+)?thuộc\s+" + _UBND + r"\s+(?:tỉnh|cấp\s+(?:huyện|xã)|huyện|thị xã|thành phố)"
    r"|\s+trên\s+địa\s+bàn(?:\s+tỉnh)?"
    r"|\s+trung\s+ương"
    r"|\s+có\s+nguồn\s+thu\s+nộp\s+ngân\s+sách\s+nhà\s+nước"
    r"|\s+trực\s+tiếp\s+sử\s+dụng\s+ngân\s+sách\s+nhà\s+nước)*"
)
_LIST = _NOUN + r"(?:" + _SEP + _NOUN + r"(?![\w]))*"

_PATTERNS = [
    # tất cả các cơ quan chuyên môn thuộc UBND tỉnh; các sở, ban, ngành, địa phương liên quan
    # ("Liên hiệp các Hội …" is the name of one body, not a group of hội)
    re.compile(r"(?<!\w)(?<!liên hiệp )(?:tất\s+cả\s+)?(?:các|những)\s+" + _LIST + r"(?!\w)" + _MOD),
    # UBND cấp huyện; UBND các xã, phường, đặc khu; UBND các huyện, thị xã, thành phố
    re.compile(r"(?<!\w)" + _UBND + r"\s+(?:cấp\s+(?:huyện|xã|tỉnh)|các\s+" + _LIST + r")(?!\w)" + _MOD),
    # bộ, ngành Trung ương; sở, ban, ngành (bare lists of two or more nouns)
    re.compile(r"(?<!\w)(?:bộ|sở|cơ quan)(?:\s*,\s*(?:ban|ngành|đơn vị|địa phương))+(?!\w)" + _MOD),
]


def collective_matches(key: str) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` of collective mentions in the comparison key ``key``.

    Longest match wins where patterns overlap; ranges are sorted and disjoint.
    """
    found: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        found.extend(m.span() for m in pattern.finditer(key))
    found.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if out and start < out[-1][1]:
            if end > out[-1][1] and start == out[-1][0]:
                out[-1] = (start, end)
            continue
        out.append((start, end))
    return out


def item_is_collective(key: str) -> bool:
    """True when a whole table-cell item (comparison key) opens with a group noun.

    "các/những/tất cả các" + a collective noun, or a bare generic noun (cơ quan,
    đơn vị, địa phương).

    Used for 7-column cells, whose items ("Cơ quan, địa phương có liên quan",
    "Cơ quan quản lý cấp trên của đơn vị sự nghiệp công lập …") are group
    mentions even without "các".
    """
    key = key.strip()
    plural = re.match(r"(?:tất\s+cả\s+)?(?:các|những)\s+" + _NOUN + r"(?!\w)", key)
    generic = re.match(r"(?:cơ\s+quan|đơn\s+vị|địa\s+phương)(?!\w)", key)
    return bool(plural or generic or _BARE_GROUP.fullmatch(key.strip(" .,")))


#: An item that is only group nouns, without a name: "Doanh nghiệp", "Viện, Trường", "Doanh nghiệp
#: có liên quan" (research institutes, universities, businesses as a group; a named one, "Trường Đại
#: học Đà Lạt", goes on with its name and is not matched).
_GROUP_WORD = r"(?:viện|trường|doanh\s+nghiệp|hợp\s+tác\s+xã|tổ\s+chức|cơ\s+sở\s+đào\s+tạo)"
_BARE_GROUP = re.compile(
    r"(?:(?:các|những)\s+)?" + _GROUP_WORD + r"(?:(?:\s*,\s*|\s+và\s+|\s*/\s*)(?:các\s+)?" + _GROUP_WORD + r")*"
    r"(?:\s+(?:có\s+)?liên\s+quan)?"
)


def collective_level(key: str) -> str:
    """Level of a collective mention: commune, district, central or province."""
    if re.search(r"(?<!\w)(?:xã|phường|đặc khu|thị trấn|cấp xã)(?!\w)", key):
        return "commune"
    if re.search(r"(?<!\w)(?:huyện|thị xã|cấp huyện)(?!\w)", key):
        return "district"
    if re.search(r"(?<!\w)(?:bộ|trung ương)(?!\w)", key):
        return "central"
    return "province"


def collective_name(text: str) -> str:
    """A collective mention as its value: whitespace folded, sentence capital dropped.

    >>> collective_name("Các sở, ban,  ngành")
    'các sở, ban, ngành'
    """
    name = " ".join(text.split())
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    return name


#: Groups of collective mentions a researcher can count by (``assignments.agency_group``), tried in
#: order on the lower-cased mention; the first whose pattern matches names the group.
#: Qualifiers ("liên quan", "trên địa bàn tỉnh") do not change the group.
_GROUP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # bộ, ngành Trung ương; các bộ, cơ quan trung ương
    ("bộ, ngành trung ương", re.compile(r"(?<!\w)(?:bộ|trung ương)(?!\w)")),
    # UBND các xã, phường, đặc khu; UBND cấp xã
    ("UBND cấp xã", re.compile(r"^(?:ubnd|ủy ban nhân dân)\s+(?:cấp xã|các\s+(?:xã|phường|đặc khu|thị trấn))")),
    # UBND cấp huyện; UBND các huyện, thị xã, thành phố
    ("UBND cấp huyện", re.compile(r"^(?:ubnd|ủy ban nhân dân)\s+(?:cấp huyện|các\s+(?:huyện|thị xã|thành phố))")),
)
#: Provincial departments and sectors: sở, ban, ngành, the specialised agencies of the provincial UBND.
_DEPARTMENTS = re.compile(r"(?<!\w)(?:sở|ban|ngành|cơ quan chuyên môn)(?!\w)")
#: Localities: địa phương, xã, phường, huyện.
_LOCALITIES = re.compile(r"(?<!\w)(?:địa phương|xã|phường|đặc khu|huyện|thị xã)(?!\w)")


def collective_group(name: str) -> str:
    """The group of a collective mention, whatever its spelling.

    "các sở, ban, ngành", "các SỞ, ban, ngành", "các sở, ngành liên quan",
    "tất cả các cơ quan chuyên môn thuộc UBND tỉnh" → ``'sở, ban, ngành'``;
    with localities ("các sở, ban, ngành và địa phương") → ``'sở, ban, ngành, địa phương'``;
    ``'UBND cấp xã'``, ``'UBND cấp huyện'``, ``'bộ, ngành trung ương'``; any other
    group of agencies, units or localities → ``'cơ quan, đơn vị, địa phương'``.
    Source: ``assignments.agency`` of a collective (:func:`collective_name`).
    """
    key = " ".join(name.lower().split())
    key = re.sub(r"thuộc\s+(?:ubnd|ủy ban nhân dân)\s+\S+", "", key)
    for group, pattern in _GROUP_PATTERNS:
        if pattern.search(key):
            return group
    if _DEPARTMENTS.search(key):
        return "sở, ban, ngành, địa phương" if _LOCALITIES.search(key) else "sở, ban, ngành"
    return "cơ quan, đơn vị, địa phương"


#: Every value :func:`collective_group` returns (schema reference, Stata value labels).
COLLECTIVE_GROUPS = (
    "sở, ban, ngành",
    "sở, ban, ngành, địa phương",
    "UBND cấp xã",
    "UBND cấp huyện",
    "bộ, ngành trung ương",
    "cơ quan, đơn vị, địa phương",
)
