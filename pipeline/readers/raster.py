"""Page images for OCR: render (pypdfium2), binarise, measure and remove skew (OpenCV).

Images are 8-bit grayscale ``numpy`` arrays (rows × columns, 0 = black). Pixel
coordinates convert to PDF points by ``× 72 / dpi``.
"""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: Rendering resolution for OCR (Tesseract is trained on ~300 dpi text).
DPI = 300
#: Skew search range (degrees each side) and its coarse and fine steps.
MAX_SKEW = 3.0
_COARSE, _FINE = 0.25, 0.025
#: Share of the crop box's width and height within which a scan image's edges must lie on it.
SCAN_COVER = 0.95
#: Width (pixels) of the reduced image used to measure skew.
_PROBE_WIDTH = 900


def render(path: str | Path, number: int, dpi: int = DPI) -> np.ndarray:
    """Render page ``number`` (1-based) of a PDF as a grayscale image at ``dpi``.

    The page's /Rotate is applied, so the image is upright as a viewer shows it.
    Raises ``pypdfium2.PdfiumError`` for unreadable files and ``IndexError`` for
    a page that does not exist.
    """
    return render_with_size(path, number, dpi)[0]


def render_with_size(path: str | Path, number: int, dpi: int = DPI) -> tuple[np.ndarray, tuple[float, float]]:
    """:func:`render` and the page's ``(width, height)`` in PDF points as shown (after /Rotate).

    A scanned page (one image over the whole page, see :func:`scan_image`) is
    taken from the scanner's own pixels rather than from PDFium's rendering.
    """
    image, size, _ = render_for_ocr(path, number, dpi)
    return image, size


def render_for_ocr(path: str | Path, number: int, dpi: int = DPI) -> tuple[np.ndarray, tuple[float, float], bool]:
    """:func:`render_with_size` and whether the image is a colour scan scaled up to ``dpi``
    from fewer pixels (:func:`scan_image`; such a page's body is sharpened before it is
    read, :func:`unsharp`)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= number <= len(pdf):
            raise IndexError(f"page {number} of {len(pdf)}")
        page = pdf[number - 1]
        width, height = page.get_size()  # PDFium's size is already turned by /Rotate
        image = scan_image(page, dpi)
        native = scan_width(page) if image is not None else None  # gray scans are left to PDFium
        if image is None:
            image = np.array(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
    finally:
        pdf.close()
    upscaled = native is not None and native < image.shape[1]
    return image, (float(width), float(height)), upscaled


def scan_width(page: pdfium.PdfPage) -> int | None:
    """Pixel width of the page's only image (its scan), None when it has none or several."""
    images = [obj for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    if len(images) != 1:
        return None
    try:
        return int(images[0].get_px_size()[0])
    except (pdfium.PdfiumError, ValueError, OSError):
        return None


def scan_image(page: pdfium.PdfPage, dpi: int) -> np.ndarray | None:
    """A colour scan's page image at ``dpi`` from the embedded image's own pixels, else None.

    A plain scan is an unrotated page (/Rotate 0) whose only drawn object is one
    upright image lying on the page's crop box (each edge within
    1 − :data:`SCAN_COVER` of the box's width or height; text objects, such as
    the invisible layer of an OCR'd PDF, are ignored). A cropped, shifted or
    oversized image is left to PDFium, which draws only what the page shows. A
    colour one is decoded without PDFium's rendering, made gray by its darkest
    channel with red seal ink and receipt stamps dropped (:func:`ink_gray`) and scaled to ``dpi`` by bicubic
    interpolation: on the 200 dpi colour scan 91-TTr-CAT-PC04.pdf this lowers
    Tesseract's CER against the .doc from 3.70 % (PDFium's grayscale
    rendering) to 3.18 %. Gray scans are left to PDFium, which reads better
    there (seed scan, a 200 dpi gray JPEG: body CER 0.29 % rendered, 0.91 %
    decoded and scaled). None when the page is no plain colour scan or the
    image cannot be decoded: the caller renders the page.
    """
    if page.get_rotation():
        return None
    images = []
    for obj in page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            return None
    if len(images) != 1:
        return None
    a, b, c, d, _, _ = images[0].get_matrix().get()
    left, bottom, right, top = images[0].get_bounds()
    box_left, box_bottom, box_right, box_top = page.get_cropbox()
    width, height = box_right - box_left, box_top - box_bottom
    slack_x, slack_y = (1 - SCAN_COVER) * width, (1 - SCAN_COVER) * height
    if b or c or a <= 0 or d <= 0:  # turned, sheared or mirrored: PDFium draws it right
        return None
    if abs(left - box_left) > slack_x or abs(right - box_right) > slack_x:
        return None
    if abs(bottom - box_bottom) > slack_y or abs(top - box_top) > slack_y:
        return None
    try:
        pil = images[0].get_bitmap(render=False).to_pil()
    except (pdfium.PdfiumError, ValueError, OSError):
        return None
    if pil.mode in ("1", "L", "LA", "P", "I", "F"):
        return None
    gray = ink_gray(np.array(pil.convert("RGB")))
    size = (max(1, math.ceil(width * dpi / 72)), max(1, math.ceil(height * dpi / 72)))  # PDFium's canvas
    return cv2.resize(gray, size, interpolation=cv2.INTER_CUBIC)


#: Unsharp mask for a scan scaled up to the OCR resolution: Gaussian radius
#: (inches) and amount (share of the detail added back).
UNSHARP_SIGMA_IN, UNSHARP_AMOUNT = 2 / 300, 1.5


def unsharp(gray: np.ndarray, dpi: int) -> np.ndarray:
    """``gray`` with its edges sharpened (unsharp mask, :data:`UNSHARP_SIGMA_IN`, :data:`UNSHARP_AMOUNT`).

    A 200 dpi scan scaled up to 300 dpi by bicubic interpolation has soft
    edges: the small second mark of a stacked tone (the hook over ê in "để",
    the acute over ô in "chống") melts into the first, and Tesseract reads
    "đề", "chồng". Sharpening after the scaling restores the gap between the
    marks: 91-TTr-CAT-PC04.pdf (a 200 dpi colour scan) against its .doc, CER
    2.36 % → 2.21 % with Sauvola thresholding (bench/RESULTS.md). Only the
    whole-page read of a body page after the first is sharpened
    (:func:`pipeline.readers.ocr.ocr_page`): header and closing zones, ruled
    tables and handwriting read worse sharpened (dev corpus: a title, a
    signer's title and a date lost; the seed scan's table no longer found).
    """
    blur = cv2.GaussianBlur(gray, (0, 0), UNSHARP_SIGMA_IN * dpi)
    return cv2.addWeighted(gray, 1 + UNSHARP_AMOUNT, blur, -UNSHARP_AMOUNT, 0)


def darkest_channel(rgb: np.ndarray) -> np.ndarray:
    """Gray image from an RGB scan: each pixel's darkest channel.

    Colour scanners leave blue, cyan and yellow fringes on black strokes (the
    colour planes are not exactly aligned); a luminance conversion turns the
    cyan and yellow fringe pixels light and thins the strokes, the darkest
    channel keeps them as ink (91-TTr-CAT-PC04.pdf decoded and scaled: CER
    3.34 % by luminance, 3.18 % by darkest channel; red channel alone 3.29 %,
    green 3.92 %, blue 4.30 %).
    """
    return rgb.min(axis=2)


#: A pixel whose red exceeds its green and blue by more than this (0–255) is
#: seal ink (con dấu đỏ, red "HỎA TỐC"/"KHẨN" stamps), not text.
RED_MARGIN = 30
#: Pixels next to seal ink are dropped with it unless darker than this (text).
SEAL_EDGE_DARK = 90


def ink_gray(rgb: np.ndarray) -> np.ndarray:
    """Gray page image for OCR from an RGB image: darkest channel, red seal ink dropped.

    Red seals and priority stamps are printed over the signer's title and
    name and over the title block; in the darkest channel they are as black
    as the text, and Tesseract loses the letters under them ("rần Sỹ Thanh",
    "Đại tướng Tô Lâm" missed whole). Pixels where red leads green and blue by
    more than :data:`RED_MARGIN` become white, with their neighbours (JPEG
    halo) unless those are dark text strokes. Black text under the seal stays:
    its red channel is dark too. A gray image goes through unchanged.
    """
    gray = darkest_channel(rgb)
    wide = rgb.astype(np.int16)
    red = (wide[..., 0] - np.maximum(wide[..., 1], wide[..., 2])) > RED_MARGIN
    coloured = (wide.max(axis=2) - wide.min(axis=2)) > RED_MARGIN  # red, purple or blue stamp ink
    if not coloured.any():
        return gray
    halo = cv2.dilate(red.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    gray = gray.copy()
    gray[red | (halo & (gray > SEAL_EDGE_DARK))] = 255
    for x0, y0, x1, y1 in receipt_frames(coloured):
        gray[y0:y1, x0:x1] = 255  # what is handwritten inside a receipt stamp is no part of the page
    return gray


#: A red frame at least this share of the page width wide and high is a stamp's frame.
FRAME_MIN = 0.06
#: Share of a frame's sides that must be red (in a band of :data:`FRAME_BAND` of its size).
FRAME_SIDES, FRAME_BAND = 0.85, 0.08
#: A frame's ink covers less than this share of its box (the stamp's writing is sparse).
FRAME_FILL = 0.5


def receipt_frames(red: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes ``(x0, y0, x1, y1)`` (pixels) of upright rectangles of coloured ink: receipt stamps ("ĐẾN Số … Ngày …").

    ``red`` is the mask of coloured (red, purple, blue) stamp ink.

    An office stamps incoming mail with a red rectangle and writes the entry
    number and date in it by hand, often over the title block; the red ink is
    dropped by :func:`ink_gray`, the handwriting inside is not and OCR reads
    it as junk lines ("A64", "O[2") between the type line and the title; a
    purple "CÔNG VĂN ĐẾN" stamp is not dropped as red ink, and its frame's
    inside goes the same way. A component of coloured ink is a frame when each of its four sides is red along
    :data:`FRAME_SIDES` of its length; a round seal (its box touches the
    ring at four points) or a tilted "HỎA TỐC" stamp is not.
    """
    mask = cv2.dilate(red.astype(np.uint8), np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    width = red.shape[1]
    frames = []
    for x, y, w, h, area in stats[1:count]:
        if w < FRAME_MIN * width or h < FRAME_MIN * width or area > FRAME_FILL * w * h:
            continue  # too small, or a filled block of colour (a logo, a banner), not a frame
        box = mask[y : y + h, x : x + w]
        bh, bw = max(1, int(FRAME_BAND * h)), max(1, int(FRAME_BAND * w))
        sides = (
            box[:bh].any(axis=0).mean(), box[-bh:].any(axis=0).mean(),
            box[:, :bw].any(axis=1).mean(), box[:, -bw:].any(axis=1).mean(),
        )
        if min(sides) >= FRAME_SIDES:
            frames.append((int(x), int(y), int(x + w), int(y + h)))
    return frames


def ink(gray: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink) by Otsu's threshold."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


def rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate counter-clockwise by ``degrees`` about the centre, same canvas, white fill."""
    if abs(degrees) < 1e-6:
        return gray
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _sharpness(mask: np.ndarray, degrees: float) -> float:
    """How crisp the row profile is after rotating ``mask``: text lines level → high."""
    h, w = mask.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    turned = cv2.warpAffine(mask, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    profile = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def skew_angle(gray: np.ndarray) -> float:
    """Rotation (degrees, counter-clockwise) that levels the text lines and rules.

    Projection-profile search on a reduced ink mask: coarse steps over
    ±:data:`MAX_SKEW`, then fine steps around the best. 0.0 for a blank page.
    """
    scale = min(1.0, _PROBE_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    mask = ink(small)
    if not mask.any():
        return 0.0
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, _COARSE)
    best = max(coarse, key=lambda a: _sharpness(mask, a))
    fine = np.arange(best - _COARSE, best + _COARSE + 1e-9, _FINE)
    return round(float(max(fine, key=lambda a: _sharpness(mask, a))), 3)


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """``(levelled image, angle applied in degrees)``."""
    angle = skew_angle(gray)
    return rotate(gray, angle), angle


def turn(gray: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    """Turn by a multiple of 90° clockwise (orientation fix from Tesseract's OSD)."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = codes.get(clockwise_degrees % 360)
    return gray if code is None else cv2.rotate(gray, code)
