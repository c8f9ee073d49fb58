"""A very wide blueprint as several PNG files of a chosen pixel size, at full scale.

``render_png_bytes`` shrinks a blueprint whose picture would pass the PNG limits; with
tiles the picture keeps the default scale (or the one given) and is cut into files of
``width x height`` pixels, row by row: ``NAME-r01-c01.png``, ``NAME-r01-c02.png``, ... (the
tiles of the last row and column are cut to the picture). Tiles join edge to edge, without
overlap. Each file is written atomically; a failure names the file and stops.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from blueprint_editor.core.atomic import atomic_write
from blueprint_editor.core.limits import too_many_steps
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.export.page import Page, build_page
from blueprint_editor.qt.export.render import (
    MAX_PNG_PIXELS,
    MAX_PNG_SIDE,
    ExportError,
    Progress,
    _check_scale,
    _tick,
    ensure_app,
    pixel_size,
)

#: More files than this is a mistake (a tile size far too small).
MAX_TILES = 2_000


def tile_names(out: Path, rows: int, columns: int) -> list[list[Path]]:
    """The file of every tile, row by row: ``stem-rNN-cNN.png`` beside ``out``."""
    digits = max(2, len(str(max(rows, columns))))
    return [
        [out.with_name(f"{out.stem}-r{r + 1:0{digits}d}-c{c + 1:0{digits}d}.png") for c in range(columns)]
        for r in range(rows)
    ]


def _render_tile(page: Page, s: float, x: int, y: int, w: int, h: int, transparent: bool) -> bytes:
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    ppm = round(s * 96 / 0.0254)
    image.setDotsPerMeterX(ppm)
    image.setDotsPerMeterY(ppm)
    image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        painter.translate(-x, -y)
        painter.scale(s, s)
        page.paint(painter, QRectF(x / s, y / s, w / s, h / s), background=False)
    finally:
        painter.end()
    if not transparent:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # 6.11 refuses bytes
    buffer.close()
    return bytes(data.data())


def export_png_tiles(
    bp: Blueprint,
    out: Path,
    tile_width: int,
    tile_height: int,
    scale: float | None = None,
    transparent: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the blueprint as PNG tiles of ``tile_width x tile_height`` pixels at
    ``scale`` (default 2) next to ``out``; return the files written, row by row."""
    if tile_width < 1 or tile_height < 1:
        raise ExportError(f"a tile must be at least 1 x 1 pixels, not {tile_width} x {tile_height}")
    if max(tile_width, tile_height) > MAX_PNG_SIDE or tile_width * tile_height > MAX_PNG_PIXELS:
        raise ExportError(
            f"a tile of {tile_width} x {tile_height} pixels is too large; "
            f"keep each side under {MAX_PNG_SIDE} pixels"
        )
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
    refused = too_many_steps(bp, "pictures show")
    if refused is not None:
        raise ExportError(refused)
    s = _check_scale(scale)
    ensure_app()
    page = build_page(bp)
    w, h = pixel_size(page.width, page.height, s)
    columns, rows = math.ceil(w / tile_width), math.ceil(h / tile_height)
    if rows * columns > MAX_TILES:
        raise ExportError(
            f"{rows * columns} tiles of {tile_width} x {tile_height} pixels "
            f"are too many (at most {MAX_TILES}); choose larger tiles"
        )
    names = tile_names(out, rows, columns)
    written: list[Path] = []
    total = rows * columns
    _tick(progress, 0, total)
    for r in range(rows):
        for c in range(columns):
            x, y = c * tile_width, r * tile_height
            data = _render_tile(page, s, x, y, min(tile_width, w - x), min(tile_height, h - y), transparent)
            path = names[r][c]
            try:
                atomic_write(path, data)
            except OSError as exc:
                raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
            written.append(path)
            _tick(progress, len(written), total)
    return written
