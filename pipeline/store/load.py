"""Read a dataset back as a pandas DataFrame with the schema's types (``pipeline.load``)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipeline.store.identity import left_out
from pipeline.store.manifest import MANIFEST_NAME, ingest_running
from pipeline.store.schema import DATASETS, PARTITIONS, UNPARTITIONED


def dataset_schema(name: str) -> pa.Schema:
    """The schema a reader sees: the file schema plus the partition columns."""
    schema = DATASETS[name]
    if name in UNPARTITIONED:
        return schema
    for field in PARTITIONS:
        schema = schema.append(field)
    return schema


def _expression(filters: Any, schema: pa.Schema | None = None) -> ds.Expression | None:
    """Filters as pyarrow accepts them: an expression, or DNF tuples ``[("year", "=", 2026)]``.

    In tuples, a value given as text for an integer column (``("year", "=", "2026")``, the
    partition as its folder spells it) is read as the integer; text that is no integer raises
    ``ValueError`` naming the column.
    """
    if filters is None or isinstance(filters, ds.Expression):
        return filters
    if schema is not None:
        filters = _typed(filters, schema)
    return pq.filters_to_expression(filters)


def _typed(filters: Any, schema: pa.Schema) -> Any:
    """DNF filter tuples with text values of integer columns made integers (lists of lists kept)."""
    if isinstance(filters, tuple) and len(filters) == 3 and isinstance(filters[0], str):
        name, op, value = filters
        index = schema.get_field_index(name)
        if index < 0 or not pa.types.is_integer(schema.field(index).type):
            return filters
        if isinstance(value, (list, tuple, set)):
            return (name, op, [_as_int(name, v) for v in value])
        return (name, op, _as_int(name, value))
    if isinstance(filters, list):
        return [_typed(f, schema) for f in filters]
    return filters


def _as_int(column: str, value: Any) -> Any:
    """``value`` as an integer when given as text ("2026"); ``ValueError`` naming ``column`` for other text."""
    if not isinstance(value, str):
        return value
    try:
        return int(value.strip())
    except ValueError:
        raise ValueError(f"filter on {column!r}: {value!r} is not an integer") from None


class OlderSchema(pa.ArrowInvalid):
    """Dataset files written with an older schema version (a column changed type): ``pipeline ingest`` rebuilds them."""


class NoDatasets(FileNotFoundError):
    """A folder given as the datasets root that holds no datasets (a typo, the wrong working folder)."""


def read_table(name: str, root: str | Path = "processed", filters: Any = None) -> pa.Table:
    """Every row of dataset ``name`` under ``root`` as an Arrow table (typed; partitions as columns).

    Raises ``pyarrow.ArrowInvalid`` for files written with an older schema whose
    column types changed (rebuilt by the next ``pipeline ingest``).
    """
    if name not in DATASETS:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")
    schema = dataset_schema(name)
    folder = Path(root) / name
    if not folder.is_dir():
        return schema.empty_table()
    partitioning = None if name in UNPARTITIONED else ds.partitioning(PARTITIONS, flavor="hive")
    dataset = ds.dataset(folder, schema=schema, format="parquet", partitioning=partitioning)
    try:
        return dataset.to_table(filter=_expression(filters, schema))
    except pa.ArrowNotImplementedError as exc:  # a column whose type changed: an older schema version
        raise OlderSchema(
            f"{folder} holds files written with an older schema version ({exc}): "
            "run `pipeline ingest --force` on the inputs to rebuild the datasets"
        ) from exc


#: Arrow types → pandas dtypes of :func:`load` (nullable extension types; dates become datetime64).
PANDAS_TYPES = {
    pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
    pa.float32(): pd.Float32Dtype(), pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
}


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas with types that load right everywhere.

    Integers (years, counts) as nullable ``Int32``/``Int64`` (no ``2026.0``),
    floats as ``Float64``, booleans as ``boolean``, text as ``string``, dates
    (``date32``) as ``datetime64[ms]`` (``.dt`` works), lists and structs as
    Python objects. The same conversion as
    ``pd.read_parquet(path).convert_dtypes()`` plus dates, in one step.
    """
    return table.to_pandas(types_mapper=PANDAS_TYPES.get, date_as_object=False)


def require_processed(root: str | Path) -> Path:
    """``root`` as a Path when it is a processed folder (a manifest or a dataset folder in it).

    Raises ``FileNotFoundError`` naming the folder when it holds neither: a
    wrong root (run from ``notebooks/``, a typo) must not read as empty datasets.
    """
    folder = Path(root)
    if (folder / MANIFEST_NAME).is_file() or any((folder / name).is_dir() for name in DATASETS):
        return folder
    raise NoDatasets(
        f"no datasets in {folder.resolve()}: run `pipeline ingest <inputs> --out {folder}` first, "
        "or pass root= the folder `pipeline ingest --out` wrote"
    )


def load(
    name: str,
    root: str | Path = "processed",
    filters: Any = None,
    *,
    duplicates: bool = False,
    versions: bool = False,
) -> pd.DataFrame:
    """Load dataset ``name`` (``"documents"``, ``"tasks"``, …) from ``root`` as a DataFrame.

    Columns have the schema's types as nullable pandas dtypes (:func:`to_pandas`:
    ``Int32`` years, ``datetime64[ms]`` dates, ``string`` text, ``boolean``),
    including the partition columns ``province`` and ``year``. ``filters`` is a
    pyarrow expression or DNF tuples, e.g. ``[("province", "=", "lam-dong"),
    ("year", ">=", 2025)]``. By default each document counts once: rows of
    files that are copies of a preferred file (``documents.duplicate_of`` set:
    the same document as another format, rendering or scan) and of earlier
    versions (``documents.version_of`` set: a draft of a later document) are
    left out; ``duplicates=True`` keeps copies, ``versions=True`` keeps earlier
    versions. A missing dataset of a processed folder gives an empty frame
    with the right columns. Raises ``KeyError`` for an unknown name and
    ``FileNotFoundError`` when ``root`` holds no datasets at all
    (:func:`require_processed`). Warns (``UserWarning``) while an ingest writes ``root``.
    """
    if name not in DATASETS:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")
    require_processed(root)
    if ingest_running(Path(root)):
        warnings.warn(
            f"an ingest is writing to {root}: these rows may be half way through its run; load again once it has finished",
            stacklevel=2,
        )
    table = read_table(name, root, filters)
    if name not in UNPARTITIONED and "doc_id" in table.column_names:
        dropped = left_out(Path(root), duplicates=duplicates, versions=versions)
        if dropped:
            mask = pc.invert(pc.is_in(table.column("doc_id"), value_set=pa.array(sorted(dropped), pa.string())))
            table = table.filter(mask)
    return to_pandas(table)
