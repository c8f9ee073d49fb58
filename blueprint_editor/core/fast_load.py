"""The fast path of loading: pydantic's own JSON parser, for files that are plainly good.

:func:`blueprint_editor.core.io.loads` is careful: Python's ``json`` module with hooks
that catch repeated keys, non-finite and oversized numbers, then the models, then the
reference checks; each refusal names its place. That costs four to six times a bare
``json.loads``. Most files are good, so :func:`fast_load` first tries pydantic's JSON
validation (parser and models in compiled code, strict) and returns a blueprint only when
the careful path would certainly give the same one; in any doubt it returns ``None`` and
the careful path decides, with its messages. A test compares both paths on thousands of
damaged files.

What the compiled parser would let through, and how each is kept out:

- a key repeated in one object (the parser keeps the last one silently): every key is a
  model field (unknown keys are refused, no field is a free-form object), so a file has
  no repeated key exactly when its number of ``:`` outside text values equals the number
  of fields the models received. The text's ``:`` count minus the ``:`` inside the text
  fields gives an upper bound of the first (a colon in an id or in data a repeat dropped
  only adds to it), so equality proves there is no repeat;
- ``\\u`` escapes (an unpaired surrogate is refused by the careful path, and an escaped
  colon would spoil the count): any ``\\u`` in the text takes the careful path;
- integers longer than the careful path's limit: checked on the one integer field
  that can hold them (``duration_minutes``);
- a leading byte order mark: dropped before, as the careful path does;
- an older version (1 or 0): the model takes version 2 only, so the careful path migrates;
- a file without ``format`` or ``version`` (which the models default, but the contract
  requires): checked on the fields the model received.

``version`` given as ``2.0`` is refused by the model itself (see ``Blueprint``).
"""

from __future__ import annotations

from operator import attrgetter

from .model import REGISTRY, Blueprint, References, columns_of, elements, references_hold

#: The careful path refuses integers with more digits than this.
MAX_INT_DIGITS = 4000
_HUGE = 10**MAX_INT_DIGITS

_REQUIRED = frozenset({"format", "version"})
_tags = attrgetter("tags")
_FIELDS_SET = "__pydantic_fields_set__"
# everything the checks below read of an element, in one pass over each collection (see
# the note on the getters in .model: on a large file each pass costs a fetch from memory
# per element, whatever it reads; benchmarks/README.md has what one pass saved)
_PHASE = _IMAGE = attrgetter("id", _FIELDS_SET)
_LANE = attrgetter("id", "kind", _FIELDS_SET)
_COLUMN = attrgetter("id", "phase", _FIELDS_SET)
_STEP = attrgetter("id", "lane", "column", "image", "duration_minutes", _FIELDS_SET)
_HANDOFF = attrgetter("id", "source", "target", _FIELDS_SET)
_COMMENT = attrgetter("id", "target", _FIELDS_SET)


def fast_load(data: bytes | str) -> Blueprint | None:
    """The blueprint in ``data`` (without a byte order mark), or ``None`` for "ask the
    careful path". Never raises for bad input."""
    if _has_escape(data):
        return None
    try:
        bp = Blueprint.model_validate_json(data, strict=True)
    except (ValueError, RecursionError):  # ValidationError is a ValueError
        return None
    if not bp.model_fields_set >= _REQUIRED:  # the models default them; the contract does not
        return None
    lane_ids, lane_kinds, lane_fields = columns_of(map(_LANE, bp.lanes), 3)
    phase_ids, phase_fields = columns_of(map(_PHASE, bp.phases), 2)
    column_ids, column_phases, column_fields = columns_of(map(_COLUMN, bp.columns), 3)
    step_ids, step_lanes, step_columns, step_images, durations, step_fields = columns_of(
        map(_STEP, bp.steps), 6
    )
    handoff_ids, sources, targets, handoff_fields = columns_of(map(_HANDOFF, bp.handoffs), 4)
    comment_ids, comment_targets, comment_fields = columns_of(map(_COMMENT, bp.comments), 3)
    image_ids, image_fields = columns_of(map(_IMAGE, bp.images), 2)
    fields = len(bp.model_fields_set) + sum(
        sum(map(len, group))
        for group in (
            lane_fields,
            phase_fields,
            column_fields,
            step_fields,
            handoff_fields,
            comment_fields,
            image_fields,
        )
    )
    colons = data.count(b":") if isinstance(data, bytes) else data.count(":")
    if colons != fields and colons - _text_colons(bp) != fields:
        return None
    if any(type(d) is int and d >= _HUGE for d in durations):
        return None
    if not references_hold(
        References(
            lane_ids,
            lane_kinds,
            phase_ids,
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
            image_ids,
        )
    ):
        return None
    return bp


def _has_escape(data: bytes | str) -> bool:
    # one character is found much faster than two
    if isinstance(data, bytes):
        return b"\\" in data and b"\\u" in data
    return "\\" in data and "\\u" in data


def _text_colons(bp: Blueprint) -> int:
    count = bp.title.count(":") + bp.description.count(":")
    for name, info in REGISTRY.items():
        group = elements(bp, name)
        for field in info.text_fields:
            count += "".join(map(attrgetter(field), group)).count(":")
    for tags in map(_tags, bp.steps):
        if tags:
            count += "".join(tags).count(":")
    return count
