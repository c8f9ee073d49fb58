"""Acceptance test of issue 15: a blueprint of 20 steps over two phases, built on the real
window with the keyboard alone. Every key goes to whatever widget has the keyboard focus
(menus included: Alt+I opens Insert), exactly as a person at the keyboard types it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core.model import Blueprint, standard_lanes

NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

K = Qt.Key


def press(key, modifiers=NO_MOD) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def type_text(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def titles(row: list[str]) -> None:
    """Type a row of titles: Tab between them (each Tab adds the next step on the right),
    Enter after the last."""
    for i, title in enumerate(row):
        type_text(title)
        press(K.Key_Tab if i < len(row) - 1 else K.Key_Return)


def bp_lane(doc, kind: str) -> str:
    return next(l.id for l in doc.blueprint.lanes if l.kind == kind)


def insert_phase(qtbot) -> None:
    press(K.Key_I, ALT)  # the Insert menu
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    QTest.keyClick(QApplication.activePopupWidget(), K.Key_P)  # Phase
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_twenty_steps_over_two_phases_with_the_keyboard_alone(make_window, qtbot):
    window = make_window(Blueprint(title="Shoe shop", lanes=standard_lanes()))
    doc = window.document
    assert QApplication.focusWidget() is window.view

    # phase 1: a phase with its first column, then rows of steps typed with Tab / Enter
    insert_phase(qtbot)
    assert len(doc.blueprint.phases) == 1 and len(doc.blueprint.columns) == 1
    press(K.Key_Insert)  # a step in the cursor's cell: the customer lane, first column
    titles(["Enter the shop", "Look at shoes", "Ask for a size", "Try them on"])
    for _ in range(3):
        press(K.Key_Left, CTRL)  # back to the first column, selecting its step
    press(K.Key_Return)  # a step in the lane below
    titles(["Greet", "Show the shelf", "Fetch the size", "Help with laces"])
    press(K.Key_Left, CTRL)
    press(K.Key_Return)  # below "Fetch the size"
    titles(["Check stock", "Get from storeroom"])
    # connect by keyboard: the nearest step one lane up, and one found by its title
    press(K.Key_Up, CTRL | SHIFT)  # Get from storeroom -> Help with laces
    press(K.Key_Left, CTRL)  # Check stock
    press(K.Key_L, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scene.keyboard.popup.filter_edit)
    type_text("fetch")
    press(K.Key_Return)  # Check stock -> Fetch the size
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    assert len(doc.blueprint.steps) == 10 and len(doc.blueprint.columns) == 4

    # phase 2: a new phase (one new column); Escape, then the arrow keys walk the cell cursor
    insert_phase(qtbot)
    press(K.Key_Escape)
    assert window.scene.selected_ids() == []
    assert window.scene.keyboard.cell == (bp_lane(doc, "backstage"), doc.blueprint.columns[2].id)
    for _ in range(2):
        press(K.Key_Up)  # from "Check stock"'s cell up to the customer lane
    for _ in range(2):
        press(K.Key_Right)  # into the new phase's column
    assert window.scene.keyboard.cell == (bp_lane(doc, "customer"), doc.blueprint.columns[4].id)
    press(K.Key_Insert)
    titles(["Pay at the till", "Take the bag", "Leave the shop"])
    press(K.Key_Left, CTRL)
    press(K.Key_Left, CTRL)  # Pay at the till
    press(K.Key_Down, CTRL | SHIFT)  # nothing below yet: a message, no change
    press(K.Key_Return)
    titles(["Take the payment", "Pack the shoes", "Say goodbye"])
    press(K.Key_Left, CTRL)  # Pack the shoes
    press(K.Key_Return)
    titles(["Update stock", "Order a refill"])
    press(K.Key_Return)  # below "Order a refill": the support lane
    titles(["Stock system", "Supplier portal"])
    press(K.Key_Left, CTRL | SHIFT)  # Supplier portal -> Stock system

    # the document: 20 titled steps, two phases over consecutive columns, the handoffs
    bp = doc.blueprint
    assert len(bp.steps) == 20
    assert all(s.title != "New step" for s in bp.steps)
    assert len(bp.phases) == 2
    phase_of = [c.phase for c in bp.columns]
    first, second = bp.phases[0].id, bp.phases[1].id
    column = {c.id: i for i, c in enumerate(bp.columns)}
    lane = {l.id: l.kind for l in bp.lanes}
    where = {s.title: (lane[s.lane], column[s.column]) for s in bp.steps}
    assert where == {
        "Enter the shop": ("customer", 0),
        "Look at shoes": ("customer", 1),
        "Ask for a size": ("customer", 2),
        "Try them on": ("customer", 3),
        "Greet": ("frontstage", 0),
        "Show the shelf": ("frontstage", 1),
        "Fetch the size": ("frontstage", 2),
        "Help with laces": ("frontstage", 3),
        "Check stock": ("backstage", 2),
        "Get from storeroom": ("backstage", 3),
        "Pay at the till": ("customer", 4),
        "Take the bag": ("customer", 5),
        "Leave the shop": ("customer", 6),
        "Take the payment": ("frontstage", 4),
        "Pack the shoes": ("frontstage", 5),
        "Say goodbye": ("frontstage", 6),
        "Update stock": ("backstage", 5),
        "Order a refill": ("backstage", 6),
        "Stock system": ("support", 6),
        "Supplier portal": ("support", 7),
    }
    assert phase_of == [first] * 4 + [second] * 4
    title = {s.id: s.title for s in bp.steps}
    assert sorted((title[h.source], title[h.target]) for h in bp.handoffs) == [
        ("Check stock", "Fetch the size"),
        ("Get from storeroom", "Help with laces"),
        ("Supplier portal", "Stock system"),
    ]
    assert not window.scene.is_editing()
    # every step is one or two undo entries (add, rename): all of it undoes
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert doc.blueprint.steps == [] and doc.blueprint.phases == []
