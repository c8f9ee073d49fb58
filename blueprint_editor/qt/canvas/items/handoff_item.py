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

from blueprint_editor.core.layout import Rect
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.items import geometry as geo

Z_HANDOFF = 5.0
Z_LABEL = 12.0
LOD_NO_HEADS = 0.38
#: A click this close to an arrow's line (scene units: pixels at 100 %) hits the arrow.
HIT_TOLERANCE = 7.0
_LABEL_PX = 11


def _path(route: geo.Route) -> QPainterPath:
    path = QPainterPath(QPointF(*route.p0))
    path.cubicTo(QPointF(*route.c1), QPointF(*route.c2), QPointF(*route.p3))
    return path


def _polygon(points) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


class HandoffLabelItem(QGraphicsItem):
    """The label pill of a handoff, drawn above the cards so it is never hidden.

    Not a child of the arrow (children stack with their parent, under the cards); the
    scene adds and removes it together with its :class:`HandoffItem`. A click on it selects
    the arrow.
    """

    def __init__(self, owner: "HandoffItem"):
        super().__init__()
        self.owner = owner
        self.setZValue(Z_LABEL)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton if owner.flags()
                                     & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                                     else Qt.MouseButton.NoButton)

    @property
    def handoff_id(self) -> str:
        return self.owner.handoff_id

    def boundingRect(self) -> QRectF:
        return self.owner._label_rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        o = self.owner
        if not o._label or option.levelOfDetailFromTransform(painter.worldTransform()) \
                < LOD_NO_HEADS:
            return
        selected = o.isSelected()
        painter.setBrush(style.LABEL_BG)
        painter.setPen(style.pen(style.SELECTION if selected else style.LABEL_BORDER,
                                 1.6 if selected else 1.0))
        r = o._label_rect
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        painter.setPen(style.INK)
        painter.setFont(style.font(o.label_px))
        painter.drawText(o._label_pos, o._label)

    def mousePressEvent(self, event) -> None:
        scene = self.scene()
        if scene is not None and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            scene.clearSelection()
        self.owner.setSelected(True)
        event.accept()


class HandoffItem(QGraphicsItem):
    def __init__(self, handoff_id: str, interactive: bool, label_px: int = _LABEL_PX):
        super().__init__()
        self.handoff_id = handoff_id
        self.label_px = label_px  # the label's text size (the scene's small text size)
        self._line = QPainterPath()
        self._stroke = QPainterPath()
        self._heads: list[QPolygonF] = []
        self._label = ""
        self._label_rect = QRectF()
        self._label_pos = QPointF()
        self._shape: QPainterPath | None = QPainterPath()
        self._bounds = QRectF()
        self.setZValue(Z_HANDOFF)
        if interactive:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        #: the label pill (a separate top-level item, made when the handoff has a label)
        self.label_item: HandoffLabelItem | None = None
        self._key = None  # what the cached route was computed from

    def reroute(self, src: Rect, dst: Rect, label: str, two_way: bool,
                blocked: bool = False) -> None:
        """Recompute the cached connector from the two card rectangles (scene units).

        When both cards moved by the same offset (a lane above grew), the cached route is
        simply shifted: the item moves, nothing is recomputed.
        """
        old = self._key
        if old is not None and old[2:] == (label, two_way, blocked):
            s0, d0 = old[0], old[1]
            dx, dy = src.x - s0.x, src.y - s0.y
            if (dst.x - d0.x, dst.y - d0.y) == (dx, dy) and (src.w, src.h, dst.w, dst.h) == \
                    (s0.w, s0.h, d0.w, d0.h):
                if dx or dy:
                    self.moveBy(dx, dy)
                    if self.label_item is not None:
                        self.label_item.setPos(self.pos())
                    self._key = (src, dst, label, two_way, blocked)
                return
        self._key = (src, dst, label, two_way, blocked)
        if not self.pos().isNull():
            self.setPos(0.0, 0.0)
            if self.label_item is not None:
                self.label_item.setPos(0.0, 0.0)
        # compute everything first: the label search queries the scene's index, which
        # must not run between prepareGeometryChange() and the change itself (the index
        # would keep the old rectangle and later lose track of the item)
        route = geo.route(src, dst, blocked=blocked)
        text = label.strip()
        rect, text_pos = QRectF(), QPointF()
        if text:
            fm = QFontMetricsF(style.font(self.label_px))
            room = 160.0 * self.label_px / _LABEL_PX  # scales with the text size
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
            w, h = fm.horizontalAdvance(text) + 12, fm.height() + 4
            x, y = self._free_label_place(geo.label_candidates(route, w, h, min(src.h, dst.h)),
                                          w, h)
            rect, text_pos = QRectF(x, y, w, h), QPointF(x + 6, y + 2 + fm.ascent())
        line = _path(route)
        head = geo.ARROW_HEAD_LENGTH
        stroke = _path(geo.shorten(route, head * 0.7 if two_way else 0.0, head * 0.7))
        heads = [_polygon(geo.arrow_head(route.p3, route.end_direction()))]
        if two_way:
            heads.append(_polygon(geo.arrow_head(route.p0, route.start_direction())))
        bounds = line.controlPointRect()
        for poly in heads:
            bounds = bounds.united(poly.boundingRect())
        if text:
            bounds = bounds.united(rect)

        self.prepareGeometryChange()
        if self.label_item is not None:
            self.label_item.prepareGeometryChange()
        self._line, self._stroke, self._heads = line, stroke, heads
        self._label, self._label_rect, self._label_pos = text, rect, text_pos
        self._shape = None  # built on first hit test (see shape())
        pad = HIT_TOLERANCE + 1
        self._bounds = bounds.adjusted(-pad, -pad, pad, pad)
        self.update()
        if self.label_item is None and text:
            self.label_item = HandoffLabelItem(self)  # its rectangle is already final
            if self.scene() is not None:
                self.scene().addItem(self.label_item)
        if self.label_item is not None:
            self.label_item.setVisible(bool(text))
            self.label_item.update()

    def _free_label_place(self, candidates, w: float, h: float) -> tuple[float, float]:
        """The first candidate that covers no card and no other label; failing that, the
        one covering the least (other labels count double: two labels on top of each
        other are unreadable)."""
        scene = self.scene()
        if scene is None or len(candidates) == 1:
            return candidates[0]
        mine = self.label_item
        best, best_cost = candidates[0], None
        for x, y in candidates:
            rect = QRectF(x, y, w, h).adjusted(-2, -2, 2, 2)
            cost = 0.0
            for item in scene.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
                if item is mine:
                    continue
                if isinstance(item, HandoffLabelItem):
                    if item.isVisible():
                        r = item.sceneBoundingRect().intersected(rect)
                        cost += 2 * r.width() * r.height()
                elif hasattr(item, "scene_card_rect"):
                    r = item.scene_card_rect().intersected(rect)
                    cost += r.width() * r.height()
            if cost == 0:
                return x, y
            if best_cost is None or cost < best_cost:
                best, best_cost = (x, y), cost
        return best

    # ---------------------------------------------------------------- queries
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:  # a cache of the route, made when first needed
            stroker = QPainterPathStroker()
            stroker.setWidth(2 * HIT_TOLERANCE)
            shape = stroker.createStroke(self._line)
            for poly in self._heads:
                shape.addPolygon(poly)
            if self._label:
                shape.addRect(self._label_rect)
            shape.setFillRule(Qt.FillRule.WindingFill)
            self._shape = shape
        return self._shape

    def line_path(self) -> QPainterPath:
        """The connector's centre line, in item coordinates (``mapToScene`` for the scene)."""
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

