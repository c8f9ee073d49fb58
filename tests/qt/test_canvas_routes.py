"""The canvas draws the routes and label places computed in core, and keeps them after
edits and drags (checked as geometry on the scene's items)."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from blueprint_editor.core.io import load_path
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.qt.canvas.items.handoff_item import label_size
from blueprint_editor.resources import resource
from route_checks import label_problems, route_blueprint, route_problems


def assert_scene_draws_core_geometry(canvas) -> None:
    bp = canvas.doc.blueprint
    g = compute_layout(bp, canvas.scene.metrics)
    routes, places = route_blueprint(bp, g, label_size)
    assert route_problems(g, routes) == []
    assert label_problems(g, routes, places) == []
    cards = [item.scene_card_rect() for item in canvas.scene.step_items().values()]
    for h in bp.handoffs:
        item = canvas.scene.handoff_item(h.id)
        path = item.mapToScene(item.line_path())
        assert path.pointAtPercent(0.0) == QPointF(*routes[h.id].start), h.id
        assert path.pointAtPercent(1.0) == QPointF(*routes[h.id].end), h.id
        if h.label.strip():
            r = places[h.id].rect
            label = item.mapRectToScene(item.label_rect())
            assert (label.x(), label.y(), label.width(), label.height()) == (r.x, r.y, r.w, r.h)
            assert not any(card.intersects(label) for card in cards), h.id


def test_the_hotel_example_is_drawn_with_the_core_routes_and_labels(make_canvas):
    canvas = make_canvas(load_path(resource("examples") / "hotel-stay.blueprint"))
    assert_scene_draws_core_geometry(canvas)


def test_after_a_drag_and_its_undo_the_arrows_follow_the_core_routes(make_canvas):
    canvas = make_canvas(load_path(resource("examples") / "hotel-stay.blueprint"))
    canvas.view.resetTransform()
    canvas.view.centerOn(canvas.scene.step_item("greet").scene_card_rect().center())
    start = canvas.card_center("greet")
    target = canvas.cell_center("backstage", canvas.doc.step("greet").column)
    canvas.press(start)
    for k in range(1, 7):
        canvas.move(QPointF(start.x(), start.y() + (target.y() - start.y()) * k / 6))
    arrows = [h for h in canvas.doc.blueprint.handoffs if "greet" in (h.source, h.target)]
    card = canvas.scene.step_item("greet").scene_card_rect().adjusted(-4, -4, 4, 4)
    for h in arrows:  # mid-drag: the arrows stay on the moving card
        item = canvas.scene.handoff_item(h.id)
        path = item.mapToScene(item.line_path())
        end = path.pointAtPercent(0.0 if h.source == "greet" else 1.0)
        assert card.contains(end), h.id
    canvas.release(target)
    assert canvas.doc.step("greet").lane == "backstage"
    assert_scene_draws_core_geometry(canvas)
    canvas.stack.undo()
    assert_scene_draws_core_geometry(canvas)
