"""Edits of phases that keep the phase invariant: a phase covers one run of columns.

The document refuses any operation after which a phase covers columns that are not
consecutive (see :class:`~blueprint_editor.core.document.Document`); the functions here
build edits that never get there. Each returns one reversible :class:`Batch` (not
applied), so each is one undo entry, and raises :class:`OperationError` with a message a
user can read when the edit makes no sense (the document is not changed).

Rules a user can rely on:

- A phase that loses its last column to one of these edits is deleted with it (an empty
  phase would not show anywhere); undo brings it back.
- A column moved or inserted between two columns of one phase joins that phase.
- A phase's place in the ``phases`` list follows its columns: a new phase goes after the
  phases of the columns to its left (:func:`new_phase_index`).

The functions the editor calls:

- :func:`group_columns`: consecutive columns into a new named phase;
- :func:`grow_phase` / :func:`shrink_phase`: one column more or less at either edge;
- :func:`join_phase`: a column joins the phase on its left or right;
- :func:`leave_phase`: a column at the edge of its phase leaves it;
- :func:`insert_phase_at`: a new phase with one new column at a column position;
- :func:`move_column`: a column to another position (what ``edits.reorder`` does for
  columns).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from .document import Document
from .model import Column, Phase
from .operations import Batch, Delete, Insert, Operation, OperationError, Reorder, Set

Side = Literal["left", "right"]


def _phase_name(doc: Document, phase: str) -> str:
    title = doc.phase(phase).title.strip()
    return f"'{title}'" if title else repr(phase)


def _run(doc: Document, phase: str) -> list[int]:
    """Positions of the phase's columns (one run, ascending)."""
    doc.get("phases", phase)
    return [i for i, c in enumerate(doc.blueprint.columns) if c.phase == phase]


def _side(side: str) -> Side:
    if side not in ("left", "right"):
        raise OperationError(f"side must be 'left' or 'right', not {side!r}")
    return side  # type: ignore[return-value]


def _emptied(doc: Document, phases: Iterable[str | None], new: Sequence[str | None]) -> list[Operation]:
    """Deletes of the phases among ``phases`` that no column has in ``new`` (the phase of
    each column after the edit)."""
    left = set(new)
    gone = dict.fromkeys(p for p in phases if p is not None and p not in left)
    return [Delete("phases", p) for p in gone]


def new_phase_index(doc: Document, position: int) -> int:
    """Where in the ``phases`` list a new phase starting at column ``position`` goes:
    right after the last-listed phase of the columns to its left (0 if they have none)."""
    order = {p.id: k for k, p in enumerate(doc.blueprint.phases)}
    before = [order[c.phase] for c in doc.blueprint.columns[: max(0, position)] if c.phase in order]
    return max(before) + 1 if before else 0


def phase_at_slot(columns: Sequence[Column], index: int) -> str | None:
    """The phase around the gap before ``columns[index]``: the phase of both neighbours
    when they share one, else None."""
    left = columns[index - 1].phase if 0 < index <= len(columns) else None
    right = columns[index].phase if 0 <= index < len(columns) else None
    return left if left is not None and left == right else None


def group_columns(doc: Document, columns: Iterable[str], title: str = "New phase") -> Batch:
    """A new phase named ``title`` holding ``columns`` (ids of side-by-side columns).

    The columns leave the phases they were in; a phase that would keep columns on both
    sides of the group (which would split it) refuses the edit.
    """
    wanted = list(dict.fromkeys(columns))
    if not wanted:
        raise OperationError("choose at least one column to group into a phase")
    positions = sorted(doc.position("columns", c) for c in wanted)
    if positions[-1] - positions[0] != len(positions) - 1:
        raise OperationError("only side-by-side columns can form a phase")
    cols = doc.blueprint.columns
    phase = Phase(id=doc.new_id("phases"), title=title)
    new = [phase.id if positions[0] <= i <= positions[-1] else c.phase for i, c in enumerate(cols)]
    _refuse_split(doc, new)
    ops: list[Operation] = [Insert("phases", phase, new_phase_index(doc, positions[0]))]
    ops += [Set("columns", cols[i].id, {"phase": phase.id}) for i in positions]
    ops += _emptied(doc, (cols[i].phase for i in positions), new)
    return Batch(tuple(ops), "New phase")


def _refuse_split(doc: Document, new: Sequence[str | None]) -> None:
    ended: dict[str, int] = {}
    for i, phase in enumerate(new):
        if phase is not None:
            if ended.get(phase, i - 1) != i - 1:
                raise OperationError(
                    f"phase {_phase_name(doc, phase)} would be split in two; take columns at one of its edges"
                )
            ended[phase] = i


def grow_phase(doc: Document, phase: str, side: Side) -> Batch:
    """The column just beyond the phase's ``side`` edge joins it (leaving its own phase,
    which is deleted if that was its last column)."""
    run = _run(doc, phase)
    if not run:
        raise OperationError(f"phase {_phase_name(doc, phase)} has no columns")
    i = run[0] - 1 if _side(side) == "left" else run[-1] + 1
    cols = doc.blueprint.columns
    if not 0 <= i < len(cols):
        raise OperationError(f"there is no column on the {side} of phase {_phase_name(doc, phase)}")
    return _assign(doc, i, phase, "Grow phase")


def shrink_phase(doc: Document, phase: str, side: Side) -> Batch:
    """The phase's column at its ``side`` edge leaves it (a phase keeps at least one
    column: delete the phase to ungroup the last one)."""
    run = _run(doc, phase)
    if len(run) < 2:
        raise OperationError(
            f"phase {_phase_name(doc, phase)} has only one column; delete the phase to ungroup it"
        )
    i = run[0] if _side(side) == "left" else run[-1]
    return _assign(doc, i, None, "Shrink phase")


def join_phase(doc: Document, column: str, side: Side) -> Batch:
    """The column joins the phase of its neighbour on ``side`` (leaving its own phase,
    which is deleted if that was its last column)."""
    i = doc.position("columns", column)
    j = i - 1 if _side(side) == "left" else i + 1
    cols = doc.blueprint.columns
    target = cols[j].phase if 0 <= j < len(cols) else None
    if target is None:
        raise OperationError(f"there is no phase on the {side} of this column")
    if target == cols[i].phase:
        raise OperationError(f"the column is already in phase {_phase_name(doc, target)}")
    return _assign(doc, i, target, "Join phase")


def leave_phase(doc: Document, column: str) -> Batch:
    """A column at either edge of its phase leaves it (a column in the middle cannot: the
    phase would be split); a phase's only column ungroups it (the phase is deleted)."""
    i = doc.position("columns", column)
    phase = doc.blueprint.columns[i].phase
    if phase is None:
        raise OperationError("the column is in no phase")
    run = _run(doc, phase)
    if i not in (run[0], run[-1]):
        raise OperationError(f"only a column at either edge of phase {_phase_name(doc, phase)} can leave it")
    return _assign(doc, i, None, "Leave phase")


def _assign(doc: Document, i: int, phase: str | None, label: str) -> Batch:
    cols = doc.blueprint.columns
    old = cols[i].phase
    new = [phase if k == i else c.phase for k, c in enumerate(cols)]
    _refuse_split(doc, new)
    ops: list[Operation] = [Set("columns", cols[i].id, {"phase": phase})]
    ops += _emptied(doc, (old,), new)
    return Batch(tuple(ops), label)


def insert_phase_at(doc: Document, position: int, title: str = "New phase") -> Batch:
    """A new phase named ``title`` holding one new column, at column ``position`` (0 to
    the number of columns). A position inside a phase moves to just after that phase, so
    that no phase is split."""
    cols = doc.blueprint.columns
    at = max(0, min(position, len(cols)))
    around = phase_at_slot(cols, at)
    while around is not None and at < len(cols) and cols[at].phase == around:
        at += 1
    phase = Phase(id=doc.new_id("phases"), title=title)
    column = Column(id=doc.new_id("columns"), phase=phase.id)
    return Batch(
        (Insert("phases", phase, new_phase_index(doc, at)), Insert("columns", column, at)), "Insert phase"
    )


def move_column(doc: Document, column: str, index: int) -> Batch:
    """Move a column to ``index`` of the column list, keeping every phase one run.

    The moved column's phase afterwards: the phase of both its new neighbours when they
    share one; else its own phase when a neighbour has it, or when it was that phase's
    only column (the phase moves with it); else none. Its old phase, left without
    columns, is deleted.
    """
    old = doc.position("columns", column)
    cols = doc.blueprint.columns
    rest = [c for k, c in enumerate(cols) if k != old]
    at = max(0, min(index, len(rest)))
    own = cols[old].phase
    neighbours = (rest[at - 1].phase if at > 0 else None, rest[at].phase if at < len(rest) else None)
    around = phase_at_slot(rest, at)
    if around is not None:
        phase = around
    elif own is not None and (own in neighbours or all(c.phase != own for c in rest)):
        phase = own
    else:
        phase = None
    ops: list[Operation] = []
    if at != old:
        ops.append(Reorder("columns", column, at))
    if phase != own:
        ops.append(Set("columns", column, {"phase": phase}))
        new = [c.phase for c in rest]
        new.insert(at, phase)
        ops += _emptied(doc, (own,), new)
    return Batch(tuple(ops), "Move column")
