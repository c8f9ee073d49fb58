"""The canvas view: zoom, pan, rubber-band selection and sticky headers.

- Ctrl+wheel zooms around the cursor (the point under it stays put); :meth:`zoom_in`, :meth:`zoom_out`,
  :meth:`reset_zoom` (100 %), :meth:`fit_all` (width and height); :meth:`show_opened`
  shows a newly opened blueprint at 100 %, or fitted when it does not fit;
  :attr:`zoomChanged` reports the factor.
- Pan with the middle mouse button, or hold Space and drag with the left button.
- Dragging on empty canvas draws a rubber band that selects the cards it touches (the
  scene's RubberBand gesture); near an edge, dragging scrolls the canvas.
- Lane titles stay at the visible left edge when scrolling sideways, the phase band at the
  top when scrolling down (the scene moves its header items, see ``set_sticky``).
- :meth:`set_spotlight` dims everything left and right of a band of columns (presentation
  mode's phase on screen); the lane titles stay clear.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView, QLabel

from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.scene import BlueprintScene

MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
CONNECT_HINT = (
    "Connect mode: click a step, then the step it hands off to (or drag from one to the other). Esc leaves."
)
ZOOM_STEP = 1.25
#: Dragging a card or a connector this close to the edge scrolls the canvas.
AUTOSCROLL_MARGIN = 28
AUTOSCROLL_STEP = 18


class BlueprintView(QGraphicsView):
    zoomChanged = Signal(float)
    #: the view took a new size (after its scroll bars and sticky headers followed)
    resized = Signal()

    def __init__(self, scene: BlueprintScene, parent=None):
        super().__init__(parent)
        #: the canvas this view shows (for its whole life)
        self.canvas = scene
        self._shown_once = False
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, False)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)  # the scene's gestures do it
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)  # keep the top-left
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPoint | None = None
        self._space = False
        self._drag_pos: QPoint | None = None
        #: where the mouse last was over the canvas (viewport coordinates), see pointer_scene_pos
        self._pointer: QPointF | None = None
        self.connect_hint = QLabel(CONNECT_HINT, self.viewport())
        self.connect_hint.setObjectName("connectHint")
        self.connect_hint.setStyleSheet(
            "#connectHint { background: #1f6feb; color: white; border-radius: 6px;"
            " padding: 6px 12px; font-weight: 600; }"
        )
        self.connect_hint.setWordWrap(True)
        self.connect_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.connect_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.connect_hint.hide()
        #: (left, right, clear): the scene x range kept bright (presentation mode's phase)
        #: and the width at the visible left never dimmed (lane titles); None: no veil
        self._spotlight: tuple[float, float, float] | None = None
        self._autoscroll = QTimer(self)
        self._autoscroll.setInterval(30)
        self._autoscroll.timeout.connect(self.autoscroll_step)
        self.setScene(scene)
        scene.relayouted.connect(self._update_sticky)
        scene.rebuilt.connect(self._update_sticky)
        scene.connectModeChanged.connect(self.show_connect_hint)
        self.scroll_to_origin()

    def scroll_to_origin(self) -> None:
        """Show the top-left corner (lane headers and the first phase)."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self._update_sticky()

    def showEvent(self, event) -> None:
        first = not self._shown_once
        self._shown_once = True
        super().showEvent(event)
        if first:
            self.scroll_to_origin()

    # ------------------------------------------------------------------ zoom
    def zoom_factor(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom to ``factor`` keeping the scene point under viewport point ``anchor`` (or
        the view's centre) where it is."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom_factor()
        if abs(factor - current) < 1e-9:
            return
        at = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(at)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.scale(factor / current, factor / current)
        moved = self.mapFromScene(fixed) - at
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self._update_sticky()
        self.zoomChanged.emit(self.zoom_factor())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_factor() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def _content_rect(self) -> QRectF:
        return QRectF(self.canvas.scene_rect_for_export())

    def _fit_factor(self, rect: QRectF) -> float:
        """The zoom at which ``rect`` fits the viewport both in width and in height."""
        vp = self.viewport().rect()
        return min((vp.width() - 16) / rect.width(), (vp.height() - 16) / rect.height())

    def fits_at_100(self) -> bool:
        """Does the whole blueprint fit the window at 100 %?"""
        rect = self._content_rect()
        return rect.isEmpty() or self._fit_factor(rect) >= 1.0

    def fit_all(self) -> None:
        """Zoom so the whole blueprint fits the window, in width and in height (never above
        100 %)."""
        rect = self._content_rect()
        if rect.isEmpty():
            return
        self.set_zoom(min(1.0, self._fit_factor(rect)))
        self.centerOn(rect.center())
        self._update_sticky()

    def show_opened(self) -> None:
        """How a blueprint opens: at 100 % from its top-left corner when it fits the
        window, otherwise fitted to the window."""
        if self.fits_at_100():
            self.set_zoom(1.0)
            self.scroll_to_origin()
        else:
            self.fit_all()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y() or event.angleDelta().x()
            if delta:
                self.set_zoom(self.zoom_factor() * (1.0015**delta), event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------------- pan
    def _begin_pan(self, pos: QPoint) -> None:
        self._pan_from = QPoint(pos)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    # --------------------------------------------------------------- pointer
    def pointer_scene_pos(self) -> QPointF | None:
        """Where the mouse last was over the canvas (moved, clicked, right-clicked), in
        scene coordinates; None before it ever came. Paste goes to the cell there."""
        return None if self._pointer is None else self.mapToScene(self._pointer.toPoint())

    def forget_pointer(self) -> None:
        """The keyboard moved the cell cursor: Paste goes there, not to the mouse."""
        self._pointer = None

    def mousePressEvent(self, event) -> None:
        self._pointer = QPointF(event.position())
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        ):
            self._begin_pan(event.position().toPoint())
            event.accept()
            return
        super().mousePressEvent(event)
        scene = self.canvas
        if event.button() == Qt.MouseButton.LeftButton and scene.interactive and not scene.selectedItems():
            pos = self.mapToScene(event.position().toPoint())  # a click on an empty cell
            lane, column = scene.layout.cell_at(pos.x(), pos.y())
            if lane is not None and column is not None:
                scene.keyboard.set_cell((lane, column))

    def mouseMoveEvent(self, event) -> None:
        self._pointer = QPointF(event.position())
        if self._pan_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton and self._scene_dragging():
            self._drag_pos = event.position().toPoint()
            if self._edge_delta(self._drag_pos) != (0, 0) and not self._autoscroll.isActive():
                self._autoscroll.start()
        else:
            self._stop_autoscroll()

    # ------------------------------------------------------------ auto-scroll
    def _scene_dragging(self) -> bool:
        gesture = self.canvas.active_gesture()
        return gesture is not None and gesture.autoscroll

    def _edge_delta(self, pos: QPoint) -> tuple[int, int]:
        r = self.viewport().rect()
        dx = (
            -AUTOSCROLL_STEP
            if pos.x() < AUTOSCROLL_MARGIN
            else AUTOSCROLL_STEP
            if pos.x() > r.width() - AUTOSCROLL_MARGIN
            else 0
        )
        dy = (
            -AUTOSCROLL_STEP
            if pos.y() < AUTOSCROLL_MARGIN
            else AUTOSCROLL_STEP
            if pos.y() > r.height() - AUTOSCROLL_MARGIN
            else 0
        )
        return dx, dy

    def autoscroll_step(self) -> bool:
        """One tick of auto-scroll while dragging near an edge; the dragged cards (or the
        rubber connector) follow by a synthetic mouse move. False when there is nothing to do."""
        pos = self._drag_pos
        if pos is None or not self._scene_dragging():
            self._stop_autoscroll()
            return False
        dx, dy = self._edge_delta(pos)
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        old = (h.value(), v.value())
        h.setValue(h.value() + dx)
        v.setValue(v.value() + dy)
        if (h.value(), v.value()) == old:
            self._stop_autoscroll()
            return False
        local = QPointF(pos)
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            local,
            QPointF(self.viewport().mapToGlobal(pos)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        super().mouseMoveEvent(move)
        return True

    def _stop_autoscroll(self) -> None:
        self._autoscroll.stop()

    def mouseReleaseEvent(self, event) -> None:
        self._stop_autoscroll()
        self._drag_pos = None
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _editing(self) -> bool:
        return self.canvas.is_editing()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not self._editing():
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and self._space:
            if not event.isAutoRepeat():
                self._space = False
                self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # --------------------------------------------------------- sticky headers
    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _update_sticky(self) -> None:
        r = self.visible_scene_rect()
        self.canvas.set_sticky(r.left(), r.top(), r.right())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._update_sticky()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_sticky()
        self._place_connect_hint()
        self.resized.emit()

    # -------------------------------------------------------------- spotlight
    def set_spotlight(self, spot: tuple[float, float, float] | None) -> None:
        """``(left, right, clear)``: dim the canvas left and right of scene x ``left ..
        right``, except ``clear`` scene units at the visible left edge (the sticky lane
        titles). None: nothing is dimmed."""
        self._spotlight = spot
        self.viewport().update()  # the veil follows the visible rectangle: redraw all

    def spotlight(self) -> tuple[float, float, float] | None:
        return self._spotlight

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        super().drawForeground(painter, rect)
        if self._spotlight is None:
            return
        left, right, clear = self._spotlight
        shown = self.visible_scene_rect()
        left_edge = shown.left() + clear  # the sticky lane titles stay clear
        veil = QColor(style.CANVAS)
        veil.setAlpha(165)
        if left > left_edge:
            painter.fillRect(QRectF(left_edge, shown.top(), left - left_edge, shown.height()), veil)
        if right < shown.right():
            painter.fillRect(QRectF(right, shown.top(), shown.right() - right, shown.height()), veil)

    # ---------------------------------------------------------- connect hint
    def show_connect_hint(self, on: bool) -> None:
        """In connect mode a banner at the bottom of the canvas says what to do."""
        self.connect_hint.setVisible(bool(on))
        if on:
            self._place_connect_hint()
            self.connect_hint.raise_()

    def _place_connect_hint(self) -> None:
        hint, vp = self.connect_hint, self.viewport().rect()
        width = max(120, min(hint.sizeHint().width(), vp.width() - 24))
        hint.resize(width, hint.heightForWidth(width))
        hint.move(max(0, (vp.width() - hint.width()) // 2), max(0, vp.height() - hint.height() - 14))
