"""Context-menu actions of the canvas: lanes, columns and phases, steps and handoffs.

Each action is a plain method that builds one operation with :mod:`core.edits` and pushes
it through the controller (one undo entry), so menus, the window and tests call the very
same code. Questions to the user go through :attr:`CanvasActions.ask_text`, a replaceable
attribute (tests set it to a function returning the answer; None means cancelled).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Literal

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from blueprint_editor.core import edits, phases
from blueprint_editor.core.model import LANE_KINDS
from blueprint_editor.core.operations import Batch, OperationError, Set
from blueprint_editor.qt.canvas import style

AskText = Callable[[str, str, str], str | None]


class CanvasActions:
    def __init__(self, scene):
        self.scene = scene
        #: ``ask_text(title, label, current) -> str | None``; replace it in tests.
        self.ask_text: AskText = self._dialog_text
        #: ``exec_menu(menu, screen_pos)`` shows a context menu (modal); replace it in tests.
        self.exec_menu: Callable[[QMenu, QPoint], object] = lambda menu, at: menu.exec(at)

    # --------------------------------------------------------------- helpers
    @property
    def doc(self):
        return self.scene.doc

    def _push(self, op, text: str) -> bool:
        controller = self.scene.controller
        return controller is not None and controller.push(op, text)

    def _dialog_text(self, title: str, label: str, current: str) -> str | None:
        views = self.scene.views()
        parent = views[0] if views else None
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, current)
        return text if ok else None

    def _ask(self, title: str, label: str, current: str) -> str | None:
        answer = self.ask_text(title, label, current)
        if answer is None:
            return None
        answer = " ".join(str(answer).split())
        return answer or None

    # ------------------------------------------------------------------ lanes
    def rename_lane(self, lane_id: str) -> bool:
        lane = self.doc.lane(lane_id)
        title = self._ask("Rename lane", "Lane title:", lane.title)
        if title is None or title == lane.title:
            return False
        return self._push(edits.set_fields(self.doc, "lanes", lane_id, title=title), "Rename lane")

    def set_lane_kind(self, lane_id: str, kind: str) -> bool:
        return self._push(edits.set_fields(self.doc, "lanes", lane_id, kind=kind), "Change lane kind")

    def insert_lane(self, lane_id: str, below: bool) -> bool:
        return self._push(edits.insert_lane_beside(self.doc, lane_id, below), "Insert lane")

    def move_lane(self, lane_id: str, delta: int) -> bool:
        return self._push(edits.shift(self.doc, "lanes", lane_id, delta), "Move lane")

    def delete_lane(self, lane_id: str) -> bool:
        return self._push(edits.delete_lane(self.doc, lane_id), "Delete lane")

    # --------------------------------------------------------------- columns
    def insert_column(self, column_id: str, after: bool) -> bool:
        return self._push(edits.insert_column_beside(self.doc, column_id, after), "Insert column")

    def add_column(self) -> bool:
        """A new ungrouped column at the right end."""
        return self._push(edits.append_column(self.doc, extend_phase=False), "Insert column")

    def rename_column(self, column_id: str) -> bool:
        """Ask for the column's title (shown above the column; empty: none)."""
        column = self.doc.column(column_id)
        answer = self.ask_text("Column title", "Column title (empty for none):", column.title)
        if answer is None:  # cancelled
            return False
        title = " ".join(str(answer).split())
        if title == column.title:
            return False
        return self._push(edits.set_fields(self.doc, "columns", column_id, title=title), "Rename column")

    def delete_column(self, column_id: str) -> bool:
        return self._push(edits.delete_column(self.doc, column_id), "Delete column")

    def move_column(self, column_id: str, delta: int) -> bool:
        return self._push(edits.shift(self.doc, "columns", column_id, delta), "Move column")

    def _push_phase_edit(self, build: Callable[[], Batch], text: str) -> bool:
        """A :mod:`core.phases` edit: a refusal (it would split a phase) goes to the status
        bar like any refused edit."""
        try:
            op = build()
        except OperationError as exc:
            controller = self.scene.controller
            if controller is not None:
                controller.error.emit(str(exc))
            return False
        return self._push(op, text)

    def group_into_new_phase(self, column_id: str) -> bool:
        """A new phase holding this column (asks for the phase's title)."""
        title = self._ask("New phase", "Phase title:", "New phase")
        if title is None:
            return False
        return self._push_phase_edit(lambda: phases.group_columns(self.doc, [column_id], title), "New phase")

    def add_to_left_phase(self, column_id: str) -> bool:
        return self.join_phase(column_id, "left")

    def join_phase(self, column_id: str, side: Literal["left", "right"]) -> bool:
        """The column joins the phase of its neighbour on ``side`` ("left" or "right")."""
        return self._push_phase_edit(
            lambda: phases.join_phase(self.doc, column_id, side), "Add column to phase"
        )

    def _neighbour_phase(self, column_id: str, side: str):
        i = self.doc.position("columns", column_id) + (-1 if side == "left" else 1)
        cols = self.doc.blueprint.columns
        return cols[i].phase if 0 <= i < len(cols) else None

    def remove_from_phase(self, column_id: str) -> bool:
        if self.doc.column(column_id).phase is None:
            return False
        return self._push_phase_edit(
            lambda: phases.leave_phase(self.doc, column_id), "Remove column from phase"
        )

    def rename_phase(self, phase_id: str) -> bool:
        phase = self.doc.phase(phase_id)
        title = self._ask("Rename phase", "Phase title:", phase.title)
        if title is None or title == phase.title:
            return False
        return self._push(edits.set_fields(self.doc, "phases", phase_id, title=title), "Rename phase")

    def delete_phase(self, phase_id: str) -> bool:
        return self._push(edits.delete_phase(self.doc, phase_id), "Delete phase")

    # ------------------------------------------------------ steps / handoffs
    def toggle_marker(self, step_ids: list[str], marker: str) -> bool:
        steps = [self.doc.step(s) for s in step_ids]
        if not steps:
            return False
        value = not all(getattr(s, marker) for s in steps)
        ops = tuple(Set("steps", s.id, {marker: value}) for s in steps if getattr(s, marker) != value)
        return self._push(Batch(ops, "Edit"), style.MARKER_NAMES.get(marker, marker))

    def set_emotion(self, step_ids: list[str], value: int | None) -> bool:
        ops = tuple(
            Set("steps", s, {"emotion": value}) for s in step_ids if self.doc.step(s).emotion != value
        )
        return self._push(Batch(ops, "Edit"), "Set emotion")

    def toggle_two_way(self, handoff_id: str) -> bool:
        h = self.doc.handoff(handoff_id)
        return self._push(
            edits.set_fields(self.doc, "handoffs", handoff_id, two_way=not h.two_way), "Two-way handoff"
        )

    def reverse_handoff(self, handoff_id: str) -> bool:
        h = self.doc.handoff(handoff_id)
        return self._push(
            edits.set_fields(self.doc, "handoffs", handoff_id, source=h.target, target=h.source),
            "Reverse handoff",
        )

    def rename_handoff(self, handoff_id: str) -> bool:
        h = self.doc.handoff(handoff_id)
        label = self.ask_text("Handoff label", "Label:", h.label)
        if label is None or label.strip() == h.label:
            return False
        return self._push(
            edits.set_fields(self.doc, "handoffs", handoff_id, label=label.strip()), "Edit handoff label"
        )

    # ------------------------------------------------------------------ menus
    def target_at(self, pos: QPointF) -> tuple[str, list[str]]:
        """What a right-click at ``pos`` is about: (kind, ids)."""
        from blueprint_editor.qt.canvas.items import (
            CornerItem,
            HandoffItem,
            HeaderBandItem,
            LaneHeaderItem,
            PhaseHeaderItem,
            StepItem,
        )

        scene = self.scene
        g = scene.layout
        for item in scene.items(pos):
            if isinstance(item, CornerItem):
                return "canvas", []
            if isinstance(item, LaneHeaderItem):
                return "lane", [item.lane_id]
            if isinstance(item, (PhaseHeaderItem, HeaderBandItem)):
                column = g.column_at(pos.x())
                return ("column", [column]) if column else ("canvas", [])
            if isinstance(item, StepItem):
                if not item.isSelected():
                    scene.select_ids([item.step_id])
                return "step", scene.selected_step_ids()
            if isinstance(item, HandoffItem):
                if not item.isSelected():
                    scene.select_ids([item.handoff_id])
                return "handoff", [item.handoff_id]
        lane, column = g.cell_at(pos.x(), pos.y())
        if lane is not None and column is not None:
            return "cell", [lane, column]
        return "canvas", []

    def build_menu(self, kind: str, ids: list[str], pos: QPointF | None = None) -> QMenu:
        menu = QMenu()
        add = menu.addAction
        if kind == "lane":
            lane = ids[0]
            add("Rename lane\u2026", lambda: self.rename_lane(lane))
            kinds = menu.addMenu("Lane kind")
            current = self.doc.lane(lane).kind
            for k in LANE_KINDS:
                act = kinds.addAction(style.KIND_NAMES[k], partial(self.set_lane_kind, lane, k))
                act.setCheckable(True)
                act.setChecked(k == current)
            menu.addSeparator()
            add("Insert lane above", lambda: self.insert_lane(lane, False))
            add("Insert lane below", lambda: self.insert_lane(lane, True))
            add("Move lane up", lambda: self.move_lane(lane, -1))
            add("Move lane down", lambda: self.move_lane(lane, 1))
            menu.addSeparator()
            add("Delete lane and its steps", lambda: self.delete_lane(lane))
        elif kind == "column":
            col = ids[0]
            column = self.doc.column(col)
            add("Column title\u2026", lambda: self.rename_column(col))
            add("Insert column before", lambda: self.insert_column(col, False))
            add("Insert column after", lambda: self.insert_column(col, True))
            add("Move column left", lambda: self.move_column(col, -1))
            add("Move column right", lambda: self.move_column(col, 1))
            add("Delete column and its steps", lambda: self.delete_column(col))
            menu.addSeparator()
            add("Group column into a new phase\u2026", lambda: self.group_into_new_phase(col))
            sides: tuple[Literal["left", "right"], ...] = ("left", "right")
            for side in sides:
                near = self._neighbour_phase(col, side)
                if near is not None and near != column.phase:
                    add(f"Add column to the phase on its {side}", partial(self.join_phase, col, side))
            if column.phase is not None:
                phase = column.phase
                add("Remove column from its phase", lambda: self.remove_from_phase(col))
                menu.addSeparator()
                add("Rename phase\u2026", lambda: self.rename_phase(phase))
                add("Delete phase (keep its columns)", lambda: self.delete_phase(phase))
        elif kind == "step":
            if len(ids) == 1:
                add("Edit title", lambda: self.scene.edit_title(ids[0]))
            for marker in style.MARKERS:
                act = add(style.MARKER_NAMES[marker], partial(self.toggle_marker, ids, marker))
                act.setCheckable(True)
                act.setChecked(all(getattr(self.doc.step(s), marker) for s in ids))
            emotion = menu.addMenu("Emotion")
            for value, name in (
                (None, "None"),
                (2, "+2 very positive"),
                (1, "+1 positive"),
                (0, "0 neutral"),
                (-1, "\u22121 negative"),
                (-2, "\u22122 very negative"),
            ):
                emotion.addAction(name, partial(self.set_emotion, ids, value))
            menu.addSeparator()
            add("Delete", self.scene.delete_selection)
        elif kind == "handoff":
            hid = ids[0]
            add("Edit label\u2026", lambda: self.rename_handoff(hid))
            act = add("Two-way", lambda: self.toggle_two_way(hid))
            act.setCheckable(True)
            act.setChecked(self.doc.handoff(hid).two_way)
            add("Reverse direction", lambda: self.reverse_handoff(hid))
            menu.addSeparator()
            add("Delete", self.scene.delete_selection)
        elif kind == "cell":
            lane, col = ids
            if pos is not None:
                add("Add step here", lambda: self.scene.add_step_at(pos))
            add("Insert column before", lambda: self.insert_column(col, False))
            add("Insert column after", lambda: self.insert_column(col, True))
            add("Insert lane below", lambda: self.insert_lane(lane, True))
        else:
            add("Add column", self.add_column)
            mode = add("Connect mode", lambda: self.scene.set_connect_mode(not self.scene.connect_mode()))
            mode.setCheckable(True)
            mode.setChecked(self.scene.connect_mode())
        return menu

    def show_context_menu(self, scene_pos: QPointF, screen_pos: QPoint) -> None:
        kind, ids = self.target_at(scene_pos)
        menu = self.build_menu(kind, ids, scene_pos)
        self.scene.contextMenuAboutToShow.emit(menu, kind, ids)
        if not menu.isEmpty():
            self.exec_menu(menu, screen_pos)
        menu.deleteLater()
