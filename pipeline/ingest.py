"""Batch ingest: read → parse → tag → write, one document at a time, failures recorded.

A file that cannot be read, parsed or written becomes a ``failures`` row (file,
stage, reason) and the batch goes on. Nothing here prints; progress is reported
through a callback so the CLI (or a notebook) decides how to show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.model import Failure
from pipeline.nlp.tag import tag
from pipeline.readers import read, wanted
from pipeline.store.rows import annotation_rows, document_row, failure_row, part_rows, partition_of, task_rows
from pipeline.store.writer import clear_failure, write_document, write_failure
from pipeline.structure import parse


@dataclass(slots=True)
class Outcome:
    """What happened to one input file."""

    source_file: str
    doc_id: str | None = None
    tasks: int = 0
    failure: Failure | None = None


@dataclass(slots=True)
class Summary:
    """Totals of one ingest run."""

    documents: int = 0
    tasks: int = 0
    failures: list[Failure] = field(default_factory=list)


def discover(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, source_file)`` for every readable-looking file under ``inputs``.

    ``source_file`` is the path relative to the folder given (POSIX form), or the
    file name for a file given directly. Hidden files and folders are skipped.
    Files are yielded in sorted order so runs are reproducible.
    """
    for item in inputs:
        root = Path(item)
        if root.is_file():
            yield root, root.name
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if path.is_file() and wanted(path):
                yield path, rel.as_posix()


def _reason(exc: BaseException) -> str:
    """One line saying what went wrong, without a traceback."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def ingest_file(path: Path, source_file: str, out: Path) -> Outcome:
    """Ingest one file into ``out``; never raises for bad input."""
    outcome = Outcome(source_file=source_file)
    stage = "read"
    try:
        document = read(path)
        outcome.doc_id = document.doc_id
        stage = "parse"
        decision = parse(document)
        stage = "tag"
        tag(decision)
        stage = "write"
        province, year = partition_of(decision)
        counts = write_document(
            out,
            document.doc_id,
            {
                "documents": [document_row(decision, source_file)],
                "tasks": task_rows(decision),
                **part_rows(decision),
                **annotation_rows(decision),
            },
            province,
            year,
        )
        outcome.tasks = counts["tasks"]
        clear_failure(out, source_file)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes a record
        outcome.failure = Failure(source_file, stage, _reason(exc), outcome.doc_id)  # type: ignore[arg-type]
        try:
            write_failure(out, failure_row(outcome.failure))
        except OSError:
            pass  # the output folder itself is unwritable; the summary still reports it
    return outcome


def ingest_files(
    files: Iterable[tuple[Path, str]],
    out: str | Path,
    on_file: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Ingest ``(path, source_file)`` pairs (as :func:`discover` yields them) into ``out``."""
    out = Path(out)
    summary = Summary()
    for path, source_file in files:
        outcome = ingest_file(path, source_file, out)
        if outcome.failure is not None:
            summary.failures.append(outcome.failure)
        else:
            summary.documents += 1
            summary.tasks += outcome.tasks
        if on_file is not None:
            on_file(outcome)
    return summary


def ingest(
    inputs: Iterable[str | Path],
    out: str | Path,
    on_file: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Ingest every file found under ``inputs`` into the datasets under ``out``."""
    return ingest_files(discover(inputs), out, on_file)
