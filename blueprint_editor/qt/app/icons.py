"""Simple line icons for the toolbar and menus, drawn with QPainter (no image files).

Drawn on a 24-unit grid and rendered at 24 and 48 pixels, so they stay crisp on
high-density screens and look the same on every platform.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

INK = QColor("#2b3440")
ACCENT = QColor("#2f6fde")
DANGER = QColor("#c23b3b")


def _pen(colour: QColor, width: float = 1.8) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _arrow_head(p: QPainter, tip: QPointF, dx: float, dy: float, size: float = 4.0) -> None:
    # a small open chevron pointing along (dx, dy) (unit vector)
    nx, ny = -dy, dx
    back = QPointF(tip.x() - dx * size, tip.y() - dy * size)
    p.drawPolyline(
        QPolygonF(
            [
                QPointF(back.x() + nx * size, back.y() + ny * size),
                tip,
                QPointF(back.x() - nx * size, back.y() - ny * size),
            ]
        )
    )


def _page(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(6, 3)
    path.lineTo(14, 3)
    path.lineTo(19, 8)
    path.lineTo(19, 21)
    path.lineTo(6, 21)
    path.closeSubpath()
    p.drawPath(path)
    p.drawPolyline(QPolygonF([QPointF(14, 3), QPointF(14, 8), QPointF(19, 8)]))


def _draw(name: str, p: QPainter) -> None:
    p.setPen(_pen(INK))
    p.setBrush(Qt.BrushStyle.NoBrush)
    if name == "new":
        _page(p)
        p.setPen(_pen(ACCENT))
        p.drawLine(QPointF(12.5, 11), QPointF(12.5, 17))
        p.drawLine(QPointF(9.5, 14), QPointF(15.5, 14))
    elif name == "open":
        path = QPainterPath()
        path.moveTo(3, 19)
        path.lineTo(3, 5)
        path.lineTo(9, 5)
        path.lineTo(11, 7)
        path.lineTo(18, 7)
        path.lineTo(18, 10)
        p.drawPath(path)
        p.setPen(_pen(ACCENT))
        p.drawPolygon(QPolygonF([QPointF(3, 19), QPointF(7, 10), QPointF(21, 10), QPointF(17, 19)]))
    elif name == "save":
        p.drawRoundedRect(QRectF(4, 4, 16, 16), 2, 2)
        p.drawRect(QRectF(8, 4, 8, 5))
        p.setPen(_pen(ACCENT))
        p.drawRect(QRectF(7.5, 13, 9, 7))
    elif name in ("undo", "redo"):
        path = QPainterPath()
        path.moveTo(13, 19)
        path.cubicTo(QPointF(3, 19), QPointF(3, 9), QPointF(11, 9))
        path.lineTo(19, 9)
        head = QPainterPath()
        head.moveTo(15, 5)
        head.lineTo(19, 9)
        head.lineTo(15, 13)
        if name == "undo":
            path, head = _mirror(path), _mirror(head)
        p.drawPath(path)
        p.setPen(_pen(ACCENT))
        p.drawPath(head)
    elif name == "delete":
        p.drawLine(QPointF(4, 7), QPointF(20, 7))
        p.drawPolyline(QPolygonF([QPointF(9, 7), QPointF(9, 4), QPointF(15, 4), QPointF(15, 7)]))
        p.setPen(_pen(DANGER))
        p.drawPolygon(QPolygonF([QPointF(6, 7), QPointF(7.5, 21), QPointF(16.5, 21), QPointF(18, 7)]))
        p.drawLine(QPointF(10.5, 11), QPointF(10.5, 17))
        p.drawLine(QPointF(13.5, 11), QPointF(13.5, 17))
    elif name == "connect":
        p.drawRoundedRect(QRectF(2.5, 3.5, 8, 6), 1.5, 1.5)
        p.drawRoundedRect(QRectF(13.5, 14.5, 8, 6), 1.5, 1.5)
        p.setPen(_pen(ACCENT))
        path = QPainterPath()
        path.moveTo(6.5, 9.5)
        path.lineTo(6.5, 17.5)
        path.lineTo(12, 17.5)
        p.drawPath(path)
        _arrow_head(p, QPointF(12.5, 17.5), 1.0, 0.0, 3.0)
    elif name in ("zoom_in", "zoom_out", "actual_size"):
        p.drawEllipse(QPointF(10, 10), 6.5, 6.5)
        p.drawLine(QPointF(15, 15), QPointF(20.5, 20.5))
        p.setPen(_pen(ACCENT))
        if name == "actual_size":
            p.drawLine(QPointF(8.5, 7.5), QPointF(10.5, 6.5))
            p.drawLine(QPointF(10.5, 6.5), QPointF(10.5, 13.5))
        else:
            p.drawLine(QPointF(7, 10), QPointF(13, 10))
            if name == "zoom_in":
                p.drawLine(QPointF(10, 7), QPointF(10, 13))
    elif name == "fit":
        for x, y, dx, dy in ((3, 3, 1, 1), (21, 3, -1, 1), (3, 21, 1, -1), (21, 21, -1, -1)):
            p.drawPolyline(QPolygonF([QPointF(x, y + 5 * dy), QPointF(x, y), QPointF(x + 5 * dx, y)]))
        p.setPen(_pen(ACCENT))
        p.drawRoundedRect(QRectF(8, 9, 8, 6), 1.5, 1.5)
    elif name == "copy" or name == "duplicate":
        p.drawRoundedRect(QRectF(4, 4, 11, 13), 1.5, 1.5)
        p.setPen(_pen(ACCENT))
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(QRectF(9, 8, 11, 13), 1.5, 1.5)
        if name == "duplicate":
            p.drawLine(QPointF(14.5, 11.5), QPointF(14.5, 17.5))
            p.drawLine(QPointF(11.5, 14.5), QPointF(17.5, 14.5))
    elif name == "paste":
        p.drawRoundedRect(QRectF(5, 5, 14, 16), 1.5, 1.5)
        p.setPen(_pen(ACCENT))
        p.drawRoundedRect(QRectF(9, 3, 6, 4), 1, 1)
        p.drawLine(QPointF(9, 12), QPointF(15, 12))
        p.drawLine(QPointF(9, 16), QPointF(15, 16))
    elif name == "cut":
        p.drawEllipse(QPointF(7, 18), 3, 3)
        p.drawEllipse(QPointF(17, 18), 3, 3)
        p.setPen(_pen(ACCENT))
        p.drawLine(QPointF(9, 16), QPointF(17, 3))
        p.drawLine(QPointF(15, 16), QPointF(7, 3))
    elif name == "lane":
        p.drawRect(QRectF(3, 5, 18, 14))
        p.drawLine(QPointF(3, 12), QPointF(21, 12))
        p.setPen(_pen(ACCENT))
        p.drawLine(QPointF(8, 15.5), QPointF(16, 15.5))
    elif name == "column":
        p.drawRect(QRectF(3, 4, 18, 16))
        p.drawLine(QPointF(12, 4), QPointF(12, 20))
        p.setPen(_pen(ACCENT))
        p.drawLine(QPointF(16.5, 9), QPointF(16.5, 15))
    elif name == "vote":  # a card with three voting dots
        p.drawRoundedRect(QRectF(3, 5, 18, 11), 2, 2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#c2185b"))
        for dot_x in (7.5, 12.0, 16.5):
            p.drawEllipse(QPointF(dot_x, 19.5), 2.1, 2.1)


def _mirror(path: QPainterPath) -> QPainterPath:
    from PySide6.QtGui import QTransform

    return QTransform(-1, 0, 0, 1, 24, 0).map(path)


@cache
def icon(name: str) -> QIcon:
    """A drawn icon by name (see :func:`_draw`); an unknown name gives an empty icon."""
    result = QIcon()
    for size in (24, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / 24, size / 24)
        _draw(name, painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
