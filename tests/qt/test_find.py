"""Find (Ctrl+F): typing rings the matching steps, Enter/F3 and Shift+F3 step through
them, Escape clears; driven by keys on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core import edits
from factories import find_blueprint
from window_driver import CTRL, SHIFT, activate


def open_find(window, qtbot):
    QTest.keyClick(window.view, Qt.Key_F, CTRL)
    qtbot.waitUntil(window.find_bar.isVisible)
    assert QApplication.focusWidget() is window.find_bar.field
    return window.find_bar


def test_typing_rings_matches_and_keys_step_through_them(make_window, qtbot):
    window = make_window(find_blueprint())
    bar = open_find(window, qtbot)
    QTest.keyClicks(bar.field, "guest")  # arrive's description, greet's title, check's tag
    assert bar.matches == ["arrive", "greet", "check"]
    assert bar.rings.isVisible() and bar.count.text() == "1 of 3"
    QTest.keyClick(bar.field, Qt.Key_Return)
    assert bar.current_id() == "greet" and window.scene.selected_ids() == ["greet"]
    assert bar.count.text() == "2 of 3"
    QTest.keyClick(bar.field, Qt.Key_F3)
    assert bar.current_id() == "check" and window.scene.selected_ids() == ["check"]
    QTest.keyClick(bar.field, Qt.Key_F3)
    assert bar.current_id() == "arrive"  # round again
    QTest.keyClick(bar.field, Qt.Key_F3, SHIFT)
    assert bar.current_id() == "check"
    QTest.keyClick(bar.field, Qt.Key_Return, SHIFT)
    QTest.keyClick(bar.field, Qt.Key_Return, SHIFT)
    assert bar.current_id() == "arrive"
    # the inspector shows the match
    assert window.inspector_ui.inspector.step_form.ident == "arrive"

    QTest.keyClick(bar.field, Qt.Key_Escape)
    assert not bar.isVisible() and not bar.rings.isVisible()
    assert bar.field.text() == "" and bar.matches == []
    assert window.scene.selected_ids() == ["arrive"]  # you land on the last match
    assert QApplication.focusWidget() is window.view


def test_owner_and_no_match(make_window, qtbot):
    window = make_window(find_blueprint())
    bar = open_find(window, qtbot)
    QTest.keyClicks(bar.field, "RECEPTION")
    assert bar.matches == ["greet"]
    QTest.keyClicks(bar.field, "x")
    assert bar.matches == [] and bar.count.text() == "No match"
    assert not bar.rings.isVisible()
    assert window.document.blueprint == find_blueprint()  # finding never edits


def test_matches_follow_edits_while_open(make_window, qtbot):
    window = make_window(find_blueprint())
    bar = open_find(window, qtbot)
    QTest.keyClicks(bar.field, "room")
    assert bar.matches == ["room"]
    assert window.controller.push(edits.add_step(window.document, "frontstage", "c3", "Show the room"))
    assert len(bar.matches) == 2
    window.undo_stack.undo()
    assert bar.matches == ["room"]


def test_f3_from_the_canvas_opens_find_and_the_rings_do_not_block_clicks(make_window, qtbot):
    window = make_window(find_blueprint())
    bar = open_find(window, qtbot)
    QTest.keyClicks(bar.field, "enter")
    QTest.keyClick(bar.field, Qt.Key_Escape)
    activate(qtbot, window)
    # a click on a ringed card still selects it
    bar.open_find()
    QTest.keyClicks(bar.field, "enter")
    item = window.scene.step_item("room")
    at = window.view.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert window.scene.selected_ids() == ["room"]
    QTest.keyClick(window.view, Qt.Key_F3)
    assert bar.isVisible() and bar.current_id() == "room"
