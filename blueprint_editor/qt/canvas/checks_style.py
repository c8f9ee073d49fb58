"""How a finding looks: severity colours, names and the small drawn icons.

Shared by the findings panel, the status bar summary and the canvas badges, so a
warning is the same amber triangle everywhere. Icons are drawn (no image files), so they
are crisp at any device pixel ratio and identical on every platform.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 0, "warning": 1, "info": 2}

COLOURS = {
    "error": QColor("#d0342c"),
    "warning": QColor("#e08a00"),
    "info": QColor("#2f6fd0"),
}

NAMES = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "info": ("info", "info"),
}


def severity_of(finding) -> str:
    return finding.severity if finding.severity in RANK else "warning"


def worst(findings) -> str:
    """The most severe severity among ``findings`` (``info`` when empty)."""
    best = "info"
    for f in findings:
        sev = severity_of(f)
        if RANK[sev] < RANK[best]:
            best = sev
    return best


def count_by_severity(findings) -> dict[str, int]:
    counts = {sev: 0 for sev in SEVERITIES}
    for f in findings:
        counts[severity_of(f)] += 1
    return counts


def summary_text(counts: dict[str, int]) -> str:
    """``"1 error, 3 warnings, 1 info"``; ``"No problems found"`` when all are zero."""
    parts = []
    for sev in SEVERITIES:
        n = counts.get(sev, 0)
        if n:
            one, many = NAMES[sev]
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts) if parts else "No problems found"


def paint_symbol(painter: QPainter, rect: QRectF, severity: str) -> None:
    """Draw the severity symbol filling ``rect``: a red disc with "!" for an error, an
    amber triangle with "!" for a warning, a blue disc with "i" for info."""
    colour = COLOURS.get(severity, COLOURS["warning"])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(colour.darker(130), max(1.0, rect.width() / 16)))
    painter.setBrush(colour)
    if severity == "warning":
        path = QPainterPath()
        path.moveTo(QPointF(rect.center().x(), rect.top() + rect.height() * 0.04))
        path.lineTo(QPointF(rect.right() - rect.width() * 0.02, rect.bottom() - rect.height() * 0.06))
        path.lineTo(QPointF(rect.left() + rect.width() * 0.02, rect.bottom() - rect.height() * 0.06))
        path.closeSubpath()
        painter.drawPath(path)
        text_rect = QRectF(rect.left(), rect.top() + rect.height() * 0.22, rect.width(), rect.height() * 0.74)
    else:
        inset = rect.width() * 0.04
        painter.drawEllipse(rect.adjusted(inset, inset, -inset, -inset))
        text_rect = rect
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(6, int(rect.height() * (0.62 if severity != "warning" else 0.56))))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, "i" if severity == "info" else "!")
    painter.restore()


#: The largest size (device pixels) a symbol is copied at; larger ones are scaled up.
SYMBOL_MAX = 256


@lru_cache(maxsize=256)
def symbol_pixmap(severity: str, size: int) -> QPixmap:
    """The symbol drawn once at ``size`` pixels (a canvas badge copies it)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_symbol(painter, QRectF(0, 0, size, size), severity)
    painter.end()
    return pixmap


def symbol_size_for(pixels: float) -> int:
    """The whole number of pixels to draw a symbol ``pixels`` wide at (2 to SYMBOL_MAX)."""
    return max(2, min(SYMBOL_MAX, math.ceil(pixels)))


@cache
def severity_icon(severity: str) -> QIcon:
    """A drawn icon for ``severity`` at 16, 24 and 32 pixels."""
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_symbol(painter, QRectF(1, 1, size - 2, size - 2), severity)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def ok_icon() -> QIcon:
    """A green disc with a tick: no problems found."""
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = QColor("#2e8b57")
        painter.setPen(QPen(colour.darker(130), max(1.0, size / 16)))
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
        tick = QPainterPath()
        tick.moveTo(size * 0.28, size * 0.52)
        tick.lineTo(size * 0.44, size * 0.68)
        tick.lineTo(size * 0.72, size * 0.34)
        painter.setPen(
            QPen(
                QColor("white"),
                max(1.5, size / 9),
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
