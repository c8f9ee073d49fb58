"""Three-way merge by element id: clean merges, each kind of conflict, a result that loads."""

from __future__ import annotations

import json

from blueprint_editor.core.diff import as_data
from blueprint_editor.core.io import dumps, loads
from blueprint_editor.core.merge import merge
from blueprint_editor.resources import resource


def hotel() -> dict:
    return json.loads(resource("examples", "hotel-stay.blueprint").read_text(encoding="utf-8"))


def load(data: dict):
    return loads(json.dumps(data))


def step(data: dict, sid: str) -> dict:
    return next(s for s in data["steps"] if s["id"] == sid)


def run(base: dict, ours: dict, theirs: dict):
    result = merge(load(base), load(ours), load(theirs))
    loads(dumps(result.blueprint))  # the result always loads
    return result, as_data(result.blueprint)


def notes(data: dict) -> list[dict]:
    return [c for c in data.get("comments", []) if c["id"].startswith("merge-conflict-")]


def test_nothing_changed_gives_the_base_back():
    result, data = run(hotel(), hotel(), hotel())
    assert result.clean and dumps(result.blueprint) == dumps(load(hotel()))


def test_changes_to_different_elements_and_fields_merge_cleanly():
    base = hotel()
    a, b = base["steps"][0]["id"], base["steps"][1]["id"]
    ours, theirs = hotel(), hotel()
    step(ours, a)["title"] = "Ours renamed A"
    step(theirs, b)["title"] = "Theirs renamed B"
    step(theirs, a)["owner"] = "Theirs owns A"  # another field of the same element
    theirs["handoffs"].pop()  # theirs removes a handoff
    ours["steps"].append(dict(step(ours, a), id="ours-new", title="Ours new"))
    theirs["columns"].append({"id": "theirs-col", "phase": theirs["columns"][-1]["phase"]})
    theirs["steps"].append(dict(step(theirs, a), id="theirs-new", title="Theirs new", column="theirs-col"))
    result, data = run(base, ours, theirs)
    assert result.clean, [c.line() for c in result.conflicts]
    assert step(data, a)["title"] == "Ours renamed A"
    assert step(data, a)["owner"] == "Theirs owns A"
    assert step(data, b)["title"] == "Theirs renamed B"
    assert [h["id"] for h in data["handoffs"]] == [h["id"] for h in theirs["handoffs"]]
    ids = [s["id"] for s in data["steps"]]
    assert "ours-new" in ids and "theirs-new" in ids
    assert data["columns"][-1]["id"] == "theirs-col"


def test_the_same_change_on_both_sides_is_no_conflict():
    base, ours, theirs = hotel(), hotel(), hotel()
    sid = base["steps"][3]["id"]
    step(ours, sid)["title"] = step(theirs, sid)["title"] = "Both agree"
    result, data = run(base, ours, theirs)
    assert result.clean and step(data, sid)["title"] == "Both agree"


def test_order_follows_the_side_that_reordered():
    base, ours, theirs = hotel(), hotel(), hotel()
    theirs["lanes"][3], theirs["lanes"][4] = theirs["lanes"][4], theirs["lanes"][3]
    step(ours, base["steps"][0]["id"])["title"] = "Ours edit"
    result, data = run(base, ours, theirs)
    assert result.clean
    assert [lane["id"] for lane in data["lanes"]] == [lane["id"] for lane in theirs["lanes"]]


def test_a_field_changed_on_both_sides_keeps_ours_and_records_a_note():
    base, ours, theirs = hotel(), hotel(), hotel()
    sid = base["steps"][2]["id"]
    step(ours, sid)["title"] = "Ours title"
    step(theirs, sid)["title"] = "Theirs title"
    result, data = run(base, ours, theirs)
    assert not result.clean and len(result.conflicts) == 1
    assert step(data, sid)["title"] == "Ours title"
    [note] = notes(data)
    assert note["target"] == sid and note["kind"] == "note" and not note["done"]
    assert "'Ours title'" in note["text"] and "'Theirs title'" in note["text"]


def test_removed_on_one_side_changed_on_the_other():
    base, ours, theirs = hotel(), hotel(), hotel()
    sid = base["steps"][4]["id"]
    step(theirs, sid)["title"] = "Theirs still wants it"
    ours["steps"] = [s for s in ours["steps"] if s["id"] != sid]
    ours["handoffs"] = [h for h in ours["handoffs"] if sid not in (h["source"], h["target"])]
    result, data = run(base, ours, theirs)
    assert [c.id for c in result.conflicts] == [sid]
    assert sid not in {s["id"] for s in data["steps"]}  # ours removed it: kept removed
    assert notes(data)[0]["target"] is None  # its step is gone: on the blueprint


def test_added_on_both_sides_under_one_id():
    base, ours, theirs = hotel(), hotel(), hotel()
    template = base["steps"][0]
    ours["steps"].append(dict(template, id="same-id", title="Ours"))
    theirs["steps"].append(dict(template, id="same-id", title="Theirs"))
    result, data = run(base, ours, theirs)
    assert [c.id for c in result.conflicts] == ["same-id"]
    assert step(data, "same-id")["title"] == "Ours"


def test_a_step_added_in_a_column_the_other_side_removed_keeps_the_column():
    base, ours, theirs = hotel(), hotel(), hotel()
    col = base["columns"][-1]["id"]
    ours["steps"] = [s for s in ours["steps"] if s["column"] != col]
    gone = {s["id"] for s in base["steps"] if s["column"] == col}
    ours["handoffs"] = [h for h in ours["handoffs"] if not gone & {h["source"], h["target"]}]
    ours["columns"] = [c for c in ours["columns"] if c["id"] != col]
    theirs["steps"].append(dict(base["steps"][0], id="late", title="Late", column=col))
    result, data = run(base, ours, theirs)
    assert col in {c["id"] for c in data["columns"]}
    assert step(data, "late")["column"] == col
    assert any(c.id == col and "kept it" in c.message for c in result.conflicts)


def test_a_handoff_to_a_removed_step_is_dropped_with_a_note():
    base, ours, theirs = hotel(), hotel(), hotel()
    a, b = base["steps"][0]["id"], base["steps"][5]["id"]
    theirs["handoffs"].append({"id": "new-h", "source": a, "target": b, "label": "", "two_way": False})
    ours["steps"] = [s for s in ours["steps"] if s["id"] != b]
    ours["handoffs"] = [h for h in ours["handoffs"] if b not in (h["source"], h["target"])]
    result, data = run(base, ours, theirs)
    assert "new-h" not in {h["id"] for h in data["handoffs"]}
    assert any(c.id == "new-h" for c in result.conflicts)
