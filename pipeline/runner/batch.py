"""One batch run: plan with the manifest, extract on an executor, write here.

Order of writes for one document, chosen so that a crash (even SIGKILL) at any
point is repaired by rerunning: (1) the document's files, each atomically;
(2) its failure record cleared; (3) the old document's rows removed when the
file changed; (4) the manifest entry committed. Until (4) the file counts as
not ingested, so a rerun does it again and, files being replaced whole, ends
with the same datasets as an uninterrupted run. Duplicate copies
(``duplicate_of``) are resolved after the batch, and again by the next run if
this one was cut short (manifest flag ``dirty``). A file with the same bytes as
another input (same ``doc_id``) is not ingested twice: its manifest entry points
to the one document and the summary lists it under ``identical``. A file an
earlier run found in an input folder and this run does not (deleted, moved) has
its rows removed and is listed under ``removed``: the datasets mirror the folders.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from pipeline import __version__
from pipeline.ingest import Extracted, Outcome, Summary, store_extracted
from pipeline.runner.inputs import Inputs
from pipeline.runner.limits import Job, Limits
from pipeline.runner.plan import Plan, plan
from pipeline.runner.pool import LocalPool, StageCallback
from pipeline.store.compact import recover
from pipeline.store.manifest import LOCK_NAME, Entry, Manifest
from pipeline.store.migrate import mark_rebuilt, rebuild_if_outdated
from pipeline.store.verify import record, verify
from pipeline.store.writer import ensure_readable, sweep_temporaries, write_guide



class OutputNotWritable(OSError):
    """The output folder cannot be created or written (reason in the message)."""


class RunLocked(RuntimeError):
    """Another run is writing to the same output folder."""


class ReadWhileWriting(RunLocked):
    """An export asked for a folder an ingest is writing: its datasets may be half way through a run."""


def check_writable(out: Path) -> None:
    """Create ``out`` if needed and prove a file can be written there, or raise :class:`OutputNotWritable`."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputNotWritable(f"cannot write to output folder {out}: {exc.strerror or exc}") from None


@contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out/_lock`` for the run (released by the kernel if killed)."""
    with open(out / LOCK_NAME, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(f"another ingest is writing to {out}") from None
        yield


def default_workers() -> int:
    """Worker processes by default: the CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - non-Linux
        return os.cpu_count() or 1


def _executor(workers: int | None, limits: Limits, scheduler: str | None, dask_local: bool):  # type: ignore[no-untyped-def]
    if scheduler or dask_local:
        from pipeline.runner.distributed import DaskExecutor

        return DaskExecutor(limits, address=scheduler, local_workers=workers or default_workers())
    return LocalPool(default_workers() if workers is None else workers, limits)


def _store(out: Path, result: Extracted, manifest: Manifest, previous: Entry | None, sha: str, size: int, mtime: int) -> Outcome:
    """Write one result, drop the rows of the file's previous version, commit its manifest entry."""
    from pipeline.store.writer import remove_document

    outcome = store_extracted(out, result)
    old = previous.doc_id if previous is not None else None
    if old and old != outcome.doc_id and not [s for s in manifest.users_of(old) if s != result.source_file]:
        remove_document(out, old)
    status = "ok" if outcome.failure is None else f"stopped {result.stopped_by}" if result.stopped_by else "failed"
    if not (outcome.failure is not None and outcome.failure.stage == "write"):
        manifest.record(Entry(result.source_file, size, mtime, sha, outcome.doc_id, __version__, status))
    return outcome


def _extract_and_store(
    executor: LocalPool, jobs: list[Job], out: Path, manifest: Manifest, todo: Plan, on_stage: StageCallback | None
) -> Iterator[Outcome]:
    """Extract ``jobs`` on ``executor`` and store each result here; yield outcomes as they finish."""
    by_source = {job.source_file: job for job in jobs}
    for result in executor.run(jobs, on_stage):
        job = by_source[result.source_file]
        if on_stage:
            on_stage(result.source_file, "write")
        yield _store(out, result, manifest, todo.previous.get(result.source_file), job.sha256, job.size, job.mtime_ns)


def _store_copy(out: Path, job: Job, original: str, first: Outcome | None, manifest: Manifest, todo: Plan) -> Outcome:
    """Record ``job``, whose bytes equal ``original``'s: no rows of its own, its manifest entry points to the same ``doc_id``.

    ``first`` is the original's (successful) outcome in this run, ``None`` when it was unchanged.
    """
    from pipeline.store.writer import clear_failure, remove_document

    doc_id = first.doc_id if first is not None else todo.previous[original].doc_id
    clear_failure(out, job.source_file)
    previous = todo.previous.get(job.source_file)
    old = previous.doc_id if previous is not None else None
    if old and old != doc_id and not [s for s in manifest.users_of(old) if s != job.source_file]:
        remove_document(out, old)
    manifest.record(Entry(job.source_file, job.size, job.mtime_ns, job.sha256, doc_id, __version__, "ok"))
    return Outcome(source_file=job.source_file, doc_id=doc_id, identical_to=original)


def _store_unreadable(out: Path, source_file: str, reason: str) -> Outcome:
    """Record an input entry that could not be read as a failure (no manifest entry: retried next run)."""
    from pipeline.model import Failure

    return store_extracted(out, Extracted(source_file=source_file, failure=Failure(source_file, "read", reason, None)))


def run_batch(
    files: list[tuple[Path, str]] | Inputs,
    out: str | Path,
    *,
    workers: int | None = None,
    force: bool = False,
    limits: Limits | None = None,
    scheduler: str | None = None,
    dask_local: bool = False,
    on_file: Callable[[Outcome], None] | None = None,
    on_stage: StageCallback | None = None,
    on_plan: Callable[[int, int], None] | None = None,
) -> Summary:
    """Ingest ``(path, source_file)`` pairs (or what :func:`find_inputs` found) into ``out``; return the run's totals.

    Entries found but not readable (a folder that cannot be listed, a file
    without read permission) become ``failures`` rows (stage ``read``); the
    rest of the batch goes on.

    ``workers``: children in the local pool (``None`` = CPU cores, ``0`` = in
    this process, no limits). ``scheduler`` (``tcp://host:port``) or
    ``dask_local`` run the documents on Dask instead. Unchanged files (manifest)
    are skipped unless ``force``. ``on_plan(jobs, skipped)`` is called once,
    ``on_stage(source_file, stage)`` as documents move, ``on_file(outcome)``
    once per file (skipped ones included). Raises :class:`OutputNotWritable`
    or :class:`RunLocked` before touching anything.
    """
    out, limits = Path(out), limits or Limits()
    found = files if isinstance(files, Inputs) else Inputs(files=list(files))
    check_writable(out)
    summary = Summary(set_aside=list(found.skipped), renamed=list(found.renamed))
    with run_lock(out), Manifest(out) as manifest:
        found, todo, rebuilding = _prepare(out, manifest, found, summary, force, None if workers == 0 else limits)
        if on_plan:
            on_plan(len(todo.jobs), len(todo.skipped))
        def report(outcome: Outcome) -> Outcome:
            summary.add(outcome)
            if on_file:
                on_file(outcome)
            return outcome

        for source_file, reason in found.unreadable + todo.unreadable:
            report(_store_unreadable(out, source_file, reason))
        for source_file in todo.skipped:
            report(Outcome(source_file=source_file, skipped=True))
        if todo.jobs:
            manifest.flag("dirty", "1")
        executor = _executor(workers, limits, scheduler, dask_local)
        done = {o.source_file: report(o) for o in _extract_and_store(executor, todo.jobs, out, manifest, todo, on_stage)}
        # A copy of a file that failed is read on its own: its name's suffix may change how it reads.
        alone = [job for job, original in todo.copies if original in done and done[original].failure is not None]
        for outcome in _extract_and_store(executor, alone, out, manifest, todo, on_stage):
            report(outcome)
        for job, original in todo.copies:
            if job not in alone:
                report(_store_copy(out, job, original, done.get(original), manifest, todo))
        _finish_run(out, manifest, todo, bool(summary.rebuilt or summary.damaged or summary.failures or summary.removed))
        if rebuilding:
            mark_rebuilt(manifest)  # last: a rebuild cut short is done again by the next run
    return summary


def _prepare(
    out: Path, manifest: Manifest, found: Inputs, summary: Summary, force: bool, limits: Limits | None
) -> tuple[Inputs, Plan, bool]:
    """The run's inputs and plan, after the folder is made sound: ``(found, todo, rebuilding)``.

    Leftovers of a crashed run are swept and recovered; a folder of an older
    schema is rebuilt (its earlier inputs join ``found``); names are kept apart
    from those earlier runs gave; damaged files are verified; rows of inputs
    gone from a folder walked whole are removed. ``summary`` records what each
    step did (rebuilt, renamed, damaged, removed). ``limits`` are this run's
    (None: no limits), against which files an earlier limit stopped are planned.
    """
    sweep_temporaries(out)
    recover(out, manifest)
    rebuild = rebuild_if_outdated(out, manifest, check_files=force)
    if rebuild is not None:
        summary.rebuilt, summary.rebuilt_lost = rebuild.version, rebuild.lost
        found = _with_earlier(found, rebuild.earlier)
    earlier = manifest.origins()  # where earlier runs found each source path (read once)
    found = _apart_from_earlier(found, earlier)
    summary.renamed = list(found.renamed)
    summary.damaged = verify(out, manifest)
    todo = plan(found.files, manifest, force=force, limits=limits)
    summary.removed = _remove_gone(out, manifest, found, earlier)
    return found, todo, rebuild is not None


def _with_earlier(found: Inputs, earlier: list[tuple[Path, str, str]]) -> Inputs:
    """``found`` plus the inputs earlier runs found in other folders (a rebuild reads them again)."""
    have = {source_file for _, source_file in found.files}
    extra = [(path, source_file, folder) for path, source_file, folder in earlier if source_file not in have]
    if not extra:
        return found
    files = list(found.files) + [(path, source_file) for path, source_file, _ in extra]
    origins = {**{source_file: folder for _, source_file, folder in extra}, **found.origins}
    return replace(found, files=files, origins=origins)


def _apart_from_earlier(found: Inputs, earlier: dict[str, str]) -> Inputs:
    """``found`` with the source paths earlier runs gave the same files, and apart from theirs.

    A file is known by its place (folder + source path in the ``origins`` table): found again under
    another name (its folder given in another order, or alone after being renamed) it keeps the
    name it has. A new file whose name an earlier run gave to another file, from another folder
    that still holds it (``kehoach.md`` of two province folders ingested one at a time), is named
    with its folder (``ha-tinh/kehoach.md``, listed in ``renamed``) instead of replacing that document.
    """
    from pipeline.runner.inputs import distinct_name, origin_of, where

    known = {os.path.join(folder, source_file): source_file for source_file, folder in earlier.items()}
    names = [source_file for _, source_file in found.files]
    files, origins, renamed = [], {}, list(found.renamed)
    for i, (path, source_file) in enumerate(found.files):
        walked = source_file in found.origins
        place = where(path)
        name = known.get(place) if walked else None
        if name is None and walked and source_file in earlier and os.path.join(earlier[source_file], source_file) != place \
                and os.path.isfile(os.path.join(earlier[source_file], source_file)):
            name = distinct_name(path, source_file, set(earlier) | set(names))
            renamed.append((name, f"an earlier run ingested another {source_file!r} from {earlier[source_file]}: named with its folder"))
        if name is not None and name != source_file and name not in names:
            names[i] = source_file = name
        if walked:
            origins[source_file] = origin_of(path, source_file)
        files.append((path, source_file))
    renamed = [(name, why) for name, why in renamed if name in names]  # a rename undone above is no rename
    return replace(found, files=files, origins=origins, renamed=renamed)


def _remove_gone(out: Path, manifest: Manifest, found: Inputs, earlier: dict[str, str]) -> list[str]:
    """Remove the rows of the files an earlier run found in one of this run's input folders and this walk
    did not (deleted, moved or renamed): ``processed/`` mirrors the folders ingested. Returns their source paths.

    Only folders walked completely count (a subfolder that cannot be listed hides its files, it does not
    delete them); files given one by one are never removed. A document another source path still
    holds (an identical copy) keeps its rows. Records where each file of this walk was found.
    """
    from pipeline.store.writer import clear_failure, remove_document

    present = {source_file for _, source_file in found.files}
    entries = manifest.entries()
    walked = [os.path.join(folder, "") for folder in found.complete]
    gone = [s for s, folder in earlier.items()  # by place: a renamed file's origin is the folder above
            if s in entries and s not in present and any(os.path.join(folder, s).startswith(w) for w in walked)]
    for source_file in gone:
        entry = entries.get(source_file)
        manifest.drop_source(source_file)
        clear_failure(out, source_file)
        if entry is not None and entry.doc_id and not manifest.users_of(entry.doc_id):
            remove_document(out, entry.doc_id)
    if gone:
        manifest.flag("dirty", "1")  # duplicate_of / version_of are settled again without them
    manifest.set_origins(found.origins)
    return gone


def _finish_run(out: Path, manifest: Manifest, todo: Plan, changed: bool = False) -> None:
    """After the documents: settle duplicate identities, keep every dataset readable, write the folder
    guide, record the dataset files for the next run's check (:mod:`pipeline.store.verify`)."""
    if manifest.flagged("dirty"):
        from pipeline.store.identity import resolve_duplicates

        resolve_duplicates(out)
        manifest.flag("dirty", None)
    # An unchanged run loads no pyarrow: it leaves the placeholders and the guide as they are.
    if changed or todo.jobs or todo.copies or not (out / "failures").is_dir() or not (out / "README.md").is_file():
        ensure_readable(out)
        write_guide(out)
        record(out, manifest)
