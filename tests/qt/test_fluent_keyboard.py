"""Keyboard editing on the real window: Tab / Enter / Insert add steps and open their
title, arrow keys move a visible cell cursor, Ctrl+Shift+arrow and Ctrl+L connect.
Every key goes to whatever widget has the keyboard focus, as when a person types."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_driver import Canvas
from window_driver import CTRL, SHIFT

NO_MOD = Qt.KeyboardModifier.NoModifier


def canvas_of(window) -> Canvas:
    return Canvas(window.document, window.undo_stack, window.controller, window.scene, window.view)


def press(key, modifiers=NO_MOD) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def type_text(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def cell_of(doc, sid):
    step = doc.step(sid)
    return step.lane, step.column


def new_ids(doc, before):
    return [s.id for s in doc.blueprint.steps if s.id not in before]


def test_tab_adds_a_step_in_the_next_cell_and_typing_titles_it(window):
    c, doc = canvas_of(window), window.document
    c.click(c.card_center("arrive"))  # customer / c1
    before = {s.id for s in doc.blueprint.steps}
    press(Qt.Key.Key_Tab)
    (first,) = new_ids(doc, before)
    assert cell_of(doc, first) == ("customer", "c2")
    assert window.scene.is_editing() and QApplication.focusWidget() is window.view
    type_text("Find the lift")
    press(Qt.Key.Key_Tab)  # in the editor: keep the title, next step on the right
    second = new_ids(doc, before | {first})[0]
    assert doc.step(first).title == "Find the lift"
    assert cell_of(doc, second) == ("customer", "c3")
    type_text("Open the door")
    press(Qt.Key.Key_Tab)  # right of the last column: a new column in the last phase
    third = new_ids(doc, before | {first, second})[0]
    column = doc.blueprint.columns[-1]
    assert cell_of(doc, third) == ("customer", column.id) and column.phase == "stay"
    type_text("Unpack")
    press(Qt.Key.Key_Return)
    assert [doc.step(s).title for s in (first, second, third)] == ["Find the lift", "Open the door", "Unpack"]
    assert not window.scene.is_editing()
    assert window.scene.selected_ids() == [third]
    c.assert_mirrors()


def test_enter_adds_a_step_in_the_lane_below(window):
    c, doc = canvas_of(window), window.document
    c.click(c.card_center("greet"))  # frontstage / c1
    before = {s.id for s in doc.blueprint.steps}
    press(Qt.Key.Key_Return)
    (new,) = new_ids(doc, before)
    assert cell_of(doc, new) == ("backstage", "c1")
    type_text("Print the key card")
    press(Qt.Key.Key_Return)
    assert doc.step(new).title == "Print the key card"
    assert window.undo_stack.count() == 2  # add, rename


def test_arrow_keys_move_a_visible_cell_cursor_and_insert_adds_there(window):
    c, doc, scene = canvas_of(window), window.document, window.scene
    c.click(c.cell_center("evidence", "c1"))  # an empty cell: selects nothing
    assert scene.selected_ids() == [] and scene.keyboard.cell == ("evidence", "c1")
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Down)
    assert scene.keyboard.cell == ("customer", "c3")
    r = scene.layout.cell_rect("customer", "c3")
    assert scene.keyboard.item.isVisible()
    assert scene.keyboard.item.cell_rect() == QRectF(r.x, r.y, r.w, r.h)
    press(Qt.Key.Key_Right)  # the last column: the cursor stays
    assert scene.keyboard.cell == ("customer", "c3")
    before = {s.id for s in doc.blueprint.steps}
    press(Qt.Key.Key_Insert)
    (new,) = new_ids(doc, before)
    assert cell_of(doc, new) == ("customer", "c3")
    assert [s.id for s in doc.steps_in_cell("customer", "c3")] == ["room", new]
    type_text("Look around")
    press(Qt.Key.Key_Return)
    assert doc.step(new).title == "Look around"


def test_enter_on_a_selected_empty_cell_adds_the_step_in_that_cell(window):
    c, doc = canvas_of(window), window.document
    c.click(c.cell_center("support", "c2"))
    before = {s.id for s in doc.blueprint.steps}
    press(Qt.Key.Key_Return)
    (new,) = new_ids(doc, before)
    assert cell_of(doc, new) == ("support", "c2")


def test_ctrl_arrow_moves_from_a_card_and_selects_the_next_cell_s_card(window):
    c, scene = canvas_of(window), window.scene
    c.click(c.card_center("arrive"))
    press(Qt.Key.Key_Down, CTRL)
    assert scene.selected_ids() == ["greet"] and scene.keyboard.cell == ("frontstage", "c1")
    press(Qt.Key.Key_Right, CTRL)  # frontstage / c2 is empty
    assert scene.selected_ids() == [] and scene.keyboard.cell == ("frontstage", "c2")
    assert window.document.snapshot()["steps"] == [
        s.model_dump(mode="json") for s in window.document.blueprint.steps
    ]  # nothing moved
    assert window.undo_stack.count() == 0


def test_ctrl_shift_arrow_connects_to_the_nearest_step(window):
    c, doc = canvas_of(window), window.document
    c.click(c.card_center("arrive"))  # customer / c1; room is in customer / c3
    press(Qt.Key.Key_Right, CTRL | SHIFT)
    h = doc.blueprint.handoffs[-1]
    assert (h.source, h.target) == ("arrive", "room")
    assert window.undo_stack.count() == 1
    assert "Connected" in window.statusBar().currentMessage()
    press(Qt.Key.Key_Left, CTRL | SHIFT)  # nothing on the left: a message, no change
    assert window.undo_stack.count() == 1
    assert "No step" in window.statusBar().currentMessage()


def test_ctrl_l_connects_to_a_step_found_by_typing(window, qtbot):
    c, doc = canvas_of(window), window.document
    c.click(c.card_center("room"))
    press(Qt.Key.Key_L, CTRL)
    popup = window.scene.keyboard.popup
    assert popup is not None and popup.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is popup.filter_edit)
    assert popup.targets()[0] != "room" and "room" not in popup.targets()
    type_text("book")
    assert popup.targets() == ["check"]
    press(Qt.Key.Key_Return)
    h = doc.blueprint.handoffs[-1]
    assert (h.source, h.target) == ("room", "check")
    assert window.undo_stack.count() == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)


def test_escape_closes_the_connect_popup_without_a_change(window, qtbot):
    c = canvas_of(window)
    c.click(c.card_center("greet"))
    press(Qt.Key.Key_L, CTRL)
    popup = window.scene.keyboard.popup
    qtbot.waitUntil(lambda: QApplication.focusWidget() is popup.filter_edit)
    type_text("enter")
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Escape)
    assert window.scene.keyboard.popup is None
    assert window.undo_stack.count() == 0


def test_paste_goes_to_the_keyboard_cursor_after_it_moved(window):
    c, doc, scene = canvas_of(window), window.document, window.scene
    c.click(c.card_center("greet"))
    press(Qt.Key.Key_C, CTRL)
    press(Qt.Key.Key_Escape)  # the selection goes, the cursor stays on greet's cell
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Down)  # the mouse is still over greet: the keys moved since
    assert scene.keyboard.cell == ("backstage", "c2")
    press(Qt.Key.Key_V, CTRL)
    pasted = doc.blueprint.steps[-1]
    assert pasted.title == "Greet guest" and cell_of(doc, pasted.id) == ("backstage", "c2")


def test_the_insert_menu_adds_steps_from_the_keyboard(window, qtbot):
    c, doc = canvas_of(window), window.document
    c.click(c.card_center("check"))  # backstage / c2
    before = {s.id for s in doc.blueprint.steps}
    press(Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_R)  # Step to the Right
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    (new,) = new_ids(doc, before)
    assert cell_of(doc, new) == ("backstage", "c3")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    assert window.scene.title_editor.step_id == new
    type_text("Clean the room")
    press(Qt.Key.Key_Return)
    assert doc.step(new).title == "Clean the room"
    menu_texts = [a.text() for a in window.menuBar().actions()[2].menu().actions()]
    assert menu_texts[:3] == ["&Step Here\tIns", "Step to the &Right\tTab", "Step &Below\tEnter"]
    window.window_actions.connect_to.trigger()
    assert window.scene.keyboard.popup is not None


def test_the_cell_cursor_follows_the_layout_and_goes_with_its_lane(window):
    c, scene, doc = canvas_of(window), window.scene, window.document
    c.click(c.cell_center("support", "c3"))
    assert scene.keyboard.cell == ("support", "c3")
    c.click(c.card_center("greet"))
    press(Qt.Key.Key_Return)  # a step below greet: the lanes grow, the cursor's frame moves
    press(Qt.Key.Key_Escape)
    assert scene.keyboard.cell == ("backstage", "c1")
    r = scene.layout.cell_rect("backstage", "c1")
    assert scene.keyboard.item.cell_rect() == QRectF(r.x, r.y, r.w, r.h)
    assert scene.actions.delete_lane("backstage")
    assert scene.keyboard.cell is None and not scene.keyboard.item.isVisible()
    press(Qt.Key.Key_Down)  # the cursor comes back at the start cell (customer lane)
    assert scene.keyboard.cell == ("customer", "c1")
    assert doc.find("lanes", "backstage") is None
