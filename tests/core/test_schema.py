"""The JSON Schema: generated from the models, committed, and as strict as the loader."""

from __future__ import annotations

import json
import re

import pytest

from blueprint_editor.core.io import LoadError, dumps, loads
from blueprint_editor.core.model import ID_PATTERN
from blueprint_editor.core.schema import json_schema, schema_text
from blueprint_editor.resources import resource


def test_committed_schema_is_the_generated_one():
    committed = resource("blueprint.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "blueprint_editor/resources/blueprint.schema.json is out of date; regenerate it with\n"
        "    blueprint-editor schema > blueprint_editor/resources/blueprint.schema.json"
    )


def test_schema_metadata():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("blueprint-2.schema.json")
    assert schema["title"] == "Service blueprint" and "refused" in schema["description"]
    assert schema["required"][:2] == ["format", "version"]
    assert schema["properties"]["format"]["const"] == "service-blueprint"
    assert schema["properties"]["version"]["const"] == 2
    assert json.loads(schema_text()) == schema


def _objects(schema):
    yield "Blueprint", schema
    yield from schema["$defs"].items()


def test_every_object_forbids_unknown_keys():
    for name, obj in _objects(json_schema()):
        assert obj["type"] == "object" and obj["additionalProperties"] is False, name


def test_ids_and_references_carry_the_id_pattern():
    defs = json_schema()["$defs"]
    for name, fields in {
        "Lane": ["id"],
        "Phase": ["id"],
        "Step": ["id", "lane", "column"],
        "Handoff": ["id", "source", "target"],
    }.items():
        for field in fields:
            prop = defs[name]["properties"][field]
            assert prop["pattern"] == ID_PATTERN and prop["maxLength"] == 64, (name, field)
    phase = defs["Column"]["properties"]["phase"]
    assert {"type": "null"} in phase["anyOf"] and "pattern" not in phase
    assert [b for b in phase["anyOf"] if b.get("type") == "string"][0]["pattern"] == ID_PATTERN


# --------------------------------------------- a small validator for the subset used
def _matches(schema: dict, value, root: dict) -> bool:
    if "$ref" in schema:
        return _matches(root["$defs"][schema["$ref"].split("/")[-1]], value, root)
    if "anyOf" in schema and not any(_matches(s, value, root) for s in schema["anyOf"]):
        return False
    if "const" in schema and not (value == schema["const"] and type(value) is type(schema["const"])):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    kind = schema.get("type")
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    }
    if kind is not None and not checks[kind](value):
        return False
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return False
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
            return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    if isinstance(value, list) and "items" in schema:
        return all(_matches(schema["items"], v, root) for v in value)
    if isinstance(value, dict) and kind == "object":
        props = schema.get("properties", {})
        if any(r not in value for r in schema.get("required", [])):
            return False
        if schema.get("additionalProperties") is False and set(value) - set(props):
            return False
        return all(_matches(props[k], v, root) for k, v in value.items() if k in props)
    return True


def valid(data) -> bool:
    schema = json_schema()
    return _matches(schema, data, schema)


def test_schema_accepts_saved_files(sample_blueprint):
    assert valid(json.loads(dumps(sample_blueprint)))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("format"),
        lambda d: d.pop("version"),
        lambda d: d.update(version=3),
        lambda d: d.update(format="other"),
        lambda d: d.update(colour="red"),
        lambda d: d["steps"][0].update(titel="typo"),
        lambda d: d["steps"][0].update(id="has space"),
        lambda d: d["steps"][0].update(id="x" * 65),
        lambda d: d["steps"][0].update(fail_point="yes"),
        lambda d: d["steps"][1].update(emotion=3),
        lambda d: d["steps"][1].update(emotion=True),
        lambda d: d["steps"][2].update(duration_minutes=-1),
        lambda d: d["steps"][2].pop("title"),
        lambda d: d["lanes"][0].update(kind="moon"),
        lambda d: d["handoffs"][0].update(two_way=1),
        lambda d: d["columns"][0].update(phase=""),
        lambda d: d.update(steps={}),
        lambda d: d["steps"][0].update(channel="pigeon"),
        lambda d: d["steps"][0].update(votes=1000),
        lambda d: d["steps"][0].update(votes=-1),
        lambda d: d["columns"][0].update(title=None),
        lambda d: d.update(comments=[{"id": "q", "target": None, "kind": "todo", "text": ""}]),
        lambda d: d.update(comments=[{"id": "q", "target": None, "kind": "note"}]),
        lambda d: d.update(images=[{"id": "i", "media_type": "image/gif", "data": ""}]),
    ],
)
def test_schema_refuses_what_the_loader_refuses(sample_blueprint, change):
    data = json.loads(dumps(sample_blueprint))
    change(data)
    with pytest.raises(LoadError):
        loads(json.dumps(data))
    assert not valid(data)
