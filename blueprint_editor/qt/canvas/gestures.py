"""Mouse, keyboard and drop handling of the canvas (mixed into :class:`BlueprintScene`).

Every gesture ends in at most one ``controller.push(op)``, so it is one undo entry:

- drag one or many selected cards: they follow the cursor; on release each lands in the
  cell under it (the card under the cursor at the stack slot under the cursor) as one
  ``edits.move_steps``; a drag that ends where it started pushes nothing and snaps back;
- drag from a card's connection handle (or from any card in connect mode) to another card:
  ``edits.connect``; released over empty space, nothing happens;
- double-click a card: inline title editing; double-click an empty cell: a new step there;
- arrow keys nudge the selection one column or lane; F2 edits; Delete deletes;
- a palette item dropped on a cell: ``edits.add_step`` at the slot under the cursor.

Per mouse move the work is constant (a grid look-up, one index query), never a pass over
all steps.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt

from blueprint_editor.core import edits
from blueprint_editor.qt.canvas import mime
from blueprint_editor.qt.canvas.items import StepItem
from blueprint_editor.qt.canvas.items.step_item import Z_DRAGGED, Z_STEP


class _CardDrag:
    def __init__(self, primary: StepItem, press: QPointF, items: dict):
        self.primary = primary
        self.press = QPointF(press)
        self.items = items  # step id -> (item, start position)
        self.raised = False


class CanvasInput:
    # --------------------------------------------------------------- set-up
    def _init_input(self) -> None:
        self._connect_mode = False
        self._connect_src: str | None = None
        #: a click (no drag) on the source: the connector follows the mouse until a click
        #: on the target (or elsewhere, or Esc, cancels)
        self._connect_pending = False
        self._connect_target: StepItem | None = None
        self._drag: _CardDrag | None = None
        self._hovered: str | None = None

    def _reset_input(self) -> None:
        self._cancel_connect()
        self._drag = None
        self._hovered = None
        self.drop_indicator.hide()

    def _forget_step(self, step_id: str) -> None:
        if self._hovered == step_id:
            self._hovered = None
        if self._connect_src == step_id:
            self._cancel_connect()
        if self._connect_target is not None and self._connect_target.step_id == step_id:
            self._connect_target = None
        if self._drag is not None and step_id in self._drag.items:
            self._drag = None
            self.drop_indicator.hide()

    # -------------------------------------------------------------- helpers
    def step_at(self, pos: QPointF) -> StepItem | None:
        """The card under a scene position (top-most), or None."""
        for item in self.items(pos):
            if isinstance(item, StepItem):
                return item
        return None

    def _cell_insert_index(self, lane: str, column: str, y: float,
                           exclude: frozenset[str] = frozenset()) -> tuple[int, str | None]:
        """Slot in a cell's stack at height ``y`` and the step now in that slot (or None)."""
        g = self.layout
        stack = [s for s in g.cells.get((lane, column), ()) if s not in exclude]
        slot = g.stack_slot(lane, column, y, exclude)
        return slot, (stack[slot] if slot < len(stack) else None)

    def _show_drop(self, lane: str, column: str, slot: int,
                   exclude: frozenset[str] = frozenset()) -> None:
        g = self.layout
        m = g.metrics
        cell = g.cell_rect(lane, column)
        y = g.slot_y(lane, column, slot, exclude)
        self.drop_indicator.show_at(QRectF(cell.x, cell.y, cell.w, cell.h), y,
                                    cell.x + m.card_inset, m.card_width)

    # ------------------------------------------------------------ hover/handle
    def _hover_step(self, item: StepItem, on: bool, pos: QPointF | None = None) -> None:
        if on:
            self._hovered = item.step_id
            if self._drag is None and self._connect_src is None:
                self.handle.attach(item.step_id, item.scene_card_rect())
        else:
            if self._hovered == item.step_id:
                self._hovered = None
            if not self.handle.covers(pos):
                self._place_handle()

    def _handle_left(self) -> None:
        if self._hovered is None:
            self._place_handle()

    def _place_handle(self) -> None:
        """Show the handle on the hovered card, else on the one selected card, else hide."""
        if self._connect_src is not None:
            return
        sid = self._hovered
        if sid is None:
            selected = [i for i in self.selectedItems() if isinstance(i, StepItem)]
            sid = selected[0].step_id if len(selected) == 1 else None
        item = self._steps.get(sid) if sid else None
        self.handle.attach(sid if item else None, item.scene_card_rect() if item else None)

    def _selection_changed(self) -> None:
        if self._hovered is None:
            self._place_handle()
        self.keyboard.follow_selection()

    # -------------------------------------------------------------- connect
    def set_connect_mode(self, on: bool) -> None:
        """In connect mode, dragging from any card draws a handoff instead of moving it."""
        on = bool(on) and self.interactive
        if on != self._connect_mode:
            self._connect_mode = on
            cursor = Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor
            for view in self.views():
                view.viewport().setCursor(cursor)
            self.connectModeChanged.emit(on)

    def connect_mode(self) -> bool:
        return self._connect_mode

    def _connecting(self) -> bool:
        return self._connect_src is not None

    def _begin_connect(self, step_id: str, pos: QPointF) -> None:
        self._connect_src = step_id  # (the handle stays: it may be the mouse grabber)
        self.connect_line.set_route(self.step_rect(step_id), pos.x(), pos.y())
        self.connect_line.show()

    def _update_connect(self, pos: QPointF) -> None:
        if self._connect_src is None:
            return
        self.connect_line.set_route(self.step_rect(self._connect_src), pos.x(), pos.y())
        target = self.step_at(pos)
        if target is not None and target.step_id == self._connect_src:
            target = None
        if target is not self._connect_target:
            if self._connect_target is not None:
                self._connect_target.set_drop_target(False)
            if target is not None:
                target.set_drop_target(True)
            self._connect_target = target

    def _cancel_connect(self) -> None:
        self._connect_pending = False
        if self._connect_target is not None:
            self._connect_target.set_drop_target(False)
        self._connect_target = None
        self._connect_src = None
        self.connect_line.hide()

    def _finish_connect(self, pos: QPointF, may_wait: bool = True) -> bool:
        """End a connect gesture at ``pos``. Released on the source itself (a click), it
        waits for a click on the target when ``may_wait``."""
        source = self._connect_src
        target = self.step_at(pos)
        if source is not None and may_wait and not self._connect_pending and (
                (target is not None and target.step_id == source) or self.handle.covers(pos)):
            self._connect_pending = True  # a click on the source: now click the target
            self.message.emit("Click the step to connect to (Esc cancels)")
            return False
        self._cancel_connect()
        self._place_handle()
        if source is None or target is None or target.step_id == source:
            return False
        return self.controller.push(edits.connect(self.doc, source, target.step_id), "Connect")

    def _pending_press(self, pos: QPointF) -> bool:
        """A press while a clicked source waits for its target: connect to the card
        there, or cancel on anything else. True when the press was used."""
        if not self._connect_pending:
            return False
        self._connect_pending = False
        target = self.step_at(pos)
        if target is None or target.step_id == self._connect_src:
            self._cancel_connect()
            self._place_handle()
            return True
        self._finish_connect(pos, may_wait=False)
        return True

    def mousePressEvent(self, event) -> None:
        if self.interactive and event.button() == Qt.MouseButton.LeftButton and \
                self._pending_press(event.scenePos()):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self.interactive and self._connect_pending:
            self._update_connect(event.scenePos())
        super().mouseMoveEvent(event)

    # ------------------------------------------------------------ card drag
    def _begin_card_drag(self, item: StepItem, pos: QPointF) -> None:
        if not item.isSelected():
            self._drag = None
            return
        items = {i.step_id: (i, i.pos()) for i in self.selectedItems() if isinstance(i, StepItem)}
        self._drag = _CardDrag(item, pos, items)

    def _update_card_drag(self, pos: QPointF) -> None:
        drag = self._drag
        if drag is None:
            return
        if not drag.raised:
            drag.raised = True
            self.handle.hide()
            for item, _ in drag.items.values():
                item.setZValue(Z_DRAGGED)
        for item, _ in drag.items.values():  # Qt moved them: their arrows follow
            self._step_item_moved(item)
        lane, column = self.layout.cell_at(pos.x(), pos.y())
        if lane is None or column is None:
            self.drop_indicator.hide()
            return
        slot, _ = self._cell_insert_index(lane, column, pos.y(), frozenset(drag.items))
        self._show_drop(lane, column, slot, frozenset(drag.items))

    def cancel_card_drag(self) -> None:
        """Escape during a card drag: the cards go back, nothing changes."""
        drag, self._drag = self._drag, None
        if drag is None:
            return
        self.drop_indicator.hide()
        for sid, (item, _) in drag.items.items():
            item.setZValue(Z_STEP)
            self._placed[sid] = None
        self._relayout()
        grabber = self.mouseGrabberItem()  # end the grab so the release does nothing
        if grabber is not None:
            grabber.ungrabMouse()

    def _nearest_cell(self, x: float, y: float) -> tuple[str, str]:
        g = self.layout
        lane, column = g.cell_at(x, y)
        if lane is None:
            lane = g.lane_order[0] if y < g.grid_top else g.lane_order[-1]
        if column is None:
            column = g.column_order[0] if x < g.grid_left else g.column_order[-1]
        return lane, column

    def _finish_card_drag(self, pos: QPointF) -> bool:
        drag, self._drag = self._drag, None
        self.drop_indicator.hide()
        if drag is None:
            return False
        for item, _ in drag.items.values():
            item.setZValue(Z_STEP)
        moved = any(item.pos() != start for item, start in drag.items.values())
        if not moved:
            return False
        pushed = False
        try:
            pushed = self._drop_cards(drag, pos)
        finally:
            if not pushed:  # snap back to the layout
                for sid in drag.items:
                    self._placed[sid] = None
                self._relayout()
            self._place_handle()
        return pushed

    def _drop_cards(self, drag: _CardDrag, pos: QPointF) -> bool:
        g = self.layout
        lane, column = g.cell_at(pos.x(), pos.y())
        if lane is None or column is None:
            return False
        moving = frozenset(drag.items)
        order = self._doc_order(moving)
        moves = []
        for sid in order:
            item, _ = drag.items[sid]
            if item is drag.primary:
                moves.append((sid, lane, column))
            else:
                c = item.scene_card_rect().center()
                moves.append((sid, *self._nearest_cell(c.x(), c.y())))
        slot, before = self._cell_insert_index(lane, column, pos.y(), moving)
        if all((self.doc.step(s).lane, self.doc.step(s).column) == (l, c) for s, l, c in moves):
            if len(moves) > 1:
                return False
            stack = [s for s in g.cells.get((lane, column), ()) if s not in moving]
            stack.insert(slot, moves[0][0])
            if stack == g.cells.get((lane, column)):
                return False
        # all cards other than the primary stack last in their cells; the primary (and the
        # cards that share its target cell) go above `before`
        op = edits.move_steps(self.doc, moves, before=before)
        text = "Move step" if len(moves) == 1 else f"Move {len(moves)} steps"
        return self.controller.push(op, text)

    def _doc_order(self, ids: frozenset[str]) -> list[str]:
        if len(ids) == 1:
            return list(ids)
        return [s.id for s in self.doc.blueprint.steps if s.id in ids]

    # ----------------------------------------------------------------- nudge
    def nudge_selection(self, dcol: int, dlane: int) -> bool:
        """Move the selected cards by whole columns/lanes (clamped); one undo entry."""
        if not self.interactive:
            return False
        g = self.layout
        lane_index = {lane: i for i, lane in enumerate(g.lane_order)}
        col_index = {col: i for i, col in enumerate(g.column_order)}
        moves = []
        for sid in self.selected_step_ids():
            step = self.doc.step(sid)
            li = max(0, min(len(g.lane_order) - 1, lane_index[step.lane] + dlane))
            ci = max(0, min(len(g.column_order) - 1, col_index[step.column] + dcol))
            lane, column = g.lane_order[li], g.column_order[ci]
            if (lane, column) != (step.lane, step.column):
                moves.append((sid, lane, column))
        if not moves:
            return False
        return self.controller.push(edits.move_steps(self.doc, moves), "Nudge")

    # ---------------------------------------------------------- title editing
    def edit_title(self, step_id: str) -> bool:
        """Start inline editing of a card's title (Enter commits, Escape cancels)."""
        if not self.interactive or step_id not in self._steps:
            return False
        if self.title_editor.is_open():
            self._close_editor(commit=True)
        item = self._steps[step_id]
        if not item.isSelected():
            self.select_ids([step_id])
        views = self.views()
        if views:  # the keyboard comes to the canvas (a palette drop leaves it elsewhere)
            views[0].activateWindow()
            views[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.title_editor.open(step_id, item.scene_card_rect(), self.doc.step(step_id).title,
                               self.metrics.title_px)
        for view in views:
            view.ensureVisible(item.scene_card_rect(), 40, 40)
        return True

    def is_editing(self) -> bool:
        return self.interactive and self.title_editor.is_open()

    def _close_editor(self, commit: bool) -> bool:
        editor = self.title_editor
        step_id = editor.step_id
        if step_id is None:
            return False
        text = " ".join(editor.toPlainText().split())
        editor.step_id = None
        editor.clearFocus()
        editor.hide()
        step = self.doc.find("steps", step_id)
        if not commit or step is None or not text or text == step.title:
            return False
        return self.controller.push(edits.set_fields(self.doc, "steps", step_id, title=text),
                                    "Rename step")

    def add_step_at(self, pos: QPointF, fields: dict | None = None, edit: bool = True) -> str | None:
        """Add a step in the cell under ``pos`` at the slot under it; returns its id."""
        lane, column = self.layout.cell_at(pos.x(), pos.y())
        if not self.interactive or lane is None or column is None:
            return None
        _, before = self._cell_insert_index(lane, column, pos.y())
        index = self.doc.position("steps", before) if before is not None else None
        fields = dict(fields or {})
        title = fields.pop("title", None) or "New step"
        new_id = self.doc.new_id("steps")
        op = edits.add_step(self.doc, lane, column, title, index=index, id=new_id, **fields)
        if not self.controller.push(op, "Add step"):
            return None
        self.select_ids([new_id])
        if edit:
            self.edit_title(new_id)
        return new_id

    # ----------------------------------------------------------- Qt events
    def mouseDoubleClickEvent(self, event) -> None:
        if not self.interactive or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        pos = event.scenePos()
        item = self.step_at(pos)
        if item is not None:
            self.edit_title(item.step_id)
            event.accept()
            return
        from blueprint_editor.qt.canvas.items import LaneHeaderItem, PhaseHeaderItem
        header = next((i for i in self.items(pos)
                       if isinstance(i, (LaneHeaderItem, PhaseHeaderItem))), None)
        if header is not None:  # double-click a lane or phase title: rename it
            if isinstance(header, LaneHeaderItem):
                self.actions.rename_lane(header.lane_id)
            else:
                self.actions.rename_phase(header.phase_id)
            event.accept()
            return
        arrow = next((i for i in self.items(pos) if hasattr(i, "handoff_id")), None)
        if arrow is not None:
            self.actions.rename_handoff(arrow.handoff_id)
            event.accept()
            return
        under = [i for i in self.items(pos) if i.acceptedMouseButtons() != Qt.MouseButton.NoButton
                 and i.isVisible() and i.zValue() >= 40]
        if not under and self.add_step_at(pos) is not None:
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        if not self.interactive or self.is_editing():
            super().keyPressEvent(event)
            return
        if self.keyboard.key_press(event):
            event.accept()
            return
        key = event.key()
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                  Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows and self.selected_step_ids():
            self.nudge_selection(*arrows[key])
            event.accept()
            return
        if key == Qt.Key.Key_F2:
            ids = self.selected_step_ids()
            if ids:
                self.edit_title(ids[0])
                event.accept()
                return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_ids():
            self.delete_selection()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            if self._drag is not None and self._drag.raised:
                self.cancel_card_drag()
            elif self._connect_src is not None:
                self._cancel_connect()
            elif self._connect_mode:
                self.set_connect_mode(False)
            else:
                self.clearSelection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if not self.interactive:
            return
        self.actions.show_context_menu(event.scenePos(), event.screenPos())
        event.accept()

    # ---------------------------------------------------------- palette drop
    def _drop_fields(self, event) -> dict | None:
        if not self.interactive:
            return None
        return mime.decode_step(event.mimeData())

    def dragEnterEvent(self, event) -> None:
        if self._drop_fields(event) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragMoveEvent(self, event) -> None:
        if self._drop_fields(event) is None:
            event.ignore()
            return
        pos = event.scenePos()
        lane, column = self.layout.cell_at(pos.x(), pos.y())
        if lane is None or column is None:
            self.drop_indicator.hide()
            event.ignore()
            return
        slot, _ = self._cell_insert_index(lane, column, pos.y())
        self._show_drop(lane, column, slot)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragLeaveEvent(self, event) -> None:
        if self.interactive:
            self.drop_indicator.hide()
        event.accept()

    def dropEvent(self, event) -> None:
        fields = self._drop_fields(event)
        if self.interactive:
            self.drop_indicator.hide()
        if fields is None:
            event.ignore()
            return
        if self.add_step_at(event.scenePos(), fields) is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
