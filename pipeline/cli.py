"""Command line: ``pipeline ingest raw/ --out processed/`` and friends (Typer + Rich).

The CLI only wires stages and prints; the work is in :mod:`pipeline.ingest`.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import __version__
from pipeline.ingest import Outcome, Summary, discover, ingest_files

app = typer.Typer(
    help="Turn Vietnamese provincial decisions into research datasets.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()


@app.callback()
def main() -> None:
    """Vietnamese provincial decisions → Parquet datasets."""


@app.command()
def version() -> None:
    """Print the pipeline's version."""
    console.print(__version__)


@app.command("ingest")
def ingest_command(
    inputs: list[Path] = typer.Argument(..., help="Files or folders of decisions (PDF, DOCX)."),
    out: Path = typer.Option(Path("processed"), "--out", "-o", help="Folder for the datasets."),
) -> None:
    """Read, parse and write every decision under INPUTS to Parquet datasets in --out.

    A file that cannot be read or parsed is recorded in the failures dataset and
    the run goes on. Exit code 1 only when no document could be ingested.
    """
    files = list(discover(inputs))
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=False,
    ) as progress:
        bar = progress.add_task("", total=len(files))

        def advance(outcome: Outcome) -> None:
            progress.update(bar, advance=1, description=outcome.source_file)

        summary = ingest_files(files, out, on_file=advance)
        progress.update(bar, description="done")
    _print_summary(summary, out)
    if summary.documents == 0:
        raise typer.Exit(code=1)


def _print_summary(summary: Summary, out: Path) -> None:
    table = Table(title=f"Ingest summary → {out}", show_header=True)
    table.add_column("documents", justify="right")
    table.add_column("tasks", justify="right")
    table.add_column("failures", justify="right")
    table.add_row(str(summary.documents), str(summary.tasks), str(len(summary.failures)))
    console.print(table)
    for failure in summary.failures:
        console.print(
            f"[red]failed[/red] {escape(failure.source_file)} "
            f"(stage {failure.stage}): {escape(failure.reason)}"
        )


if __name__ == "__main__":
    app()
