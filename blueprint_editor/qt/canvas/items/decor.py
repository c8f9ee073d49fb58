"""The blueprint's frame: lane bands and headers, column guides, phase headers, the lines.

These items are few (one per lane, phase and line) and are rebuilt by the scene whenever
the lane, column or phase structure or a lane's height changes. Each computes its text
and shapes in its constructor; ``paint()`` only draws. Headers are *sticky*: the view
moves them (``set_sticky``) so lane titles stay visible when scrolling sideways and the
phase band stays visible when scrolling down; a phase's title slides along its band so it
stays in view (right of the lane headers) as long as any part of the phase is.

Fonts follow the scene's text size (:class:`~blueprint_editor.core.layout.Metrics`); lane
titles are wrapped in core (the lane is tall enough for the whole title).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from blueprint_editor.core.layout import GridLayout, LineSpec, PhaseSpan
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.editing.plain_text import tooltip

Z_BAND, Z_GUIDE, Z_LINE = 0.0, 1.0, 3.0
Z_HEADER_BAND, Z_PHASE, Z_LANE_HEADER, Z_LINE_LABEL, Z_CORNER = 40.0, 41.0, 45.0, 46.0, 50.0


class _Static(QGraphicsItem):
    """An item with a fixed bounding rect that ignores the mouse unless told otherwise."""

    def __init__(self, bounds: QRectF, z: float):
        super().__init__()
        self._bounds = bounds
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return self._bounds


class LaneBandItem(_Static):
    """The softly tinted band of one lane across the grid."""

    def __init__(self, lane_id: str, kind: str, rect: QRectF):
        super().__init__(rect, Z_BAND)
        self.lane_id = lane_id
        self._tint = style.lane_tint(kind)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self._bounds
        painter.fillRect(r, self._tint)
        painter.setPen(style.pen(style.GRID, 1.0))
        painter.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))


class LaneHeaderItem(_Static):
    """The lane's title strip at the left (sticky when scrolling sideways)."""

    def __init__(self, lane_id: str, kind: str, title: str, rect: QRectF, layout: GridLayout):
        super().__init__(rect, Z_LANE_HEADER)
        m = layout.metrics
        self.lane_id = lane_id
        self._accent = style.lane_accent(kind)
        self._bg = style.lane_header_bg(kind)
        self._kind_ink = style.kind_ink(kind)
        self._px, self._kind_px = m.header_px, m.small_px
        lines = layout.lane_lines.get(lane_id) or [" "]
        shows_kind = layout.lane_shows_kind.get(lane_id, False)
        fm = QFontMetricsF(style.font(m.header_px, True))
        kind_fm = QFontMetricsF(style.font(m.small_px, True))
        step = m.header_line
        block = len(lines) * step + (m.small_line + 4 if shows_kind else 0)
        top = rect.top() + max(10.0, (rect.height() - block) / 2)
        x = rect.left() + m.header_pad + 4
        self._lines = [(QPointF(x, top + i * step + fm.ascent()), line) for i, line in enumerate(lines)]
        # the kind is shown under the title unless the title already says it
        self._kind = style.KIND_NAMES.get(kind, kind).upper() if shows_kind else ""
        self._kind_pos = QPointF(x, top + len(lines) * step + 4 + kind_fm.ascent())
        self._accent_rect = QRectF(rect.left(), rect.top(), 6, rect.height())
        self.setToolTip(tooltip(f"{title} ({style.KIND_NAMES.get(kind, kind)} lane)"))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self._bounds
        painter.fillRect(r, self._bg)
        painter.fillRect(self._accent_rect, self._accent)
        painter.setPen(style.pen(style.HEADER_BORDER, style.BORDER_WIDTH))
        painter.drawLine(QPointF(r.right(), r.top()), QPointF(r.right(), r.bottom()))
        painter.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
        painter.setPen(style.INK)
        painter.setFont(style.font(self._px, True))
        for pos, text in self._lines:
            painter.drawText(pos, text)
        if self._kind:
            painter.setPen(self._kind_ink)
            painter.setFont(style.font(self._kind_px, True))
            painter.drawText(self._kind_pos, self._kind)


class ColumnGuideItem(_Static):
    """Faint vertical guides between columns, one path for the whole grid."""

    def __init__(self, layout: GridLayout):
        top, bottom = layout.grid_top, layout.height
        w = layout.metrics.column_width
        right = layout.grid_left + w * len(layout.column_order)
        super().__init__(
            QRectF(layout.grid_left - 1, top - 1, right - layout.grid_left + 2, bottom - top + 2), Z_GUIDE
        )
        self._xs = [layout.grid_left + k * w for k in range(len(layout.column_order) + 1)]
        self._top, self._bottom = top, bottom
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # only the guides in the exposed part (a wide blueprint has thousands)
        ex = option.exposedRect
        xs = self._xs
        lo, hi = bisect_left(xs, ex.left() - 1), bisect_right(xs, ex.right() + 1)
        painter.setPen(style.pen(style.GRID, 1.0, Qt.PenStyle.DashLine))
        for x in xs[lo:hi]:
            painter.drawLine(QPointF(x, self._top), QPointF(x, self._bottom))


class HeaderBandItem(_Static):
    """The band above the grid that carries the phase headers (sticky when scrolling down)."""

    def __init__(self, layout: GridLayout):
        m = layout.metrics
        rect = QRectF(m.header_width, 0, max(0.0, layout.width - m.header_width), layout.phase_band)
        super().__init__(rect, Z_HEADER_BAND)
        self._xs = [layout.grid_left + k * m.column_width for k in range(len(layout.column_order) + 1)]
        self._tick = (layout.phase_band - 10, layout.phase_band)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self._bounds
        ex = option.exposedRect
        painter.fillRect(r.intersected(ex.adjusted(-1, -1, 1, 1)), style.HEADER_BG)
        painter.setPen(style.pen(style.HEADER_BORDER, style.BORDER_WIDTH))
        xs = self._xs
        y0, y1 = self._tick
        for x in xs[bisect_left(xs, ex.left() - 1) : bisect_right(xs, ex.right() + 1)]:
            painter.drawLine(QPointF(x, y0), QPointF(x, y1))
        painter.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))


class PhaseHeaderItem(_Static):
    """One phase: a dark band spanning its columns, with its title.

    The title is centred in the part of the band that is in view: :meth:`set_view`
    (called by the scene when the view scrolls) slides it between the lane headers and
    the view's right edge, so it stays readable while any part of the phase is on screen.
    A title wider than its band wraps (in core: ``PhaseSpan.lines``) and the band grows
    for it; nothing is elided.
    """

    def __init__(self, span: PhaseSpan, height: float, layout: GridLayout):
        m = layout.metrics
        rect = QRectF(span.x + 3, 6, span.w - 6, height - 12)
        super().__init__(rect, Z_PHASE)
        self.phase_id = span.phase
        px = m.header_px
        fm = style.font_metrics(px, True)
        lines = list(span.lines) or [span.title or " "]  # wrapped in core, whole
        self._px = px
        line_h = m.header_line
        top = rect.center().y() - len(lines) * line_h / 2 + style.baseline(px, True, line_h)
        self._text = [(fm.horizontalAdvance(t), top + i * line_h, t) for i, t in enumerate(lines)]
        self._text_w = max(w for w, _, _ in self._text)
        self._draw: list[tuple[QPointF, str]] = []
        self.set_view(rect.left(), rect.right())
        self.setToolTip(tooltip(span.title))

    def title_lines(self) -> list[str]:
        """The title as drawn, one string per line (the whole title)."""
        return [text for _pos, text in self._draw]

    def text_rect(self) -> QRectF:
        """Where the title is drawn now (item coordinates)."""
        if not self._draw:
            return QRectF()
        left = min(p.x() for p, _ in self._draw)
        return QRectF(left, self._bounds.top(), self._text_w, self._bounds.height())

    def set_view(self, left: float, right: float) -> None:
        """Centre the title in the part of the band in view, between scene x ``left``
        (the lane headers' right edge) and ``right`` (the view's right edge), never past
        the band's ends: it stays readable while any part of the phase is on screen."""
        r = self._bounds
        lo, hi = r.left() + 8, r.right() - 8
        seen_lo, seen_hi = max(lo, left + 8), min(hi, right - 8)
        if seen_hi <= seen_lo:  # the phase is out of view: where it would be
            seen_lo, seen_hi = (lo, hi) if right <= lo or left >= hi else (seen_lo, seen_hi)
        centre = (seen_lo + seen_hi) / 2
        draw = []
        for w, y, text in self._text:
            if w <= seen_hi - seen_lo:  # fits the visible part: centred in it
                x = max(seen_lo, min(centre - w / 2, seen_hi - w))
            else:  # wider than the visible part: its start in view
                x = seen_lo
            x = max(lo, min(x, hi - w))  # never past the band's ends
            draw.append((QPointF(x, y), text))
        if draw != self._draw:
            self._draw = draw
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.PHASE_BG)
        painter.drawRoundedRect(self._bounds, 6, 6)
        painter.setPen(style.PHASE_INK)
        painter.setFont(style.font(self._px, True))
        for pos, text in self._draw:
            painter.drawText(pos, text)


class CornerItem(_Static):
    """The top-left corner above the lane headers: a plain cell (the blueprint's title is
    in the window's title bar and the export's heading, never repeated here cut off)."""

    def __init__(self, title: str, layout: GridLayout):
        m = layout.metrics
        super().__init__(QRectF(0, 0, m.header_width, layout.phase_band), Z_CORNER)
        self.setToolTip(tooltip(title))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self._bounds
        painter.fillRect(r, style.HEADER_BG)
        painter.setPen(style.pen(style.HEADER_BORDER, style.BORDER_WIDTH))
        painter.drawLine(QPointF(r.right(), r.top()), QPointF(r.right(), r.bottom()))
        painter.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))


_LINE_STYLE = {
    "interaction": (1.8, Qt.PenStyle.DashLine),
    "visibility": (2.4, Qt.PenStyle.DashLine),
    "internal": (1.8, Qt.PenStyle.DashDotLine),
}


class BlueprintLineItem(_Static):
    """One of the three lines (interaction, visibility, internal interaction), dashed."""

    def __init__(self, spec: LineSpec, layout: GridLayout):
        x0, x1 = layout.grid_left, layout.width
        width, self._dash = _LINE_STYLE.get(spec.key, (1.8, Qt.PenStyle.DashLine))
        self._width = width * style.LINE_SCALE  # thicker in the projector theme
        half = max(2.0, self._width / 2 + 0.5)
        super().__init__(QRectF(x0, spec.y - half, max(0.0, x1 - x0), 2 * half), Z_LINE)
        self.key = spec.key
        self.label = spec.label
        self._y = spec.y
        # dash pattern length in scene units (Qt's patterns: dash 4+2, dash-dot 4+2+1+2)
        self._period = self._width * (6 if self._dash == Qt.PenStyle.DashLine else 9)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # draw only the exposed stretch, starting on a whole dash period so the dashes
        # stay put when scrolling (a wide blueprint's line is tens of thousands of dashes)
        r, ex = self._bounds, option.exposedRect
        start = r.left() + max(0, int((ex.left() - r.left()) // self._period)) * self._period
        end = min(r.right(), ex.right() + self._period)
        if end <= start:
            return
        p = style.pen(style.LINE_INK, self._width, self._dash)
        p.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(p)
        painter.drawLine(QPointF(start, self._y), QPointF(end, self._y))


class LineLabelItem(_Static):
    """The label of a line in a small pill just right of the lane headers (sticky).

    At the small text size (never smaller), on one line: a label longer than the header
    is wide reaches past it along the line (the lane padding keeps cards clear of it)."""

    def __init__(self, spec: LineSpec, layout: GridLayout):
        m = layout.metrics
        px = m.small_px
        fm = QFontMetricsF(style.font(px, True))
        text = spec.label
        w, h = fm.horizontalAdvance(text) + 14, fm.height() + 4
        x = 10.0
        super().__init__(QRectF(x, spec.y - h / 2, w, h), Z_LINE_LABEL)
        self.key = spec.key
        self._px = px
        self._text = [(QPointF(x + 7, spec.y - h / 2 + 2 + fm.ascent()), text)]
        self._stub = (QPointF(x + w, spec.y), QPointF(max(x + w, m.header_width), spec.y))
        self._pill = QRectF(x, spec.y - h / 2, w, h).adjusted(0.6, 0.6, -0.6, -0.6)
        self._bounds = QRectF(x, spec.y - h / 2, max(w, m.header_width - x), h)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(style.CARD)
        painter.setPen(style.pen(style.LINE_INK, 1.2 * style.LINE_SCALE))
        r = self._pill
        radius = min(r.height() / 2, 10.0)
        painter.drawRoundedRect(r, radius, radius)
        p = style.pen(style.LINE_INK, 1.8 * style.LINE_SCALE, Qt.PenStyle.DashLine)
        p.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(p)
        painter.drawLine(*self._stub)
        painter.setPen(style.LINE_INK)
        painter.setFont(style.font(self._px, True))
        for pos, text in self._text:
            painter.drawText(pos, text)
