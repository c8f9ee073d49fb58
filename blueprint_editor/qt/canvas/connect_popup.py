"""The "connect to" popup: type part of a step's title, Enter connects the selected step
to the highlighted one. Up/Down choose, Escape closes without a change.

The list is :func:`core.cells.connect_candidates` (nearest cells first, filtered by the
words typed); the popup only shows it and calls ``connect(source, target)`` once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core import cells
from blueprint_editor.core.document import Document
from blueprint_editor.qt.editing.plain_text import heading_part, plain_label

#: At most this many steps are listed (the nearest ones); typing narrows the list.
MAX_ROWS = 200
STEP_ROLE = Qt.ItemDataRole.UserRole + 1


class ConnectPopup(QDialog):
    def __init__(
        self, doc: Document, source: str, connect: Callable[[str, str], bool], parent: QWidget | None = None
    ):
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("connectPopup")
        self.doc = doc
        self.source = source
        self._connect = connect
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        title = plain_label(
            QLabel(f"Connect \u201c{heading_part(doc.step(source).title)}\u201d to \u2026", self)
        )
        title.setStyleSheet("font-weight: 600;")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("connectFilter")
        self.filter_edit.setPlaceholderText("Type part of a step's title")
        self.list = QListWidget(self)
        self.list.setObjectName("connectList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.itemActivated.connect(self._activated)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(title)
        box.addWidget(self.filter_edit)
        box.addWidget(self.list)
        self.setStyleSheet("#connectPopup { border: 1px solid #1f6feb; background: white; }")
        self.filter_edit.textChanged.connect(self.refill)
        self.filter_edit.installEventFilter(self)
        self.resize(340, 300)
        self.refill("")

    # ------------------------------------------------------------------ list
    def refill(self, text: str) -> None:
        self.list.clear()
        doc = self.doc
        columns = {c.id: i + 1 for i, c in enumerate(doc.blueprint.columns)}
        for sid in cells.connect_candidates(doc, self.source, text)[:MAX_ROWS]:
            step = doc.step(sid)
            lane = doc.lane(step.lane).title
            item = QListWidgetItem(
                f"{heading_part(step.title, 80)}   \u2014 "
                f"{heading_part(lane, 40)}, column {columns[step.column]}"
            )
            item.setData(STEP_ROLE, sid)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def targets(self) -> list[str]:
        return [self.list.item(i).data(STEP_ROLE) for i in range(self.list.count())]

    # ---------------------------------------------------------------- showing
    def open_near(self, card: QRectF, view) -> None:
        """Show under the source card (inside the view) with the keyboard in the filter."""
        at = view.mapFromScene(card.bottomLeft()) + QPoint(0, 6)
        at.setX(max(0, min(at.x(), view.viewport().width() - self.width())))
        at.setY(max(0, min(at.y(), view.viewport().height() - self.height())))
        self.move(view.viewport().mapToGlobal(at))
        self.show()
        self.activateWindow()
        self.filter_edit.setFocus(Qt.FocusReason.PopupFocusReason)

    # ---------------------------------------------------------------- keys
    def eventFilter(self, obj, event) -> bool:
        if obj is self.filter_edit and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = self.list.currentRow() + step
                if 0 <= row < self.list.count():
                    self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activated(self.list.currentItem())
                return True
        return super().eventFilter(obj, event)

    def _activated(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        target = item.data(STEP_ROLE)
        self.close()
        self._connect(self.source, target)
