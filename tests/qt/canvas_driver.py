"""Drive the canvas as a user does: a document, its undo stack and controller, the scene
and a shown view.

A :class:`Canvas` (the ``canvas`` and ``make_canvas`` fixtures of ``conftest.py``, or
:meth:`Canvas.of_window` on a main window) sends real mouse, key and drag-and-drop events
to the view's viewport at *scene* positions, so selection, item grabbing, rubber band and
drops all go through Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QMouseEvent, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core.document import Document
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.canvas.view import BlueprintView
from blueprint_editor.qt.editing.undo import EditController

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@dataclass
class Canvas:
    doc: Document
    stack: QUndoStack
    controller: EditController
    scene: BlueprintScene
    view: BlueprintView

    @classmethod
    def of_window(cls, window) -> Canvas:
        """The canvas of a main window (or of anything with the same five parts)."""
        return cls(window.document, window.undo_stack, window.controller, window.scene, window.view)

    # ------------------------------------------------------------ geometry
    @property
    def viewport(self):
        return self.view.viewport()

    def vp(self, pos: QPointF) -> QPoint:
        """Scene position -> viewport position."""
        return self.view.mapFromScene(QPointF(pos))

    def card_center(self, step_id: str) -> QPointF:
        return self.scene.step_item(step_id).scene_card_rect().center()

    def cell_center(self, lane: str, column: str, y_offset: float | None = None) -> QPointF:
        r = self.scene.layout.cell_rect(lane, column)
        y = r.y + (r.h / 2 if y_offset is None else y_offset)
        return QPointF(r.x + r.w / 2, y)

    # --------------------------------------------------------------- mouse
    def press(self, pos: QPointF, button=LEFT, modifiers=NO_MOD) -> None:
        QTest.mousePress(self.viewport, button, modifiers, self.vp(pos))

    def move(self, pos: QPointF, buttons=LEFT, modifiers=NO_MOD) -> None:
        """A mouse move with buttons held (QTest.mouseMove carries no buttons)."""
        local = QPointF(self.vp(pos))
        glob = QPointF(self.viewport.mapToGlobal(self.vp(pos)))
        event = QMouseEvent(QEvent.Type.MouseMove, local, glob, Qt.MouseButton.NoButton, buttons, modifiers)
        QApplication.sendEvent(self.viewport, event)

    def release(self, pos: QPointF, button=LEFT, modifiers=NO_MOD) -> None:
        QTest.mouseRelease(self.viewport, button, modifiers, self.vp(pos))

    def drag(self, start: QPointF, end: QPointF, steps: int = 6, modifiers=NO_MOD) -> None:
        self.press(start, modifiers=modifiers)
        for k in range(1, steps + 1):
            t = k / steps
            self.move(
                QPointF(start.x() + (end.x() - start.x()) * t, start.y() + (end.y() - start.y()) * t),
                modifiers=modifiers,
            )
        self.release(end, modifiers=modifiers)

    def click(self, pos: QPointF, modifiers=NO_MOD) -> None:
        QTest.mouseClick(self.viewport, LEFT, modifiers, self.vp(pos))

    def double_click(self, pos: QPointF) -> None:
        QTest.mouseDClick(self.viewport, LEFT, NO_MOD, self.vp(pos))

    def key(self, key, modifiers=NO_MOD) -> None:
        QApplication.sendEvent(self.viewport, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
        QApplication.sendEvent(self.viewport, QKeyEvent(QEvent.Type.KeyRelease, key, modifiers))

    # ---------------------------------------------------------- drag & drop
    def drop(self, mime, pos: QPointF) -> bool:
        """Drag ``mime`` in, over ``pos`` and drop it there; True if the drop was accepted."""
        at = QPointF(self.vp(pos))
        actions = Qt.DropAction.CopyAction
        enter = QDragEnterEvent(at.toPoint(), actions, mime, LEFT, NO_MOD)
        QApplication.sendEvent(self.viewport, enter)
        move = QDragMoveEvent(at.toPoint(), actions, mime, LEFT, NO_MOD)
        QApplication.sendEvent(self.viewport, move)
        drop = QDropEvent(at, actions, mime, LEFT, NO_MOD)
        QApplication.sendEvent(self.viewport, drop)
        return drop.isAccepted()

    # ------------------------------------------------------------- checks
    def assert_mirrors(self) -> None:
        """The scene shows the document item for item, each card where the layout says."""
        bp = self.doc.blueprint
        assert set(self.scene.step_items()) == {s.id for s in bp.steps}
        assert set(self.scene.handoff_items()) == {h.id for h in bp.handoffs}
        g = compute_layout(bp, self.scene.metrics)
        for sid, item in self.scene.step_items().items():
            r = g.step_rect[sid]
            assert (item.pos().x(), item.pos().y()) == (r.x, r.y), sid
        for h in bp.handoffs:
            item = self.scene.handoff_item(h.id)
            path = item.mapToScene(item.line_path())
            src = self.scene.step_item(h.source).scene_card_rect().adjusted(-4, -4, 4, 4)
            dst = self.scene.step_item(h.target).scene_card_rect().adjusted(-4, -4, 4, 4)
            assert src.contains(path.pointAtPercent(0.0)), h.id
            assert dst.contains(path.pointAtPercent(1.0)), h.id
        assert self.scene.layout.lane_order == g.lane_order
        assert self.scene.layout.cells == g.cells
        assert [i.lane_id for i in self.scene.lane_header_items()] == [l.id for l in bp.lanes]


def make_canvas(qtbot, blueprint: Blueprint) -> Canvas:
    """A shown view of ``blueprint`` at a fixed size (1400 x 900), scrolled to the origin."""
    doc = Document(blueprint)
    stack = QUndoStack()
    controller = EditController(doc, stack)
    scene = BlueprintScene(doc, controller)
    view = BlueprintView(scene)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus()
    view.scroll_to_origin()
    return Canvas(doc, stack, controller, scene, view)
