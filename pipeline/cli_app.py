"""The Typer application and the consoles every ``pipeline`` command prints to.

Kept apart from :mod:`pipeline.cli` so the modules holding commands
(:mod:`pipeline.cli`, :mod:`pipeline.cli_output`) share them without importing
each other (``python -m pipeline.cli`` runs ``pipeline.cli`` as ``__main__``).
"""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    help="Turn Vietnamese provincial decisions into research datasets.",
    epilog="Exit codes: 0 done, 1 nothing ingested, 2 usage or output folder not writable, "
    "3 disk full, 4 damaged output folder (manifest or dataset file), 130 Ctrl-C, 143 SIGTERM.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
#: Status lines of commands whose standard output is the result (diff --format markdown).
err_console = Console(stderr=True)
