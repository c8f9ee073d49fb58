"""Channel icons: one small line drawing per channel of the format (``in-person``, ``phone``,
``email`` ...), in the style of the marker badges: a round chip with a white glyph.

The glyphs are painter paths on a 16 x 16 grid, made once and scaled into the chip's
rectangle when drawn (no geometry is decided while painting).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap, QTransform

from blueprint_editor.core.model import CHANNELS
from blueprint_editor.qt.canvas import style

#: The chip's colour (one for all channels: the glyph tells them apart).
CHIP = QColor("#4b5d78")
GLYPH = QColor("#ffffff")

NAMES = {
    "in-person": "In person",
    "phone": "Phone",
    "email": "Email",
    "web": "Web",
    "app": "App",
    "chat": "Chat",
    "sms": "SMS",
    "letter": "Letter",
    "kiosk": "Kiosk",
    "video": "Video",
    "social": "Social media",
}


def _rect(x: float, y: float, w: float, h: float, r: float = 0.0) -> QPainterPath:
    p = QPainterPath()
    if r:
        p.addRoundedRect(QRectF(x, y, w, h), r, r)
    else:
        p.addRect(QRectF(x, y, w, h))
    return p


def _poly(*points: tuple[float, float], close: bool = False) -> QPainterPath:
    p = QPainterPath(QPointF(*points[0]))
    for pt in points[1:]:
        p.lineTo(QPointF(*pt))
    if close:
        p.closeSubpath()
    return p


def _circle(cx: float, cy: float, r: float) -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(cx, cy), r, r)
    return p


@cache
def glyph(channel: str) -> QPainterPath:
    """The channel's glyph as a stroked outline on a 16 x 16 grid."""
    p = QPainterPath()
    if channel == "in-person":  # a person: head and shoulders
        p.addPath(_circle(8, 5, 2.6))
        shoulders = QPainterPath(QPointF(3, 14))
        shoulders.cubicTo(QPointF(3, 8.5), QPointF(13, 8.5), QPointF(13, 14))
        p.addPath(shoulders)
    elif channel == "phone":  # a handset
        h = QPainterPath(QPointF(4, 3))
        h.lineTo(6.5, 3)
        h.lineTo(7.5, 6)
        h.lineTo(6, 7.2)
        h.cubicTo(QPointF(6.8, 9), QPointF(7.5, 9.7), QPointF(9, 10.3))
        h.lineTo(10.2, 8.8)
        h.lineTo(13, 9.8)
        h.lineTo(13, 12.5)
        h.cubicTo(QPointF(8, 13.5), QPointF(2.5, 8), QPointF(4, 3))
        p.addPath(h)
    elif channel == "email":  # an envelope
        p.addPath(_rect(2.5, 4, 11, 8, 1))
        p.addPath(_poly((2.8, 4.5), (8, 8.8), (13.2, 4.5)))
    elif channel == "web":  # a globe
        p.addPath(_circle(8, 8, 5.5))
        p.addPath(_poly((2.5, 8), (13.5, 8)))
        meridian = QPainterPath()
        meridian.addEllipse(QRectF(5.6, 2.5, 4.8, 11))
        p.addPath(meridian)
    elif channel == "app":  # a phone with a home button
        p.addPath(_rect(4.5, 2, 7, 12, 1.5))
        p.addPath(_poly((7, 12), (9, 12)))
    elif channel == "chat":  # a speech bubble with dots
        b = _rect(2.5, 3, 11, 7.5, 2)
        p.addPath(b)
        p.addPath(_poly((5.5, 10.5), (4.5, 13.5), (8.5, 10.5)))
        for x in (5.5, 8, 10.5):
            p.addPath(_poly((x, 6.8), (x + 0.01, 6.8)))
    elif channel == "sms":  # a bubble with text lines
        p.addPath(_rect(2.5, 3, 11, 7.5, 2))
        p.addPath(_poly((5.5, 10.5), (4.5, 13.5), (8.5, 10.5)))
        p.addPath(_poly((5, 5.8), (11, 5.8)))
        p.addPath(_poly((5, 7.8), (9, 7.8)))
    elif channel == "letter":  # a sheet with a folded corner and lines
        p.addPath(_poly((4, 2.5), (9.5, 2.5), (12, 5), (12, 13.5), (4, 13.5), close=True))
        p.addPath(_poly((9.5, 2.5), (9.5, 5), (12, 5)))
        p.addPath(_poly((6, 8), (10, 8)))
        p.addPath(_poly((6, 10.5), (10, 10.5)))
    elif channel == "kiosk":  # a screen on a stand
        p.addPath(_rect(4, 2.5, 8, 7, 1))
        p.addPath(_poly((8, 9.5), (8, 13.5)))
        p.addPath(_poly((5, 13.5), (11, 13.5)))
    elif channel == "video":  # a camera
        p.addPath(_rect(2, 5, 8.5, 6.5, 1.2))
        p.addPath(_poly((10.5, 7.5), (14, 5.5), (14, 11), (10.5, 9), close=True))
    elif channel == "social":  # three linked nodes
        for cx, cy in ((4.5, 8), (11.5, 4), (11.5, 12)):
            p.addPath(_circle(cx, cy, 1.8))
        p.addPath(_poly((6.1, 7.1), (9.9, 4.9)))
        p.addPath(_poly((6.1, 8.9), (9.9, 11.1)))
    return p


def paint_channel(painter: QPainter, rect: QRectF, channel: str) -> None:
    """Draw the channel's chip (a round badge with its glyph) inside ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CHIP)
    painter.drawEllipse(rect)
    scale = rect.width() / 16 * 0.72
    t = QTransform()
    t.translate(rect.center().x() - 8 * scale, rect.center().y() - 8 * scale)
    t.scale(scale, scale)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pen = style.pen(GLYPH, 1.5 * scale)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(t.map(glyph(channel)))
    painter.restore()


@cache
def channel_icon(channel: str) -> QIcon:
    """The channel's chip as an icon (menus, the inspector's choice)."""
    result = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_channel(painter, QRectF(0.5, 0.5, size - 1, size - 1), channel)
        painter.end()
        result.addPixmap(pixmap)
    return result


assert set(NAMES) == set(CHANNELS), "a name for every channel of the format"
