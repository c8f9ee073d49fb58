"""Decisions the canvas used to make itself, now defined once in the core: the stack slot
under the cursor, the nearest cell, dropped cards, nudges and a new step above another one."""

from __future__ import annotations

import pytest

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.layout import compute_layout
from factories import gap_phase_blueprint, stack_blueprint


def test_drop_slot_counts_the_stack_without_the_dragged_cards():
    g = compute_layout(Document(stack_blueprint()).blueprint)
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
    g = compute_layout(Document(stack_blueprint()).blueprint)
    assert g.nearest_cell(g.column_left["c2"] + 5, g.lane_top["support"] + 5) == ("support", "c2")
    assert g.nearest_cell(-50, -50) == ("evidence", "c1")
    assert g.nearest_cell(g.width + 500, g.height + 500) == ("support", "c2")


def test_a_drop_that_changes_nothing_is_an_empty_edit():
    doc = Document(stack_blueprint())
    assert edits.drop_steps(doc, [("b", "customer", "c1")], before="c").ops == ()
    assert edits.drop_steps(doc, [("c", "customer", "c1")], before=None).ops == ()
    assert edits.drop_steps(doc, [("a", "customer", "c1"), ("d", "backstage", "c1")]).ops == ()
    doc.apply(edits.drop_steps(doc, [("c", "customer", "c1")], before="a"))
    assert [s.id for s in doc.steps_in_cell("customer", "c1")] == ["c", "a", "b"]
    doc.apply(edits.drop_steps(doc, [("a", "frontstage", "c2"), ("d", "support", "c2")], before="f"))
    assert [s.id for s in doc.steps_in_cell("frontstage", "c2")] == ["a", "f"]
    assert doc.step("d").lane == "support" and doc.step("d").column == "c2"


@pytest.mark.parametrize(
    "dcol, dlane, expected",
    [
        (1, 0, [("a", "customer", "c2"), ("d", "backstage", "c2")]),
        (-1, 0, []),  # already in the first column: clamped, nothing moves
        (0, 1, [("a", "frontstage", "c1"), ("d", "support", "c1")]),
        (0, 9, [("a", "support", "c1"), ("d", "support", "c1")]),
    ],
)
def test_nudge_moves_clamp_to_the_grid(dcol, dlane, expected):
    assert edits.nudge_moves(Document(stack_blueprint()), ["a", "d"], dcol, dlane) == expected


def test_a_new_step_before_another_stacks_above_it():
    doc = Document(stack_blueprint())
    doc.apply(edits.add_step(doc, "customer", "c1", "New", before="b", id="n"))
    assert [s.id for s in doc.steps_in_cell("customer", "c1")] == ["a", "n", "b", "c"]


def test_columns_added_at_the_end_extend_the_last_phase_or_stand_alone():
    doc = Document(gap_phase_blueprint())
    doc.apply(edits.set_fields(doc, "columns", "c4", phase="p2"))
    doc.apply(edits.append_column(doc, extend_phase=True))
    assert len(doc.blueprint.columns) == 5 and doc.blueprint.columns[-1].phase == "p2"
    doc.apply(edits.append_column(doc, extend_phase=False))
    assert len(doc.blueprint.columns) == 6 and doc.blueprint.columns[-1].phase is None


def test_a_column_inserted_beside_another_joins_its_phase():
    doc = Document(gap_phase_blueprint())
    doc.apply(edits.insert_column_beside(doc, "c3", after=False))
    new = doc.blueprint.columns[2]
    assert new.id not in ("c2", "c3") and new.phase == "p2"
    doc.apply(edits.insert_lane_beside(doc, "backstage", below=True))
    lanes = doc.blueprint.lanes
    assert [l.kind for l in lanes].count("backstage") == 2 and lanes[3].id == "backstage"


def test_shift_is_empty_at_the_ends_of_the_list():
    doc = Document(gap_phase_blueprint())
    assert edits.shift(doc, "columns", "c1", -1).ops == ()
    assert edits.shift(doc, "lanes", "support", 1).ops == ()
    doc.apply(edits.shift(doc, "columns", "c1", 1))
    assert [c.id for c in doc.blueprint.columns][:2] == ["c2", "c1"]
