"""The handoff arrow: a smooth connector between two cards, with heads and a label pill.

:meth:`HandoffItem.reroute` takes the two card rectangles (and the label and direction
read from the document by the scene), computes the route with :mod:`.geometry` and caches
the stroke, the heads, the label pill and the hit shape. ``paint()`` only draws them.
The scene calls ``reroute`` only when one of the two cards moved.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from ...core.layout import Rect
from .. import style
from . import geometry as geo

Z_HANDOFF = 5.0
Z_HANDOFF_SELECTED = 6.0
LOD_NO_HEADS = 0.38
_LABEL_PX = 11


def _path(route: geo.Route) -> QPainterPath:
    path = QPainterPath(QPointF(*route.p0))
    path.cubicTo(QPointF(*route.c1), QPointF(*route.c2), QPointF(*route.p3))
    return path


def _polygon(points) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


class HandoffItem(QGraphicsItem):
    def __init__(self, handoff_id: str, interactive: bool):
        super().__init__()
        self.handoff_id = handoff_id
        self._line = QPainterPath()
        self._stroke = QPainterPath()
        self._heads: list[QPolygonF] = []
        self._label = ""
        self._label_rect = QRectF()
        self._label_pos = QPointF()
        self._shape = QPainterPath()
        self._bounds = QRectF()
        self.setZValue(Z_HANDOFF)
        if interactive:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def reroute(self, src: Rect, dst: Rect, label: str, two_way: bool) -> None:
        """Recompute the cached connector from the two card rectangles (scene units)."""
        self.prepareGeometryChange()
        route = geo.route(src, dst)
        self._line = _path(route)
        head = geo.ARROW_HEAD_LENGTH
        self._stroke = _path(geo.shorten(route, head * 0.7 if two_way else 0.0, head * 0.7))
        self._heads = [_polygon(geo.arrow_head(route.p3, route.end_direction()))]
        if two_way:
            self._heads.append(_polygon(geo.arrow_head(route.p0, route.start_direction())))
        self._label = label.strip()
        if self._label:
            fm = QFontMetricsF(style.font(_LABEL_PX))
            text = fm.elidedText(self._label, Qt.TextElideMode.ElideRight, 160.0)
            self._label = text
            mx, my = route.point(0.5)
            w, h = fm.horizontalAdvance(text) + 12, fm.height() + 4
            self._label_rect = QRectF(mx - w / 2, my - h / 2, w, h)
            self._label_pos = QPointF(mx - w / 2 + 6, my - h / 2 + 2 + fm.ascent())
        else:
            self._label_rect = QRectF()
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        shape = stroker.createStroke(self._line)
        for poly in self._heads:
            shape.addPolygon(poly)
        if self._label:
            shape.addRect(self._label_rect)
        shape.setFillRule(Qt.FillRule.WindingFill)
        self._shape = shape
        self._bounds = self._shape.boundingRect().adjusted(-2, -2, 2, 2)
        self.update()

    # ---------------------------------------------------------------- queries
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def line_path(self) -> QPainterPath:
        """The connector's centre line (scene coordinates: the item sits at the origin)."""
        return self._line

    def label_rect(self) -> QRectF:
        return self._label_rect

    # ---------------------------------------------------------------- drawing
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = style.SELECTION if selected else style.ARROW
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if lod < LOD_NO_HEADS:
            painter.setPen(style.pen(colour, 2.0))
            painter.drawPath(self._line)
            return
        painter.setPen(style.pen(colour, 2.6 if selected else 1.7))
        painter.drawPath(self._stroke)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for poly in self._heads:
            painter.drawPolygon(poly)
        if self._label:
            painter.setBrush(style.LABEL_BG)
            painter.setPen(style.pen(style.SELECTION if selected else style.LABEL_BORDER, 1.0))
            r = self._label_rect.height() / 2
            painter.drawRoundedRect(self._label_rect, r, r)
            painter.setPen(style.INK)
            painter.setFont(style.font(_LABEL_PX))
            painter.drawText(self._label_pos, self._label)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(Z_HANDOFF_SELECTED if value else Z_HANDOFF)
        return super().itemChange(change, value)
