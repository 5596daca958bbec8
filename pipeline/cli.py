"""Command line: ``pipeline ingest raw/ --out processed/`` and friends (Typer + Rich).

The CLI only wires stages and prints; the work is in :mod:`pipeline.ingest`.
Every command runs inside :func:`pipeline.boundary.boundary`: a read-only or
full output folder, a damaged manifest or dataset file prints one line saying
what to do and exits with a documented code (0 done, 1 nothing ingested,
2 usage or unwritable folder, 3 disk full, 4 damaged output folder, 130 Ctrl-C,
143 SIGTERM; see :mod:`pipeline.boundary`).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import __version__
from pipeline.boundary import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, boundary, cannot_write, sigterm_as_interrupt
from pipeline.ingest import Outcome, Summary, discover
from pipeline.model import Decision
from pipeline.runner import Limits, run_batch
from pipeline.runner.inputs import find_inputs
from pipeline.runner.progress import StageProgress

# The parser and the tagger (spaCy) are imported inside the commands that use
# them, so `pipeline ingest` on unchanged inputs starts in a fraction of a second.

from pipeline.cli_app import app, console, err_console


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
    workers: int = typer.Option(None, "--workers", "-w", help="Worker processes (default: CPU cores; 0: in this process, no limits)."),
    force: bool = typer.Option(False, "--force", help="Ingest every file again, even if unchanged since the last run."),
    time_limit: float = typer.Option(
        Limits().time_s, "--time-limit", help="Seconds one document may take before it is stopped (a long scan OCRs for minutes)."
    ),
    memory_limit: int = typer.Option(2048, "--memory-limit", help="MiB of memory one document may use before it is stopped."),
    scheduler: str = typer.Option(None, "--scheduler", help="Run on a Dask cluster: scheduler address, e.g. tcp://10.0.0.5:8786."),
    dask_local: bool = typer.Option(False, "--dask-local", help="Run on a Dask LocalCluster started for this run."),
) -> None:
    """Read, parse and write every decision under INPUTS to Parquet datasets in --out.

    Unchanged files (same bytes, same pipeline version; see the manifest in
    --out) are skipped. A file that cannot be read or parsed is recorded in the
    failures dataset and the run goes on. Exit code 1 when no file was ingested
    or skipped, 2 when the output folder cannot be written.
    """
    found = find_inputs(inputs, outputs=[out])
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=False,
    )
    stages = StageProgress(progress, total=len(found.files))
    finished: list[Outcome] = []

    def on_file(outcome: Outcome) -> None:
        finished.append(outcome)
        stages.on_file(outcome)

    try:
        with boundary(err_console), sigterm_as_interrupt(), progress:
            summary = run_batch(
                found,
                out,
                workers=workers,
                force=force,
                limits=Limits(time_s=time_limit, memory_mb=memory_limit),
                scheduler=scheduler,
                dask_local=dask_local,
                on_file=on_file,
                on_stage=stages.on_stage,
                on_plan=stages.on_plan,
            )
    except KeyboardInterrupt as exc:
        _interrupted(exc, finished, stages.total)
    _print_summary(summary, out)
    if summary.documents == 0 and summary.skipped == 0 and not summary.identical:
        raise typer.Exit(code=1)


def _interrupted(exc: KeyboardInterrupt, finished: list[Outcome], total: int) -> None:
    """Say what an interrupted run did and that a rerun resumes; exit 130 (Ctrl-C) or 143 (SIGTERM)."""
    what = "stopped by SIGTERM" if isinstance(exc, Terminated) else "interrupted (Ctrl-C)"
    done = sum(1 for o in finished if o.failure is None)
    err_console.print(
        f"[yellow]{what}[/yellow]: {len(finished)} of {total} files handled ({done} ingested or unchanged); "
        "their datasets are saved. Run the same command again to resume: finished files are skipped.",
        soft_wrap=True,
    )
    raise typer.Exit(code=EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED)


@app.command("schema")
def schema_command(
    dataset: str = typer.Argument(None, help="One dataset (default: all)."),
    markdown: bool = typer.Option(False, "--markdown", help="Print docs/schema.md instead of tables."),
) -> None:
    """Print every dataset's fields: type, meaning, unit and source."""
    from pipeline.store.reference import field_rows, markdown as render
    from pipeline.store.schema import DATASETS, SCHEMA_VERSION

    if markdown:
        print(render())
        return
    names = [dataset] if dataset else list(DATASETS)
    for name in names:
        if name not in DATASETS:
            console.print(f"[red]unknown dataset[/red] {escape(name)}; known: {', '.join(DATASETS)}")
            raise typer.Exit(code=2)
        table = Table(title=f"{name} (schema version {SCHEMA_VERSION})", show_lines=False)
        for column in ("field", "type", "null", "meaning", "unit", "source"):
            table.add_column(column, overflow="fold")
        for row in field_rows(name):
            table.add_row(*(escape(c) for c in row))
        console.print(table)


@app.command("compact")
def compact_command(
    out: Path = typer.Argument(Path("processed"), help="Folder of the datasets."),
) -> None:
    """Merge each partition's per-document files into one file (rows unchanged)."""
    from pipeline.runner.batch import run_lock
    from pipeline.store.compact import compact

    with boundary(err_console), run_lock(out):
        result = compact(out)
    console.print(
        f"compacted {result.partitions} partitions: {result.files_before} files → {result.files_after}"
    )


def _print_summary(summary: Summary, out: Path) -> None:
    table = Table(title=f"Ingest summary → {out}", show_header=True)
    table.add_column("documents", justify="right")
    table.add_column("task rows", justify="right")
    table.add_column("failures", justify="right")
    table.add_column("unchanged (skipped)", justify="right")
    table.add_column("identical copies", justify="right")
    table.add_row(
        str(summary.documents), str(summary.tasks), str(len(summary.failures)), str(summary.skipped), str(len(summary.identical))
    )
    console.print(table)
    for copy, original in summary.identical:
        console.print(
            f"[yellow]warning[/yellow] {escape(copy)}: identical to {escape(original)} "
            "(same bytes, same doc_id): counted once, both paths kept in the manifest"
        )
    for source_file in summary.removed:
        console.print(f"[yellow]removed[/yellow] {escape(source_file)}: no longer in the input folder; its rows were removed from the datasets", soft_wrap=True)
    if summary.rebuilt:
        console.print(
            f"[yellow]rebuilt[/yellow] datasets written with schema version {escape(summary.rebuilt)} were removed "
            "(this pipeline writes another); the inputs of this run and those earlier runs found in folders "
            "still on disk were ingested again",
            soft_wrap=True,
        )
        for source_file, reason in summary.rebuilt_lost:
            console.print(
                f"[yellow]not rebuilt[/yellow] {escape(source_file)}: ingested by an earlier run, {escape(reason)}; "
                "ingest it again to bring its rows back",
                soft_wrap=True,
            )
    for rel in summary.damaged:
        console.print(f"[yellow]repaired[/yellow] {escape(rel)}: damaged or missing since the last run; its documents were ingested again", soft_wrap=True)
    for entry, reason in summary.set_aside:
        console.print(f"[yellow]not ingested[/yellow] {escape(entry)}: {escape(reason)}", soft_wrap=True)
    for entry, reason in summary.renamed:
        console.print(f"[yellow]warning[/yellow] {escape(entry)}: {escape(reason)}", soft_wrap=True)
    _print_identity(out)
    for failure in summary.failures:
        console.print(
            f"[red]failed[/red] {escape(failure.source_file)} "
            f"(stage {failure.stage}): {escape(failure.reason)}"
        )


def _print_identity(out: Path) -> None:
    """Documents counted once under ``out``: copies and earlier versions left out, distinct tasks."""
    from pipeline.store.identity import identity_report

    report = identity_report(out)
    counted = report.documents - len(report.versions)
    console.print(
        f"{escape(str(out))}: {counted} documents counted once "
        f"({len(report.copies)} copies of another file, {len(report.versions)} earlier versions left out); "
        f"{report.tasks} distinct tasks in {report.task_rows} task rows (product lines)"
    )
    for copy, original in report.copies:
        console.print(f"copy    {escape(copy)}: same document as {escape(original)}")
    for draft, final in report.versions:
        console.print(f"version {escape(draft)}: draft of {escape(final)}")


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
    from pipeline.nlp.evaluate import evaluate
    from pipeline.nlp.tag import tag

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
    from pipeline.readers import read
    from pipeline.structure import parse

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


@app.command("diff")
def diff_command(
    refs: list[str] = typer.Argument(None, help="OLD NEW: source files or doc_ids in the datasets (omit with --province/--years)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report here (HTML; Markdown if the name ends in .md)."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="html or markdown (default: markdown on the terminal, html with --out)."),
    province: str | None = typer.Option(None, "--province", help="Province (name or slug) whose plans to compare, with --years."),
    years: tuple[int, int] | None = typer.Option(None, "--years", help="Two plan years, old then new: --years 2017 2018."),
    root: Path = typer.Option(Path("processed"), "--root", help="Datasets folder for doc_ids and --province; plan_diffs is written there."),
    threshold: float = typer.Option(60.0, "--threshold", help="Similarity (0–100) under which two tasks are different tasks."),
    save: bool = typer.Option(True, "--save/--no-save", help="Write the changes to the plan_diffs dataset under --root."),
    force: bool = typer.Option(False, "--force", help="Align the tasks even when the two documents look unrelated."),
) -> None:
    """Compare two plans: tasks added, removed, reworded; deadlines, agencies, products, sections; targets; legal bases."""
    from pipeline.diff import PlanNotFound, diff_plans, resolve
    from pipeline.diff.plan import for_province_year
    from pipeline.diff.report import html, markdown
    from pipeline.diff.store import write_diff

    refs = list(refs or [])
    if fmt not in (None, "html", "markdown"):
        raise typer.BadParameter("--format must be html or markdown")
    try:
        if province and years and not refs:
            old, new = for_province_year(root, province, years[0]), for_province_year(root, province, years[1])
        elif len(refs) == 2:
            old, new = resolve(refs[0], root), resolve(refs[1], root)
        else:
            raise typer.BadParameter("give OLD and NEW, or --province P --years OLD_YEAR NEW_YEAR")
    except (PlanNotFound, ValueError, OSError) as exc:  # unknown doc_id, unreadable or unsupported file
        _reference_error(exc)
    if old.doc_id == new.doc_id:  # one document given twice, or one plan for both years: nothing to compare
        err_console.print(f"[red]both references give the same document ({escape(old.label)}): nothing to compare[/red]")
        raise typer.Exit(code=2)
    result = diff_plans(old, new, threshold, force=force)
    if result.unrelated and result.forced:
        err_console.print(f"[yellow]warning[/yellow] the two documents look unrelated: {escape(result.unrelated)}; tasks aligned anyway (--force)")
    elif result.unrelated:
        err_console.print(
            f"[red]the two documents look unrelated: {escape(result.unrelated)}; tasks not aligned "
            "(--force to align them anyway)[/red]"
        )
        raise typer.Exit(code=3)
    with boundary(err_console):
        if save:
            _save_diff(root, result, write_diff)
        kind = fmt or ("markdown" if out is None or out.suffix.lower() == ".md" else "html")
        text = html(result, threshold) if kind == "html" else markdown(result)
        if out is None:
            typer.echo(text)
        else:
            write_text_file(out, text)
            console.print(f"report → {escape(str(out))}")


def _save_diff(root: Path, result, write_diff) -> None:  # type: ignore[no-untyped-def]
    """Write ``plan_diffs`` under ``root``; a read-only root warns (the report still prints), other errors go to the boundary."""
    try:
        written = write_diff(root, result)
    except Exception as exc:
        if not cannot_write(exc):
            raise
        where = getattr(exc, "filename", None) or root / "plan_diffs"
        err_console.print(
            f"[yellow]warning[/yellow]: plan_diffs not saved: cannot write {escape(str(where))}; "
            "the report follows (use --no-save to skip saving)",
            highlight=False, soft_wrap=True,
        )
        return
    err_console.print(f"[dim]plan_diffs: {len(result.changes)} rows → {escape(str(written))}[/dim]", highlight=False, soft_wrap=True)


# The output commands (show, export) and the helpers diff shares with them.
from pipeline.cli_output import _reference_error, view_name, write_text_file  # noqa: E402

__all__ = ["app", "view_name", "write_text_file", "_reference_error"]


if __name__ == "__main__":
    app()
