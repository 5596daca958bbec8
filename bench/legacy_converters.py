"""Compare legacy-encoding converters on the three transcribed TCVN3/VNI files.

For each file under ``tests/data/legacy`` the whole reading path runs (PDF words
or Word runs, font names, capitals restored) with the character conversion
swapped for each candidate:

* ``own``: this project's tables (:mod:`pipeline.text.legacy`);
* ``viparse``: :func:`viparse.fix` (PyPI package ``viparse``, MIT), if installed;
* ``iconv``: glibc ``iconv -f TCVN5712-1`` byte by byte (TCVN3 only; glibc has
  no VNI charset: ``n/a``).

Printed: the character error rate (%) against the transcript after case and
whitespace folding, the reference being the transcript's main story (cut at the
first footnote-separator control character, see ``tests/test_legacy.py``).

Usage: ``.venv/bin/python bench/legacy_converters.py``
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pipeline.readers import read  # noqa: E402
from pipeline.text import legacy  # noqa: E402
from pipeline.text.metrics import cer, document_text, fold_whitespace  # noqa: E402

DATA = ROOT / "tests" / "data" / "legacy"
FILES = ("2006-19412_QD115.04TTg_BLTch_DNNVV.pdf", "2008-23.QD-991-UBND.doc", "2005-QD-256.doc")


def reference(name: str) -> str:
    """The transcript's main story (text before the first footnote separator, U+0003)."""
    text = (DATA / "ground-truth" / (Path(name).stem + ".txt")).read_text("utf-8")
    return text.split("\x03", 1)[0]


def _iconv_table() -> dict[str, str]:
    table = {}
    for byte in range(0x80, 0x100):
        run = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]),
                             capture_output=True, check=False)
        if run.returncode == 0 and run.stdout:
            table[chr(byte)] = run.stdout.decode("utf-8")
    return table


def converters() -> dict[str, object]:
    own = legacy.convert
    out: dict[str, object] = {"own": own}
    try:
        import viparse

        def vip(text: str, enc: str) -> str:
            # viparse.fix also tidies whitespace; convert only the non-space tokens so
            # that the comparison measures the character tables alone.
            return "".join(p if p.isspace() or not p else viparse.fix(p, encoding=enc)
                           for p in re.split(r"(\s+)", text))

        out["viparse"] = vip
    except ImportError:
        print("viparse not installed: pip install viparse (no dependencies) to compare it")
    table = _iconv_table()

    def iconv(text: str, enc: str) -> str:
        if enc != "tcvn3":
            raise LookupError("iconv has no VNI charset")
        return "".join(table.get(ch, ch) for ch in text)

    out["iconv"] = iconv
    return out


def main() -> None:
    results = {}
    for label, func in converters().items():
        with mock.patch.object(legacy, "convert", func):
            for name in FILES:
                try:
                    document = read(DATA / name)
                except LookupError:
                    continue
                hyp = fold_whitespace(document_text(document), casefold=True)
                ref = fold_whitespace(reference(name), casefold=True)
                results[(label, name)] = (cer(hyp, ref), len(ref))
    labels = sorted({k[0] for k in results}, key=["own", "viparse", "iconv"].index)
    print(f"{'file':42} {'chars':>6} " + " ".join(f"{lab + ' CER %':>14}" for lab in labels))
    for name in FILES:
        n = results[(labels[0], name)][1]
        cells = [f"{100 * results[(lab, name)][0]:14.3f}" if (lab, name) in results else f"{'n/a':>14}" for lab in labels]
        print(f"{name:42} {n:6d} " + " ".join(cells))


if __name__ == "__main__":
    main()
