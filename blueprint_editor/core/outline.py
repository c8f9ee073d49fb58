"""The blueprint as a table (Qt-free): what the outline view shows and the edits its
keyboard capture makes.

- :func:`cell_index` maps each (lane, column) cell to its steps, top to bottom (one pass).
- :func:`step_order` is the order of the one-row-per-step table: by column, then lane,
  then the stack order inside the cell (linear: steps are bucketed by cell).
- :func:`capture_step` adds a titled step at the bottom of a cell, or just below a given
  step of that cell (Enter in the outline); :func:`next_lane` is the lane Tab goes to;
  :func:`new_column_after` starts a new column in the current column's phase.
"""

from __future__ import annotations

from .document import Document
from .edits import add_step, insert_column_beside
from .operations import Batch

Cell = tuple[str, str]


def cell_index(doc: Document) -> dict[Cell, list[str]]:
    """Each non-empty cell's step ids, in stack order (document order)."""
    cells: dict[Cell, list[str]] = {}
    for s in doc.blueprint.steps:
        cells.setdefault((s.lane, s.column), []).append(s.id)
    return cells


def step_order(doc: Document, cells: dict[Cell, list[str]] | None = None) -> list[str]:
    """Step ids by column, then lane, then place in the cell's stack."""
    cells = cell_index(doc) if cells is None else cells
    bp = doc.blueprint
    order: list[str] = []
    for column in bp.columns:
        for lane in bp.lanes:
            order.extend(cells.get((lane.id, column.id), ()))
    return order


def step_lanes(doc: Document) -> list[str]:
    """The lanes that hold steps (every lane but the emotion lanes), top to bottom."""
    return [lane.id for lane in doc.blueprint.lanes if lane.kind != "emotion"]


def next_lane(doc: Document, lane: str, delta: int) -> str | None:
    """The step lane ``delta`` lanes below ``lane`` (above when negative), or None past the
    first or last lane."""
    lanes = step_lanes(doc)
    if lane not in lanes:
        return lanes[0] if lanes else None
    i = lanes.index(lane) + delta
    return lanes[i] if 0 <= i < len(lanes) else None


def capture_step(doc: Document, cell: Cell, title: str, after: str | None = None) -> Batch:
    """A new step titled ``title`` in ``cell``: just below step ``after`` (a step of that
    cell) or, without it, at the bottom of the cell."""
    lane, column = cell
    before = None
    if after is not None:
        stack = [s.id for s in doc.steps_in_cell(lane, column)]
        if after in stack and stack.index(after) + 1 < len(stack):
            before = stack[stack.index(after) + 1]
    return add_step(doc, lane, column, title=title, before=before)


def new_column_after(doc: Document, column: str) -> Batch:
    """A new column just right of ``column``, in its phase (its id: ``ops[0].element.id``)."""
    return insert_column_beside(doc, column, after=True)
