"""Paste and Duplicate go where the user points: the cell under the mouse pointer, else
the selected cell; never on top of the original unless pasted there. Real events on the
real window (clicks on the viewport, the Edit shortcuts)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from canvas_driver import Canvas
from window_driver import CTRL, key


def canvas_of(window) -> Canvas:
    return Canvas(window.document, window.undo_stack, window.controller, window.scene, window.view)


def cell_of(doc, sid):
    step = doc.step(sid)
    return step.lane, step.column


def test_paste_goes_to_the_cell_under_the_pointer(window):
    c = canvas_of(window)
    c.click(c.card_center("arrive"))
    key(window.view, Qt.Key.Key_C, CTRL)
    c.move(c.cell_center("support", "c3"), buttons=Qt.MouseButton.NoButton)
    key(window.view, Qt.Key.Key_V, CTRL)
    pasted = window.document.blueprint.steps[-1]
    assert pasted.title == "Arrive at hotel"
    assert cell_of(window.document, pasted.id) == ("support", "c3")
    assert window.scene.selected_ids() == [pasted.id]
    c.assert_mirrors()


def test_paste_after_clicking_an_empty_cell_goes_there(window):
    c = canvas_of(window)
    c.click(c.card_center("greet"))
    key(window.view, Qt.Key.Key_C, CTRL)
    c.click(c.cell_center("customer", "c2"))  # an empty cell: clears the selection
    key(window.view, Qt.Key.Key_V, CTRL)
    pasted = window.document.blueprint.steps[-1]
    assert cell_of(window.document, pasted.id) == ("customer", "c2")
    assert [s.id for s in window.document.steps_in_cell("frontstage", "c1")] == ["greet"]


def test_paste_of_two_steps_keeps_their_shape(window):
    c = canvas_of(window)
    c.click(c.card_center("arrive"))
    c.click(c.card_center("check"), CTRL)  # customer/c1 and backstage/c2
    key(window.view, Qt.Key.Key_C, CTRL)
    c.move(c.cell_center("customer", "c2"), buttons=Qt.MouseButton.NoButton)
    key(window.view, Qt.Key.Key_V, CTRL)
    a, b = window.document.blueprint.steps[-2:]
    assert cell_of(window.document, a.id) == ("customer", "c2")
    assert cell_of(window.document, b.id) == ("backstage", "c3")
    assert window.undo_stack.count() == 1


def test_duplicate_goes_to_the_cell_under_the_pointer_not_on_the_original(window):
    c = canvas_of(window)
    c.click(c.card_center("room"))
    c.move(c.cell_center("frontstage", "c3"), buttons=Qt.MouseButton.NoButton)
    key(window.view, Qt.Key.Key_D, CTRL)
    copy = window.document.blueprint.steps[-1]
    assert copy.title == "Enter room" and copy.id != "room"
    assert cell_of(window.document, copy.id) == ("frontstage", "c3")
    assert [s.id for s in window.document.steps_in_cell("customer", "c3")] == ["room"]


def test_without_a_pointer_paste_goes_to_the_selected_cell(window):
    window.scene.select_ids(["arrive"])
    assert window.commands.copy()
    window.scene.select_ids(["check"])  # selected by the program: the mouse never came
    assert window.view.pointer_scene_pos() is None
    key(window.view, Qt.Key.Key_V, CTRL)
    pasted = window.document.blueprint.steps[-1]
    assert cell_of(window.document, pasted.id) == ("backstage", "c2")
    assert [s.id for s in window.document.steps_in_cell("backstage", "c2")] == ["check", pasted.id]
