"""The blueprint file format, version 1, as strict pydantic models.

The models check each element on its own (types, ranges, id syntax, unknown keys);
:func:`check_references` checks the blueprint as a whole (unique ids, references,
self handoffs). Both raise :class:`BlueprintError` with a message naming the place.
"""

from __future__ import annotations

import re
from operator import attrgetter, eq
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

FORMAT_NAME = "service-blueprint"
FORMAT_VERSION = 1

LaneKind = Literal["evidence", "customer", "frontstage", "backstage", "support", "note"]
LANE_KINDS: tuple[str, ...] = ("evidence", "customer", "frontstage", "backstage", "support", "note")
ORG_KINDS = frozenset({"frontstage", "backstage", "support"})

#: Lane titles a new lane of each kind gets.
DEFAULT_LANE_TITLES = {
    "evidence": "Physical evidence",
    "customer": "Customer actions",
    "frontstage": "Front-stage actions",
    "backstage": "Back-stage actions",
    "support": "Support processes",
    "note": "Notes",
}

ID_PATTERN = r"^[A-Za-z0-9_.-]{1,64}$"
_ID_RE = re.compile(ID_PATTERN)

Id = str  # documented alias; syntax is checked by the Field pattern below


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None


def _id_field(**kw):
    # The id syntax is checked once for the whole file by check_references (one joined
    # regex: a per-field pattern costs about as much as parsing the JSON); the pattern is
    # still published in the JSON Schema.
    return Field(json_schema_extra={"pattern": ID_PATTERN, "minLength": 1, "maxLength": 64}, **kw)


class BlueprintError(ValueError):
    """A blueprint that breaks the format. ``str(err)`` is the one clear message."""


class _Strict(BaseModel):
    # strict: no coercion ("1" is not 1, true is not 1); forbid: a typo is an error.
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class Lane(_Strict):
    id: str = _id_field()
    kind: LaneKind
    title: str


class Phase(_Strict):
    id: str = _id_field()
    title: str


class Column(_Strict):
    id: str = _id_field()
    phase: Optional[str] = _id_field(default=None)


class Step(_Strict):
    id: str = _id_field()
    lane: str = _id_field()
    column: str = _id_field()
    title: str
    description: str = ""
    owner: str = ""
    duration_minutes: Optional[Union[int, float]] = Field(default=None, ge=0)
    fail_point: bool = False
    wait_point: bool = False
    moment_of_truth: bool = False
    self_service: bool = False
    emotion: Optional[int] = Field(default=None, ge=-2, le=2)
    tags: list[str] = Field(default_factory=list)


class Handoff(_Strict):
    id: str = _id_field()
    source: str = _id_field()
    target: str = _id_field()
    label: str = ""
    two_way: bool = False


class Blueprint(_Strict):
    format: Literal["service-blueprint"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    title: str = ""
    description: str = ""
    lanes: list[Lane] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    handoffs: list[Handoff] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_not_bool(cls, value):
        # Literal[1] would let True and 1.0 through (both == 1)
        if isinstance(value, (bool, float)):
            raise ValueError("version must be a whole number")
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _format_name(cls, value):
        if value != FORMAT_NAME:
            raise ValueError(f"this is not a service blueprint: format must be {FORMAT_NAME!r}")
        return value


#: Field names of each element in file order (the order the saver writes).
STEP_FIELDS = tuple(Step.model_fields)
HANDOFF_FIELDS = tuple(Handoff.model_fields)
#: Step fields an edit may set (id, lane and column change through move/rename only).
STEP_EDITABLE = tuple(f for f in STEP_FIELDS if f not in ("id", "lane", "column"))
HANDOFF_EDITABLE = ("label", "two_way")


_COLLECTION_NAMES = ("lanes", "phases", "columns", "steps", "handoffs")
_ID_SEP = "\n"
_IDS_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}(?:\n[A-Za-z0-9_.-]{1,64})*")
# attrgetter with map runs the loops over elements in C (a few times faster)
_get_id, _get_lane, _get_column = attrgetter("id"), attrgetter("lane"), attrgetter("column")
_get_source, _get_target = attrgetter("source"), attrgetter("target")


def check_references(bp: Blueprint) -> None:
    """Whole-blueprint rules: id syntax, unique ids, existing references, no self handoff.

    Linear in the size of the blueprint, with a fast path (set operations, one regex)
    for the common case of a good file; the slow path finds and names the first culprit.
    Raises :class:`BlueprintError`.
    """
    groups = [getattr(bp, name) for name in _COLLECTION_NAMES]
    id_lists = [list(map(_get_id, group)) for group in groups]
    lane_ids, phase_ids, column_ids, step_ids, _ = id_lists
    ids = [i for id_list in id_lists for i in id_list]
    joined = _ID_SEP.join(ids)
    if ids and (_IDS_RE.fullmatch(joined) is None or joined.count(_ID_SEP) != len(ids) - 1):
        for name, group in zip(_COLLECTION_NAMES, groups):
            for i, element in enumerate(group):
                if not is_valid_id(element.id):
                    raise BlueprintError(
                        f"{name}[{i}].id: {element.id!r} is not a valid id "
                        "(use 1 to 64 letters, digits, '_', '.' or '-')")
    if len(set(ids)) != len(ids):
        seen: dict[str, str] = {}
        for name, group in zip(_COLLECTION_NAMES, groups):
            for i, element in enumerate(group):
                first = seen.setdefault(element.id, f"{name}[{i}]")
                if first != f"{name}[{i}]":
                    raise BlueprintError(
                        f"{name}[{i}].id: duplicate id {element.id!r} (already used at {first})")

    lanes, phases, columns, steps = set(lane_ids), set(phase_ids), set(column_ids), set(step_ids)
    for i, column in enumerate(bp.columns):
        if column.phase is not None and column.phase not in phases:
            raise BlueprintError(f"columns[{i}].phase: no phase has the id {column.phase!r}")
    if not (lanes.issuperset(map(_get_lane, bp.steps))
            and columns.issuperset(map(_get_column, bp.steps))):
        for i, step in enumerate(bp.steps):
            if step.lane not in lanes:
                raise BlueprintError(f"steps[{i}].lane: no lane has the id {step.lane!r}")
            if step.column not in columns:
                raise BlueprintError(f"steps[{i}].column: no column has the id {step.column!r}")
    sources = list(map(_get_source, bp.handoffs))
    targets = list(map(_get_target, bp.handoffs))
    if not (steps.issuperset(sources) and steps.issuperset(targets)) or any(
            map(eq, sources, targets)):
        for i, handoff in enumerate(bp.handoffs):
            if handoff.source not in steps:
                raise BlueprintError(f"handoffs[{i}].source: no step has the id {handoff.source!r}")
            if handoff.target not in steps:
                raise BlueprintError(f"handoffs[{i}].target: no step has the id {handoff.target!r}")
            if handoff.source == handoff.target:
                raise BlueprintError(
                    f"handoffs[{i}].target: a handoff cannot link step {handoff.source!r} to itself"
                )


def standard_lanes() -> list[Lane]:
    """The five classic lanes, top to bottom."""
    return [
        Lane(id=kind, kind=kind, title=DEFAULT_LANE_TITLES[kind])
        for kind in ("evidence", "customer", "frontstage", "backstage", "support")
    ]


def new_blueprint(title: str = "Untitled blueprint", columns: int = 4) -> Blueprint:
    """What File > New opens: the five lanes and a few empty columns."""
    return Blueprint(
        title=title,
        lanes=standard_lanes(),
        columns=[Column(id=f"c{i + 1}") for i in range(columns)],
    )
