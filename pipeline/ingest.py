"""Ingest: read → parse → tag → rows for one file (:func:`extract_file`), then write.

A file that cannot be read, parsed or written becomes a ``failures`` row (file,
stage, reason) and the batch goes on. Nothing here prints; batches run through
:mod:`pipeline.runner` (process pool or Dask) and report progress through a
callback so the CLI (or a notebook) decides how to show it.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.model import Decision, Failure, Note
from pipeline.readers import wanted

if TYPE_CHECKING:
    from pipeline.store.rows import Row

# Readers, parser and writer are imported where used, so that a run whose
# inputs are all unchanged starts without loading them (or pyarrow).

#: ``errno`` values of a write that no later document can escape (disk or quota full,
#: read-only file system): the batch stops instead of failing every remaining file.
FOLDER_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})

#: Stages a document goes through, in order (``write`` runs in the parent process).
STAGES = ("read", "parse", "tag", "write")


@dataclass(slots=True)
class Extracted:
    """One file's rows (or its failure), built without touching the output folder.

    ``rows`` maps dataset name → rows (:func:`pipeline.store.rows.dataset_rows`);
    ``seconds`` is wall time and ``peak_rss_mb`` the peak resident size (MiB) of
    the process that extracted it, when known.
    """

    source_file: str
    doc_id: str | None = None
    province: str = "unknown"
    year: int | None = None
    rows: dict[str, list[Row]] | None = None
    failure: Failure | None = None
    pages: int = 0
    warnings: list[Note] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    #: The resource limit that stopped the extraction, as ``"time=600"`` (seconds) or
    #: ``"memory=2048"`` (MiB); None when no limit did. A run with a larger limit retries it.
    stopped_by: str | None = None


@dataclass(slots=True)
class Outcome:
    """What happened to one input file."""

    source_file: str
    doc_id: str | None = None
    tasks: int = 0
    failure: Failure | None = None
    skipped: bool = False
    pages: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    #: Source path of a file with the same bytes (same ``doc_id``) whose rows stand for this one.
    identical_to: str | None = None


@dataclass(slots=True)
class Summary:
    """Totals of one ingest run.

    ``identical`` lists ``(source_file, identical_to)`` for files whose bytes equal
    another input's: not counted in ``documents``, no rows of their own.
    ``set_aside`` lists ``(entry, reason)`` for entries of the input folders
    deliberately not ingested (hidden files, links leading outside the inputs,
    link loops …; see :mod:`pipeline.runner.inputs`) and ``renamed`` the files
    ingested under an escaped name (file name not valid UTF-8).
    """

    documents: int = 0
    tasks: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0
    pages: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    identical: list[tuple[str, str]] = field(default_factory=list)
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    #: Dataset files found damaged or missing at the start of the run (their documents were ingested again).
    damaged: list[str] = field(default_factory=list)
    #: Source paths an earlier run found in an input folder and this run did not: their rows were removed.
    removed: list[str] = field(default_factory=list)
    #: Schema version of datasets found written by an older pipeline and removed at the start of the
    #: run (its inputs, and those earlier runs found in folders still on disk, ingested again:
    #: :mod:`pipeline.store.migrate`); ``None`` when current.
    rebuilt: str | None = None
    #: ``(source_file, reason)`` of the sources a rebuild could not read again (gone from their
    #: folder, or given one by one earlier).
    rebuilt_lost: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Count one file's outcome."""
        if outcome.skipped:
            self.skipped += 1
        elif outcome.failure is not None:
            self.failures.append(outcome.failure)
        elif outcome.identical_to is not None:
            self.identical.append((outcome.source_file, outcome.identical_to))
        else:
            self.documents += 1
            self.tasks += outcome.tasks
            self.pages += outcome.pages
            for name, count in outcome.rows.items():
                self.rows[name] = self.rows.get(name, 0) + count


def discover(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, source_file)`` for every file to ingest under ``inputs``.

    ``source_file`` is the path relative to the folder given (POSIX form), or the
    file name for a file given directly. Hidden files and folders, and links
    leading outside the inputs, are left out (:func:`pipeline.runner.inputs.find_inputs`
    also lists them). Files are yielded in sorted order so runs are reproducible.
    """
    from pipeline.runner.inputs import find_inputs

    yield from find_inputs(inputs).files


def reason_of(exc: BaseException) -> str:
    """One line saying what went wrong, without a traceback."""
    if isinstance(exc, MemoryError):
        return "memory limit exceeded (allocation failed)"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def tag(decision: Decision) -> object:
    """The tag stage (:func:`pipeline.nlp.tag.tag`), imported on first use: spaCy loads only when needed."""
    from pipeline.nlp.tag import tag as tag_decision

    return tag_decision(decision)


def completeness_warnings(decision: Decision) -> list[Note]:
    """Warnings for a partial result: the pages' notes (detail prefixed "page N: " for a PDF, whose
    pages are real; a DOCX, HTML or text file is one page of text), pages without text, no Decree 30
    header found."""
    paged = decision.document.source_format == "pdf"
    notes = [w.on_page(page.number) if paged else w for page in decision.document.pages for w in page.warnings]
    if not any(page.lines or page.tables for page in decision.document.pages):
        notes.append(Note("no_text", None, "no text found (scanned or empty document?)"))
    elif not (decision.doc_type or decision.number or decision.issue_date):
        notes.append(Note("not_administrative_document", None, "not recognised as an administrative document: no type, number or date found"))
    elif not decision.document.tables():
        notes.append(Note("no_tables", "tasks", "no tables in the document: no appendix tasks"))
    return [n for n in notes if n not in decision.warnings]


def extract_file(
    path: Path, source_file: str, on_stage: Callable[[str], None] | None = None, sha256: str | None = None
) -> Extracted:
    """Read, parse and tag one file into rows; never raises for bad input.

    ``on_stage`` is called with each stage name as the stage starts;
    ``sha256`` is the file's digest when the caller has it (it becomes ``doc_id``).
    """
    from pipeline.readers import read
    from pipeline.store.rows import dataset_rows, partition_of
    from pipeline.structure import parse

    started = time.perf_counter()
    result = Extracted(source_file=source_file)
    stage = "read"
    try:
        if on_stage:
            on_stage(stage)
        document = read(path, doc_id=sha256)
        result.doc_id = document.doc_id
        result.pages = len(document.pages) if document.paged else 0
        stage = "parse"
        if on_stage:
            on_stage(stage)
        decision = parse(document)
        stage = "tag"
        if on_stage:
            on_stage(stage)
        tag(decision)
        decision.warnings.extend(completeness_warnings(decision))
        result.province, result.year = partition_of(decision)
        result.rows = dataset_rows(decision, source_file)
        result.warnings = list(decision.warnings)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes a record
        result.failure = Failure(source_file, stage, reason_of(exc), result.doc_id)  # type: ignore[arg-type]
    result.seconds = time.perf_counter() - started
    return result


def store_extracted(out: Path, extracted: Extracted) -> Outcome:
    """Write one file's rows (or its failure record) under ``out``.

    An I/O error on the document becomes a ``write`` failure; a full disk or a
    read-only file system (:data:`FOLDER_ERRORS`) is raised, so the batch stops
    with one message instead of failing every remaining file.
    """
    from pipeline.store.rows import failure_row
    from pipeline.store.writer import clear_failure, remove_document, write_document, write_failure

    outcome = Outcome(
        source_file=extracted.source_file,
        doc_id=extracted.doc_id,
        failure=extracted.failure,
        pages=extracted.pages,
        seconds=extracted.seconds,
        peak_rss_mb=extracted.peak_rss_mb,
    )
    if extracted.failure is None and extracted.rows is not None:
        try:
            outcome.rows = write_document(
                out, extracted.doc_id or "", extracted.rows, extracted.province, extracted.year
            )
            outcome.tasks = outcome.rows.get("tasks", 0)
            clear_failure(out, extracted.source_file)
            return outcome
        except OSError as exc:
            outcome.failure = Failure(extracted.source_file, "write", reason_of(exc), extracted.doc_id)
            outcome.rows = {}
            try:  # leave no partial document behind (its other datasets' files)
                remove_document(out, extracted.doc_id or "")
            except OSError:
                pass
            if exc.errno in FOLDER_ERRORS:
                raise  # the folder itself cannot take more: stop the batch (a rerun resumes)
    if outcome.failure is not None:
        try:
            write_failure(out, failure_row(outcome.failure))
        except OSError:
            pass  # the output folder itself is unwritable; the summary still reports it
    return outcome


def ingest_file(path: Path, source_file: str, out: Path) -> Outcome:
    """Ingest one file into ``out`` in this process (no manifest, no limits); never raises for bad input."""
    return store_extracted(Path(out), extract_file(path, source_file))


def ingest_files(
    files: Iterable[tuple[Path, str]],
    out: str | Path,
    on_file: Callable[[Outcome], None] | None = None,
    **options: Any,
) -> Summary:
    """Ingest ``(path, source_file)`` pairs (as :func:`discover` yields them) into ``out``.

    ``options`` go to :func:`pipeline.runner.run_batch` (``workers``,
    ``force``, ``limits``, ``scheduler``, ``dask_local``); by default the files
    are ingested one after the other in this process, with the manifest.
    """
    from pipeline.runner import run_batch

    options.setdefault("workers", 0)
    return run_batch(list(files), out, on_file=on_file, **options)


def ingest(
    inputs: Iterable[str | Path],
    out: str | Path,
    on_file: Callable[[Outcome], None] | None = None,
    **options: Any,
) -> Summary:
    """Ingest every file found under ``inputs`` into the datasets under ``out``.

    Entries of the inputs that are not ingested are in the summary
    (``set_aside``) or, when they cannot be read, in ``failures``.
    """
    from pipeline.runner import run_batch
    from pipeline.runner.inputs import find_inputs

    options.setdefault("workers", 0)
    return run_batch(find_inputs(inputs, outputs=[out]), out, on_file=on_file, **options)
