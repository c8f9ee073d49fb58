"""Find (Ctrl+F): a bar above the canvas; typing rings every matching step.

The matches are :func:`blueprint_editor.core.search.find_steps` (title, description,
owner, tags; every word must appear), in reading order. Typing rings them all and makes
the first the current one (a bolder ring, scrolled into view); Enter or F3 steps to the
next, Shift+Enter or Shift+F3 to the previous, each selecting that step and centring it.
Escape clears the rings, closes the bar and leaves the current match selected, so F2
renames it at once. The rings are one scene item drawn under the cards (not hittable), so
clicks and drags are unchanged; they follow edits and layout changes while the bar is open.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from blueprint_editor.core.document import Document
from blueprint_editor.core.search import find_steps
from blueprint_editor.qt.editing.document_signals import document_signals

Z_FIND = 9.5  # just under the cards (10): the ring shows around each card
RING = 5.0
MATCH = QColor("#f2b600")
CURRENT = QColor("#d9480f")


class MatchRings(QGraphicsItem):
    """Rings around the matching cards; the geometry is set, never computed in paint."""

    def __init__(self):
        super().__init__()
        self.setZValue(Z_FIND)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._all = QPainterPath()
        self._current = QPainterPath()
        self._bounds = QRectF()
        self._pens = (QPen(MATCH, 3.0), QPen(CURRENT, 5.0))

    def set_rings(self, rects: list[QRectF], current: QRectF | None) -> None:
        self.prepareGeometryChange()
        self._all = QPainterPath()
        bounds = QRectF()
        for rect in rects:
            ring = rect.adjusted(-RING, -RING, RING, RING)
            self._all.addRoundedRect(ring, 8.0, 8.0)
            bounds = bounds.united(ring)
        self._current = QPainterPath()
        if current is not None:
            ring = current.adjusted(-RING, -RING, RING, RING)
            self._current.addRoundedRect(ring, 8.0, 8.0)
            bounds = bounds.united(ring)
        self._bounds = bounds.adjusted(-4, -4, 4, 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # not hittable: clicks and itemAt() find the card

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._pens[0])
        painter.drawPath(self._all)
        painter.setPen(self._pens[1])
        painter.drawPath(self._current)


class FindField(QLineEdit):
    """The query field: Enter/Shift+Enter step through, Escape closes."""

    def __init__(self, bar: FindBar):
        super().__init__(bar)
        self.bar = bar

    def keyPressEvent(self, event) -> None:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.bar.step(-1 if shift else 1)
            return
        if key == Qt.Key.Key_Escape:
            self.bar.close_find()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """The find bar of one canvas (``scene``, ``view``) over ``document``."""

    def __init__(self, document: Document, scene, view, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.document = document
        self.scene = scene
        self.view = view
        #: ids of the matching steps, in reading order, and the current one's index
        self.matches: list[str] = []
        self.current = -1
        self.rings = MatchRings()
        scene.addItem(self.rings)
        self.rings.hide()
        self._listening = False
        document_signals(document).changed.connect(self._on_events)

        self.field = FindField(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find steps: title, description, owner, tags")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._query_changed)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("999 of 9999") + 8)
        self.previous_button = self._button("\u25b2", "Previous match (Shift+F3)", -1)
        self.next_button = self._button("\u25bc", "Next match (F3, Enter)", 1)
        close = QToolButton(self)
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_find)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)
        self.setMaximumWidth(640)
        scene.relayouted.connect(self._redraw)
        scene.rebuilt.connect(self._redraw)

    def _button(self, text: str, tip: str, delta: int) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.step(delta))
        return button

    # ------------------------------------------------------------------ api
    def open_find(self) -> None:
        """Show the bar (its toolbar), focus the field with its text selected."""
        holder = self.parentWidget()
        if holder is not None:
            holder.show()
        self.show()
        self._listen(True)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._refresh(keep=True)

    def close_find(self) -> None:
        """Escape: clear the rings and the query; the current match stays selected."""
        chosen = self.current_id()
        self._listen(False)
        self.matches, self.current = [], -1
        blocked = self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(blocked)
        self.count.clear()
        self.rings.hide()
        holder = self.parentWidget()
        (holder if holder is not None else self).hide()
        if chosen is not None:
            self.scene.select_ids([chosen])
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def step(self, delta: int) -> None:
        """Go to the next (1) or previous (-1) match, select it and centre it."""
        if not self.isVisible():
            self.open_find()
        if not self.matches:
            return
        if self.current < 0:
            self.current = 0 if delta > 0 else len(self.matches) - 1
        else:
            self.current = (self.current + delta) % len(self.matches)
        ident = self.matches[self.current]
        self.scene.select_ids([ident])
        self._redraw()
        item = self.scene.step_item(ident)
        if item is not None:
            self.view.centerOn(item)

    def _card(self, ident: str) -> QRectF:
        r = self.scene.step_rect(ident)  # the layout's card rectangle (follows a drag)
        return QRectF(r.x, r.y, r.w, r.h)

    def current_id(self) -> str | None:
        return self.matches[self.current] if 0 <= self.current < len(self.matches) else None

    # ------------------------------------------------------------ internals
    def _listen(self, on: bool) -> None:
        """Follow the document's changes only while the bar is open (no cost otherwise)."""
        self._listening = on

    def _on_events(self, _events) -> None:
        if self._listening:
            self._refresh(keep=True)

    def _query_changed(self, _text: str) -> None:
        self._refresh(keep=False)
        ident = self.current_id()
        item = self.scene.step_item(ident) if ident is not None else None
        if item is not None:
            self.view.ensureVisible(item, 40, 40)

    def _refresh(self, keep: bool) -> None:
        """Match again; ``keep``: stay on the current step if it still matches."""
        previous = self.current_id() if keep else None
        self.matches = find_steps(self.document.blueprint, self.field.text())
        if previous in self.matches:
            self.current = self.matches.index(previous)
        else:
            self.current = 0 if self.matches else -1
        self._redraw()

    def _redraw(self) -> None:
        if not self.matches:
            self.rings.hide()
            text = self.field.text().strip()
            self.count.setText("No match" if text else "")
            self.field.setStyleSheet("QLineEdit { background: #fde2e1; }" if text else "")
            return
        self.field.setStyleSheet("")
        rects = [self._card(ident) for ident in self.matches if self.scene.step_item(ident) is not None]
        current = self.matches[self.current]
        self.rings.set_rings(
            rects, self._card(current) if self.scene.step_item(current) is not None else None
        )
        self.rings.show()
        self.count.setText(f"{self.current + 1} of {len(self.matches)}")
