"""Paper for the wall: sheet sizes, the scale that fits, tiles of a poster, text size check.

Plain numbers, no Qt: the PDF export, File > Print and the tests share them.

Units
    Paper is measured in millimetres, the blueprint's page in scene units (1 unit = 1/96
    inch, the canvas at 100 %). ``scale`` is printed size over canvas size: at scale 1 a
    unit prints as 1/96 inch (0.75 pt), so text of ``px`` units prints at
    ``px * 0.75 * scale`` points.

Poster
    The page (title block, blueprint, legend) is scaled to fit the sheet inside
    :data:`POSTER_MARGIN_MM` on every side and centred on it.

Tiles
    A poster too large for the printer is cut into sheets of a tile paper. Each sheet
    prints a window of the poster at its real size inside the tile margins
    (:data:`TILE_MARGINS_MM`: the bottom margin holds the "row / column" label and the
    map of the sheets); neighbouring windows overlap by :data:`OVERLAP_MM`, so the sheets
    can be trimmed on one side and taped. Only the drawn part of the poster is tiled (its
    blank margins are not printed). The tile orientation giving fewer sheets is used
    (portrait on a tie).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MM_PER_INCH = 25.4
MM_PER_UNIT = MM_PER_INCH / 96
PT_PER_UNIT = 0.75
MM_PER_PT = MM_PER_INCH / 72

#: Card text smaller than this (points) is hard to read on a wall.
MIN_TEXT_PT = 8.0
#: The card title's size in scene units (the canvas' standard text size).
CARD_TEXT_PX = 13.0
#: Blank border of a poster sheet.
POSTER_MARGIN_MM = 10.0
#: Tile sheet margins (left, top, right, bottom): office printers cannot print the edge;
#: the bottom margin holds the label and the map of the sheets.
TILE_MARGINS_MM = (10.0, 10.0, 10.0, 16.0)
#: How much neighbouring tiles share.
OVERLAP_MM = 10.0


@dataclass(frozen=True)
class Paper:
    key: str
    width_mm: float  # portrait
    height_mm: float

    def size(self, landscape: bool = False) -> tuple[float, float]:
        """(width, height) in mm of the sheet in that orientation."""
        return (self.height_mm, self.width_mm) if landscape else (self.width_mm, self.height_mm)

    def label(self, landscape: bool = False) -> str:
        return f"{self.key} {'landscape' if landscape else 'portrait'}"


#: Every paper by key, smallest first (by area).
PAPERS: dict[str, Paper] = {
    p.key: p
    for p in (
        Paper("A4", 210.0, 297.0),
        Paper("letter", 215.9, 279.4),
        Paper("A3", 297.0, 420.0),
        Paper("tabloid", 279.4, 431.8),
        Paper("A2", 420.0, 594.0),
        Paper("A1", 594.0, 841.0),
        Paper("A0", 841.0, 1189.0),
    )
}
PAPERS = dict(sorted(PAPERS.items(), key=lambda kv: kv[1].width_mm * kv[1].height_mm))
#: Papers an office printer takes (tile sizes).
TILE_PAPERS = ("A4", "A3", "letter")
#: The contract's spelling of the choices, in the order a user reads them.
PAPER_CHOICES = ("A0", "A1", "A2", "A3", "A4", "letter", "tabloid")


def paper(key: str) -> Paper:
    """The paper called ``key`` (case-insensitive); ValueError names the known ones."""
    for known in PAPERS.values():
        if known.key.lower() == key.strip().lower():
            return known
    raise ValueError(f"unknown paper {key!r}: use one of {', '.join(PAPER_CHOICES)}")


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


def fit_scale(width_units: float, height_units: float, area_w_mm: float, area_h_mm: float) -> float:
    """The largest scale at which a page of that many units fits an area in mm."""
    if width_units <= 0 or height_units <= 0:
        return 1.0
    return min(area_w_mm / (width_units * MM_PER_UNIT), area_h_mm / (height_units * MM_PER_UNIT))


def text_pt(scale: float, text_px: float = CARD_TEXT_PX) -> float:
    """The printed size in points of ``text_px`` units of text at ``scale``."""
    return text_px * PT_PER_UNIT * scale


@dataclass(frozen=True)
class Poster:
    """A page of ``width_units x height_units`` placed on one sheet."""

    sheet_w: float  # mm
    sheet_h: float
    scale: float
    content: Box  # where the page is drawn on the sheet (mm)


def poster(
    width_units: float, height_units: float, sheet: tuple[float, float], margin_mm: float = POSTER_MARGIN_MM
) -> Poster:
    """The page scaled to fit the sheet inside the margin, centred."""
    sw, sh = sheet
    s = fit_scale(width_units, height_units, sw - 2 * margin_mm, sh - 2 * margin_mm)
    w, h = width_units * MM_PER_UNIT * s, height_units * MM_PER_UNIT * s
    return Poster(sw, sh, s, Box((sw - w) / 2, (sh - h) / 2, w, h))


@dataclass(frozen=True)
class Tile:
    row: int  # 0-based
    column: int
    window: Box  # the part of the poster this sheet prints (poster mm)

    def label(self, rows: int, columns: int) -> str:
        return f"row {self.row + 1} / column {self.column + 1} (of {rows} x {columns} sheets)"


@dataclass(frozen=True)
class Tiling:
    sheet_w: float  # the tile paper, mm, in the orientation used
    sheet_h: float
    landscape: bool
    margins: tuple[float, float, float, float]  # left, top, right, bottom
    rows: int
    columns: int
    tiles: tuple[Tile, ...]  # row by row

    @property
    def area(self) -> Box:
        """Where the window is printed on each sheet (sheet mm)."""
        left, top, right, bottom = self.margins
        return Box(left, top, self.sheet_w - left - right, self.sheet_h - top - bottom)

    def __len__(self) -> int:
        return len(self.tiles)


def _count(length: float, window: float, overlap: float) -> int:
    if length <= window + 1e-9:
        return 1
    return math.ceil((length - overlap) / (window - overlap) - 1e-9)


def tile(
    content: Box,
    tile_paper: Paper,
    landscape: bool | None = None,
    overlap: float = OVERLAP_MM,
    margins: tuple[float, float, float, float] = TILE_MARGINS_MM,
) -> Tiling:
    """Cut the poster's drawn ``content`` into sheets of ``tile_paper``.

    ``landscape=None`` picks the orientation with fewer sheets (portrait on a tie)."""
    if landscape is None:
        portrait = tile(content, tile_paper, False, overlap, margins)
        wide = tile(content, tile_paper, True, overlap, margins)
        return wide if len(wide) < len(portrait) else portrait
    sw, sh = tile_paper.size(landscape)
    left, top, right, bottom = margins
    aw, ah = sw - left - right, sh - top - bottom
    columns = _count(content.w, aw, overlap)
    rows = _count(content.h, ah, overlap)
    # the sheets' windows are centred on the content: the spare is shared on both sides
    span_w = columns * aw - (columns - 1) * overlap
    span_h = rows * ah - (rows - 1) * overlap
    x0 = content.x - (span_w - content.w) / 2
    y0 = content.y - (span_h - content.h) / 2
    tiles = tuple(
        Tile(r, c, Box(x0 + c * (aw - overlap), y0 + r * (ah - overlap), aw, ah))
        for r in range(rows)
        for c in range(columns)
    )
    return Tiling(sw, sh, landscape, margins, rows, columns, tiles)


def crop_marks(
    tiling: Tiling, length: float = 6.0, gap: float = 1.5
) -> list[tuple[float, float, float, float]]:
    """Crop marks of a sheet (sheet mm, lines ``x1, y1, x2, y2``): at each corner of the
    printed window, short lines in the margin along its edges, and ticks where the
    overlap with a neighbour begins (``OVERLAP_MM`` inside the window)."""
    a = tiling.area
    lines: list[tuple[float, float, float, float]] = []
    for x in (a.x, a.right):
        lines.append((x, a.y - gap - length, x, a.y - gap))
        lines.append((x, a.bottom + gap, x, a.bottom + gap + length))
    for y in (a.y, a.bottom):
        lines.append((a.x - gap - length, y, a.x - gap, y))
        lines.append((a.right + gap, y, a.right + gap + length, y))
    return lines


def overlap_ticks(
    tiling: Tiling, tile_: Tile, overlap: float = OVERLAP_MM, length: float = 4.0, gap: float = 1.5
) -> list[tuple[float, float, float, float]]:
    """Ticks in the margin where this sheet's overlap with each neighbour begins."""
    a = tiling.area
    lines: list[tuple[float, float, float, float]] = []
    xs = []
    if tile_.column > 0:
        xs.append(a.x + overlap)
    if tile_.column < tiling.columns - 1:
        xs.append(a.right - overlap)
    for x in xs:
        lines.append((x, a.y - gap - length, x, a.y - gap))
        lines.append((x, a.bottom + gap, x, a.bottom + gap + length))
    ys = []
    if tile_.row > 0:
        ys.append(a.y + overlap)
    if tile_.row < tiling.rows - 1:
        ys.append(a.bottom - overlap)
    for y in ys:
        lines.append((a.x - gap - length, y, a.x - gap, y))
        lines.append((a.right + gap, y, a.right + gap + length, y))
    return lines


# ------------------------------------------------------------------ text size check
@dataclass(frozen=True)
class Suggestion:
    """What keeps card text readable: a paper (and orientation) and its A4 tile count."""

    paper: Paper
    landscape: bool
    text_pt: float
    a4_sheets: int

    def describe(self, pages: bool = False) -> str:
        option = f"--paper {self.paper.key}{' --landscape' if self.landscape else ''}"
        if pages:
            return f"{self.paper.label(self.landscape)} ({self.text_pt:.1f} pt: {option} --pages)"
        return (
            f"{self.paper.label(self.landscape)} ({self.text_pt:.1f} pt; as A4 tiles: "
            f"{option} --tiles A4, {self.a4_sheets} sheets)"
        )


def suggest_paper(
    width_units: float, height_units: float, text_px: float = CARD_TEXT_PX, minimum: float = MIN_TEXT_PT
) -> Suggestion | None:
    """The smallest paper (either orientation) on which card text prints at ``minimum``
    points or more; None when even A0 is too small."""
    for candidate in PAPERS.values():
        best = None
        for landscape in (False, True):
            p = poster(width_units, height_units, candidate.size(landscape))
            pt = text_pt(p.scale, text_px)
            if pt >= minimum - 1e-9 and (best is None or pt > best.text_pt):
                best = Suggestion(candidate, landscape, pt, len(tile(p.content, PAPERS["A4"])))
        if best is not None:
            return best
    return None


def text_warning(
    width_units: float,
    height_units: float,
    scale: float,
    where: str,
    text_px: float = CARD_TEXT_PX,
    minimum: float = MIN_TEXT_PT,
    pages: bool = False,
) -> str | None:
    """One line when card text would print under ``minimum`` points at ``scale``, naming
    what would work; None when the text is large enough. ``where`` names the sheet;
    ``pages``: the page is one phase of a phase-per-page print."""
    pt = text_pt(scale, text_px)
    if pt >= minimum - 1e-9:
        return None
    head = f"card text would print at {pt:.1f} pt on {where}, under {minimum:g} pt"
    better = suggest_paper(width_units, height_units, text_px, minimum)
    if better is None:
        return f"{head}; even A0 is too small: print a phase per page (--pages)"
    return f"{head}; use {better.describe(pages)}"


# ------------------------------------------------------------------ phase per page
@dataclass(frozen=True)
class PhasePage:
    title: str
    x: float  # scene units: the columns this page shows
    w: float


def phase_pages(
    spans: Sequence[tuple[str, float, float]], grid_left: float, grid_right: float
) -> list[PhasePage]:
    """A page per phase (``spans``: ``(title, x, w)`` in column order) and per run of
    columns outside any phase, covering ``grid_left .. grid_right`` once."""
    pages: list[PhasePage] = []
    x = grid_left
    for title, left, w in spans:
        if left > x + 1e-9:
            pages.append(PhasePage("Columns without a phase", x, left - x))
        pages.append(PhasePage(title, left, w))
        x = left + w
    if grid_right > x + 1e-9:
        pages.append(PhasePage("Columns without a phase" if pages else "", x, grid_right - x))
    return pages
