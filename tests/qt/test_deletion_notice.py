"""Deleting a lane (or a column) with its steps says what went and how to undo it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core import edits
from blueprint_editor.qt.app.deletion_notice import describe
from window_driver import activate


def choose_from_context_menu(window, scene_pos, text: str) -> None:
    """Right-click ``scene_pos`` on the canvas and click the menu entry ``text``."""
    actions = window.scene.actions
    clicked = []

    def exec_menu(menu, at):
        def click():
            action = next(a for a in menu.actions() if a.text() == text)
            QTest.mouseClick(
                menu,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                menu.actionGeometry(action).center(),
            )
            clicked.append(text)

        QTimer.singleShot(0, click)
        menu.exec(at)

    actions.exec_menu = exec_menu
    view = window.view
    at = view.mapFromScene(scene_pos)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at)
    # the context menu event Qt's window makes of a right click (QTest's click goes to the
    # widget, past the window that would make it)
    QApplication.sendEvent(
        view.viewport(),
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at)),
    )
    assert clicked == [text]


def test_deleting_a_lane_with_steps_says_what_went_and_how_to_undo(window, qtbot):
    layout = window.scene.layout
    y = layout.lane_top["frontstage"] + 10
    choose_from_context_menu(window, QPointF(30, y), "Delete lane and its steps")
    assert window.document.find("lanes", "frontstage") is None
    message = window.statusBar().currentMessage()
    assert message == window.deletion_notice.last
    assert "\u201cFront-stage actions\u201d" in message
    assert "1 step and 2 handoffs" in message
    assert "Undo: Ctrl+Z" in message
    activate(qtbot, window)
    QTest.keyClick(window.view, Qt.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.find("steps", "greet") is not None


def test_an_empty_lane_or_a_plain_step_delete_says_nothing(window):
    window.statusBar().clearMessage()
    assert window.controller.push(edits.delete_lane(window.document, "evidence"))
    assert window.controller.push(edits.delete_elements(window.document, ["room"]))
    assert window.deletion_notice.last == ""


def test_a_column_with_steps(window):
    assert window.controller.push(edits.delete_column(window.document, "c2"))
    assert window.deletion_notice.last.startswith("Deleted column 2 with 1 step and 2 handoffs")


def test_describe():
    assert (
        describe("lane \u201cNotes\u201d", 1, 0, "Ctrl+Z")
        == "Deleted lane \u201cNotes\u201d with 1 step. Undo: Ctrl+Z"
    )
    assert (
        describe("column 3", 2, 1, "")
        == "Deleted column 3 with 2 steps and 1 handoff. Edit > Undo brings them back."
    )
