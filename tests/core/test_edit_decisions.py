"""Decisions the canvas used to make itself, now defined once in the core: the stack slot
under the cursor, the nearest cell, dropped cards, nudges, a new step above another one,
and whether a straight arrow would run behind other cards."""

from __future__ import annotations

import pytest

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.core.model import Blueprint, Column, Step, standard_lanes


def grid() -> Document:
    S = Step
    return Document(Blueprint(
        title="Grid", lanes=standard_lanes(), columns=[Column(id="c1"), Column(id="c2")],
        steps=[S(id="a", lane="customer", column="c1", title="A"),
               S(id="b", lane="customer", column="c1", title="B"),
               S(id="c", lane="customer", column="c1", title="C"),
               S(id="d", lane="backstage", column="c1", title="D"),
               S(id="e", lane="support", column="c1", title="E"),
               S(id="f", lane="frontstage", column="c2", title="F")]))


def test_drop_slot_counts_the_stack_without_the_dragged_cards():
    g = compute_layout(grid().blueprint)
    m = g.metrics
    top = g.lane_top["customer"] + m.lane_padding
    pitch = m.card_height + m.card_gap
    assert g.drop_slot("customer", "c1", top + 5) == (0, "a")
    assert g.drop_slot("customer", "c1", top + pitch + 5) == (1, "b")
    assert g.drop_slot("customer", "c1", top + 10 * pitch) == (3, None)
    assert g.drop_slot("customer", "c1", top + pitch + 5, exclude={"a"}) == (1, "c")
    assert g.drop_slot("customer", "c2", top + pitch) == (0, None)  # an empty cell
    assert g.slot_gap_y("customer", 1) == top + pitch - m.card_gap / 2


def test_nearest_cell_clamps_to_the_grid():
    g = compute_layout(grid().blueprint)
    assert g.nearest_cell(g.column_left["c2"] + 5, g.lane_top["support"] + 5) == ("support", "c2")
    assert g.nearest_cell(-50, -50) == ("evidence", "c1")
    assert g.nearest_cell(g.width + 500, g.height + 500) == ("support", "c2")


def test_cards_between_two_steps_of_one_column():
    doc = grid()
    g = compute_layout(doc.blueprint)
    step = doc.step
    assert g.cards_between(step("a"), step("c"))  # b sits between them in the stack
    assert not g.cards_between(step("a"), step("b"))
    assert g.cards_between(step("a"), step("e"))  # b, c below a; d in between
    assert not g.cards_between(step("d"), step("e"))  # adjacent lanes, nothing between
    assert not g.cards_between(step("a"), step("f"))  # other column


def test_a_drop_that_changes_nothing_is_an_empty_edit():
    doc = grid()
    assert edits.drop_steps(doc, [("b", "customer", "c1")], before="c").ops == ()
    assert edits.drop_steps(doc, [("c", "customer", "c1")], before=None).ops == ()
    assert edits.drop_steps(doc, [("a", "customer", "c1"), ("d", "backstage", "c1")]).ops == ()
    doc.apply(edits.drop_steps(doc, [("c", "customer", "c1")], before="a"))
    assert [s.id for s in doc.steps_in_cell("customer", "c1")] == ["c", "a", "b"]
    doc.apply(edits.drop_steps(doc, [("a", "frontstage", "c2"), ("d", "support", "c2")],
                               before="f"))
    assert [s.id for s in doc.steps_in_cell("frontstage", "c2")] == ["a", "f"]
    assert doc.step("d").lane == "support" and doc.step("d").column == "c2"


@pytest.mark.parametrize("dcol, dlane, expected", [
    (1, 0, [("a", "customer", "c2"), ("d", "backstage", "c2")]),
    (-1, 0, []),  # already in the first column: clamped, nothing moves
    (0, 1, [("a", "frontstage", "c1"), ("d", "support", "c1")]),
    (0, 9, [("a", "support", "c1"), ("d", "support", "c1")]),
])
def test_nudge_moves_clamp_to_the_grid(dcol, dlane, expected):
    assert edits.nudge_moves(grid(), ["a", "d"], dcol, dlane) == expected


def test_a_new_step_before_another_stacks_above_it():
    doc = grid()
    doc.apply(edits.add_step(doc, "customer", "c1", "New", before="b", id="n"))
    assert [s.id for s in doc.steps_in_cell("customer", "c1")] == ["a", "n", "b", "c"]
