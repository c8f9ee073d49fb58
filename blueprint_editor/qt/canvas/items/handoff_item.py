"""The handoff arrow: an orthogonal connector between two cards, with heads and a label.

The route (ports, channels, corridors) and the label's place are computed in core
(:mod:`blueprint_editor.core.routing`, :mod:`blueprint_editor.core.labels`) by the scene;
:meth:`HandoffItem.reroute` keeps the route, the heads' points and the label's lines;
the Qt paths are made from them when first drawn (the centre line, then the stroke and
heads at full detail) and the hit shape on the first hit test; ``paint()`` only draws.
The scene calls ``reroute`` only for arrows whose route or label place changed.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from blueprint_editor.core.labels import LabelPlace
from blueprint_editor.core.routing import Route
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.items import geometry as geo

Z_HANDOFF = 5.0
Z_LABEL = 12.0
LOD_NO_HEADS = 0.38
#: A click this close to an arrow's line (scene units: pixels at 100 %) hits the arrow.
HIT_TOLERANCE = 7.0
_LABEL_PX = 11

#: Labels wrap to lines of at most this width (scene units); never cut.
LABEL_WRAP = 170.0
_PAD_X, _PAD_Y = 6.0, 2.0
#: Corner radius of the connector's bends.
BEND = 6.0


@lru_cache(maxsize=4096)
def label_lines(text: str, px: int = _LABEL_PX) -> tuple[tuple[str, ...], float, float]:
    """A label's wrapped lines and the size of its pill (text metrics of the label font at
    ``px``, the scene's small text size: the wrap width grows with it)."""
    fm = style.font_metrics(px)
    lines = geo.wrap_words(
        text.split(),
        fm.horizontalAdvance,
        LABEL_WRAP * px / _LABEL_PX,
        1000,
        lambda t, w: fm.elidedText(t, Qt.TextElideMode.ElideRight, w),
    )
    width = max((fm.horizontalAdvance(line) for line in lines), default=0.0)
    return tuple(lines), width + 2 * _PAD_X, fm.height() * len(lines) + 2 * _PAD_Y


def label_size(text: str, px: int = _LABEL_PX) -> tuple[float, float]:
    """Width and height of the pill of a label (``text`` stripped) at text size ``px``."""
    _, w, h = label_lines(text, px)
    return w, h


def route_path(route: Route) -> QPainterPath:
    """The polyline with rounded bends (the radius shrinks on short segments)."""
    pts = route.points
    path = QPainterPath(QPointF(*pts[0]))
    for k in range(1, len(pts) - 1):
        (x0, y0), (x1, y1), (x2, y2) = pts[k - 1], pts[k], pts[k + 1]
        a = abs(x1 - x0) + abs(y1 - y0)
        b = abs(x2 - x1) + abs(y2 - y1)
        r = min(BEND, a / 2, b / 2)
        if r <= 0.01:
            path.lineTo(x1, y1)
            continue
        ux, uy = (x1 - x0) / a, (y1 - y0) / a
        vx, vy = (x2 - x1) / b, (y2 - y1) / b
        path.lineTo(x1 - ux * r, y1 - uy * r)
        path.quadTo(x1, y1, x1 + vx * r, y1 + vy * r)
    path.lineTo(*pts[-1])
    return path


def _shortened(route: Route, at_start: float, at_end: float) -> Route:
    """The route with its ends pulled back (the stroke stops at the heads' base)."""
    pts = list(route.points)
    if at_end:
        ux, uy = route.end_direction()
        pts[-1] = (pts[-1][0] - ux * at_end, pts[-1][1] - uy * at_end)
    if at_start:
        ux, uy = route.start_direction()
        pts[0] = (pts[0][0] - ux * at_start, pts[0][1] - uy * at_start)
    return Route(tuple(pts))


def _polygon(points) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


class HandoffLabelItem(QGraphicsItem):
    """The label pill of a handoff, drawn above the cards so it is never hidden.

    Not a child of the arrow (children stack with their parent, under the cards); the
    scene adds and removes it together with its :class:`HandoffItem`. A click on it selects
    the arrow.
    """

    def __init__(self, owner: HandoffItem):
        super().__init__()
        self.owner = owner
        self.setZValue(Z_LABEL)
        self.setAcceptedMouseButtons(
            Qt.MouseButton.LeftButton
            if owner.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            else Qt.MouseButton.NoButton
        )

    @property
    def handoff_id(self) -> str:
        return self.owner.handoff_id

    def boundingRect(self) -> QRectF:
        return self.owner._label_bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        o = self.owner
        if not o._label or option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_NO_HEADS:
            return
        selected = o.isSelected()
        if o._leader is not None:
            painter.setPen(style.pen(style.SELECTION if selected else style.ARROW, 1.0, Qt.PenStyle.DotLine))
            painter.drawLine(o._leader)
        painter.setBrush(style.LABEL_BG)
        painter.setPen(
            style.pen(style.SELECTION if selected else style.LABEL_BORDER, 1.6 if selected else 1.0)
        )
        r = o._label_rect
        radius = min(r.height() / 2, 9.0)
        painter.drawRoundedRect(r, radius, radius)
        painter.setPen(style.INK)
        painter.setFont(style.font(o.label_px))
        for pos, line in o._label_lines:
            painter.drawText(pos, line)

    def mousePressEvent(self, event) -> None:
        scene = self.scene()
        if scene is not None and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            scene.clearSelection()
        self.owner.setSelected(True)
        event.accept()


_NO_ROUTE = Route(((0.0, 0.0), (0.0, 0.0)))
#: an empty rectangle (shared: never changed in place)
_NO_RECT = QRectF()
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


class HandoffItem(QGraphicsItem):
    # What an arrow starts with (class attributes: thousands of arrows are made at once;
    # each value is replaced by reroute, never changed in place).
    #: the route and the heads' points; Qt paths of them are made when first drawn
    _route: Route = _NO_ROUTE
    _head_points: tuple[tuple[geo.Point, geo.Point, geo.Point, geo.Point], ...] = ()
    _head_length = 0.0
    _line: QPainterPath | None = None
    _stroke: QPainterPath | None = None
    _heads: tuple[QPolygonF, ...] = ()
    _label = ""
    _label_lines: tuple[tuple[QPointF, str], ...] = ()
    _leader: QLineF | None = None
    #: the hit shape, made on the first hit test (see shape())
    _shape: QPainterPath | None = None
    #: the label pill (a separate top-level item, made when the handoff has a label)
    label_item: HandoffLabelItem | None = None
    #: what the cached drawing was made from
    _key: tuple[Route, LabelPlace | None, str, bool] | None = None

    def __init__(self, handoff_id: str, interactive: bool, label_px: int = _LABEL_PX):
        super().__init__()
        self.handoff_id = handoff_id
        self.label_px = label_px  # the label's text size: the scene's small text size
        self._label_rect = QRectF()
        self._label_bounds = QRectF()
        self._bounds = QRectF()
        self.setZValue(Z_HANDOFF)
        if interactive:
            self.setFlag(_SELECTABLE, True)

    def reroute(self, route: Route, label: str, place: LabelPlace | None, two_way: bool) -> None:
        """Cache the drawing of ``route`` (scene units) and of the label at ``place``.

        When the route and the label moved by one offset (a lane above grew), the item
        is only moved: nothing is rebuilt.
        """
        text = label.strip()
        old = self._key
        if (
            old is not None
            and old[2] == text
            and old[3] == two_way
            and len(old[0].points) == len(route.points)
            and (old[1] is None) == (place is None)
        ):
            (ox, oy), (nx, ny) = old[0].points[0], route.points[0]
            dx, dy = nx - ox, ny - oy
            same = all(
                abs(b[0] - a[0] - dx) < 1e-9 and abs(b[1] - a[1] - dy) < 1e-9
                for a, b in zip(old[0].points, route.points)
            )
            old_place = old[1]  # None exactly when place is None (checked above)
            if same and place is not None and old_place is not None:
                (r0, r1) = old_place.rect, place.rect
                same = (
                    abs(r1.x - r0.x - dx) < 1e-9
                    and abs(r1.y - r0.y - dy) < 1e-9
                    and (r0.w, r0.h) == (r1.w, r1.h)
                    and (old_place.leader is None) == (place.leader is None)
                )
            if same:
                if dx or dy:
                    self.moveBy(dx, dy)
                    if self.label_item is not None:
                        self.label_item.setPos(self.pos())
                self._key = (route, place, text, two_way)
                return
        self._key = (route, place, text, two_way)
        if old is not None and not self.pos().isNull():  # (a new arrow was never moved)
            self.setPos(0.0, 0.0)
            if self.label_item is not None:
                self.label_item.setPos(0.0, 0.0)
        rect, label_bounds = _NO_RECT, _NO_RECT
        lines: list[tuple[QPointF, str]] = []
        leader: QLineF | None = None
        if text and place is not None:
            words, _, _ = label_lines(text, self.label_px)
            fm = style.font_metrics(self.label_px)
            r = place.rect
            rect = QRectF(r.x, r.y, r.w, r.h)
            y = r.y + _PAD_Y + fm.ascent()
            for word_line in words:
                x = r.x + (r.w - fm.horizontalAdvance(word_line)) / 2
                lines.append((QPointF(x, y), word_line))
                y += fm.height()
            label_bounds = rect.adjusted(-1, -1, 1, 1)
            if place.leader is not None:
                (x0, y0), (x1, y1) = place.leader
                leader = QLineF(x0, y0, x1, y1)
                label_bounds = label_bounds.united(
                    QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized().adjusted(-2, -2, 2, 2)
                )
        head = geo.ARROW_HEAD_LENGTH * style.ARROW_HEAD  # the theme's arrow heads
        width = geo.ARROW_HEAD_WIDTH * style.ARROW_HEAD
        heads: tuple[tuple[geo.Point, geo.Point, geo.Point, geo.Point], ...]
        heads = (geo.arrow_head(route.end, route.end_direction(), head, width),)
        if two_way:
            heads += (geo.arrow_head(route.start, route.start_direction(), head, width),)
        # the bounds from the points (the paths are made when first drawn: _line_path)
        xs = [x for x, _ in route.points] + [x for poly in heads for x, _ in poly]
        ys = [y for _, y in route.points] + [y for poly in heads for _, y in poly]
        left, top = min(xs), min(ys)
        bounds = QRectF(left, top, max(xs) - left, max(ys) - top)
        if text:
            bounds = bounds.united(label_bounds)
        pad = HIT_TOLERANCE + 1
        bounds.adjust(-pad, -pad, pad, pad)

        self.prepareGeometryChange()
        if self.label_item is not None:
            self.label_item.prepareGeometryChange()
        self._route, self._head_points, self._head_length = route, heads, head
        self._line = self._stroke = None
        self._heads = ()
        self._label, self._label_rect, self._label_lines = text, rect, tuple(lines)
        self._label_bounds, self._leader = label_bounds, leader
        self._shape = None  # built on first hit test (see shape())
        self._bounds = bounds
        self.update()
        if self.label_item is None and text:
            self.label_item = HandoffLabelItem(self)  # its rectangle is already final
            if self.scene() is not None:
                self.scene().addItem(self.label_item)
        if self.label_item is not None:
            self.label_item.setVisible(bool(text))
            self.label_item.update()

    # The Qt paths are made from the cached route when first needed: most arrows of a
    # large blueprint are drawn only zoomed out (the line alone), many never at all.
    def _line_path(self) -> QPainterPath:
        """The centre line with rounded bends."""
        if self._line is None:
            self._line = route_path(self._route) if self._key is not None else QPainterPath()
        return self._line

    def _full_drawing(self) -> tuple[QPainterPath, tuple[QPolygonF, ...]]:
        """The stroke (stopping at the heads' base) and the heads."""
        if self._stroke is None:
            if self._key is None:  # never routed: nothing to draw
                self._stroke, self._heads = QPainterPath(), ()
            else:
                route, two_way, head = self._route, self._key[3], self._head_length
                self._stroke = route_path(_shortened(route, head * 0.7 if two_way else 0.0, head * 0.7))
                self._heads = tuple(_polygon(points) for points in self._head_points)
        return self._stroke, self._heads

    # ---------------------------------------------------------------- queries
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:  # a cache of the route, made when first needed
            line, (_stroke, heads) = self._line_path(), self._full_drawing()
            stroker = QPainterPathStroker()
            stroker.setWidth(2 * HIT_TOLERANCE)
            shape = stroker.createStroke(line)
            for poly in heads:
                shape.addPolygon(poly)
            if self._label:
                shape.addRect(self._label_rect)
            shape.setFillRule(Qt.FillRule.WindingFill)
            self._shape = shape
        return self._shape

    def line_path(self) -> QPainterPath:
        """The connector's centre line, in item coordinates (``mapToScene`` for the scene)."""
        return self._line_path()

    def route(self) -> Route:
        """The route as drawn, in item coordinates (the same object until it changes)."""
        return self._route

    def midpoint(self) -> QPointF:
        """Half way along the arrow, in item coordinates."""
        return QPointF(*self._route.midpoint())

    def label_rect(self) -> QRectF:
        return self._label_rect

    # ---------------------------------------------------------------- drawing
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        selected = self.isSelected()  # (what the scene puts in option.state, read cheaply)
        colour = style.SELECTION if selected else style.ARROW
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if lod < LOD_NO_HEADS:
            painter.setPen(style.pen(colour, style.ARROW_WIDTH + 0.3))
            painter.drawPath(self._line_path())
            return
        stroke, heads = self._full_drawing()
        painter.setPen(style.pen(colour, style.ARROW_WIDTH + (0.9 if selected else 0.0)))
        painter.drawPath(stroke)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for poly in heads:
            painter.drawPolygon(poly)
