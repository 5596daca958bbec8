"""Run every benchmark script in bench/ (bench/*.py but this one) and print their figures.

Usage: ``.venv/bin/python bench/run.py`` (from the repository root). Each
script runs in its own process with this interpreter, one after the other, so
their timings do not disturb each other. Exit code 1 if any script failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_"))
    failed = 0
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        print(f"--- {script.name}: exit {done.returncode} in {time.perf_counter() - started:.1f} s", flush=True)
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
