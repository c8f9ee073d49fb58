"""Print for the wall: the export page on paper, as one poster, tiles, or a phase per page.

The numbers (paper sizes, scale, tile windows, crop marks, the text size check) come from
:mod:`blueprint_editor.core.paper`; this module only turns them into sheets and draws them
into any paged device: a :class:`QPdfWriter` (``export --paper``) or a :class:`QPrinter`
(File > Print, Print Preview).

Each sheet is drawn in points from the paper's corner (the device's margins are zero or
``fullPage``); the blueprint itself is :class:`~blueprint_editor.qt.export.page.Page`, the
very page PNG, SVG and PDF show, so title and legend are included.

A tile sheet shows its window of the poster at real size, crop marks at the window's
corners, ticks where the overlap with each neighbour begins, the lane titles down the
left margin (rotated) when the lane headers are not on it, a "row / column" label and a
small map of all the sheets with this one filled in (bottom margin).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
)

from blueprint_editor.core import paper as P
from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.canvas import style, themes
from blueprint_editor.qt.canvas.themes import Theme
from blueprint_editor.qt.editing.plain_text import one_line
from blueprint_editor.qt.export.page import (
    MARGIN,
    TITLE_PX,
    Page,
    build_page,
    page_font,
)

_PAGE_SIZE_IDS = {
    "A0": QPageSize.PageSizeId.A0,
    "A1": QPageSize.PageSizeId.A1,
    "A2": QPageSize.PageSizeId.A2,
    "A3": QPageSize.PageSizeId.A3,
    "A4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
    "tabloid": QPageSize.PageSizeId.Tabloid,
}
MARK_COLOUR = QColor("#000000")
MAP_COLOUR = QColor("#5f6b7a")
LABEL_PT = 7
LANE_PT = 7


@dataclass(frozen=True)
class PrintLayout:
    """What the user chose: the poster's paper, its orientation, optional tiles, or a
    phase per page (each phase fitted on a sheet of ``paper``)."""

    paper: str = "A1"
    landscape: bool = True
    tiles: str | None = None  # a key of core.paper.TILE_PAPERS
    pages: bool = False

    def check(self) -> None:
        """ValueError (one line) for a paper, tile or combination that does not exist."""
        P.paper(self.paper)
        if self.tiles is not None:
            if self.tiles not in P.TILE_PAPERS:
                raise ValueError(f"tiles must be one of {', '.join(P.TILE_PAPERS)}, not {self.tiles!r}")
            if self.pages:
                raise ValueError("a phase per page and tiles cannot be combined")


@dataclass
class Sheet:
    """One sheet of paper and how to draw it (painter in points from the corner)."""

    paper: P.Paper
    landscape: bool
    draw: Callable[[QPainter], None]
    name: str = ""

    @property
    def size_mm(self) -> tuple[float, float]:
        return self.paper.size(self.landscape)


@dataclass
class Plan:
    sheets: list[Sheet]
    warnings: list[str] = field(default_factory=list)
    scale: float = 1.0  # the smallest scale of the blueprint on any sheet
    tiling: P.Tiling | None = None
    poster: P.Poster | None = None
    #: when card text is too small: the smallest paper that keeps it readable
    suggestion: P.Suggestion | None = None
    #: the card titles' size in scene units (the page's text size)
    text_px: float = P.CARD_TEXT_PX

    @property
    def text_pt(self) -> float:
        """The smallest printed size of card titles, in points."""
        return P.text_pt(self.scale, self.text_px)


def _pt(mm: float) -> float:
    return mm / P.MM_PER_PT


# ------------------------------------------------------------------------ planning
def plan(
    page: Page,
    poster_paper: P.Paper,
    landscape: bool,
    tile_paper: P.Paper | None = None,
    tile_landscape: bool | None = None,
    pages: bool = False,
    title: str = "",
) -> Plan:
    """The sheets of a print: one poster, its tiles, or a phase per sheet."""
    title = one_line(title, 200)  # labels and headings are one line
    px = _title_px(page)
    if pages:
        return _plan_phases(page, poster_paper, landscape, title)
    sheet = poster_paper.size(landscape)
    post = P.poster(page.width, page.height, sheet)
    where = poster_paper.label(landscape)
    warnings = [w for w in (P.text_warning(page.width, page.height, post.scale, where, px),) if w]
    better = P.suggest_paper(page.width, page.height, px) if warnings else None
    if tile_paper is None:
        return Plan(
            [Sheet(poster_paper, landscape, lambda p: _draw_poster(p, page, post), "poster")],
            warnings,
            post.scale,
            None,
            post,
            better,
            px,
        )
    tiling = P.tile(post.content, tile_paper, tile_landscape)
    sheets = [
        Sheet(
            tile_paper,
            tiling.landscape,
            _tile_drawer(page, post, tiling, t, title, where),
            f"row {t.row + 1} column {t.column + 1}",
        )
        for t in tiling.tiles
    ]
    return Plan(sheets, warnings, post.scale, tiling, post, better, px)


def _draw_poster(painter: QPainter, page: Page, post: P.Poster) -> None:
    painter.save()
    painter.translate(_pt(post.content.x), _pt(post.content.y))
    k = P.PT_PER_UNIT * post.scale
    painter.scale(k, k)
    page.paint(painter, None, background=False)
    painter.restore()


def _tile_drawer(
    page: Page, post: P.Poster, tiling: P.Tiling, t: P.Tile, title: str, where: str
) -> Callable[[QPainter], None]:
    def draw(painter: QPainter) -> None:
        area = tiling.area
        k = P.PT_PER_UNIT * post.scale
        window_units = QRectF(
            (t.window.x - post.content.x) / P.MM_PER_UNIT / post.scale,
            (t.window.y - post.content.y) / P.MM_PER_UNIT / post.scale,
            t.window.w / P.MM_PER_UNIT / post.scale,
            t.window.h / P.MM_PER_UNIT / post.scale,
        )
        painter.save()
        painter.setClipRect(QRectF(_pt(area.x), _pt(area.y), _pt(area.w), _pt(area.h)))
        painter.translate(_pt(area.x), _pt(area.y))
        painter.scale(k, k)
        painter.translate(-window_units.left(), -window_units.top())
        page.paint(painter, window_units, background=False)
        painter.restore()
        _draw_marks(painter, tiling, t)
        if window_units.left() > page.target.left() + 1:
            _draw_lane_titles(painter, page, post, tiling, t)
        _draw_label(painter, tiling, t, title, where)
        _draw_map(painter, tiling, t)

    return draw


def _line(painter: QPainter, line: tuple[float, float, float, float]) -> None:
    x1, y1, x2, y2 = line
    painter.drawLine(QPointF(_pt(x1), _pt(y1)), QPointF(_pt(x2), _pt(y2)))


def _draw_marks(painter: QPainter, tiling: P.Tiling, t: P.Tile) -> None:
    painter.save()
    painter.setPen(QPen(MARK_COLOUR, 0.5))
    for line in P.crop_marks(tiling):
        _line(painter, line)
    pen = QPen(MAP_COLOUR, 0.5)
    pen.setDashPattern([2.0, 2.0])
    painter.setPen(pen)
    for line in P.overlap_ticks(tiling, t):
        _line(painter, line)
    painter.restore()


def _draw_lane_titles(painter: QPainter, page: Page, post: P.Poster, tiling: P.Tiling, t: P.Tile) -> None:
    """Each lane's title, rotated, in the left margin beside the lane's part of the sheet."""
    area = tiling.area
    layout = page.scene.layout  # type: ignore[attr-defined]
    font = page_font(LANE_PT)
    fm = QFontMetricsF(font)
    mm = P.MM_PER_UNIT * post.scale
    painter.save()
    painter.setFont(font)
    painter.setPen(style.MUTED)
    for lane in page.doc.blueprint.lanes:
        top = layout.lane_top[lane.id]
        y1 = post.content.y + (page.target.top() + top - page.source.top()) * mm
        y2 = y1 + layout.lane_height[lane.id] * mm
        a = max(y1, t.window.y) - t.window.y + area.y
        b = min(y2, t.window.bottom) - t.window.y + area.y
        if b - a < 4:
            continue
        length = _pt(b - a)
        text = fm.elidedText(one_line(lane.title, 200), Qt.TextElideMode.ElideRight, length - 4)
        painter.save()
        painter.translate(_pt(area.x - 3), _pt(b))
        painter.rotate(-90)
        painter.drawText(QRectF(0, -fm.height(), length, fm.height()), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
        painter.setPen(QPen(MAP_COLOUR, 0.3))
        painter.drawLine(QPointF(_pt(area.x - 2), _pt(a)), QPointF(_pt(area.x - 2), _pt(b)))
        painter.setPen(style.MUTED)
    painter.restore()


def _draw_label(painter: QPainter, tiling: P.Tiling, t: P.Tile, title: str, where: str) -> None:
    area = tiling.area
    font = page_font(LABEL_PT)
    fm = QFontMetricsF(font)
    text = (f"{title} \u2014 " if title else "") + (
        f"{t.label(tiling.rows, tiling.columns)[0].upper()}"
        f"{t.label(tiling.rows, tiling.columns)[1:]}; poster {where}; "
        f"sheets overlap {P.OVERLAP_MM:g} mm: trim one at the marks and tape"
    )
    rect = QRectF(_pt(area.x + 3), _pt(area.bottom + 6), _pt(area.w * 0.7), fm.height() * 2.4)
    painter.save()
    painter.setFont(font)
    painter.setPen(style.INK)
    painter.drawText(
        rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, text
    )
    painter.restore()


def _draw_map(painter: QPainter, tiling: P.Tiling, t: P.Tile) -> None:
    """All the sheets as small boxes at the bottom right; this one filled."""
    area = tiling.area
    max_w, max_h = area.w * 0.25, tiling.margins[3] - 9
    cell = min(max_w / tiling.columns, max_h / tiling.rows * (tiling.sheet_h / tiling.sheet_w))
    cw, ch = cell, cell * tiling.sheet_h / tiling.sheet_w
    if ch * tiling.rows > max_h:
        ch = max_h / tiling.rows
        cw = ch * tiling.sheet_w / tiling.sheet_h
    left = area.right - cw * tiling.columns
    top = area.bottom + 6
    painter.save()
    painter.setPen(QPen(MAP_COLOUR, 0.4))
    for other in tiling.tiles:
        r = QRectF(_pt(left + other.column * cw), _pt(top + other.row * ch), _pt(cw), _pt(ch))
        painter.setBrush(style.INK if other == t else Qt.BrushStyle.NoBrush)
        painter.drawRect(r)
    painter.restore()


# ------------------------------------------------------------------------ phases
def _title_px(page: Page) -> float:
    """The card titles' size on the page (its scene's metrics: the text size)."""
    return float(page.scene.metrics.title_px)  # type: ignore[attr-defined]


def _plan_phases(page: Page, sheet_paper: P.Paper, landscape: bool, title: str) -> Plan:
    px = _title_px(page)
    layout = page.scene.layout  # type: ignore[attr-defined]
    spans = [(span.title, span.x, span.w) for span in layout.phases]
    parts = P.phase_pages(spans, layout.grid_left, layout.width)
    sheets: list[Sheet] = []
    warnings: list[str] = []
    smallest = float("inf")
    widest: tuple[float, str] = (0.0, "")
    header_w = layout.grid_left - page.source.left()
    legend = page.legend_area()
    for i, part in enumerate(parts):
        width = max(MARGIN + header_w + part.w, legend.right() if not legend.isEmpty() else 0)
        width += MARGIN
        post = P.poster(width, page.height, sheet_paper.size(landscape))
        if post.scale < smallest:
            smallest, widest = post.scale, (width, one_line(part.title, 200))
        heading = " \u2014 ".join(x for x in (title, one_line(part.title, 200)) if x)
        heading += f" ({i + 1} of {len(parts)})"
        sheets.append(
            Sheet(
                sheet_paper, landscape, _phase_drawer(page, post, part, header_w, width, heading), part.title
            )
        )
    better = None
    if sheets:  # the widest page has the smallest text
        where = f"{sheet_paper.label(landscape)} ({widest[1] or 'a page'})"
        warning = P.text_warning(widest[0], page.height, smallest, where, px, pages=True)
        if warning:
            warnings.append(warning)
            better = P.suggest_paper(widest[0], page.height, px)
    return Plan(sheets, warnings, smallest if sheets else 1.0, suggestion=better, text_px=px)


def _phase_drawer(
    page: Page, post: P.Poster, part: P.PhasePage, header_w: float, width: float, heading: str
) -> Callable[[QPainter], None]:
    def draw(painter: QPainter) -> None:
        painter.save()
        painter.translate(_pt(post.content.x), _pt(post.content.y))
        k = P.PT_PER_UNIT * post.scale
        painter.scale(k, k)
        font = page_font(TITLE_PX, bold=True)
        fm = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(style.INK)
        painter.drawText(
            QRectF(MARGIN, MARGIN, width - 2 * MARGIN, fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(heading, Qt.TextElideMode.ElideRight, width - 2 * MARGIN),
        )
        src, tgt = page.source, page.target
        header_src = QRectF(src.left(), src.top(), header_w, src.height())
        header_tgt = QRectF(MARGIN, tgt.top(), header_w, tgt.height())
        part_src = QRectF(part.x, src.top(), part.w, src.height())
        part_tgt = QRectF(MARGIN + header_w, tgt.top(), part.w, tgt.height())
        for s, t in ((header_src, header_tgt), (part_src, part_tgt)):
            painter.save()
            painter.setClipRect(t)
            page.scene.render(painter, t, s, Qt.AspectRatioMode.IgnoreAspectRatio)
            painter.restore()
        legend = page.legend_area()
        if not legend.isEmpty():
            page.paint(painter, legend.adjusted(-1, -1, 1, 1), background=False)
        painter.restore()

    return draw


# ------------------------------------------------------------------------ output
def page_layout(sheet: Sheet) -> QPageLayout:
    """The device page of a sheet: the named paper size, no margins."""
    w, h = sheet.paper.width_mm, sheet.paper.height_mm
    size_id = _PAGE_SIZE_IDS.get(sheet.paper.key)
    size = (
        QPageSize(size_id)
        if size_id is not None
        else QPageSize(
            QSizeF(w, h), QPageSize.Unit.Millimeter, sheet.paper.key, QPageSize.SizeMatchPolicy.FuzzyMatch
        )
    )
    orientation = QPageLayout.Orientation.Landscape if sheet.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def paint_sheets(
    device: QPagedPaintDevice,
    sheets: list[Sheet],
    set_layout: bool = True,
    progress: Callable[[int, int], bool] | None = None,
) -> None:
    """Draw every sheet on its own page of ``device`` (set_layout: give each page its
    sheet's paper; a printer keeps its own paper and gets the sheets as they are)."""
    if not sheets:
        return
    if set_layout and not device.setPageLayout(page_layout(sheets[0])):
        raise ValueError(f"the device refused {sheets[0].paper.label(sheets[0].landscape)}")
    painter = QPainter()
    if not painter.begin(device):
        raise ValueError("could not start painting on the device")
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        for i, sheet in enumerate(sheets):
            if i:
                if set_layout:
                    device.setPageLayout(page_layout(sheet))
                device.newPage()
            painter.save()
            dpi = device.logicalDpiX()
            painter.resetTransform()
            painter.scale(dpi / 72.0, device.logicalDpiY() / 72.0)
            sheet.draw(painter)
            painter.restore()
            if progress is not None and progress(i + 1, len(sheets)) is False:
                from blueprint_editor.qt.export.render import ExportCancelled

                raise ExportCancelled()
    finally:
        painter.end()


def plan_for(
    bp: Blueprint,
    layout: PrintLayout,
    page: Page | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    theme: Theme | None = None,
) -> Plan:
    """The plan of a PDF export with these choices (at a text size, as View > Text Size;
    in ``theme``, default the light one: paper is never dark, see themes.for_paper)."""
    layout.check()
    page = page if page is not None else build_page(bp, text_size=text_size, theme=theme or themes.LIGHT)
    tiles = P.paper(layout.tiles) if layout.tiles else None
    return plan(page, P.paper(layout.paper), layout.landscape, tiles, None, layout.pages, bp.title.strip())


def render_print_pdf_bytes(
    bp: Blueprint,
    layout: PrintLayout,
    progress: Callable[[int, int], bool] | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    theme: Theme | None = None,
) -> tuple[bytes, list[str]]:
    """The PDF of a print layout and the warnings (card text too small) to show."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    from blueprint_editor.qt.export.render import ensure_app

    ensure_app()
    result = plan_for(bp, layout, text_size=text_size, theme=theme)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    writer.setCreator("blueprint-editor")
    writer.setTitle(bp.title or "Service blueprint")
    paint_sheets(writer, result.sheets, progress=progress)
    buffer.close()
    return bytes(data.data()), result.warnings


def write_print_pdf(
    bp: Blueprint,
    layout: PrintLayout,
    out: Path,
    progress: Callable[[int, int], bool] | None = None,
    text_size: str = DEFAULT_TEXT_SIZE,
    theme: Theme | None = None,
) -> list[str]:
    """Write the PDF of a print layout atomically (in ``theme``, default light); return
    the warnings to show.

    Raises :class:`~blueprint_editor.qt.export.render.ExportError` (one clear message) for
    a bad choice or a file that cannot be written; ``out`` is then unchanged."""
    from blueprint_editor.qt.export.render import ExportError, check_limits, write_atomically

    warnings: list[str] = []

    def make() -> bytes:
        check_limits(bp, ".pdf")
        try:
            data, found = render_print_pdf_bytes(bp, layout, progress, text_size, theme)
        except ValueError as exc:
            raise ExportError(str(exc)) from None
        warnings.extend(found)
        return data

    write_atomically(Path(out), make)
    return warnings
