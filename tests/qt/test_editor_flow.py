"""The issue's end-to-end flow on the real window, the way a workshop facilitator works:
drag steps from the palette into lanes, type their titles, move a step to another lane,
connect two steps from the connection handle, undo and redo everything, save, reopen in a
new window and find the same blueprint."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from blueprint_editor.qt.canvas.items import geometry as geo
from canvas_driver import Canvas
from window_driver import CTRL, SHIFT, key


def new_step_ids(doc, before: set[str]) -> list[str]:
    return [s.id for s in doc.blueprint.steps if s.id not in before]


def test_palette_drop_move_connect_undo_redo_save_and_reopen(make_window, tmp_path):
    window = make_window()
    doc, stack, c = window.document, window.undo_stack, Canvas.of_window(window)
    history = [doc.snapshot()]  # the document after each undo entry

    def record():
        assert stack.count() == len(history), "each gesture adds its own undo entries"
        history.append(doc.snapshot())
        c.assert_mirrors()

    # 1. drag "Step" from the palette into the customer lane, type its title
    mime = window.palette_widget.mime_data_for("Step")
    assert c.drop(mime, c.cell_center("customer", "c1"))
    (arrive,) = new_step_ids(doc, set())
    record()
    assert window.scene.is_editing()
    QTest.keyClicks(window.view.viewport(), "Arrive at the desk")
    key(window.view.viewport(), Qt.Key.Key_Return)
    assert doc.step(arrive).title == "Arrive at the desk"
    record()

    # 2. drag "Fail point" into the front-stage lane; keep the preset title (Escape)
    known = {arrive}
    assert c.drop(window.palette_widget.mime_data_for("Fail point"), c.cell_center("frontstage", "c2"))
    (greet,) = new_step_ids(doc, known)
    step = doc.step(greet)
    assert (step.lane, step.column, step.fail_point) == ("frontstage", "c2", True)
    record()
    key(window.view.viewport(), Qt.Key.Key_Escape)
    assert not window.scene.is_editing() and stack.count() == len(history) - 1  # no rename

    # 3. move it by mouse to the back-stage lane, first column
    c.drag(c.card_center(greet), c.cell_center("backstage", "c1"))
    assert (doc.step(greet).lane, doc.step(greet).column) == ("backstage", "c1")
    record()

    # 4. connect the two steps by dragging from the connection handle
    c.move(c.card_center(arrive), buttons=Qt.MouseButton.NoButton)  # hover shows the handle
    assert window.scene.handle.isVisible() and window.scene.handle.step_id == arrive
    x, y = geo.handle_center(window.scene.step_rect(arrive))
    c.drag(QPointF(x, y), c.card_center(greet))
    assert [(h.source, h.target) for h in doc.blueprint.handoffs] == [(arrive, greet)]
    record()
    assert window.isWindowModified()

    # 5. undo each entry with Ctrl+Z, then redo each with Ctrl+Shift+Z
    for expected in reversed(history[:-1]):
        key(window.view, Qt.Key.Key_Z, CTRL)
        assert doc.snapshot() == expected
        c.assert_mirrors()
    assert not window.isWindowModified()  # back at the (empty, unsaved) start
    for expected in history[1:]:
        key(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
        assert doc.snapshot() == expected
        c.assert_mirrors()

    # 6. save, reopen in a new window, compare
    target = tmp_path / "workshop.blueprint"
    window.dialogs.save_paths.append(str(target))
    key(window.view, Qt.Key.Key_S, CTRL)
    assert window.dialogs.errors == [] and not window.isWindowModified()

    other = make_window()
    other.dialogs.open_paths.append(str(target))
    key(other.view, Qt.Key.Key_O, CTRL)
    assert other.document.snapshot() == doc.snapshot() == history[-1]
    Canvas.of_window(other).assert_mirrors()
    assert other.windowTitle() == "workshop.blueprint[*] \u2014 blueprint-editor"
