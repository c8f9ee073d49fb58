"""Paste many steps from text: parsing and the one edit it makes (core, no Qt)."""

from __future__ import annotations

import pytest

from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Blueprint, Column, Lane, Phase, Step, standard_lanes
from blueprint_editor.core.outline import capture_step, cell_index, next_lane, step_order
from blueprint_editor.core.paste_text import PasteError, describe, inserted_ids, paste_batch, plan


def _doc() -> Document:
    return Document(
        Blueprint(
            lanes=[
                *standard_lanes()[:2],
                Lane(id="mood", kind="emotion", title="Mood"),
                *standard_lanes()[2:],
            ],
            phases=[Phase(id="p1", title="Visit")],
            columns=[Column(id="c1", phase="p1"), Column(id="c2", phase="p1")],
            steps=[Step(id="old", lane="customer", column="c1", title="Already here")],
        )
    )


def _grid(doc: Document) -> dict[tuple[str, str], list[str]]:
    return {cell: [doc.step(s).title for s in ids] for cell, ids in cell_index(doc).items()}


def test_lines_and_blocks_are_told_apart():
    assert plan("Arrive\n\n  Check   in \r\nPay\n").titles == ("Arrive", "Check in", "Pay")
    block = plan("a\tb\n\t\nc\t\td\n")
    assert block.rows == (("a", "b"), ("c", "", "d")) and block.count == 4
    for nothing in ("", "  \n\t\n", "\t\t"):
        with pytest.raises(PasteError, match="Nothing to paste"):
            plan(nothing)


def test_lines_stack_in_the_cell_or_go_along_the_lane():
    doc = _doc()
    before = doc.snapshot()
    lines = plan("one\ntwo\nthree")
    stack = paste_batch(doc, lines, ("customer", "c1"), "stack")
    inverse = doc.apply(stack)
    assert _grid(doc)[("customer", "c1")] == ["Already here", "one", "two", "three"]
    assert [doc.step(s).title for s in inserted_ids(stack)] == ["one", "two", "three"]
    doc.apply(inverse)
    assert doc.snapshot() == before
    along = paste_batch(doc, lines, ("frontstage", "c2"), "along")
    doc.apply(along)
    columns = doc.blueprint.columns
    assert [c.phase for c in columns] == ["p1"] * 4  # two new columns, in the phase
    assert [(doc.step(s).lane, doc.step(s).column, doc.step(s).title) for s in inserted_ids(along)] == [
        ("frontstage", "c2", "one"),
        ("frontstage", columns[2].id, "two"),
        ("frontstage", columns[3].id, "three"),
    ]


def test_a_block_becomes_a_grid_with_lanes_by_position_and_new_columns():
    doc = _doc()
    rows = "\n".join("\t".join(f"r{r}c{c}" for c in range(6)) for r in range(4))
    batch = paste_batch(doc, plan(rows), ("customer", "c1"))
    doc.apply(batch)
    columns = [c.id for c in doc.blueprint.columns]
    assert len(columns) == 6 and all(c.phase == "p1" for c in doc.blueprint.columns)
    lanes = ["customer", "frontstage", "backstage", "support"]  # the emotion lane is passed over
    grid = _grid(doc)
    for r, lane in enumerate(lanes):
        for c, column in enumerate(columns):
            expected = [f"r{r}c{c}"] if (lane, column) != ("customer", "c1") else ["Already here", "r0c0"]
            assert grid[(lane, column)] == expected
    assert len(grid) == 24


def test_a_block_with_lane_names_goes_to_those_lanes():
    doc = _doc()
    text = "support processes\tfix\n\nCUSTOMER\tcall\t\tpay\n"
    doc.apply(paste_batch(doc, plan(text), ("evidence", "c2")))
    new = doc.blueprint.steps[1:]
    assert [(s.lane, s.column, s.title) for s in new] == [
        ("support", "c2", "fix"),
        ("customer", "c2", "call"),
        ("customer", doc.blueprint.columns[3].id, "pay"),
    ]


def test_pastes_that_cannot_go_anywhere_say_so_and_change_nothing():
    doc = _doc()
    before = doc.snapshot()
    with pytest.raises(PasteError, match="6 rows but only 3 lanes"):
        paste_batch(doc, plan("\n".join(f"x{i}\ty" for i in range(6))), ("frontstage", "c1"))
    with pytest.raises(PasteError, match="emotion lane"):
        paste_batch(doc, plan("a\nb"), ("mood", "c1"))
    with pytest.raises(PasteError, match="no step titles"):
        paste_batch(doc, plan("customer\t\t\n"), ("customer", "c1"))
    assert doc.snapshot() == before


def test_preview_names_lanes_and_new_columns_without_changing_anything():
    doc = _doc()
    before = doc.snapshot()
    rows = describe(doc, plan("a\nb\nc"), ("customer", "c2"), "along")
    assert rows == [
        ("Customer actions", "column 2", "a"),
        ("Customer actions", "new column", "b"),
        ("Customer actions", "new column", "c"),
    ]
    assert doc.snapshot() == before


def test_outline_order_and_capture():
    doc = _doc()
    doc.apply(capture_step(doc, ("backstage", "c1"), "B"))
    doc.apply(capture_step(doc, ("customer", "c1"), "A", after="old"))
    doc.apply(capture_step(doc, ("customer", "c1"), "A0", after="old"))  # just below "old"
    assert _grid(doc)[("customer", "c1")] == ["Already here", "A0", "A"]
    assert [doc.step(s).title for s in step_order(doc)] == ["Already here", "A0", "A", "B"]
    assert next_lane(doc, "customer", 1) == "frontstage"  # the emotion lane is passed over
    assert next_lane(doc, "evidence", -1) is None
