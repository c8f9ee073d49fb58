"""The export page: the canvas' own items, framed by a title block and a marker legend.

::

    +------------------------------------------------------------+
    |  Title (bold)                                              |  title block
    |  first line of the description (grey)                      |
    |  +------------------------------------------------------+  |
    |  |  read-only BlueprintScene: lanes, lines, phases,      |  |  scene content
    |  |  cards with their markers, handoffs                   |  |
    |  +------------------------------------------------------+  |
    |  Legend  [!] Fail point  [wait] Wait point  ...            |  legend (wraps; only
    |                                                            |  the markers used)
    +------------------------------------------------------------+

Geometry is computed once in :func:`build_page`; :meth:`Page.paint` only draws. Page
sizes are whole multiples of 4 scene units, so the PDF page is a whole number of points
and ``--scale 1`` / ``--scale 2`` PNGs are exactly 1x / 2x the page in pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsScene

from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE, wrap_text
from blueprint_editor.core.cards import text_size as text_size_of
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.themes import Theme
from blueprint_editor.qt.export import legend as export_legend

MARGIN = 32.0
TITLE_PX = 26
DESCRIPTION_PX = 14
LEGEND_PX = 12
GAP = 18.0  # between blocks
MAX_TITLE_WIDTH = 1600.0
MIN_INNER_WIDTH = 360.0
#: the heading shows the description's first line, wrapped, in at most this many lines
MAX_DESCRIPTION_LINES = 6


def page_font(pixel_size: int, bold: bool = False) -> QFont:
    """The canvas font (bundled DejaVu Sans, pixel size, no hinting), without ligatures
    so that text found in the PDF reads "fi", not the single glyph "\ufb01"."""
    font = QFont(style.font(pixel_size, bold))
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _make_scene(doc: Document, text_size: str = DEFAULT_TEXT_SIZE) -> QGraphicsScene:
    from blueprint_editor.qt.canvas.scene import BlueprintScene

    # read-only: no selection, hover or handles
    scene = BlueprintScene(doc, None, text_size=text_size)
    scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)  # the page's background, not the desk's
    return scene


def _content_rect(scene) -> QRectF:
    """The scene's content: its export rect plus anything drawn beyond it (a handoff that
    loops round the last column, a label on the right edge), in whole units."""
    rect = QRectF(scene.scene_rect_for_export()).united(scene.itemsBoundingRect())
    left, top = math.floor(rect.left()), math.floor(rect.top())
    return QRectF(left, top, math.ceil(rect.right()) - left, math.ceil(rect.bottom()) - top)


@dataclass
class LegendEntry:
    kind: str
    label: str
    rect: QRectF  # whole entry (glyph + label), page units


@dataclass
class Page:
    width: float
    height: float
    scene: QGraphicsScene
    doc: Document
    source: QRectF  # content rect in scene coordinates
    target: QRectF  # where it goes on the page
    title: str = ""
    title_rect: QRectF = field(default_factory=QRectF)
    description: str = ""
    description_rect: QRectF = field(default_factory=QRectF)
    legend_label_rect: QRectF = field(default_factory=QRectF)
    legend: list[LegendEntry] = field(default_factory=list)
    #: the text size's factor: the heading and the legend scale with the canvas' text
    factor: float = 1.0
    #: the colours the page was laid out and is always drawn in (whatever the canvas shows)
    theme: Theme = field(default_factory=style.active_theme)

    def px(self, size: int) -> int:
        return round(size * self.factor)

    @property
    def rect(self) -> QRectF:
        return QRectF(0, 0, self.width, self.height)

    def paint(self, painter: QPainter, clip: QRectF | None, background: bool = True) -> None:
        """Draw the page (or the part of it inside ``clip``) in page units."""
        area = self.rect if clip is None else clip.intersected(self.rect)
        if area.isEmpty():
            return
        with style.themed(self.theme):
            if background:
                painter.fillRect(self.rect, style.PAGE)
            self._paint_texts(painter, area)
            self._paint_scene(painter, area)
            self._paint_legend(painter, area)

    def _paint_texts(self, painter: QPainter, area: QRectF) -> None:
        painter.save()
        painter.setPen(style.INK)
        if self.title and self.title_rect.intersects(area):
            painter.setFont(page_font(self.px(TITLE_PX), bold=True))
            painter.drawText(
                self.title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title
            )
        if self.description and self.description_rect.intersects(area):
            painter.setPen(style.MUTED)
            painter.setFont(page_font(self.px(DESCRIPTION_PX)))
            painter.drawText(
                self.description_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                self.description,
            )
        painter.restore()

    def _paint_scene(self, painter: QPainter, area: QRectF) -> None:
        if self.target.isEmpty():
            return
        # a band renders a little more than itself (the device clips): the only clip the
        # scene sees is the content rect, so bands join without seams
        part = area.adjusted(0, -4, 0, 4).intersected(self.target)
        if part.isEmpty():
            return
        dx = self.source.left() - self.target.left()
        dy = self.source.top() - self.target.top()
        source = part.translated(dx, dy)
        self.scene.render(painter, part, source, Qt.AspectRatioMode.IgnoreAspectRatio)

    def _paint_legend(self, painter: QPainter, area: QRectF) -> None:
        if not self.legend or not self.legend_area().intersects(area):
            return
        painter.save()
        painter.setPen(style.INK)
        painter.setFont(page_font(self.px(LEGEND_PX), bold=True))
        painter.drawText(
            self.legend_label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "Legend"
        )
        font = page_font(self.px(LEGEND_PX))
        f = self.factor
        for entry in self.legend:
            glyph = QRectF(
                entry.rect.left(),
                entry.rect.top(),
                export_legend.GLYPH_WIDTH[entry.kind] * f,
                entry.rect.height(),
            )
            painter.save()
            export_legend.paint_glyph(painter, entry.kind, glyph, 16.0 * f)
            painter.restore()
            gap = export_legend.GLYPH_GAP * f
            text = QRectF(
                glyph.right() + gap,
                entry.rect.top(),
                entry.rect.right() - glyph.right() - gap,
                entry.rect.height(),
            )
            painter.setPen(style.INK)
            painter.setFont(font)
            painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.label)
        painter.restore()

    def legend_area(self) -> QRectF:
        area = QRectF(self.legend_label_rect)
        for entry in self.legend:
            area = area.united(entry.rect)
        return area


def _round_up(value: float, step: float = 4.0) -> float:
    return math.ceil(value / step - 1e-9) * step


def build_page(
    bp: Blueprint,
    make_scene: Callable[[Document, str], QGraphicsScene] = _make_scene,
    text_size: str = DEFAULT_TEXT_SIZE,
    numbers: bool = False,
    theme: Theme | None = None,
) -> Page:
    """Lay out the page of a blueprint (a QApplication must exist) at a text size, in
    ``theme`` (default: the active one; the page is always drawn in it); ``numbers``: the
    cards show their step numbers."""
    with style.themed(theme) as chosen:
        return _build_page(bp, make_scene, text_size, numbers, chosen)


def _build_page(
    bp: Blueprint,
    make_scene: Callable[[Document, str], QGraphicsScene],
    text_size: str,
    numbers: bool,
    theme: Theme,
) -> Page:
    style.load_fonts()
    doc = Document(bp.model_copy(deep=True))  # private: the editor may go on editing
    scene = make_scene(doc, text_size)
    if numbers:
        from blueprint_editor.qt.canvas.scene import BlueprintScene

        assert isinstance(scene, BlueprintScene), "step numbers are drawn by the canvas scene"
        scene.workshop.set_numbers(True)
    source = _content_rect(scene)

    title = bp.title.strip()
    description = next((ln.strip() for ln in bp.description.splitlines() if ln.strip()), "")
    f = text_size_of(text_size).factor
    title_fm = QFontMetricsF(page_font(round(TITLE_PX * f), bold=True))
    desc_fm = QFontMetricsF(page_font(round(DESCRIPTION_PX * f)))
    legend_fm = QFontMetricsF(page_font(round(LEGEND_PX * f)))

    inner = max(MIN_INNER_WIDTH, source.width(), min(MAX_TITLE_WIDTH, title_fm.horizontalAdvance(title) + 2))
    y = MARGIN
    title_rect = description_rect = QRectF()
    if title:
        title = title_fm.elidedText(title, Qt.TextElideMode.ElideRight, inner)
        h = math.ceil(title_fm.height())
        title_rect = QRectF(MARGIN, y, inner, h)
        y += h + 4
    if description:
        # wrapped to the page's width, whole up to MAX_DESCRIPTION_LINES (an essay in the
        # description must not push the blueprint off the wall)
        lines = wrap_text(description, desc_fm.horizontalAdvance, inner)
        if len(lines) > MAX_DESCRIPTION_LINES:
            rest = " ".join(lines[MAX_DESCRIPTION_LINES - 1 :])
            lines = lines[: MAX_DESCRIPTION_LINES - 1]
            lines.append(desc_fm.elidedText(rest, Qt.TextElideMode.ElideRight, inner))
        description = "\n".join(lines)
        h = math.ceil(desc_fm.lineSpacing() * (len(lines) - 1) + desc_fm.height())
        description_rect = QRectF(MARGIN, y, inner, h)
        y += h
    if title or description:
        y += GAP
    target = QRectF(MARGIN, y, source.width(), source.height())
    y = target.bottom() + GAP

    # legend: "Legend" then the markers the blueprint uses, wrapping inside the inner
    # width; none at all when it uses none
    row_h = max(export_legend.GLYPH_HEIGHT * f, math.ceil(legend_fm.height())) + 4
    label_w = (
        math.ceil(QFontMetricsF(page_font(round(LEGEND_PX * f), bold=True)).horizontalAdvance("Legend")) + 16
    )
    used = export_legend.used_entries(bp)
    legend_label = QRectF(MARGIN, y, label_w, row_h) if used else QRectF()
    x, entries = MARGIN + label_w, []
    for kind, label in used:
        w = (
            (export_legend.GLYPH_WIDTH[kind] + export_legend.GLYPH_GAP) * f
            + math.ceil(legend_fm.horizontalAdvance(label))
            + 2
        )
        if x + w > MARGIN + inner and x > MARGIN + label_w:
            x, y = MARGIN + label_w, y + row_h
        entries.append(LegendEntry(kind, label, QRectF(x, y, w, row_h)))
        x += w + 20
    y += (row_h if used else -GAP) + MARGIN

    width = _round_up(inner + 2 * MARGIN)
    height = _round_up(y)
    return Page(
        width=width,
        height=height,
        scene=scene,
        doc=doc,
        source=source,
        target=target,
        title=title,
        title_rect=title_rect,
        description=description,
        description_rect=description_rect,
        legend_label_rect=legend_label,
        legend=entries,
        factor=f,
        theme=theme,
    )
