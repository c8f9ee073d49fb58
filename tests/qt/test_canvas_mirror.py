"""The scene mirrors the document item for item, after every edit and after undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.layout import Rect, compute_layout
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.canvas.items import LaneHeaderItem, PhaseHeaderItem, StepItem
from blueprint_editor.qt.canvas.items import geometry as geo
from blueprint_editor.qt.canvas.scene import BlueprintScene
from factories import canvas_blueprint

EDITS = [
    ("add step", lambda d: edits.add_step(d, "backstage", "c4", "Clean up")),
    (
        "add step on top of a stack",
        lambda d: edits.add_step(d, "frontstage", "c2", "First", index=d.position("steps", "desk")),
    ),
    ("move steps", lambda d: edits.move_steps(d, [("greet", "backstage", "c4"), ("desk2", "support", "c1")])),
    ("delete step with handoffs", lambda d: edits.delete_elements(d, ["desk"])),
    ("connect", lambda d: edits.connect(d, "prep", "pms", label="ready")),
    ("rename", lambda d: edits.set_fields(d, "steps", "arrive", title="Arrive by taxi", fail_point=True)),
    ("insert lane", lambda d: edits.insert_lane(d, 1, "note")),
    ("move lane", lambda d: edits.reorder(d, "lanes", "support", 0)),
    ("delete lane", lambda d: edits.delete_lane(d, "frontstage")),
    ("insert column", lambda d: edits.insert_column(d, 0)),
    ("delete column", lambda d: edits.delete_column(d, "c2")),
    ("move column", lambda d: edits.reorder(d, "columns", "c1", 3)),
    ("new phase", lambda d: edits.insert_phase(d, 0, "Before", ["c4"])),
    ("delete phase", lambda d: edits.delete_phase(d, "arrival")),
    ("two-way", lambda d: edits.set_fields(d, "handoffs", "h1", two_way=True, label="bags")),
]


@pytest.mark.parametrize("name,make", EDITS, ids=[e[0] for e in EDITS])
def test_scene_mirrors_each_edit_and_its_undo(canvas, name, make):
    before = canvas.doc.snapshot()
    assert canvas.controller.push(make(canvas.doc))
    canvas.assert_mirrors()
    canvas.stack.undo()
    assert canvas.doc.snapshot() == before
    canvas.assert_mirrors()
    canvas.stack.redo()
    canvas.assert_mirrors()


def test_text_edit_refreshes_only_that_card_and_does_not_move_cards(canvas):
    moved = []
    canvas.scene.relayouted.connect(lambda: moved.append(1))
    canvas.controller.push(edits.set_fields(canvas.doc, "steps", "greet", title="Hello there"))
    assert moved == []
    assert canvas.scene.step_item("greet").title_lines()[0].startswith("Hello")
    assert "Hello there" in StepItem.tooltip_for(canvas.doc.step("greet"))


def test_relayout_moves_only_changed_cards_and_reroutes_only_their_arrows(canvas):
    scene = canvas.scene
    routed = []
    for hid, item in scene.handoff_items().items():
        original = item.reroute
        item.reroute = (lambda o, h: lambda *a: (routed.append(h), o(*a)))(original, hid)
    moved_items = []
    for sid, item in scene.step_items().items():
        item.setPos = (lambda o, s: lambda *a: (moved_items.append(s), o(*a)))(item.setPos, sid)
    # a new card on top of greet pushes greet down; the lane keeps its height (c2 already
    # stacks two cards), so nothing else moves
    canvas.controller.push(
        edits.add_step(canvas.doc, "frontstage", "c1", "Top", index=canvas.doc.position("steps", "greet"))
    )
    assert moved_items == ["greet"]
    assert routed == ["h1"]  # greet's arrow only
    canvas.assert_mirrors()


def test_replace_rebuilds_everything(canvas):
    canvas.doc.replace(new_blueprint("Fresh", columns=3))
    canvas.assert_mirrors()
    assert canvas.scene.step_items() == {}
    assert len(canvas.scene.layout.column_order) == 3


def test_lane_kind_change_recolours_cards_and_lines(canvas):
    scene = canvas.scene
    assert {i.key for i in scene.line_items()} == {"interaction", "visibility", "internal"}
    canvas.controller.push(edits.set_fields(canvas.doc, "lanes", "frontstage", kind="note"))
    assert {i.key for i in scene.line_items()} == {"internal"}
    from blueprint_editor.qt.canvas import style

    assert scene.step_item("greet")._accent == style.lane_accent("note")
    canvas.stack.undo()
    assert scene.step_item("greet")._accent == style.lane_accent("frontstage")


def test_headers_and_phases_follow_the_structure(canvas):
    scene = canvas.scene
    assert [p.phase_id for p in scene.phase_header_items()] == ["arrival", "stay"]
    canvas.controller.push(edits.delete_phase(canvas.doc, "arrival"))
    assert [p.phase_id for p in scene.phase_header_items()] == ["stay"]
    canvas.stack.undo()
    assert [p.phase_id for p in scene.phase_header_items()] == ["arrival", "stay"]


def test_read_only_scene_has_no_interaction(qapp):
    doc = Document(canvas_blueprint())
    scene = BlueprintScene(doc, None)
    try:
        item = scene.step_item("greet")
        assert not item.flags() & StepItem.GraphicsItemFlag.ItemIsSelectable
        assert not item.acceptHoverEvents()
        assert item.cacheMode() == StepItem.CacheMode.NoCache
        assert not hasattr(scene, "handle")
        scene.select_all()
        assert scene.selected_ids() == []
        rect = scene.scene_rect_for_export()
        g = compute_layout(doc.blueprint, scene.metrics)
        assert rect == QRectF(0, 0, g.width, g.height)
        # every frame item sits inside the content rect
        headers = [it for it in scene.items() if isinstance(it, (LaneHeaderItem, PhaseHeaderItem))]
        assert len(headers) == len(doc.blueprint.lanes) + len(doc.blueprint.phases)
        for it in headers:
            assert rect.contains(it.sceneBoundingRect())
        assert scene.sceneRect() == rect
    finally:
        scene.detach()


def test_selection_api_is_in_document_order(canvas):
    scene = canvas.scene
    scene.select_ids(["pms", "h3", "arrive", "h1", "nope"])
    assert scene.selected_step_ids() == ["arrive", "pms"]
    assert scene.selected_handoff_ids() == ["h1", "h3"]
    assert scene.selected_ids() == ["arrive", "pms", "h1", "h3"]
    scene.select_all()
    assert scene.selected_ids() == [s.id for s in canvas.doc.blueprint.steps] + [
        h.id for h in canvas.doc.blueprint.handoffs
    ]


def test_delete_selection_is_one_undo_entry(canvas):
    before = canvas.doc.snapshot()
    canvas.scene.select_ids(["desk", "arrive"])
    assert canvas.scene.delete_selection()
    assert canvas.doc.find("steps", "desk") is None
    assert canvas.doc.find("handoffs", "h1") is None
    canvas.assert_mirrors()
    assert canvas.stack.count() == 1
    canvas.stack.undo()
    assert canvas.doc.snapshot() == before
    canvas.assert_mirrors()


# -------------------------------------------------------------- pure geometry
def test_route_same_row_goes_edge_to_edge_horizontally():
    a, b = Rect(0, 0, 100, 50), Rect(200, 0, 100, 50)
    r = geo.route(a, b)
    assert r.p0[0] > 100 and r.p3[0] < 200
    assert r.c1[1] == r.p0[1] and r.c2[1] == r.p3[1]  # leaves and arrives horizontally
    assert geo.route(b, a).p0[0] < 200  # backwards: from b's left edge


def test_route_between_rows_goes_bottom_to_top_vertically():
    a, b = Rect(0, 0, 100, 50), Rect(300, 200, 100, 50)
    r = geo.route(a, b)
    assert r.p0 == (50, 52) and r.p3 == (350, 198)
    assert r.c1[0] == r.p0[0] and r.c2[0] == r.p3[0]
    up = geo.route(b, a)
    assert up.p0[1] < 200 and up.p3[1] > 50
    ux, uy = up.end_direction()
    assert uy < 0 and abs(ux) < 1e-9


def test_arrow_head_points_at_the_tip():
    tip, base_l, notch, base_r = geo.arrow_head((10, 10), (1, 0), 10, 8)
    assert tip == (10, 10)
    assert base_l[0] == base_r[0] == 0 and notch[0] > 0


def test_wrap_words_elides_the_last_line():
    measure = len

    def elide(t, w):
        return t[: int(w) - 1] + "~" if len(t) > w else t

    assert geo.wrap_words(["a", "bb", "ccc"], measure, 10, 3, elide) == ["a bb ccc"]
    lines = geo.wrap_words(["aaaa", "bbbb", "cccc", "dddd", "eeee"], measure, 9, 2, elide)
    assert lines[0] == "aaaa bbbb"
    assert len(lines) == 2 and lines[1].endswith("~") and len(lines[1]) <= 9


def test_route_between_stacked_cards_loops_on_the_right_side():
    a, b = Rect(0, 0, 100, 50), Rect(0, 60, 100, 50)  # 10 apart: one stack
    r = geo.route(a, b)
    assert r.p0[0] >= 100 and r.p3[0] >= 100 and r.c1[0] > 100
    ux, _ = r.end_direction()
    assert ux < 0  # arrives pointing back into the card's right edge
    far = Rect(0, 300, 100, 50)
    assert geo.route(a, far).p0 == (50, 52)  # free column: straight down
    assert geo.route(a, far, blocked=True).p0[0] >= 100  # cards between: around them


def test_arrow_behind_a_stacked_card_is_routed_around_it(canvas):
    # checkin (customer/c2) -> desk2 (frontstage/c2, under desk): desk is in the way
    canvas.controller.push(edits.connect(canvas.doc, "checkin", "desk2"))
    (h,) = [h for h in canvas.doc.blueprint.handoffs if h.target == "desk2"]
    item = canvas.scene.handoff_item(h.id)
    desk = canvas.scene.step_item("desk").scene_card_rect()
    path = item.mapToScene(item.line_path())
    for k in range(1, 20):
        assert not desk.contains(path.pointAtPercent(k / 20))


def test_relabelling_and_deleting_arrows_keeps_the_scene_index_sound(canvas):
    """Label placement queries the index; it must never leave stale entries behind
    (a stale entry of a deleted arrow crashed later queries)."""
    import gc

    scene, doc = canvas.scene, canvas.doc
    for k in range(12):
        canvas.controller.push(edits.set_fields(doc, "handoffs", "h2", label="x" * (k % 5) * 4))
        canvas.controller.push(edits.set_fields(doc, "handoffs", "h3", label=f"label {k}"))
        canvas.controller.push(edits.move_steps(doc, [("pms", "support", f"c{1 + k % 4}")]))
    labels = [h.label_item for h in scene.handoff_items().values() if h.label_item is not None]
    for label in labels:
        assert scene.items(label.sceneBoundingRect()).count(label) == 1
    canvas.controller.push(edits.delete_elements(doc, ["h2", "h3"]))
    gc.collect()
    items = scene.items(scene.sceneRect())
    assert all(label not in items for label in labels)
    canvas.assert_mirrors()
