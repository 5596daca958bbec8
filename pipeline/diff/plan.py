"""One plan as the diff and the views see it: its rows in every dataset, from a file or from ``processed/``.

A :class:`Plan` holds plain row dicts with the column names of DESIGN.md §3
(``documents``, ``tasks``, ``parts``, ``plan_items``, ``targets``,
``legal_bases``, ``assignments``, ``deadlines``, ``products``, ``mentions`` …),
so the same comparison runs whether the plan was parsed and tagged just now from
its source file (nothing written) or read back from the datasets. A dataset the
build or an older run did not produce is marked unavailable, and the parts that
need it are compared on raw cell text or not at all, never as "all added".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

Row = dict[str, Any]

#: Datasets a plan's rows are read from, besides ``documents``.
ENTITY_DATASETS = (
    "parts",
    "articles",
    "recipients",
    "tasks",
    "plan_items",
    "targets",
    "legal_bases",
    "assignments",
    "deadlines",
    "products",
    "mentions",
)


class PlanNotFound(LookupError):
    """No document matches the reference given (message says what was tried)."""


@dataclass(slots=True)
class Plan:
    """A plan's rows: ``document`` (the ``documents`` row) and lists of rows per dataset.

    ``paragraphs`` holds the body text as ``{"path": str, "text": str}`` rows
    (numbered paragraphs of the plan outside tables); it stands in for
    ``plan_items`` when that dataset is not available. ``available`` names the
    datasets this plan could have rows in (the stage ran, even if it found
    nothing), plus ``"paragraphs"`` when the body text is known: an empty list
    of an unavailable dataset means "unknown", not "none".
    """

    document: Row
    rows: dict[str, list[Row]] = field(default_factory=dict)
    paragraphs: list[Row] = field(default_factory=list)
    available: set[str] = field(default_factory=set)

    @property
    def doc_id(self) -> str:
        """``documents.doc_id`` (SHA-256 of the source bytes)."""
        return str(self.document["doc_id"])

    def get(self, dataset: str) -> list[Row]:
        """Rows of ``dataset`` for this plan (empty when the dataset does not exist)."""
        return self.rows.get(dataset, [])

    def by_task(self, dataset: str) -> dict[str, list[Row]]:
        """Rows of a task-level dataset (assignments, deadlines, products) grouped by ``task_id``."""
        out: dict[str, list[Row]] = {}
        for row in self.get(dataset):
            out.setdefault(str(row.get("task_id")), []).append(row)
        return out

    @property
    def label(self) -> str:
        """Short human name: number or title, and the source file."""
        doc = self.document
        name = doc.get("number") or doc.get("plan_title") or doc.get("title") or self.doc_id[:12]
        return f"{name} ({doc.get('source_file')})"


def _rows(decision: Any) -> dict[str, list[Row]]:
    """Rows of every entity dataset this build produces for ``decision``, by dataset name.

    Uses the row builders of :mod:`pipeline.store.rows` that exist: ``task_rows``
    always, ``part_rows`` (structure: plan items, targets, legal bases …) and
    ``annotation_rows`` (tagging: assignments, deadlines, products, mentions)
    when those stages are part of the build.
    """
    from pipeline.store import rows

    out: dict[str, list[Row]] = {"tasks": list(rows.task_rows(decision))}
    for builder in ("part_rows", "annotation_rows"):
        build = getattr(rows, builder, None)
        if callable(build):
            out.update({name: list(found) for name, found in build(decision).items()})
    return out


def _tag(decision: Any) -> Any:
    """Run the tagging stage (:func:`pipeline.nlp.tag.tag`) when this build has one."""
    try:
        from pipeline.nlp.tag import tag
    except ImportError:
        return decision
    tag(decision)
    return decision


def paragraphs_of(decision: Any) -> list[Row]:
    """Body paragraphs of the document outside tables, numbered in order (``"p12"``), with their page.

    Lines of the two-column header and closing blocks (column 1) and lines under
    20 characters are skipped; the text is normalised. Used for the document
    view's page references and when the ``plan_items`` dataset is missing.
    """
    from pipeline.text import normalize

    out: list[Row] = []
    for i, line in enumerate(decision.document.lines()):
        text = normalize(line.text)
        if line.column != 0 or len(text) < 20:
            continue
        out.append({"path": f"p{i}", "text": text, "page": line.page})
    return out


def from_file(path: str | Path) -> Plan:
    """Parse (and tag, when the stage exists) one source file in memory; nothing is written."""
    from pipeline.readers import read
    from pipeline.store.rows import document_row
    from pipeline.structure import parse

    path = Path(path)
    decision = _tag(parse(read(path)))
    rows = _rows(decision)
    return Plan(document_row(decision, path.name), rows, paragraphs_of(decision), set(rows) | {"paragraphs"})


def _read(root: Path, dataset: str, doc_id: str) -> list[Row]:
    """Rows of one dataset for ``doc_id``; ``[]`` when the dataset folder is missing."""
    folder = root / dataset
    if not folder.is_dir():
        return []
    data = ds.dataset(folder, format="parquet", partitioning="hive", ignore_prefixes=[".", "_"])
    return data.to_table(filter=ds.field("doc_id") == doc_id).to_pylist()


def _page_paragraphs(root: Path, doc_id: str) -> list[Row]:
    """Body paragraphs from the ``pages`` dataset text, when it exists."""
    out: list[Row] = []
    for page in _read(root, "pages", doc_id):
        for i, text in enumerate(str(page.get("text") or "").split("\n")):
            if len(text.strip()) >= 20:
                out.append({"path": f"p{page.get('page') or 0}.{i}", "text": text.strip(), "page": page.get("page")})
    return out


def documents(root: str | Path) -> list[Row]:
    """Every ``documents`` row under ``root`` (with the ``province``/``year`` partitions)."""
    folder = Path(root) / "documents"
    if not folder.is_dir():
        return []
    data = ds.dataset(folder, format="parquet", partitioning="hive", ignore_prefixes=[".", "_"])
    return data.to_table().to_pylist()


def from_datasets(root: str | Path, doc_id: str) -> Plan:
    """A plan's rows read back from the datasets under ``root``.

    ``doc_id`` may be a unique prefix (at least 6 hex digits), or a document's
    ``source_file`` as the datasets or the manifest hold it (a byte-identical
    copy), in any Unicode form. Raises :class:`PlanNotFound` when no document
    or several match, :class:`pipeline.store.load.NoDatasets` when ``root``
    holds no datasets.
    """
    from pipeline.store.load import require_processed
    from pipeline.store.manifest import recorded_doc_id

    root = require_processed(root)  # a wrong --root is named, not read as "no such doc_id"
    rows = documents(root)
    wanted = unicodedata.normalize("NFC", doc_id)  # a name typed or pasted in NFD (macOS) is the same name
    by_source = [d for d in rows if unicodedata.normalize("NFC", str(d.get("source_file"))) == wanted]
    if by_source:
        doc_id = str(by_source[0]["doc_id"])
    else:  # a byte-identical copy: no row of its own, its manifest entry names the original's document
        doc_id = recorded_doc_id(root, wanted) or recorded_doc_id(root, doc_id) or doc_id
    matches = [d for d in rows if str(d["doc_id"]).startswith(doc_id)]
    found = ", ".join(str(d["doc_id"])[:12] for d in matches)
    if len(doc_id) < 6:
        raise PlanNotFound(
            f"doc_id prefix {doc_id!r} is too short: give at least 6 characters"
            + (f" (documents under {root} starting with it: {found})" if found else "")
        )
    if not matches:
        raise PlanNotFound(f"doc_id {doc_id!r}: no document under {root} starts with it")
    if len(matches) > 1:
        raise PlanNotFound(f"doc_id {doc_id!r} under {root}: {len(matches)} documents match ({found}); give more characters")
    doc = matches[0]
    full = str(doc["doc_id"])
    rows = {name: _read(root, name, full) for name in ENTITY_DATASETS}
    rows["tasks"].sort(key=lambda r: r.get("row_index") or 0)
    available = {name for name in ENTITY_DATASETS if (root / name).is_dir()}
    if (root / "pages").is_dir():
        available.add("paragraphs")
    return Plan(doc, rows, _page_paragraphs(root, full), available)


def _period(d: Row) -> tuple[int | None, int | None]:
    """``(plan_start_year, plan_end_year)`` of a documents row; ``plan_year`` twice for rows written before them."""
    start, end = d.get("plan_start_year"), d.get("plan_end_year")
    if start is None and d.get("plan_year") is not None:
        start = end = d.get("plan_year")
    return start, end


def for_province_year(root: str | Path, province: str, year: int) -> Plan:
    """The plan of ``province`` (slug or name) for ``year`` in the datasets under ``root``.

    Only a plan whose period is that one year ("Kế hoạch … năm 2026": ``plan_start_year``
    = ``plan_end_year`` = 2026) is taken; copies (``duplicate_of``) and earlier
    versions (``version_of``: drafts) are skipped; among several, the one with
    the most task rows, then the latest issue date. Raises :class:`PlanNotFound`
    naming the multi-year plans that cover ``year`` (a 2026–2030 plan is not
    the 2026 plan: pass its doc_id instead).
    """
    from pipeline.structure.province import slug

    want = slug(province, default=province)
    every = documents(root)
    mine = [d for d in every if d.get("province") == want or slug(d.get("province_name"), default="") == want]
    if not mine:  # a misspelt or unknown province: say which ones the datasets hold
        held = sorted({str(d.get("province_name")) for d in every if d.get("province_name")})
        raise PlanNotFound(
            f"no document of province {province!r} under {root}; provinces there: {', '.join(held) or 'none'}"
        )
    plans = [
        d
        for d in mine
        if (d.get("plan_title") or d.get("doc_type") == "Kế hoạch")
        and not d.get("duplicate_of")  # another copy (PDF/DOCX/scan) of a document already counted
        and not d.get("version_of")  # a draft of a later document
    ]
    docs = [d for d in plans if _period(d) == (int(year), int(year))]
    if not docs:
        covering = [
            f"{d.get('plan_title') or d.get('source_file')} ({_period(d)[0]}–{_period(d)[1]}, doc_id {str(d['doc_id'])[:12]})"
            for d in plans
            if None not in _period(d) and _period(d)[0] <= int(year) <= _period(d)[1]  # type: ignore[operator]
        ]
        more = f"; plans covering {year} over several years: {'; '.join(covering)} (give its doc_id)" if covering else ""
        raise PlanNotFound(f"no plan of the year {year} alone for province {province!r} under {root}{more}")
    docs.sort(key=lambda d: (d.get("task_count") or 0, str(d.get("issue_date") or "")), reverse=True)
    return from_datasets(root, str(docs[0]["doc_id"]))


def resolve(ref: str, root: str | Path = "processed") -> Plan:
    """A plan from a reference: an existing file path, else a doc_id (or unique prefix) or a
    ``source_file`` under ``root``. Raises ``ValueError`` for a file whose suffix names a format
    ingest does not read; a file without a suffix is read by its content, as ingest reads it."""
    from pipeline.readers import SUFFIXES, not_wanted_reason
    from pipeline.store.load import NoDatasets

    path = Path(ref)
    if path.is_file():
        # as ingest does with a file given by name: no suffix is read by its content (sniffed)
        if path.suffix and path.suffix.lower() not in SUFFIXES:
            raise ValueError(f"{ref}: {not_wanted_reason(path)}")
        return from_file(path)
    try:
        return from_datasets(root, ref)
    except (PlanNotFound, NoDatasets) as exc:
        if not (path.suffix.lower() in SUFFIXES or "/" in ref):
            raise
        # meant as a file: say the file is missing, and why the datasets could not stand in for it
        if isinstance(exc, NoDatasets):
            raise NoDatasets(f"no such file {ref!r}, and {exc}") from exc
        raise PlanNotFound(f"no such file {ref!r}, and no document under {root} has it as source_file") from exc
