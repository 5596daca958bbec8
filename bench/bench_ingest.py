"""Ingest benchmarks (issue 6): PDF reading speed, peak memory, unchanged re-ingest.

Prints, for this machine:
1. pages/s of the pipeline's PDF reader and of read + parse, against bare
   pdfplumber ``extract_text`` + ``extract_tables`` on the same pages in the
   same run (goal: reader ≥ 2× bare pdfplumber);
2. peak RSS of one process parsing a 110-page PDF (goal ≤ 400 MB);
3. wall time of ``pipeline ingest`` on a generated corpus of 102 documents
   (copies of raw/ with distinct bytes), then of the unchanged re-ingest
   (goal ≥ 50× faster).
Not a test: figures depend on the machine; record them in bench/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
PDFS = sorted(RAW.glob("*.pdf"))
PIPELINE = [sys.executable, "-m", "pipeline.cli"]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        mem_gb = int(mem.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        mem_gb = 0.0
    cores = len(os.sched_getaffinity(0))
    return f"{cpu}, {cores} cores usable, {mem_gb:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def bare_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def speed() -> None:
    from pipeline import parse
    from pipeline.readers import read

    pages = 0
    t_bare = t_read = t_parse = 0.0
    for path in PDFS:
        n = read(path).page_count or 0
        pages += n
        t_bare += best_of(3, lambda: bare_pdfplumber(path))
        t_read += best_of(3, lambda: read(path))
        t_parse += best_of(3, lambda: parse(path))
    print(f"text PDFs: {len(PDFS)} files, {pages} pages (raw/), best of 3 runs each")
    print(f"  bare pdfplumber extract_text+extract_tables: {pages / t_bare:7.1f} pages/s")
    print(f"  pipeline reader (read):                      {pages / t_read:7.1f} pages/s  = {t_bare / t_read:.2f}x bare pdfplumber")
    print(f"  pipeline read + parse:                       {pages / t_parse:7.1f} pages/s  = {t_bare / t_parse:.2f}x bare pdfplumber")


def long_pdf(target: Path, copies: int = 10) -> int:
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    src = pdfium.PdfDocument(RAW / "4032-QD-UBND.text.pdf")
    for _ in range(copies):
        out.import_pages(src)
    out.save(target)
    return len(out)


def peak_rss(path: Path) -> None:
    code = (
        "import resource, time, sys; from pipeline import parse; from pipeline.nlp.tag import tag; "
        "t = time.perf_counter(); d = parse(sys.argv[1]); tag(d); "
        "print(d.document.page_count, len(d.tasks), time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, check=True)
    pages, tasks, seconds, rss = done.stdout.split()
    print(f"{pages}-page PDF (4032 ×10): read, parsed and tagged in {float(seconds):.1f} s, {tasks} task rows, "
          f"peak RSS {float(rss):.0f} MiB (goal ≤ 400)")


def corpus(folder: Path, copies: int = 34) -> int:
    count = 0
    for i in range(copies):
        for src in sorted(RAW.iterdir()):
            if src.suffix == ".pdf":
                (folder / f"{i:03d}-{src.name}").write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
            elif src.suffix == ".docx":
                target = folder / f"{i:03d}-{src.name}"
                shutil.copy(src, target)
                with zipfile.ZipFile(target, "a") as z:
                    z.comment = f"copy {i}".encode()
            else:
                continue
            count += 1
    return count


def reingest(folder: Path, out: Path, workers: int, documents: int, pdf_pages: int) -> None:
    cmd = PIPELINE + ["ingest", str(folder), "--out", str(out), "--workers", str(workers)]
    first, _ = timed(cmd)  # its CPU time is not measurable here: the fork server's children are not ours
    again, again_cpu = timed(cmd)
    print(f"  first ingest (--workers {workers}):  {first:7.2f} s wall, whole command: "
          f"{documents / first:.2f} documents/s, {pdf_pages / first:.1f} PDF pages/s (DOCX not counted)")
    print(f"  unchanged re-ingest:          {again:7.2f} s wall  = {first / again:.0f}x faster (goal ≥ 50x)")
    print(f"  unchanged re-ingest CPU time: {again_cpu:.2f} s (user+sys); load average now {os.getloadavg()[0]:.2f}")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys of the command and its children) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    print("machine:", machine())
    speed()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        long = tmp_path / "long.pdf"
        long_pdf(long)
        peak_rss(long)
        src = tmp_path / "corpus"
        src.mkdir()
        n = corpus(src)
        from pipeline.readers import read

        pdf_pages = sum(read(p).page_count or 0 for p in src.glob("*.pdf"))
        print(f"generated corpus: {n} documents, {pdf_pages} PDF pages (copies of raw/ with distinct bytes)")
        reingest(src, tmp_path / "processed", len(os.sched_getaffinity(0)), n, pdf_pages)


if __name__ == "__main__":
    main()
