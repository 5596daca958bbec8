"""Document identity beyond bytes: ``document_key``, copies (``duplicate_of``) and versions (``version_of``).

The same decision may arrive as a text PDF, a DOCX, a scan or a web page: each
file has its own ``doc_id`` (SHA-256 of its bytes). Files are one document when

- they carry the same issuer, number and date of issue (Decree 30/2020/NĐ-CP,
  parts 2, 3 and 4): the ``document_key`` built by :func:`document_key`; or
- without a number (an unsigned draft, a plan issued as an appendix), their
  content says so: same issuer, document type and plan period (the *block*,
  :func:`block_of`), and their text sketches (:mod:`pipeline.store.sketch`)
  agree at least :data:`COPY_SIMILARITY`, both drafts or both not.

Among the copies of one document the preferred one (:func:`preference`) keeps
``duplicate_of = null``; the others point to it. A draft (``is_draft``) whose
text is at least :data:`VERSION_SIMILARITY` like a document that is not a draft
in its block is an earlier *version* of it: ``version_of`` names the preferred
copy of that document. :func:`resolve_duplicates` rewrites the ``documents``
files after a run; :func:`identity_report` lists copies and versions for the
ingest summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.model import Document
from pipeline.store.schema import DATASETS
from pipeline.store.sketch import similarity
from pipeline.text.normalize import fold, normalize

#: Preference of source kinds, best first (text PDF or DOCX over OCR).
KIND_RANK = {"text": 0, "docx": 1, "html": 2, "markdown": 3, "legacy_decoded": 4, "ocr": 5}
#: Sketch similarity from which two files of one block are copies of one document. The real
#: renderings of the Lâm Đồng 2026 plan (DOCX, HTML, text PDF, 200 dpi scan) agree 0.89–1.0.
COPY_SIMILARITY = 0.8
#: Sketch similarity from which a draft is an earlier version of a document of its block.
VERSION_SIMILARITY = 0.5
#: Columns of ``documents`` that identity reads.
COLUMNS = (
    "doc_id", "source_file", "document_key", "source_kind", "task_count", "issuer", "doc_type", "number",
    "plan_start_year", "plan_end_year", "is_draft", "content_sketch", "task_sketch", "duplicate_of", "version_of",
)
Row = Mapping[str, Any]


def document_key(issuer: str | None, number: str | None, issue_date: date | None) -> str | None:
    """``'<issuer>|<number>|<yyyy-mm-dd>'`` folded for comparison, or ``None``.

    ``None`` when the issuer or the number is missing (an unnumbered document is
    then identified by its content in :func:`resolve_identity`). A missing date
    is kept as an empty part.
    """
    if not issuer or not number:
        return None
    day = issue_date.isoformat() if issue_date else ""
    return "|".join((fold(normalize(issuer)), fold(normalize(number)), day))


def source_kind(document: Document) -> str:
    """The least direct page kind of a document ('ocr' if any page was OCR'd)."""
    kinds = {page.source_kind for page in document.pages} or {"text"}
    return max(kinds, key=lambda kind: KIND_RANK.get(kind, len(KIND_RANK)))


def preference(row: Row) -> tuple[int, int, int, int, str]:
    """Sort key of a copy: numbered first, then with a header read (issuer and type), source kind rank,
    more task rows, doc_id."""
    kind = str(row.get("source_kind") or "")
    return (
        0 if row.get("number") else 1,
        0 if block_of(row) else 1,
        KIND_RANK.get(kind, len(KIND_RANK)),
        -int(row.get("task_count") or 0),
        str(row["doc_id"]),
    )


def block_of(row: Row) -> tuple[str, str, Any, Any] | None:
    """``(issuer, doc_type, plan_start_year, plan_end_year)`` folded: files that may be one document.

    ``None`` without an issuer or a type (nothing to compare on).
    """
    if not row.get("issuer") or not row.get("doc_type"):
        return None
    return (fold(str(row["issuer"])), fold(str(row["doc_type"])), row.get("plan_start_year"), row.get("plan_end_year"))


def _numbers_agree(a: Row, b: Row) -> bool:
    """Two numbers that are both printed must be equal; a blank number agrees with any."""
    if a.get("number") and b.get("number"):
        return fold(str(a["number"])) == fold(str(b["number"]))
    return True


class _Groups:
    """Union-find over doc_ids."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for i in self.parent:
            out.setdefault(self.find(i), []).append(i)
        return out


def _blocks(rows: list[Row]) -> dict[tuple, list[Row]]:
    out: dict[tuple, list[Row]] = {}
    for row in rows:
        block = block_of(row)
        if block is not None and row.get("content_sketch") is not None:
            out.setdefault(block, []).append(row)
    return out


def _copy_groups(rows: list[Row]) -> _Groups:
    """Copies: equal ``document_key``, or one block, agreeing numbers and draft status, similar text."""
    groups = _Groups(str(r["doc_id"]) for r in rows)
    by_key: dict[str, str] = {}
    for row in rows:
        key = row.get("document_key")
        if key and not str(key).startswith(CONTENT_PREFIX):
            if str(key) in by_key:
                groups.join(str(row["doc_id"]), by_key[str(key)])
            by_key.setdefault(str(key), str(row["doc_id"]))
    for members in _blocks(rows).values():
        for a, b in candidate_pairs(members, COPY_SIMILARITY):
            if (
                bool(a.get("is_draft")) == bool(b.get("is_draft"))
                and _numbers_agree(a, b)
                and similarity(a["content_sketch"], b["content_sketch"]) >= COPY_SIMILARITY
            ):
                groups.join(str(a["doc_id"]), str(b["doc_id"]))
    _join_tables(rows, groups)
    return groups


#: Blocks larger than this find their candidate pairs with MinHash LSH instead of comparing every pair.
LSH_FROM = 64


def candidate_pairs(members: list[Row], threshold: float) -> Iterator[tuple[Row, Row]]:
    """Pairs of one block that may reach ``threshold``: every pair in a small block; in a large one
    (hundreds of decisions of one issuer) the pairs datasketch's ``MinHashLSH`` puts in one bucket."""
    if len(members) <= LSH_FROM:
        for i, a in enumerate(members):
            yield from ((a, b) for b in members[i + 1 :])
        return
    from datasketch import MinHash, MinHashLSH

    from pipeline.store.sketch import NUM_PERM, SCHEME

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sketches = [MinHash(num_perm=NUM_PERM, seed=1, hashvalues=m["content_sketch"], scheme=SCHEME) for m in members]
    for i, sketch in enumerate(sketches):
        lsh.insert(i, sketch)
    for i, sketch in enumerate(sketches):
        yield from ((members[i], members[j]) for j in lsh.query(sketch) if j > i)


def _join_tables(rows: list[Row], groups: _Groups) -> None:
    """A file whose header was not read (no issuer or type: an appendix printed or scanned on its own)
    is a copy of the document whose task table (``task_sketch``) it repeats, at least :data:`COPY_SIMILARITY`."""
    headed = [r for r in rows if block_of(r) is not None and r.get("task_sketch") is not None]
    for row in rows:
        if block_of(row) is not None or row.get("task_sketch") is None:
            continue
        scored = [(similarity(row["task_sketch"], h["task_sketch"]), str(h["doc_id"])) for h in headed]
        best = max(scored, default=(0.0, ""))
        if best[0] >= COPY_SIMILARITY:
            groups.join(str(row["doc_id"]), best[1])


#: Prefix of a ``document_key`` built from content (no number): ``content:<issuer>|<type>|<period>|<doc_id>``.
CONTENT_PREFIX = "content:"


def _content_key(best: Row, members: list[Row]) -> str:
    """Key of an unnumbered document: its block and the smallest doc_id of its copies (stable across runs)."""
    block = block_of(best) or ("", "", None, None)
    period = f"{block[2] or ''}-{block[3] or ''}"
    first = min(str(m["doc_id"]) for m in members)
    return f"{CONTENT_PREFIX}{block[0]}|{block[1]}|{period}|{first[:16]}"


@dataclass(slots=True)
class Identity:
    """Resolved identity of every document: ``{doc_id: value}`` per rewritten column."""

    document_key: dict[str, str | None] = field(default_factory=dict)
    duplicate_of: dict[str, str | None] = field(default_factory=dict)
    version_of: dict[str, str | None] = field(default_factory=dict)


def resolve_identity(rows: Iterable[Row]) -> Identity:
    """``document_key``, ``duplicate_of`` and ``version_of`` for every row (columns of :data:`COLUMNS`)."""
    rows = list(rows)
    by_id = {str(r["doc_id"]): r for r in rows}
    out = Identity()
    best_of: dict[str, str] = {}
    for members in _copy_groups(rows).members().values():
        copies = [by_id[m] for m in members]
        best = min(copies, key=preference)
        keyed = next((c.get("document_key") for c in sorted(copies, key=preference)
                      if c.get("document_key") and not str(c["document_key"]).startswith(CONTENT_PREFIX)), None)
        key = keyed or (_content_key(best, copies) if len(copies) > 1 or block_of(best) else None)
        for copy in copies:
            doc_id = str(copy["doc_id"])
            best_of[doc_id] = str(best["doc_id"])
            out.document_key[doc_id] = key
            out.duplicate_of[doc_id] = None if copy is best else str(best["doc_id"])
            out.version_of[doc_id] = None
    for members in _blocks(rows).values():
        finals = [m for m in members if not m.get("is_draft")]
        for draft in (m for m in members if m.get("is_draft")):
            scored = [(similarity(draft["content_sketch"], f["content_sketch"]), f) for f in finals]
            scored = [(s, f) for s, f in scored if s >= VERSION_SIMILARITY and _numbers_agree(draft, f)]
            if scored:
                final = max(scored, key=lambda pair: (pair[0], str(pair[1]["doc_id"])))[1]
                out.version_of[str(draft["doc_id"])] = best_of[str(final["doc_id"])]
    return out


def preferred_copies(rows: Iterable[Row]) -> dict[str, str | None]:
    """Map each ``doc_id`` to the ``doc_id`` it duplicates, or ``None`` when preferred."""
    return resolve_identity(rows).duplicate_of


def _documents(root: Path) -> list[tuple[str, Any]]:
    """``(path, table of COLUMNS)`` per ``documents`` file under ``root``."""
    import pyarrow.dataset as ds

    folder = root / "documents"
    if not folder.is_dir():
        return []
    dataset = ds.dataset(folder, schema=DATASETS["documents"], format="parquet")
    schema = DATASETS["documents"]  # columns a file written before them lacks read as null
    return [(frag.path, frag.to_table(schema=schema, columns=list(COLUMNS))) for frag in dataset.get_fragments()]


def resolve_duplicates(root: Path) -> int:
    """Set ``document_key``, ``duplicate_of`` and ``version_of`` in every ``documents`` file under ``root``.

    Returns the number of files rewritten (atomically, :func:`pipeline.store.writer.write_table`).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.store.writer import write_table

    tables = _documents(root)
    identity = resolve_identity(row for _, table in tables for row in table.to_pylist())
    rewritten = 0
    for path, table in tables:
        ids = table.column("doc_id").to_pylist()
        wanted = {name: [getattr(identity, name)[d] for d in ids] for name in ("document_key", "duplicate_of", "version_of")}
        if all(wanted[name] == table.column(name).to_pylist() for name in wanted):
            continue
        full = pq.ParquetFile(path).read()
        for name, values in wanted.items():
            index = full.schema.get_field_index(name)
            if index < 0:  # a file written before the column existed
                full = full.append_column(DATASETS["documents"].field(name), pa.array(values, pa.string()))
            else:
                full = full.set_column(index, full.schema.field(index), pa.array(values, pa.string()))
        write_table(Path(path), full)
        rewritten += 1
    return rewritten


def left_out(root: Path, *, duplicates: bool = False, versions: bool = False) -> set[str]:
    """``doc_id`` of the files one count leaves out: copies of another file (unless ``duplicates``)
    and earlier versions, drafts of a later document (unless ``versions``)."""
    out: set[str] = set()
    for _, table in _documents(root):
        for row in table.select(["doc_id", "duplicate_of", "version_of"]).to_pylist():
            if (row["duplicate_of"] and not duplicates) or (row["version_of"] and not versions):
                out.add(str(row["doc_id"]))
    return out


def duplicate_ids(root: Path) -> set[str]:
    """``doc_id`` of every document that is a copy of another (``duplicate_of`` set)."""
    return left_out(root, versions=True)


@dataclass(slots=True)
class IdentityReport:
    """Copies and versions under a datasets folder, for the ingest summary.

    ``copies`` and ``versions`` are ``(source_file, source_file of the document it
    stands for)`` pairs; ``documents`` counts distinct documents (preferred
    copies, earlier versions included).
    """

    documents: int = 0
    copies: list[tuple[str, str]] = field(default_factory=list)
    versions: list[tuple[str, str]] = field(default_factory=list)
    #: Task rows (product lines) and distinct tasks (``task_key``) of the documents counted once.
    task_rows: int = 0
    tasks: int = 0


def identity_report(root: Path) -> IdentityReport:
    """Copies (``duplicate_of``) and earlier versions (``version_of``) recorded under ``root``."""
    rows = [row for _, table in _documents(root) for row in table.select(["doc_id", "source_file", "duplicate_of", "version_of"]).to_pylist()]
    name = {r["doc_id"]: r["source_file"] for r in rows}
    report = IdentityReport(documents=sum(1 for r in rows if not r["duplicate_of"]))
    for r in sorted(rows, key=lambda r: r["source_file"]):
        if r["duplicate_of"]:
            report.copies.append((r["source_file"], name.get(r["duplicate_of"], r["duplicate_of"])))
        if r["version_of"] and not r["duplicate_of"]:
            report.versions.append((r["source_file"], name.get(r["version_of"], r["version_of"])))
    report.task_rows, report.tasks = _task_counts(root, left_out(root))
    return report


def _task_counts(root: Path, dropped: set[str]) -> tuple[int, int]:
    """``(rows, distinct task_key)`` of the ``tasks`` dataset outside ``dropped`` documents."""
    import pyarrow.dataset as ds

    folder = root / "tasks"
    if not folder.is_dir():
        return 0, 0
    schema = DATASETS["tasks"]
    table = ds.dataset(folder, schema=schema, format="parquet").to_table(columns=["doc_id", "task_id", "task_key"])
    rows = [r for r in table.to_pylist() if r["doc_id"] not in dropped]
    return len(rows), len({r["task_key"] or r["task_id"] for r in rows})
