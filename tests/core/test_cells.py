"""Cell arithmetic of keyboard editing: neighbours, adding beside, what to connect to."""

from __future__ import annotations

import pytest

from blueprint_editor.core import cells
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Lane
from blueprint_editor.core.operations import OperationError
from factories import two_phase_blueprint


def test_neighbours_and_the_edges():
    doc = Document(two_phase_blueprint())
    assert cells.neighbour(doc, ("customer", "c1"), "right") == ("customer", "c2")
    assert cells.neighbour(doc, ("customer", "c1"), "down") == ("frontstage", "c1")
    assert cells.neighbour(doc, ("customer", "c1"), "up") == ("evidence", "c1")
    assert cells.neighbour(doc, ("evidence", "c1"), "up") is None
    assert cells.neighbour(doc, ("customer", "c3"), "right") is None
    assert cells.neighbour(doc, ("customer", "c1"), "left") is None


def test_add_step_beside_stacks_last_in_the_next_cell():
    doc = Document(two_phase_blueprint())
    doc.apply(cells.add_step_beside(doc, ("customer", "c1"), "down", step_id="n"))
    assert (doc.step("n").lane, doc.step("n").column, doc.step("n").title) == ("frontstage", "c1", "New step")
    assert [s.id for s in doc.steps_in_cell("frontstage", "c1")] == ["c", "n"]


def test_add_step_right_of_the_last_column_appends_a_column_in_its_phase_one_undo():
    doc = Document(two_phase_blueprint())
    before = doc.snapshot()
    inverse = doc.apply(cells.add_step_beside(doc, ("customer", "c3"), "right", step_id="n"))
    new_column = doc.blueprint.columns[-1]
    assert len(doc.blueprint.columns) == 4 and new_column.phase == "p2"
    assert (doc.step("n").lane, doc.step("n").column) == ("customer", new_column.id)
    doc.apply(inverse)
    assert doc.snapshot() == before


@pytest.mark.parametrize(
    "cell, direction", [(("support", "c1"), "down"), (("customer", "c1"), "left"), (("evidence", "c2"), "up")]
)
def test_add_step_off_the_blueprint_is_refused(cell, direction):
    doc = Document(two_phase_blueprint())
    with pytest.raises(OperationError, match="there is no cell"):
        cells.add_step_beside(doc, cell, direction)


def test_nearest_step_skips_empty_cells_and_takes_the_top_of_the_cell():
    doc = Document(two_phase_blueprint())
    assert cells.nearest_step(doc, "a", "right") == "b"  # c2 is empty; b is above e
    assert cells.nearest_step(doc, "a", "down") == "c"
    assert cells.nearest_step(doc, "c", "down") == "d"  # backstage is empty
    assert cells.nearest_step(doc, "a", "left") is None
    assert cells.nearest_step(doc, "b", "left") == "a"
    assert cells.nearest_step(doc, "b", "down") is None


def test_connect_candidates_nearest_first_and_filtered_by_words():
    doc = Document(two_phase_blueprint())
    assert cells.connect_candidates(doc, "a") == ["c", "b", "e", "d"]
    assert cells.connect_candidates(doc, "a", "BILL") == ["b"]
    assert cells.connect_candidates(doc, "a", "desk pay") == ["b"]  # owner counts
    assert cells.connect_candidates(doc, "a", "it") == ["d"]  # tags count
    assert cells.connect_candidates(doc, "a", "nothing like it") == []


def test_up_and_down_pass_over_emotion_lanes():
    doc = Document(two_phase_blueprint())
    doc.blueprint.lanes.insert(2, Lane(id="feel", kind="emotion", title="Emotion"))
    doc.blueprint.lanes.insert(0, Lane(id="top", kind="emotion", title="Emotion"))
    doc = Document(doc.blueprint)
    assert cells.neighbour(doc, ("customer", "c1"), "down") == ("frontstage", "c1")
    assert cells.neighbour(doc, ("frontstage", "c1"), "up") == ("customer", "c1")
    assert cells.neighbour(doc, ("evidence", "c1"), "up") is None  # only an emotion lane above
    assert cells.neighbour(doc, ("feel", "c1"), "down") == ("frontstage", "c1")
    doc.apply(cells.add_step_beside(doc, ("customer", "c2"), "down", "Below"))
    assert doc.blueprint.steps[-1].lane == "frontstage"
