"""Keyboard editing of the canvas: the cell cursor, adding steps, connecting steps.

The scene owns one :class:`CanvasKeyboard`; its key handler runs before the scene's own.
Keys (the title editor closed):

- Tab: a new step in the next cell of the same lane (right of the last column a column is
  appended); Enter: a new step in the lane below. Relative to the selected card, or, with
  no card selected, in the cell under the cell cursor itself. Insert: a new step in the
  cursor's cell. The new card's title editor opens with its text selected: typing
  replaces it. In the title editor Tab commits and adds the next step to the right.
- Arrow keys with no card selected move the cell cursor (shown as a dashed frame);
  Ctrl+arrow moves it from anywhere and selects the top card of the new cell.
- Ctrl+Shift+arrow connects the selected card to the nearest card in that direction;
  Ctrl+L (:meth:`open_connect_popup`) connects it to a card found by typing its title.

The cursor follows a single selected card, a click on an empty cell and the layout (it
is dropped when its lane or column goes). The cell arithmetic is :mod:`core.cells`.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from blueprint_editor.core import cells, edits
from blueprint_editor.core.operations import OperationError
from blueprint_editor.qt.canvas.items import CellCursorItem

_ARROWS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down"}
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_KEYPAD = Qt.KeyboardModifier.KeypadModifier


class CanvasKeyboard:
    def __init__(self, scene):
        self.scene = scene
        self.cell: cells.Cell | None = None
        self.item = CellCursorItem()
        scene.addItem(self.item)
        self.popup = None  # the open "connect to" popup, if any

    # ------------------------------------------------------------- the cursor
    def set_cell(self, cell: cells.Cell | None, by_keyboard: bool = False) -> None:
        """Put the cell cursor on ``cell`` (None hides it). A keyboard move makes Paste
        go to the cursor's cell rather than where the mouse last was."""
        self.cell = cell
        self.follow_layout()
        if by_keyboard:
            for view in self.scene.views():
                view.forget_pointer()
            if cell is not None:
                r = self.scene.layout.cell_rect(*cell)
                for view in self.scene.views():
                    view.ensureVisible(QRectF(r.x, r.y, r.w, r.h), 30, 30)

    def follow_layout(self) -> None:
        """Re-place the frame after a relayout; drop a cell whose lane or column went."""
        g = self.scene.layout
        if self.cell is not None and (self.cell[0] not in g.lane_top or self.cell[1] not in g.column_order):
            self.cell = None
        if self.cell is None:
            self.item.hide()
            return
        r = g.cell_rect(*self.cell)
        self.item.show_at(QRectF(r.x, r.y, r.w, r.h))

    def follow_selection(self) -> None:
        """One selected card: the cursor moves to its cell."""
        ids = self.scene.selected_step_ids()
        if len(ids) == 1:
            step = self.scene.doc.find("steps", ids[0])
            if step is not None and (step.lane, step.column) != self.cell:
                self.set_cell((step.lane, step.column))

    def _start_cell(self) -> cells.Cell | None:
        """The cursor's cell; with none yet, the first cell of the customer lane."""
        if self.cell is not None:
            return self.cell
        bp = self.scene.doc.blueprint
        if not bp.lanes or not bp.columns:
            return None
        lane = next((l.id for l in bp.lanes if l.kind == "customer"), bp.lanes[0].id)
        return lane, bp.columns[0].id

    def _base(self) -> tuple[cells.Cell | None, bool]:
        """(the cell the keys act from, whether a card is selected there)."""
        ids = self.scene.selected_step_ids()
        if ids:
            step = self.scene.doc.step(ids[0])
            return (step.lane, step.column), True
        return self._start_cell(), False

    def move_cursor(self, direction: str, select: bool = False) -> bool:
        base, _ = self._base()
        if base is None:
            return False
        target = (
            cells.neighbour(self.scene.doc, base, direction)
            if (self.cell is not None or self.scene.selected_step_ids())
            else base
        )
        if target is None:
            return False
        if select:
            stack = self.scene.layout.cells.get(target, [])
            self.scene.select_ids(stack[:1])
        elif self.scene.selected_ids():
            self.scene.select_ids([])
        self.set_cell(target, by_keyboard=True)
        return True

    # ------------------------------------------------------------ adding steps
    def add_step(self, direction: str | None) -> str | None:
        """A new step beside the selected card (``direction``), or in the cursor's cell
        when no card is selected (or ``direction`` is None); its title editor opens."""
        base, on_card = self._base()
        if base is None:
            return None
        doc = self.scene.doc
        new_id = doc.new_id("steps")
        if direction is not None and on_card:
            try:
                op = cells.add_step_beside(doc, base, direction, step_id=new_id)
            except OperationError as exc:
                self.scene.message.emit(f"No new step: {exc}")
                return None
        else:
            op = edits.add_step(doc, base[0], base[1], id=new_id)
        if not self.scene.controller.push(op, "Add step"):
            return None
        self.scene.select_ids([new_id])
        step = doc.step(new_id)
        self.set_cell((step.lane, step.column), by_keyboard=True)
        self.scene.edit_title(new_id)
        return new_id

    def title_tab(self) -> None:
        """Tab in the title editor: keep the title, add the next step to the right."""
        self.scene.commit_title()
        self.add_step("right")

    # --------------------------------------------------------------- connect
    def connect_nearest(self, direction: str) -> bool:
        ids = self.scene.selected_step_ids()
        if len(ids) != 1:
            self.scene.message.emit("Select one step to connect")
            return False
        target = cells.nearest_step(self.scene.doc, ids[0], direction)
        if target is None:
            self.scene.message.emit(
                f"No step to connect to on the {direction}"
                if direction in ("left", "right")
                else f"No step {direction} to connect to"
            )
            return False
        return self.connect(ids[0], target)

    def connect(self, source: str, target: str) -> bool:
        doc = self.scene.doc
        if self.scene.controller.push(edits.connect(doc, source, target), "Connect"):
            self.scene.message.emit(
                f"Connected \u201c{doc.step(source).title}\u201d \u2192 \u201c{doc.step(target).title}\u201d"
            )
            return True
        return False

    def open_connect_popup(self):
        """Ctrl+L: a small popup listing the other steps; type to filter, Enter connects."""
        from blueprint_editor.qt.canvas.connect_popup import ConnectPopup

        ids = self.scene.selected_step_ids()
        views = self.scene.views()
        if len(ids) != 1 or not views:
            self.scene.message.emit("Select one step to connect")
            return None
        if self.popup is not None:
            self.popup.close()
        self.popup = ConnectPopup(self.scene.doc, ids[0], self.connect, views[0])
        self.popup.finished.connect(self._popup_closed)
        self.popup.open_near(self.scene.step_item(ids[0]).scene_card_rect(), views[0])
        return self.popup

    def _popup_closed(self, _result: int) -> None:
        self.popup = None
        views = self.scene.views()
        if views:  # the keyboard goes back to the canvas
            views[0].activateWindow()
            views[0].setFocus(Qt.FocusReason.PopupFocusReason)

    # ------------------------------------------------------------------- keys
    def key_press(self, event) -> bool:
        """Handle a key the canvas gives first to the keyboard; True when it was used.
        (Tab reaches the scene's ``focusNextPrevChild``, not this.)"""
        key = event.key()
        mods = event.modifiers() & ~_KEYPAD
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            self.add_step("down")
            return True
        if key == Qt.Key.Key_Insert and mods == Qt.KeyboardModifier.NoModifier:
            self.add_step(None)
            return True
        if key == Qt.Key.Key_L and mods == _CTRL:
            self.open_connect_popup()
            return True
        direction = _ARROWS.get(key)
        if direction is None:
            return False
        if mods == _CTRL | _SHIFT:
            self.connect_nearest(direction)
            return True
        if mods == _CTRL:
            self.move_cursor(direction, select=True)
            return True
        if mods == Qt.KeyboardModifier.NoModifier and not self.scene.selected_step_ids():
            self.move_cursor(direction)
            return True
        return False  # arrows on selected cards nudge them (the scene's own keys)
