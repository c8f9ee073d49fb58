"""Connect mode shows itself (cursor, status bar, a hint on the canvas) and works by
clicking a source and then a target; Esc or a click elsewhere cancels. Real events."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from blueprint_editor.qt.canvas.items import geometry as geo
from canvas_driver import Canvas
from window_driver import key


def canvas_of(window) -> Canvas:
    return Canvas(window.document, window.undo_stack, window.controller, window.scene, window.view)


def ends(doc):
    return [(h.source, h.target) for h in doc.blueprint.handoffs]


def test_connect_mode_shows_itself_and_esc_hides_it(window):
    view = window.view
    key(view, Qt.Key.Key_C)
    assert window.scene.connect_mode()
    assert view.viewport().cursor().shape() == Qt.CursorShape.CrossCursor
    assert view.connect_hint.isVisible() and "click a step" in view.connect_hint.text()
    assert view.viewport().rect().contains(view.connect_hint.geometry())
    assert window.mode_label.isVisible()
    assert "Connect mode" in window.statusBar().currentMessage()
    key(view.viewport(), Qt.Key.Key_Escape)
    assert not window.scene.connect_mode()
    assert not view.connect_hint.isVisible() and not window.mode_label.isVisible()
    assert view.viewport().cursor().shape() == Qt.CursorShape.ArrowCursor
    assert not window.window_actions.connect_mode.isChecked()


def test_click_a_source_then_a_target_connects(window):
    c, doc = canvas_of(window), window.document
    key(window.view, Qt.Key.Key_C)
    c.click(c.card_center("arrive"))
    assert window.scene.connect_line.isVisible()  # waiting for the target
    c.move(c.card_center("room"), buttons=Qt.MouseButton.NoButton)  # the connector follows
    assert window.scene.step_item("room")._drop_target
    c.click(c.card_center("room"))
    assert ends(doc)[-1] == ("arrive", "room")
    assert window.undo_stack.count() == 1
    assert not window.scene.connect_line.isVisible()
    assert (doc.step("arrive").lane, doc.step("arrive").column) == ("customer", "c1")
    assert window.scene.connect_mode()  # still on for the next one
    c.click(c.card_center("room"))
    c.click(c.card_center("check"))
    assert ends(doc)[-1] == ("room", "check") and window.undo_stack.count() == 2
    c.assert_mirrors()


def test_esc_cancels_a_clicked_source(window):
    c, doc = canvas_of(window), window.document
    before = doc.snapshot()
    key(window.view, Qt.Key.Key_C)
    c.click(c.card_center("greet"))
    key(window.view.viewport(), Qt.Key.Key_Escape)
    assert not window.scene.connect_line.isVisible()
    assert window.scene.connect_mode()  # the first Esc drops the source, not the mode
    c.click(c.card_center("room"))  # a new source, not a target
    assert doc.snapshot() == before
    assert window.scene.connect_line.isVisible()


def test_a_click_on_empty_canvas_cancels_a_clicked_source(window):
    c, doc = canvas_of(window), window.document
    before = doc.snapshot()
    key(window.view, Qt.Key.Key_C)
    c.click(c.card_center("greet"))
    c.click(c.cell_center("support", "c3"))
    assert not window.scene.connect_line.isVisible()
    assert doc.snapshot() == before and window.undo_stack.count() == 0


def test_a_click_on_a_handle_then_on_a_target_connects(window):
    c, doc = canvas_of(window), window.document
    c.move(c.card_center("greet"), buttons=Qt.MouseButton.NoButton)
    x, y = geo.handle_center(window.scene.step_rect("greet"), "bottom")
    c.click(QPointF(x, y))
    c.click(c.card_center("room"))
    assert ends(doc)[-1] == ("greet", "room") and window.undo_stack.count() == 1
