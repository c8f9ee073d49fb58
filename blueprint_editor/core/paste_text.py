"""Paste many steps at once from plain text (Qt-free): the parsing and every decision.

Text pasted onto the canvas or into the outline becomes steps:

- **Lines** (no tab anywhere): each non-blank line is one step title. They go either
  stacked in the target cell (``"stack"``) or along the target lane, one per column from
  the target column rightwards (``"along"``), new columns being appended (in the last
  column's phase) when the lane runs out of columns.
- **A tab-separated block** (a spreadsheet copy): a grid of steps. Rows are lanes and
  columns are columns. When the first cell of every non-blank row names a lane (its
  title or its kind, ignoring case), that row goes to that lane and the rest of the row
  holds the steps; otherwise the rows go to the target lane and the step lanes below it.
  Columns start at the target column; new columns are appended as needed. Blank cells
  make no step.

:func:`plan` reads the text; :func:`paste_batch` builds the one :class:`Batch` (one undo
entry) for a plan, a target cell and a mode. Text with nothing usable raises
:class:`PasteError` with one line saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .document import Document
from .model import Column, Step
from .operations import Batch, Insert, Operation

Mode = Literal["stack", "along", "grid"]
Cell = tuple[str, str]
#: The longest title a pasted line makes (a whole document pasted by mistake stays usable).
MAX_TITLE = 500


class PasteError(ValueError):
    """Pasted text that makes no step (the message says why)."""


@dataclass(frozen=True)
class PastePlan:
    """What a pasted text holds: ``titles`` (lines) or ``rows`` (a tab-separated grid)."""

    titles: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def is_grid(self) -> bool:
        return bool(self.rows)

    @property
    def count(self) -> int:
        """How many steps the paste makes."""
        if self.rows:
            return sum(1 for row in self.rows for text in row if text)
        return len(self.titles)


def _clean(text: str) -> str:
    return " ".join(text.split())[:MAX_TITLE]


def plan(text: str) -> PastePlan:
    """Read pasted ``text``; :class:`PasteError` when it holds no step title."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any("\t" in line for line in lines):
        rows = [tuple(_clean(cell) for cell in line.split("\t")) for line in lines]
        rows = [row for row in rows if any(row)]
        if rows:
            return PastePlan(rows=tuple(rows))
    else:
        titles = tuple(t for t in map(_clean, lines) if t)
        if titles:
            return PastePlan(titles=titles)
    raise PasteError("Nothing to paste: the clipboard text has no step titles")


def lane_rows(
    doc: Document, rows: tuple[tuple[str, ...], ...], lane: str
) -> list[tuple[str, tuple[str, ...]]]:
    """Each row of a grid with its lane: (lane id, step titles of the row). Rows named
    by their first cell go to that lane; else rows fill the step lanes from ``lane`` down.
    :class:`PasteError` when there are more rows than lanes."""
    step_lanes = [ln for ln in doc.blueprint.lanes if ln.kind != "emotion"]
    names: dict[str, str] = {}
    for ln in step_lanes:  # titles first; then kinds; the first lane of a name wins
        names.setdefault(ln.title.casefold(), ln.id)
    for ln in step_lanes:
        names.setdefault(ln.kind.casefold(), ln.id)
    if all(row[0].casefold() in names for row in rows):
        return [(names[row[0].casefold()], row[1:]) for row in rows]
    ids = [ln.id for ln in step_lanes]
    start = ids.index(lane) if lane in ids else 0
    if start + len(rows) > len(ids):
        raise PasteError(
            f"The pasted block has {len(rows)} rows but only "
            f"{len(ids) - start} lanes from the target lane down"
        )
    return list(zip(ids[start:], rows, strict=False))


def paste_batch(doc: Document, paste: PastePlan, cell: Cell, mode: Mode = "stack") -> Batch:
    """The one edit that pastes ``paste`` at ``cell`` (lane id, column id); ``mode`` is
    ``stack`` or ``along`` for lines (ignored for a grid). New steps are ids
    ``inserted_ids(batch)``."""
    lane, column = cell
    doc.get("lanes", lane)
    doc.get("columns", column)
    columns = [c.id for c in doc.blueprint.columns]
    last_phase = doc.blueprint.columns[-1].phase
    ops: list[Operation] = []
    steps: list[Step] = []

    def column_at(k: int) -> str:
        """The k-th column from the target column, appending columns as needed."""
        at = columns.index(column) + k
        while at >= len(columns):
            new = Column(id=doc.new_id("columns"), phase=last_phase)
            ops.append(Insert("columns", new, len(columns)))
            columns.append(new.id)
        return columns[at]

    def add(lane_id: str, column_id: str, title: str) -> None:
        steps.append(Step(id=doc.new_id("steps"), lane=lane_id, column=column_id, title=title))

    if paste.is_grid:
        if doc.lane(lane).kind == "emotion":
            raise PasteError("Steps cannot go into an emotion lane")
        for lane_id, titles in lane_rows(doc, paste.rows, lane):
            for k, title in enumerate(titles):
                if title:
                    add(lane_id, column_at(k), title)
        if not steps:
            raise PasteError("Nothing to paste: the pasted block has no step titles")
    else:
        if doc.lane(lane).kind == "emotion":
            raise PasteError("Steps cannot go into an emotion lane")
        for k, title in enumerate(paste.titles):
            add(lane, column if mode == "stack" else column_at(k), title)
    n = len(doc.blueprint.steps)
    ops += [Insert("steps", s, n + i) for i, s in enumerate(steps)]
    return Batch(tuple(ops), "Paste text")


def inserted_ids(batch: Batch) -> list[str]:
    """The ids of the steps a paste batch inserts, in order."""
    return [op.element.id for op in batch.ops if isinstance(op, Insert) and op.collection == "steps"]


def describe(doc: Document, paste: PastePlan, cell: Cell, mode: Mode) -> list[tuple[str, str, str]]:
    """The preview of a paste: (lane title, column label, step title) for each new step,
    without changing the document (new columns are labelled "new column")."""
    batch = paste_batch(doc, paste, cell, mode)
    new_columns = {op.element.id for op in batch.ops if isinstance(op, Insert) and op.collection == "columns"}
    order = {c.id: i for i, c in enumerate(doc.blueprint.columns)}
    rows = []
    for op in batch.ops:
        if isinstance(op, Insert) and isinstance(op.element, Step):
            s = op.element
            label = (
                "new column"
                if s.column in new_columns
                else (doc.column(s.column).title or f"column {order[s.column] + 1}")
            )
            rows.append((doc.lane(s.lane).title, label, s.title))
    return rows
