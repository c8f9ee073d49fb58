"""Edits a user makes, built as operations (not yet applied).

Each function reads the document and returns one :class:`Operation` (often a
:class:`Batch`) that keeps the blueprint consistent: deleting a step deletes its
handoffs and the comments on it, deleting a lane or column deletes its steps, deleting a
phase ungroups its columns. The caller applies it with ``doc.apply(op)`` (the Qt layer
through its undo stack), so every edit is one undoable unit.

Edits of phases (group columns, grow, shrink, join) live in :mod:`.phases`; edits of
comments and images are at the end of this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .document import Document
from .model import (
    DEFAULT_LANE_TITLES,
    Collection,
    Column,
    Comment,
    CommentKind,
    Handoff,
    Image,
    Lane,
    LaneKind,
    MediaType,
    Phase,
    Step,
)
from .operations import (
    Arrange,
    Batch,
    Delete,
    DeleteMany,
    Insert,
    Operation,
    OperationError,
    Reorder,
    Set,
    SetBlueprint,
)
from .phases import move_column


def add_step(
    doc: Document,
    lane: str,
    column: str,
    title: str = "New step",
    index: int | None = None,
    before: str | None = None,
    **fields: Any,
) -> Batch:
    """A new step in a cell; by default it stacks last in the cell (end of the list).

    ``index`` puts it at that place of the step list; ``before`` (a step id, e.g. the
    step in the slot under the cursor) puts it just before that step, so it stacks above
    it in that step's cell."""
    doc.get("lanes", lane)
    doc.get("columns", column)
    if before is not None:
        index = doc.position("steps", before)
    step = Step(
        id=fields.pop("id", None) or doc.new_id("steps"), lane=lane, column=column, title=title, **fields
    )
    at = len(doc.blueprint.steps) if index is None else index
    return Batch((Insert("steps", step, at),), "Add step")


def add_steps(doc: Document, steps: Sequence[Step], handoffs: Sequence[Handoff] = ()) -> Batch:
    """Insert ready-made steps and handoffs at the end (paste, duplicate)."""
    n_steps, n_handoffs = len(doc.blueprint.steps), len(doc.blueprint.handoffs)
    ops: list[Operation] = [Insert("steps", s, n_steps + i) for i, s in enumerate(steps)]
    ops += [Insert("handoffs", h, n_handoffs + i) for i, h in enumerate(handoffs)]
    return Batch(tuple(ops), "Paste")


def delete_elements(doc: Document, ids: Iterable[str]) -> Batch:
    """Delete steps, handoffs, comments and images; unknown ids are ignored.

    What goes with them, as a user expects (all of it comes back with one undo):

    - a deleted step takes its handoffs with it;
    - a deleted step or handoff takes the comments on it with it (a question about a
      card that is gone has nothing left to ask about);
    - an image that a deleted step showed, and that no remaining step shows, is dropped
      (nothing could show it any more); an image no step showed before is left alone;
    - a deleted image disappears from the steps that showed it.

    Linear in the size of the blueprint however many are deleted (one pass per list).
    """
    ids = list(dict.fromkeys(ids))
    steps = [i for i in ids if doc.find("steps", i) is not None]
    gone = set(steps)
    handoffs: dict[str, None] = {i: None for i in ids if doc.find("handoffs", i) is not None}
    for s in steps:
        for h in doc.handoff_ids_of(s):
            handoffs[h] = None
    comments: dict[str, None] = {i: None for i in ids if doc.find("comments", i) is not None}
    for target in (*steps, *handoffs):
        for c in sorted(doc.comment_ids_of(target)):
            comments[c] = None
    images: dict[str, None] = {i: None for i in ids if doc.find("images", i) is not None}
    for s in steps:
        image = doc.step(s).image
        if image is not None and doc.image_users(image) <= gone:
            images[image] = None
    unshow = sorted({user for image in images for user in doc.image_users(image)} - gone)
    ops: list[Operation] = []
    if comments:
        ops.append(DeleteMany("comments", tuple(comments)))
    if handoffs:
        ops.append(DeleteMany("handoffs", tuple(handoffs)))
    ops += [Set("steps", s, {"image": None}) for s in unshow]
    if steps:
        ops.append(DeleteMany("steps", tuple(steps)))
    if images:
        ops.append(DeleteMany("images", tuple(images)))
    return Batch(tuple(ops), "Delete")


def move_steps(doc: Document, moves: Sequence[tuple[str, str, str]], before: str | None = None) -> Batch:
    """Move steps to (lane, column) cells.

    Moved steps go to the end of the step list, so each stacks last in its new cell, in
    the order given; with ``before`` (a step id) they are placed just before that step,
    so they stack above it. A move to the cell a step is already in still reorders it.
    Linear in the number of steps (one new order, not one reorder per step).
    """
    moving = list(dict.fromkeys(sid for sid, _, _ in moves))
    moving_set = set(moving)
    if before in moving_set:
        before = None
    ops: list[Operation] = []
    for sid, lane, column in moves:
        doc.get("lanes", lane)
        doc.get("columns", column)
        step = doc.step(sid)
        if (step.lane, step.column) != (lane, column):
            ops.append(Set("steps", sid, {"lane": lane, "column": column}))
    current = [s.id for s in doc.blueprint.steps]
    others = [sid for sid in current if sid not in moving_set]
    if before is None:
        order = others + moving
    else:
        doc.get("steps", before)
        k = others.index(before)
        order = others[:k] + moving + others[k:]
    if order != current:
        ops.append(Arrange("steps", tuple(order)))
    return Batch(tuple(ops), "Move")


def drop_steps(doc: Document, moves: Sequence[tuple[str, str, str]], before: str | None = None) -> Batch:
    """The edit for cards dropped by hand: :func:`move_steps` with ``before`` (the step in
    the slot under the cursor), or an empty Batch when the drop changes nothing: several
    cards that each land back in their own cell, or one card back at its own place in its
    cell's stack. ``moves`` are (step, lane, column) in document order."""
    if all((doc.step(s).lane, doc.step(s).column) == (lane, column) for s, lane, column in moves):
        if len(moves) != 1:
            return Batch((), "Move")
        sid, lane, column = moves[0]
        current = [s.id for s in doc.steps_in_cell(lane, column)]
        stack = [s for s in current if s != sid]
        stack.insert(stack.index(before) if before in stack else len(stack), sid)
        if stack == current:
            return Batch((), "Move")
    return move_steps(doc, moves, before=before)


def nudge_moves(doc: Document, step_ids: Iterable[str], dcol: int, dlane: int) -> list[tuple[str, str, str]]:
    """Where steps go when nudged by ``dcol`` columns and ``dlane`` lanes (clamped to the
    grid): (step, lane, column) for each step that changes cell (arrow keys)."""
    lanes = [lane.id for lane in doc.blueprint.lanes]
    columns = [column.id for column in doc.blueprint.columns]
    lane_index = {lane: i for i, lane in enumerate(lanes)}
    column_index = {column: i for i, column in enumerate(columns)}
    moves = []
    for sid in step_ids:
        step = doc.step(sid)
        li = max(0, min(len(lanes) - 1, lane_index[step.lane] + dlane))
        ci = max(0, min(len(columns) - 1, column_index[step.column] + dcol))
        if (lanes[li], columns[ci]) != (step.lane, step.column):
            moves.append((sid, lanes[li], columns[ci]))
    return moves


def connect(doc: Document, source: str, target: str, label: str = "", two_way: bool = False) -> Batch:
    """A new handoff from ``source`` to ``target``."""
    if source == target:
        raise OperationError("a handoff cannot link a step to itself")
    handoff = Handoff(id=doc.new_id("handoffs"), source=source, target=target, label=label, two_way=two_way)
    return Batch((Insert("handoffs", handoff, len(doc.blueprint.handoffs)),), "Connect")


def set_fields(doc: Document, collection: Collection | None, ident: str | None, **fields: Any) -> Operation:
    """Change fields of one element (or of the blueprint when collection is None)."""
    if collection is None:
        return SetBlueprint(fields)
    if ident is None:
        raise OperationError(f"which of the {collection}? (no id given)")
    element = doc.get(collection, ident)
    changed = {k: v for k, v in fields.items() if getattr(element, k) != v}
    return Batch((Set(collection, ident, changed),) if changed else (), "Edit")


def insert_lane(doc: Document, index: int, kind: LaneKind = "note", title: str | None = None) -> Batch:
    lane = Lane(id=doc.new_id("lanes"), kind=kind, title=title or DEFAULT_LANE_TITLES[kind])
    return Batch((Insert("lanes", lane, index),), "Insert lane")


def insert_column(doc: Document, index: int, phase: str | None = None) -> Batch:
    """A new column at ``index``, in ``phase``. Inserted between two columns of one phase,
    it is in that phase whatever ``phase`` says (a phase stays one run of columns); a
    ``phase`` that would then not be one run is refused when the edit is applied."""
    columns = doc.blueprint.columns
    at = max(0, min(index, len(columns)))
    left = columns[at - 1].phase if at > 0 else None
    right = columns[at].phase if at < len(columns) else None
    if left is not None and left == right:
        phase = left
    column = Column(id=doc.new_id("columns"), phase=phase)
    return Batch((Insert("columns", column, at),), "Insert column")


def insert_phase(doc: Document, index: int, title: str = "New phase", columns: Iterable[str] = ()) -> Batch:
    """A new phase; ``columns`` (ids) are grouped into it."""
    phase = Phase(id=doc.new_id("phases"), title=title)
    ops: list[Operation] = [Insert("phases", phase, index)]
    ops += [Set("columns", c, {"phase": phase.id}) for c in columns]
    return Batch(tuple(ops), "Insert phase")


def reorder(doc: Document, collection: Collection, ident: str, index: int) -> Batch:
    """Move an element to ``index`` of its list. A column keeps the phase invariant: see
    :func:`~blueprint_editor.core.phases.move_column` (which this calls for columns)."""
    doc.get(collection, ident)
    if collection == "columns":
        return move_column(doc, ident, index)
    return Batch((Reorder(collection, ident, index),), "Reorder")


def shift(doc: Document, collection: Collection, ident: str, delta: int) -> Batch:
    """Move an element ``delta`` places along its list (lanes up/down, columns
    left/right); an empty Batch when that would leave the list."""
    index = doc.position(collection, ident) + delta
    if not 0 <= index < len(getattr(doc.blueprint, collection)):
        return Batch((), "Reorder")
    return reorder(doc, collection, ident, index)


def insert_lane_beside(doc: Document, lane: str, below: bool) -> Batch:
    """A new lane of the same kind just above (or below) ``lane``."""
    index = doc.position("lanes", lane) + (1 if below else 0)
    return insert_lane(doc, index, doc.lane(lane).kind)


def append_lane(doc: Document, kind: LaneKind = "note") -> Batch:
    """A new lane at the bottom."""
    return insert_lane(doc, len(doc.blueprint.lanes), kind)


def insert_column_beside(doc: Document, column: str, after: bool) -> Batch:
    """A new column just before (or after) ``column``, in its phase."""
    index = doc.position("columns", column) + (1 if after else 0)
    return insert_column(doc, index, doc.column(column).phase)


def append_column(doc: Document, extend_phase: bool) -> Batch:
    """A new column at the right end: in the last column's phase (``extend_phase``, the
    Insert menu: the last phase grows) or ungrouped (the canvas' "Add column")."""
    columns = doc.blueprint.columns
    phase = columns[-1].phase if extend_phase and columns else None
    return insert_column(doc, len(columns), phase)


def _delete_steps_where(doc: Document, predicate: Callable[[Step], bool]) -> list[Operation]:
    ids = [s.id for s in doc.blueprint.steps if predicate(s)]
    return list(delete_elements(doc, ids).ops)


def delete_lane(doc: Document, lane: str) -> Batch:
    doc.get("lanes", lane)
    ops = _delete_steps_where(doc, lambda s: s.lane == lane) + [Delete("lanes", lane)]
    return Batch(tuple(ops), "Delete lane")


def delete_column(doc: Document, column: str) -> Batch:
    doc.get("columns", column)
    ops = _delete_steps_where(doc, lambda s: s.column == column) + [Delete("columns", column)]
    return Batch(tuple(ops), "Delete column")


def delete_phase(doc: Document, phase: str) -> Batch:
    """Remove a phase; its columns stay, ungrouped."""
    doc.get("phases", phase)
    ops: list[Operation] = [
        Set("columns", c.id, {"phase": None}) for c in doc.blueprint.columns if c.phase == phase
    ]
    ops.append(Delete("phases", phase))
    return Batch(tuple(ops), "Delete phase")


# ------------------------------------------------------------- comments and images
def add_comment(
    doc: Document,
    target: str | None,
    kind: CommentKind = "question",
    text: str = "",
    owner: str = "",
    done: bool = False,
    index: int | None = None,
) -> Batch:
    """A new comment on a step or handoff (``target`` None: on the whole blueprint); by
    default last in the list."""
    if target is not None and doc.find("steps", target) is None and doc.find("handoffs", target) is None:
        raise OperationError(f"no step or handoff has the id {target!r}")
    comment = Comment(id=doc.new_id("comments"), target=target, kind=kind, text=text, owner=owner, done=done)
    at = len(doc.blueprint.comments) if index is None else index
    return Batch((Insert("comments", comment, at),), "Add comment")


def move_comment(doc: Document, comment: str, target: str | None) -> Batch:
    """Attach a comment to another step or handoff (or, None, to the whole blueprint)."""
    if doc.comment(comment).target == target:
        return Batch((), "Move comment")
    return Batch((Set("comments", comment, {"target": target}),), "Move comment")


def add_image(doc: Document, media_type: MediaType, data: str) -> Batch:
    """A new image (base64 ``data``), shown by no step yet; its id is the inserted
    element's (``batch.ops[0].element.id``)."""
    image = Image(id=doc.new_id("images"), media_type=media_type, data=data)
    return Batch((Insert("images", image, len(doc.blueprint.images)),), "Add image")


def set_step_image(
    doc: Document, step: str, media_type: MediaType | None = None, data: str | None = None
) -> Batch:
    """Show a new image on a step (replacing its old one), or with ``data`` None remove
    the step's image. The old image is dropped when no other step shows it."""
    old = doc.step(step).image
    ops: list[Operation] = []
    new: str | None = None
    if data is not None:
        if media_type is None:
            raise OperationError("an image needs its media type (image/png or image/jpeg)")
        image = Image(id=doc.new_id("images"), media_type=media_type, data=data)
        ops.append(Insert("images", image, len(doc.blueprint.images)))
        new = image.id
    if new == old:
        return Batch((), "Image")
    ops.append(Set("steps", step, {"image": new}))
    if old is not None and doc.image_users(old) <= {step}:
        ops.append(Delete("images", old))
    return Batch(tuple(ops), "Replace image" if new and old else "Image")
