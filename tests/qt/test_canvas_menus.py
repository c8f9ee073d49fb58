"""Header context menus: the actions they trigger keep the blueprint consistent and undo."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from blueprint_editor.core.model import check_references


def texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def trigger(menu, text):
    for action in menu.actions():
        if action.text() == text:
            action.trigger()
            return
        if action.menu() is not None:
            for sub in action.menu().actions():
                if sub.text() == text:
                    sub.trigger()
                    return
    raise AssertionError(f"no action {text!r} in {texts(menu)}")


def header_pos(canvas, lane):
    g = canvas.scene.layout
    return QPointF(30, g.lane_top[lane] + 10)


def phase_pos(canvas, column):
    g = canvas.scene.layout
    return QPointF(g.column_left[column] + 20, g.metrics.phase_height / 2)


def consistent(canvas):
    check_references(canvas.doc.blueprint)
    canvas.assert_mirrors()


def test_right_click_targets(canvas):
    actions = canvas.scene.actions
    assert actions.target_at(header_pos(canvas, "backstage")) == ("lane", ["backstage"])
    assert actions.target_at(phase_pos(canvas, "c3")) == ("column", ["c3"])
    assert actions.target_at(phase_pos(canvas, "c4")) == ("column", ["c4"])  # no phase
    assert actions.target_at(canvas.card_center("greet")) == ("step", ["greet"])
    assert actions.target_at(canvas.cell_center("evidence", "c4")) == ("cell", ["evidence", "c4"])


def test_lane_menu_insert_move_delete_and_undo(canvas):
    actions = canvas.scene.actions
    before = canvas.doc.snapshot()

    def lanes():
        return [lane.id for lane in canvas.doc.blueprint.lanes]

    menu = actions.build_menu("lane", ["frontstage"])
    assert "Insert lane above" in texts(menu) and "Delete lane and its steps" in texts(menu)
    trigger(menu, "Insert lane below")
    assert len(lanes()) == 6 and lanes()[2] == "frontstage"
    new = lanes()[3]
    assert canvas.doc.lane(new).kind == "frontstage"
    consistent(canvas)
    trigger(actions.build_menu("lane", [new]), "Move lane up")
    assert lanes()[2] == new
    consistent(canvas)
    trigger(actions.build_menu("lane", ["frontstage"]), "Delete lane and its steps")
    assert "frontstage" not in lanes()
    assert all(s.lane != "frontstage" for s in canvas.doc.blueprint.steps)
    assert canvas.doc.find("handoffs", "h1") is None  # arrows into the lane went too
    consistent(canvas)
    assert canvas.stack.count() == 3
    for _ in range(3):
        canvas.stack.undo()
    assert canvas.doc.snapshot() == before
    consistent(canvas)


def test_lane_rename_and_kind(canvas):
    actions = canvas.scene.actions
    actions.ask_text = lambda title, label, current: "Guest journey"
    trigger(actions.build_menu("lane", ["customer"]), "Rename lane\u2026")
    assert canvas.doc.lane("customer").title == "Guest journey"
    actions.ask_text = lambda *a: None  # cancelled: nothing happens
    assert not actions.rename_lane("customer")
    trigger(actions.build_menu("lane", ["support"]), "Notes")
    assert canvas.doc.lane("support").kind == "note"
    assert {i.key for i in canvas.scene.line_items()} == {"interaction", "visibility"}
    assert canvas.stack.count() == 2
    canvas.stack.undo()
    canvas.stack.undo()
    assert canvas.doc.lane("customer").title == "Customer actions"
    consistent(canvas)


def test_move_lane_at_the_edge_does_nothing(canvas):
    assert not canvas.scene.actions.move_lane("evidence", -1)
    assert not canvas.scene.actions.move_lane("support", 1)
    assert canvas.stack.count() == 0


def test_column_menu_insert_delete_move(canvas):
    actions = canvas.scene.actions
    before = canvas.doc.snapshot()

    def cols():
        return [c.id for c in canvas.doc.blueprint.columns]

    trigger(actions.build_menu("column", ["c1"]), "Insert column after")
    assert len(cols()) == 5 and cols()[0] == "c1"
    assert canvas.doc.column(cols()[1]).phase == "arrival"  # stays in the phase
    consistent(canvas)
    trigger(actions.build_menu("column", ["c2"]), "Delete column and its steps")
    assert "c2" not in cols() and all(s.column != "c2" for s in canvas.doc.blueprint.steps)
    consistent(canvas)
    trigger(actions.build_menu("column", ["c1"]), "Move column right")
    assert cols().index("c1") == 1
    consistent(canvas)
    for _ in range(3):
        canvas.stack.undo()
    assert canvas.doc.snapshot() == before
    consistent(canvas)


def test_phase_actions(canvas):
    actions = canvas.scene.actions
    actions.ask_text = lambda title, label, current: "Departure"
    menu = actions.build_menu("column", ["c4"])
    assert "Add column to the phase on its left" in texts(menu)
    trigger(menu, "Group column into a new phase\u2026")
    phase = canvas.doc.column("c4").phase
    assert canvas.doc.phase(phase).title == "Departure"
    assert [p.phase_id for p in canvas.scene.phase_header_items()] == ["arrival", "stay", phase]
    canvas.stack.undo()
    trigger(actions.build_menu("column", ["c4"]), "Add column to the phase on its left")
    assert canvas.doc.column("c4").phase == "stay"
    actions.ask_text = lambda *a: "Staying"
    trigger(actions.build_menu("column", ["c3"]), "Rename phase\u2026")
    assert canvas.doc.phase("stay").title == "Staying"
    trigger(actions.build_menu("column", ["c3"]), "Delete phase (keep its columns)")
    assert canvas.doc.find("phases", "stay") is None
    assert canvas.doc.column("c3").phase is None and canvas.doc.column("c4").phase is None
    consistent(canvas)
    canvas.stack.undo()
    assert canvas.doc.column("c4").phase == "stay"
    consistent(canvas)


def test_step_and_handoff_menus(canvas):
    actions = canvas.scene.actions
    canvas.scene.select_ids(["greet", "pms"])
    trigger(actions.build_menu("step", ["greet", "pms"]), "Fail point")
    assert canvas.doc.step("greet").fail_point and canvas.doc.step("pms").fail_point
    assert canvas.stack.count() == 1
    trigger(actions.build_menu("step", ["greet"]), "+2 very positive")
    assert canvas.doc.step("greet").emotion == 2
    trigger(actions.build_menu("handoff", ["h3"]), "Reverse direction")
    h = canvas.doc.handoff("h3")
    assert (h.source, h.target) == ("pms", "desk")
    trigger(actions.build_menu("handoff", ["h3"]), "Two-way")
    assert canvas.doc.handoff("h3").two_way
    consistent(canvas)
    for _ in range(4):
        canvas.stack.undo()
    assert not canvas.doc.step("greet").fail_point and canvas.doc.handoff("h3").source == "desk"
    consistent(canvas)


def test_context_menu_hook_lets_the_window_add_actions(canvas):
    seen, shown = [], []

    def extend(menu, kind, ids):
        seen.append((kind, ids))
        menu.addAction("Window action")

    canvas.scene.contextMenuAboutToShow.connect(extend)
    canvas.scene.actions.exec_menu = lambda menu, at: shown.append(texts(menu))
    canvas.scene.actions.show_context_menu(header_pos(canvas, "support"), canvas.view.pos())
    assert seen == [("lane", ["support"])]
    assert shown[0][0] == "Rename lane\u2026" and shown[0][-1] == "Window action"
