"""The dataset schema version, importable without pyarrow (the batch runner checks it on every run)."""

#: Bumped when a column is added, removed or changes meaning or type (6: ``warnings``
#: became ``list<struct<code, field, detail>>`` records). An output folder written with
#: another version is rebuilt by the next ingest (:mod:`pipeline.store.migrate`).
SCHEMA_VERSION = "6"
