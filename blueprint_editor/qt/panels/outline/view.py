"""The outline's table view and its keyboard capture (nothing needs the mouse).

Keys (on the table or in the capture line):

- **Enter** opens the capture line on the current cell (grid) or step (rows); Enter
  there adds the typed step just below (same lane and column; one undo entry) and keeps
  the line open for the next one. Enter on an empty line, or Esc, closes it.
- **Tab / Shift+Tab**: the next / previous lane, same column (a typed title is added
  first, and capture goes on there).
- **Ctrl+Right**: a new column right of the current one, in its phase; capture goes on
  there. **Right/Left** (on the table): the next / previous column.
- **Ctrl+Up / Ctrl+Down** (rows mode): the step moves up / down in its cell.
- **F2** (rows mode): edit the current field. **Ctrl+Z** (an empty capture line or the
  table): undo.
- **Ctrl+V**: the clipboard's text as steps in the current cell (several lines: a small
  dialog asks stacked or along the lane; a tab-separated block: a grid), one undo entry.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QStyledItemDelegate, QTableView

from blueprint_editor.core import edits
from blueprint_editor.core.operations import Insert, OperationError
from blueprint_editor.core.outline import Cell, capture_step, new_column_after, next_lane, step_lanes
from blueprint_editor.qt.editing.text_paste import paste_text
from blueprint_editor.qt.panels.outline.models import LANE, TITLE, GridModel, StepsModel

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class LaneDelegate(QStyledItemDelegate):
    """Lane cells of the rows mode are edited with a list of the lanes."""

    def createEditor(self, parent, option, index):  # noqa: N802
        if index.column() != LANE:
            return super().createEditor(parent, option, index)
        model = index.model()
        assert isinstance(model, StepsModel)
        box = QComboBox(parent)
        for lane in step_lanes(model.doc):
            box.addItem(model.doc.lane(lane).title, lane)
        return box

    def setEditorData(self, editor, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class OutlineView(QTableView):
    """The outline table with keyboard capture."""

    #: a short message for the status bar
    message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("outlineView")
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setItemDelegate(LaneDelegate(self))
        self.capture = QLineEdit(self.viewport())
        self.capture.setObjectName("outlineCapture")
        self.capture.setPlaceholderText("Type a step, Enter for the next; Tab: next lane")
        self.capture.hide()
        self.capture.installEventFilter(self)
        #: the cell the capture line adds to, and the step it adds below
        self.capture_cell: Cell | None = None
        self._after: str | None = None

    # ------------------------------------------------------------------ helpers
    def outline_model(self) -> GridModel | StepsModel:
        model = self.model()
        assert isinstance(model, (GridModel, StepsModel))
        return model

    def current_cell(self) -> Cell | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.outline_model().cell(index)

    def go_to_cell(self, cell: Cell, step: str | None = None) -> None:
        """Make ``cell`` (rows mode: ``step`` or the cell's last step) current."""
        model = self.outline_model()
        if isinstance(model, GridModel):
            index = model.index_of(cell)
        else:
            ids = [s.id for s in model.doc.steps_in_cell(*cell)]
            target = step or (ids[-1] if ids else None)
            index = model.index_of_step(target) if target is not None else QModelIndex()
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index if isinstance(model, GridModel) else index.siblingAtColumn(0))

    # ------------------------------------------------------------------ capture
    def start_capture(self, cell: Cell | None = None, after: str | None = None) -> bool:
        cell = cell or self.current_cell()
        if cell is None:
            self.message.emit("Choose a cell first (arrow keys)")
            return False
        model = self.outline_model()
        if after is None and isinstance(model, StepsModel) and self.currentIndex().isValid():
            after = model.step_id(self.currentIndex())
        self.capture_cell = cell
        self._after = after
        self._place_capture()
        self.capture.clear()
        self.capture.show()
        self.capture.setFocus()
        return True

    def _place_capture(self) -> None:
        assert self.capture_cell is not None
        model = self.outline_model()
        if isinstance(model, GridModel):
            rect = self.visualRect(model.index_of(self.capture_cell))
            height = self.capture.sizeHint().height()
            rect.setTop(max(rect.top(), rect.bottom() - height))
        else:
            index = self.currentIndex()
            rect = (
                self.visualRect(index.siblingAtColumn(TITLE)) if index.isValid() else self.viewport().rect()
            )
            rect.translate(0, rect.height())
            rect.setHeight(self.capture.sizeHint().height())
        self.capture.setGeometry(rect)

    def stop_capture(self) -> None:
        self.capture.hide()
        self.capture_cell = None
        self._after = None
        self.setFocus()

    def commit_capture(self) -> bool:
        """Add the typed step (if any) below the last one; True when one was added."""
        title = self.capture.text().strip()
        if not title or self.capture_cell is None:
            return False
        model = self.outline_model()
        try:
            batch = capture_step(model.doc, self.capture_cell, title, after=self._after)
        except OperationError as exc:
            self.message.emit(str(exc))
            return False
        if not model.controller.push(batch, "Add step"):
            return False
        first = batch.ops[0]
        assert isinstance(first, Insert)
        self._after = first.element.id
        self.capture.clear()
        self.go_to_cell(self.capture_cell, self._after)
        self._place_capture()
        return True

    def move_lane(self, delta: int) -> None:
        cell = self.capture_cell or self.current_cell()
        if cell is None:
            return
        lane = next_lane(self.outline_model().doc, cell[0], delta)
        if lane is None:
            self.message.emit("No lane " + ("below" if delta > 0 else "above"))
            return
        self._go((lane, cell[1]))

    def move_column(self, delta: int) -> None:
        cell = self.capture_cell or self.current_cell()
        if cell is None:
            return
        columns = [c.id for c in self.outline_model().doc.blueprint.columns]
        i = columns.index(cell[1]) + delta
        if 0 <= i < len(columns):
            self._go((cell[0], columns[i]))

    def new_column(self) -> None:
        cell = self.capture_cell or self.current_cell()
        if cell is None:
            self.message.emit("Choose a cell first (arrow keys)")
            return
        model = self.outline_model()
        batch = new_column_after(model.doc, cell[1])
        first = batch.ops[0]
        assert isinstance(first, Insert)
        if model.controller.push(batch, "New column"):
            self._go((cell[0], first.element.id))

    def _go(self, cell: Cell) -> None:
        capturing = self.capture.isVisible()
        self.go_to_cell(cell)
        if capturing:
            self.start_capture(cell, after=self._last_in(cell))
        elif isinstance(self.outline_model(), StepsModel):
            self.capture_cell = None

    def _last_in(self, cell: Cell) -> str | None:
        ids = [s.id for s in self.outline_model().doc.steps_in_cell(*cell)]
        return ids[-1] if ids else None

    def reorder(self, delta: int) -> None:
        model = self.outline_model()
        if not isinstance(model, StepsModel) or not self.currentIndex().isValid():
            return
        sid = model.step_id(self.currentIndex())
        lane, column = model.cell(self.currentIndex())
        stack = [s.id for s in model.doc.steps_in_cell(lane, column)]
        i = stack.index(sid) + delta
        if not 0 <= i < len(stack):
            return
        rest = [s for s in stack if s != sid]
        before = rest[i] if i < len(rest) else None  # None: last in the cell
        model.controller.push(edits.move_steps(model.doc, [(sid, lane, column)], before=before), "Reorder")
        self.go_to_cell((lane, column), sid)

    def paste(self) -> bool:
        """The clipboard's text as steps in the current cell (lines stacked or along the
        lane, a tab-separated block as a grid): one undo entry."""
        cell = self.capture_cell or self.current_cell()
        model = self.outline_model()
        ids, message = paste_text(model.controller, QGuiApplication.clipboard().text(), cell, self)
        self.message.emit(message)
        if ids and cell is not None:
            step = model.doc.step(ids[-1])
            self.go_to_cell((step.lane, step.column), step.id)
            if self.capture.isVisible():
                self.start_capture((step.lane, step.column), after=step.id)
        return bool(ids)

    # ------------------------------------------------------------------ keys
    def _capture_key(self, event: QKeyEvent) -> bool:
        """A key typed in the capture line; True when it was handled here."""
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in _ENTER:
            if not self.commit_capture():
                self.stop_capture()
            return True
        if key == Qt.Key.Key_Escape:
            self.stop_capture()
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.commit_capture()
            self.move_lane(-1 if key == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier else 1)
            return True
        if ctrl and key == Qt.Key.Key_Right:
            self.commit_capture()
            self.new_column()
            return True
        if event.matches(QKeySequence.StandardKey.Paste) and any(
            c in QGuiApplication.clipboard().text() for c in "\n\t"
        ):
            self.paste()  # many lines: many steps (one line goes into the line as text)
            return True
        if event.matches(QKeySequence.StandardKey.Undo) and not self.capture.text():
            self.outline_model().controller.stack.undo()
            self.start_capture(
                self.capture_cell, after=self._last_in(self.capture_cell)
            ) if self.capture_cell else None
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        typed = bool(self.capture.text())
        if watched is self.capture and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._capture_key(event)
        if watched is self.capture and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if (
                event.matches(QKeySequence.StandardKey.Undo)
                and not typed
                or event.matches(QKeySequence.StandardKey.Paste)
            ):
                event.accept()  # ours, not the window's Undo (which would leave the line)
                return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._own_key(event):
            event.accept()  # the outline's key, not the window's action (F2: rename ...)
            return True
        if event.type() == QEvent.Type.KeyPress and self.state() != QAbstractItemView.State.EditingState:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.move_lane(-1 if event.key() == Qt.Key.Key_Backtab else 1)
                return True
        return super().event(event)

    def _own_key(self, event: QEvent) -> bool:
        assert isinstance(event, QKeyEvent)
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.Paste):
            return True
        return key in (Qt.Key.Key_F2, *_ENTER) or (
            ctrl and key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
        elif key in _ENTER:
            self.start_capture()
        elif ctrl and key == Qt.Key.Key_Right:
            self.new_column()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.reorder(-1 if key == Qt.Key.Key_Up else 1)
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.outline_model().controller.stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.outline_model().controller.stack.redo()
        else:
            super().keyPressEvent(event)
