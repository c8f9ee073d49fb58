"""Edits a user makes, built as operations (not yet applied).

Each function reads the document and returns one :class:`Operation` (often a
:class:`Batch`) that keeps the blueprint consistent: deleting a step deletes its
handoffs, deleting a lane or column deletes its steps, deleting a phase ungroups its
columns. The caller applies it with ``doc.apply(op)`` (the Qt layer through its undo
stack), so every edit is one undoable unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .document import Document
from .model import DEFAULT_LANE_TITLES, Column, Handoff, Lane, LaneKind, Phase, Step
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


def add_step(doc: Document, lane: str, column: str, title: str = "New step",
             index: int | None = None, **fields: Any) -> Batch:
    """A new step in a cell; by default it stacks last in the cell (end of the list)."""
    doc.get("lanes", lane)
    doc.get("columns", column)
    step = Step(id=fields.pop("id", None) or doc.new_id("steps"), lane=lane, column=column,
                title=title, **fields)
    at = len(doc.blueprint.steps) if index is None else index
    return Batch((Insert("steps", step, at),), "Add step")


def add_steps(doc: Document, steps: Sequence[Step], handoffs: Sequence[Handoff] = ()) -> Batch:
    """Insert ready-made steps and handoffs at the end (paste, duplicate)."""
    n_steps, n_handoffs = len(doc.blueprint.steps), len(doc.blueprint.handoffs)
    ops: list[Operation] = [Insert("steps", s, n_steps + i) for i, s in enumerate(steps)]
    ops += [Insert("handoffs", h, n_handoffs + i) for i, h in enumerate(handoffs)]
    return Batch(tuple(ops), "Paste")


def delete_elements(doc: Document, ids: Iterable[str]) -> Batch:
    """Delete steps (with their handoffs) and handoffs; unknown ids are ignored.

    Linear in the size of the blueprint however many are deleted (one pass per list).
    """
    ids = list(dict.fromkeys(ids))
    steps = [i for i in ids if doc.find("steps", i) is not None]
    handoffs: dict[str, None] = {i: None for i in ids if doc.find("handoffs", i) is not None}
    for s in steps:
        for h in doc.handoff_ids_of(s):
            handoffs[h] = None
    ops: list[Operation] = []
    if handoffs:
        ops.append(DeleteMany("handoffs", tuple(handoffs)))
    if steps:
        ops.append(DeleteMany("steps", tuple(steps)))
    return Batch(tuple(ops), "Delete")


def move_steps(doc: Document, moves: Sequence[tuple[str, str, str]],
               before: str | None = None) -> Batch:
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


def connect(doc: Document, source: str, target: str, label: str = "",
            two_way: bool = False) -> Batch:
    """A new handoff from ``source`` to ``target``."""
    if source == target:
        raise OperationError("a handoff cannot link a step to itself")
    handoff = Handoff(id=doc.new_id("handoffs"), source=source, target=target, label=label,
                      two_way=two_way)
    return Batch((Insert("handoffs", handoff, len(doc.blueprint.handoffs)),), "Connect")


def set_fields(doc: Document, collection: str | None, ident: str | None,
               **fields: Any) -> Operation:
    """Change fields of one element (or of the blueprint when collection is None)."""
    if collection is None:
        return SetBlueprint(fields)
    assert ident is not None, "an element's fields need its id"
    element = doc.get(collection, ident)
    changed = {k: v for k, v in fields.items() if getattr(element, k) != v}
    return Batch((Set(collection, ident, changed),) if changed else (), "Edit")


def insert_lane(doc: Document, index: int, kind: LaneKind = "note",
                title: str | None = None) -> Batch:
    lane = Lane(id=doc.new_id("lanes"), kind=kind, title=title or DEFAULT_LANE_TITLES[kind])
    return Batch((Insert("lanes", lane, index),), "Insert lane")


def insert_column(doc: Document, index: int, phase: str | None = None) -> Batch:
    column = Column(id=doc.new_id("columns"), phase=phase)
    return Batch((Insert("columns", column, index),), "Insert column")


def insert_phase(doc: Document, index: int, title: str = "New phase",
                 columns: Iterable[str] = ()) -> Batch:
    """A new phase; ``columns`` (ids) are grouped into it."""
    phase = Phase(id=doc.new_id("phases"), title=title)
    ops: list[Operation] = [Insert("phases", phase, index)]
    ops += [Set("columns", c, {"phase": phase.id}) for c in columns]
    return Batch(tuple(ops), "Insert phase")


def reorder(doc: Document, collection: str, ident: str, index: int) -> Batch:
    doc.get(collection, ident)
    return Batch((Reorder(collection, ident, index),), "Reorder")


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
    ops: list[Operation] = [Set("columns", c.id, {"phase": None})
                            for c in doc.blueprint.columns if c.phase == phase]
    ops.append(Delete("phases", phase))
    return Batch(tuple(ops), "Delete phase")
