"""Random sequences of edits on random small blueprints (hypothesis).

After every edit the document is valid and its indexes agree with a fresh document of the
same blueprint. Undoing every edit (the inverses, in reverse order) gives back the original
blueprint exactly, order included; redoing gives the same final blueprint again.
An edit that is refused leaves the document unchanged.
"""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.io import dumps, loads
from blueprint_editor.core.model import (
    CHANNELS,
    COLLECTIONS,
    COMMENT_KINDS,
    LANE_KINDS,
    Blueprint,
    Column,
    Comment,
    Handoff,
    Image,
    Lane,
    Phase,
    Step,
    check_references,
)
from blueprint_editor.core.operations import (
    Batch,
    Delete,
    Insert,
    InsertMany,
    OperationError,
    Reorder,
    Set,
    SetBlueprint,
)
from factories import two_lane_blueprint, workshop_blueprint

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(6)).decode("ascii")
JPEG = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(6)).decode("ascii")
images_data = st.sampled_from([("image/png", PNG), ("image/jpeg", JPEG)])


@st.composite
def blueprints(draw) -> Blueprint:
    lanes = [
        Lane(id=f"l{i}", kind=draw(st.sampled_from(LANE_KINDS)), title=f"L{i}")
        for i in range(draw(st.integers(1, 4)))
    ]
    phases = [Phase(id=f"p{i}", title=f"P{i}") for i in range(draw(st.integers(0, 2)))]
    phase_ids = st.none() | st.sampled_from([p.id for p in phases]) if phases else st.none()
    drawn = [draw(phase_ids) for _ in range(draw(st.integers(1, 4)))]
    first = {phase: drawn.index(phase) for phase in drawn}
    drawn.sort(key=first.__getitem__)  # each phase one run of columns
    columns = [Column(id=f"c{i}", phase=phase) for i, phase in enumerate(drawn)]
    holders = [lane for lane in lanes if lane.kind != "emotion"] or lanes[:0]
    steps = [
        Step(
            id=f"s{i}",
            lane=draw(st.sampled_from(holders)).id,
            column=draw(st.sampled_from(columns)).id,
            title=f"S{i}",
        )
        for i in range(draw(st.integers(0, 6) if holders else st.just(0)))
    ]
    handoffs = []
    if len(steps) >= 2:
        for i in range(draw(st.integers(0, 5))):
            a, b = draw(st.lists(st.sampled_from([s.id for s in steps]), min_size=2, max_size=2, unique=True))
            handoffs.append(Handoff(id=f"h{i}", source=a, target=b))
    images = []
    for i in range(draw(st.integers(0, 2))):
        media_type, data = draw(images_data)
        images.append(Image(id=f"img{i}", media_type=media_type, data=data))
    for step in steps:
        step.image = draw(st.none() | st.sampled_from([im.id for im in images])) if images else None
        step.channel = draw(st.none() | st.sampled_from(CHANNELS))
        step.votes = draw(st.integers(0, 999))
    targets = [None] + [s.id for s in steps] + [h.id for h in handoffs]
    comments = [
        Comment(
            id=f"cm{i}",
            target=draw(st.sampled_from(targets)),
            kind=draw(st.sampled_from(COMMENT_KINDS)),
            text=draw(texts),
            done=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    bp = Blueprint(
        title="t",
        lanes=lanes,
        phases=phases,
        columns=columns,
        steps=steps,
        handoffs=handoffs,
        comments=comments,
        images=images,
    )
    check_references(bp)
    return bp


def ids(doc: Document, collection: str) -> list[str]:
    return [e.id for e in getattr(doc.blueprint, collection)]


def step_field_values(draw, field: str):
    return draw(
        {
            "title": texts,
            "description": texts,
            "owner": texts,
            "duration_minutes": st.none() | st.integers(0, 500) | st.floats(0, 1e6),
            "emotion": st.none() | st.integers(-2, 2),
            "tags": st.lists(texts, max_size=2),
            "channel": st.none() | st.sampled_from(CHANNELS),
            "votes": st.integers(0, 999),
        }.get(field, st.booleans())
    )


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
    choices += ["add_comment", "add_image"]
    choices += ["set_image", "remove_image"] if bp.steps else []
    choices += ["move_comment", "set_comment", "delete_comments"] if bp.comments else []
    choices += ["delete_images", "show_image"] if bp.images and bp.steps else []
    kind = draw(st.sampled_from(choices))
    targets = [None] + ids(doc, "steps") + ids(doc, "handoffs") + ["ghost"]
    if kind == "add_comment":
        return edits.add_comment(
            doc,
            draw(st.sampled_from(targets)),
            draw(st.sampled_from(COMMENT_KINDS)),
            draw(texts),
            index=draw(st.none() | anywhere),
        )
    if kind == "move_comment":
        return edits.move_comment(doc, pick("comments"), draw(st.sampled_from(targets)))
    if kind == "set_comment":
        return edits.set_fields(
            doc,
            "comments",
            pick("comments"),
            text=draw(texts),
            owner=draw(texts),
            done=draw(st.booleans()),
            kind=draw(st.sampled_from(COMMENT_KINDS)),
        )
    if kind in ("delete_comments", "delete_images"):
        pool = ids(doc, "comments") + ids(doc, "images") + ids(doc, "steps")
        return edits.delete_elements(doc, draw(st.lists(st.sampled_from(pool), max_size=3)))
    if kind == "add_image":
        return edits.add_image(doc, *draw(images_data))
    if kind == "set_image":
        return edits.set_step_image(doc, pick("steps"), *draw(images_data))
    if kind == "remove_image":
        return edits.set_step_image(doc, pick("steps"))
    if kind == "show_image":  # a raw edit: show an image another step shows
        return edits.set_fields(doc, "steps", pick("steps"), image=pick("images"))
    if kind == "add_step":
        if not bp.lanes or not bp.columns:
            return None
        index = draw(st.none() | anywhere)
        return edits.add_step(
            doc, pick("lanes"), pick("columns"), draw(texts), index=index, fail_point=draw(st.booleans())
        )
    if kind == "insert_lane":
        return edits.insert_lane(doc, draw(anywhere), draw(st.sampled_from(LANE_KINDS)))
    if kind == "insert_column":
        phase = draw(st.none() | st.sampled_from(ids(doc, "phases"))) if bp.phases else None
        return edits.insert_column(doc, draw(anywhere), phase)
    if kind == "insert_phase":
        group = (
            draw(st.lists(st.sampled_from(ids(doc, "columns")), unique=True, max_size=2))
            if bp.columns
            else []
        )
        return edits.insert_phase(doc, draw(anywhere), draw(texts), group)
    if kind == "set_blueprint":
        return edits.set_fields(doc, None, None, title=draw(texts), description=draw(texts))
    if kind == "move_steps":
        chosen = draw(st.lists(st.sampled_from(ids(doc, "steps")), min_size=1, max_size=3, unique=True))
        moves = [(s, pick("lanes"), pick("columns")) for s in chosen]
        before = draw(st.none() | st.sampled_from(ids(doc, "steps")))
        return edits.move_steps(doc, moves, before=before)
    if kind in ("delete_steps", "delete_handoffs"):
        pool = ids(doc, "steps") + ids(doc, "handoffs") + ["nope"]
        return edits.delete_elements(doc, draw(st.lists(st.sampled_from(pool), max_size=3)))
    if kind == "set_step":
        field = draw(
            st.sampled_from(
                [
                    "title",
                    "description",
                    "owner",
                    "duration_minutes",
                    "fail_point",
                    "wait_point",
                    "moment_of_truth",
                    "self_service",
                    "emotion",
                    "tags",
                    "channel",
                    "votes",
                ]
            )
        )
        return edits.set_fields(doc, "steps", pick("steps"), **{field: step_field_values(draw, field)})
    if kind == "reorder_steps":
        return edits.reorder(doc, "steps", pick("steps"), draw(anywhere))
    if kind == "paste":
        fresh = doc.new_id("steps", prefix="paste")
        step = doc.step(pick("steps")).model_copy(update={"id": fresh})
        return edits.add_steps(doc, [step])
    if kind == "connect":
        a, b = draw(st.lists(st.sampled_from(ids(doc, "steps")), min_size=2, max_size=2, unique=True))
        return edits.connect(doc, a, b, label=draw(texts), two_way=draw(st.booleans()))
    if kind == "set_handoff":
        return edits.set_fields(
            doc, "handoffs", pick("handoffs"), label=draw(texts), two_way=draw(st.booleans())
        )
    if kind == "reconnect":  # drag one end of an arrow to another step, or reverse it
        handoff = doc.handoff(pick("handoffs"))
        end = draw(st.sampled_from(["source", "target", "reverse"]))
        if end == "reverse":
            return edits.set_fields(doc, "handoffs", handoff.id, source=handoff.target, target=handoff.source)
        return edits.set_fields(doc, "handoffs", handoff.id, **{end: pick("steps")})
    if kind == "delete_lane":
        return edits.delete_lane(doc, pick("lanes"))
    if kind == "set_lane":
        return edits.set_fields(
            doc, "lanes", pick("lanes"), title=draw(texts), kind=draw(st.sampled_from(LANE_KINDS))
        )
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
    for target in [None, *(s.id for s in bp.steps), *(h.id for h in bp.handoffs)]:
        expected = {c.id for c in bp.comments if c.target == target}
        assert doc.comment_ids_of(target) == expected == fresh.comment_ids_of(target)
    for image in bp.images:
        users = {s.id for s in bp.steps if s.image == image.id}
        assert doc.image_users(image.id) == users == fresh.image_users(image.id)
    for step in bp.steps:
        expected = {h.id for h in bp.handoffs if step.id in (h.source, h.target)}
        assert doc.handoff_ids_of(step.id) == expected == fresh.handoff_ids_of(step.id)
        assert [h.id for h in doc.handoffs_of(step.id)] == [h.id for h in bp.handoffs if h.id in expected]
    known = {e.id for c in COLLECTIONS for e in getattr(bp, c)}
    for ghost in ("s0", "s1", "h0", "h1", "c0", "l0", "p0", "paste1", "cm0", "cm1", "img1"):
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


@pytest.mark.parametrize(
    "op",
    [
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
    ],
)
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


# ------------------------------------------------- the registry, comments and images
@pytest.mark.parametrize(
    "op, message",
    [
        (
            Insert("lanes", Step(id="z", lane="l1", column="c1", title="t"), 0),
            "a Step cannot go into the lanes",
        ),
        (
            InsertMany("handoffs", ((0, Comment(id="z", target=None, kind="note", text="")),)),
            "a Comment cannot go into the handoffs",
        ),
        (
            Insert("notes", Lane(id="z", kind="note", title=""), 0),  # type: ignore[arg-type]
            "'notes' is not a collection",
        ),
        (Insert("steps", Step(id="z", lane="feel", column="c1", title="t"), 0), "'feel' is an emotion lane"),
        (Set("steps", "a", {"lane": "feel"}), "'feel' is an emotion lane"),
        (Set("lanes", "l1", {"kind": "emotion"}), "lane 'l1' still has steps"),
        (Set("steps", "a", {"image": "ghost"}), "no image has the id 'ghost'"),
        (Set("steps", "a", {"votes": 1000}), "votes"),
        (Set("comments", "q1", {"target": "c1"}), "no step or handoff has the id 'c1'"),
        (Set("images", "i1", {"data": JPEG}), "not a PNG image"),
        (
            Insert("comments", Comment(id="a", target=None, kind="note", text=""), 0),
            "the id 'a' is already used",
        ),
        (Delete("steps", "a"), "still has"),
        (Delete("handoffs", "h1"), "handoff 'h1' still has comments"),
        (Delete("images", "i2"), "image 'i2' is still shown by a step"),
    ],
)
def test_refused_v2_operations_change_nothing(op, message):
    doc = Document(workshop_blueprint())
    before = doc.snapshot()
    with pytest.raises(OperationError, match=message):
        doc.apply(op)
    assert doc.snapshot() == before
    assert_consistent(doc)


def test_deleting_a_step_takes_its_comments_and_its_only_image_with_it():
    doc = Document(workshop_blueprint())
    before = doc.snapshot()
    undo = doc.apply(edits.delete_elements(doc, ["a"]))
    assert [c.id for c in doc.blueprint.comments] == ["q3"]  # q1 on a, q2 on a's handoff
    assert [i.id for i in doc.blueprint.images] == ["i2"]  # i1 was only a's
    assert_consistent(doc)
    doc.apply(undo)
    assert doc.snapshot() == before


def test_an_image_another_step_still_shows_stays():
    doc = Document(workshop_blueprint())
    doc.apply(edits.delete_elements(doc, ["b"]))
    assert [i.id for i in doc.blueprint.images] == ["i1", "i2"] and doc.image_users("i2") == {"c"}
    doc.apply(edits.delete_elements(doc, ["c"]))
    assert [i.id for i in doc.blueprint.images] == ["i1"]
    assert_consistent(doc)


def test_deleting_an_image_removes_it_from_its_steps():
    doc = Document(workshop_blueprint())
    before = doc.snapshot()
    undo = doc.apply(edits.delete_elements(doc, ["i2", "q3"]))
    assert doc.step("b").image is None and doc.step("c").image is None
    assert [c.id for c in doc.blueprint.comments] == ["q1", "q2"]
    doc.apply(undo)
    assert doc.snapshot() == before


def test_replacing_and_removing_a_step_image():
    doc = Document(workshop_blueprint())
    before = doc.snapshot()
    undo = doc.apply(edits.set_step_image(doc, "a", "image/jpeg", JPEG))
    new = doc.step("a").image
    assert new not in (None, "i1") and doc.image(new).media_type == "image/jpeg"
    assert doc.find("images", "i1") is None  # nobody else showed it
    doc.apply(undo)
    assert doc.snapshot() == before
    doc.apply(edits.set_step_image(doc, "b"))  # c still shows i2
    assert doc.step("b").image is None and doc.find("images", "i2") is not None
    assert edits.set_step_image(doc, "b").ops == ()  # nothing to remove
    with pytest.raises(OperationError, match="media type"):
        edits.set_step_image(doc, "b", None, PNG)


def test_comments_are_added_moved_and_edited():
    doc = Document(workshop_blueprint())
    before = doc.snapshot()
    undo = [doc.apply(edits.add_comment(doc, "c", "action", "Call back", owner="Desk"))]
    new = doc.blueprint.comments[-1]
    assert (new.target, new.kind, new.text, new.owner, new.done) == (
        "c",
        "action",
        "Call back",
        "Desk",
        False,
    )
    undo.append(doc.apply(edits.move_comment(doc, new.id, "h1")))
    assert doc.comment_ids_of("h1") == {"q2", new.id} and doc.comment_ids_of("c") == frozenset()
    undo.append(doc.apply(edits.set_fields(doc, "comments", new.id, done=True)))
    assert doc.comment(new.id).done
    assert edits.move_comment(doc, new.id, "h1").ops == ()
    with pytest.raises(OperationError, match="no step or handoff has the id 'c1'"):
        edits.add_comment(doc, "c1")
    for inverse in reversed(undo):
        doc.apply(inverse)
    assert doc.snapshot() == before
