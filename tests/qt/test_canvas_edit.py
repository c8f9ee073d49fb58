"""Palette drops, inline title editing and keyboard nudges on the canvas."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from blueprint_editor.qt.canvas import mime
from blueprint_editor.qt.panels.palette import PRESET_ROLE, PaletteWidget


def in_cell(doc, lane, column):
    return [s for s in doc.blueprint.steps if (s.lane, s.column) == (lane, column)]


def test_palette_drop_lands_in_the_lane_and_column_under_the_cursor(canvas, qtbot):
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    data = palette.mime_data_for("Fail point")
    assert canvas.drop(data, canvas.cell_center("backstage", "c4"))
    added = in_cell(canvas.doc, "backstage", "c4")
    assert len(added) == 1 and added[0].fail_point and canvas.stack.count() == 1
    canvas.assert_mirrors()
    canvas.scene.input.cancel()
    canvas.stack.undo()
    assert in_cell(canvas.doc, "backstage", "c4") == []
    canvas.assert_mirrors()


def test_palette_list_mime_is_the_step_payload(qtbot):
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    assert palette.names()[0] == "Step"
    item = palette.list.item(palette.names().index("Wait point"))
    data = palette.list.mimeData([item])
    assert mime.decode_step(data) == {"title": "New step", "wait_point": True}
    assert item.data(PRESET_ROLE)["wait_point"] is True


def test_drop_stacks_at_the_slot_under_the_cursor(canvas):
    top = canvas.scene.step_item("desk").scene_card_rect()
    data = mime.encode_step({"title": "Squeezed", "moment_of_truth": True})
    assert canvas.drop(data, QPointF(top.center().x(), top.top() + 4))
    stack = canvas.scene.layout.cells[("frontstage", "c2")]
    assert len(stack) == 3 and stack[1:] == ["desk", "desk2"]
    assert canvas.doc.step(stack[0]).title == "Squeezed"


def test_drop_outside_the_grid_does_nothing(canvas):
    before = canvas.doc.snapshot()
    g = canvas.scene.layout
    data = mime.encode_step({"title": "Lost"})
    canvas.drop(data, QPointF(g.width + 50, g.height / 2))
    canvas.drop(data, QPointF(40, g.lane_top["customer"] + 20))  # on a lane header
    assert canvas.doc.snapshot() == before and canvas.stack.count() == 0


def test_foreign_or_broken_payloads_are_refused(canvas):
    before = canvas.doc.snapshot()
    text = QMimeData()
    text.setText("hello")
    assert not canvas.drop(text, canvas.cell_center("customer", "c4"))
    bad = QMimeData()
    bad.setData(mime.STEP_MIME, b'{"emotion": 7}')
    assert mime.decode_step(bad) is None
    assert not canvas.drop(bad, canvas.cell_center("customer", "c4"))
    junk = QMimeData()
    junk.setData(mime.STEP_MIME, b"\xff not json")
    assert mime.decode_step(junk) is None
    assert canvas.doc.snapshot() == before
    # unknown keys are dropped, not trusted
    extra = mime.encode_step({"title": "x", "lane": "support", "id": "evil", "owner": "me"})
    assert mime.decode_step(extra) == {"title": "x", "owner": "me"}


def _type(canvas, key, text=""):
    QApplication.sendEvent(
        canvas.scene, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    )


def test_inline_rename_enter_commits_one_set(canvas):
    scene = canvas.scene
    assert scene.edit_title("greet")
    scene.title_editor.setPlainText("Welcome   the guest ")
    _type(canvas, Qt.Key.Key_Return)
    assert not scene.is_editing()
    assert canvas.doc.step("greet").title == "Welcome the guest"
    assert canvas.stack.count() == 1
    canvas.stack.undo()
    assert canvas.doc.step("greet").title == "Greet guest"


def test_inline_rename_escape_cancels(canvas):
    scene = canvas.scene
    scene.edit_title("greet")
    scene.title_editor.setPlainText("Nope")
    _type(canvas, Qt.Key.Key_Escape)
    assert not scene.is_editing()
    assert canvas.doc.step("greet").title == "Greet guest" and canvas.stack.count() == 0


def test_typing_goes_into_the_editor(canvas):
    scene = canvas.scene
    canvas.view.setFocus()
    scene.select_ids(["greet"])
    canvas.key(Qt.Key.Key_F2)
    assert scene.title_editor.step_id == "greet"
    for ch in "Hi":
        _type(canvas, getattr(Qt.Key, f"Key_{ch.upper()}"), ch)
    _type(canvas, Qt.Key.Key_Enter)
    assert canvas.doc.step("greet").title == "Hi"


def test_arrow_keys_nudge_the_selection_one_entry_per_press(canvas):
    canvas.scene.select_ids(["greet", "prep"])
    canvas.key(Qt.Key.Key_Right)
    assert in_cell(canvas.doc, "frontstage", "c2")[-1].id == "greet"
    assert canvas.doc.step("prep").column == "c4"
    assert canvas.stack.count() == 1
    canvas.key(Qt.Key.Key_Down)
    assert canvas.doc.step("greet").lane == "backstage"
    assert canvas.doc.step("prep").lane == "support"
    assert canvas.stack.count() == 2
    canvas.key(Qt.Key.Key_Right)  # prep is in the last column: only greet moves
    assert canvas.doc.step("prep").column == "c4" and canvas.doc.step("greet").column == "c3"
    canvas.assert_mirrors()
    for _ in range(3):
        canvas.stack.undo()
    assert canvas.doc.step("greet").column == "c1" and canvas.doc.step("prep").lane == "backstage"
    canvas.assert_mirrors()


def test_nudge_against_the_edge_pushes_nothing(canvas):
    canvas.scene.select_ids(["pms"])  # support is the last lane
    assert not canvas.scene.nudge_selection(0, 1)
    assert canvas.stack.count() == 0


def test_delete_key_deletes_the_selection(canvas):
    canvas.scene.select_ids(["h4"])
    canvas.key(Qt.Key.Key_Delete)
    assert canvas.doc.find("handoffs", "h4") is None and canvas.stack.count() == 1
    canvas.assert_mirrors()
