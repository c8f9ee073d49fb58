"""The phase invariant (a phase covers one run of consecutive columns) and the phase edits.

Unit tests of each edit of core/phases.py, the document refusing an operation that would
split a phase, and a hypothesis property: random sequences of column and phase edits keep
the invariant after every step, and undoing them all restores the document exactly.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blueprint_editor.core import edits, phases
from blueprint_editor.core.document import Document, split_phase
from blueprint_editor.core.model import Column, check_references
from blueprint_editor.core.operations import OperationError, Reorder, Set
from factories import phase_layout_blueprint


def layout(doc: Document) -> str:
    """The columns as in :func:`factories.phase_layout_blueprint`, with new phases shown by their title's last
    character (``Phase N`` -> ``N``)."""
    title = {p.id: p.title for p in doc.blueprint.phases}
    return "".join("-" if c.phase is None else title[c.phase][-1] for c in doc.blueprint.columns)


def order(doc: Document) -> list[str]:
    return [c.id for c in doc.blueprint.columns]


def apply_and_undo(doc: Document, op, expected: str) -> None:
    before = doc.snapshot()
    inverse = doc.apply(op)
    assert layout(doc) == expected
    check_references(doc.blueprint)
    doc.apply(inverse)
    assert doc.snapshot() == before


# ------------------------------------------------- the document keeps the invariant
@pytest.mark.parametrize(
    "op",
    [
        Set("columns", "c4", {"phase": "A"}),  # A would be c0-c2 and c4
        Set("columns", "c1", {"phase": None}),  # the middle of A (c0 c1 c2) leaves it
        Reorder("columns", "c0", 4),
    ],
)
def test_an_operation_that_splits_a_phase_is_refused_and_changes_nothing(op):
    doc = Document(phase_layout_blueprint("AAAB-"))
    heard: list = []
    doc.subscribe(heard.append)
    before, revision = doc.snapshot(), doc.revision
    with pytest.raises(OperationError, match="Phase A' would no longer cover consecutive"):
        doc.apply(op)
    assert doc.snapshot() == before and doc.revision == revision and heard == []


def test_a_batch_may_pass_through_a_split_state():
    doc = Document(phase_layout_blueprint("AAB"))
    # the middle column leaves A, then the last one joins it back: A ends one run
    op = edits.Batch((Set("columns", "c1", {"phase": "B"}), Set("columns", "c0", {"phase": "B"})))
    apply_and_undo(doc, op, "BBB")


def test_split_phase_names_the_first_split_phase():
    cols = [
        Column(id="a", phase="P"),
        Column(id="b", phase="Q"),
        Column(id="c", phase="Q"),
        Column(id="d", phase="P"),
        Column(id="e", phase="Q"),
    ]
    assert split_phase(cols) == "P" and split_phase(cols[1:]) == "Q"
    assert split_phase(cols[:3]) is None and split_phase([]) is None


# ------------------------------------------------------------------- group
def test_group_columns_makes_a_named_phase():
    doc = Document(phase_layout_blueprint("AA--B"))
    op = phases.group_columns(doc, ["c3", "c2"], "Phase N")
    apply_and_undo(doc, op, "AANNB")
    doc.apply(op)
    assert [p.title for p in doc.blueprint.phases] == ["Phase A", "Phase N", "Phase B"]


def test_group_columns_takes_edge_columns_and_deletes_an_emptied_phase():
    doc = Document(phase_layout_blueprint("AABBC"))
    apply_and_undo(doc, phases.group_columns(doc, ["c1", "c2", "c3"], "Phase N"), "ANNNC")
    doc.apply(phases.group_columns(doc, ["c1", "c2", "c3"], "Phase N"))
    assert "B" not in {p.id for p in doc.blueprint.phases}  # B had no column left


@pytest.mark.parametrize(
    "columns, message",
    [
        (["c0", "c2"], "only side-by-side columns"),
        (["c1"], "Phase A' would be split"),
        ([], "at least one column"),
        (["nope"], "no column has the id 'nope'"),
    ],
)
def test_group_columns_refuses(columns, message):
    doc = Document(phase_layout_blueprint("AAA-"))
    with pytest.raises(OperationError, match=message):
        phases.group_columns(doc, columns)


# ------------------------------------------------------------ grow, shrink
@pytest.mark.parametrize(
    "start, phase, side, expected",
    [
        ("-AA-", "A", "left", "AAA-"),
        ("-AA-", "A", "right", "-AAA"),
        ("BAA-", "A", "left", "AAA-"),  # B loses its only column: deleted
        ("AABB", "A", "right", "AAAB"),
    ],
)
def test_grow_phase(start, phase, side, expected):
    doc = Document(phase_layout_blueprint(start))
    apply_and_undo(doc, phases.grow_phase(doc, phase, side), expected)


def test_grow_phase_deletes_the_phase_it_emptied():
    doc = Document(phase_layout_blueprint("BAA-"))
    doc.apply(phases.grow_phase(doc, "A", "left"))
    assert [p.id for p in doc.blueprint.phases] == ["A"]


@pytest.mark.parametrize("start, side", [("AA-", "left"), ("-AA", "right")])
def test_grow_phase_at_the_end_of_the_columns_is_refused(start, side):
    doc = Document(phase_layout_blueprint(start))
    with pytest.raises(OperationError, match=f"no column on the {side}"):
        phases.grow_phase(doc, "A", side)


@pytest.mark.parametrize("side, expected", [("left", "-AA"), ("right", "AA-")])
def test_shrink_phase(side, expected):
    doc = Document(phase_layout_blueprint("AAA"))
    apply_and_undo(doc, phases.shrink_phase(doc, "A", side), expected)


def test_shrink_phase_keeps_one_column():
    doc = Document(phase_layout_blueprint("-A-"))
    with pytest.raises(OperationError, match="only one column"):
        phases.shrink_phase(doc, "A", "left")
    with pytest.raises(OperationError, match="'left' or 'right'"):
        phases.grow_phase(doc, "A", "up")  # type: ignore[arg-type]


# --------------------------------------------------------------- join, leave
@pytest.mark.parametrize(
    "start, column, side, expected",
    [
        ("A-B", "c1", "left", "AAB"),
        ("A-B", "c1", "right", "ABB"),
        ("AABB", "c2", "left", "AAAB"),
        ("AAB", "c2", "left", "AAA"),  # B emptied
    ],
)
def test_join_phase(start, column, side, expected):
    doc = Document(phase_layout_blueprint(start))
    apply_and_undo(doc, phases.join_phase(doc, column, side), expected)


@pytest.mark.parametrize(
    "start, column, side, message",
    [
        ("A--", "c1", "right", "no phase on the right"),
        ("AA-", "c1", "left", "already in phase 'Phase A'"),
        ("A", "c0", "left", "no phase on the left"),
    ],
)
def test_join_phase_refuses(start, column, side, message):
    with pytest.raises(OperationError, match=message):
        phases.join_phase(Document(phase_layout_blueprint(start)), column, side)


def test_leave_phase_at_an_edge_only():
    doc = Document(phase_layout_blueprint("AAA"))
    apply_and_undo(doc, phases.leave_phase(doc, "c0"), "-AA")
    apply_and_undo(doc, phases.leave_phase(doc, "c2"), "AA-")
    with pytest.raises(OperationError, match="only a column at either edge"):
        phases.leave_phase(doc, "c1")
    single = Document(phase_layout_blueprint("-A-"))
    single.apply(phases.leave_phase(single, "c1"))
    assert layout(single) == "---" and single.blueprint.phases == []


# ------------------------------------------------------------ insert phase
@pytest.mark.parametrize(
    "start, position, expected",
    [
        ("AB", 1, "ANB"),
        ("AB", 0, "NAB"),
        ("AB", 2, "ABN"),
        ("AAB", 1, "AANB"),  # inside A: right after A
        ("", 0, "N"),
    ],
)
def test_insert_phase_at(start, position, expected):
    doc = Document(phase_layout_blueprint(start))
    op = phases.insert_phase_at(doc, position, "Phase N")
    apply_and_undo(doc, op, expected)
    doc.apply(op)
    titles = [p.title for p in doc.blueprint.phases]
    assert titles == sorted(titles, key=lambda t: expected.index(t[-1]))  # list follows columns


# ------------------------------------------------------------- move column
@pytest.mark.parametrize(
    "start, column, index, expected, new_order",
    [
        ("AAB", "c2", 1, "AAA", ["c0", "c2", "c1"]),  # into A: joins A, B emptied
        ("AABB", "c2", 1, "AAAB", ["c0", "c2", "c1", "c3"]),  # between A's two columns: joins A
        ("AABB", "c1", 3, "ABB-", ["c0", "c2", "c3", "c1"]),  # away from A, beside B: no phase
        ("AABB", "c1", 2, "ABBB", ["c0", "c2", "c1", "c3"]),  # between B's columns: joins B
        ("A-B", "c0", 2, "-BA", ["c1", "c2", "c0"]),  # A's only column: A moves with it
        ("AA-B", "c0", 2, "A--B", ["c1", "c2", "c0", "c3"]),
        ("AA-B", "c1", 2, "A--B", ["c0", "c2", "c1", "c3"]),  # past a column of no phase
        ("-AA", "c0", 2, "AA-", ["c1", "c2", "c0"]),
        ("AAB", "c1", 0, "AAB", ["c1", "c0", "c2"]),  # inside its own phase
    ],
)
def test_move_column_keeps_phases_whole(start, column, index, expected, new_order):
    doc = Document(phase_layout_blueprint(start))
    op = edits.reorder(doc, "columns", column, index)
    before = doc.snapshot()
    inverse = doc.apply(op)
    assert order(doc) == new_order and layout(doc) == expected
    assert split_phase(doc.blueprint.columns) is None
    doc.apply(inverse)
    assert doc.snapshot() == before


def test_insert_column_inside_a_phase_joins_it():
    doc = Document(phase_layout_blueprint("AA"))
    doc.apply(edits.insert_column(doc, 1))
    assert layout(doc) == "AAA"
    doc.apply(edits.insert_column(doc, 3))
    assert layout(doc) == "AAA-"


# ---------------------------------------------------------------- property
def draw_phase_edit(draw, doc: Document):
    bp = doc.blueprint
    cols = [c.id for c in bp.columns]
    phase_ids = [p.id for p in bp.phases]
    kind = draw(
        st.sampled_from(
            [
                "group",
                "grow",
                "shrink",
                "join",
                "leave",
                "insert_phase",
                "move",
                "insert_column",
                "delete_column",
                "delete_phase",
                "set_phase",
            ]
        )
    )
    side = draw(st.sampled_from(["left", "right"]))
    if kind == "insert_phase":
        return phases.insert_phase_at(doc, draw(st.integers(-1, len(cols) + 1)), "Phase N")
    if kind == "insert_column":
        phase = draw(st.none() | st.sampled_from(phase_ids)) if phase_ids else None
        return edits.insert_column(doc, draw(st.integers(-1, len(cols) + 1)), phase)
    if not cols:
        return None
    column = draw(st.sampled_from(cols))
    if kind == "group":
        start = draw(st.integers(0, len(cols) - 1))
        width = draw(st.integers(1, 3))
        return phases.group_columns(doc, cols[start : start + width], "Phase G")
    if kind == "join":
        return phases.join_phase(doc, column, side)
    if kind == "leave":
        return phases.leave_phase(doc, column)
    if kind == "move":
        return edits.reorder(doc, "columns", column, draw(st.integers(-1, len(cols) + 1)))
    if kind == "delete_column":
        return edits.delete_column(doc, column)
    if kind == "set_phase":  # a raw edit: the document refuses it when it splits a phase
        phase = draw(st.none() | st.sampled_from(phase_ids)) if phase_ids else None
        return edits.set_fields(doc, "columns", column, phase=phase)
    if not phase_ids:
        return None
    phase = draw(st.sampled_from(phase_ids))
    if kind == "grow":
        return phases.grow_phase(doc, phase, side)
    if kind == "shrink":
        return phases.shrink_phase(doc, phase, side)
    return edits.delete_phase(doc, phase)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text("AB-", max_size=6), st.data())
def test_random_phase_edits_keep_the_invariant_and_undo_exactly(start, data):
    first = {ch: start.index(ch) for ch in start}
    doc = Document(phase_layout_blueprint("".join(sorted(start, key=first.__getitem__))))  # phases as runs
    original = doc.snapshot()
    undo = []
    for _ in range(data.draw(st.integers(1, 12))):
        before = doc.snapshot()
        try:
            op = draw_phase_edit(data.draw, doc)
            if op is None:
                continue
            undo.append((doc.apply(op), before))
        except OperationError:
            assert doc.snapshot() == before  # a refused edit changes nothing
            continue
        assert split_phase(doc.blueprint.columns) is None
        check_references(doc.blueprint)
    for inverse, before in reversed(undo):
        doc.apply(inverse)
        assert doc.snapshot() == before
    assert doc.snapshot() == original
