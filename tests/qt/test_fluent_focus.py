"""Every way of creating a step leaves the keyboard in the new card's title editor: what
the user types next becomes the title, and no canvas shortcut (C = connect mode,
Backspace = delete) fires on the way. Driven with real events on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_driver import Canvas


def canvas_of(window) -> Canvas:
    return Canvas(window.document, window.undo_stack, window.controller, window.scene, window.view)


def type_into_focus(text: str) -> None:
    """Type as a user does: the keys go wherever the keyboard focus is."""
    QTest.keyClicks(QApplication.focusWidget(), text)


def press_on_focus(key) -> None:
    QTest.keyClick(QApplication.focusWidget(), key)


def new_step(doc, before: set[str]):
    (step,) = [s for s in doc.blueprint.steps if s.id not in before]
    return step


def assert_titled(window, before: set[str], lane: str, column: str) -> None:
    """Type a title with a C and a Backspace in it, Enter: the new card gets the title."""
    doc = window.document
    step = new_step(doc, before)
    assert (step.lane, step.column) == (lane, column)
    assert window.scene.is_editing() and window.scene.title_editor.step_id == step.id
    assert QApplication.focusWidget() is window.view
    type_into_focus("Check cx")
    press_on_focus(Qt.Key.Key_Backspace)
    press_on_focus(Qt.Key.Key_Backspace)
    type_into_focus("in")
    press_on_focus(Qt.Key.Key_Return)
    assert doc.step(step.id).title == "Check in"
    assert not window.scene.connect_mode()
    assert not window.window_actions.connect_mode.isChecked()


def test_palette_drop_puts_the_keyboard_in_the_title_editor(window):
    c = canvas_of(window)
    palette = window.palette_widget.list
    palette.setFocus()  # the user just dragged from the palette: it has the keyboard
    QTest.mouseClick(
        palette.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        palette.visualItemRect(palette.item(0)).center(),
    )
    assert QApplication.focusWidget() is palette
    before = {s.id for s in window.document.blueprint.steps}
    assert c.drop(window.palette_widget.mime_data_for("Step"), c.cell_center("support", "c3"))
    assert_titled(window, before, "support", "c3")


def test_double_click_on_an_empty_cell_types_the_title(window):
    c = canvas_of(window)
    before = {s.id for s in window.document.blueprint.steps}
    c.double_click(c.cell_center("support", "c1"))
    assert_titled(window, before, "support", "c1")


def test_context_menu_add_step_here_types_the_title(window):
    c = canvas_of(window)
    window.palette_widget.list.setFocus()
    before = {s.id for s in window.document.blueprint.steps}
    pos = c.cell_center("backstage", "c3")
    menu = window.scene.actions.build_menu("cell", ["backstage", "c3"], pos)
    (add,) = [a for a in menu.actions() if a.text() == "Add step here"]
    add.trigger()
    assert_titled(window, before, "backstage", "c3")


def test_backspace_in_a_new_card_never_deletes_it(window):
    c = canvas_of(window)
    window.palette_widget.list.setFocus()
    before = {s.id for s in window.document.blueprint.steps}
    assert c.drop(window.palette_widget.mime_data_for("Fail point"), c.cell_center("customer", "c2"))
    step = new_step(window.document, before)
    for _ in range(12):  # more than the preset title's letters
        press_on_focus(Qt.Key.Key_Backspace)
    assert window.document.find("steps", step.id) is not None
    assert window.scene.is_editing()
    press_on_focus(Qt.Key.Key_Escape)
    assert window.document.step(step.id).title == "New step"


def test_the_title_editor_covers_the_card_s_old_title(window):
    c = canvas_of(window)
    c.double_click(c.card_center("greet"))
    editor = window.scene.title_editor
    assert editor.step_id == "greet"
    frame = editor.mapRectToScene(editor.frame())
    card = window.scene.step_item("greet").scene_card_rect()
    title_area = card.adjusted(8, 6, -8, -card.height() / 2)
    assert frame.contains(title_area) and card.contains(frame)
