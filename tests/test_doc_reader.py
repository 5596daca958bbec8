"""Legacy Word 97–2003 files (.doc) through LibreOffice: the Lâm Đồng drug-control plan draft."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from pipeline.ingest import ingest
from pipeline.readers import read, sniff
from pipeline.readers.doc import ConverterMissing
from pipeline.structure import parse

from conftest import DATA

KMT_DOC = DATA / "lamdong" / "KẾ HOẠCH KMT UBND TỈNH NĂM 2026.doc"


@pytest.fixture(scope="module")
def kmt():
    return read(KMT_DOC)


def test_doc_is_sniffed_by_content() -> None:
    data = KMT_DOC.read_bytes()
    assert sniff(data, ".doc") == sniff(data, "") == "doc"


def test_doc_reads_like_a_docx(kmt) -> None:
    assert kmt.source_format == "doc" and kmt.source_file == KMT_DOC.name
    assert kmt.doc_id == hashlib.sha256(KMT_DOC.read_bytes()).hexdigest()
    assert kmt.page_count is None
    left = [ln.text.strip() for ln in kmt.lines() if ln.column == 0][:3]
    right = [ln.text.strip() for ln in kmt.lines() if ln.column == 1][:3]
    assert left == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số:            /KH-UBND"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
                     "Lâm Đồng, ngày     tháng 02 năm 2026"]


def test_doc_header_parses(kmt) -> None:
    decision = parse(kmt)
    assert decision.doc_type == "Kế hoạch" and decision.number_symbol == "KH-UBND"
    assert decision.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert decision.title.startswith("Tăng cường công tác đấu tranh phòng, chống ma túy")
    # Signature block: a 3-column borderless table with an empty spacer column.
    sig = decision.signature
    assert (sig.capacity, sig.position, sig.name) == ("KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Minh")
    assert kmt.tables() == []


def test_missing_libreoffice_is_a_clear_read_failure(tmp_path, monkeypatch) -> None:
    import pandas as pd

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ConverterMissing, match="libreoffice-writer-nogui"):
        read(KMT_DOC)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(KMT_DOC, src / "plan.doc")
    summary = ingest([src], tmp_path / "out")
    assert summary.documents == 0
    failures = pd.read_parquet(tmp_path / "out" / "failures")
    assert failures["stage"].tolist() == ["read"]
    assert "libreoffice-writer-nogui" in failures["reason"][0]
