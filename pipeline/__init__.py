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
