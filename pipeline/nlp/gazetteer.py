"""The agency gazetteer (``pipeline/data/agencies.json``) expanded into matchable names.

Every body has one canonical name and attributes (kind, level, successor after
the 2025 reorganisation). :func:`load_gazetteer` expands the compact data file
into all written forms: field variants ("Kế hoạch - Đầu tư"), initials ("Sở
KH&ĐT", "SKHĐT"), abbreviations substituted into names ("UBND tỉnh",
"Đài PT-TH tỉnh"). Forms are compared on token norms (see
:mod:`pipeline.nlp.tokenizer`), so case and tone-mark placement do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.data import read_data

DATA_FILE = "agencies.json"
VOCAB_FILE = "nlp_vocab.json"


@dataclass(frozen=True, slots=True)
class Agency:
    """A public body (cơ quan, đơn vị) as the gazetteer knows it.

    ``level`` is one of central, province, district, commune. ``successor`` is
    the canonical name of the body that took over after the 2025
    reorganisation, or ``None`` when it continues under its own name.
    """

    canonical: str
    kind: str
    level: str
    successor: str | None = None


@dataclass(slots=True)
class Gazetteer:
    """Expanded gazetteer: written form → :class:`Agency`, plus enumeration fields.

    ``forms`` maps every written form to its agency; ``fields`` maps the head
    word of an enumeration ("sở", "bộ") to ``{field form: Agency}`` so that
    "Các Sở: Tài chính, Nội vụ" can be distributed.
    """

    forms: dict[str, Agency] = field(default_factory=dict)
    fields: dict[str, dict[str, Agency]] = field(default_factory=dict)
    unseen_heads: list[str] = field(default_factory=list)
    unseen_stop: set[str] = field(default_factory=set)


def _abbreviated(name: str, abbreviations: dict[str, list[str]]) -> set[str]:
    """``name`` and every form with one or more long forms replaced by an abbreviation."""
    forms = {name}
    for long, shorts in abbreviations.items():
        for form in list(forms):
            if long.lower() in form.lower():
                start = form.lower().index(long.lower())
                for short in shorts:
                    forms.add(form[:start] + short + form[start + len(long):])
    return forms


def _add(gaz: Gazetteer, names: set[str], agency: Agency, abbreviations: dict[str, list[str]]) -> None:
    for name in names:
        for form in _abbreviated(name, abbreviations):
            gaz.forms.setdefault(form, agency)


#: Connectors between the words of a department's field ("Văn hóa, Thể thao và Du lịch"): a name
#: written without them ("Sở Văn hóa Thể thao du lịch") is the same department.
_CONNECTORS = re.compile(r"\s*[,&\-–]\s*|\s+và\s+")


def bare(field_name: str) -> str:
    """A department's field without its connectors: 'Văn hóa, Thể thao và Du lịch' → 'Văn hóa Thể thao Du lịch'."""
    return " ".join(_CONNECTORS.sub(" ", field_name).split())


def _departments(gaz: Gazetteer, entries: list[dict], head: str, letter: str, level: str, abbr: dict) -> None:
    """Add 'Sở …' / 'Bộ …' entries: canonical, variants (and each without its connectors, :func:`bare`),
    initials, enumeration fields."""
    kind = head.lower()
    fields = gaz.fields.setdefault(kind, {})
    for entry in entries:
        agency = Agency(f"{head} {entry['field']}", kind, level, entry.get("successor"))
        variants = [entry["field"], *entry.get("variants", [])]
        names = {f"{head} {v}" for v in variants} | {f"{head} {bare(v)}" for v in variants}
        for initials in entry.get("initials", []):
            names.add(f"{head} {initials}")
            if len(initials) >= 3:
                names.add(f"{letter}{initials}")
        _add(gaz, names, agency, abbr)
        for variant in variants:
            fields.setdefault(variant, agency)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The expanded gazetteer from ``pipeline/data/agencies.json`` (cached)."""
    data = read_data(DATA_FILE)
    abbr = data["abbreviations"]
    gaz = Gazetteer()
    for body in data["bodies"]:
        agency = Agency(body["canonical"], body["kind"], body["level"], body.get("successor"))
        _add(gaz, {body["canonical"], *body.get("variants", [])}, agency, abbr)
    _departments(gaz, data["departments"], "Sở", "S", "province", abbr)
    _departments(gaz, data["ministries"], "Bộ", "B", "central", abbr)
    gaz.unseen_heads = list(data["unseen"]["heads"])
    gaz.unseen_stop = set(data["unseen"]["stop"])
    return gaz


@lru_cache(maxsize=1)
def _central_names() -> frozenset[str]:
    """Every written form of a ``central`` body, folded (:func:`pipeline.text.normalize.fold`)."""
    from pipeline.text.normalize import fold

    return frozenset(fold(form) for form, agency in load_gazetteer().forms.items() if agency.level == "central")


def is_central(name: str | None) -> bool:
    """True when ``name`` (a whole issuer line, e.g. "BỘ TÀI CHÍNH") is a central body of the gazetteer.

    Central (cơ quan trung ương) = level ``central`` in ``pipeline/data/agencies.json``:
    Quốc hội, Ủy ban Thường vụ Quốc hội, Chính phủ, Thủ tướng, the ministries (Bộ),
    central agencies. Case and tone-mark placement do not matter; ``None`` is not.
    """
    from pipeline.text.normalize import fold

    return bool(name) and fold(name) in _central_names()  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load_vocab() -> dict:
    """Word lists of the tagging stage (``pipeline/data/nlp_vocab.json``, cached)."""
    return read_data(VOCAB_FILE)

