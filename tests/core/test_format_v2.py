"""Version 2 of the file format: the new elements, every new bad input, migration."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from blueprint_editor.core.fast_load import fast_load
from blueprint_editor.core.io import LoadError, careful_loads, dumps, loads
from blueprint_editor.core.migrate import migrate
from blueprint_editor.core.model import (
    CHANNELS,
    FORMAT_VERSION,
    MAX_IMAGE_BYTES,
    Blueprint,
    Comment,
    Image,
    Step,
)

V1_EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "v1-examples").glob("*.blueprint"))
V2_KEYS = {"comments", "images"}
NEW_FIELDS = {"columns": {"title": ""}, "steps": {"channel": None, "votes": 0, "image": None}}


def outcome(data: str):
    """What both loading paths say (they must agree)."""
    results = []
    for load in (loads, careful_loads):
        try:
            results.append(("loaded", dumps(load(data))))
        except LoadError as exc:
            results.append(("refused", str(exc)))
    assert results[0] == results[1]
    return results[0]


def refused(data: dict) -> str:
    kind, message = outcome(json.dumps(data, ensure_ascii=False))
    assert kind == "refused", "the file was loaded"
    return message


@pytest.fixture
def data(sample_v2_blueprint) -> dict:
    return json.loads(dumps(sample_v2_blueprint))


def test_version_2_sample_round_trips_on_the_fast_path(sample_v2_blueprint):
    text = dumps(sample_v2_blueprint)
    assert fast_load(text) is not None
    assert outcome(text) == ("loaded", text)
    assert loads(text) == sample_v2_blueprint
    saved = json.loads(text)
    assert saved["version"] == 2 == FORMAT_VERSION
    assert list(saved) == [
        "format",
        "version",
        "title",
        "description",
        "lanes",
        "phases",
        "columns",
        "steps",
        "handoffs",
        "comments",
        "images",
    ]
    assert list(saved["comments"][0]) == ["id", "target", "kind", "text", "owner", "done"]
    assert list(saved["images"][0]) == ["id", "media_type", "data"]
    assert saved["columns"][0] == {"id": "c1", "phase": "arrival", "title": "Minute 0"}
    assert saved["comments"][2]["target"] is None
    assert base64.b64decode(saved["images"][0]["data"]).startswith(b"\x89PNG")


def test_defaults_of_the_new_fields():
    step = Step(id="s", lane="l", column="c", title="t")
    assert (step.channel, step.votes, step.image) == (None, 0, None)
    comment = Comment(id="q", target=None, kind="note", text="")
    assert (comment.owner, comment.done) == ("", False)
    assert Blueprint().comments == [] and Blueprint().images == []
    assert len(CHANNELS) == 11 and "in-person" in CHANNELS and "social" in CHANNELS


def _step(data: dict, ident: str) -> tuple[int, dict]:
    return next((i, s) for i, s in enumerate(data["steps"]) if s["id"] == ident)


def test_a_step_in_an_emotion_lane_is_refused(data):
    i, step = _step(data, "arrive")
    step["lane"] = "feel"
    assert refused(data) == f"steps[{i}].lane: 'feel' is an emotion lane, which holds no steps"


def test_a_missing_image_is_refused(data):
    i, step = _step(data, "arrive")
    step["image"] = "nope"
    assert refused(data) == f"steps[{i}].image: no image has the id 'nope'"


@pytest.mark.parametrize("target", ["nope", "arrival", "feel", "img1"])
def test_a_comment_on_something_that_is_not_a_step_or_handoff_is_refused(data, target):
    data["comments"][1]["target"] = target
    assert refused(data) == f"comments[1].target: no step or handoff has the id {target!r}"


@pytest.mark.parametrize("where", [("comments", 0), ("images", 0)])
def test_comment_and_image_ids_share_the_one_id_space(data, where):
    name, i = where
    data[name][i]["id"] = "arrive"
    assert refused(data).startswith(f"{name}[{i}].id: duplicate id 'arrive' (already used at steps")


def _png_of(size: int) -> str:
    return base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(size - 8)).decode("ascii")


@pytest.mark.parametrize(
    "media_type, payload, message",
    [
        ("image/png", "not base64!", "not base64 data"),
        ("image/png", "iVBORw0KGgo=\n", "not base64 data"),  # a line break
        ("image/png", "iVBORw0KGgo", "not base64 data"),  # padding missing
        ("image/jpeg", None, "the bytes are not a JPEG image"),
        ("image/png", base64.b64encode(b"\xff\xd8\xff\xe0rest").decode(), "the bytes are not a PNG"),
        ("image/png", "", "the bytes are not a PNG image"),
        ("image/png", _png_of(MAX_IMAGE_BYTES + 1), "the image is over 2 MB"),
    ],
)
def test_bad_image_data_is_refused(data, media_type, payload, message):
    data["images"][0]["media_type"] = media_type
    if payload is not None:
        data["images"][0]["data"] = payload
    assert refused(data).startswith(f"images[0].data: {message}")


def test_an_image_of_exactly_2_mb_is_fine():
    Image(id="i", media_type="image/png", data=_png_of(MAX_IMAGE_BYTES))
    jpeg = base64.b64encode(b"\xff\xd8\xff\xdb" + bytes(100)).decode()
    Image(id="j", media_type="image/jpeg", data=jpeg)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["steps"][0].update(votes=1000), "steps[0].votes: "),
        (lambda d: d["steps"][0].update(votes=-1), "steps[0].votes: "),
        (lambda d: d["steps"][0].update(votes=2.0), "steps[0].votes: should be a whole number"),
        (lambda d: d["steps"][0].update(votes=True), "steps[0].votes: should be a whole number"),
        (lambda d: d["steps"][0].update(channel="pigeon"), "steps[0].channel: should be one of"),
        (lambda d: d["steps"][0].update(channel="Phone"), "steps[0].channel: should be one of"),
        (lambda d: d["columns"][0].update(title=None), "columns[0].title: should be text"),
        (lambda d: d["comments"][0].update(kind="todo"), "comments[0].kind: should be one of"),
        (lambda d: d["comments"][0].pop("text"), "comments[0].text: this field is required"),
        (lambda d: d["comments"][0].pop("target"), "comments[0].target: this field is required"),
        (lambda d: d["comments"][0].update(done="no"), "comments[0].done: should be true or false"),
        (lambda d: d["comments"][0].update(due="May"), "comments[0].due: unknown key 'due'"),
        (
            lambda d: d["comments"][0].update(target="a b"),
            "comments[0].target: no step or handoff has the id 'a b'",
        ),
        (lambda d: d["images"][0].update(media_type="image/gif"), "images[0].media_type: should be"),
        (lambda d: d["images"][0].pop("data"), "images[0].data: this field is required"),
        (lambda d: d.update(comments={}), "comments: should be a list"),
        (lambda d: d["lanes"][0].update(kind="feelings"), "lanes[0].kind: should be one of"),
    ],
)
def test_bad_new_fields_are_refused_with_their_place(data, change, message):
    change(data)
    assert refused(data).startswith(message)


# ------------------------------------------------------------------ phases
def test_a_phase_split_over_two_runs_of_columns_is_refused(data):
    data["columns"][3]["phase"] = "arrival"
    assert refused(data) == (
        "columns[3].phase: phase 'arrival' already ended at columns[1]; "
        "a phase is one run of consecutive columns"
    )


def test_a_split_phase_is_refused_in_a_version_1_file_too(sample_blueprint):
    data = json.loads(dumps(sample_blueprint))
    data["version"] = 1
    for name in ("comments", "images"):
        del data[name]
    for column in data["columns"]:
        del column["title"]
    for step in data["steps"]:
        for key in NEW_FIELDS["steps"]:
            del step[key]
    assert outcome(json.dumps(data))[0] == "loaded"
    data["columns"][0]["phase"], data["columns"][1]["phase"] = "stay", "arrival"
    assert refused(data).startswith("columns[2].phase: phase 'stay' already ended at columns[0]")


# ------------------------------------------------------------------ migration
def _as_version_1(data: dict) -> dict:
    out = {k: v for k, v in data.items() if k not in V2_KEYS}
    out["version"] = 1
    out["columns"] = [{k: v for k, v in c.items() if k != "title"} for c in data["columns"]]
    out["steps"] = [{k: v for k, v in s.items() if k not in NEW_FIELDS["steps"]} for s in data["steps"]]
    return out


def test_a_version_1_file_migrates_by_its_version_number_alone(sample_blueprint):
    v1 = _as_version_1(json.loads(dumps(sample_blueprint)))
    migrated = migrate(v1)
    assert migrated == {**v1, "version": 2} and v1["version"] == 1  # the input is unchanged
    assert loads(json.dumps(v1)) == sample_blueprint


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(comments=[]), "comments: unknown key 'comments' in a version 1 file"),
        (lambda d: d.update(images=[]), "images: unknown key 'images' in a version 1 file"),
        (
            lambda d: d["columns"][1].update(title="x"),
            "columns[1].title: unknown key 'title' in a version 1 file",
        ),
        (lambda d: d["steps"][2].update(votes=1), "steps[2].votes: unknown key 'votes' in a version 1"),
        (
            lambda d: d["lanes"][3].update(kind="emotion"),
            "lanes[3].kind: the emotion lane came with version 2",
        ),
    ],
)
def test_version_2_elements_in_a_version_1_file_are_refused(sample_blueprint, change, message):
    v1 = _as_version_1(json.loads(dumps(sample_blueprint)))
    change(v1)
    assert refused(v1).startswith(message)


@pytest.mark.parametrize("path", V1_EXAMPLES, ids=lambda p: p.name)
def test_every_version_1_example_keeps_its_meaning(path):
    original = json.loads(path.read_text(encoding="utf-8"))
    assert original["version"] == 1
    saved = json.loads(dumps(loads(path.read_bytes())))
    assert saved["version"] == 2 and saved["comments"] == [] and saved["images"] == []
    for key in ("format", "title", "description"):
        assert saved[key] == original[key]
    for name in ("lanes", "phases", "columns", "steps", "handoffs"):
        assert [e["id"] for e in saved[name]] == [e["id"] for e in original[name]]
        for old, new in zip(original[name], saved[name]):
            assert {k: new[k] for k in old} == old  # every value it had, unchanged
            defaults = {**NEW_FIELDS.get(name, {}), **_v1_defaults(name)}
            assert {k: v for k, v in new.items() if k not in old} == {
                k: defaults[k] for k in new if k not in old
            }  # the rest: defaults


def _v1_defaults(name: str) -> dict:
    """Version 1 defaults a version 1 file may leave out."""
    if name == "steps":
        return {
            "description": "",
            "owner": "",
            "duration_minutes": None,
            "fail_point": False,
            "wait_point": False,
            "moment_of_truth": False,
            "self_service": False,
            "emotion": None,
            "tags": [],
        }
    return {"label": "", "two_way": False} if name == "handoffs" else {"phase": None}


@pytest.mark.parametrize("path", V1_EXAMPLES, ids=lambda p: p.name)
def test_load_save_load_is_a_fixed_point_for_migrated_files(path):
    first = dumps(loads(path.read_bytes()))
    assert dumps(loads(first)) == first
