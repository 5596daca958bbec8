"""The schema reference: every dataset's fields with type, meaning, unit and source.

:func:`markdown` renders ``docs/schema.md`` (regenerate with
``pipeline schema --markdown > docs/schema.md``; a test checks the file matches
the code); ``pipeline schema`` prints the same rows as a table.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from pipeline.store.schema import DATASETS, PARTITIONS, SCHEMA_VERSION, UNPARTITIONED, allowed_values


def _meta(field: pa.Field, key: str) -> str:
    return (field.metadata or {}).get(key.encode(), b"").decode("utf-8")


def meaning(field: pa.Field) -> str:
    """The field's description, followed by its allowed values when it is categorical."""
    text = _meta(field, "description")
    values, open_ = allowed_values(field)
    if values:
        listed = ", ".join(f"'{v}'" for v in values)
        text += f". Values: {listed}" + (" (others may appear)" if open_ else "")
    return text


def field_rows(name: str) -> Iterator[tuple[str, str, str, str, str, str]]:
    """``(field, type, nullable, description, unit, source)`` for dataset ``name``, partitions last."""
    fields = list(DATASETS[name])
    if name not in UNPARTITIONED:
        fields += [f.with_metadata({**(f.metadata or {}), b"partition": b"1"}) for f in PARTITIONS]
    for field in fields:
        label = field.name + (" (partition)" if (field.metadata or {}).get(b"partition") else "")
        yield (
            label,
            str(field.type),
            "yes" if field.nullable else "no",
            meaning(field),
            _meta(field, "unit"),
            _meta(field, "source"),
        )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    """The whole reference as Markdown (the content of ``docs/schema.md``)."""
    out = [
        "# Dataset schema reference",
        "",
        f"Schema version {SCHEMA_VERSION}. Generated from `pipeline/store/schema.py` by",
        "`pipeline schema --markdown > docs/schema.md`; do not edit by hand (a test",
        "checks this file against the code).",
        "",
        "Datasets live under `processed/<dataset>/province=<slug>/year=<yyyy>/*.parquet`",
        "(Hive partitions; `failures` is not partitioned). Read one with",
        '`pipeline.load("tasks")`, `pandas.read_parquet("processed/tasks")`,',
        '`pyarrow.dataset.dataset("processed/tasks", partitioning="hive")`,',
        "DuckDB `read_parquet('processed/tasks/**/*.parquet', hive_partitioning=true)`",
        'or Polars `pl.read_parquet("processed/tasks/**/*.parquet", hive_partitioning=True)`.',
        "",
    ]
    for name in DATASETS:
        out += [f"## `{name}`", "", "| field | type | nullable | meaning | unit | source |", "|---|---|---|---|---|---|"]
        for row in field_rows(name):
            out.append("| " + " | ".join(_cell(c) if i else f"`{_cell(c)}`" for i, c in enumerate(row)) + " |")
        out.append("")
    return "\n".join(out + warning_codes())


def warning_codes() -> list[str]:
    """The Markdown section listing every warning code (:data:`pipeline.model.notes.CODES`)."""
    from pipeline.model.notes import CODES

    out = [
        "## Warning codes",
        "",
        "`documents.warnings` and `pages.warnings` hold one `{code, field, detail}` per warning:",
        "filter on `code` (stable), never on `detail` (readable text that may change).",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    out += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in CODES.items()]
    return out + [""]


def folder_guide(folder: str = "processed") -> str:
    """The ``README.md`` that ingest writes into its output folder (named ``folder``)."""
    names = ", ".join(f"`{name}`" for name in DATASETS)
    return "\n".join([
        f"# {folder}/",
        "",
        f"Datasets written by `pipeline ingest` (schema version {SCHEMA_VERSION}); everything here,",
        "this file included, is generated and can be rebuilt from the inputs. Each dataset",
        "is a folder of Parquet files partitioned Hive-style by province slug and year:",
        f"`{folder}/<dataset>/province=<slug>/year=<yyyy>/<doc_id>.parquet` (`failures`",
        "is not partitioned; year 0 means unknown).",
        "",
        f"Datasets: {names}.",
        "",
        "```python",
        "import pandas as pd",
        f'tasks = pd.read_parquet("{folder}/tasks")',
        f'docs = pd.read_parquet("{folder}/documents")',
        "```",
        "",
        "These read every file, copies included. `pipeline.load(\"tasks\", \"" + folder + "\")` counts",
        "each document once (other copies and drafts left out: `documents.duplicate_of`,",
        "`version_of`) and gives dates and integers their types; count `task_key` for tasks.",
        "",
        "A dataset without rows yet (`failures` after a clean run) holds one zero-row",
        "`empty.parquet` with its columns, so these calls work after any run.",
        "",
        "Columns and their meanings: `pipeline schema` (or `docs/schema.md` in the",
        "repository).",
        "",
    ])
