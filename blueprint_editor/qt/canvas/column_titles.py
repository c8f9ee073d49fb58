"""Column titles: a band under the phase band, one title per column.

The band exists (in the core layout, ``GridLayout.title_band``) when at least one column
has a title. Titles are wrapped to their column in core (``GridLayout.column_lines``,
never elided) and the band is as tall as the longest; :class:`ColumnTitlesItem` places
the lines in :meth:`~ColumnTitlesItem.set_titles`, so ``paint()`` only draws.
Double-clicking a title (or an untitled column's place in the band) edits it; so does
the column's context menu (Rename column).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
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
        self._px = TITLE_PX
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
        top = layout.phase_band
        self._band = QRectF(0, top, layout.width, layout.title_band)
        self._px = m.column_title_px
        fm = style.font_metrics(self._px, True)
        line_h = m.column_title_line
        base = style.baseline(self._px, True, line_h)
        for column in bp.columns:
            r = layout.column_title_rect(column.id)
            rect = QRectF(r.x, r.y, r.w, r.h)
            self.places[column.id] = rect
            self._separators.append(r.x)
            lines = layout.column_lines.get(column.id, [])
            y = rect.center().y() - len(lines) * line_h / 2  # the block centred in the band
            for i, text in enumerate(lines):
                x = rect.center().x() - fm.horizontalAdvance(text) / 2
                self._titles.append((QPointF(x, y + i * line_h + base), text))
        self.update()

    def title_lines(self) -> list[str]:
        """Every line drawn in the band, left to right (for tests and the outline)."""
        return [text for _pos, text in self._titles]

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
        painter.setFont(style.font(self._px, True))
        for pos, text in self._titles:
            painter.drawText(pos, text)
