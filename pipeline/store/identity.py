"""Document identity beyond bytes: ``document_key`` and the preferred copy.

The same decision may arrive as a text PDF, a DOCX, a scan or a web page: each
file has its own ``doc_id`` (SHA-256 of its bytes) but they share a
``document_key`` built from the issuer, the number and the date of issue
(Decree 30/2020/NĐ-CP, parts 2, 3 and 4). Among copies with one key the
preferred one (:func:`preference`) keeps ``duplicate_of = null``; the others
point to it. :func:`resolve_duplicates` rewrites the ``documents`` files whose
``duplicate_of`` changed after a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.model import Document
from pipeline.store.schema import DATASETS
from pipeline.text.normalize import fold, normalize

#: Preference of source kinds, best first (text PDF or DOCX over OCR).
KIND_RANK = {"text": 0, "docx": 1, "html": 2, "markdown": 3, "legacy_decoded": 4, "ocr": 5}


def document_key(issuer: str | None, number: str | None, issue_date: date | None) -> str | None:
    """``'<issuer>|<number>|<yyyy-mm-dd>'`` folded for comparison, or ``None``.

    ``None`` when the issuer or the number is missing (an unnumbered draft is
    not known to be the same decision as anything else). A missing date is kept
    as an empty part.
    """
    if not issuer or not number:
        return None
    day = issue_date.isoformat() if issue_date else ""
    return "|".join((fold(normalize(issuer)), fold(normalize(number)), day))


def source_kind(document: Document) -> str:
    """The least direct page kind of a document ('ocr' if any page was OCR'd)."""
    kinds = {page.source_kind for page in document.pages} or {"text"}
    return max(kinds, key=lambda kind: KIND_RANK.get(kind, len(KIND_RANK)))


def preference(row: Mapping[str, Any]) -> tuple[int, int, str]:
    """Sort key of a copy: source kind rank, then more task rows, then doc_id."""
    kind = str(row.get("source_kind") or "")
    return (KIND_RANK.get(kind, len(KIND_RANK)), -int(row.get("task_count") or 0), str(row["doc_id"]))


def preferred_copies(rows: Iterable[Mapping[str, Any]]) -> dict[str, str | None]:
    """Map each ``doc_id`` to the ``doc_id`` it duplicates, or ``None`` when preferred."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    out: dict[str, str | None] = {}
    for row in rows:
        key = row.get("document_key")
        out[str(row["doc_id"])] = None
        if key:
            groups.setdefault(str(key), []).append(row)
    for copies in groups.values():
        best = min(copies, key=preference)
        for row in copies:
            if row is not best and row["doc_id"] != best["doc_id"]:
                out[str(row["doc_id"])] = str(best["doc_id"])
    return out


def resolve_duplicates(root: Path) -> int:
    """Set ``duplicate_of`` in every ``documents`` file under ``root``; return files rewritten."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from pipeline.store.writer import write_table

    folder = root / "documents"
    if not folder.is_dir():
        return 0
    columns = ["doc_id", "document_key", "source_kind", "task_count", "duplicate_of"]
    dataset = ds.dataset(folder, schema=DATASETS["documents"], format="parquet")
    fragments = list(dataset.get_fragments())
    tables = [(frag.path, frag.to_table(columns=columns)) for frag in fragments]
    rows = [row for _, table in tables for row in table.to_pylist()]
    mapping = preferred_copies(rows)
    rewritten = 0
    for path, table in tables:
        wanted = [mapping[d] for d in table.column("doc_id").to_pylist()]
        if wanted == table.column("duplicate_of").to_pylist():
            continue
        full = pq.ParquetFile(path).read()
        index = full.schema.get_field_index("duplicate_of")
        full = full.set_column(index, full.schema.field(index), pa.array(wanted, pa.string()))
        write_table(Path(path), full)
        rewritten += 1
    return rewritten


def duplicate_ids(root: Path) -> set[str]:
    """``doc_id`` of every document that is a duplicate of another (from ``documents``)."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    folder = root / "documents"
    if not folder.is_dir():
        return set()
    table = ds.dataset(folder, schema=DATASETS["documents"], format="parquet").to_table(
        columns=["doc_id"], filter=pc.field("duplicate_of").is_valid()
    )
    return set(table.column("doc_id").to_pylist())
