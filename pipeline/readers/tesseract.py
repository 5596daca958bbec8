"""Tesseract (``vie``) in-process through ``tesserocr``: words with boxes and confidences.

The engine is loaded once per process (:func:`set_image` then
:func:`tesseract_words` as often as needed: a page, a rectangle, a crop), so
reading many small table cells costs no program start each. Boxes come back
as layout word dicts (:mod:`pipeline.readers.layout`) in PDF points of the
page; dust that Tesseract reads as punctuation or tiny letters is dropped
(:func:`drop_specks`). The ``vie`` data comes from Debian's tesseract-ocr-vie
(or ``TESSDATA_PREFIX``); the tesserocr wheel bundles libtesseract.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.readers.layout import Word
from pipeline.readers.ocr_dashes import joining_dash
from pipeline.readers.ocr_variants import MARKABLE, VARIANT_CONFIDENCE, mark_variants

#: Language model for running text (Debian tesseract-ocr-vie).
LANG = "vie"
#: Models for table cells: the Vietnamese-script model (Debian
#: tesseract-ocr-script-viet) beside ``vie`` reads short bold cells better (seed
#: scan appendix: 55 of 62 cells exact instead of 52); ``vie`` alone when the
#: script model is not installed.
CELL_LANG = "vie+Vietnamese"
#: Punctuation-only words below this confidence are specks of dust.
SPECK_CONFIDENCE = 50.0
#: Words lower than this share of the median word height, read with less than
#: ``SMALL_CONFIDENCE``, are specks too.
SPECK_HEIGHT, SMALL_CONFIDENCE = 0.4, 70.0
#: Words under this share of the median height that Tesseract all but rejects
#: (confidence under ``NOISE_CONFIDENCE``) are dirt too.
NOISE_HEIGHT, NOISE_CONFIDENCE = 0.75, 25.0


#: Tesseract's binarisation (``thresholding_method``) for a whole page: "2" is
#: Sauvola's local threshold (Tesseract ≥ 5.3), which keeps the thin strokes
#: of tone marks that one Otsu threshold for the whole image ("0", the
#: default) cuts off where the scan is lighter: seed scan body CER 0.155 % →
#: 0.096 %, the 200 dpi colour scan 91-TTr-CAT-PC04.pdf against its .doc
#: 2.78 % → 2.36 % (bench/RESULTS.md). Crops (table cells, header zones) keep
#: Otsu: on a crop Sauvola lost a lone ordinal of the Lâm Đồng appendix scan.
PAGE_THRESHOLD, CROP_THRESHOLD = "2", "0"

#: White margin (inches) put around a cell's crop before it is read.
CELL_MARGIN_IN = 0.07

class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese data (Debian: tesseract-ocr, tesseract-ocr-vie) is missing."""



#: Where Debian (tesseract-ocr-vie) and other systems keep traineddata files.
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)

_API: dict[str, object] = {}


def tessdata_dir() -> str:
    """Folder holding ``vie.traineddata``: ``TESSDATA_PREFIX`` if set, else the first system folder with it.

    Raises :class:`OcrUnavailable` when no folder has it.
    """
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for folder in [*candidates, *TESSDATA_DIRS]:
        if (Path(folder) / f"{LANG}.traineddata").is_file():
            return folder
    raise OcrUnavailable("no Vietnamese Tesseract data (Debian: tesseract-ocr-vie)")


def check_tesseract() -> None:
    """Raise :class:`OcrUnavailable` unless tesserocr and the ``vie`` data are present."""
    try:
        import tesserocr  # noqa: F401
    except ImportError as exc:
        raise OcrUnavailable(f"tesserocr cannot be loaded: {exc}") from exc
    tessdata_dir()


@lru_cache(maxsize=8)
def available(lang: str) -> str:
    """``lang`` if every model it names ("vie+Vietnamese") is installed, else :data:`LANG`."""
    folder = Path(tessdata_dir())
    return lang if all((folder / f"{name}.traineddata").is_file() for name in lang.split("+")) else LANG


def _api(lang: str = LANG):  # type: ignore[no-untyped-def]
    """This process's Tesseract engine for ``lang``, loaded once and reused for every call."""
    import tesserocr

    lang = available(lang)
    if not _API:
        quiet_leptonica()
    if lang not in _API:
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir() + "/", lang=lang)
        api.SetVariable("tessedit_do_invert", "0")
        _API[lang] = api
    return _API[lang]


#: Leptonica's message level that prints nothing (``L_SEVERITY_NONE``).
LEPTONICA_SILENT = 6


def quiet_leptonica() -> bool:
    """Stop Leptonica (under Tesseract) printing to stderr; True when done.

    Tesseract's layout analysis asks Leptonica to clip a box that lies
    outside the page on some scans (91-TTr-CAT-PC04.pdf page 5), and
    Leptonica prints "Error in boxClipToRectangle: box outside rectangle"
    for every such page though nothing fails: the words come back the same.
    Its ``setMsgSeverity`` is called through ctypes on the Leptonica that
    tesserocr loaded (the wheel's ``tesserocr.libs``, else the system's);
    when none is found the messages stay.
    """
    import ctypes
    import ctypes.util
    import glob

    import tesserocr

    bundled = Path(tesserocr.__file__).resolve().parent.parent / "tesserocr.libs"
    names = sorted(glob.glob(str(bundled / "libleptonica-*.so*"))) or [
        n for n in (ctypes.util.find_library("leptonica"), ctypes.util.find_library("lept")) if n
    ]
    for name in names:
        try:
            ctypes.CDLL(name).setMsgSeverity(LEPTONICA_SILENT)
            return True
        except (OSError, AttributeError):
            continue
    return False


def set_image(image: np.ndarray, dpi: int, lang: str = LANG) -> None:
    """Give this process's engine for ``lang`` a page image (grayscale array) to read from.

    That engine serves the following :func:`tesseract_words` calls.
    """
    from PIL import Image

    api = _api(lang)
    api.SetImage(Image.fromarray(image))
    api.SetSourceResolution(dpi)
    _API["current"] = api


def tesseract_words(
    psm: int,
    dpi: int,
    rect: tuple[int, int, int, int] | None = None,
    threshold: str = CROP_THRESHOLD,
    variants: bool = False,
) -> list[Word]:
    """Words Tesseract reads in the image last given to :func:`set_image` (or in ``rect`` of it).

    ``rect`` is ``(x0, top, x1, bottom)`` in pixels; ``threshold`` is Tesseract's
    ``thresholding_method`` (:data:`PAGE_THRESHOLD` for a whole page). Returns layout word dicts
    with ``text``, ``x0``, ``top``, ``x1``, ``bottom`` (PDF points of the page)
    and ``conf`` (0–100), specks dropped (:func:`drop_specks`). With ``variants``
    a word also has ``variants``: the spellings with other marks that
    Tesseract's own character choices offer (:func:`mark_variants`).
    """
    api = _API.get("current") or _api()
    api.SetPageSegMode(psm)
    api.SetVariable("thresholding_method", threshold)
    api.SetVariable("lstm_choice_mode", "2" if variants else "0")
    if rect is not None:
        api.SetRectangle(rect[0], rect[1], max(1, rect[2] - rect[0]), max(1, rect[3] - rect[1]))
    api.Recognize()
    scale = 72.0 / dpi
    words: list[Word] = []
    lines: list[tuple[int, int]] = []
    for text, box, conf, line, others in _symbol_words(api, variants):
        lines.append(line)
        words.append(
            {
                "text": text,
                "x0": box[0] * scale,
                "top": box[1] * scale,
                "x1": box[2] * scale,
                "bottom": box[3] * scale,
                "conf": conf,
            }
        )
        if others:
            words[-1]["variants"] = others
    kept = drop_junk(drop_specks(words))
    # A word without ascenders or marks ("quy", "vụ") has a lower top than its
    # neighbours; raised to its text line's top it groups with them again.
    rows = {id(w): line for w, line in zip(words, lines)}
    for w in kept:
        top, bottom = rows[id(w)]
        short = (w["bottom"] - w["top"]) < SHORT_WORD * (bottom - top) * scale
        if bottom > top and short and _has_text(w["text"]):
            w["top"] = min(w["top"], top * scale)
    return kept


#: Characters printed text of a decision does not hold, which Tesseract gives
#: for handwriting, stamp fringes and signatures ("O[2", ".#os€", "#6`").
JUNK_CHARS = frozenset("#[]{}€`~^¬¦\\@$¢£¥©®")
#: Junk words are dropped only when Tesseract itself doubts them (confidence under this).
JUNK_CONFIDENCE = 50.0
_LETTERS = re.compile(r"[^\W\d_]{3,}")


#: A word lower than this share of its text line is raised to the line's top.
SHORT_WORD = 0.7


def drop_junk(words: list[Word]) -> list[Word]:
    """Drop words Tesseract doubts that hold a junk character and no run of three letters.

    Handwriting in a receipt stamp or a signature is read as "O[2", ".#os€"
    (confidence 0–40) and would start or interrupt header lines. A doubted
    word that holds a real word ("ngày4#tháng") or stands right beside a
    confident printed word of its row (a handwritten day between "ngày" and
    "tháng") is kept, so the line keeps its shape and the day is seen as
    unreadable, not blank.
    """
    def junk(w: Word) -> bool:
        return w["conf"] < JUNK_CONFIDENCE and bool(JUNK_CHARS.intersection(w["text"])) and not _LETTERS.search(w["text"])

    return [w for w in words if not junk(w) or _beside_print(w, words)]


#: A doubted word this close (in its own heights) to a confident word of its row is
#: part of that printed line (a handwritten day between "ngày" and "tháng").
BESIDE_GAP, CONFIDENT = 1.0, 60.0


def _beside_print(word: Word, words: list[Word]) -> bool:
    """True when a confident word sits right beside ``word`` on its row (gap under :data:`BESIDE_GAP` heights)."""
    height = word["bottom"] - word["top"]
    for other in words:
        if other is word or other["conf"] < CONFIDENT:
            continue
        overlap = min(word["bottom"], other["bottom"]) - max(word["top"], other["top"])
        gap = max(other["x0"] - word["x1"], word["x0"] - other["x1"])
        if overlap > 0.5 * height and gap < BESIDE_GAP * height:
            return True
    return False


def _symbol_words(api, variants: bool = False) -> list[tuple[str, tuple[int, int, int, int], float, tuple[int, int], tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    """``(text, pixel box, confidence, (line top, line bottom), variants)`` per word, built from Tesseract's symbols.

    ``variants`` are the word's other spellings that Tesseract's character
    choices offer (:func:`mark_variants`; empty unless asked for).

    Punctuation glued to the end of a word is a speck of dust and left out,
    box included, when Tesseract doubts it (symbol confidence under
    :data:`SPECK_CONFIDENCE`) or when it is a colon or semicolon far too short
    to be one (under a third of the word's tallest letter: "UBND:" for "UBND"
    beside a dot of dust).
    """
    import tesserocr

    level, word_level, line_level = tesserocr.RIL.SYMBOL, tesserocr.RIL.WORD, tesserocr.RIL.TEXTLINE
    out: list[tuple[str, tuple[int, int, int, int], float, tuple[int, int], tuple[str, ...]]] = []
    current: list[tuple[str, tuple[int, int, int, int], float]] = []
    choices: list[list[str]] = []
    word_conf = 0.0
    line_box = (0, 0)

    def speck(symbol: tuple[str, tuple[int, int, int, int], float], tallest: int) -> bool:
        text, box, conf = symbol
        if _has_text(text):
            return False
        return conf < SPECK_CONFIDENCE or (text in ":;" and (box[3] - box[1]) * 3 < tallest)

    def close() -> None:
        tallest = max((sym[1][3] - sym[1][1] for sym in current), default=0)
        while len(current) > 1 and speck(current[-1], tallest):
            current.pop()
        text = "".join(sym[0] for sym in current).strip()
        if text:
            boxes = [sym[1] for sym in current]
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            others = mark_variants([sym[0] for sym in current], choices[: len(current)]) if variants else ()
            out.append((text, box, round(word_conf, 1), line_box, others))
        current.clear()
        choices.clear()

    for item in tesserocr.iterate_level(api.GetIterator(), level):
        try:
            text = item.GetUTF8Text(level) or ""
        except RuntimeError:  # an empty page: tesserocr raises instead of returning ""
            break
        box = item.BoundingBox(level)
        if box is None:
            continue
        if item.IsAtBeginningOf(word_level):
            close()
            word_conf = float(item.Confidence(word_level))
        if item.IsAtBeginningOf(line_level):
            lbox = item.BoundingBox(line_level)
            line_box = (lbox[1], lbox[3]) if lbox else (0, 0)
        current.append((text, box, float(item.Confidence(level))))
        if variants:  # only a vowel (or d/đ) can have another marked spelling
            marked = text[:1].lower() in MARKABLE
            choices.append([c.GetUTF8Text() for c in item.GetChoiceIterator() if c.Confidence() >= VARIANT_CONFIDENCE] if marked else [])
    close()
    return out


def drop_specks(words: list[Word]) -> list[Word]:
    """Drop dust read as text and give dashes their line's height.

    Specks are punctuation-only words under :data:`SPECK_CONFIDENCE`, and words
    less than :data:`SPECK_HEIGHT` of the median word height that Tesseract
    itself doubts (confidence under :data:`SMALL_CONFIDENCE`): dust, stamp
    fringes; a doubted dash as wide as a printed one between two confident
    words of its row is kept (:func:`ocr_dashes.joining_dash`). A kept dash or dot is only a point or two high, which would start a
    line of its own in :func:`layout.group_lines`; its box is stretched to the
    median word height around its centre.
    """
    heights = sorted(w["bottom"] - w["top"] for w in words if _has_text(w["text"]))
    median = heights[len(heights) // 2] if heights else 0.0

    def speck(w: Word) -> bool:
        if not _has_text(w["text"]):
            return w["conf"] < SPECK_CONFIDENCE and not joining_dash(w, words, median, CONFIDENT)
        height = w["bottom"] - w["top"]
        if height < NOISE_HEIGHT * median and w["conf"] < NOISE_CONFIDENCE:
            return True  # page-edge dirt read as "tt: Ä Pu Dư" (confidence 0–18)
        return height < SPECK_HEIGHT * median and w["conf"] < SMALL_CONFIDENCE

    kept = [w for w in words if not speck(w)]
    for w in kept:
        if not _has_text(w["text"]) and w["bottom"] - w["top"] < median / 2:
            mid = (w["top"] + w["bottom"]) / 2
            w["top"], w["bottom"] = mid - median / 2, mid + median / 2
    return kept


def _has_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def osd_rotation(image: np.ndarray) -> int:
    """Clockwise turn (0/90/180/270) that Tesseract's OSD says makes the page upright.

    Tesseract's ``orient_deg`` is how far the text is turned clockwise (text
    turned a quarter counter-clockwise reads 270), so the fix is its
    complement: ``(360 - orient_deg) % 360`` clockwise.
    """
    import tesserocr
    from PIL import Image

    with tesserocr.PyTessBaseAPI(path=tessdata_dir() + "/", lang="osd", psm=tesserocr.PSM.OSD_ONLY) as api:
        api.SetImage(Image.fromarray(image))
        osd = api.DetectOrientationScript()
    if not osd:
        return 0
    return (360 - int(osd.get("orient_deg", 0))) % 360


def read_crop(
    image: np.ndarray, rect: tuple[int, int, int, int], psm: int, dpi: int, shrink: int = 1, lang: str = CELL_LANG
) -> list[Word]:
    """Words of ``rect`` (pixels) of ``image``, read from a crop with a white margin.

    ``shrink`` > 1 reads a copy reduced by that factor; ``lang`` picks the
    models (:data:`CELL_LANG` by default). Boxes come back in PDF points of the
    page.
    """
    import cv2

    crop = image[rect[1] : rect[3], rect[0] : rect[2]]
    margin = max(4, int(CELL_MARGIN_IN * dpi))
    crop = cv2.copyMakeBorder(crop, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
    if shrink > 1:
        crop = cv2.resize(crop, None, fx=1 / shrink, fy=1 / shrink, interpolation=cv2.INTER_AREA)
    set_image(crop, dpi // shrink, lang)
    words = tesseract_words(psm, dpi // shrink)
    dx, dy = (rect[0] - margin) * 72.0 / dpi, (rect[1] - margin) * 72.0 / dpi
    for w in words:
        w["x0"], w["x1"], w["top"], w["bottom"] = w["x0"] + dx, w["x1"] + dx, w["top"] + dy, w["bottom"] + dy
    return words
