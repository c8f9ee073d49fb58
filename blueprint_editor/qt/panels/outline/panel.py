"""The outline panel: the table (grid of cells or one row per step), its mode switch,
the full-window switch, and the selection it shares with the canvas.

The canvas and the outline follow each other's selection: choosing a cell or a step
here selects its steps on the canvas (``scene.select_ids``); selecting on the canvas
makes the first selected step's cell (or row) current here.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from blueprint_editor.core.document import Document
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.editing.undo import EditController
from blueprint_editor.qt.panels.outline.models import GridModel, IdsRole, StepsModel
from blueprint_editor.qt.panels.outline.view import OutlineView


class OutlinePanel(QWidget):
    """The outline of one document, sharing the canvas ``scene``'s selection."""

    #: a short message for the status bar
    message = Signal(str)
    #: the user asked for (True) or left (False) the full-window mode
    fullWindowToggled = Signal(bool)

    def __init__(
        self, doc: Document, controller: EditController, scene: BlueprintScene, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.setWindowTitle("Outline")
        self.doc = doc
        self.controller = controller
        self.scene = scene
        self.grid_model = GridModel(doc, controller, self)
        self.steps_model = StepsModel(doc, controller, self)
        self.view = OutlineView(self)
        self.view.message.connect(self.message)
        self.mode_button = QPushButton("One row per step", self)
        self.mode_button.setObjectName("outlineMode")
        self.mode_button.setCheckable(True)
        self.mode_button.setToolTip("Switch between the grid of cells and one row per step")
        self.mode_button.toggled.connect(self.set_rows_mode)
        self.full_button = QPushButton("Full window", self)
        self.full_button.setObjectName("outlineFullWindow")
        self.full_button.setCheckable(True)
        self.full_button.toggled.connect(self.fullWindowToggled)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.mode_button)
        bar.addStretch(1)
        bar.addWidget(self.full_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._syncing = False
        for signal in (
            self.grid_model.dataChanged,
            self.grid_model.modelReset,
            self.grid_model.rowsInserted,
            self.grid_model.layoutChanged,
        ):
            signal.connect(self._fit_rows)
        self._show(self.grid_model)
        scene.selectionUpdated.connect(self._canvas_selection)

    def rows_mode(self) -> bool:
        return self.view.model() is self.steps_model

    def set_rows_mode(self, on: bool) -> None:
        """One row per step (True) or the grid of cells (False); the current cell stays."""
        cell = self.view.current_cell()
        self.view.stop_capture()
        self._show(self.steps_model if on else self.grid_model)
        if self.mode_button.isChecked() != on:
            self.mode_button.setChecked(on)
        self.mode_button.setText("Grid of cells" if on else "One row per step")
        if cell is not None:
            self.view.go_to_cell(cell)

    def _show(self, model: GridModel | StepsModel) -> None:
        self.view.setModel(model)
        self.view.selectionModel().selectionChanged.connect(self._outline_selection)
        grid = isinstance(model, GridModel)
        self.view.setWordWrap(not grid)  # grid: one line per step, long titles elided
        if grid:
            self.view.horizontalHeader().setDefaultSectionSize(160)
            self.view.horizontalHeader().setStretchLastSection(False)
            self._fit_rows()
        else:
            self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
            self.view.horizontalHeader().setDefaultSectionSize(130)
            self.view.horizontalHeader().setStretchLastSection(True)

    def _fit_rows(self, *_args) -> None:
        """Each lane's row tall enough for its fullest cell (counted, not measured: no
        cell is laid out to size the grid)."""
        if self.view.model() is not self.grid_model:
            return
        tallest = self.grid_model.tallest_cells()
        line = self.view.fontMetrics().lineSpacing()
        header = self.view.verticalHeader()
        for row, count in enumerate(tallest):
            height = max(1, count) * line + 10
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)

    # ------------------------------------------------------------ selection
    def _outline_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._syncing:
            return
        index = self.view.currentIndex()
        ids = index.data(IdsRole) if index.isValid() else []
        self._syncing = True
        try:
            self.scene.select_ids(ids or [])
        finally:
            self._syncing = False

    def _canvas_selection(self) -> None:
        if self._syncing:
            return
        ids = self.scene.selected_step_ids()
        if not ids:
            return
        step = self.doc.find("steps", ids[0])
        if step is None:
            return
        self._syncing = True
        try:
            self.view.go_to_cell((step.lane, step.column), step.id)
        finally:
            self._syncing = False

    def focus_outline(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
