"""Building blocks of the dataset schemas: a field with its meaning, unit and source; bounding boxes.

Used by :mod:`pipeline.store.schema` and :mod:`pipeline.store.schema_tagged`.
"""

from __future__ import annotations

import json

import pyarrow as pa

from pipeline.store.version import SCHEMA_VERSION  # noqa: F401  (re-exported: schema metadata)

#: Metadata keys every field carries.
FIELD_KEYS = ("description", "unit", "source")


def _f(
    name: str,
    type_: pa.DataType,
    description: str,
    nullable: bool = True,
    *,
    unit: str = "",
    source: str = "",
    values: tuple[str, ...] = (),
    open_values: bool = False,
) -> pa.Field:
    """A field with its meaning, unit and source in the metadata (UTF-8 strings).

    ``values`` lists the allowed values of a categorical column (metadata
    ``values``, a JSON list, in the schema reference and as Stata value labels);
    ``open_values`` says other values may appear (metadata ``values_open``: "1").
    """
    metadata = {"description": description, "unit": unit, "source": source}
    if values:
        metadata["values"] = json.dumps(list(values), ensure_ascii=False)
        if open_values:
            metadata["values_open"] = "1"
    return pa.field(name, type_, nullable=nullable, metadata=metadata)


def allowed_values(field: pa.Field) -> tuple[list[str], bool]:
    """``(values, open)`` of a categorical field; ``([], False)`` for any other field."""
    meta = field.metadata or {}
    if b"values" not in meta:
        return [], False
    return json.loads(meta[b"values"].decode("utf-8")), meta.get(b"values_open") == b"1"


#: Where provenance columns come from.
_READER = "reader (pipeline.readers)"


def _box_fields(what: str, missing: str) -> list[pa.Field]:
    """The bounding box of ``what`` as four float columns (x0, top, x1, bottom), PDF points from the top left.

    ``missing`` says when the box is null (on the first column's description).
    """
    unit = "PDF points (1/72 in), origin top left"
    return [
        _f("x0", pa.float32(), f"Left edge of {what}; {missing}", unit=unit, source=_READER),
        _f("top", pa.float32(), f"Top edge of {what}", unit=unit, source=_READER),
        _f("x1", pa.float32(), f"Right edge of {what}", unit=unit, source=_READER),
        _f("bottom", pa.float32(), f"Bottom edge of {what}", unit=unit, source=_READER),
    ]
