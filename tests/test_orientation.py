"""Pages scanned sideways or upside down are turned upright before OCR (Tesseract OSD)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from PIL import Image

from pipeline.readers import raster, read
from pipeline.readers.tesseract import osd_rotation

SEED_TEXT_PDF = Path(__file__).resolve().parent.parent / "raw" / "4032-QD-UBND.text.pdf"
TURNS = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 270: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180}


@pytest.mark.parametrize("fix", sorted(TURNS))
def test_osd_gives_the_clockwise_turn_that_makes_the_page_upright(fix: int) -> None:
    upright = raster.render(SEED_TEXT_PDF, 2, 150)
    turned = cv2.rotate(upright, TURNS[fix])
    assert osd_rotation(turned) == fix
    assert (raster.turn(turned, fix) == upright).all()


def test_a_page_scanned_sideways_is_read_upright(tmp_path: Path) -> None:
    """Page 2 of the seed decision, printed and scanned a quarter turn counter-clockwise, no /Rotate."""
    upright = raster.render(SEED_TEXT_PDF, 2, 200)
    scan = tmp_path / "sideways.pdf"
    Image.fromarray(cv2.rotate(upright, cv2.ROTATE_90_COUNTERCLOCKWISE)).save(scan, "PDF", resolution=200)
    page = read(scan).pages[0]
    assert [w.detail for w in page.warnings if w.code == "ocr_page_turned"] == ["page turned 90° clockwise (orientation detection)"]
    assert (round(page.width), round(page.height)) == (595, 842)
    assert page.ocr_confidence is not None and page.ocr_confidence > 85
    text = " ".join(line.text for line in page.lines)
    assert "Ủy ban nhân dân" in text or "UBND" in text, text[:300]
