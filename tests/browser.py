"""Open an HTML file in headless Debian chromium: the DOM after scripts ran, its visible text, a screenshot.

``make test`` installs chromium (Makefile ``TEST_APT_PACKAGES``). Nothing here
touches the network: pages are opened from ``file://`` URLs and every output of
the pipeline is self-contained.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions")


@dataclass
class Rendered:
    """What the browser showed: the serialised DOM, its visible text (entity labels left out), the screenshot file."""

    dom: lxml.html.HtmlElement
    text: str
    screenshot: Path


def chromium() -> str:
    """Path of the chromium binary; fails the test (not skips) when it is missing."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "chromium is not installed: run `make test` (installs TEST_APT_PACKAGES)"
    return path


def _run(args: list[str], profile: Path) -> str:
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def open_page(page: Path, out_dir: Path, width: int = 1280, height: int = 1800) -> Rendered:
    """Render ``page`` from its file URL; save ``<out_dir>/<stem>.png``; return DOM, text and screenshot."""
    url = page.resolve().as_uri()
    profile = out_dir / ".chromium-profile"
    dom_html = _run(["--virtual-time-budget=2000", "--dump-dom", url], profile)
    shot = out_dir / f"{page.stem}.png"
    _run([f"--window-size={width},{height}", f"--screenshot={shot}", url], profile)
    assert shot.is_file() and shot.stat().st_size > 10_000, "no screenshot written"
    dom = lxml.html.document_fromstring(dom_html)
    body = dom.body
    # Entity labels drawn by displaCy (<mark>text<span>AGENCY</span></mark>) annotate the text, they are not part of it.
    for node in body.xpath(".//style|.//script|.//mark/span"):
        node.drop_tree()
    return Rendered(
        dom=lxml.html.document_fromstring(dom_html), text=" ".join(body.text_content().split()), screenshot=shot
    )


def page_width(page: Path, out_dir: Path, width: int = 1280) -> int:
    """Laid-out width (CSS px, ``scrollWidth``) of ``page`` in a ``width``-wide window: > ``width`` means
    the reader must scroll sideways. Measured on a copy with one line of script added (the page has none)."""
    probe = out_dir / f"{page.stem}.width-probe.html"
    script = "<script>document.body.setAttribute('data-width', document.documentElement.scrollWidth)</script>"
    probe.write_text(page.read_text("utf-8").replace("</body>", script + "</body>"), "utf-8")
    dom_html = _run([f"--window-size={width},900", "--virtual-time-budget=2000", "--dump-dom", probe.as_uri()], out_dir / ".chromium-profile")
    return int(lxml.html.document_fromstring(dom_html).body.get("data-width"))
