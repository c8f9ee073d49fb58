"""The inspector edits every property through the controller: one undo entry per change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.editing.undo import EditController
from blueprint_editor.qt.panels.inspector import Inspector
from blueprint_editor.qt.panels.inspector_forms import parse_duration, parse_tags


@pytest.fixture
def env(qtbot):
    doc = Document(new_blueprint("Hotel stay"))
    stack = QUndoStack()
    controller = EditController(doc, stack)
    controller.push(edits.add_step(doc, "customer", "c1", "Arrive", id="arrive"))
    controller.push(edits.add_step(doc, "frontstage", "c1", "Greet", id="greet"))
    controller.push(edits.connect(doc, "arrive", "greet"))
    stack.clear()
    inspector = Inspector(doc, controller)
    qtbot.addWidget(inspector)
    inspector.show()
    return doc, stack, inspector


def type_and_enter(edit, text):
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key_Delete)
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key_Return)


def click_box(box):
    """Click a check box on its indicator (its centre may be empty space)."""
    QTest.mouseClick(box, Qt.LeftButton, Qt.NoModifier, QPoint(8, box.height() // 2))


def test_step_title_typed_and_entered_is_one_undo_entry(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    type_and_enter(inspector.step_form.title_edit, "Arrive at hotel")
    assert doc.step("arrive").title == "Arrive at hotel"
    assert stack.count() == 1
    assert stack.undoText() == "Rename step"
    stack.undo()
    assert doc.step("arrive").title == "Arrive"
    # the form shows the document, not what was typed
    assert inspector.step_form.title_edit.text() == "Arrive"


def test_every_step_field_is_editable(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    form = inspector.step_form
    type_and_enter(form.owner_edit, "  Guest  ")
    type_and_enter(form.duration_edit, "7,5")
    type_and_enter(form.tags_edit, "arrival, vip ,, arrival")
    form.description_edit.setFocus()
    QTest.keyClicks(form.description_edit, "By taxi")
    QTest.keyClick(form.description_edit, Qt.Key_Return, Qt.ControlModifier)
    for box in form.flag_boxes.values():
        click_box(box)
    form.emotion_combo.setFocus()
    form.emotion_combo.activated.emit(form.emotion_combo.findData(-1))

    step = doc.step("arrive")
    assert step.owner == "Guest"
    assert step.duration_minutes == 7.5
    assert step.tags == ["arrival", "vip"]
    assert step.description == "By taxi"
    assert (step.fail_point, step.wait_point, step.moment_of_truth, step.self_service) == (
        True,
        True,
        True,
        True,
    )
    assert step.emotion == -1
    assert stack.count() == 9  # one entry per committed change

    for _ in range(9):
        stack.undo()
    assert doc.step("arrive").model_dump() == {
        "id": "arrive",
        "lane": "customer",
        "column": "c1",
        "title": "Arrive",
        "description": "",
        "owner": "",
        "duration_minutes": None,
        "fail_point": False,
        "wait_point": False,
        "moment_of_truth": False,
        "self_service": False,
        "emotion": None,
        "tags": [],
        "channel": None,
        "votes": 0,
        "image": None,
    }
    assert form.duration_edit.text() == ""
    assert not any(box.isChecked() for box in form.flag_boxes.values())
    assert form.emotion_combo.currentData() is None


def test_clearing_the_duration_sets_none(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    type_and_enter(inspector.step_form.duration_edit, "15")
    assert doc.step("arrive").duration_minutes == 15
    type_and_enter(inspector.step_form.duration_edit, "")
    assert doc.step("arrive").duration_minutes is None
    assert stack.count() == 2


def test_an_unchanged_field_makes_no_undo_entry(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    type_and_enter(inspector.step_form.title_edit, "Arrive")
    inspector.show_blueprint()
    type_and_enter(inspector.blueprint_form.title_edit, "Hotel stay")
    assert stack.count() == 0


def test_the_form_follows_undo_redo_and_other_edits(env):
    doc, stack, inspector = env
    inspector.show_step("greet")
    form = inspector.step_form
    inspector.controller.push(edits.set_fields(doc, "steps", "greet", wait_point=True, owner="Desk"))
    assert form.flag_boxes["wait_point"].isChecked()
    assert form.owner_edit.text() == "Desk"
    stack.undo()
    assert not form.flag_boxes["wait_point"].isChecked()
    assert form.owner_edit.text() == ""
    assert stack.count() == 1  # loading the form never pushed an edit


def test_handoff_label_and_two_way(env):
    doc, stack, inspector = env
    hid = doc.blueprint.handoffs[0].id
    inspector.show_handoff(hid)
    form = inspector.handoff_form
    assert "Arrive" in form.subtitle.text() and "Greet" in form.subtitle.text()
    type_and_enter(form.label_edit, "booking")
    click_box(form.two_way_box)
    assert doc.handoff(hid).label == "booking"
    assert doc.handoff(hid).two_way is True
    assert stack.count() == 2
    stack.undo()
    assert doc.handoff(hid).two_way is False
    assert not form.two_way_box.isChecked()


def test_lane_title_and_kind(env):
    doc, stack, inspector = env
    inspector.show_lane("support")
    form = inspector.lane_form
    type_and_enter(form.title_edit, "IT systems")
    form.kind_combo.activated.emit(form.kind_combo.findData("note"))
    assert doc.lane("support").title == "IT systems"
    assert doc.lane("support").kind == "note"
    assert stack.count() == 2
    stack.undo()
    assert doc.lane("support").kind == "support"
    assert form.kind_combo.currentData() == "support"


def test_blueprint_title_and_description(env):
    doc, stack, inspector = env
    inspector.show_blueprint()
    form = inspector.blueprint_form
    type_and_enter(form.title_edit, "Hotel stay, weekend")
    form.description_edit.setFocus()
    QTest.keyClicks(form.description_edit, "Guest books online")
    form.description_edit.clearFocus()  # leaving the field commits it
    assert doc.blueprint.title == "Hotel stay, weekend"
    assert doc.blueprint.description == "Guest books online"
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert doc.blueprint.title == "Hotel stay"
    assert form.title_edit.text() == "Hotel stay"


def test_a_refused_value_reverts_the_field(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    errors = []
    inspector.controller.error.connect(errors.append)
    inspector.step_form.commit("Edit emotion", emotion=5)  # outside -2..+2: the core refuses
    assert errors and doc.step("arrive").emotion is None
    assert stack.count() == 0
    assert inspector.step_form.emotion_combo.currentData() is None


def test_typed_but_unconfirmed_text_is_committed_to_its_own_element_on_switch(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    edit = inspector.step_form.title_edit
    edit.selectAll()
    QTest.keyClicks(edit, "Walk in")
    inspector.show_step("greet")
    assert doc.step("arrive").title == "Walk in"
    assert doc.step("greet").title == "Greet"
    assert inspector.step_form.title_edit.text() == "Greet"
    assert stack.count() == 1


def test_deleting_the_shown_element_falls_back_to_the_blueprint(env):
    doc, stack, inspector = env
    inspector.show_lane("evidence")
    inspector.controller.push(edits.delete_lane(doc, "evidence"))
    assert inspector.current_form is inspector.blueprint_form


def test_parsers():
    assert parse_duration("") is None
    assert parse_duration(" 15 ") == 15 and isinstance(parse_duration("15"), int)
    assert parse_duration("2,25") == 2.25
    assert parse_tags(" a, b ,a,, c ") == ["a", "b", "c"]


# ------------------------------------------------------------ with the canvas
@pytest.fixture
def wired(qtbot):
    from blueprint_editor.qt.canvas.scene import BlueprintScene
    from blueprint_editor.qt.canvas.view import BlueprintView

    doc = Document(new_blueprint("Hotel stay"))
    stack = QUndoStack()
    controller = EditController(doc, stack)
    controller.push(edits.add_step(doc, "customer", "c1", "Arrive", id="arrive"))
    controller.push(edits.add_step(doc, "frontstage", "c1", "Greet", id="greet"))
    controller.push(edits.add_step(doc, "frontstage", "c2", "Escort", id="escort"))
    controller.push(edits.connect(doc, "arrive", "greet"))
    stack.clear()
    scene = BlueprintScene(doc, controller)
    view = BlueprintView(scene)
    inspector = Inspector(doc, controller, scene)
    qtbot.addWidget(view)
    qtbot.addWidget(inspector)
    view.show()
    inspector.show()
    scene.test_view = view  # keep the view alive for the test
    return doc, stack, scene, inspector


def test_the_inspector_follows_the_canvas_selection(wired):
    doc, stack, scene, inspector = wired
    assert inspector.current_form is inspector.blueprint_form
    scene.select_ids(["greet"])
    assert inspector.current_form is inspector.step_form
    assert inspector.step_form.title_edit.text() == "Greet"
    hid = doc.blueprint.handoffs[0].id
    scene.select_ids([hid])
    assert inspector.current_form is inspector.handoff_form
    scene.select_ids(["greet", "escort"])
    assert inspector.current_form is inspector.multi_form
    assert inspector.multi_form.heading.text() == "2 steps selected"
    scene.select_ids([])
    assert inspector.current_form is inspector.blueprint_form


def card_text(item) -> str:
    """The title the card paints (its cached, wrapped lines)."""
    return " ".join(item.title_lines())


def card_markers(item) -> list[str]:
    """The marker badges the card paints."""
    return item.marker_kinds()


def test_editing_in_the_inspector_updates_the_card_and_undoes_in_one_step(wired):
    doc, stack, scene, inspector = wired
    scene.select_ids(["greet"])
    form = inspector.step_form
    item = scene.step_item("greet")
    type_and_enter(form.title_edit, "Welcome the guest")
    assert doc.step("greet").title == "Welcome the guest"
    assert card_text(item) == "Welcome the guest"
    click_box(form.flag_boxes["fail_point"])
    assert card_markers(item) == ["fail_point"]
    assert stack.count() == 2
    stack.undo()
    assert card_markers(item) == []
    assert doc.step("greet").title == "Welcome the guest"
    stack.undo()
    assert doc.step("greet").title == "Greet"
    assert card_text(scene.step_item("greet")) == "Greet"
    assert form.title_edit.text() == "Greet"


def test_markers_on_several_steps_are_one_undo_entry(wired):
    doc, stack, scene, inspector = wired
    controller = inspector.controller
    controller.push(edits.set_fields(doc, "steps", "greet", wait_point=True))
    scene.select_ids(["greet", "escort"])
    box = inspector.multi_form.flag_boxes["wait_point"]
    assert box.checkState() == Qt.PartiallyChecked  # mixed
    click_box(box)
    assert doc.step("greet").wait_point and doc.step("escort").wait_point
    assert box.checkState() == Qt.Checked
    assert stack.count() == 2
    stack.undo()
    assert doc.step("greet").wait_point and not doc.step("escort").wait_point
    assert box.checkState() == Qt.PartiallyChecked


def test_clicking_a_lane_header_shows_the_lane(wired, qtbot):
    doc, stack, scene, inspector = wired
    view = scene.test_view
    header = next(h for h in scene.lane_header_items() if h.lane_id == "backstage")
    view.centerOn(header)
    point = view.mapFromScene(header.sceneBoundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    assert inspector.current_form is inspector.lane_form
    assert inspector.lane_form.title_edit.text() == "Back-stage actions"
    type_and_enter(inspector.lane_form.title_edit, "Kitchen and housekeeping")
    assert doc.lane("backstage").title == "Kitchen and housekeeping"
    assert stack.count() == 1
    # selecting a card shows the card; a click on empty canvas then shows the blueprint
    scene.select_ids(["greet"])
    assert inspector.current_form is inspector.step_form
    empty = scene.layout.cell_rect("support", "c4")
    view.centerOn(empty.x, empty.y)
    QTest.mouseClick(
        view.viewport(), Qt.LeftButton, Qt.NoModifier, view.mapFromScene(empty.x + 20, empty.y + 20)
    )
    assert inspector.current_form is inspector.blueprint_form


def test_opening_another_blueprint_shows_it(wired):
    doc, stack, scene, inspector = wired
    scene.select_ids(["greet"])
    assert inspector.current_form is inspector.step_form
    doc.replace(new_blueprint("Car rental"))
    assert inspector.current_form is inspector.blueprint_form
    assert inspector.blueprint_form.title_edit.text() == "Car rental"


def test_the_wheel_over_an_unfocused_choice_does_not_edit(env):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    doc, stack, inspector = env
    inspector.show_step("arrive")
    combo = inspector.step_form.emotion_combo
    inspector.step_form.title_edit.setFocus()
    centre = QPointF(combo.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(combo.mapToGlobal(combo.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.NoButton,
        Qt.NoModifier,
        Qt.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, wheel)
    assert combo.currentIndex() == 0
    assert doc.step("arrive").emotion is None and stack.count() == 0


# ------------------------------------------------------------ durations with units
def test_duration_typed_with_units_is_stored_in_minutes_and_shown_with_units(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    form = inspector.step_form
    type_and_enter(form.duration_edit, "2 days")
    assert doc.step("arrive").duration_minutes == 2880
    assert form.duration_edit.text() == "2 d"
    type_and_enter(form.duration_edit, "90")
    assert doc.step("arrive").duration_minutes == 90
    assert form.duration_edit.text() == "1 h 30 min"
    assert stack.count() == 2
    assert form.duration_error.isHidden()


def test_text_that_is_not_a_duration_is_refused_visibly_and_kept(env):
    doc, stack, inspector = env
    inspector.show_step("arrive")
    form = inspector.step_form
    messages = []
    inspector.controller.error.connect(messages.append)
    type_and_enter(form.duration_edit, "2 dayz")
    assert doc.step("arrive").duration_minutes is None
    assert stack.count() == 0
    assert form.duration_edit.text() == "2 dayz"  # kept, so it can be corrected
    assert form.duration_error.isVisible()
    assert "2 dayz" in form.duration_error.text() and "45 min" in form.duration_error.text()
    assert messages and "dayz" in messages[0]
    QTest.keyClick(form.duration_edit, Qt.Key_Backspace)  # "2 day"
    QTest.keyClick(form.duration_edit, Qt.Key_Return)
    assert doc.step("arrive").duration_minutes == 2880
    assert form.duration_error.isHidden()
    assert form.duration_edit.text() == "2 d"


def test_reverse_direction_button_swaps_the_ends_in_one_undo_entry(env):
    doc, stack, inspector = env
    hid = doc.blueprint.handoffs[0].id
    inspector.show_handoff(hid)
    form = inspector.handoff_form
    assert form.subtitle.text().index("Arrive") < form.subtitle.text().index("Greet")
    QTest.mouseClick(form.reverse_button, Qt.LeftButton)
    h = doc.handoff(hid)
    assert (h.source, h.target) == ("greet", "arrive")
    assert stack.count() == 1 and stack.undoText() == "Reverse handoff"
    assert form.subtitle.text().index("Greet") < form.subtitle.text().index("Arrive")
    stack.undo()
    assert (doc.handoff(hid).source, doc.handoff(hid).target) == ("arrive", "greet")
