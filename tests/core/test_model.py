"""The pydantic models and check_references."""

from __future__ import annotations

import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from blueprint_editor.core.model import (
    COLLECTIONS,
    HANDOFF_FIELDS,
    LANE_KINDS,
    MODELS,
    ORG_KINDS,
    REGISTRY,
    STEP_EDITABLE,
    STEP_FIELDS,
    Blueprint,
    BlueprintError,
    Collection,
    Column,
    Handoff,
    Lane,
    LaneKind,
    Phase,
    Step,
    check_references,
    is_valid_id,
    new_blueprint,
    standard_lanes,
)


def test_field_order_is_the_file_order():
    assert STEP_FIELDS == (
        "id",
        "lane",
        "column",
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
        "image",
    )
    assert HANDOFF_FIELDS == ("id", "source", "target", "label", "two_way")
    assert tuple(Blueprint.model_fields) == (
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
    )
    assert not {"id", "lane", "column"} & set(STEP_EDITABLE)


def test_lane_kinds():
    assert typing.get_args(LaneKind) == LANE_KINDS
    assert {"frontstage", "backstage", "support"} == ORG_KINDS
    assert [lane.kind for lane in standard_lanes()] == [
        "evidence",
        "customer",
        "frontstage",
        "backstage",
        "support",
    ]


def test_step_defaults():
    step = Step(id="s", lane="l", column="c", title="t")
    assert (step.description, step.owner, step.duration_minutes, step.emotion, step.tags) == (
        "",
        "",
        None,
        None,
        [],
    )
    assert not (step.fail_point or step.wait_point or step.moment_of_truth or step.self_service)
    assert Step(id="a", lane="l", column="c", title="t").tags is not step.tags


@pytest.mark.parametrize(
    "field, value",
    [
        ("emotion", "1"),
        ("emotion", True),
        ("emotion", 1.0),
        ("emotion", 3),
        ("emotion", -3),
        ("duration_minutes", -0.5),
        ("duration_minutes", float("nan")),
        ("duration_minutes", float("inf")),
        ("duration_minutes", "5"),
        ("fail_point", 1),
        ("fail_point", "true"),
        ("title", 5),
        ("tags", ("a",)),
        ("tags", [1]),
    ],
)
def test_step_is_strict(field, value):
    with pytest.raises(ValidationError):
        Step.model_validate({"id": "s", "lane": "l", "column": "c", "title": "t", field: value})


@pytest.mark.parametrize(
    "model, data",
    [
        (Lane, {"id": "l", "kind": "note", "title": "t", "color": "red"}),
        (Lane, {"id": "l", "kind": "Note", "title": "t"}),
        (Phase, {"id": "p", "title": "t", "x": 1}),
        (Column, {"id": "c", "phase": 3}),
        (Handoff, {"id": "h", "source": "a", "target": "b", "two_way": "no"}),
        (Blueprint, {"format": "service-blueprint", "version": 3}),
        (Blueprint, {"format": "service-blueprint", "version": 1}),
        (Blueprint, {"format": "other"}),
    ],
)
def test_models_refuse_bad_data(model, data):
    with pytest.raises(ValidationError):
        model.model_validate(data)


@pytest.mark.parametrize(
    "value, ok",
    [
        ("a", True),
        ("A-z_0.9", True),
        ("x" * 64, True),
        ("", False),
        ("x" * 65, False),
        ("a b", False),
        ("é", False),
        ("a\n", False),
        (5, False),
        (None, False),
    ],
)
def test_is_valid_id(value, ok):
    assert is_valid_id(value) is ok


def test_new_blueprint_is_valid():
    bp = new_blueprint("Trip", columns=3)
    check_references(bp)
    assert bp.title == "Trip" and [c.id for c in bp.columns] == ["c1", "c2", "c3"]
    assert len(bp.lanes) == 5 and bp.steps == [] and bp.format == "service-blueprint"


def test_check_references_accepts_the_sample(sample_blueprint):
    check_references(sample_blueprint)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda bp: setattr(bp.steps[3], "id", "bad id"), "steps[3].id: 'bad id' is not a valid id"),
        (lambda bp: setattr(bp.lanes[1], "id", ""), "lanes[1].id: '' is not a valid id"),
        (
            lambda bp: setattr(bp.steps[0], "id", "c1"),
            "steps[0].id: duplicate id 'c1' (already used at columns[0])",
        ),
        (lambda bp: setattr(bp.steps[2], "lane", "x"), "steps[2].lane: no lane has the id 'x'"),
        (lambda bp: setattr(bp.steps[2], "column", "x"), "steps[2].column: no column has the id 'x'"),
        (lambda bp: setattr(bp.columns[1], "phase", "x"), "columns[1].phase: no phase has the id 'x'"),
        (lambda bp: setattr(bp.handoffs[3], "source", "x"), "handoffs[3].source: no step has the id"),
        (lambda bp: setattr(bp.handoffs[3], "target", "x"), "handoffs[3].target: no step has the id"),
        (
            lambda bp: setattr(bp.handoffs[1], "target", "greet"),
            "handoffs[1].target: a handoff cannot link step 'greet' to itself",
        ),
    ],
)
def test_check_references_names_the_culprit(sample_blueprint, change, message):
    change(sample_blueprint)
    with pytest.raises(BlueprintError) as info:
        check_references(sample_blueprint)
    assert str(info.value).startswith(message)


def _naive_first_problem(bp: Blueprint):
    """The contract's rules, written the obvious way (check_references has a fast path)."""
    names = ("lanes", "phases", "columns", "steps", "handoffs")
    for name in names:
        for i, e in enumerate(getattr(bp, name)):
            if not is_valid_id(e.id):
                return f"{name}[{i}].id"
    seen = set()
    for name in names:
        for i, e in enumerate(getattr(bp, name)):
            if e.id in seen:
                return f"{name}[{i}].id"
            seen.add(e.id)
    for i, c in enumerate(bp.columns):
        if c.phase is not None and c.phase not in {p.id for p in bp.phases}:
            return f"columns[{i}].phase"
    for i, s in enumerate(bp.steps):
        if s.lane not in {lane.id for lane in bp.lanes}:
            return f"steps[{i}].lane"
        if s.column not in {c.id for c in bp.columns}:
            return f"steps[{i}].column"
    steps = {s.id for s in bp.steps}
    for i, h in enumerate(bp.handoffs):
        for end in ("source", "target"):
            if getattr(h, end) not in steps:
                return f"handoffs[{i}].{end}"
        if h.source == h.target:
            return f"handoffs[{i}].target"
    return None


_ids = st.sampled_from(["a", "b", "c", "d", "e", "f", "bad id", "", "x" * 65, "a\nb", "c\n"])


@st.composite
def messy_blueprints(draw):
    return Blueprint(
        lanes=[Lane(id=draw(_ids), kind="note", title="") for _ in range(draw(st.integers(0, 3)))],
        phases=[Phase(id=draw(_ids), title="") for _ in range(draw(st.integers(0, 2)))],
        columns=[Column(id=draw(_ids), phase=draw(st.none() | _ids)) for _ in range(draw(st.integers(0, 3)))],
        steps=[
            Step(id=draw(_ids), lane=draw(_ids), column=draw(_ids), title="")
            for _ in range(draw(st.integers(0, 4)))
        ],
        handoffs=[
            Handoff(id=draw(_ids), source=draw(_ids), target=draw(_ids))
            for _ in range(draw(st.integers(0, 3)))
        ],
    )


@settings(max_examples=300, deadline=None)
@given(messy_blueprints())
def test_check_references_agrees_with_the_rules(bp):
    expected = _naive_first_problem(bp)
    if expected is None:
        check_references(bp)
    else:
        with pytest.raises(BlueprintError) as info:
            check_references(bp)
        assert str(info.value).startswith(expected + ": ")


def test_the_registry_lists_every_collection_of_the_blueprint_in_file_order():
    lists = [
        name for name, field in Blueprint.model_fields.items() if typing.get_origin(field.annotation) is list
    ]
    assert list(REGISTRY) == list(COLLECTIONS) == list(typing.get_args(Collection)) == lists
    for name, info in REGISTRY.items():
        assert typing.get_args(Blueprint.model_fields[name].annotation) == (info.model,)
        assert MODELS[name] is info.model and name.startswith(info.singular)
    assert len({info.id_prefix for info in REGISTRY.values()}) == len(REGISTRY)
