"""The outline, driven by real key events: keyboard capture builds the document, edits
there are undoable core edits, and the canvas and the outline share the selection."""

from __future__ import annotations

from PySide6.QtCore import Qt

from blueprint_editor.core.model import Blueprint, Column, Lane, Phase, Step
from blueprint_editor.qt.panels.outline.models import LANE, OWNER, TITLE


def _room() -> Blueprint:
    """Three lanes (a note lane and an emotion lane, which holds no steps, between them)
    and two phases of one empty column each."""
    return Blueprint(
        title="Room",
        lanes=[
            Lane(id="cust", kind="customer", title="Customer actions"),
            Lane(id="feel", kind="emotion", title="Feelings"),
            Lane(id="front", kind="frontstage", title="Front stage"),
            Lane(id="back", kind="backstage", title="Back stage"),
        ],
        phases=[Phase(id="p1", title="Arrive"), Phase(id="p2", title="Stay")],
        columns=[Column(id="a", phase="p1"), Column(id="b", phase="p2")],
    )


def _outline(window):
    ui = window.outline_ui
    ui.show_outline()
    return ui.panel, ui.panel.view


def _key(qtbot, widget, key, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, mods)


def _type_steps(qtbot, view, titles):
    for title in titles:
        qtbot.keyClicks(view.capture, title)
        _key(qtbot, view.capture, Qt.Key.Key_Return)


def _cells(doc):
    """{(phase, column index, lane): [titles]} of the document."""
    order = {c.id: i for i, c in enumerate(doc.blueprint.columns)}
    cells: dict = {}
    for s in doc.blueprint.steps:
        col = doc.column(s.column)
        cells.setdefault((col.phase, order[s.column], s.lane), []).append(s.title)
    return cells


def test_thirty_steps_by_keyboard_alone(make_window, qtbot):
    window = make_window(_room())
    panel, view = _outline(window)
    doc = window.document
    _key(qtbot, view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, view, Qt.Key.Key_Return)  # capture in (customer, a)
    assert view.capture.isVisible()
    _type_steps(qtbot, view, ["c1", "c2", "c3"])
    _key(qtbot, view.capture, Qt.Key.Key_Tab)  # next lane: front stage (emotion skipped)
    _type_steps(qtbot, view, ["f1", "f2", "f3"])
    _key(qtbot, view.capture, Qt.Key.Key_Tab)
    _type_steps(qtbot, view, ["b1", "b2", "b3"])
    _key(qtbot, view.capture, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # new column
    _type_steps(qtbot, view, ["b4", "b5"])
    _key(qtbot, view.capture, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    _type_steps(qtbot, view, ["f4", "f5"])
    _key(qtbot, view.capture, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    _type_steps(qtbot, view, ["c4", "c5"])
    _key(qtbot, view.capture, Qt.Key.Key_Escape)  # leave capture, back on the table
    assert not view.capture.isVisible()
    _key(qtbot, view, Qt.Key.Key_Right)  # to the first column of phase 2
    _key(qtbot, view, Qt.Key.Key_Return)
    _type_steps(qtbot, view, ["c6", "c7", "c8"])
    _key(qtbot, view.capture, Qt.Key.Key_Tab)
    _type_steps(qtbot, view, ["f6", "f7", "f8"])
    _key(qtbot, view.capture, Qt.Key.Key_Tab)
    _type_steps(qtbot, view, ["b6", "b7", "b8"])
    _key(qtbot, view.capture, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    _type_steps(qtbot, view, ["b9", "wrong"])
    _key(qtbot, view.capture, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo "wrong"
    _type_steps(qtbot, view, ["b10"])
    _key(qtbot, view.capture, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    _type_steps(qtbot, view, ["f9", "f10"])
    _key(qtbot, view.capture, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    _type_steps(qtbot, view, ["c9", "c10"])
    _key(qtbot, view.capture, Qt.Key.Key_Return)  # Enter on an empty line: done
    assert not view.capture.isVisible()

    columns = doc.blueprint.columns
    assert [c.phase for c in columns] == ["p1", "p1", "p2", "p2"]
    assert [c.id for c in columns][0] == "a" and columns[2].id == "b"
    assert len(doc.blueprint.steps) == 30
    assert _cells(doc) == {
        ("p1", 0, "cust"): ["c1", "c2", "c3"],
        ("p1", 0, "front"): ["f1", "f2", "f3"],
        ("p1", 0, "back"): ["b1", "b2", "b3"],
        ("p1", 1, "back"): ["b4", "b5"],
        ("p1", 1, "front"): ["f4", "f5"],
        ("p1", 1, "cust"): ["c4", "c5"],
        ("p2", 2, "cust"): ["c6", "c7", "c8"],
        ("p2", 2, "front"): ["f6", "f7", "f8"],
        ("p2", 2, "back"): ["b6", "b7", "b8"],
        ("p2", 3, "back"): ["b9", "b10"],
        ("p2", 3, "front"): ["f9", "f10"],
        ("p2", 3, "cust"): ["c9", "c10"],
    }
    # one undo entry per step (and per new column): Ctrl+Z on the table takes the last away
    _key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(doc.blueprint.steps) == 29
    assert "c10" not in [s.title for s in doc.blueprint.steps]
    # the grid shows each cell's steps, one per line
    grid = panel.grid_model
    assert grid.data(grid.index_of(("front", "a"))) == "f1\nf2\nf3"
    assert grid.rowCount() == 3  # the emotion lane holds no steps: not a row


def test_rows_mode_edits_are_undoable_core_edits(make_window, qtbot):
    window = make_window(_room())
    panel, view = _outline(window)
    doc = window.document
    _key(qtbot, view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, view, Qt.Key.Key_Return)
    _type_steps(qtbot, view, ["one", "two", "three"])
    _key(qtbot, view.capture, Qt.Key.Key_Escape)
    panel.mode_button.click()
    assert panel.rows_mode()
    model = panel.steps_model
    assert [model.data(model.index(r, TITLE)) for r in range(3)] == ["one", "two", "three"]
    view.setFocus()
    # rename the current step ("three") with F2
    assert model.step_id(view.currentIndex()) == doc.blueprint.steps[2].id
    view.setCurrentIndex(view.currentIndex().siblingAtColumn(TITLE))
    _key(qtbot, view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Three!")
    _key(qtbot, editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: doc.blueprint.steps[2].title == "Three!")
    # reorder: Ctrl+Up twice makes it the top of its cell
    _key(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [s.title for s in doc.blueprint.steps] == ["Three!", "one", "two"]
    assert model.data(model.index(0, TITLE)) == "Three!"
    # the lane: through the model's edit (what the lane list commits)
    top = doc.blueprint.steps[0].id
    assert model.setData(model.index_of_step(top, LANE), "back")
    assert doc.step(top).lane == "back"
    assert model.setData(model.index_of_step(top, OWNER), "Desk")
    before = doc.snapshot()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert doc.step(top).lane == "cust" and doc.step(top).owner == ""
    window.undo_stack.undo()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert [s.title for s in doc.blueprint.steps] == ["one", "two", "three"]
    assert before != doc.snapshot()


def test_outline_and_canvas_share_the_selection(make_window, qtbot):
    blueprint = _room()
    blueprint.steps = [
        Step(id="s1", lane="cust", column="a", title="In"),
        Step(id="s2", lane="back", column="b", title="Out"),
    ]
    window = make_window(blueprint)
    panel, view = _outline(window)
    window.scene.select_ids(["s2"])
    assert panel.grid_model.cell(view.currentIndex()) == ("back", "b")
    _key(qtbot, view, Qt.Key.Key_Left)
    assert panel.grid_model.cell(view.currentIndex()) == ("back", "a")
    assert window.scene.selected_step_ids() == []
    _key(qtbot, view, Qt.Key.Key_Up)
    _key(qtbot, view, Qt.Key.Key_Up)
    assert window.scene.selected_step_ids() == ["s1"]
    panel.mode_button.click()
    window.scene.select_ids(["s2"])
    assert panel.steps_model.step_id(view.currentIndex()) == "s2"


def test_ctrl_shift_o_opens_the_outline_and_full_window_floats_it(make_window, qtbot):
    window = make_window(_room())
    ui = window.outline_ui
    assert not ui.dock.isVisible()
    qtbot.keyClick(
        window.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert ui.dock.isVisible() and ui.panel.view.hasFocus()
    assert ui.dock in window.tabifiedDockWidgets(window.checks_ui.dock)
    ui.panel.full_button.setFocus()
    qtbot.keyClick(ui.panel.full_button, Qt.Key.Key_Space)
    assert ui.dock.isFloating()
    qtbot.waitUntil(ui.panel.view.hasFocus)  # its own window, activated
    ui.panel.full_button.setFocus()
    qtbot.keyClick(ui.panel.full_button, Qt.Key.Key_Space)
    assert not ui.dock.isFloating()
