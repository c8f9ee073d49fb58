"""The outline's item models: virtualised views of the document (no widget per cell).

- :class:`GridModel`: lanes down (the lanes that hold steps), columns across; each cell
  lists its steps' titles top to bottom.
- :class:`StepsModel`: one row per step (phase, column, lane, title, owner, duration,
  markers, channel), ordered by column, lane and stack (``core.outline.step_order``).

Both follow ``document_signals(doc).changed`` incrementally: a title typed changes one
cell or row (``dataChanged``), one step added or removed inserts or removes one row,
other changes of order move rows with ``layoutChanged`` (persistent indexes kept); only
a replaced blueprint resets the model. Edits made in the outline are core edits pushed
through the :class:`EditController` (one undo entry each), as on the canvas.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.operations import Event
from blueprint_editor.core.outline import Cell, cell_index, step_lanes, step_order
from blueprint_editor.qt.editing.document_signals import document_signals
from blueprint_editor.qt.editing.undo import EditController

#: the step ids of a cell (grid) or the step id of a row (steps)
IdsRole = Qt.ItemDataRole.UserRole + 1
AXES = ("lanes", "columns", "phases")
Index = QModelIndex | QPersistentModelIndex


def column_label(doc: Document, column: str) -> str:
    c = doc.column(column)
    return c.title or f"column {doc.position('columns', column) + 1}"


def phase_label(doc: Document, column: str) -> str:
    phase = doc.column(column).phase
    return doc.phase(phase).title if phase is not None else ""


class _OutlineModel(QAbstractTableModel):
    def __init__(self, doc: Document, controller: EditController, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self.controller = controller
        self._rebuild()
        document_signals(doc).changed.connect(self._on_events)

    def _rebuild(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _on_events(self, events: list[Event]) -> None:
        if any(e.action == "reset" for e in events):
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        self._follow(events)

    def _follow(self, events: list[Event]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _move_rows(
        self,
        old: Sequence[Any],
        new: Sequence[Any],
        apply: Any,
        orientation: Qt.Orientation = Qt.Orientation.Vertical,
    ) -> None:
        """Go from keys ``old`` to ``new`` along an axis: one row (column) inserted or
        removed as such, any other change as a layout change keeping persistent indexes."""
        vertical = orientation == Qt.Orientation.Vertical
        if list(old) == list(new):
            return
        if len(new) == len(old) + 1:
            k = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
            if list(new[:k]) + list(new[k + 1 :]) == list(old):
                (self.beginInsertRows if vertical else self.beginInsertColumns)(QModelIndex(), k, k)
                apply()
                (self.endInsertRows if vertical else self.endInsertColumns)()
                return
        if len(new) == len(old) - 1:
            k = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(new))
            if list(old[:k]) + list(old[k + 1 :]) == list(new):
                (self.beginRemoveRows if vertical else self.beginRemoveColumns)(QModelIndex(), k, k)
                apply()
                (self.endRemoveRows if vertical else self.endRemoveColumns)()
                return
        self.layoutAboutToBeChanged.emit()
        where = {key: i for i, key in enumerate(new)}
        persistent = self.persistentIndexList()
        apply()
        moved = []
        for index in persistent:
            key = (
                old[index.row() if vertical else index.column()]
                if (index.row() if vertical else index.column()) < len(old)
                else None
            )
            at = where.get(key)
            if at is None:
                moved.append(QModelIndex())
            elif vertical:
                moved.append(self.index(at, index.column()))
            else:
                moved.append(self.index(index.row(), at))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


class GridModel(_OutlineModel):
    """Lanes down, columns across, each cell its steps' titles (one per line)."""

    def _rebuild(self) -> None:
        self.lanes = step_lanes(self.doc)
        self.columns = [c.id for c in self.doc.blueprint.columns]
        self.cells = cell_index(self.doc)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lanes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def cell(self, index: Index) -> Cell:
        return self.lanes[index.row()], self.columns[index.column()]

    def index_of(self, cell: Cell) -> QModelIndex:
        if cell[0] not in self.lanes or cell[1] not in self.columns:
            return QModelIndex()
        return self.index(self.lanes.index(cell[0]), self.columns.index(cell[1]))

    def step_ids(self, index: Index) -> list[str]:
        return list(self.cells.get(self.cell(index), ()))

    def tallest_cells(self) -> list[int]:
        """The number of steps in each lane's fullest cell, lane by lane (one pass)."""
        row = {lane: i for i, lane in enumerate(self.lanes)}
        tallest = [0] * len(self.lanes)
        for (lane, _column), ids in self.cells.items():
            i = row.get(lane)
            if i is not None and len(ids) > tallest[i]:
                tallest[i] = len(ids)
        return tallest

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            step = self.doc.step
            return "\n".join(step(s).title for s in self.cells.get(self.cell(index), ()))
        if role == IdsRole:
            return self.step_ids(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.doc.lane(self.lanes[section]).title if section < len(self.lanes) else None
        if section >= len(self.columns):
            return None
        column = self.columns[section]
        phase = phase_label(self.doc, column)
        return f"{phase}\n{column_label(self.doc, column)}" if phase else column_label(self.doc, column)

    def _follow(self, events: list[Event]) -> None:
        collections = {e.collection for e in events}
        if collections & set(AXES):
            lanes = step_lanes(self.doc)
            columns = [c.id for c in self.doc.blueprint.columns]
            self._move_rows(self.lanes, lanes, lambda: setattr(self, "lanes", lanes))
            self._move_rows(
                self.columns, columns, lambda: setattr(self, "columns", columns), Qt.Orientation.Horizontal
            )
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, len(self.lanes) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))
        if "steps" not in collections:
            return
        changed: set[Cell] = set()
        if any(
            e.collection == "steps" and e.action != "set" or "lane" in e.fields or "column" in e.fields
            for e in events
        ):
            old, self.cells = self.cells, cell_index(self.doc)
            changed = {key for key in old.keys() | self.cells.keys() if old.get(key) != self.cells.get(key)}
        for e in events:
            if e.collection == "steps" and e.action == "set" and e.id is not None:
                s = self.doc.find("steps", e.id)
                if s is not None:
                    changed.add((s.lane, s.column))
        for key in changed:
            index = self.index_of(key)
            if index.isValid():
                self.dataChanged.emit(index, index)


STEP_COLUMNS = ("Phase", "Column", "Lane", "Title", "Owner", "Duration", "Markers", "Channel")
PHASE, COLUMN, LANE, TITLE, OWNER, DURATION, MARKERS, CHANNEL = range(len(STEP_COLUMNS))
MARKER_NAMES = (
    ("fail_point", "fail"),
    ("wait_point", "wait"),
    ("moment_of_truth", "truth"),
    ("self_service", "self-service"),
)
_ORDER_FIELDS = frozenset({"lane", "column"})


class StepsModel(_OutlineModel):
    """One row per step."""

    def _rebuild(self) -> None:
        self.ids = step_order(self.doc)
        self.rows = {sid: i for i, sid in enumerate(self.ids)}

    def _set_ids(self, ids: list[str]) -> None:
        self.ids = ids
        self.rows = {sid: i for i, sid in enumerate(ids)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(STEP_COLUMNS)

    def step_id(self, index: Index) -> str:
        return self.ids[index.row()]

    def cell(self, index: Index) -> Cell:
        s = self.doc.step(self.ids[index.row()])
        return s.lane, s.column

    def index_of_step(self, step_id: str, column: int = TITLE) -> QModelIndex:
        row = self.rows.get(step_id)
        return QModelIndex() if row is None else self.index(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.doc.step(self.ids[index.row()])
        if role == IdsRole:
            return [s.id]
        if role == Qt.ItemDataRole.EditRole and index.column() == LANE:
            return s.lane
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        col = index.column()
        if col == PHASE:
            return phase_label(self.doc, s.column)
        if col == COLUMN:
            return column_label(self.doc, s.column)
        if col == LANE:
            return self.doc.lane(s.lane).title
        if col == TITLE:
            return s.title
        if col == OWNER:
            return s.owner
        if col == DURATION:
            return "" if s.duration_minutes is None else f"{s.duration_minutes:g}"
        if col == MARKERS:
            return ", ".join(word for name, word in MARKER_NAMES if getattr(s, name))
        return s.channel or ""

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return STEP_COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in (LANE, TITLE, OWNER, DURATION):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        sid = self.ids[index.row()]
        s = self.doc.step(sid)
        col = index.column()
        if col == LANE:
            if value == s.lane:
                return False
            return self.controller.push(
                edits.move_steps(self.doc, [(sid, str(value), s.column)]), "Change lane"
            )
        if col == TITLE:
            return self.controller.push(
                edits.set_fields(self.doc, "steps", sid, title=str(value)), "Rename step"
            )
        if col == OWNER:
            return self.controller.push(edits.set_fields(self.doc, "steps", sid, owner=str(value)))
        if col == DURATION:
            text = str(value).strip()
            try:
                minutes: float | int | None = (
                    None if not text else (int(text) if text.isdigit() else float(text))
                )
            except ValueError:
                self.controller.error.emit(f"duration of {sid!r}: {text!r} is not a number of minutes")
                return False
            return self.controller.push(edits.set_fields(self.doc, "steps", sid, duration_minutes=minutes))
        return False

    def _follow(self, events: list[Event]) -> None:
        reorder = any(e.collection in AXES[:2] and e.action != "set" for e in events) or any(
            e.collection == "steps" and (e.action != "set" or _ORDER_FIELDS & set(e.fields)) for e in events
        )
        if reorder:
            new = step_order(self.doc)
            self._move_rows(self.ids, new, lambda: self._set_ids(new))
        last = len(STEP_COLUMNS) - 1
        if any(e.collection in AXES for e in events) and self.ids:
            self.dataChanged.emit(self.index(0, PHASE), self.index(len(self.ids) - 1, LANE))
        for e in events:
            if e.collection == "steps" and e.action == "set" and e.id in self.rows:
                row = self.rows[e.id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
