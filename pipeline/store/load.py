"""Read a dataset back as a pandas DataFrame with the schema's types (``pipeline.load``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipeline.store.identity import duplicate_ids
from pipeline.store.schema import DATASETS, PARTITIONS, UNPARTITIONED


def dataset_schema(name: str) -> pa.Schema:
    """The schema a reader sees: the file schema plus the partition columns."""
    schema = DATASETS[name]
    if name in UNPARTITIONED:
        return schema
    for field in PARTITIONS:
        schema = schema.append(field)
    return schema


def _expression(filters: Any) -> ds.Expression | None:
    """Filters as pyarrow accepts them: an expression, or DNF tuples ``[("year", "=", 2026)]``."""
    if filters is None or isinstance(filters, ds.Expression):
        return filters
    return pq.filters_to_expression(filters)


def read_table(name: str, root: str | Path = "processed", filters: Any = None) -> pa.Table:
    """Every row of dataset ``name`` under ``root`` as an Arrow table (typed; partitions as columns)."""
    if name not in DATASETS:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")
    schema = dataset_schema(name)
    folder = Path(root) / name
    if not folder.is_dir():
        return schema.empty_table()
    partitioning = None if name in UNPARTITIONED else ds.partitioning(PARTITIONS, flavor="hive")
    dataset = ds.dataset(folder, schema=schema, format="parquet", partitioning=partitioning)
    return dataset.to_table(filter=_expression(filters))


def load(
    name: str,
    root: str | Path = "processed",
    filters: Any = None,
    *,
    duplicates: bool = False,
) -> pd.DataFrame:
    """Load dataset ``name`` (``"documents"``, ``"tasks"``, …) from ``root`` as a DataFrame.

    Columns have the schema's types as pandas Arrow dtypes (``int32[pyarrow]``,
    ``date32[day][pyarrow]``, ``string[pyarrow]``…), including the partition
    columns ``province`` and ``year``. ``filters`` is a pyarrow expression or
    DNF tuples, e.g. ``[("province", "=", "lam-dong"), ("year", ">=", 2025)]``.
    By default one row per ``document_key``: rows of documents that duplicate a
    preferred copy (``documents.duplicate_of`` set) are left out; pass
    ``duplicates=True`` for every file's rows. A missing dataset gives an empty
    frame with the right columns. Raises ``KeyError`` for an unknown name.
    """
    table = read_table(name, root, filters)
    if not duplicates and name not in UNPARTITIONED and "doc_id" in table.column_names:
        dropped = duplicate_ids(Path(root))
        if dropped:
            mask = pc.invert(pc.is_in(table.column("doc_id"), value_set=pa.array(sorted(dropped), pa.string())))
            table = table.filter(mask)
    return table.to_pandas(types_mapper=pd.ArrowDtype)
