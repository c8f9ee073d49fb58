"""The blueprint file format, version 1, as strict pydantic models.

The models check each element on its own (types, ranges, id syntax, unknown keys);
:func:`check_references` checks the blueprint as a whole (unique ids, references,
self handoffs). Both raise :class:`BlueprintError` with a message naming the place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import attrgetter, eq
from typing import Any, Final, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

FORMAT_NAME: Final = "service-blueprint"
FORMAT_VERSION: Final = 1

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


def _id_field(**kw: Any) -> Any:
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
    phase: str | None = _id_field(default=None)


class Step(_Strict):
    id: str = _id_field()
    lane: str = _id_field()
    column: str = _id_field()
    title: str
    description: str = ""
    owner: str = ""
    duration_minutes: int | float | None = Field(default=None, ge=0)
    fail_point: bool = False
    wait_point: bool = False
    moment_of_truth: bool = False
    self_service: bool = False
    emotion: int | None = Field(default=None, ge=-2, le=2)
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
    def _version_not_bool(cls, value: object) -> object:
        # Literal[1] would let True and 1.0 through (both == 1)
        if isinstance(value, (bool, float)):
            raise ValueError("version must be a whole number")
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _format_name(cls, value: object) -> object:
        if value != FORMAT_NAME:
            raise ValueError(f"this is not a service blueprint: format must be {FORMAT_NAME!r}")
        return value


#: An element of one of the blueprint's collections.
Element = Lane | Phase | Column | Step | Handoff


#: Field names of each element in file order (the order the saver writes).
STEP_FIELDS = tuple(Step.model_fields)
HANDOFF_FIELDS = tuple(Handoff.model_fields)
#: Step fields an edit may set (id, lane and column change through move/rename only).
STEP_EDITABLE = tuple(f for f in STEP_FIELDS if f not in ("id", "lane", "column"))
HANDOFF_EDITABLE = ("label", "two_way")


_COLLECTION_NAMES = ("lanes", "phases", "columns", "steps", "handoffs")
_ID_SEP = "\n"
_IDS_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}(?:\n[A-Za-z0-9_.-]{1,64})*")
# attrgetter with map runs the loops over elements in C (a few times faster), and one
# getter per kind of element reads all its references in one pass: on a large file the
# elements no longer fit in the processor's cache, so each extra pass costs a fetch from
# memory per element.
_get_id = attrgetter("id")
_COLUMN_REFS = attrgetter("id", "phase")
_STEP_REFS = attrgetter("id", "lane", "column")
_HANDOFF_REFS = attrgetter("id", "source", "target")


class References(NamedTuple):
    """The ids and references of a blueprint, one tuple of values per field, in document
    order (``step_lanes[i]`` is the lane of step ``i``)."""

    lane_ids: Sequence[str]
    phase_ids: Sequence[str]
    column_ids: Sequence[str]
    column_phases: Sequence[str | None]
    step_ids: Sequence[str]
    step_lanes: Sequence[str]
    step_columns: Sequence[str]
    handoff_ids: Sequence[str]
    sources: Sequence[str]
    targets: Sequence[str]


def columns_of(rows: Iterable[tuple[Any, ...]], width: int) -> list[tuple[Any, ...]]:
    """``[(a1, b1), (a2, b2)]`` -> ``[(a1, a2), (b1, b2)]``; ``width`` empty tuples when
    there are no rows."""
    return list(zip(*rows, strict=True)) or [()] * width


def references(bp: Blueprint) -> References:
    """The ids and references of ``bp`` (one pass over each collection)."""
    return References(
        tuple(map(_get_id, bp.lanes)), tuple(map(_get_id, bp.phases)),
        *columns_of(map(_COLUMN_REFS, bp.columns), 2),
        *columns_of(map(_STEP_REFS, bp.steps), 3),
        *columns_of(map(_HANDOFF_REFS, bp.handoffs), 3))


def references_hold(refs: References) -> bool:
    """Whether the whole-blueprint rules hold: id syntax, unique ids, existing references,
    no self handoff. Set operations and one regex over all ids; it names nothing (see
    :func:`check_references` for the message)."""
    ids = [*refs.lane_ids, *refs.phase_ids, *refs.column_ids, *refs.step_ids, *refs.handoff_ids]
    if ids:
        joined = _ID_SEP.join(ids)
        if _IDS_RE.fullmatch(joined) is None or joined.count(_ID_SEP) != len(ids) - 1:
            return False
        if len(set(ids)) != len(ids):
            return False
    steps = set(refs.step_ids)
    phases: set[str | None] = set(refs.phase_ids)
    phases.add(None)  # a column without a phase
    return (phases.issuperset(refs.column_phases)
            and set(refs.lane_ids).issuperset(refs.step_lanes)
            and set(refs.column_ids).issuperset(refs.step_columns)
            and steps.issuperset(refs.sources) and steps.issuperset(refs.targets)
            and not any(map(eq, refs.sources, refs.targets)))


def check_references(bp: Blueprint) -> None:
    """Whole-blueprint rules: id syntax, unique ids, existing references, no self handoff.

    Linear in the size of the blueprint: :func:`references_hold` decides; only when it
    says no, a walk over the elements finds and names the first culprit.
    Raises :class:`BlueprintError`.
    """
    if not references_hold(references(bp)):
        _name_first_culprit(bp)


def _name_first_culprit(bp: Blueprint) -> None:
    groups = [(name, getattr(bp, name)) for name in _COLLECTION_NAMES]
    for name, group in groups:
        for i, element in enumerate(group):
            if not is_valid_id(element.id):
                raise BlueprintError(
                    f"{name}[{i}].id: {element.id!r} is not a valid id "
                    "(use 1 to 64 letters, digits, '_', '.' or '-')")
    seen: dict[str, str] = {}
    for name, group in groups:
        for i, element in enumerate(group):
            first = seen.setdefault(element.id, f"{name}[{i}]")
            if first != f"{name}[{i}]":
                raise BlueprintError(
                    f"{name}[{i}].id: duplicate id {element.id!r} (already used at {first})")
    lanes, phases, columns, steps = (set(map(_get_id, group)) for _, group in groups[:4])
    for i, column in enumerate(bp.columns):
        if column.phase is not None and column.phase not in phases:
            raise BlueprintError(f"columns[{i}].phase: no phase has the id {column.phase!r}")
    for i, step in enumerate(bp.steps):
        if step.lane not in lanes:
            raise BlueprintError(f"steps[{i}].lane: no lane has the id {step.lane!r}")
        if step.column not in columns:
            raise BlueprintError(f"steps[{i}].column: no column has the id {step.column!r}")
    for i, handoff in enumerate(bp.handoffs):
        if handoff.source not in steps:
            raise BlueprintError(f"handoffs[{i}].source: no step has the id {handoff.source!r}")
        if handoff.target not in steps:
            raise BlueprintError(f"handoffs[{i}].target: no step has the id {handoff.target!r}")
        if handoff.source == handoff.target:
            raise BlueprintError(
                f"handoffs[{i}].target: a handoff cannot link step {handoff.source!r} to itself")
    raise AssertionError("references_hold said no, but no element breaks a rule")


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
