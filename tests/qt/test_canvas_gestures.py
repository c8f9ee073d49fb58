"""Gestures as objects: the scene forwards real mouse, key and drop events to the one
active gesture (card drag, connect, palette drop, title edit, rubber band)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt

from blueprint_editor.qt.canvas.gestures import CardDrag, Connect, Gesture, PaletteDrop, RubberBand, TitleEdit
from blueprint_editor.qt.canvas.items import geometry as geo
from blueprint_editor.qt.panels.palette import PaletteWidget

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_card_drag_is_the_active_gesture_from_press_to_release(canvas):
    scene = canvas.scene
    a, far = canvas.card_center("greet"), canvas.cell_center("support", "c4")
    canvas.press(a)
    assert isinstance(scene.active_gesture(), CardDrag)
    canvas.move(QPointF((a.x() + far.x()) / 2, (a.y() + far.y()) / 2))
    assert scene.drop_indicator.isVisible()
    canvas.release(far)
    assert scene.active_gesture() is None and not scene.drop_indicator.isVisible()
    assert canvas.doc.step("greet").lane == "support" and canvas.stack.count() == 1


def test_a_connection_from_the_handle_is_a_connect_gesture(canvas):
    scene = canvas.scene
    canvas.move(canvas.card_center("greet"), buttons=Qt.MouseButton.NoButton)
    x, y = geo.handle_center(scene.step_rect("greet"))
    canvas.press(QPointF(x, y))
    gesture = scene.active_gesture()
    assert isinstance(gesture, Connect) and gesture.source == "greet"
    canvas.move(canvas.card_center("prep"))
    assert gesture.target is scene.step_item("prep") and scene.connect_line.isVisible()
    canvas.key(Qt.Key.Key_Escape)  # cancels: nothing is pushed by the release
    assert scene.active_gesture() is None and not scene.connect_line.isVisible()
    canvas.release(canvas.card_center("prep"))
    assert canvas.stack.count() == 0


def test_a_rubber_band_shows_a_band_and_selects_what_it_touches(canvas):
    scene = canvas.scene
    g = scene.layout
    start = QPointF(g.column_left["c1"] + 4, g.lane_top["evidence"] + 6)
    end = QPointF(g.column_left["c2"] + 100, g.lane_top["frontstage"] + 30)
    canvas.press(start)
    assert isinstance(scene.active_gesture(), RubberBand)
    canvas.move(end)
    assert scene.rubber_band.isVisible()
    assert scene.rubber_band.rect() == QRectF(start, end).normalized()
    canvas.release(end)
    assert not scene.rubber_band.isVisible() and scene.active_gesture() is None
    assert set(scene.selected_step_ids()) == {"arrive", "checkin", "greet", "desk"}


def test_a_rubber_band_with_ctrl_adds_to_the_selection(canvas):
    canvas.click(canvas.card_center("prep"))
    g = canvas.scene.layout
    start = QPointF(g.column_left["c1"] + 4, g.lane_top["evidence"] + 6)
    end = QPointF(g.column_left["c1"] + 100, g.lane_top["customer"] + 30)
    canvas.drag(start, end, modifiers=CTRL)
    assert set(canvas.scene.selected_step_ids()) == {"prep", "arrive"}


def test_escape_cancels_a_rubber_band_and_gives_back_the_selection(canvas):
    scene = canvas.scene
    canvas.click(canvas.card_center("prep"))
    g = scene.layout
    start = QPointF(g.column_left["c1"] + 4, g.lane_top["evidence"] + 6)
    canvas.press(start)
    canvas.move(QPointF(g.column_left["c2"] + 100, g.lane_top["frontstage"] + 30))
    assert "prep" not in scene.selected_step_ids()
    canvas.key(Qt.Key.Key_Escape)
    assert scene.selected_step_ids() == ["prep"] and not scene.rubber_band.isVisible()
    canvas.release(start)
    assert scene.selected_step_ids() == ["prep"] and canvas.stack.count() == 0


def test_a_palette_drag_is_a_drop_gesture_until_it_leaves(canvas, qtbot):
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
    from PySide6.QtWidgets import QApplication

    palette = PaletteWidget()
    qtbot.addWidget(palette)
    mime = palette.mime_data_for("Fail point")
    at = canvas.vp(canvas.cell_center("backstage", "c4"))
    copy = Qt.DropAction.CopyAction
    QApplication.sendEvent(
        canvas.viewport,
        QDragEnterEvent(at, copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    )
    QApplication.sendEvent(
        canvas.viewport,
        QDragMoveEvent(at, copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    )
    assert isinstance(canvas.scene.active_gesture(), PaletteDrop)
    assert canvas.scene.drop_indicator.isVisible()
    QApplication.sendEvent(canvas.viewport, QDragLeaveEvent())
    assert canvas.scene.active_gesture() is None and not canvas.scene.drop_indicator.isVisible()
    assert canvas.stack.count() == 0  # nothing was added


def test_clicking_another_card_while_editing_a_title_commits_it(canvas):
    scene = canvas.scene
    canvas.double_click(canvas.card_center("greet"))
    assert isinstance(scene.active_gesture(), TitleEdit) and scene.is_editing()
    scene.title_editor.setPlainText("Greet the guest")
    canvas.click(canvas.card_center("prep"))
    assert canvas.doc.step("greet").title == "Greet the guest" and canvas.stack.count() == 1
    assert scene.active_gesture() is None and scene.selected_ids() == ["prep"]


def test_escape_in_the_title_editor_cancels_the_edit(canvas):
    scene = canvas.scene
    canvas.double_click(canvas.card_center("greet"))
    scene.title_editor.setPlainText("Not this")
    canvas.key(Qt.Key.Key_Escape)
    assert scene.active_gesture() is None and not scene.title_editor.isVisible()
    assert canvas.doc.step("greet").title == "Greet guest" and canvas.stack.count() == 0


class Recording(Gesture):
    """A gesture of a test's own, to show how one plugs in."""

    def __init__(self, scene):
        super().__init__(scene)
        self.calls = []

    def start(self, pos):
        self.calls.append(("start", pos.toPoint()))

    def move(self, pos):
        self.calls.append(("move", pos.toPoint()))

    def finish(self, pos):
        self.calls.append(("finish", pos.toPoint()))
        return False

    def cancel(self):
        self.calls.append(("cancel",))


def test_a_new_gesture_gets_the_moves_and_the_release(canvas):
    scene = canvas.scene
    a, b = canvas.cell_center("support", "c4"), canvas.cell_center("backstage", "c4")
    canvas.press(a)  # a rubber band starts; a new gesture replaces (cancels) it
    recording = scene.input.begin(Recording(scene), a)
    canvas.move(b)
    canvas.release(b)
    assert recording.calls == [("start", a.toPoint()), ("move", b.toPoint()), ("finish", b.toPoint())]
    assert scene.active_gesture() is None


def test_a_step_removed_during_a_connect_ends_it(canvas):
    scene = canvas.scene
    scene.set_connect_mode(True)
    canvas.press(canvas.card_center("prep"))
    assert isinstance(scene.active_gesture(), Connect)
    from blueprint_editor.core import edits

    assert canvas.controller.push(edits.delete_elements(canvas.doc, ["prep"]))
    assert scene.active_gesture() is None and not scene.connect_line.isVisible()
    canvas.release(canvas.card_center("pms"))
    assert canvas.stack.count() == 1
    canvas.assert_mirrors()
