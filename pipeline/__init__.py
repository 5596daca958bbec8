"""Vietnamese provincial decisions (Quyết định) → research-grade datasets.

Stages (DESIGN.md §2): :mod:`pipeline.readers` → :mod:`pipeline.structure` →
:mod:`pipeline.store`; :mod:`pipeline.ingest` wires them for a batch and
:mod:`pipeline.cli` is the command line.
"""

__version__ = "0.1.0"


def parse(path):  # type: ignore[no-untyped-def]
    """Read and parse one file in memory; return its :class:`~pipeline.model.Decision`.

    Writes nothing. Raises the reader's error for unreadable input.
    """
    from pipeline.readers import read
    from pipeline.structure import parse as parse_document

    return parse_document(read(path))


def load(name, root="processed", filters=None, *, duplicates=False, versions=False):  # type: ignore[no-untyped-def]
    """Load dataset ``name`` from ``root`` as a pandas DataFrame with the schema's types.

    Each document counted once: copies (``duplicates=True`` keeps them) and
    earlier versions such as drafts (``versions=True`` keeps them) are left out;
    see :func:`pipeline.store.load.load` for ``filters`` and the dtypes.
    """
    from pipeline.store.load import load as load_dataset

    return load_dataset(name, root, filters, duplicates=duplicates, versions=versions)


def compact(root="processed"):  # type: ignore[no-untyped-def]
    """Merge each partition's small files into one (:func:`pipeline.store.compact.compact`)."""
    from pathlib import Path

    from pipeline.store.compact import compact as compact_root

    return compact_root(Path(root))
