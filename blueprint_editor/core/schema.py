"""The JSON Schema of the blueprint file format, generated from the pydantic models.

``blueprint-editor schema`` prints :func:`schema_text`; the same text is committed as
``blueprint_editor/resources/blueprint.schema.json`` (a test keeps the two equal). To regenerate it after a
model change::

    blueprint-editor schema > blueprint_editor/resources/blueprint.schema.json

The schema states everything one element can get wrong (types, required fields, unknown
keys, id syntax, ranges). What it cannot state, the loader checks in addition: ids unique
across the file, references to existing elements, no self handoff, no step in an emotion
lane, phases as runs of consecutive columns, an image's bytes, and finite numbers.
"""

from __future__ import annotations

import json
from typing import Any

from .model import FORMAT_VERSION, ID_PATTERN, Blueprint

SCHEMA_ID = f"https://blueprint-editor.invalid/schema/blueprint-{FORMAT_VERSION}.schema.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Blueprint": {
        "format": 'Always "service-blueprint".',
        "version": "The file format version.",
        "title": "The blueprint's name.",
        "lanes": "Lanes from top to bottom.",
        "phases": "Phases: names for groups of consecutive columns.",
        "columns": "Columns from left to right (time).",
        "steps": "Steps (cards); steps in the same cell stack in this order.",
        "handoffs": "Arrows between two steps.",
        "comments": "Questions, actions and notes on steps, handoffs or the whole blueprint.",
        "images": "Images (PNG or JPEG) that steps show.",
    },
    "Lane": {
        "kind": "What the lane holds; lines between lanes derive from adjacent kinds. "
        "An emotion lane holds no steps: it draws the customer steps' emotion."
    },
    "Column": {
        "phase": "The phase the column belongs to, or null; a phase covers one run of consecutive columns.",
        "title": "Text shown above the column (a touchpoint, a time).",
    },
    "Step": {
        "lane": "Id of the lane the step sits in.",
        "column": "Id of the column the step sits in.",
        "duration_minutes": "Estimated duration in minutes, or null.",
        "fail_point": "A point where the service often fails (Shostack).",
        "wait_point": "A point where the customer waits.",
        "moment_of_truth": "A moment that decides the customer's opinion.",
        "self_service": "The customer does this alone (no front-stage contact needed).",
        "emotion": "The customer's feeling, -2 (very negative) to +2 (very positive), or null.",
        "channel": "The channel of the touchpoint, drawn as an icon, or null.",
        "votes": "Dot votes a workshop gave the step.",
        "image": "Id of the image the card shows, or null.",
    },
    "Comment": {
        "target": "Id of the step or handoff the comment is about, or null for the blueprint.",
        "kind": "A question, an action (a to-do) or a note.",
        "owner": "Who answers the question or does the action.",
        "done": "The question is answered, the action done.",
    },
    "Image": {
        "media_type": "The image's type.",
        "data": "The image as standard base64 (RFC 4648, no line breaks); its bytes start "
        "with the type's signature and are at most 2 MB.",
    },
    "Handoff": {
        "source": "Id of the step the arrow starts at.",
        "target": "Id of the step the arrow points to (not the source).",
        "two_way": "A double arrow.",
    },
}

_ID_KEYS = ("pattern", "minLength", "maxLength")


def _tidy_property(prop: dict[str, Any]) -> None:
    """Put string constraints of an optional id inside its string branch."""
    branches = prop.get("anyOf")
    if branches and any(k in prop for k in _ID_KEYS):
        for branch in branches:
            if branch.get("type") == "string":
                for key in _ID_KEYS:
                    if key in prop:
                        branch[key] = prop[key]
        for key in _ID_KEYS:
            prop.pop(key, None)


_CONSTRAINTS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _fix_constraints(node: Any) -> None:
    """pydantic leaves a union's bounds as ``ge``/``le``, which JSON Schema ignores."""
    if isinstance(node, dict):
        for short, keyword in _CONSTRAINTS.items():
            if short in node and isinstance(node[short], (int, float)):
                node[keyword] = node.pop(short)
        for value in node.values():
            _fix_constraints(value)
    elif isinstance(node, list):
        for value in node:
            _fix_constraints(value)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a version-``FORMAT_VERSION`` blueprint file."""
    generated = Blueprint.model_json_schema(mode="validation")
    _fix_constraints(generated)
    for name, model in generated.get("$defs", {}).items():
        for field, prop in model.get("properties", {}).items():
            _tidy_property(prop)
            text = _DESCRIPTIONS.get(name, {}).get(field)
            if field == "id":
                text = (
                    "Unique across the whole file (lanes, phases, columns, steps, handoffs, "
                    "comments, images)."
                )
            if text:
                prop["description"] = text
    for field, prop in generated["properties"].items():
        text = _DESCRIPTIONS["Blueprint"].get(field)
        if text:
            prop["description"] = text
    # format and version have defaults in the model (for new blueprints), but a file
    # without them is refused, so the schema requires them.
    generated["required"] = ["format", "version"] + [
        f for f in generated.get("required", []) if f not in ("format", "version")
    ]
    for field in ("format", "version"):
        generated["properties"][field].pop("default", None)
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "Service blueprint",
        "description": (
            f"A service blueprint file (format version {FORMAT_VERSION}) of blueprint-editor: "
            "lanes top to bottom, columns left to right, steps in cells, handoffs between "
            f"steps. Ids match {ID_PATTERN}. Beyond this schema, a file is refused when an id "
            "is used twice, a reference names an element that does not exist, a handoff links "
            "a step to itself, a step sits in an emotion lane, a phase covers columns that are "
            "not consecutive, an image's bytes are not its type or over 2 MB, or a number is "
            "not finite."
        ),
    }
    schema.update((k, v) for k, v in generated.items() if k not in ("title", "description"))
    return schema


def schema_text() -> str:
    """The schema as the text of ``blueprint_editor/resources/blueprint.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
