"""Mouse gestures on the canvas, driven through the view's viewport like a user."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from blueprint_editor.qt.canvas.items import geometry as geo


def cells(doc):
    return {s.id: (s.lane, s.column) for s in doc.blueprint.steps}


def order(doc):
    return [s.id for s in doc.blueprint.steps]


def test_drag_a_card_to_another_lane_and_column_is_one_undo_entry(canvas):
    before = canvas.doc.snapshot()
    canvas.drag(canvas.card_center("greet"), canvas.cell_center("backstage", "c4"))
    assert cells(canvas.doc)["greet"] == ("backstage", "c4")
    assert canvas.stack.count() == 1
    canvas.assert_mirrors()
    canvas.stack.undo()
    assert canvas.doc.snapshot() == before  # order restored exactly
    canvas.assert_mirrors()


def test_cards_follow_the_cursor_during_the_drag(canvas):
    item = canvas.scene.step_item("greet")
    start = item.pos()
    a = canvas.card_center("greet")
    canvas.press(a)
    canvas.move(QPointF(a.x() + 30, a.y() + 10))
    canvas.move(QPointF(a.x() + 90, a.y() + 40))
    assert item.pos() == QPointF(start.x() + 90, start.y() + 40)
    # its arrow follows too
    arrow = canvas.scene.handoff_item("h1")
    path = arrow.mapToScene(arrow.line_path())
    assert item.scene_card_rect().adjusted(-4, -4, 4, 4).contains(path.pointAtPercent(1.0))
    canvas.release(QPointF(a.x() + 90, a.y() + 40))


def test_drop_in_a_stack_lands_at_the_slot_under_the_cursor(canvas):
    # drag 'greet' onto the top half of 'desk' (frontstage/c2 stacks desk, desk2)
    top_of_desk = canvas.scene.step_item("desk").scene_card_rect()
    target = QPointF(top_of_desk.center().x(), top_of_desk.top() + 8)
    canvas.drag(canvas.card_center("greet"), target)
    assert canvas.scene.layout.cells[("frontstage", "c2")] == ["greet", "desk", "desk2"]
    canvas.assert_mirrors()
    canvas.stack.undo()
    assert canvas.scene.layout.cells[("frontstage", "c2")] == ["desk", "desk2"]


def test_reorder_inside_a_cell_by_dragging(canvas):
    below = canvas.scene.step_item("desk2").scene_card_rect()
    canvas.drag(canvas.card_center("desk"), QPointF(below.center().x(), below.bottom() + 6))
    assert canvas.scene.layout.cells[("frontstage", "c2")] == ["desk2", "desk"]
    assert canvas.stack.count() == 1


def test_drag_that_ends_where_it_started_pushes_nothing_and_snaps_back(canvas):
    item = canvas.scene.step_item("greet")
    start = item.pos()
    a = canvas.card_center("greet")
    canvas.press(a)
    canvas.move(QPointF(a.x() + 20, a.y() + 8))
    canvas.move(QPointF(a.x() + 30, a.y() + 12))
    canvas.release(QPointF(a.x() + 30, a.y() + 12))  # still inside its own cell
    assert canvas.stack.count() == 0
    assert item.pos() == start


def test_drag_outside_the_grid_snaps_back(canvas):
    before = canvas.doc.snapshot()
    item = canvas.scene.step_item("greet")
    start = item.pos()
    g = canvas.scene.layout
    canvas.drag(canvas.card_center("greet"), QPointF(g.width + 60, 300))
    assert canvas.doc.snapshot() == before and canvas.stack.count() == 0
    assert item.pos() == start


def test_dragging_two_selected_cards_moves_both_in_one_entry(canvas):
    before = canvas.doc.snapshot()
    canvas.scene.select_ids(["arrive", "greet"])  # customer/c1 and frontstage/c1
    canvas.drag(canvas.card_center("arrive"), canvas.cell_center("customer", "c4"))
    assert cells(canvas.doc)["arrive"] == ("customer", "c4")
    assert cells(canvas.doc)["greet"] == ("frontstage", "c4")
    assert canvas.stack.count() == 1
    canvas.assert_mirrors()
    canvas.stack.undo()
    assert canvas.doc.snapshot() == before


def test_click_selects_and_ctrl_click_adds(canvas):
    canvas.click(canvas.card_center("greet"))
    assert canvas.scene.selected_ids() == ["greet"]
    canvas.click(canvas.card_center("pms"), Qt.KeyboardModifier.ControlModifier)
    assert canvas.scene.selected_ids() == ["greet", "pms"]
    assert canvas.stack.count() == 0


def test_connect_by_dragging_from_the_handle(canvas):
    scene = canvas.scene
    hover = canvas.card_center("greet")
    canvas.move(hover, buttons=Qt.MouseButton.NoButton)
    assert scene.handle.isVisible() and scene.handle.step_id == "greet"
    x, y = geo.handle_center(scene.step_rect("greet"))
    canvas.drag(QPointF(x, y), canvas.card_center("prep"))
    new = [h for h in canvas.doc.blueprint.handoffs if h.source == "greet" and h.target == "prep"]
    assert len(new) == 1 and canvas.stack.count() == 1
    assert cells(canvas.doc)["greet"] == ("frontstage", "c1")  # the card did not move
    canvas.assert_mirrors()
    canvas.stack.undo()
    assert not any(h.target == "prep" for h in canvas.doc.blueprint.handoffs)


def test_connect_dropped_on_empty_space_cancels(canvas):
    scene = canvas.scene
    canvas.move(canvas.card_center("greet"), buttons=Qt.MouseButton.NoButton)
    x, y = geo.handle_center(scene.step_rect("greet"))
    before = canvas.doc.snapshot()
    canvas.drag(QPointF(x, y), canvas.cell_center("backstage", "c4"))
    assert canvas.doc.snapshot() == before and canvas.stack.count() == 0
    assert not scene.connect_line.isVisible()


def test_connect_mode_drags_from_any_card(canvas):
    canvas.scene.set_connect_mode(True)
    canvas.drag(canvas.card_center("prep"), canvas.card_center("pms"))
    assert any(h.source == "prep" and h.target == "pms" for h in canvas.doc.blueprint.handoffs)
    assert cells(canvas.doc)["prep"] == ("backstage", "c3")
    canvas.scene.set_connect_mode(False)
    canvas.drag(canvas.card_center("prep"), canvas.cell_center("backstage", "c4"))
    assert cells(canvas.doc)["prep"] == ("backstage", "c4")


def test_double_click_empty_cell_adds_a_step_and_starts_editing(canvas):
    canvas.double_click(canvas.cell_center("backstage", "c1"))
    added = [s for s in canvas.doc.blueprint.steps if (s.lane, s.column) == ("backstage", "c1")]
    assert len(added) == 1 and canvas.stack.count() == 1
    assert canvas.scene.is_editing() and canvas.scene.title_editor.step_id == added[0].id
    canvas.assert_mirrors()


def test_double_click_a_card_edits_its_title(canvas):
    canvas.double_click(canvas.card_center("greet"))
    assert canvas.scene.title_editor.step_id == "greet"
    assert canvas.stack.count() == 0


def test_rubber_band_selects_the_cards_it_touches(canvas):
    g = canvas.scene.layout
    # from the empty evidence lane in c1 down to the middle of the frontstage lane in c2
    start = QPointF(g.column_left["c1"] + 4, g.lane_top["evidence"] + 6)
    end = QPointF(g.column_left["c2"] + 100, g.lane_top["frontstage"] + 30)
    canvas.drag(start, end)
    assert set(canvas.scene.selected_step_ids()) == {"arrive", "checkin", "greet", "desk"}
    assert canvas.stack.count() == 0


def test_escape_during_a_drag_puts_the_cards_back(canvas):
    item = canvas.scene.step_item("greet")
    start = item.pos()
    a = canvas.card_center("greet")
    far = canvas.cell_center("support", "c4")
    canvas.press(a)
    canvas.move(QPointF((a.x() + far.x()) / 2, (a.y() + far.y()) / 2))
    canvas.move(far)
    canvas.key(Qt.Key.Key_Escape)
    assert item.pos() == start
    canvas.release(far)
    assert canvas.stack.count() == 0 and cells(canvas.doc)["greet"] == ("frontstage", "c1")


def test_double_click_a_lane_title_renames_the_lane(canvas):
    canvas.scene.actions.ask_text = lambda title, label, current: current + " (guest)"
    g = canvas.scene.layout
    canvas.double_click(QPointF(40, g.lane_top["customer"] + 20))
    assert canvas.doc.lane("customer").title == "Customer actions (guest)"
    assert canvas.stack.count() == 1
