"""Export the datasets for spreadsheet and Stata users, with a codebook.

``export(root, out, "csv")`` writes ``<out>/<dataset>.csv`` in UTF-8 with a
byte-order mark (so Excel opens Vietnamese text correctly) and RFC 4180 line
ends (CRLF; a cell holding a line break or carriage return is quoted); ``"stata"`` writes
``<out>/<dataset>.dta`` (Stata 118 format: Unicode strings, long text as strL).
Both write ``codebook.csv`` and ``codebook.md``: one row per field with its type,
meaning and Vietnamese term, generated from the schema's field metadata
(:mod:`pipeline.store.schema`). Partition columns (``province``, ``year``) are
included as ordinary columns. Nested columns (lists, structs) become JSON text.

Safety: in CSV, a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe (OWASP "CSV injection"), so a
spreadsheet shows it as text instead of running it as a formula; numeric
columns are untouched. Stata strings cannot hold NUL: it is replaced by U+FFFD
(the text after it is kept) with a warning. Every file is written to a
temporary name and renamed, so a link planted in the output folder is replaced,
never written through, and files get the umask's permissions.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from pipeline.store.schema import DATASETS

#: Columns added from the Hive partition folders.
PARTITION_FIELDS = (
    ("province", "string", "Province slug of the partition folder (province=<slug>)", "tỉnh"),
    ("year", "int32", "Year of the partition folder: plan_year, else the year of issue_date", "năm"),
)

#: English words that end the Vietnamese term at the start of a description ("Địa danh of the …").
_GLOSS_WORDS = {
    "as",
    "e.g.",
    "from",
    "of",
    "the",
    "printed",
    "part",
    "cell",
    "with",
    "in",
    "above",
    "under",
    "for",
    "when",
    "if",
    "at",
    "a",
    "an",
}
_TERM_STOPS = ":;[("

STATA_STR_MAX = 2045

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'``; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``flatten(frame)`` with every text cell neutralised (:func:`neutralise_cell`) and flags
    written ``TRUE``/``FALSE`` (blank when null): the one spelling pandas, DuckDB and R's
    ``read.csv`` all read as booleans (R reads ``True``/``true`` as text)."""
    out = flatten(frame)
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column].dtype):
            out[column] = out[column].map(lambda v: "" if v is pd.NA or v is None else ("TRUE" if v else "FALSE"))
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(neutralise_cell)
    return out


#: Columns left out of the exports: MinHash sketches (128 integers each) only identity needs.
NOT_EXPORTED = ("content_sketch", "task_sketch")


def stata_name(field: str) -> str:
    """The Stata variable name of a field: the same, with "_" appended to Stata's reserved words ("end" → "end_")."""
    from pandas.io.stata import StataParser

    return f"{field}_" if field in StataParser().RESERVED_WORDS else field


def vietnamese_term(field: pa.Field) -> str:
    """The field's Vietnamese term: metadata ``vi_term`` when the schema gives one, else the
    leading Vietnamese words of its description (text before the English gloss), else ``""``."""
    meta = field.metadata or {}
    if b"vi_term" in meta:
        return meta[b"vi_term"].decode("utf-8")
    description = meta.get(b"description", b"").decode("utf-8")
    words: list[str] = []
    for word in description.split():
        if word.lower() in _GLOSS_WORDS or word.lower().rstrip(",") in _GLOSS_WORDS or word[0] in _TERM_STOPS:
            break
        cut = next((i for i, ch in enumerate(word) if ch in _TERM_STOPS), None)
        words.append(word[:cut] if cut is not None else word)
        if cut is not None:
            break
    term = " ".join(words).strip(" ,'\"")
    return term if any(ord(ch) > 127 for ch in term) and term[:1].isupper() else ""


def _meta(field: pa.Field, key: str) -> str:
    """One metadata value of a schema field as text ("" when absent)."""
    return (field.metadata or {}).get(key.encode(), b"").decode("utf-8")


def _partition_fields() -> list[tuple[str, str, str, str, str, str]]:
    """The partition columns: from the schema module's ``PARTITIONS`` when it has one, else built in."""
    from pipeline.store import schema

    partitions = getattr(schema, "PARTITIONS", None)
    if partitions is None:
        return [(name, type_, meaning, term, "", "") for name, type_, meaning, term in PARTITION_FIELDS]
    terms = {name: term for name, _, _, term in PARTITION_FIELDS}
    return [
        (f.name, str(f.type), _meta(f, "description"), terms.get(f.name, ""), _meta(f, "unit"), _meta(f, "source"))
        for f in partitions
    ]


def codebook() -> list[dict[str, str]]:
    """One row per dataset field: dataset, field, Stata variable name, type, meaning (English),
    Vietnamese term, the unit and source when the schema gives them, and the allowed
    values of a categorical column (``" | "``-joined; Stata value labels 1, 2, … in that order)."""
    from pipeline.store.schema import allowed_values

    rows = []
    for name, schema in DATASETS.items():
        allowed = {f.name: " | ".join(allowed_values(f)[0]) for f in schema}
        fields = [
            (f.name, str(f.type), _meta(f, "description"), vietnamese_term(f), _meta(f, "unit"), _meta(f, "source"))
            for f in schema
        ]
        if name != "failures":
            fields += _partition_fields()
        for field, type_, meaning, term, unit, source in fields:
            rows.append(
                {
                    "dataset": name,
                    "field": field,
                    "stata_variable": stata_name(field),
                    "type": type_,
                    "meaning": meaning,
                    "vietnamese_term": term,
                    "unit": unit,
                    "source": source,
                    "values": allowed.get(field, "") if name in DATASETS else "",
                }
            )
    return rows


def load(root: str | Path, name: str) -> pd.DataFrame | None:
    """One dataset as a DataFrame (partition columns included), ``None`` when it is absent.

    Typed as :func:`pipeline.store.load.to_pandas` gives it (nullable integers, so no
    ``2026.0``; dates as ``datetime64``). Each document counts once, as in
    ``pipeline.load``: rows of copies and earlier versions (drafts) are left out,
    except in ``documents``, which keeps one row per file with ``duplicate_of``
    and ``version_of`` saying which files those are. The sketch columns
    (:data:`NOT_EXPORTED`) are left out.
    """
    from pipeline.store.load import load as load_dataset

    folder = Path(root) / name
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return None
    everything = name == "documents"
    frame = load_dataset(name, root, duplicates=everything, versions=everything)
    return frame.drop(columns=[c for c in NOT_EXPORTED if c in frame.columns])


def _flat(value: Any) -> Any:
    """Nested values (lists, dicts, arrays) as JSON text; scalars unchanged."""
    if isinstance(value, (list, dict, tuple)) or hasattr(value, "tolist"):
        raw = value.tolist() if hasattr(value, "tolist") else value
        return json.dumps(raw, ensure_ascii=False, default=str)
    return value


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with nested columns as JSON text and categorical partitions as plain values."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            out[column] = series.astype(object)
        elif (
            series.dtype == object
            and series.map(lambda v: isinstance(v, (list, dict, tuple)) or hasattr(v, "tolist")).any()
        ):
            out[column] = series.map(_flat)
    return out


def _stata_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Frame ready for ``to_stata``: dates as datetimes, text as str, NUL as U+FFFD.

    Returns the frame, its long-text (strL) columns and the columns where NUL was replaced.
    """
    out = flatten(frame)
    strl = []
    nuls = []
    for column in out.columns:
        series = out[column]
        objects = series.dtype == object
        if pd.api.types.is_datetime64_any_dtype(series.dtype) or (
            objects and series.map(lambda v: isinstance(v, (date, datetime))).astype(bool).any()
        ):
            out[column] = pd.to_datetime(series)
        elif pd.api.types.is_bool_dtype(series.dtype):
            out[column] = series.astype("Int8") if series.isna().any() else series.astype("int8")
        elif pd.api.types.is_integer_dtype(series.dtype) or pd.api.types.is_float_dtype(series.dtype):
            out[column] = series.astype("float64") if series.isna().any() else series
        elif series.isna().all() or not pd.api.types.is_numeric_dtype(series.dtype):
            out[column] = pd.Series(
                ["" if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else str(v) for v in series],
                index=series.index,
                dtype=object,
            )
            if out[column].map(lambda v: "\x00" in v).any():
                nuls.append(column)
                out[column] = out[column].map(lambda v: v.replace("\x00", "\ufffd"))
            if out[column].map(lambda v: len(v.encode("utf-8"))).max() > STATA_STR_MAX:
                strl.append(column)
    return out, strl, nuls


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Let ``write(tmp)`` create a temporary file beside ``path``, give it the umask's mode, rename it to ``path``."""
    from pipeline.store.writer import TMP_PREFIX, TMP_SUFFIX, file_mode

    fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def value_labels(name: str, frame: pd.DataFrame) -> dict[str, dict[int, str]]:
    """Stata value labels of the categorical columns of dataset ``name`` present in ``frame``.

    Codes 1, 2, … follow the schema's allowed values (:func:`pipeline.store.schema.allowed_values`),
    then any other value found, sorted; ``{column: {code: label}}``.
    """
    from pipeline.store.schema import allowed_values

    out: dict[str, dict[int, str]] = {}
    for field in DATASETS[name]:
        values, _ = allowed_values(field)
        if not values or field.name not in frame.columns:
            continue
        found = sorted({str(v) for v in frame[field.name].dropna()} - set(values))
        out[field.name] = {i: label for i, label in enumerate([*values, *found], start=1)}
    return out


def encode_categories(frame: pd.DataFrame, labels: dict[str, dict[int, str]]) -> pd.DataFrame:
    """Copy of ``frame`` with each labelled column as its codes (float64, missing for null)."""
    out = frame.copy()
    for column, mapping in labels.items():
        codes = {label: code for code, label in mapping.items()}
        out[column] = frame[column].map(lambda v: codes.get(str(v)) if v is not None and v is not pd.NA and v == v else None).astype("float64")
    return out


def _write_stata(name: str, frame: pd.DataFrame, path: Path, descriptions: dict[tuple[str, str], str]) -> list[str]:
    """One dataset as Stata 118 (written atomically): variable labels from the schema (80 characters), value
    labels for categories. Returns the columns whose NUL characters were replaced by U+FFFD."""
    labels = value_labels(name, frame)
    data, strl, nuls = _stata_frame(encode_categories(frame, labels))
    variables = {stata_name(c): descriptions.get((name, c), "")[:80] for c in data.columns}
    data = data.rename(columns=stata_name)
    _atomic(path, lambda tmp: data.to_stata(
        tmp,
        write_index=False,
        version=118,
        convert_strl=[stata_name(c) for c in strl],
        variable_labels=variables,
        value_labels={stata_name(c): m for c, m in labels.items()},
        data_label=f"{name} (vn-decisions-pipeline)"[:80],
    ))
    return nuls


def export(
    root: str | Path, out: str | Path, fmt: str = "csv", on_warning: Callable[[str], None] | None = None
) -> list[tuple[Path, int | None]]:
    """Write every dataset under ``root`` to ``out`` as CSV or Stata, plus the codebook.

    Returns ``(path, rows)`` per file written (``rows`` is ``None`` for the codebook).
    ``on_warning`` receives one line per change made to fit the format (NUL in
    Stata text). Raises ``ValueError`` for an unknown ``fmt``,
    :class:`pipeline.store.load.NoDatasets` when ``root`` holds no datasets,
    :class:`pipeline.runner.batch.ReadWhileWriting` while an ingest writes ``root``, and
    :class:`pipeline.runner.batch.OutputNotWritable` when ``out`` cannot be made or written.
    """
    if fmt not in ("csv", "stata"):
        raise ValueError(f"unknown export format {fmt!r} (csv or stata)")
    from pipeline.runner.batch import OutputNotWritable, ReadWhileWriting
    from pipeline.store.load import require_processed
    from pipeline.store.manifest import ingest_running

    require_processed(root)  # a wrong --root is an error, not an export of nothing
    if ingest_running(Path(root)):
        raise ReadWhileWriting(f"an ingest is writing to {root}")
    # Every dataset is read before the output folder is made: a folder written by an
    # older schema (OlderSchema) stops the export without leaving an empty --out behind.
    frames = {name: frame for name in DATASETS if (frame := load(root, name)) is not None}
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:  # a file in its place: one line, as ingest says it
        raise OutputNotWritable(f"cannot write to output folder {out}: {exc.strerror or exc}") from None
    written: list[tuple[Path, int | None]] = []
    descriptions = {(r["dataset"], r["field"]): r["meaning"] for r in codebook()}
    for name, frame in frames.items():
        if fmt == "csv":
            path = out / f"{name}.csv"
            table = csv_frame(frame)
            _atomic(path, lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n"))
        else:
            path = out / f"{name}.dta"
            nuls = _write_stata(name, frame, path, descriptions)
            if nuls and on_warning:
                on_warning(f"{path.name}: NUL characters in {', '.join(nuls)} replaced by U+FFFD (Stata strings cannot hold NUL)")
        written.append((path, len(frame)))
    written += write_codebook(out)
    return written


def write_codebook(out: Path) -> list[tuple[Path, int | None]]:
    """``codebook.csv`` and ``warning_codes.csv`` (UTF-8 with BOM: code, meaning of each warning code),
    and ``codebook.md`` in ``out`` (which ends with the warning codes)."""
    from pipeline.model.notes import CODES

    rows = codebook()
    csv_path, md_path, codes_path = out / "codebook.csv", out / "codebook.md", out / "warning_codes.csv"
    _atomic(csv_path, lambda tmp: csv_frame(pd.DataFrame(rows)).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n"))
    codes = pd.DataFrame({"code": list(CODES), "meaning": list(CODES.values())})
    _atomic(codes_path, lambda tmp: csv_frame(codes).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n"))
    lines = ["# Codebook", "", "Generated from `pipeline/store/schema.py`.", ""]
    current = None
    for r in rows:
        if r["dataset"] != current:
            current = r["dataset"]
            lines += [
                "",
                f"## {current}",
                "",
                "| field | Stata | type | meaning | Vietnamese term |",
                "|---|---|---|---|---|",
            ]
        meaning = r["meaning"].replace("|", "/")
        lines.append(f"| `{r['field']}` | `{r['stata_variable']}` | {r['type']} | {meaning} | {r['vietnamese_term']} |")
    from pipeline.store.reference import warning_codes

    text = "\n".join([*lines, "", *warning_codes()]).rstrip("\n") + "\n"
    _atomic(md_path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return [(csv_path, None), (codes_path, None), (md_path, None)]
