"""The frame of the canvas: lane bands and headers, column guides, the phase band and its
headers, the three lines with their labels and the title corner.

:class:`CanvasFrame` builds these items from the layout and puts them in its scene. It
rebuilds them only when something they show changed (a signature of the layout and the
titles), and moves the sticky ones (lane headers and line labels sideways, the phase band
down, the corner both ways) so they stay visible while the view scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from blueprint_editor.core.layout import GridLayout
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.canvas.items import (
    BlueprintLineItem,
    ColumnGuideItem,
    CornerItem,
    HeaderBandItem,
    LaneBandItem,
    LaneHeaderItem,
    LineLabelItem,
    PhaseHeaderItem,
)


class CanvasFrame:
    def __init__(self, scene: QGraphicsScene):
        self.scene = scene
        self._items: list[QGraphicsItem] = []
        self._sticky_x: list[QGraphicsItem] = []
        self._sticky_y: list[QGraphicsItem] = []
        self._corner: CornerItem | None = None
        self._key: tuple | None = None
        #: where the sticky items are held (scene x, scene y)
        self.sticky = (0.0, 0.0)
        self.sticky_right: float | None = None

    def invalidate(self) -> None:
        """Rebuild at the next :meth:`update` even if the signature is the same."""
        self._key = None

    @staticmethod
    def _signature(g: GridLayout, bp: Blueprint) -> tuple:
        return (
            tuple(
                (lane.id, lane.kind, lane.title, g.lane_top[lane.id], g.lane_height[lane.id])
                for lane in bp.lanes
            ),
            len(g.column_order),
            tuple(g.phases),
            tuple(g.lines),
            g.width,
            g.height,
            bp.title,
        )

    def update(self, g: GridLayout, bp: Blueprint) -> bool:
        """Rebuild the items if what they show changed; True if they were rebuilt."""
        key = self._signature(g, bp)
        if key == self._key:
            return False
        self._key = key
        for item in self._items:
            self.scene.removeItem(item)
        self._items, self._sticky_x, self._sticky_y = [], [], []
        m = g.metrics
        for lane in bp.lanes:
            top, h = g.lane_top[lane.id], g.lane_height[lane.id]
            self._items.append(
                LaneBandItem(lane.id, lane.kind, QRectF(m.header_width, top, g.width - m.header_width, h))
            )
            header = LaneHeaderItem(lane.id, lane.kind, lane.title, QRectF(0, top, m.header_width, h), g)
            self._items.append(header)
            self._sticky_x.append(header)
        self._items.append(ColumnGuideItem(g))
        band = HeaderBandItem(g)
        self._items.append(band)
        self._sticky_y.append(band)
        for span in g.phases:
            phase = PhaseHeaderItem(span, g.phase_band, g)
            self._items.append(phase)
            self._sticky_y.append(phase)
        for spec in g.lines:
            self._items.append(BlueprintLineItem(spec, g))
            label = LineLabelItem(spec, g)
            self._items.append(label)
            self._sticky_x.append(label)
        self._corner = CornerItem(bp.title, g)
        self._items.append(self._corner)
        for item in self._items:
            self.scene.addItem(item)
        self.set_sticky(g, *self.sticky, self.sticky_right)
        return True

    def set_sticky(self, g: GridLayout, x: float, y: float, right: float | None = None) -> None:
        """Hold the sticky items at scene x / y (clamped to the blueprint); phase titles
        centre in the part of their band between the lane headers and ``right`` (the
        view's right edge; None: the blueprint's)."""
        m = g.metrics
        x = max(0.0, min(float(x), max(0.0, g.width - m.header_width)))
        y = max(0.0, min(float(y), max(0.0, g.height - g.phase_band)))
        self.sticky = (x, y)
        self.sticky_right = right
        for item in self._sticky_x:
            if item.x() != x:
                item.setX(x)
        for item in self._sticky_y:
            if item.y() != y:
                item.setY(y)
            if isinstance(item, PhaseHeaderItem):  # its title slides along into view
                item.set_view(x + m.header_width, g.width if right is None else right)
        if self._corner is not None:
            self._corner.setPos(x, y)

    def lane_headers(self) -> list[LaneHeaderItem]:
        return [i for i in self._sticky_x if isinstance(i, LaneHeaderItem)]

    def phase_headers(self) -> list[PhaseHeaderItem]:
        return [i for i in self._sticky_y if isinstance(i, PhaseHeaderItem)]

    def lines(self) -> list[BlueprintLineItem]:
        return [i for i in self._items if isinstance(i, BlueprintLineItem)]
