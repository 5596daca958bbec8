"""Command line: ``pipeline ingest raw/ --out processed/`` and friends (Typer + Rich).

The CLI only wires stages and prints; the work is in :mod:`pipeline.ingest`.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import __version__
from pipeline.ingest import Outcome, Summary, discover, ingest_files
from pipeline.model import Decision
from pipeline.nlp.evaluate import evaluate
from pipeline.nlp.tag import tag
from pipeline.readers import read
from pipeline.structure import parse

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


def _inputs_help() -> str:
    """Help for the inputs, naming every suffix a folder scan picks up."""
    from pipeline.readers import SUFFIXES

    return (
        "Files or folders of decisions: PDF, Word (.docx, .doc), HTML, plain text or Markdown. "
        f"Folders are searched recursively for {' '.join(SUFFIXES)}; a file given by name is read whatever its suffix."
    )


@app.command("ingest")
def ingest_command(
    inputs: list[Path] = typer.Argument(..., exists=True, help=_inputs_help()),
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


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold file in the format of shared/gold/4032-QD-UBND.json."),
    source: Path | None = typer.Option(None, "--source", "-s", help="The decision to tag; default: the file under --raw whose number matches the gold's."),
    raw: Path = typer.Option(Path("raw"), "--raw", help="Folder searched for the source when --source is not given."),
) -> None:
    """Tag a decision and print precision, recall and F1 per field against GOLD.

    Fields: agency-role pairs, collectives, deadlines (kind, start, end),
    product kinds, citations in tasks (see :mod:`pipeline.nlp.evaluate`).
    """
    expected = json.loads(gold.read_text("utf-8"))
    decision = _find_source(expected, source, raw)
    annotations = tag(decision, with_body=False)
    scores = evaluate(expected, decision, annotations)
    table = Table(title=f"Tagging vs {gold.name} ({escape(decision.document.source_file)})")
    for column in ("field", "gold", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for s in scores.values():
        table.add_row(s.field, str(s.gold), str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    console.print(table)
    d = scores["deadlines"]
    console.print(f"deadlines exact (kind, start, end): {d.tp}/{d.gold}")


def _find_source(expected: dict, source: Path | None, raw: Path) -> Decision:
    """The parsed decision to evaluate: ``source``, or the file in ``raw`` with the gold's number."""
    if source is not None:
        return parse(read(source))
    number = expected.get("document", {}).get("number")
    for path, _name in sorted(discover([raw]), key=lambda p: (p[0].suffix.lower() != ".pdf", str(p[0]))):
        try:
            decision = parse(read(path))
        except Exception:  # noqa: BLE001 - unreadable files are simply not the source
            continue
        if number and decision.number == number:
            return decision
    raise typer.BadParameter(f"no file under {raw} has number {number!r}; pass --source")


if __name__ == "__main__":
    app()
