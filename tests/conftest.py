"""Shared paths and parsed fixtures. Every input lives in the repository (raw/, tests/data/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.readers import read
from pipeline.structure import parse

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
DATA = Path(__file__).resolve().parent / "data"

SEED_PDF = RAW / "4032-QD-UBND.text.pdf"
SEED_DOCX = DATA / "seed_4032" / "4032-QD-UBND.docx"
SEED_GOLD = DATA / "seed_4032" / "gold.json"
SEED_MD = DATA / "seed_4032" / "000_4c182d265d647846.txt"
SEED_HTML = DATA / "seed_4032" / "4032-QD-UBND.html"
LAMDONG_HTML = DATA / "lamdong" / "kh-cchc-2026.html"
EXCERPTS = DATA / "excerpts"
LAMDONG_DOCX = RAW / "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx"
LAMDONG_TABLES = DATA / "lamdong" / "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.tables.json"
QD2536_PDF = RAW / "QĐ 2536 SÁP NHẬP ĐLS.pdf"
SEED_SCAN = DATA / "seed_4032" / "4032-QD-UBND.scan.pdf"
SEED_TRUTH = DATA / "seed_4032" / "4032-QD-UBND.truth.json"
SEED_TABLES = DATA / "seed_4032" / "4032-QD-UBND.tables.json"
QD1716_PDF = DATA / "scans" / "1716 QĐ thành lập HĐTĐ.pdf"
KMT_SCAN = DATA / "scans" / "91-TTr-CAT-PC04.pdf"
KMT_DOC = DATA / "lamdong" / "KẾ HOẠCH KMT UBND TỈNH NĂM 2026.doc"
#: Pages 12-30 (the 19 landscape appendix pages) of rendered/lamdong_kh_cchc_2026/kh-cchc-2026.scan.pdf.
LAMDONG_APPENDIX_SCAN = DATA / "lamdong" / "kh-cchc-2026.appendix.scan.pdf"


def ocr_first_page(path: Path):  # -> pipeline.model.Page
    """Page 1 of the scan at ``path`` as the OCR reader gives it (lines with their columns, warnings)."""
    from pipeline.readers.ocr import ocr_page, to_page

    page, _ = to_page(ocr_page(path, 1), 0)
    return page


def squash(text: str | None) -> str:
    """Whitespace folded to single spaces (the gold files' comparison rule)."""
    return " ".join((text or "").split())


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(SEED_GOLD.read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_pdf():
    return parse(read(SEED_PDF))


@pytest.fixture(scope="session")
def seed_docx():
    return parse(read(SEED_DOCX))


@pytest.fixture(scope="session")
def seed_md():
    return parse(read(SEED_MD))


@pytest.fixture(scope="session")
def seed_scan():
    """The seed decision's image-only scan, OCR'd (11 pages, about a minute on 2 cores)."""
    return parse(read(SEED_SCAN))


@pytest.fixture(scope="session")
def lamdong():
    return parse(read(LAMDONG_DOCX))


@pytest.fixture(scope="session")
def seed_html():
    return parse(read(SEED_HTML))


@pytest.fixture(scope="session")
def lamdong_html():
    return parse(read(LAMDONG_HTML))


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing may be fetched at run time: refuse every non-loopback connection."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect

    def guarded(self, address):  # type: ignore[no-untyped-def]
        host = address[0] if isinstance(address, tuple) else address
        try:
            loopback = isinstance(host, str) and (host == "localhost" or ipaddress.ip_address(host).is_loopback)
        except ValueError:
            loopback = False
        if not loopback and self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"network access during tests: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
