"""Column titles: a band under the phase band, one title per column.

The band exists (in the core layout, ``GridLayout.title_band``) when at least one column
has a title. :class:`ColumnTitlesItem` draws every title of the band; its texts are
elided and placed in :meth:`~ColumnTitlesItem.set_titles`, so ``paint()`` only draws.
Double-clicking a title (or an untitled column's place in the band) edits it; so does
the column's context menu (Rename column).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from blueprint_editor.core.layout import GridLayout
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.canvas import style

TITLE_PX = 12
Z_TITLES = 2.0


class ColumnTitlesItem(QGraphicsItem):
    def __init__(self):
        super().__init__()
        self.setZValue(Z_TITLES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._band = QRectF()
        self._titles: list[tuple[QPointF, str]] = []
        self._separators: list[float] = []
        #: column id -> its rectangle in the band (scene units), for double-clicks
        self.places: dict[str, QRectF] = {}

    def set_titles(self, layout: GridLayout, bp: Blueprint) -> None:
        self.prepareGeometryChange()
        self._titles, self._separators, self.places = [], [], {}
        self.setVisible(bool(layout.title_band))
        if not layout.title_band:
            self._band = QRectF()
            return
        m = layout.metrics
        top = m.phase_height
        self._band = QRectF(0, top, layout.width, layout.title_band)
        fm = QFontMetricsF(style.font(TITLE_PX, True))
        for column in bp.columns:
            r = layout.column_title_rect(column.id)
            rect = QRectF(r.x, r.y, r.w, r.h)
            self.places[column.id] = rect
            self._separators.append(r.x)
            text = fm.elidedText(column.title, Qt.TextElideMode.ElideRight, r.w - 16)
            if text:
                x = rect.center().x() - fm.horizontalAdvance(text) / 2
                self._titles.append((QPointF(x, rect.center().y() + fm.ascent() / 2 - 2), text))
        self.update()

    def column_at(self, pos: QPointF) -> str | None:
        return next((c for c, r in self.places.items() if r.contains(pos)), None)

    def boundingRect(self) -> QRectF:
        return self._band

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._band.isEmpty():
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.HEADER_BG)
        painter.drawRect(self._band)
        painter.setPen(style.pen(style.HEADER_BORDER, 1.0))
        painter.drawLine(self._band.bottomLeft(), self._band.bottomRight())
        for x in self._separators:
            painter.drawLine(QPointF(x, self._band.top() + 6), QPointF(x, self._band.bottom() - 6))
        painter.setPen(style.INK)
        painter.setFont(style.font(TITLE_PX, True))
        for pos, text in self._titles:
            painter.drawText(pos, text)
