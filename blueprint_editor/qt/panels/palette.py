"""The step palette: kinds of step to drag onto the canvas.

Each entry is a *preset* of step fields (a fail point is a step with ``fail_point`` set
...). Dragging an entry starts a QDrag whose MIME data (:mod:`.mime`) carries the preset;
the canvas adds the step in the cell under the cursor. Icons are the cards' own badges.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from blueprint_editor.qt.canvas import mime, style

#: (name, preset fields, badge kind or None, tooltip)
PRESETS: tuple[tuple[str, dict, str | None, str], ...] = (
    ("Step", {"title": "New step"}, None, "A plain step"),
    (
        "Fail point",
        {"title": "New step", "fail_point": True},
        "fail_point",
        "A step where things often go wrong",
    ),
    (
        "Wait point",
        {"title": "New step", "wait_point": True},
        "wait_point",
        "A step where the customer waits",
    ),
    (
        "Moment of truth",
        {"title": "New step", "moment_of_truth": True},
        "moment_of_truth",
        "A step that makes or breaks the experience",
    ),
    (
        "Self-service step",
        {"title": "New step", "self_service": True},
        "self_service",
        "The customer does it themself (app, kiosk ...)",
    ),
)

PRESET_ROLE = Qt.ItemDataRole.UserRole + 1


def preset_icon(badge: str | None, size: int = 32) -> QIcon:
    """A small card with the preset's badge, drawn like the cards on the canvas."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    card = QRectF(2, 5, size - 4, size - 10)
    p.setPen(style.pen(style.CARD_BORDER, 1.0))
    p.setBrush(style.CARD)
    p.drawRoundedRect(card, 4, 4)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(style.lane_accent("customer"))
    p.drawRoundedRect(QRectF(card.left(), card.top(), 4, card.height()), 2, 2)
    if badge:
        b = 16.0
        style.paint_marker(p, badge, QRectF(size - b - 3, size - b - 3, b, b))
    else:
        p.setPen(style.pen(style.FAINT, 2.0))
        for k in range(2):
            y = card.top() + 7 + k * 6
            p.drawLine(QPointF(card.left() + 8, y), QPointF(card.right() - 6 - k * 6, y))
    p.end()
    return QIcon(pixmap)


class _PresetList(QListWidget):
    def mimeTypes(self) -> list[str]:
        return [mime.STEP_MIME]

    def mimeData(self, items):  # noqa: N802 (Qt name)
        if not items:
            return None
        return mime.encode_step(dict(items[0].data(PRESET_ROLE)))

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction


class PaletteWidget(QWidget):
    """A list of step kinds; drag one onto the canvas to add a step."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        style.load_fonts()
        self.list = _PresetList(self)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setIconSize(QSize(32, 32))
        self.list.setSpacing(2)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for name, fields, badge, tip in PRESETS:
            item = QListWidgetItem(preset_icon(badge), name)
            item.setData(PRESET_ROLE, dict(fields))
            item.setToolTip(f"{tip}. Drag onto the canvas.")
            self.list.addItem(item)
        hint = QLabel("Drag onto a lane to add a step. Double-click an empty cell to add one there.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b7a;")
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.list, 1)
        box.addWidget(hint)

    def names(self) -> list[str]:
        return [name for name, *_ in PRESETS]

    def preset(self, name: str) -> dict:
        for n, fields, _badge, _tip in PRESETS:
            if n == name:
                return dict(fields)
        raise KeyError(name)

    def mime_data_for(self, name: str):
        """The drag payload of an entry (what a drag of it carries)."""
        return mime.encode_step(self.preset(name))
