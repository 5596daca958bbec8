"""Format-transfer benchmark: the same real decisions, published through another export path.

The dev corpus (``/work/shared/corpus/dev``) scores the pipeline on one file per document. A
hidden corpus of the same kind comes from other provinces and portals, which publish the same
kind of decisions in other formats. This script builds a DERIVED corpus from the dev files, each
document re-published the way real portals do it, with the dev corpus's expected values, and
(optionally) scores the pipeline on it with the corpus scorer. A miss here that the dev file does
not show is a layout variant the parser does not hold (or a conversion artefact: triage it).

Export paths (all conversions by LibreOffice headless, with a private user profile
``-env:UserInstallation=file:///tmp/xfmt_lo`` so it never clashes with the pipeline's own
``soffice`` runs):

* ``pdf_from_word/<stem>.pdf`` — every dev ``doc/*.doc`` and ``docx/*.docx`` exported to a
  text-layer PDF (``--convert-to pdf``): what provincial portals publish ("Word → PDF").
* ``html_from_word/<stem>.html`` — the same Word files exported to HTML (``--convert-to html``,
  LibreOffice's Writer HTML filter): the portal HTML path. The images it writes beside the
  page (emblems, logos) are deleted: the pipeline would ingest them as scans of their own.
* ``docx_from_md/<stem>.docx`` — every dev ``text/*.md`` (a thuvienphapluat page in the source
  repository's Markdown, where a line holding only ``|`` ends a table cell and a second ``|``
  line ends a row) written as a Word file with python-docx: each ``|`` table becomes a Word
  table (a row shorter than the widest row gets its last cell merged across the rest, as the
  row/col spans the Markdown lost); inside a cell each Markdown line is one paragraph; outside
  tables a paragraph is a run of lines between blank lines, lines joined by a space (Markdown
  soft breaks), a line opening a list item (``- ``, ``+ ``) starting a new paragraph; ``#``
  headings and ``**bold**``/``*italic*`` become bold/italic runs; no other change of the text.
  This is the thuvienphapluat "download as Word" path.

Not converted (printed with the reason): spreadsheets (``xlsx/``, ``xls/``: their expected
values depend on the format — a bare workbook is an appendix ``Phụ lục`` by its format, the .xls
issuer comes from the source site), the HTML and PDF sources (they are already the portal formats).
The derived ``expected.json`` holds the dev entries of the converted files with the same values,
``file`` changed to the derived path, ``derived_from`` naming the dev file. An entry whose
expected value depends on the format is dropped with a printed reason (``FORMAT_BOUND``);
values are never edited.

Run from the project root (the scorer needs a fresh ``--out``: it skips ingest when the folder
already holds datasets)::

    PYTHONPATH=$PWD .venv/bin/python bench/format_transfer.py /tmp/xfmt_derived \\
        --score --out /tmp/xfmt_out_$(date +%s)

``--score`` runs ``/work/shared/corpus/eval_corpus.py <derived> --clone . --out <out> --verbose``
after building; ``--only pdf,html,md`` limits the export paths; ``--keep`` reuses converted files
already in the folder (LibreOffice takes minutes for the long resolutions).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

DEV = Path("/work/shared/corpus/dev")
SCORER = Path("/work/shared/corpus/eval_corpus.py")
PROFILE = "file:///tmp/xfmt_lo"

#: dev entries whose expected values hold only for the dev file's own format: file -> reason.
#: (None today among the converted files; keep the mechanism so a new dev entry can be listed.)
FORMAT_BOUND: dict[str, str] = {}

#: files LibreOffice's HTML export writes beside the page (not documents)
IMAGES = {".gif", ".png", ".jpg", ".jpeg", ".bmp", ".svg", ".wmf", ".emf"}

#: Folders of the dev corpus and what happens to them.
SKIPPED = {
    "xlsx": "bare workbook: doc_type 'Phụ lục' holds by its spreadsheet format, not by printed text",
    "xls": "bare workbook: issuer read from the source site, doc_type by the spreadsheet format",
    "html": "already a portal HTML page",
    "pdf_text": "already a PDF",
    "pdf_scan": "already a scan PDF",
    "pdf_badtext": "already a PDF",
}


def soffice_binary() -> str:
    """The LibreOffice executable on PATH (``soffice`` or ``libreoffice``); SystemExit if none."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("LibreOffice (soffice) is not installed")


def convert(files: list[Path], target: str, outdir: Path, keep: bool, timeout: int) -> dict[Path, Path]:
    """Convert ``files`` with LibreOffice to ``target`` ('pdf' or 'html') in ``outdir``.

    One soffice run per file (a file that hangs or crashes LibreOffice costs only itself).
    Returns {dev file: converted file} for the files whose output exists.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    done: dict[Path, Path] = {}
    for f in files:
        out = outdir / f"{f.stem}.{target}"
        if not (keep and out.exists()):
            cmd = [soffice_binary(), f"-env:UserInstallation={PROFILE}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(outdir), str(f)]
            try:
                subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                print(f"  TIMEOUT {f.name} -> {target}")
        if out.exists():
            done[f] = out
        else:
            print(f"  FAILED  {f.name} -> {target}: no output")
    return done


# --- Markdown (thuvienphapluat export) -> DOCX ---------------------------------------------

#: an emphasis marker or a backslash escape, in reading order
_INLINE = re.compile(r"\\(.)|\*\*|(?<!\()\*(?!\))")
_LIST_ITEM = re.compile(r"^\s*[-+]\s+\S")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s*")


def _add_runs(par, text: str, state: dict) -> None:
    """Add ``text`` to python-docx paragraph ``par`` as runs, ``**``/``*`` toggling bold/italic.

    ``state`` ({'b': bool, 'i': bool}) carries emphasis opened on an earlier line of the block.
    """
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            run = par.add_run(text[pos:m.start()])
            run.bold, run.italic = state["b"] or None, state["i"] or None
        if m.group(1) is not None:
            run = par.add_run(m.group(1))
            run.bold, run.italic = state["b"] or None, state["i"] or None
        elif m.group(0) == "**":
            state["b"] = not state["b"]
        else:
            state["i"] = not state["i"]
        pos = m.end()
    if pos < len(text):
        run = par.add_run(text[pos:])
        run.bold, run.italic = state["b"] or None, state["i"] or None


def _bar_rows(lines: list[str], i: int) -> tuple[list[list[list[str]]], int]:
    """Read the ``|`` table starting at ``lines[i]``; return (rows of cells of lines, next index).

    A ``|`` line closes the open cell; a ``|`` line with no open cell closes the row. The table
    ends at a ``|`` line followed by a blank line (or the end of the file).
    """
    rows, row, cell = [], [], None
    while i < len(lines):
        line = lines[i]
        if line.strip() == "|":
            if cell is not None:
                row.append(cell)
                cell = None
            elif row:
                rows.append(row)
                row = []
            i += 1
            if i >= len(lines) or not lines[i].strip():
                break
            continue
        if cell is None:
            cell = []
        cell.append(line)
        i += 1
    if cell is not None:
        row.append(cell)
    if row:
        rows.append(row)
    return rows, i


def _add_table(doc, rows: list[list[list[str]]]) -> None:
    """Write ``rows`` (cells of Markdown lines) as a bordered Word table, short rows merged right."""
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        if len(row) < width:
            cells[len(row) - 1].merge(cells[width - 1])
        for c, lines in enumerate(row):
            target = table.cell(r, c)
            state = {"b": False, "i": False}
            first = True
            for line in lines:
                par = target.paragraphs[0] if first else target.add_paragraph()
                first = False
                _add_runs(par, line.strip(), state)


def md_to_docx(src: Path, dst: Path) -> None:
    """Write the Markdown page ``src`` as the Word file ``dst`` (rules in the module docstring)."""
    import docx

    doc = docx.Document()
    lines = src.read_text(encoding="utf-8").splitlines()
    i, para = 0, []

    def flush() -> None:
        if para:
            text = " ".join(s.strip() for s in para)
            heading = bool(_HEADING.match(text))
            p = doc.add_paragraph()
            state = {"b": heading, "i": False}
            _add_runs(p, _HEADING.sub("", text), state)
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.strip() == "|":
            flush()
            rows, i = _bar_rows(lines, i)
            if rows:
                _add_table(doc, rows)
            continue
        if not line.strip():
            flush()
        elif _LIST_ITEM.match(line) or _HEADING.match(line):
            flush()
            para.append(line)
        else:
            para.append(line)
        i += 1
    flush()
    dst.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(dst))


# --- derived corpus ------------------------------------------------------------------------


def build(derived: Path, dev: Path, only: set[str], keep: bool, timeout: int) -> list[dict]:
    """Convert the dev files into ``derived`` and return the derived expected entries."""
    entries = {e["file"]: e for e in json.loads((dev / "expected.json").read_text())["documents"]}
    for folder, reason in SKIPPED.items():
        if (dev / folder).is_dir():
            print(f"skip {folder}/: {reason}")
    word = sorted(p for folder in ("doc", "docx") for p in (dev / folder).glob("*")
                  if p.suffix.lower() in (".doc", ".docx") and f"{folder}/{p.name}" in entries)
    stems = [p.stem for p in word]
    if len(stems) != len(set(stems)):
        raise SystemExit("two dev Word files share a stem: outputs would collide")
    made: list[tuple[str, Path]] = []  # (dev file, derived file)
    for target, folder in (("pdf", "pdf_from_word"), ("html", "html_from_word")):
        if target in only:
            print(f"LibreOffice -> {target}: {len(word)} files")
            for f, out in convert(word, target, derived / folder, keep, timeout).items():
                made.append((f"{f.parent.name}/{f.name}", out))
            for image in (derived / folder).glob("*_html_*"):
                if image.suffix.lower() in IMAGES:
                    image.unlink()
    if "md" in only:
        for f in sorted((dev / "text").glob("*.md")):
            out = derived / "docx_from_md" / f"{f.stem}.docx"
            if not (keep and out.exists()):
                md_to_docx(f, out)
            made.append((f"text/{f.name}", out))
    docs = []
    for src, out in made:
        if src in FORMAT_BOUND:
            print(f"drop {src}: {FORMAT_BOUND[src]}")
            continue
        entry = dict(entries[src])
        entry["file"] = out.relative_to(derived).as_posix()
        entry["derived_from"] = src
        docs.append(entry)
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("derived", type=Path, help="folder for the derived corpus (created)")
    ap.add_argument("--dev", type=Path, default=DEV, help="dev corpus folder (read only)")
    ap.add_argument("--only", default="pdf,html,md", help="export paths: any of pdf,html,md")
    ap.add_argument("--keep", action="store_true", help="reuse converted files already present")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per LibreOffice conversion")
    ap.add_argument("--score", action="store_true", help="run the corpus scorer on the derived corpus")
    ap.add_argument("--out", type=Path, help="fresh datasets folder for --score")
    a = ap.parse_args()
    derived = a.derived.resolve()
    derived.mkdir(parents=True, exist_ok=True)
    docs = build(derived, a.dev, set(a.only.split(",")), a.keep, a.timeout)
    meta = {"derived_from": str(a.dev), "how": "bench/format_transfer.py (see its docstring)"}
    (derived / "expected.json").write_text(json.dumps({"meta": meta, "documents": docs}, ensure_ascii=False, indent=1))
    print(f"{len(docs)} derived documents in {derived}")
    if not a.score:
        return 0
    if a.out is None or (a.out / "documents").exists():
        raise SystemExit("--score needs a fresh --out folder (the scorer skips ingest when it holds datasets)")
    root = Path(__file__).resolve().parent.parent
    cmd = [sys.executable, str(SCORER), str(derived), "--clone", str(root), "--out", str(a.out), "--verbose"]
    return subprocess.run(cmd, cwd=root).returncode


if __name__ == "__main__":
    sys.exit(main())
