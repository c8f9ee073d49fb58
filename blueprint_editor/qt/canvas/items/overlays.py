"""Transient items of the interactive canvas: the connection handle, the rubber connector,
the drop indicator, the rubber band and the inline title editor.

The scene owns one of each and moves it where it is needed (never one per card), so
they cost nothing at ten thousand steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem

from blueprint_editor.core.layout import Rect
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.items import geometry as geo

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene

Z_DROP, Z_HANDLE, Z_CONNECT, Z_EDITOR, Z_BAND = 8.0, 20.0, 25.0, 35.0, 50.0


class ConnectionHandle(QGraphicsItem):
    """The connection handles of one card: a small circle in the middle of each edge.

    Drag any of them to another card to connect (the scene starts its Connect gesture on
    a press over a knob). The group is placed at the card's top-left corner; it draws
    nothing itself, its four :class:`HandleKnob` children do.
    """

    def __init__(self):
        super().__init__()
        self.step_id: str | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.setZValue(Z_HANDLE)
        self.knobs = {side: HandleKnob(self, side) for side in geo.HANDLE_SIDES}
        self.hide()

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass

    def attach(self, step_id: str | None, card: QRectF | None = None) -> None:
        self.step_id = step_id
        if step_id is None or card is None:
            self.hide()
            return
        self.setPos(card.topLeft())
        local = Rect(0.0, 0.0, card.width(), card.height())
        for side, knob in self.knobs.items():
            knob.setPos(*geo.handle_center(local, side))
        self.show()

    def covers(self, pos: QPointF | None) -> bool:
        """Is the mouse over one of the knobs (or is scene point ``pos`` on one)?"""
        if not self.isVisible():
            return False
        return any(
            k.isUnderMouse() or (pos is not None and k.sceneBoundingRect().contains(pos))
            for k in self.knobs.values()
        )


class HandleKnob(QGraphicsItem):
    """One handle of a :class:`ConnectionHandle` (on the ``side`` edge of the card)."""

    def __init__(self, group: ConnectionHandle, side: str):
        super().__init__(group)
        self.owner = group  # (not "group": QGraphicsItem.group() is a method)
        self.side = side
        self._hot = False
        r = geo.HANDLE_RADIUS
        self._rect = QRectF(-r, -r, 2 * r, 2 * r)
        plus = QPainterPath()
        plus.moveTo(-3.5, 0)
        plus.lineTo(3.5, 0)
        plus.moveTo(0, -3.5)
        plus.lineTo(0, 3.5)
        self._plus = plus
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip("Drag to another step to connect")

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(self._rect.adjusted(-2, -2, 2, 2))
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(style.SELECTION if self._hot else style.CARD)
        painter.setPen(style.pen(style.SELECTION, 1.8))
        painter.drawEllipse(self._rect)
        painter.setPen(style.pen(style.CARD if self._hot else style.SELECTION, 1.6))
        painter.drawPath(self._plus)

    def hoverEnterEvent(self, event) -> None:
        self._hot = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hot = False
        self.update()
        scene = cast("BlueprintScene | None", self.scene())  # (the knob is the canvas's own)
        if scene is not None:
            scene.input.handle_left()


class ConnectLineItem(QGraphicsItem):
    """The dashed connector that follows the cursor while connecting."""

    def __init__(self):
        super().__init__()
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._bounds = QRectF()
        self.setZValue(Z_CONNECT)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def set_route(self, src: Rect, x: float, y: float) -> None:
        self.prepareGeometryChange()
        route = geo.route_to_point(src, x, y)
        path = QPainterPath(QPointF(*route.p0))
        path.cubicTo(QPointF(*route.c1), QPointF(*route.c2), QPointF(*route.p3))
        self._path = path
        self._head = QPolygonF(
            [QPointF(px, py) for px, py in geo.arrow_head(route.p3, route.end_direction())]
        )
        self._bounds = path.boundingRect().united(self._head.boundingRect()).adjusted(-3, -3, 3, 3)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(style.pen(style.SELECTION, 2.0, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.SELECTION)
        painter.drawPolygon(self._head)


class DropIndicatorItem(QGraphicsItem):
    """Where a dragged card or a palette item will land: the cell and the stack slot."""

    def __init__(self):
        super().__init__()
        self._cell = QRectF()
        self._slot = QRectF()
        self._bounds = QRectF()
        self.setZValue(Z_DROP)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def show_at(self, cell: QRectF, slot_y: float, slot_x: float, slot_w: float) -> None:
        self.prepareGeometryChange()
        self._cell = cell
        self._slot = QRectF(slot_x, slot_y - 2, slot_w, 4)
        self._bounds = cell.adjusted(-2, -2, 2, 2)
        self.show()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        fill = style.DROP.lighter(190)
        fill.setAlpha(70)
        painter.setBrush(fill)
        painter.setPen(style.pen(style.DROP, 1.5, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(self._cell.adjusted(2, 2, -2, -2), 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.DROP)
        painter.drawRoundedRect(self._slot, 2, 2)


class RubberBandItem(QGraphicsItem):
    """The selection rectangle while dragging on empty canvas."""

    def __init__(self):
        super().__init__()
        self._rect = QRectF()
        self.setZValue(Z_BAND)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def show_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)
        self.show()
        self.update()

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        fill = style.SELECTION.lighter(170)
        fill.setAlpha(50)
        pen = style.pen(style.SELECTION, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRect(self._rect)


class TitleEditor(QGraphicsTextItem):
    """Inline title editing over a card: Enter commits, Escape cancels, Shift+Enter breaks,
    Tab commits and adds the next step to the right (the scene's focusNextPrevChild).

    It only says so (``committed``, ``cancelled``); the scene's TitleEdit gesture acts."""

    #: Enter, or the focus went elsewhere: keep the typed title
    committed = Signal()
    #: Escape: throw the typed title away
    cancelled = Signal()
    #: Tab: keep the title and go on to the next step
    tabbed = Signal()

    def __init__(self):
        super().__init__()
        self.step_id: str | None = None
        self._card = QRectF()
        self.setZValue(Z_EDITOR)
        self.setFont(style.font(13, True))
        self.setDefaultTextColor(style.INK)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(opt)
        self.hide()

    def open(self, step_id: str, card: QRectF, text: str, pixel_size: int = 13) -> None:
        """Edit ``text`` over ``card`` in the cards' title font (``pixel_size``)."""
        self.step_id = step_id
        self.prepareGeometryChange()
        self._card = QRectF(card)
        self.setFont(style.font(pixel_size, True))
        self.setPlainText(text)
        self.setTextWidth(card.width() - 16)
        self.setPos(card.left() + 8, card.top() + 4)
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(cursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def is_open(self) -> bool:
        return self.step_id is not None

    def close_editor(self) -> None:
        self.step_id = None
        self.clearFocus()
        self.hide()

    def frame(self) -> QRectF:
        """The editor's white frame (item coordinates): around the text, and at least over
        the card's title area, so the card's old title never shows beside the new one."""
        text = QGraphicsTextItem.boundingRect(self).adjusted(-4, -2, 4, 2)
        if self._card.isEmpty():
            return text
        # the item sits at (card.left + 8, card.top + 4): the card's inside, 4 units in
        inside = QRectF(-4, -2, self._card.width() - 8, self._card.height() - 8 - geo.FOOTER_HEIGHT)
        return text.united(inside)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(style.CARD)
        painter.setPen(style.pen(style.SELECTION, 2.0))
        painter.drawRoundedRect(self.frame(), 5, 5)
        super().paint(painter, option, widget)

    def boundingRect(self) -> QRectF:
        return self.frame().adjusted(-1, -1, 1, 1)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.committed.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def sceneEvent(self, event) -> bool:
        """Tab (which QGraphicsTextItem types as a character before any key handler
        sees it) keeps the title and adds the next step to the right."""
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Tab
            and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        ):
            self.tabbed.emit()
            event.accept()
            return True
        return super().sceneEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if self.is_open() and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.committed.emit()


class CellCursorItem(QGraphicsItem):
    """The keyboard's cell cursor: a dashed frame around the cell the keys act on."""

    def __init__(self):
        super().__init__()
        self._cell = QRectF()
        self.setZValue(Z_DROP)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def show_at(self, cell: QRectF) -> None:
        if cell != self._cell:
            self.prepareGeometryChange()
            self._cell = QRectF(cell)
        self.show()

    def cell_rect(self) -> QRectF:
        return QRectF(self._cell)

    def boundingRect(self) -> QRectF:
        return self._cell.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(style.pen(style.SELECTION, 2.0, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(self._cell.adjusted(3, 3, -3, -3), 7, 7)
