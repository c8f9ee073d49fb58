"""Export a blueprint as a picture: PNG, SVG or PDF (and JSON, the normalised file).

One renderer serves the editor's File > Export and ``blueprint-editor export``: a private,
read-only :class:`~blueprint_editor.qt.canvas.scene.BlueprintScene` (the very items the canvas
shows, with no selection or handles) framed as a *page* with a title block above it and a
legend of the markers below it (see :mod:`blueprint_editor.qt.export.page`).

Units and scale
    Page coordinates are scene units (1 unit = 1 pixel at 100 % zoom = 1/96 inch).
    ``scale`` is the number of PNG pixels per scene unit. When no scale is given, PNG uses
    :data:`DEFAULT_PNG_SCALE` = 2.0: text stays sharp when a projector or a shared screen
    zooms into one phase (a blueprint too large for that gets the largest scale within
    :data:`MAX_PNG_PIXELS` and :data:`MAX_PNG_SIDE`; an explicit scale beyond them is an
    error that names the scale that fits). ``--scale 1`` gives the canvas at 100 %,
    ``--scale 2`` exactly twice as many pixels in each direction. Below about 0.4 the cards
    are drawn plain, as on the canvas zoomed out that far (a thumbnail: text would be
    under 6 pixels high). The PNG records its density (pHYs) so it prints
    at the canvas' physical size. SVG and PDF are vector and ignore ``scale``: SVG is sized
    in scene units (text stays ``<text>``, so it is searchable), PDF is one page cut to the
    blueprint (1 unit = 0.75 pt; a blueprint wider than the 200-inch page limit of PDF
    viewers is scaled down to it), with the DejaVu Sans subset embedded. ``text_size``
    (View > Text Size; the command line uses ``standard``) scales the text, the cards and
    the headers together, as on the canvas. ``theme`` (``light`` unless chosen in the
    export dialog or with ``--theme``) gives the colours and widths; the ``projector``
    theme also draws at least at the ``larger`` text size.

Determinism
    The look is pinned: the bundled DejaVu Sans, 96 dpi logical resolution, a fixed device
    pixel ratio (the painter's transform is exactly ``scale``), a white background (or none
    with ``transparent=True``, any format) and no date in the picture, so the same blueprint
    gives the same PNG and SVG bytes (the golden-image test relies on it; only the PDF's
    metadata carries Qt's creation date). When this module has to create the Qt
    application itself (the command line), it uses the ``offscreen`` platform unless
    ``QT_QPA_PLATFORM`` says otherwise: export never needs, nor opens, a display.

Safety and progress
    Every format is rendered to bytes in memory, then written with
    :func:`blueprint_editor.core.atomic.atomic_write` (temporary file in the same folder,
    fsync, replace): an existing file is either fully replaced or left untouched. PNG is
    rendered in horizontal bands and encoded band by band (bounded memory); ``progress(done,
    total)`` is called between bands and may return False to cancel (then nothing is
    written and :class:`ExportCancelled` is raised).
"""

from __future__ import annotations

import math
import os
import re
import struct
import sys
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.core.limits import too_many_steps
from blueprint_editor.core.model import Blueprint

if TYPE_CHECKING:
    from PySide6.QtCore import QBuffer, QByteArray

    from blueprint_editor.qt.export.page import Page

Progress = Callable[[int, int], bool]

#: PNG pixels per scene unit when the caller gives no scale.
DEFAULT_PNG_SCALE = 2.0
#: Largest PNG we make (pixels in all): 200 MP is ~800 MB uncompressed, as far as viewers go.
MAX_PNG_PIXELS = 200_000_000
#: Largest PNG side; beyond it many viewers and browsers refuse the file.
MAX_PNG_SIDE = 65_000
MIN_SCALE, MAX_SCALE = 0.1, 16.0
#: Pixels rendered per band (bounded memory, progress granularity).
BAND_PIXELS = 4_000_000
#: Deflate level of PNG data: 6 (small files) up to FAST_ZLIB_ABOVE pixels, then 1 (several
#: times faster, ~30 % larger on these flat-coloured pictures).
ZLIB_LEVEL, FAST_ZLIB_LEVEL, FAST_ZLIB_ABOVE = 6, 1, 24_000_000

#: PDF: the largest page side viewers accept (200 inches)
PDF_MAX_POINTS = 14_400

#: the theme of an export unless one is chosen (see qt/canvas/themes.py)
DEFAULT_THEME = "light"
THEME_KEYS = ("light", "dark", "projector")

SUFFIXES = {".png": "PNG", ".svg": "SVG", ".pdf": "PDF", ".json": "JSON"}

_app = None  # the application this module made (kept alive for the process)


class ExportError(Exception):
    """An export that cannot be done. ``str(err)`` is one clear message for the user."""


class ExportCancelled(ExportError):
    """The user cancelled (``progress`` returned False). Nothing was written."""

    def __init__(self, message: str = "export cancelled"):
        super().__init__(message)


# ------------------------------------------------------------------ application
def ensure_app():
    """The running QApplication, or a new one (offscreen platform, see module docs)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    global _app
    app = QCoreApplication.instance()
    if app is None:
        argv = [sys.argv[0] if sys.argv and sys.argv[0] else "blueprint-editor"]
        if not os.environ.get("QT_QPA_PLATFORM"):
            argv += ["-platform", "offscreen"]
        app = _app = QApplication(argv)
    elif not isinstance(app, QApplication):
        raise ExportError("export needs a QApplication (a QCoreApplication is running)")
    return app


# ------------------------------------------------------------------------ sizes
def _check_scale(scale: float | None) -> float:
    if scale is None:
        return DEFAULT_PNG_SCALE
    try:
        s = float(scale)
    except (TypeError, ValueError):
        raise ExportError(f"scale must be a number, not {scale!r}") from None
    if not math.isfinite(s) or not (MIN_SCALE <= s <= MAX_SCALE):
        raise ExportError(f"scale must be between {MIN_SCALE:g} and {MAX_SCALE:g}, not {s:g}")
    return s


def pixel_size(page_width: float, page_height: float, scale: float) -> tuple[int, int]:
    """PNG size for a page at a scale: ``ceil(units * scale)`` (exact for integer pages)."""
    return (max(1, math.ceil(page_width * scale - 1e-6)), max(1, math.ceil(page_height * scale - 1e-6)))


def _fit_scale(page_w: float, page_h: float) -> float:
    """The largest scale (in hundredths) whose PNG stays within the size limits."""
    fit = min(math.sqrt(MAX_PNG_PIXELS / (page_w * page_h)), MAX_PNG_SIDE / max(page_w, page_h))
    return math.floor(fit * 100) / 100


def _png_scale(scale: float | None, page_w: float, page_h: float) -> float:
    """The scale to render at: the default shrinks to fit a huge blueprint; an explicit
    scale that makes too large a picture is an error (with the scale that would fit)."""
    s = _check_scale(scale)
    fit = _fit_scale(page_w, page_h)
    if s <= fit:
        return s
    if scale is None and fit >= MIN_SCALE:
        return fit
    w, h = pixel_size(page_w, page_h, s)
    hint = f"use a scale of {fit:g} or less" if fit >= MIN_SCALE else "export SVG or PDF"
    raise ExportError(
        f"a PNG at scale {s:g} would be {w} x {h} pixels, too large to open comfortably; {hint}"
    )


def png_size(
    bp: Blueprint, scale: float | None = None, text_size: str = DEFAULT_TEXT_SIZE
) -> tuple[int, int]:
    """The pixel size :func:`render_png_bytes` gives (for dialogs and tests)."""
    from blueprint_editor.qt.export.page import build_page

    ensure_app()
    page = build_page(bp, text_size=text_size)
    return pixel_size(page.width, page.height, _png_scale(scale, page.width, page.height))


# ------------------------------------------------------------------------- PNG
def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ExportCancelled()


def _render_band(page, s: float, top: int, rows: int, w: int, transparent: bool) -> bytes:
    """Rows ``top .. top+rows`` of the PNG as PNG scanlines (filter byte 0 + pixels)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(w, rows, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(3780)  # 96 dpi: point sizes resolve the same everywhere
    image.setDotsPerMeterY(3780)
    from blueprint_editor.qt.canvas import style

    image.fill(Qt.GlobalColor.transparent if transparent else style.PAGE)
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        painter.translate(0, -top)
        painter.scale(s, s)
        page.paint(painter, QRectF(0, top / s, w / s, rows / s), background=False)
    finally:
        painter.end()
    converted = image.convertToFormat(
        QImage.Format.Format_RGBA8888 if transparent else QImage.Format.Format_RGB888
    )
    del image
    stride = converted.bytesPerLine()
    row_bytes = w * (4 if transparent else 3)
    bits = bytes(converted.constBits())[: stride * rows]
    return b"".join(b"\x00" + bits[r * stride : r * stride + row_bytes] for r in range(rows))


def render_png_bytes(
    bp: Blueprint,
    scale: float | None = None,
    transparent: bool = False,
    progress: Progress | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    numbers: bool = False,
) -> bytes:
    """The blueprint as PNG bytes: 8-bit RGB (RGBA when ``transparent``), ``scale`` px/unit.

    Bands are rendered on this (the GUI) thread; each band is deflated on a helper thread
    while the next one renders (zlib works without the GIL).
    """
    from blueprint_editor.qt.export.page import build_page

    _check_scale(scale)
    ensure_app()
    _tick(progress, 0, 1)
    page = build_page(bp, text_size=text_size, numbers=numbers)
    s = _png_scale(scale, page.width, page.height)
    w, h = pixel_size(page.width, page.height, s)

    band = max(1, min(h, BAND_PIXELS // w))
    bands = math.ceil(h / band)
    total = bands + 1
    _tick(progress, 1, total)
    compressor = zlib.compressobj(FAST_ZLIB_LEVEL if w * h > FAST_ZLIB_ABOVE else ZLIB_LEVEL)
    pending: list[Future] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="png-deflate") as pool:
        try:
            for i in range(bands):
                top = i * band
                raw = _render_band(page, s, top, min(band, h - top), w, transparent)
                if len(pending) >= 2:  # bound the memory held by bands waiting for zlib
                    pending[-2].result()
                pending.append(pool.submit(compressor.compress, raw))
                del raw
                _tick(progress, i + 2, total)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
        idat = [future.result() for future in pending]
    idat.append(compressor.flush())
    ppm = round(s * 96 / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6 if transparent else 2, 0, 0, 0)),
            _png_chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
            _png_chunk(b"IDAT", b"".join(idat)),
            _png_chunk(b"IEND", b""),
        )
    )


# ------------------------------------------------------------------- SVG, PDF
def _page_into_buffer(
    bp: Blueprint, progress: Progress | None, text_size: str, numbers: bool
) -> tuple[Page, QByteArray, QBuffer]:
    """The laid-out page of ``bp`` and an open in-memory device for a vector writer."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from blueprint_editor.qt.export.page import build_page

    ensure_app()
    _tick(progress, 0, 2)
    page = build_page(bp, text_size=text_size, numbers=numbers)
    _tick(progress, 1, 2)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return page, data, buffer


def render_svg_bytes(
    bp: Blueprint,
    transparent: bool = False,
    progress: Progress | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    numbers: bool = False,
) -> bytes:
    """The blueprint as SVG 1.2 tiny, sized in scene units, text as ``<text>``."""
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    page, data, buffer = _page_into_buffer(bp, progress, text_size, numbers)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(96)
    generator.setSize(QSize(math.ceil(page.width), math.ceil(page.height)))
    generator.setViewBox(QRectF(0, 0, math.ceil(page.width), math.ceil(page.height)))
    generator.setTitle(bp.title or "Service blueprint")
    generator.setDescription(bp.description.splitlines()[0] if bp.description else "")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError("could not start the SVG renderer")
    try:
        page.paint(painter, None, background=not transparent)
    finally:
        painter.end()
    buffer.close()
    _tick(progress, 2, 2)
    return _svg_pixel_size(xml_safe(bytes(data.data())), page.width, page.height)


#: characters XML 1.0 cannot hold (raw or as a reference): C0 controls except tab, line
#: feed and carriage return, lone surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _legal_ref(match: re.Match) -> str:
    code = int(match[1], 16) if match[1] else int(match[2])
    legal = (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
    return match[0] if legal else "\ufffd"


def xml_safe(svg: bytes) -> bytes:
    """The SVG with every character XML cannot hold replaced by U+FFFD.

    Qt's SVG generator writes the texts of the blueprint as they are; a title with U+0001
    or U+FFFE would make a file no XML parser (Qt's own SVG renderer included) accepts.
    """
    text = svg.decode("utf-8", errors="replace")
    text = _CHAR_REF.sub(_legal_ref, _NOT_XML.sub("\ufffd", text))
    return text.encode("utf-8")


def _svg_pixel_size(svg: bytes, width: float, height: float) -> bytes:
    """QSvgGenerator sizes the drawing in mm; say pixels (scene units), as the viewBox."""
    head, sep, rest = svg.partition(b"viewBox=")
    head = re.sub(
        rb'width="[^"]*" height="[^"]*"',
        f'width="{math.ceil(width)}" height="{math.ceil(height)}"'.encode(),
        head,
        count=1,
    )
    return head + sep + rest


def render_pdf_bytes(
    bp: Blueprint,
    transparent: bool = False,
    progress: Progress | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    numbers: bool = False,
) -> bytes:
    """The blueprint as a one-page vector PDF whose page is the blueprint's size."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    page, data, buffer = _page_into_buffer(bp, progress, text_size, numbers)
    # 1 unit = 0.75 pt (96 units per inch; pages are multiples of 4 units: whole points),
    # unless the page would pass the 200-inch limit of PDF viewers: then more units per
    # inch. The resolution changes, not the painter's transform, so the cards keep their
    # full level of detail (they drop text when drawn small).
    dpi = max(96, math.ceil(72 * max(page.width, page.height) / PDF_MAX_POINTS - 1e-9))
    points = 72 / dpi
    writer = QPdfWriter(buffer)
    writer.setResolution(dpi)
    writer.setCreator("blueprint-editor")
    writer.setTitle(bp.title or "Service blueprint")
    size = QSizeF(math.ceil(page.width * points - 1e-6), math.ceil(page.height * points - 1e-6))
    layout = QPageLayout(
        QPageSize(size, QPageSize.Unit.Point, "Blueprint", QPageSize.SizeMatchPolicy.ExactMatch),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )
    if not writer.setPageLayout(layout):
        raise ExportError(f"the PDF writer refused a page of {page.width:g} x {page.height:g} units")
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("could not start the PDF renderer")
    try:
        page.paint(painter, None, background=not transparent)
    finally:
        painter.end()
    buffer.close()
    _tick(progress, 2, 2)
    return bytes(data.data())


# ---------------------------------------------------------------------- export
def check_limits(bp: Blueprint, suffix: str, scale: float | None = None) -> None:
    """Refuse, before anything is rendered, a picture the limits forbid: a blueprint with
    more steps than pictures take, or a PNG whose page (at least the canvas' size, known
    from the core layout without building a scene) would be too many pixels."""
    suffix = suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        return
    refused = too_many_steps(bp, "pictures show")
    if refused is not None:
        raise ExportError(refused)
    if suffix == ".png":
        _check_scale(scale)
        g = compute_layout(bp)
        _png_scale(scale, max(1.0, g.width), max(1.0, g.height))


def render_bytes(
    bp: Blueprint,
    suffix: str,
    scale: float | None = None,
    transparent: bool = False,
    progress: Progress | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    theme: str = DEFAULT_THEME,
    numbers: bool = False,
) -> bytes:
    """The file content for a suffix (``.png``, ``.svg``, ``.pdf`` or ``.json``), pictures
    at a text size (``standard`` ... ``projector``, as View > Text Size) in a theme
    (``light``, ``dark`` or ``projector``; a theme may ask for a larger text size)."""
    from blueprint_editor.qt.canvas import style, themes

    try:
        chosen = themes.theme(theme)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    with style.themed(chosen):
        return _render_bytes(
            bp, suffix, scale, transparent, progress, themes.text_size_for(chosen, text_size), numbers
        )


def _render_bytes(
    bp: Blueprint,
    suffix: str,
    scale: float | None,
    transparent: bool,
    progress: Progress | None,
    text_size: str,
    numbers: bool,
) -> bytes:
    suffix = suffix.lower()
    check_limits(bp, suffix, scale)
    if suffix == ".png":
        return render_png_bytes(bp, scale, transparent, progress, text_size, numbers)
    if suffix == ".svg":
        return render_svg_bytes(bp, transparent, progress, text_size, numbers)
    if suffix == ".pdf":
        return render_pdf_bytes(bp, transparent, progress, text_size, numbers)
    if suffix == ".json":
        from blueprint_editor.core.io import dumps

        text = dumps(bp)
        return text.encode("utf-8") if isinstance(text, str) else bytes(text)
    known = ", ".join(SUFFIXES)
    raise ExportError(
        f"cannot export to {suffix or 'a file without a suffix'!r}: the file name must end in one of {known}"
    )


def export_blueprint(
    bp: Blueprint,
    out: Path,
    scale: float | None = None,
    transparent: bool = False,
    progress: Progress | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    theme: str = DEFAULT_THEME,
    numbers: bool = False,
) -> None:
    """Render ``bp`` in the format ``out``'s suffix picks and write it atomically.

    Raises :class:`ExportError` (one clear message) for a bad suffix or scale, a picture
    too large, or a file that cannot be written; :class:`ExportCancelled` when
    ``progress`` returned False. In every failing case ``out`` is unchanged.
    """
    out = Path(out)
    write_atomically(
        out, lambda: render_bytes(bp, out.suffix, scale, transparent, progress, text_size, theme, numbers)
    )


def write_atomically(out: Path, make: Callable[[], bytes]) -> None:
    """Write the bytes ``make`` returns to ``out`` atomically. That ``out`` can be written
    is checked before ``make`` runs (it may take a while) and again after it; an
    :class:`ExportError` (one clear message) otherwise, ``out`` then unchanged."""
    from blueprint_editor.core.atomic import ReadOnlyFile, atomic_write, check_writable

    def check_target() -> None:
        if out.is_dir():
            raise ExportError(f"cannot write {out}: it is a folder")
        if not out.parent.is_dir():
            raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
        try:
            check_writable(out)
        except ReadOnlyFile as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror}") from None

    check_target()
    data = make()
    check_target()
    try:
        atomic_write(out, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"cannot write {out}: {reason}") from None
