"""Arrows are easy to make and to hit: handles on all four edges of a card, and a click
within 6 px of an arrow's line selects it (at 100 %). Real mouse events on the viewport."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, Qt

from blueprint_editor.qt.canvas.items import geometry as geo


@pytest.mark.parametrize("side", geo.HANDLE_SIDES)
def test_a_drag_from_the_handle_on_each_edge_connects(canvas, side):
    scene = canvas.scene
    canvas.move(canvas.card_center("greet"), buttons=Qt.MouseButton.NoButton)
    assert scene.handle.isVisible() and scene.handle.step_id == "greet"
    x, y = geo.handle_center(scene.step_rect("greet"), side)
    knob = scene.handle.knobs[side]
    assert knob.isVisible() and knob.sceneBoundingRect().contains(QPointF(x, y))
    canvas.move(QPointF(x, y), buttons=Qt.MouseButton.NoButton)  # over the knob, off the card
    assert scene.handle.step_id == "greet"
    canvas.drag(QPointF(x, y), canvas.card_center("prep"))
    assert [(h.source, h.target) for h in canvas.doc.blueprint.handoffs][-1] == ("greet", "prep")
    assert canvas.stack.count() == 1
    assert (canvas.doc.step("greet").lane, canvas.doc.step("greet").column) == ("frontstage", "c1")
    canvas.assert_mirrors()


def test_the_handles_sit_in_the_middle_of_the_four_edges(canvas):
    canvas.move(canvas.card_center("prep"), buttons=Qt.MouseButton.NoButton)
    card = canvas.scene.step_item("prep").scene_card_rect()
    centres = {side: knob.sceneBoundingRect().center() for side, knob in canvas.scene.handle.knobs.items()}
    assert centres["left"] == QPointF(card.left(), card.center().y())
    assert centres["right"] == QPointF(card.right(), card.center().y())
    assert centres["top"] == QPointF(card.center().x(), card.top())
    assert centres["bottom"] == QPointF(card.center().x(), card.bottom())


def _off_the_line(canvas, handoff_id: str, distance: float) -> QPointF:
    """A scene point ``distance`` units beside the middle of an arrow's line."""
    item = canvas.scene.handoff_item(handoff_id)
    path = item.mapToScene(item.line_path())
    mid = path.pointAtPercent(0.5)
    angle = math.radians(path.angleAtPercent(0.5))
    normal = QPointF(math.sin(angle), math.cos(angle))  # Qt's angles turn anticlockwise
    return mid + normal * distance


@pytest.mark.parametrize("distance", [6.0, -6.0])
def test_a_click_6_px_beside_an_arrow_selects_it(canvas, distance):
    canvas.view.reset_zoom()
    canvas.view.scroll_to_origin()
    pos = _off_the_line(canvas, "h4", distance)  # arrive -> checkin, a horizontal arrow
    assert canvas.scene.step_at(pos) is None
    canvas.click(pos)
    assert canvas.scene.selected_ids() == ["h4"]


def test_a_click_well_away_from_an_arrow_misses_it(canvas):
    canvas.view.reset_zoom()
    pos = _off_the_line(canvas, "h4", 14.0)
    canvas.click(pos)
    assert canvas.scene.selected_ids() == []
