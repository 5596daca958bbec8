"""Store: Arrow schemas, row builders and atomic Parquet writes (DESIGN.md §2 ``store/``)."""
