"""Ruled tables in a page image: grid from long strokes, cells with spans, rules erased.

On a levelled page (:func:`raster.deskew`), OpenCV morphology keeps only ink
runs much longer than a letter: horizontal runs (opening with a 1 × L kernel)
and vertical runs (L × 1). Connected groups of both that are large enough form a
table. Row edges are the distinct heights of its horizontal rules, column edges
the distinct positions of its vertical rules; two neighbouring grid cells are one
merged cell when no rule separates them. The result, cell rectangles in pixels,
is what :func:`pipeline.readers.assemble.grid_table` needs, exactly as the text
reader gets them from pdfplumber. :func:`erase_rules` whitens the rules so that
Tesseract sees only text.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.readers.raster import ink

PixelBox = tuple[int, int, int, int]
"""``(x0, top, x1, bottom)`` in pixels of the levelled page image."""

#: Shortest horizontal / vertical rule, as a fraction of the resolution (inches).
H_RULE_IN, V_RULE_IN = 0.4, 0.2
#: Rule positions closer than this (inches) are one edge.
EDGE_MERGE_IN = 0.04
#: Share of a cell side that a rule must cover to separate two cells.
BORDER_COVER = 0.6
#: Dark pixels a cell needs to be worth reading (a speck of dust has a few).
MIN_INK_PX = 40
#: Smallest table, as a share of the page width and height.
MIN_TABLE_W, MIN_TABLE_H = 0.2, 0.03


@dataclass(slots=True)
class Grid:
    """One ruled table found on a page image: its box and its cells (pixels)."""

    bbox: PixelBox
    cells: list[PixelBox]


def rule_masks(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """``(horizontal, vertical)`` masks of long straight strokes (255 = rule)."""
    mask = ink(gray)
    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (int(H_RULE_IN * dpi), 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(V_RULE_IN * dpi)))
    horizontal = cv2.morphologyEx(mask, cv2.MORPH_OPEN, h_kernel)
    vertical = cv2.morphologyEx(mask, cv2.MORPH_OPEN, v_kernel)
    return horizontal, vertical


def find_grids(gray: np.ndarray, dpi: int) -> tuple[list[Grid], np.ndarray]:
    """Ruled tables on a levelled page image and the mask of all their rules.

    A table is a connected group of horizontal and vertical rules at least
    :data:`MIN_TABLE_W` × :data:`MIN_TABLE_H` of the page with two or more rules
    each way (an underline alone is not a table).
    """
    horizontal, vertical = rule_masks(gray, dpi)
    both = cv2.bitwise_or(horizontal, vertical)
    joined = cv2.dilate(both, np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    height, width = gray.shape
    grids: list[Grid] = []
    rules = np.zeros_like(both)
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < MIN_TABLE_W * width or h < MIN_TABLE_H * height:
            continue
        region = labels[y : y + h, x : x + w] == label
        h_part = np.where(region, horizontal[y : y + h, x : x + w], 0)
        v_part = np.where(region, vertical[y : y + h, x : x + w], 0)
        grid = _grid(h_part, v_part, (x, y), dpi)
        if grid is not None:
            grids.append(grid)
            rules[y : y + h, x : x + w] |= np.where(region, both[y : y + h, x : x + w], 0).astype(np.uint8)
    return grids, rules


def erase_rules(gray: np.ndarray, rules: np.ndarray) -> np.ndarray:
    """Copy of ``gray`` with the (slightly widened) rules painted white."""
    wide = cv2.dilate(rules, np.ones((5, 5), np.uint8))
    clean = gray.copy()
    clean[wide > 0] = 255
    return clean


def _edges(mask: np.ndarray, axis: int, dpi: int) -> list[int]:
    """Positions of rules along ``axis`` (0: rows of horizontal rules, 1: columns of vertical)."""
    profile = (mask > 0).sum(axis=1 - axis)
    length = mask.shape[1 - axis]
    min_run = (H_RULE_IN if axis == 0 else V_RULE_IN) * dpi
    hits = np.flatnonzero(profile >= min(min_run, 0.5 * length))
    edges: list[int] = []
    group: list[int] = []
    gap = max(2, int(EDGE_MERGE_IN * dpi))
    for pos in hits:
        if group and pos - group[-1] > gap:
            edges.append(int(round(np.mean(group))))
            group = []
        group.append(int(pos))
    if group:
        edges.append(int(round(np.mean(group))))
    return edges


def _covered(mask: np.ndarray, fixed: int, start: int, end: int, axis: int) -> bool:
    """Does a rule cover ``BORDER_COVER`` of the span ``start..end`` at ``fixed``?

    ``axis`` 0: horizontal rule at row ``fixed`` across columns; 1: vertical rule
    at column ``fixed`` across rows. A few pixels either side are searched.
    """
    lo, hi = max(0, fixed - 4), fixed + 5
    inner = slice(start + (end - start) // 10, end - (end - start) // 10)
    band = mask[lo:hi, inner] if axis == 0 else mask[inner, lo:hi]
    if band.size == 0:
        return False
    hit = band.max(axis=axis) > 0
    return bool(hit.mean() >= BORDER_COVER)


def _grid(horizontal: np.ndarray, vertical: np.ndarray, origin: tuple[int, int], dpi: int) -> Grid | None:
    """Cells of one table region from its rule masks; ``None`` if it is no grid."""
    ys = _edges(horizontal, 0, dpi)
    xs = _edges(vertical, 1, dpi)
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _covered(vertical, xs[c + 1], ys[r], ys[r + 1], 1):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _covered(horizontal, ys[r + 1], xs[c], xs[c + 1], 0):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(cols):
            box = spans.setdefault(find(r * cols + c), [c, r, c + 1, r + 1])
            box[0], box[1] = min(box[0], c), min(box[1], r)
            box[2], box[3] = max(box[2], c + 1), max(box[3], r + 1)
    ox, oy = origin
    cells = [
        (int(ox + xs[c0]), int(oy + ys[r0]), int(ox + xs[c1]), int(oy + ys[r1])) for c0, r0, c1, r1 in spans.values()
    ]
    cells.sort(key=lambda b: (b[1], b[0]))
    return Grid(bbox=(int(ox + xs[0]), int(oy + ys[0]), int(ox + xs[-1]), int(oy + ys[-1])), cells=cells)


def has_ink(clean: np.ndarray, box: PixelBox, pad: int) -> bool:
    """True when the inside of ``box`` (shrunk by ``pad`` pixels) holds ink.

    Ink is at least :data:`MIN_INK_PX` dark pixels (a lone ordinal "2" in a tall
    merged cell is a tiny share of its area but well over that count).
    """
    x0, y0, x1, y1 = box
    crop = clean[y0 + pad : y1 - pad, x0 + pad : x1 - pad]
    return crop.size > 0 and int((crop < 128).sum()) >= MIN_INK_PX


#: Ink specks smaller than this many pixels (dust, JPEG noise) do not widen an ink box.
SPECK_PX = 12
#: Pixels of the cell kept around its ink when the cell is cut to it (the
#: reader adds its own white margin; more of the cell brings back faint dust
#: that Tesseract reads as letters: "Vi" or nothing for a lone "2").
INK_MARGIN_PX = 1


def ink_box(clean: np.ndarray, rect: PixelBox) -> PixelBox | None:
    """The part of ``rect`` (pixels of ``clean``) that holds its ink, with a small margin.

    Connected ink components under :data:`SPECK_PX` pixels are dust and left
    out. Tesseract reads nothing from a tall merged cell holding a lone ordinal
    ("3" in a cell five text lines high, Lâm Đồng appendix scan) and reads the
    digit at once from the same pixels cut to its ink. ``None`` when the
    rectangle has no ink but dust.
    """
    x0, y0, x1, y1 = rect
    crop = clean[y0:y1, x0:x1]
    if crop.size == 0:
        return None
    mask = (crop < 128).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    parts = [stats[i] for i in range(1, count) if stats[i][4] >= SPECK_PX]
    if not parts:
        return None
    left = min(int(p[0]) for p in parts)
    top = min(int(p[1]) for p in parts)
    right = max(int(p[0] + p[2]) for p in parts)
    bottom = max(int(p[1] + p[3]) for p in parts)
    m = INK_MARGIN_PX
    return (x0 + max(0, left - m), y0 + max(0, top - m), x0 + min(x1 - x0, right + m), y0 + min(y1 - y0, bottom + m))
