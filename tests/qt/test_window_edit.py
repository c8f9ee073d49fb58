"""The main window's Edit, Insert and View commands, driven by their keyboard shortcuts
on the real window (selection by mouse clicks on the view's viewport)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from blueprint_editor.core.clipboard import MIME_TYPE
from canvas_driver import Canvas
from factories import hotel_blueprint
from window_driver import CTRL, SHIFT, key


def click_step(window, step_id, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    c = Canvas.of_window(window)
    c.click(c.card_center(step_id), modifiers)


def handoff_ends(doc):
    return {(h.source, h.target) for h in doc.blueprint.handoffs}


# ------------------------------------------------------------------ delete / undo
@pytest.mark.parametrize("delete_key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_a_step_takes_its_handoffs_and_undo_restores(window, delete_key):
    before = window.document.snapshot()
    click_step(window, "greet")
    assert window.scene.selected_ids() == ["greet"]
    key(window.view, delete_key)
    doc = window.document
    assert doc.find("steps", "greet") is None
    assert doc.find("handoffs", "h1") is None and doc.find("handoffs", "h2") is None
    assert doc.find("handoffs", "h3") is not None
    assert window.scene.step_item("greet") is None and window.scene.handoff_item("h1") is None
    assert window.undo_stack.count() == 1  # one undo entry for the step and its arrows

    key(window.view, Qt.Key.Key_Z, CTRL)
    assert doc.snapshot() == before
    assert window.scene.step_item("greet") is not None
    assert window.scene.handoff_item("h2") is not None
    key(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert doc.find("steps", "greet") is None
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert doc.snapshot() == before


def test_delete_a_handoff_alone_keeps_its_steps(window):
    window.scene.select_ids(["h2"])
    key(window.view, Qt.Key.Key_Delete)
    assert window.document.find("handoffs", "h2") is None
    assert window.document.find("steps", "greet") is not None
    assert window.document.find("steps", "check") is not None


def test_delete_with_nothing_selected_does_nothing(window):
    before = window.document.snapshot()
    key(window.view, Qt.Key.Key_Delete)
    assert window.document.snapshot() == before and window.undo_stack.count() == 0


def test_select_all_selects_every_step_and_handoff(window):
    key(window.view, Qt.Key.Key_A, CTRL)
    bp = window.document.blueprint
    assert window.scene.selected_ids() == [s.id for s in bp.steps] + [h.id for h in bp.handoffs]
    key(window.view, Qt.Key.Key_Delete)
    assert window.document.blueprint.steps == [] and window.document.blueprint.handoffs == []
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert window.document.snapshot() == hotel_blueprint().model_dump(mode="json")


# ------------------------------------------------------------------ clipboard
def test_copy_then_paste_adds_fresh_steps_with_their_handoff_and_selects_them(window):
    click_step(window, "arrive")
    click_step(window, "greet", CTRL)
    key(window.view, Qt.Key.Key_C, CTRL)
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasFormat(MIME_TYPE)
    assert data.text() == "Arrive at hotel\nGreet guest"
    fragment = json.loads(bytes(data.data(MIME_TYPE)))
    assert [s["id"] for s in fragment["steps"]] == ["arrive", "greet"]

    key(window.view, Qt.Key.Key_V, CTRL)
    doc = window.document
    new_ids = [s.id for s in doc.blueprint.steps[4:]]
    assert len(new_ids) == 2 and not set(new_ids) & {"arrive", "greet"}
    assert [doc.step(i).title for i in new_ids] == ["Arrive at hotel", "Greet guest"]
    assert (new_ids[0], new_ids[1]) in handoff_ends(doc)  # the handoff between them came too
    assert len(doc.blueprint.handoffs) == 4  # h2 (to an unselected step) was not copied
    assert window.scene.selected_step_ids() == new_ids
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Paste"
    for sid in new_ids:
        assert window.scene.step_item(sid) is not None

    key(window.view, Qt.Key.Key_V, CTRL)  # pasting again makes yet other ids
    assert len(doc.blueprint.steps) == 8
    key(window.view, Qt.Key.Key_Z, CTRL)
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert doc.snapshot() == hotel_blueprint().model_dump(mode="json")


def test_cut_removes_and_paste_brings_back_a_copy(window):
    click_step(window, "room")
    key(window.view, Qt.Key.Key_X, CTRL)
    assert window.document.find("steps", "room") is None
    assert window.document.find("handoffs", "h3") is None
    key(window.view, Qt.Key.Key_V, CTRL)
    pasted = window.document.blueprint.steps[-1]
    assert (pasted.title, pasted.lane, pasted.column) == ("Enter room", "customer", "c3")
    assert window.undo_stack.count() == 2


def test_duplicate_copies_in_place_and_selects_the_copies(window):
    click_step(window, "check")
    key(window.view, Qt.Key.Key_D, CTRL)
    doc = window.document
    copy = doc.blueprint.steps[-1]
    assert copy.id != "check" and (copy.title, copy.lane, copy.column) == ("Check booking", "backstage", "c2")
    assert [s.id for s in doc.steps_in_cell("backstage", "c2")] == ["check", copy.id]
    assert window.scene.selected_ids() == [copy.id]
    assert window.undo_stack.undoText() == "Duplicate"
    # the copy is a card of its own on the canvas, below the original
    assert window.scene.step_item(copy.id).pos().y() > window.scene.step_item("check").pos().y()


def test_paste_into_another_window(make_window):
    first = make_window(hotel_blueprint())
    second = make_window()
    first.scene.select_ids(["check"])
    first.commands.copy()
    assert second.commands.paste()
    (step,) = second.document.blueprint.steps
    assert (step.title, step.lane) == ("Check booking", "backstage")
    assert step.column == "c2"  # same column id exists in a new blueprint


def test_paste_with_nothing_on_the_clipboard_changes_nothing(window):
    QGuiApplication.clipboard().setText("just text")
    before = window.document.snapshot()
    assert not window.window_actions.paste.isEnabled()
    key(window.view, Qt.Key.Key_V, CTRL)
    assert window.document.snapshot() == before and window.undo_stack.count() == 0
    assert not window.commands.paste()  # called directly, it says why
    assert "Nothing to paste" in window.statusBar().currentMessage()
    assert window.document.snapshot() == before


def test_edit_actions_follow_the_selection_and_the_clipboard(window):
    actions = window.window_actions
    window.scene.select_ids([])
    assert not actions.copy.isEnabled() and not actions.delete.isEnabled()
    QGuiApplication.clipboard().setText("plain")
    assert not actions.paste.isEnabled()
    click_step(window, "greet")
    assert actions.copy.isEnabled() and actions.delete.isEnabled() and actions.rename.isEnabled()
    key(window.view, Qt.Key.Key_C, CTRL)
    assert actions.paste.isEnabled()


def test_canvas_context_menu_gets_the_clipboard_commands(window):
    window.scene.select_ids(["greet"])
    menu = window.scene.actions.build_menu("step", ["greet"])
    window.scene.contextMenuAboutToShow.emit(menu, "step", ["greet"])
    texts = [a.text() for a in menu.actions()]
    assert texts[:3] == ["Cu&t", "&Copy", "D&uplicate"]
    menu.actions()[2].trigger()
    assert len(window.document.blueprint.steps) == 5


# ------------------------------------------------------------------ rename, connect mode
def test_f2_edits_the_title_and_typing_does_not_trigger_shortcuts(window):
    click_step(window, "greet")
    key(window.view, Qt.Key.Key_F2)
    assert window.scene.is_editing()
    before = window.document.snapshot()
    for k in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_C):
        key(window.view, k)
    assert not window.window_actions.connect_mode.isChecked()
    assert window.document.snapshot() == before  # nothing deleted while typing
    key(window.view, Qt.Key.Key_Return)
    assert not window.scene.is_editing()
    assert window.document.step("greet").title != "Greet guest"
    assert window.document.find("steps", "greet") is not None


def test_c_toggles_connect_mode_and_the_action_follows_the_scene(window):
    key(window.view, Qt.Key.Key_C)
    assert window.scene.connect_mode() and window.window_actions.connect_mode.isChecked()
    key(window.view, Qt.Key.Key_C)
    assert not window.scene.connect_mode()
    window.scene.set_connect_mode(True)  # e.g. from the canvas context menu
    assert window.window_actions.connect_mode.isChecked()


# ------------------------------------------------------------------ insert
def test_insert_lane_column_and_phase_at_the_end_each_one_undo_entry(window):
    actions = window.window_actions
    doc = window.document
    actions.insert_lane["support"].trigger()
    assert doc.blueprint.lanes[-1].kind == "support" and len(doc.blueprint.lanes) == 6
    actions.insert_column.trigger()
    assert len(doc.blueprint.columns) == 4
    assert doc.blueprint.columns[-1].phase == "stay"  # extends the last phase
    actions.insert_phase.trigger()
    phase = doc.blueprint.phases[-1]
    assert len(doc.blueprint.phases) == 3 and doc.blueprint.columns[-1].phase == phase.id
    assert window.undo_stack.count() == 3
    for _ in range(3):
        key(window.view, Qt.Key.Key_Z, CTRL)
    assert doc.snapshot() == hotel_blueprint().model_dump(mode="json")


# ------------------------------------------------------------------ view
def test_zoom_shortcuts_change_the_zoom_and_the_status_bar(window):
    view = window.view
    view.reset_zoom()
    key(view, Qt.Key.Key_Plus, CTRL)
    assert view.zoom_factor() == pytest.approx(1.25)
    key(view, Qt.Key.Key_Equal, CTRL)
    assert view.zoom_factor() == pytest.approx(1.25**2)
    assert window.zoom_label.text() == f"{round(1.25**2 * 100)}%"
    key(view, Qt.Key.Key_Minus, CTRL)
    assert view.zoom_factor() == pytest.approx(1.25)
    key(view, Qt.Key.Key_0, CTRL)
    assert view.zoom_factor() == pytest.approx(1.0) and window.zoom_label.text() == "100%"
    window.resize(700, 500)
    QApplication.processEvents()
    key(view, Qt.Key.Key_9, CTRL)
    fitted = view.zoom_factor()
    assert fitted < 1.0
    assert window.zoom_label.text() == f"{round(fitted * 100)}%"
    key(view, Qt.Key.Key_0, CTRL)
    key(view, Qt.Key.Key_F, CTRL | SHIFT)
    assert view.zoom_factor() == pytest.approx(fitted)


# ------------------------------------------------------------------ window shell
def test_controller_errors_show_in_the_status_bar(window):
    from blueprint_editor.core.operations import Batch, Delete

    assert not window.controller.push(Batch((Delete("lanes", "customer"),)))
    assert "still has steps" in window.statusBar().currentMessage()


def test_add_dock_lists_the_panel_in_the_view_menu(window):
    from PySide6.QtWidgets import QLabel

    dock = window.add_dock(QLabel("hello"), Qt.DockWidgetArea.RightDockWidgetArea, "Notes")
    assert dock in window.docks() and dock.objectName() == "notesDock"
    panels = window.window_actions.panels_menu
    assert dock.toggleViewAction() in panels.actions()
    assert dock.isVisible()
    dock.toggleViewAction().trigger()
    assert dock.isHidden()
    assert {"Palette", "Notes"} <= {d.windowTitle() for d in window.docks()}


def test_shortcuts_help_lists_the_keys(window):
    dialog = window.show_shortcuts()
    rows = {}
    tree = dialog.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        rows[item.text(0)] = item.text(1)
    assert rows["Duplicate"] == "Ctrl+D"
    assert "Ctrl+Y" in rows["Redo"] and "Ctrl+Shift+Z" in rows["Redo"]
    assert "Del" in rows["Delete"] and "Backspace" in rows["Delete"]
    dialog.close()


def test_keys_typed_in_a_panel_text_field_stay_in_the_field(window):
    """Delete, Backspace, C and Ctrl+A in the inspector edit text, not the canvas."""
    from PySide6.QtWidgets import QLineEdit

    click_step(window, "greet")
    QApplication.processEvents()
    fields = [f for f in window.inspector_ui.inspector.findChildren(QLineEdit) if f.isVisible()]
    assert fields, "the inspector shows the step's fields"
    field = fields[0]
    field.setFocus()
    QApplication.processEvents()
    before = window.document.snapshot()
    for k, mods in (
        (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_C, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_A, CTRL),
    ):
        key(field, k, mods)
    assert window.document.find("steps", "greet") is not None
    assert window.document.snapshot()["handoffs"] == before["handoffs"]
    assert not window.scene.connect_mode()
    assert window.scene.selected_ids() == ["greet"]  # Ctrl+A selected the field's text
    assert field.selectedText() == field.text()


def test_paste_and_duplicate_say_what_they_did(window):
    click_step(window, "arrive")
    click_step(window, "greet", CTRL)
    key(window.view, Qt.Key.Key_D, CTRL)
    assert window.statusBar().currentMessage() == "Duplicated 2 steps"
    key(window.view, Qt.Key.Key_C, CTRL)
    assert window.statusBar().currentMessage() == "Copied 2 steps"
    key(window.view, Qt.Key.Key_V, CTRL)
    assert window.statusBar().currentMessage() == "Pasted 2 steps"
