"""Cell arithmetic of keyboard editing (Qt-free): neighbouring cells, the step added next
to another, the step to connect to.

A *cell* is a (lane id, column id) pair; lanes and columns are in document order (the
order the canvas shows them). Directions are ``"left"``, ``"right"``, ``"up"`` and
``"down"``.

- :func:`neighbour` is the adjacent cell in a direction, or None at the blueprint's edge;
  going up or down it passes over emotion lanes (they hold no steps).
- :func:`add_step_beside` adds a step in the cell next to a cell (Tab: to the right,
  Enter: below). Going right from the last column appends a column in that column's
  phase (the same undo entry), so a row of steps can be typed without stopping; going
  down from the last lane is refused.
- :func:`nearest_step` is the step a keyboard connect goes to: the top step of the first
  non-empty cell in a direction, in the same lane (left/right) or column (up/down).
- :func:`connect_candidates` lists the steps a step can be connected to, nearest first,
  filtered by a text typed in their title, owner or tags.
"""

from __future__ import annotations

from .document import Document
from .model import Column, Step
from .operations import Batch, Insert, OperationError

Cell = tuple[str, str]
DIRECTIONS = {"left": (0, -1), "right": (0, 1), "up": (-1, 0), "down": (1, 0)}


def _orders(doc: Document) -> tuple[list[str], list[str]]:
    bp = doc.blueprint
    return [lane.id for lane in bp.lanes], [column.id for column in bp.columns]


def neighbour(doc: Document, cell: Cell, direction: str) -> Cell | None:
    """The cell next to ``cell`` in ``direction``; None past the first or last lane/column."""
    lanes, columns = _orders(doc)
    dl, dc = DIRECTIONS[direction]
    li, ci = lanes.index(cell[0]) + dl, columns.index(cell[1]) + dc
    emotion = {lane.id for lane in doc.blueprint.lanes if lane.kind == "emotion"}
    while dl and 0 <= li < len(lanes) and lanes[li] in emotion:  # it holds no steps
        li += dl
    if 0 <= li < len(lanes) and 0 <= ci < len(columns):
        return lanes[li], columns[ci]
    return None


def add_step_beside(
    doc: Document, cell: Cell, direction: str, title: str = "New step", step_id: str | None = None
) -> Batch:
    """A new step in the cell next to ``cell`` (stacked last there).

    Right of the last column a new column is appended (in the last column's phase) in
    the same batch; any other step off the blueprint raises :class:`OperationError`.
    """
    doc.get("lanes", cell[0])
    doc.get("columns", cell[1])
    target = neighbour(doc, cell, direction)
    ops = []
    if target is None:
        if direction != "right":
            where = {
                "left": "left of the first column",
                "up": "above the first lane",
                "down": "below the last lane",
            }[direction]
            raise OperationError(f"there is no cell {where}")
        last = doc.blueprint.columns[-1]
        column = Column(id=doc.new_id("columns"), phase=last.phase)
        ops.append(Insert("columns", column, len(doc.blueprint.columns)))
        target = (cell[0], column.id)
    step = Step(id=step_id or doc.new_id("steps"), lane=target[0], column=target[1], title=title)
    ops.append(Insert("steps", step, len(doc.blueprint.steps)))
    return Batch(tuple(ops), "Add step")


def nearest_step(doc: Document, step_id: str, direction: str) -> str | None:
    """The top step of the first non-empty cell from ``step_id``'s cell in ``direction``
    (the step's own cell excluded; None when there is none). One pass over the steps."""
    step = doc.step(step_id)
    lanes, columns = _orders(doc)
    dl, dc = DIRECTIONS[direction]
    li, ci = lanes.index(step.lane), columns.index(step.column)
    lane_pos = {lane: i for i, lane in enumerate(lanes)}
    column_pos = {column: i for i, column in enumerate(columns)}
    best: tuple[int, str] | None = None
    for s in doc.blueprint.steps:
        sl, sc = lane_pos[s.lane], column_pos[s.column]
        if dc and sl == li and (sc - ci) * dc > 0:
            distance = (sc - ci) * dc
        elif dl and sc == ci and (sl - li) * dl > 0:
            distance = (sl - li) * dl
        else:
            continue
        if best is None or distance < best[0]:  # first in document order = top of its cell
            best = (distance, s.id)
    return best[1] if best else None


def connect_candidates(doc: Document, step_id: str, text: str = "") -> list[str]:
    """Steps ``step_id`` can be connected to, nearest cell first (then document order),
    those whose title, owner or tags contain every word of ``text`` (any case)."""
    step = doc.step(step_id)
    lanes, columns = _orders(doc)
    lane_pos = {lane: i for i, lane in enumerate(lanes)}
    column_pos = {column: i for i, column in enumerate(columns)}
    li, ci = lane_pos[step.lane], column_pos[step.column]
    words = text.casefold().split()
    found = []
    for k, s in enumerate(doc.blueprint.steps):
        if s.id == step_id:
            continue
        haystack = " ".join([s.title, s.owner, *s.tags]).casefold()
        if all(w in haystack for w in words):
            dc, dl = column_pos[s.column] - ci, lane_pos[s.lane] - li
            # forward (right, then down) before backward at the same distance
            found.append((abs(dc) + abs(dl), dc < 0 or (dc == 0 and dl < 0), k, s.id))
    found.sort()
    return [sid for *_, sid in found]
