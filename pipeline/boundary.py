"""The CLI's error boundary: an error a user can fix becomes one line saying what to do.

Every command runs inside :func:`boundary`. Errors it knows (the output folder
is read-only or full, the manifest or a dataset file is damaged, another run
holds the folder) print ``error: <what happened>: <what to do>`` on standard
error and exit with one of the documented codes; anything else is a bug and
keeps its traceback.

Exit codes (also in ``pipeline --help``):

==== =====================================================================
0    done
1    ``ingest``: no file was ingested or skipped (every file failed)
2    bad arguments, an input that cannot be read, an output folder that
     cannot be written (read-only, no permission), another run holding it
3    no space left on the output device (disk or quota full)
4    the output folder is damaged (``_manifest.sqlite`` or a dataset file)
130  interrupted by Ctrl-C (SIGINT); a rerun resumes
143  stopped by SIGTERM; a rerun resumes
==== =====================================================================
"""

from __future__ import annotations

import errno
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_NOTHING_INGESTED = 1
EXIT_USAGE = 2
EXIT_DISK_FULL = 3
EXIT_DAMAGED = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

#: errno values meaning "the device or quota is full".
_FULL = {errno.ENOSPC, errno.EDQUOT}
#: errno values meaning "this place cannot be written".
_DENIED = {errno.EROFS, errno.EACCES, errno.EPERM}


class Terminated(KeyboardInterrupt):
    """SIGTERM received: unwinds like Ctrl-C (children stopped, locks released)."""


def _where(exc: OSError) -> str:
    return f" {exc.filename}" if exc.filename else ""


def cannot_write(exc: BaseException) -> bool:
    """True for an error meaning "this place cannot be written" (read-only, no permission).

    ``pipeline diff`` uses it to keep the report when only saving ``plan_diffs`` failed.
    """
    from pipeline.runner.batch import OutputNotWritable

    return isinstance(exc, OutputNotWritable) or (isinstance(exc, OSError) and exc.errno in _DENIED)


def explain(exc: BaseException) -> tuple[int, str] | None:
    """``(exit code, one line)`` for an error a user can act on, ``None`` for anything else."""
    from pipeline.runner.batch import OutputNotWritable, ReadWhileWriting, RunLocked
    from pipeline.store.load import NoDatasets, OlderSchema

    if isinstance(exc, NoDatasets):
        return EXIT_USAGE, str(exc)
    if isinstance(exc, OlderSchema):
        return EXIT_DAMAGED, str(exc)
    if isinstance(exc, ReadWhileWriting):
        return EXIT_USAGE, f"{exc}: export once it has finished (its datasets may be half written)"
    if isinstance(exc, RunLocked):
        return EXIT_USAGE, f"{exc}: wait for it to finish, or use another --out"
    if isinstance(exc, OutputNotWritable):
        return EXIT_USAGE, f"{exc}: choose a writable folder or fix its permissions"
    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc)
        if "full" in text:
            return EXIT_DISK_FULL, "no space left for the manifest: free disk space and rerun (finished documents are kept)"
        if isinstance(exc, sqlite3.OperationalError) and ("readonly" in text or "unable to open" in text):
            return EXIT_USAGE, f"cannot write the manifest ({text}): choose a writable folder or fix its permissions"
        return EXIT_DAMAGED, (
            f"the manifest _manifest.sqlite is damaged ({text}): delete it and rerun "
            "(every file is then read again; the datasets are kept)"
        )
    if isinstance(exc, OSError) and exc.errno in _FULL:
        return EXIT_DISK_FULL, (
            f"no space left on the device while writing{_where(exc)}: free space (or choose another folder) "
            "and rerun; finished work is kept and a rerun resumes"
        )
    if isinstance(exc, OSError) and exc.errno in _DENIED:
        return EXIT_USAGE, f"cannot write{_where(exc)} ({exc.strerror}): choose a writable folder or fix its permissions"
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return EXIT_USAGE, f"file name too long{_where(exc)}: give a shorter one with --out"
    if type(exc).__module__.startswith("pyarrow") and isinstance(exc, (OSError, ValueError)):
        line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return EXIT_DAMAGED, (
            f"a dataset file is damaged ({line}): run `pipeline ingest` on the same inputs again "
            "(damaged files are noticed and rewritten), or with --force"
        )
    return None


@contextmanager
def boundary(console) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Run a command body; a known error prints one line on ``console`` and exits with its code."""
    import typer

    try:
        yield
    except (typer.Exit, typer.BadParameter, KeyboardInterrupt):
        raise
    except Exception as exc:
        found = explain(exc)
        if found is None:
            raise
        code, message = found
        console.print(f"[red]error[/red]: {_escape(message)}", soft_wrap=True, highlight=False)
        raise typer.Exit(code=code) from None


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (so the run unwinds and reports) instead of killing silently."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave SIGTERM alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
