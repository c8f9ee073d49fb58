"""Semantic diff by element id: added, removed, moved, changed, findings."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint_editor.core.diff import diff, id_lines, stable_positions
from blueprint_editor.core.diff_text import as_json, as_markdown, as_text
from blueprint_editor.core.io import dumps, loads
from blueprint_editor.resources import resource

HOTEL = resource("examples", "hotel-stay.blueprint")


def hotel() -> dict:
    return json.loads(HOTEL.read_text(encoding="utf-8"))


def load(data: dict):
    return loads(json.dumps(data))


def kinds(d) -> list[tuple[str, str, str]]:
    return [(c.kind, c.collection, c.id) for c in d.changes]


def test_identical_blueprints_have_no_difference():
    d = diff(load(hotel()), load(hotel()))
    assert d.same and d.changes == [] and d.findings_added == [] == d.findings_removed
    assert as_text(d).strip().endswith("no differences")


def test_each_kind_of_change_is_named_by_id():
    old = hotel()
    new = hotel()
    first = new["steps"][0]
    first["title"] = "A new title"
    first["owner"] = "Web team"
    new["steps"][1]["column"] = new["columns"][-1]["id"]
    removed = new["handoffs"].pop(0)
    new["steps"].append(dict(new["steps"][2], id="brand-new", title="Brand new"))
    new["lanes"][0]["title"] = "What guests see"
    d = diff(load(old), load(new))
    assert ("changed", "steps", first["id"]) in kinds(d)
    change = next(c for c in d.changes if c.kind == "changed" and c.id == first["id"])
    assert [(f.name, f.new) for f in change.fields] == [("title", "A new title"), ("owner", "Web team")]
    assert ("moved", "steps", new["steps"][1]["id"]) in kinds(d)
    assert ("removed", "handoffs", removed["id"]) in kinds(d)
    assert ("added", "steps", "brand-new") in kinds(d)
    assert ("changed", "lanes", new["lanes"][0]["id"]) in kinds(d)
    assert len(d.changes) == 5
    # the new step is unconnected: its findings appeared
    assert {f.code for f in d.findings_added} >= {"isolated-step"}
    assert all(
        "brand-new" in f.steps
        or new["steps"][1]["id"] in f.steps
        or removed["source"] in f.steps
        or removed["target"] in f.steps
        for f in d.findings_added
    )


def test_adding_a_column_does_not_move_the_columns_after_it():
    old = hotel()
    new = hotel()
    new["columns"].insert(1, {"id": "inserted", "phase": new["columns"][1]["phase"]})
    d = diff(load(old), load(new))
    assert kinds(d) == [("added", "columns", "inserted")]


def test_a_column_moved_to_the_front_is_the_one_reported():
    old = hotel()
    new = hotel()
    # the phases must stay consecutive: swap two columns of the first phase
    cols = new["columns"]
    assert cols[0]["phase"] == cols[1]["phase"]
    cols[0], cols[1] = cols[1], cols[0]
    d = diff(load(old), load(new))
    moved = [c for c in d.changes if c.kind == "moved"]
    assert len(moved) == 1 and moved[0].collection == "columns"
    assert moved[0].id in (old["columns"][0]["id"], old["columns"][1]["id"])


def test_reordering_a_stack_in_a_cell_is_a_move():
    old = hotel()
    old["steps"].append(dict(old["steps"][0], id="stacked", title="Stacked"))
    new = json.loads(json.dumps(old))
    steps = new["steps"]
    steps.insert(0, steps.pop())  # now above the first step of the same cell
    d = diff(load(old), load(new))
    assert [c.kind for c in d.changes] == ["moved"]
    assert d.changes[0].collection == "steps"


def test_blueprint_title_change():
    new = hotel()
    new["title"] = "Hotel stay, v2"
    d = diff(load(hotel()), load(new))
    assert kinds(d) == [("changed", "blueprint", "")]
    assert 'title: "Hotel stay" -> "Hotel stay, v2"' in as_text(d)


def test_formats_quote_titles_and_values():
    new = hotel()
    new["steps"][0]["title"] = 'Says "hi" | <b>'
    d = diff(load(hotel()), load(new))
    text = as_text(d)
    assert '"Says \\"hi\\" | <b>"' in text
    md = as_markdown(d)
    assert "\\|" in md and "\\<b\\>" in md  # table cells and markup escaped
    data = json.loads(as_json(d, "a", "b"))
    assert data["old"] == "a" and data["same"] is False
    assert data["changes"][0]["fields"][0] == {
        "name": "title",
        "old": hotel()["steps"][0]["title"],
        "new": 'Says "hi" | <b>',
    }


def test_id_lines_point_at_the_definition_of_each_element():
    bp = load(hotel())
    text = dumps(bp)
    lines = id_lines(text)
    lines_of_text = text.splitlines()
    for step in bp.steps:
        assert f'"id": "{step.id}"' in lines_of_text[lines[step.id] - 1]
    # a reference to a step (handoff source) is not taken for its definition
    handoff = bp.handoffs[0]
    assert '"source"' not in lines_of_text[lines[handoff.source] - 1]


@settings(max_examples=200, deadline=None)
@given(st.permutations(list(range(12))))
def test_stable_positions_keep_a_longest_run_in_order(perm):
    old = [str(i) for i in range(12)]
    new = [str(i) for i in perm]
    keep = stable_positions(old, new)
    kept = [i for i in new if i in keep]
    assert kept == sorted(kept, key=int)  # in old order
    # no longer increasing run exists (quadratic check on a small list)
    best = [1] * len(perm)
    for i in range(len(perm)):
        for j in range(i):
            if perm[j] < perm[i]:
                best[i] = max(best[i], best[j] + 1)
    assert len(keep) == max(best)
