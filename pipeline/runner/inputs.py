"""Finding the input files: one walk that accounts for every entry it does not ingest.

``find_inputs(["raw/"])`` walks each input folder once (``os.walk``, sorted, so
runs are reproducible) and returns :class:`Inputs`:

* ``files``: ``(path, source_file)`` pairs to ingest. ``source_file`` is the
  path relative to the folder given (POSIX form), or the file name for a file
  given directly. A name that is not valid UTF-8 (a ZIP made on Windows,
  names in Windows-1258) is still ingested; its ``source_file`` shows the
  undecodable bytes as ``\\xNN`` escapes and ``renamed`` lists it.
* ``skipped``: ``(entry, reason)`` for entries deliberately left out, listed
  in the run summary: hidden files and folders (name starting with "."),
  symbolic links leading outside the input roots or to folders, broken links
  and link loops, folders named like a document (``x.pdf/``; their files are
  still searched), special files (pipes, sockets, devices), and files the
  readers do not take, each with its reason (``not_wanted_reason``: an
  unsupported suffix, an image, a collection note such as README.md). Hidden
  files of unsupported kinds (``.DS_Store``) are the only entries left unlisted.
* ``unreadable``: ``(entry, reason)`` for a folder that cannot be listed;
  the batch records each as a ``failures`` row (stage ``read``).

Symbolic links policy (lien kết tượng trưng): a link to a file is followed only
when its target lies inside one of the input roots (the target's content is
then read under the link's name); links to folders are never followed (files
inside the roots are reached where they are). So nothing outside the folders
the user named is ever read. A file that cannot be opened (no read permission)
is found here and fails when it is hashed (:mod:`pipeline.runner.plan`), as a
``failures`` row, while the batch goes on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.readers import SUFFIXES, not_wanted_reason, wanted


@dataclass(slots=True)
class Inputs:
    """What a walk of the inputs found (see the module docstring)."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    #: ``source_file → input folder`` (absolute, resolved) of every file found by walking a folder;
    #: files given directly have none. The run removes the rows of files gone from a folder.
    origins: dict[str, str] = field(default_factory=dict)
    #: Input folders walked completely (every subfolder listed): only there is a missing file "gone".
    complete: list[str] = field(default_factory=list)


def printable(name: str) -> str:
    """``name`` with bytes that are not valid UTF-8 (surrogate escapes) shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _inside(target: str, roots: list[str]) -> bool:
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


class _Walk:
    """State of one walk over every input root."""

    def __init__(self) -> None:
        self.found = Inputs()
        self.roots: list[str] = []
        self.outputs: set[str] = set()
        #: The input folder being walked (absolute), ``None`` outside a folder walk.
        self.root: str | None = None
        #: Places (:func:`where`) of the files found by walking a folder (not given by name).
        self.walked: set[str] = set()

    def add_file(self, path: Path, source_file: str) -> None:
        shown = printable(source_file)
        if shown != source_file:
            self.found.renamed.append((shown, "file name is not valid UTF-8: recorded with \\x escapes"))
        self.found.files.append((path, shown))
        if self.root is not None:
            self.walked.add(where(path))  # found in a folder (its origin is set by _distinct)

    def entry(self, path: Path, rel: str) -> None:
        """Classify one non-folder entry met in a walk."""
        name = path.name
        if name.startswith("."):
            if wanted(path):
                self.found.skipped.append((printable(rel), "hidden file (name starts with '.')"))
            return
        try:
            info = os.lstat(path)
        except OSError as exc:
            self.found.unreadable.append((printable(rel), f"cannot read the entry: {exc.strerror}"))
            return
        if stat.S_ISLNK(info.st_mode):
            self._link(path, rel)
            return
        if stat.S_ISREG(info.st_mode):
            if wanted(path):
                self.add_file(path, rel)
            else:
                self.found.skipped.append((printable(rel), not_wanted_reason(path) or "not a document"))
        elif path.suffix.lower() in SUFFIXES:
            self.found.skipped.append((printable(rel), "not a regular file (pipe, socket or device)"))

    def _link(self, path: Path, rel: str) -> None:
        if not wanted(path):
            self.found.skipped.append((printable(rel), not_wanted_reason(path) or "not a document"))
            return
        try:
            target = os.path.realpath(path, strict=True)
        except (OSError, RuntimeError):
            self.found.skipped.append((printable(rel), "broken symbolic link or link loop"))
            return
        if not _inside(target, self.roots):
            self.found.skipped.append((printable(rel), "symbolic link to a file outside the input folders (not followed)"))
        elif os.path.isdir(target):
            self.found.skipped.append((printable(rel), "symbolic link to a folder (not followed)"))
        elif os.path.isfile(target):
            self.add_file(path, rel)
        else:
            self.found.skipped.append((printable(rel), "symbolic link to a special file (not followed)"))

    def folder(self, root: Path) -> None:
        """Walk one input folder."""
        def failed(exc: OSError) -> None:
            where = Path(exc.filename or root)
            rel = where.relative_to(root).as_posix() if where != root else root.as_posix()
            self.found.unreadable.append((printable(rel + "/"), f"cannot list the folder: {exc.strerror}"))

        for current, dirs, files in os.walk(root, onerror=failed, followlinks=False):
            base = Path(current)
            kept = []
            for name in sorted(dirs):
                path = base / name
                rel = path.relative_to(root).as_posix()
                if name.startswith(".") and name in (".git", ".svn", ".hg", ".ipynb_checkpoints"):
                    continue  # version-control and notebook folders: never documents
                if os.path.realpath(path) in self.outputs:
                    continue  # the run's own output folder inside an input folder: its datasets are not inputs
                if os.path.islink(path):
                    self.found.skipped.append((printable(rel + "/"), "symbolic link to a folder (not followed)"))
                elif name.startswith("."):
                    self.found.skipped.append((printable(rel + "/"), "hidden folder (name starts with '.')"))
                else:
                    if path.suffix.lower() in SUFFIXES:
                        self.found.skipped.append((printable(rel + "/"), "a folder named like a document (its files are searched)"))
                    kept.append(name)
            dirs[:] = kept
            for name in sorted(files):
                self.entry(base / name, (base / name).relative_to(root).as_posix())


def find_inputs(inputs: Iterable[str | Path], outputs: Iterable[str | Path] = ()) -> Inputs:
    """Walk ``inputs`` (files or folders) once; see the module docstring for what is kept and listed.

    Folders in ``outputs`` (the run's ``--out``) are passed over without a word when
    they sit inside an input folder, so a rerun does not list its own datasets.
    """
    walk = _Walk()
    walk.outputs = {os.path.realpath(item) for item in outputs}
    items = [Path(item) for item in inputs]
    walk.roots = [os.path.realpath(item) for item in items]
    for root in items:
        if root.is_dir():
            walk.root, failed = os.path.realpath(root), len(walk.found.unreadable)
            walk.folder(root)
            if len(walk.found.unreadable) == failed:
                walk.found.complete.append(walk.root)
            walk.root = None
        elif root.is_file():
            walk.add_file(root, root.name)
        elif os.path.lexists(root):
            walk.found.unreadable.append((printable(str(root)), "not a file or folder that can be read"))
        else:
            walk.found.unreadable.append((printable(str(root)), "no such file or folder"))
    walk.found.files = _distinct(walk.found, walk.walked)
    return walk.found


def where(path: Path) -> str:
    """The absolute place of an input file: its folder resolved (as input folders are), its own name kept
    (a link inside the inputs is read under its name)."""
    path = Path(os.path.abspath(path))
    return os.path.join(os.path.realpath(path.parent), path.name)


def origin_of(path: Path, source_file: str) -> str:
    """The folder that ``source_file`` is relative to, so that origin / source_file is ``path``."""
    return os.path.dirname(where(path)) if len(Path(source_file).parts) == 1 else str(
        Path(where(path)).parents[len(Path(source_file).parts) - 1])


def _distinct(found: Inputs, walked: set[str]) -> list[tuple[Path, str]]:
    """Each file once; two different files with one source path (``kehoach.md`` in two province
    folders) both kept, the later named with its input folder (``ha-tinh/kehoach.md``, listed in
    ``renamed``). Sets ``found.origins`` for the files found in a folder (``walked`` places): the folder
    that the source path is relative to (for a renamed file the folder above its input folder)."""
    seen: dict[str, str] = {}  # source path → place of the file that holds it
    unique: list[tuple[Path, str]] = []
    for path, source_file in found.files:
        place = where(path)
        if seen.get(source_file) == place:
            continue  # the same file given twice
        if source_file in seen:
            renamed = distinct_name(path, source_file, set(seen))
            found.renamed.append((renamed, f"another input holds a file named {source_file!r}: named with its folder"))
            source_file = renamed
        if place in walked:
            found.origins[source_file] = origin_of(path, source_file)
        seen[source_file] = place
        unique.append((path, source_file))
    return unique


def distinct_name(path: Path, source_file: str, taken: set[str]) -> str:
    """``source_file`` prefixed with as many of ``path``'s folders as it takes to be unused in ``taken``."""
    parents = Path(where(path)).parents
    depth = len(Path(source_file).parts) - 1  # parents[depth] is the input folder
    prefix: list[str] = []
    for level in range(depth, len(parents) - 1):
        prefix.insert(0, parents[level].name)
        name = "/".join([*prefix, source_file])
        if name not in taken:
            return name
    return Path(where(path)).as_posix()
