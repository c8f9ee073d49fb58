"""Random sequences of edits on random small blueprints (hypothesis).

After every edit the document is valid and its indexes agree with a fresh document of the
same blueprint. Undoing every edit (the inverses, in reverse order) gives back the original
blueprint exactly, order included; redoing gives the same final blueprint again.
An edit that is refused leaves the document unchanged.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.io import dumps, loads
from blueprint_editor.core.model import (
    LANE_KINDS,
    Blueprint,
    Column,
    Handoff,
    Lane,
    Phase,
    Step,
    check_references,
)
from blueprint_editor.core.operations import Batch, Delete, Insert, OperationError, Reorder, Set, SetBlueprint
from factories import two_lane_blueprint

COLLECTIONS = ("lanes", "phases", "columns", "steps", "handoffs")
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=6)


@st.composite
def blueprints(draw) -> Blueprint:
    lanes = [Lane(id=f"l{i}", kind=draw(st.sampled_from(LANE_KINDS)), title=f"L{i}")
             for i in range(draw(st.integers(1, 4)))]
    phases = [Phase(id=f"p{i}", title=f"P{i}") for i in range(draw(st.integers(0, 2)))]
    phase_ids = st.none() | st.sampled_from([p.id for p in phases]) if phases else st.none()
    columns = [Column(id=f"c{i}", phase=draw(phase_ids)) for i in range(draw(st.integers(1, 4)))]
    steps = [Step(id=f"s{i}", lane=draw(st.sampled_from(lanes)).id,
                  column=draw(st.sampled_from(columns)).id, title=f"S{i}")
             for i in range(draw(st.integers(0, 6)))]
    handoffs = []
    if len(steps) >= 2:
        for i in range(draw(st.integers(0, 5))):
            a, b = draw(st.lists(st.sampled_from([s.id for s in steps]), min_size=2, max_size=2,
                                 unique=True))
            handoffs.append(Handoff(id=f"h{i}", source=a, target=b))
    bp = Blueprint(title="t", lanes=lanes, phases=phases, columns=columns, steps=steps,
                   handoffs=handoffs)
    check_references(bp)
    return bp


def ids(doc: Document, collection: str) -> list[str]:
    return [e.id for e in getattr(doc.blueprint, collection)]


def step_field_values(draw, field: str):
    return draw({
        "title": texts, "description": texts, "owner": texts,
        "duration_minutes": st.none() | st.integers(0, 500) | st.floats(0, 1e6),
        "emotion": st.none() | st.integers(-2, 2), "tags": st.lists(texts, max_size=2),
    }.get(field, st.booleans()))


def draw_edit(draw, doc: Document):
    """One user edit built by core/edits.py from the document's current state."""
    bp = doc.blueprint
    pick = lambda collection: draw(st.sampled_from(ids(doc, collection)))  # noqa: E731
    anywhere = st.integers(-1, 8)
    choices = ["add_step", "insert_lane", "insert_column", "insert_phase", "set_blueprint"]
    if bp.steps:
        choices += ["move_steps", "delete_steps", "set_step", "reorder_steps", "paste"]
    if len(bp.steps) >= 2:
        choices += ["connect", "connect"]
    if bp.handoffs:
        choices += ["set_handoff", "delete_handoffs", "reconnect"]
    choices += ["delete_lane", "set_lane", "reorder"] if bp.lanes else []
    choices += ["delete_column", "set_column"] if bp.columns else []
    choices += ["delete_phase", "set_phase"] if bp.phases else []
    kind = draw(st.sampled_from(choices))
    if kind == "add_step":
        if not bp.lanes or not bp.columns:
            return None
        index = draw(st.none() | anywhere)
        return edits.add_step(doc, pick("lanes"), pick("columns"), draw(texts), index=index,
                              fail_point=draw(st.booleans()))
    if kind == "insert_lane":
        return edits.insert_lane(doc, draw(anywhere), draw(st.sampled_from(LANE_KINDS)))
    if kind == "insert_column":
        phase = draw(st.none() | st.sampled_from(ids(doc, "phases"))) if bp.phases else None
        return edits.insert_column(doc, draw(anywhere), phase)
    if kind == "insert_phase":
        group = draw(st.lists(st.sampled_from(ids(doc, "columns")), unique=True, max_size=2)) \
            if bp.columns else []
        return edits.insert_phase(doc, draw(anywhere), draw(texts), group)
    if kind == "set_blueprint":
        return edits.set_fields(doc, None, None, title=draw(texts), description=draw(texts))
    if kind == "move_steps":
        chosen = draw(st.lists(st.sampled_from(ids(doc, "steps")), min_size=1, max_size=3,
                               unique=True))
        moves = [(s, pick("lanes"), pick("columns")) for s in chosen]
        before = draw(st.none() | st.sampled_from(ids(doc, "steps")))
        return edits.move_steps(doc, moves, before=before)
    if kind in ("delete_steps", "delete_handoffs"):
        pool = ids(doc, "steps") + ids(doc, "handoffs") + ["nope"]
        return edits.delete_elements(doc, draw(st.lists(st.sampled_from(pool), max_size=3)))
    if kind == "set_step":
        field = draw(st.sampled_from(["title", "description", "owner", "duration_minutes",
                                      "fail_point", "wait_point", "moment_of_truth",
                                      "self_service", "emotion", "tags"]))
        return edits.set_fields(doc, "steps", pick("steps"), **{field: step_field_values(draw, field)})
    if kind == "reorder_steps":
        return edits.reorder(doc, "steps", pick("steps"), draw(anywhere))
    if kind == "paste":
        fresh = doc.new_id("steps", prefix="paste")
        step = doc.step(pick("steps")).model_copy(update={"id": fresh})
        return edits.add_steps(doc, [step])
    if kind == "connect":
        a, b = draw(st.lists(st.sampled_from(ids(doc, "steps")), min_size=2, max_size=2,
                             unique=True))
        return edits.connect(doc, a, b, label=draw(texts), two_way=draw(st.booleans()))
    if kind == "set_handoff":
        return edits.set_fields(doc, "handoffs", pick("handoffs"), label=draw(texts),
                                two_way=draw(st.booleans()))
    if kind == "reconnect":  # drag one end of an arrow to another step, or reverse it
        handoff = doc.handoff(pick("handoffs"))
        end = draw(st.sampled_from(["source", "target", "reverse"]))
        if end == "reverse":
            return edits.set_fields(doc, "handoffs", handoff.id, source=handoff.target,
                                    target=handoff.source)
        return edits.set_fields(doc, "handoffs", handoff.id, **{end: pick("steps")})
    if kind == "delete_lane":
        return edits.delete_lane(doc, pick("lanes"))
    if kind == "set_lane":
        return edits.set_fields(doc, "lanes", pick("lanes"), title=draw(texts),
                                kind=draw(st.sampled_from(LANE_KINDS)))
    if kind == "reorder":
        collection = draw(st.sampled_from([c for c in COLLECTIONS if getattr(bp, c)]))
        return edits.reorder(doc, collection, pick(collection), draw(anywhere))
    if kind == "delete_column":
        return edits.delete_column(doc, pick("columns"))
    if kind == "set_column":
        phase = draw(st.none() | st.sampled_from(ids(doc, "phases"))) if bp.phases else None
        return edits.set_fields(doc, "columns", pick("columns"), phase=phase)
    if kind == "delete_phase":
        return edits.delete_phase(doc, pick("phases"))
    assert kind == "set_phase"
    return edits.set_fields(doc, "phases", pick("phases"), title=draw(texts))


def assert_consistent(doc: Document) -> None:
    """The document is valid and its indexes agree with a fresh document of its data."""
    bp = doc.blueprint
    check_references(bp)
    fresh = Document(loads(dumps(bp)))
    assert fresh.snapshot() == doc.snapshot()
    for collection in COLLECTIONS:
        for element in getattr(bp, collection):
            assert doc.get(collection, element.id) is element
            assert doc.kind_of(element.id) == collection
    for step in bp.steps:
        expected = {h.id for h in bp.handoffs if step.id in (h.source, h.target)}
        assert doc.handoff_ids_of(step.id) == expected == fresh.handoff_ids_of(step.id)
        assert [h.id for h in doc.handoffs_of(step.id)] == [
            h.id for h in bp.handoffs if h.id in expected]
    known = {e.id for c in COLLECTIONS for e in getattr(bp, c)}
    for ghost in ("s0", "s1", "h0", "h1", "c0", "l0", "p0", "paste1"):
        assert doc.contains(ghost) == (ghost in known)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blueprints(), st.data())
def test_undo_everything_restores_the_original_and_redo_the_result(bp, data):
    doc = Document(bp)
    calls: list[list] = []
    doc.subscribe(calls.append)
    original = doc.snapshot()
    inverses = []
    for _ in range(data.draw(st.integers(1, 14))):
        before = doc.snapshot()
        try:
            op = draw_edit(data.draw, doc)
        except OperationError:
            continue  # refused while building (e.g. connect a step to itself)
        if op is None:
            continue
        n_calls = len(calls)
        try:
            inverse = doc.apply(op)
        except OperationError:
            assert doc.snapshot() == before  # a refused edit changes nothing
            assert len(calls) == n_calls
            continue
        assert len(calls) == n_calls + 1  # subscribers hear once per edit
        inverses.append((inverse, doc.snapshot()))
        assert_consistent(doc)
    final = doc.snapshot()
    redos = []
    for inverse, after in reversed(inverses):
        assert doc.snapshot() == after
        redos.append(doc.apply(inverse))
        assert_consistent(doc)
    assert doc.snapshot() == original
    for redo in reversed(redos):
        doc.apply(redo)
    assert doc.snapshot() == final
    assert_consistent(doc)


# ----------------------------------------------------------- targeted cases
def test_reconnected_handoff_keeps_the_step_index_right():
    doc = Document(two_lane_blueprint())
    undo = doc.apply(edits.set_fields(doc, "handoffs", "h1", target="c"))
    assert doc.handoff_ids_of("b") == frozenset() and doc.handoff_ids_of("c") == {"h1"}
    doc.apply(edits.delete_elements(doc, ["b"]))  # b has no handoff any more: just the step
    assert [h.id for h in doc.blueprint.handoffs] == ["h1"]
    with pytest.raises(OperationError):
        doc.apply(Delete("steps", "c"))  # c is still an end of h1
    assert_consistent(doc)
    del undo


@pytest.mark.parametrize("op", [
    Insert("steps", Step(id="a", lane="l1", column="c1", title="dup"), 0),
    Insert("steps", Step(id="z", lane="ghost", column="c1", title="t"), 0),
    Insert("handoffs", Handoff(id="hz", source="a", target="a"), 0),
    Delete("steps", "a"),
    Delete("lanes", "l1"),
    Delete("columns", "c2"),
    Delete("steps", "ghost"),
    Reorder("steps", "ghost", 0),
    Set("steps", "a", {"id": "new"}),
    Set("steps", "a", {"emotion": 7}),
    Set("steps", "a", {"lane": "ghost"}),
    Set("handoffs", "h1", {"target": "a"}),
    Set("steps", "a", {"no_such_field": 1}),
    SetBlueprint({"version": 2}),
    Batch((Set("steps", "a", {"title": "changed"}), Delete("lanes", "l1"))),
])
def test_refused_operations_change_nothing(op):
    doc = Document(two_lane_blueprint())
    before = doc.snapshot()
    calls = []
    doc.subscribe(calls.append)
    with pytest.raises(OperationError):
        doc.apply(op)
    assert doc.snapshot() == before and calls == [] and doc.revision == 0
    assert_consistent(doc)


def test_move_before_a_step_stacks_above_it():
    doc = Document(two_lane_blueprint())
    doc.apply(edits.move_steps(doc, [("c", "l2", "c1"), ("a", "l2", "c1")], before="b"))
    assert ids(doc, "steps") == ["c", "a", "b"]
    assert [s.id for s in doc.steps_in_cell("l2", "c1")] == ["c", "a", "b"]
