"""The loader's fast path gives exactly what the careful path gives, or steps aside.

``loads`` = fast path (pydantic's JSON parser) with the careful path behind it;
``careful_loads`` = the careful path alone. For every input both must load the same
blueprint or refuse with the same message. The fuzz tests in test_fuzz_loader.py compare
both on thousands of damaged files too.
"""

from __future__ import annotations

import json
import types
import typing
from operator import attrgetter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from blueprint_editor.core import fast_load as fast_load_module
from blueprint_editor.core.fast_load import fast_load
from blueprint_editor.core.io import LoadError, careful_loads, dumps, loads
from blueprint_editor.core.model import REGISTRY, Blueprint


def outcome(load, data):
    try:
        return "loaded", dumps(load(data))
    except LoadError as exc:
        return "refused", str(exc)


def same_either_way(data):
    """Both paths agree; returns what they gave."""
    fast, careful = outcome(loads, data), outcome(careful_loads, data)
    assert fast == careful
    return fast


@pytest.fixture
def text(sample_blueprint):
    return dumps(sample_blueprint)


def test_a_good_file_takes_the_fast_path(text):
    bp = fast_load(text.encode("utf-8"))
    assert bp is not None and dumps(bp) == text
    assert same_either_way(text) == ("loaded", text)


def test_colons_in_text_keep_the_fast_path(sample_blueprint):
    bp = sample_blueprint.model_copy(deep=True)
    bp.title = "Hotel: a stay"
    bp.steps[0].title = "Check-in: 10:30"
    bp.steps[0].tags = ["time:morning"]
    bp.handoffs[0].label = "key: card"
    text = dumps(bp)
    assert fast_load(text) is not None
    assert same_either_way(text)[0] == "loaded"


@pytest.mark.parametrize(
    "where",
    [
        ('"title": ', '"title": "x", "title": '),  # top level
        ('"owner": ', '"owner": "a:b", "owner": '),  # in a step, the dropped value has a colon
        ('"two_way": ', '"two_way": true, "two_way": '),  # in a handoff
        ('"steps": [', '"steps": [{"id": "a:b", "x:y": 1}], "steps": ['),  # a dropped subtree
        ('"kind": ', '"kind": "note", "kind": '),  # in a lane
    ],
)
def test_a_repeated_key_is_left_to_the_careful_path(text, where):
    old, new = where
    damaged = text.replace(old, new, 1)
    assert fast_load(damaged) is None
    kind, message = same_either_way(damaged)
    assert kind == "refused" and "appears twice" in message


def test_a_repeated_key_hidden_by_a_colon_in_text_is_still_found(sample_blueprint):
    # the text's colon count alone would balance: one extra key, one colon fewer in text
    bp = sample_blueprint.model_copy(deep=True)
    bp.steps[0].owner = "a:b"
    text = dumps(bp)
    damaged = text.replace('"owner": "a:b"', '"owner": "ab", "owner": "ab"', 1)
    assert damaged.count(":") == text.count(":")
    assert fast_load(damaged) is None
    assert "appears twice" in same_either_way(damaged)[1]


def test_escapes_take_the_careful_path(text):
    escaped = json.dumps(json.loads(text), ensure_ascii=True)
    assert fast_load(escaped) is None
    assert same_either_way(escaped)[0] == "loaded"
    surrogate = text.replace('"title": "', '"title": "\\ud800', 1)
    assert same_either_way(surrogate)[0] == "refused"


def test_version_one_point_zero_is_refused_both_ways(text):
    kind, message = same_either_way(text.replace('"version": 2', '"version": 2.0', 1))
    assert kind == "refused" and "whole number" in message


@pytest.mark.parametrize("digits, kind", [(4000, "loaded"), (4001, "refused")])
def test_integer_length_limit_is_the_same_both_ways(text, digits, kind):
    damaged = text.replace('"duration_minutes": null', f'"duration_minutes": {"9" * digits}', 1)
    assert damaged != text
    assert same_either_way(damaged)[0] == kind


def test_byte_order_mark_both_ways(text):
    data = b"\xef\xbb\xbf" + text.encode("utf-8")
    assert same_either_way(data) == ("loaded", text)
    assert same_either_way(b"\xef\xbb\xbf" + data)[0] == "refused"  # only one is dropped


def test_bad_references_are_named_by_the_careful_path(text):
    damaged = text.replace('"source": "', '"source": "nowhere', 1)
    kind, message = same_either_way(damaged)
    assert kind == "refused" and "no step has the id" in message


texts = st.text(alphabet=st.sampled_from('ab :"\\/é☕\n\t{}[],'), max_size=12)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    title=texts,
    owner=texts,
    label=texts,
    tags=st.lists(texts, max_size=3),
    duration=st.none() | st.integers(0, 10**20) | st.floats(0, 1e300),
    repeat=st.sampled_from(["", "title", "owner", "label", "tags", "lane"]),
    ascii_only=st.booleans(),
)
def test_any_text_and_any_repeated_key_agree(
    sample_blueprint, title, owner, label, tags, duration, repeat, ascii_only
):
    bp = sample_blueprint.model_copy(deep=True)
    bp.steps[1].title, bp.steps[1].owner, bp.steps[1].tags = title, owner, tags
    bp.steps[1].duration_minutes = duration
    bp.handoffs[0].label = label
    data = json.loads(dumps(bp))
    text = json.dumps(data, ensure_ascii=ascii_only, indent=1)
    if repeat:
        key = f'"{repeat}": '
        text = text.replace(key, key + json.dumps(title) + ", " + key, 1)
    kind, _ = same_either_way(text)
    assert kind == ("refused" if repeat else "loaded")


def test_colons_in_version_2_text_keep_the_fast_path(sample_v2_blueprint):
    bp = sample_v2_blueprint.model_copy(deep=True)
    bp.columns[0].title = "Day 1: 09:00"
    bp.comments[0].text = "Q: who parks the car?"
    bp.comments[0].owner = "Front office: night"
    text = dumps(bp)
    assert fast_load(text) is not None
    assert same_either_way(text) == ("loaded", text)


@pytest.mark.parametrize(
    "where",
    [
        ('"votes": ', '"votes": 1, "votes": '),  # in a step
        ('"done": ', '"done": true, "done": '),  # in a comment
        ('"text": ', '"text": "a:b", "text": '),  # the dropped value has a colon
        ('"media_type": ', '"media_type": "image/png", "media_type": '),  # in an image
    ],
)
def test_a_repeated_key_in_a_version_2_element_is_left_to_the_careful_path(sample_v2_blueprint, where):
    text = dumps(sample_v2_blueprint).replace(*where, 1)
    assert fast_load(text) is None
    kind, message = same_either_way(text)
    assert kind == "refused" and "appears twice" in message


def test_the_colon_count_knows_every_free_text_field():
    """The fast path's premise: every key is a model field, no field holds a free-form
    object, and the colons of every free-text field are counted (base64 has none)."""
    for name, info in REGISTRY.items():
        fields = info.model.model_fields
        free = {f for f, field in fields.items() if field.annotation is str and not field.json_schema_extra}
        assert set(info.text_fields) <= free and free - set(info.text_fields) <= {"data"}, name
        assert not any(
            "dict" in str(field.annotation) or "Any" in str(field.annotation) for field in fields.values()
        ), name


# ------------------------------------------------ the premise of the count of colons
def _models() -> list[type[BaseModel]]:
    """Blueprint and every model its fields hold, at any depth."""
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [Blueprint]
    while todo:
        model = todo.pop()
        if model in found:
            continue
        found.append(model)
        for field in model.model_fields.values():
            todo += [t for t in _leaf_types(field.annotation) if _is_model(t)]
    return found


def _is_model(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _leaf_types(annotation: object) -> list[object]:
    """The types a value of ``annotation`` may hold: the arguments of unions and lists
    unfolded; a Literal stays whole."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        return [leaf for arg in typing.get_args(annotation) for leaf in _leaf_types(arg)]
    return [annotation]


SCALARS = (str, int, float, bool, type(None))


def loose_parts(models: list[type[BaseModel]]) -> list[str]:
    """What would spoil the count: a model that takes unknown keys, a field that may hold
    anything but a scalar, a Literal, a model or a list of those (a dict, Any, object)."""
    loose = []
    for model in models:
        if model.model_config.get("extra") != "forbid":
            loose.append(f"{model.__name__} takes unknown keys")
        for name, field in model.model_fields.items():
            for leaf in _leaf_types(field.annotation):
                if not (leaf in SCALARS or _is_model(leaf) or typing.get_origin(leaf) is typing.Literal):
                    loose.append(f"{model.__name__}.{name} may hold {leaf!r}")
    return loose


def test_every_model_refuses_unknown_keys_and_has_no_free_form_field():
    models = _models()
    assert {m.__name__ for m in models} >= {
        "Blueprint",
        "Lane",
        "Phase",
        "Column",
        "Step",
        "Handoff",
        "Comment",
        "Image",
    }
    assert loose_parts(models) == []


def test_the_premise_test_would_catch_a_free_form_field():
    class Loose(BaseModel):
        data: dict[str, object]
        extras: list[typing.Any] = []
        fine: list[str] | None = None

    assert loose_parts([Loose]) == [
        "Loose takes unknown keys",
        "Loose.data may hold dict[str, object]",
        "Loose.extras may hold typing.Any",
    ]


def _getter_names(getter: attrgetter) -> tuple[str, ...]:
    return getter.__reduce__()[1]


def test_every_key_the_fast_loader_reads_is_a_model_field():
    """Each getter of fast_load reads fields of one element model (and pydantic's record
    of the fields a file gave); the text fields whose colons it counts are text fields."""
    collections = {
        name: _leaf_types(field.annotation)[0]
        for name, field in Blueprint.model_fields.items()
        if typing.get_origin(field.annotation) is list
    }
    getters = {
        name: _getter_names(value)
        for name, value in vars(fast_load_module).items()
        if isinstance(value, attrgetter)
    }
    assert len(getters) >= 5
    for name, keys in getters.items():
        fields = set(keys) - {"__pydantic_fields_set__"}
        readers = [c for c, model in collections.items() if fields <= set(model.model_fields)]
        assert readers, f"fast_load.{name} reads {sorted(fields)}: not the fields of one model"
    for collection, info in REGISTRY.items():
        for key in info.text_fields:
            assert collections[collection].model_fields[key].annotation is str, (collection, key)
    assert Blueprint.model_fields["title"].annotation is str
    assert Blueprint.model_fields["description"].annotation is str
