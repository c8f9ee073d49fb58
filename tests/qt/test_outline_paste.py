"""Paste many steps from text, in the outline (Ctrl+V) and on the canvas (Ctrl+Shift+V),
with real key events: one paste is one undo entry, and undo restores the document."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.editing.text_paste import PasteDialog
from window_driver import activate

CTRL = Qt.KeyboardModifier.ControlModifier


def _outline(window):
    window.outline_ui.show_outline()
    return window.outline_ui.panel.view


def _grid(doc):
    cells: dict = {}
    for s in doc.blueprint.steps:
        cells.setdefault((s.lane, s.column), []).append(s.title)
    return cells


def test_a_pasted_tsv_block_builds_the_grid_and_undo_restores_it(make_window, qtbot):
    window = make_window(new_blueprint(columns=4))  # five lanes, four columns
    doc = window.document
    view = _outline(window)
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # (customer, c1)
    before = doc.snapshot()
    block = "\n".join("\t".join(f"r{r}c{c}" for c in range(6)) for r in range(4)) + "\n"
    QGuiApplication.clipboard().setText(block)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    columns = [c.id for c in doc.blueprint.columns]
    assert len(columns) == 6  # two new columns
    lanes = ["customer", "frontstage", "backstage", "support"]
    assert _grid(doc) == {(lane, columns[c]): [f"r{r}c{c}"] for r, lane in enumerate(lanes) for c in range(6)}
    assert window.undo_stack.count() == 1
    assert "Pasted 24 steps" in window.statusBar().currentMessage()
    grid = window.outline_ui.panel.grid_model
    assert grid.columnCount() == 6 and grid.data(grid.index(3, 5)) == "r2c5"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert doc.snapshot() == before
    assert grid.columnCount() == 4


def test_pasted_lines_go_along_the_lane_when_the_dialog_says_so(make_window, qtbot):
    window = make_window(new_blueprint(columns=2))
    doc = window.document
    before = doc.snapshot()
    view = _outline(window)
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # (customer, c2)
    QGuiApplication.clipboard().setText("Arrive\nCheck in\n\nPay\n")
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PasteDialog)
        seen.append([row[2] for row in dialog.preview_rows()])
        qtbot.keyClick(dialog.along_button, Qt.Key.Key_Space)
        seen.append([row[1] for row in dialog.preview_rows()])
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert seen == [["Arrive", "Check in", "Pay"], ["column 2", "new column", "new column"]]
    columns = [c.id for c in doc.blueprint.columns]
    assert [(s.lane, s.column, s.title) for s in doc.blueprint.steps] == [
        ("customer", "c2", "Arrive"),
        ("customer", columns[2], "Check in"),
        ("customer", columns[3], "Pay"),
    ]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert doc.snapshot() == before


def test_canvas_paste_text_stacks_lines_in_the_selected_cell(make_window, qtbot):
    window = make_window(new_blueprint(columns=3))
    doc = window.document
    window.scene.keyboard.set_cell(("backstage", "c3"))
    before = doc.snapshot()
    QGuiApplication.clipboard().setText("one\ntwo")
    QTimer.singleShot(0, lambda: qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Return))
    qtbot.keyClick(window.view, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert _grid(doc) == {("backstage", "c3"): ["one", "two"]}
    assert sorted(window.scene.selected_step_ids()) == sorted(s.id for s in doc.blueprint.steps)
    activate(qtbot, window)  # the dialog has closed: the window is active again
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert doc.snapshot() == before


def test_a_paste_with_nothing_usable_says_so(make_window, qtbot):
    window = make_window(new_blueprint(columns=2))
    doc = window.document
    view = _outline(window)
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    before = doc.snapshot()
    QGuiApplication.clipboard().setText(" \n\t\n")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert "Nothing to paste" in window.statusBar().currentMessage()
    window.scene.keyboard.set_cell(("customer", "c1"))
    qtbot.keyClick(window.view, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert "Nothing to paste" in window.statusBar().currentMessage()
    assert doc.snapshot() == before and window.undo_stack.count() == 0
