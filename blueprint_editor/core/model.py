"""The blueprint file format, version 2, as strict pydantic models.

The models check each element on its own (types, ranges, id syntax, unknown keys, an
image's bytes); :func:`check_references` checks the blueprint as a whole (unique ids,
references, self handoffs, steps in emotion lanes, phases as one run of columns). Both
raise :class:`BlueprintError` with a message naming the place.

The collections of a blueprint are one typed registry: :data:`Collection` (their names),
:data:`Element` (the union of their element models) and :data:`REGISTRY` (name -> model,
name in words, id prefix, free-text fields; :data:`MODELS` and :data:`SINGULAR` are views
of it), used by the operations, the document and both loaders.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import attrgetter, eq
from typing import Any, Final, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

FORMAT_NAME: Final = "service-blueprint"
FORMAT_VERSION: Final = 2

LaneKind = Literal["evidence", "customer", "frontstage", "backstage", "support", "note", "emotion"]
LANE_KINDS: tuple[str, ...] = get_args(LaneKind)
ORG_KINDS = frozenset({"frontstage", "backstage", "support"})

Channel = Literal[
    "in-person", "phone", "email", "web", "app", "chat", "sms", "letter", "kiosk", "video", "social"
]
CHANNELS: tuple[str, ...] = get_args(Channel)
CommentKind = Literal["question", "action", "note"]
COMMENT_KINDS: tuple[str, ...] = get_args(CommentKind)
MediaType = Literal["image/png", "image/jpeg"]
#: The first bytes of an image of each media type.
IMAGE_SIGNATURES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
#: The largest image (decoded bytes) a file may hold.
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_VOTES = 999

#: Lane titles a new lane of each kind gets.
DEFAULT_LANE_TITLES = {
    "evidence": "Physical evidence",
    "customer": "Customer actions",
    "frontstage": "Front-stage actions",
    "backstage": "Back-stage actions",
    "support": "Support processes",
    "note": "Notes",
    "emotion": "Customer emotion",
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
    title: str = ""


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
    channel: Channel | None = None
    votes: int = Field(default=0, ge=0, le=MAX_VOTES)
    image: str | None = _id_field(default=None)


class Handoff(_Strict):
    id: str = _id_field()
    source: str = _id_field()
    target: str = _id_field()
    label: str = ""
    two_way: bool = False


class Comment(_Strict):
    """A question, action or note about a step, a handoff or (target null) the blueprint."""

    id: str = _id_field()
    target: str | None = _id_field()
    kind: CommentKind
    text: str
    owner: str = ""
    done: bool = False


def image_problem(media_type: str, data: str) -> str | None:
    """Why ``data`` (base64) is not a good image of ``media_type``, or None."""
    if len(data) > (MAX_IMAGE_BYTES + 2) // 3 * 4:
        return f"the image is over {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    try:
        raw = binascii.a2b_base64(data, strict_mode=True)
    except (binascii.Error, ValueError):
        return "not base64 data (standard base64, RFC 4648, without line breaks)"
    if len(raw) > MAX_IMAGE_BYTES:
        return f"the image is over {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    signature = IMAGE_SIGNATURES.get(media_type)
    if signature is not None and not raw.startswith(signature):
        return f"the bytes are not a {media_type.split('/')[1].upper()} image"
    return None


class Image(_Strict):
    """An image (PNG or JPEG, at most 2 MB) that steps show, as base64."""

    id: str = _id_field()
    media_type: MediaType
    data: str = Field(json_schema_extra={"contentEncoding": "base64"})

    @field_validator("data")
    @classmethod
    def _image_bytes(cls, value: str, info: ValidationInfo) -> str:
        media_type = info.data.get("media_type")
        if media_type is None:  # the media type is wrong; that error is reported
            return value
        problem = image_problem(media_type, value)
        if problem is not None:
            raise ValueError(problem)
        return value


class Blueprint(_Strict):
    format: Literal["service-blueprint"] = FORMAT_NAME
    version: Literal[2] = FORMAT_VERSION
    title: str = ""
    description: str = ""
    lanes: list[Lane] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    handoffs: list[Handoff] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_not_bool(cls, value: object) -> object:
        # Literal[2] would let True and 1.0 through (both == 1)
        if isinstance(value, (bool, float)):
            raise ValueError("version must be a whole number")
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _format_name(cls, value: object) -> object:
        if value != FORMAT_NAME:
            raise ValueError(f"this is not a service blueprint: format must be {FORMAT_NAME!r}")
        return value


#: Field names of each element in file order (the order the saver writes).
STEP_FIELDS = tuple(Step.model_fields)
HANDOFF_FIELDS = tuple(Handoff.model_fields)
#: Step fields an edit may set (id, lane and column change through move/rename only).
STEP_EDITABLE = tuple(f for f in STEP_FIELDS if f not in ("id", "lane", "column"))
HANDOFF_EDITABLE = ("label", "two_way")

# ------------------------------------------------------- the registry of collections
#: The name of a collection of a blueprint (a list field of :class:`Blueprint`).
Collection = Literal["lanes", "phases", "columns", "steps", "handoffs", "comments", "images"]
#: An element of any collection.
Element = Lane | Phase | Column | Step | Handoff | Comment | Image
#: Every collection, in file order.
COLLECTIONS: tuple[Collection, ...] = get_args(Collection)


class CollectionInfo(NamedTuple):
    """What the program knows of one collection."""

    model: type[Element]
    #: One element, in words ("no step has the id ...").
    singular: str
    #: The start of the ids the editor makes (``s1``, ``h4``, ``c7`` ...).
    id_prefix: str
    #: Free-text fields, where a workshop may well write a colon.
    text_fields: tuple[str, ...]


#: The registry: each collection of a blueprint, in file order.
REGISTRY: dict[Collection, CollectionInfo] = {
    "lanes": CollectionInfo(Lane, "lane", "lane", ("title",)),
    "phases": CollectionInfo(Phase, "phase", "p", ("title",)),
    "columns": CollectionInfo(Column, "column", "c", ("title",)),
    "steps": CollectionInfo(Step, "step", "s", ("title", "description", "owner")),
    "handoffs": CollectionInfo(Handoff, "handoff", "h", ("label",)),
    "comments": CollectionInfo(Comment, "comment", "cm", ("text", "owner")),
    "images": CollectionInfo(Image, "image", "img", ()),
}
#: The model of each collection's elements.
MODELS: dict[Collection, type[Element]] = {name: info.model for name, info in REGISTRY.items()}
#: One element of each collection, in words.
SINGULAR: dict[Collection, str] = {name: info.singular for name, info in REGISTRY.items()}


def elements(bp: Blueprint, collection: Collection) -> list[Any]:
    """The list of ``bp`` that holds ``collection`` (the document's own list)."""
    found: list[Any] = getattr(bp, collection)
    return found


_ID_SEP = "\n"
_IDS_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}(?:\n[A-Za-z0-9_.-]{1,64})*")
# attrgetter with map runs the loops over elements in C (a few times faster), and one
# getter per kind of element reads all its references in one pass: on a large file the
# elements no longer fit in the processor's cache, so each extra pass costs a fetch from
# memory per element.
_get_id = attrgetter("id")
_LANE_REFS = attrgetter("id", "kind")
_COLUMN_REFS = attrgetter("id", "phase")
_STEP_REFS = attrgetter("id", "lane", "column", "image")
_HANDOFF_REFS = attrgetter("id", "source", "target")
_COMMENT_REFS = attrgetter("id", "target")


class References(NamedTuple):
    """The ids and references of a blueprint, one tuple of values per field, in document
    order (``step_lanes[i]`` is the lane of step ``i``)."""

    lane_ids: Sequence[str]
    lane_kinds: Sequence[str]
    phase_ids: Sequence[str]
    column_ids: Sequence[str]
    column_phases: Sequence[str | None]
    step_ids: Sequence[str]
    step_lanes: Sequence[str]
    step_columns: Sequence[str]
    step_images: Sequence[str | None]
    handoff_ids: Sequence[str]
    sources: Sequence[str]
    targets: Sequence[str]
    comment_ids: Sequence[str]
    comment_targets: Sequence[str | None]
    image_ids: Sequence[str]


def columns_of(rows: Iterable[tuple[Any, ...]], width: int) -> list[tuple[Any, ...]]:
    """``[(a1, b1), (a2, b2)]`` -> ``[(a1, a2), (b1, b2)]``; ``width`` empty tuples when
    there are no rows."""
    return list(zip(*rows)) or [()] * width


def references(bp: Blueprint) -> References:
    """The ids and references of ``bp`` (one pass over each collection)."""
    lane_ids, lane_kinds = columns_of(map(_LANE_REFS, bp.lanes), 2)
    column_ids, column_phases = columns_of(map(_COLUMN_REFS, bp.columns), 2)
    step_ids, step_lanes, step_columns, step_images = columns_of(map(_STEP_REFS, bp.steps), 4)
    handoff_ids, sources, targets = columns_of(map(_HANDOFF_REFS, bp.handoffs), 3)
    comment_ids, comment_targets = columns_of(map(_COMMENT_REFS, bp.comments), 2)
    return References(
        lane_ids,
        lane_kinds,
        tuple(map(_get_id, bp.phases)),
        column_ids,
        column_phases,
        step_ids,
        step_lanes,
        step_columns,
        step_images,
        handoff_ids,
        sources,
        targets,
        comment_ids,
        comment_targets,
        tuple(map(_get_id, bp.images)),
    )


def phases_are_runs(column_phases: Iterable[str | None]) -> bool:
    """Whether every phase covers one run of consecutive columns (``column_phases``: the
    phase of each column, in column order)."""
    runs = [phase for phase, _ in groupby(column_phases) if phase is not None]
    return len(runs) == len(set(runs))


def references_hold(refs: References) -> bool:
    """Whether the whole-blueprint rules hold: id syntax, unique ids, existing references,
    no self handoff, no step in an emotion lane, phases as runs of columns. Set operations
    and one regex over all ids; it names nothing (see :func:`check_references` for the
    message)."""
    ids = [
        *refs.lane_ids,
        *refs.phase_ids,
        *refs.column_ids,
        *refs.step_ids,
        *refs.handoff_ids,
        *refs.comment_ids,
        *refs.image_ids,
    ]
    if ids:
        joined = _ID_SEP.join(ids)
        if _IDS_RE.fullmatch(joined) is None or joined.count(_ID_SEP) != len(ids) - 1:
            return False
        if len(set(ids)) != len(ids):
            return False
    steps = set(refs.step_ids)
    phases: set[str | None] = set(refs.phase_ids)
    phases.add(None)  # a column without a phase
    lanes = {lane for lane, kind in zip(refs.lane_ids, refs.lane_kinds) if kind != "emotion"}
    if refs.image_ids or any(refs.step_images):
        images: set[str | None] = {None, *refs.image_ids}
        if not images.issuperset(refs.step_images):
            return False
    if refs.comment_ids:
        targets: set[str | None] = {None, *steps, *refs.handoff_ids}
        if not targets.issuperset(refs.comment_targets):
            return False
    return (
        phases.issuperset(refs.column_phases)
        and phases_are_runs(refs.column_phases)
        and lanes.issuperset(refs.step_lanes)
        and set(refs.column_ids).issuperset(refs.step_columns)
        and steps.issuperset(refs.sources)
        and steps.issuperset(refs.targets)
        and not any(map(eq, refs.sources, refs.targets))
    )


def check_references(bp: Blueprint) -> None:
    """Whole-blueprint rules: id syntax, unique ids, existing references, no self handoff,
    no step in an emotion lane, every phase one run of consecutive columns.

    Linear in the size of the blueprint: :func:`references_hold` decides; only when it
    says no, a walk over the elements finds and names the first culprit.
    Raises :class:`BlueprintError`.
    """
    if not references_hold(references(bp)):
        _name_first_culprit(bp)


def _name_first_culprit(bp: Blueprint) -> None:
    groups = [(name, elements(bp, name)) for name in COLLECTIONS]
    for name, group in groups:
        for i, element in enumerate(group):
            if not is_valid_id(element.id):
                raise BlueprintError(
                    f"{name}[{i}].id: {element.id!r} is not a valid id "
                    "(use 1 to 64 letters, digits, '_', '.' or '-')"
                )
    seen: dict[str, str] = {}
    for name, group in groups:
        for i, element in enumerate(group):
            first = seen.setdefault(element.id, f"{name}[{i}]")
            if first != f"{name}[{i}]":
                raise BlueprintError(f"{name}[{i}].id: duplicate id {element.id!r} (already used at {first})")
    lanes = {lane.id: lane.kind for lane in bp.lanes}
    phases, columns, steps, handoffs, images = (
        set(map(_get_id, elements(bp, name))) for name in ("phases", "columns", "steps", "handoffs", "images")
    )
    ended: dict[str, int] = {}  # phase -> the last column of its first run
    for i, column in enumerate(bp.columns):
        if column.phase is not None and column.phase not in phases:
            raise BlueprintError(f"columns[{i}].phase: no phase has the id {column.phase!r}")
        if column.phase is not None:
            last = ended.get(column.phase)
            if last is not None and last != i - 1:
                raise BlueprintError(
                    f"columns[{i}].phase: phase {column.phase!r} already ended at "
                    f"columns[{last}]; a phase is one run of consecutive columns"
                )
            ended[column.phase] = i
    for i, step in enumerate(bp.steps):
        if step.lane not in lanes:
            raise BlueprintError(f"steps[{i}].lane: no lane has the id {step.lane!r}")
        if lanes[step.lane] == "emotion":
            raise BlueprintError(f"steps[{i}].lane: {step.lane!r} is an emotion lane, which holds no steps")
        if step.column not in columns:
            raise BlueprintError(f"steps[{i}].column: no column has the id {step.column!r}")
        if step.image is not None and step.image not in images:
            raise BlueprintError(f"steps[{i}].image: no image has the id {step.image!r}")
    for i, handoff in enumerate(bp.handoffs):
        if handoff.source not in steps:
            raise BlueprintError(f"handoffs[{i}].source: no step has the id {handoff.source!r}")
        if handoff.target not in steps:
            raise BlueprintError(f"handoffs[{i}].target: no step has the id {handoff.target!r}")
        if handoff.source == handoff.target:
            raise BlueprintError(
                f"handoffs[{i}].target: a handoff cannot link step {handoff.source!r} to itself"
            )
    targets = steps | handoffs
    for i, comment in enumerate(bp.comments):
        if comment.target is not None and comment.target not in targets:
            raise BlueprintError(f"comments[{i}].target: no step or handoff has the id {comment.target!r}")
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
