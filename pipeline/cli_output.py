"""Commands that write a document view or exports: ``pipeline show`` and ``pipeline export``.

Registered on :data:`pipeline.cli_app.app` (imported at the end of :mod:`pipeline.cli`);
also the helpers ``diff`` shares with them (writing a report file, explaining a
reference that cannot be read).
"""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from pipeline.boundary import boundary, explain
from pipeline.cli_app import app, console, err_console


@app.command("show")
def show_command(
    ref: str = typer.Argument(..., help="A source file, or a doc_id (or unique prefix) in the datasets."),
    out: Path | None = typer.Option(None, "--out", "-o", help="HTML file to write (default: <name>.html in the current folder)."),
    root: Path = typer.Option(Path("processed"), "--root", help="Datasets folder for doc_ids."),
    sources: Path | None = typer.Option(
        None, "--sources", help="Folder the documents were ingested from (source_file is relative to it), "
        "for page links to the PDF; default: the current folder when the file is there.",
    ),
) -> None:
    """Write a self-contained HTML view of one parsed document: its parts, appendix and entities.

    For a PDF the page numbers of tasks and values link to the page (``file.pdf#page=N``)
    with the value's box in the tooltip.
    """
    from pipeline.diff import PlanNotFound, resolve
    from pipeline.views.document import html

    try:
        plan = resolve(ref, root)
    except (PlanNotFound, ValueError, OSError) as exc:  # unknown doc_id, unreadable or unsupported file
        _reference_error(exc)
    target = out or Path(view_name(str(plan.document.get("source_file") or plan.doc_id[:12]), plan.doc_id))
    source_file = str(plan.document.get("source_file") or "")
    link = pdf_link(ref, source_file, sources, target)
    with boundary(err_console):
        write_text_file(target, html(plan, link))
    console.print(f"view → {escape(str(target))}")
    if link is None and plan.document.get("source_format") == "pdf":
        err_console.print(page_link_hint(source_file, sources), soft_wrap=True, highlight=False)


def page_link_hint(source_file: str, sources: Path | None) -> str:
    """The one line ``show`` prints when a PDF's page numbers get no links: its file was not found."""
    where = f"under {sources}" if sources is not None else "in the current folder"
    return (
        f"[yellow]hint[/yellow]: no page links: {escape(source_file)} not found {escape(where)}; "
        "page links need --sources DIR (the folder the files were ingested from)"
    )


def _reference_error(exc: Exception) -> None:
    """Print why a plan reference could not be read (a damaged dataset says what to do); exit 2 or 4."""
    from pipeline.store.load import NoDatasets

    found = explain(exc) if type(exc).__module__.startswith("pyarrow") or isinstance(exc, NoDatasets) else None
    if found is not None:
        err_console.print(f"[red]error[/red]: {escape(found[1])}", soft_wrap=True, highlight=False)
        raise typer.Exit(code=found[0]) from None
    err_console.print(f"[red]{escape(type(exc).__name__)}: {escape(str(exc))}[/red]", soft_wrap=True)
    raise typer.Exit(code=2) from None


#: Longest file name (bytes) most file systems accept (ext4, XFS, NTFS in UTF-16 units).
NAME_MAX = 255


def view_name(source_file: str, doc_id: str) -> str:
    """``<stem>.html`` for ``show``'s default output; a stem too long for one file name is cut
    (at a character boundary) and given 8 digits of the ``doc_id`` so it stays unique."""
    stem = Path(source_file).stem or doc_id[:12]
    name = f"{stem}.html"
    if len(name.encode("utf-8")) <= NAME_MAX:
        return name
    tail = f"-{doc_id[:8]}.html"
    cut = stem.encode("utf-8")[: NAME_MAX - len(tail.encode("utf-8"))].decode("utf-8", "ignore")
    return f"{cut}{tail}"


def write_text_file(target: Path, text: str) -> None:
    """Write a report atomically (temporary file, rename: never through a link planted at ``target``)."""
    from pipeline.store.writer import write_bytes

    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, text.encode("utf-8"))


@app.command("export")
def export_command(
    fmt: str = typer.Option("csv", "--format", "-f", help="csv (UTF-8 with BOM) or stata (.dta, version 118)."),
    root: Path = typer.Option(Path("processed"), "--root", help="Datasets folder to export."),
    out: Path = typer.Option(Path("exports"), "--out", "-o", help="Folder for the exported files and the codebook."),
) -> None:
    """Export every dataset as CSV or Stata files, with a codebook of every field."""
    from pipeline.export import export

    if fmt not in ("csv", "stata"):
        raise typer.BadParameter("--format must be csv or stata")
    with boundary(err_console):
        written = export(root, out, fmt, on_warning=lambda text: err_console.print(f"[yellow]warning[/yellow] {escape(text)}", soft_wrap=True))
    table = Table(title=f"Export ({fmt}) → {out}")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for path, rows in written:
        table.add_row(escape(str(path)), "" if rows is None else str(rows))
    console.print(table)



def pdf_link(ref: str, source_file: str, sources: Path | None, target: Path) -> str | None:
    """URL of the source file relative to the view ``target`` (``None`` when it cannot be found).

    ``ref`` when it is the file itself; else ``sources/source_file``, or
    ``./source_file`` without ``--sources``.
    """
    candidates = [Path(ref)] if Path(ref).is_file() else []
    if source_file:
        candidates.append((sources or Path.cwd()) / source_file)
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        return None
    relative = os.path.relpath(found.resolve(), target.resolve().parent)
    return Path(relative).as_posix().replace("%", "%25").replace("#", "%23").replace("?", "%3F").replace(" ", "%20")
