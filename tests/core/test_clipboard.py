"""Copy, paste and duplicate of steps as plain data."""

from __future__ import annotations

import json

import pytest

from blueprint_editor.core import clipboard, edits
from blueprint_editor.core.clipboard import (
    FragmentError,
    copy_fragment,
    duplicate,
    inserted_step_ids,
    paste_fragment,
)
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Blueprint, Column, Lane, new_blueprint
from factories import clipboard_blueprint


def test_copy_takes_selected_steps_and_only_handoffs_between_them():
    doc = Document(clipboard_blueprint())
    frag = copy_fragment(doc, ["b", "a", "h2"])
    assert [s["id"] for s in frag["steps"]] == ["a", "b"]  # document order
    assert [h["id"] for h in frag["handoffs"]] == ["h1"]
    assert frag["places"]["b"] == {"lane_kind": "frontstage", "lane_index": 2, "column_index": 0}
    # plain JSON all the way down
    assert json.loads(clipboard.fragment_to_json(frag)) == frag


def test_paste_gives_fresh_ids_remaps_handoffs_and_keeps_fields():
    doc = Document(clipboard_blueprint())
    before = doc.snapshot()
    frag = copy_fragment(doc, ["a", "b"])
    batch = paste_fragment(doc, frag)
    assert doc.snapshot() == before  # built, not applied
    doc.apply(batch)
    new_ids = inserted_step_ids(batch)
    assert len(new_ids) == 2 and not set(new_ids) & {"a", "b", "c"}
    na, nb = (doc.step(i) for i in new_ids)
    assert (na.title, na.lane, na.column, na.fail_point, na.emotion) == ("Arrive", "customer", "c1", True, 1)
    assert nb.tags == ["desk"]
    new_handoffs = doc.blueprint.handoffs[2:]
    assert len(new_handoffs) == 1
    h = new_handoffs[0]
    assert (h.source, h.target, h.label, h.two_way) == (na.id, nb.id, "hello", True)
    assert h.id not in ("h1", "h2")
    # pasted steps go last, so they stack under the originals in their cells
    assert [s.id for s in doc.steps_in_cell("customer", "c1")] == ["a", na.id]


def test_paste_twice_never_reuses_ids():
    doc = Document(clipboard_blueprint())
    frag = copy_fragment(doc, ["a", "b"])
    doc.apply(paste_fragment(doc, frag))
    doc.apply(paste_fragment(doc, frag))
    ids = [s.id for s in doc.blueprint.steps] + [h.id for h in doc.blueprint.handoffs]
    assert len(ids) == len(set(ids)) == (3 + 2 + 2) + (2 + 1 + 1)


def test_paste_undo_gives_back_the_same_blueprint():
    doc = Document(clipboard_blueprint())
    before = doc.snapshot()
    inverse = doc.apply(duplicate(doc, ["a", "b", "c"]))
    assert len(doc.blueprint.steps) == 6 and len(doc.blueprint.handoffs) == 4
    doc.apply(inverse)
    assert doc.snapshot() == before


def test_missing_lane_goes_to_a_lane_of_the_same_kind_and_missing_column_by_position():
    doc = Document(clipboard_blueprint())
    frag = copy_fragment(doc, ["c"])
    doc.apply(edits.insert_lane(doc, 5, kind="backstage", title="IT"))
    doc.apply(edits.delete_lane(doc, "backstage"))
    doc.apply(edits.delete_column(doc, "c2"))
    batch = paste_fragment(doc, frag)
    doc.apply(batch)
    (new_id,) = inserted_step_ids(batch)
    step = doc.step(new_id)
    it_lane = [l.id for l in doc.blueprint.lanes if l.kind == "backstage"][0]
    assert step.lane == it_lane
    # column c2 was at index 1; after its deletion index 1 is c3
    assert step.column == doc.blueprint.columns[1].id == "c3"


def test_paste_into_another_blueprint_uses_positions_when_no_kind_matches():
    src = Document(clipboard_blueprint())
    frag = copy_fragment(src, ["c"])  # a backstage step in column 1 (index 1)
    other = Document(Blueprint(lanes=[Lane(id="n", kind="note", title="Notes")], columns=[Column(id="x")]))
    batch = paste_fragment(other, frag)
    other.apply(batch)
    (step,) = other.blueprint.steps
    assert (step.lane, step.column) == ("n", "x")  # clamped to the last lane / column


def test_nothing_to_place_in_a_blueprint_without_columns():
    frag = copy_fragment(Document(clipboard_blueprint()), ["a", "b"])
    empty = Document(Blueprint(lanes=[Lane(id="l", kind="customer", title="C")]))
    batch = paste_fragment(empty, frag)
    assert batch.ops == ()
    assert inserted_step_ids(batch) == []


@pytest.mark.parametrize(
    "bad",
    [
        [],
        "text",
        {"format": "other"},
        {"format": "service-blueprint-fragment", "version": 99, "steps": []},
        {"format": "service-blueprint-fragment", "version": 1, "steps": {}},
        {"format": "service-blueprint-fragment", "version": 1, "steps": [{"title": "no id"}]},
        {
            "format": "service-blueprint-fragment",
            "version": 1,
            "steps": [{"id": "a", "lane": "customer", "column": "c1", "title": "x", "colour": "red"}],
        },
        {
            "format": "service-blueprint-fragment",
            "version": 1,
            "steps": [{"id": "a", "lane": "customer", "column": "c1", "title": 5}],
        },
    ],
)
def test_malformed_fragments_are_refused(bad):
    doc = Document(clipboard_blueprint())
    with pytest.raises(FragmentError):
        paste_fragment(doc, bad)


def test_fragment_from_json_refuses_non_json_and_non_objects():
    with pytest.raises(FragmentError):
        clipboard.fragment_from_json(b"\xff\xfe nope")
    with pytest.raises(FragmentError):
        clipboard.fragment_from_json("[1, 2]")
    frag = copy_fragment(Document(clipboard_blueprint()), ["a"])
    assert clipboard.fragment_from_json(clipboard.fragment_to_json(frag)) == frag


def test_titles_as_plain_text():
    frag = copy_fragment(Document(clipboard_blueprint()), ["a", "c"])
    assert clipboard.fragment_titles(frag) == "Arrive\nPrepare room"


def test_handoff_to_an_unselected_step_is_not_copied_and_unknown_ids_are_ignored():
    doc = Document(clipboard_blueprint())
    frag = copy_fragment(doc, ["c", "nope", "h2"])
    assert [s["id"] for s in frag["steps"]] == ["c"] and frag["handoffs"] == []


def test_paste_is_one_bulk_insert_per_collection_and_its_undo_is_one_bulk_delete():
    # an insert per element would make the undo search each position: quadratic
    doc = Document(clipboard_blueprint())
    before = doc.snapshot()
    batch = paste_fragment(doc, copy_fragment(doc, ["a", "b", "c"]))
    assert [(type(op).__name__, op.collection) for op in batch.ops] == [
        ("InsertMany", "steps"),
        ("InsertMany", "handoffs"),
    ]
    undo = doc.apply(batch)
    assert {type(op).__name__ for op in undo.ops} == {"DeleteMany"}
    doc.apply(undo)
    assert doc.snapshot() == before


def _with_image(doc: Document, png_base64: str) -> Document:
    doc.apply(edits.set_step_image(doc, "a", "image/png", png_base64))
    assert doc.step("a").image is not None
    return doc


def test_a_pasted_step_shows_the_same_image(png_base64):
    doc = _with_image(Document(clipboard_blueprint()), png_base64)
    image = doc.step("a").image
    frag = json.loads(clipboard.fragment_to_json(copy_fragment(doc, ["a", "b"])))
    assert [i["id"] for i in frag["images"]] == [image]
    doc.apply(paste_fragment(doc, frag))
    assert [s.image for s in doc.blueprint.steps[-2:]] == [image, None]  # the same picture
    assert len(doc.blueprint.images) == 1

    other = Document(new_blueprint())
    other.apply(paste_fragment(other, frag))
    pasted = other.blueprint.steps[0].image
    assert pasted is not None and other.image(pasted).data == png_base64
    assert len(other.blueprint.images) == 1


def test_paste_never_puts_a_step_in_an_emotion_lane():
    doc = Document(clipboard_blueprint())
    frag = copy_fragment(doc, ["a"])
    target = Document(
        Blueprint(
            lanes=[Lane(id="feel", kind="emotion", title="E"), Lane(id="n", kind="note", title="N")],
            columns=[Column(id="k")],
        )
    )
    frag["steps"][0]["lane"] = "feel"
    target.apply(paste_fragment(target, frag))
    assert [s.lane for s in target.blueprint.steps] == ["n"]
    only_emotion = Document(
        Blueprint(lanes=[Lane(id="feel", kind="emotion", title="E")], columns=[Column(id="k")])
    )
    assert paste_fragment(only_emotion, frag).ops == ()


def cell_of(doc, sid):
    step = doc.step(sid)
    return step.lane, step.column


def test_paste_at_a_cell_puts_the_top_left_step_there_and_keeps_the_shape():
    doc = Document(clipboard_blueprint())
    frag = copy_fragment(doc, ["a", "c"])  # customer/c1 and backstage/c2
    batch = paste_fragment(doc, frag, at=("frontstage", "c3"))
    doc.apply(batch)
    na, nc = inserted_step_ids(batch)
    assert cell_of(doc, na) == ("frontstage", "c3")
    assert cell_of(doc, nc) == ("support", "c4")  # two lanes down, one column right
    assert [(h.source, h.target) for h in doc.blueprint.handoffs[2:]] == []  # none between


def test_paste_at_a_cell_near_the_edge_clamps_to_the_last_lane_and_column():
    doc = Document(clipboard_blueprint())
    frag = copy_fragment(doc, ["a", "b", "c"])
    batch = paste_fragment(doc, frag, at=("support", "c4"))
    doc.apply(batch)
    new = inserted_step_ids(batch)
    assert [cell_of(doc, s) for s in new] == [("support", "c4")] * 3
    assert len(doc.blueprint.handoffs) == 4  # h1 and h2 came along, remapped


def test_paste_at_the_originals_cell_stacks_under_them():
    doc = Document(clipboard_blueprint())
    batch = paste_fragment(doc, copy_fragment(doc, ["b"]), at=("frontstage", "c1"))
    doc.apply(batch)
    (nb,) = inserted_step_ids(batch)
    assert [s.id for s in doc.steps_in_cell("frontstage", "c1")] == ["b", nb]


def test_duplicate_at_another_cell_never_lands_on_the_original():
    doc = Document(clipboard_blueprint())
    batch = duplicate(doc, ["a"], at=("customer", "c2"))
    doc.apply(batch)
    (na,) = inserted_step_ids(batch)
    assert cell_of(doc, na) == ("customer", "c2")
    assert [s.id for s in doc.steps_in_cell("customer", "c1")] == ["a"]


def test_paste_at_an_unknown_cell_is_refused():
    doc = Document(clipboard_blueprint())
    with pytest.raises(FragmentError, match="no cell"):
        paste_fragment(doc, copy_fragment(doc, ["a"]), at=("nowhere", "c1"))


def test_paste_at_a_cell_of_an_emotion_lane_goes_to_the_lane_below():
    doc = Document(clipboard_blueprint())
    doc.apply(edits.insert_lane(doc, 1, "emotion"))
    feel = doc.blueprint.lanes[1].id
    batch = paste_fragment(doc, copy_fragment(doc, ["a", "b"]), at=(feel, "c2"))
    doc.apply(batch)
    na, nb = inserted_step_ids(batch)
    assert cell_of(doc, na) == ("customer", "c2") and cell_of(doc, nb) == ("frontstage", "c2")
