"""Phases in a few clicks: choose columns by their headers, group them, grow and shrink.

- **Choosing columns.** A click on a column's header (the band above the lanes) chooses
  that column; Ctrl+click adds or removes one, Shift+click chooses the run from the last
  chosen column. The chosen columns are marked on the canvas; a click anywhere else, or
  Escape, lets them go. They are view state, like the selection: nothing in the document.
- **Grouping.** Insert > Phase asks for the name and groups the chosen columns (the run
  from the first to the last), or, with no column chosen, adds one new column at the end
  in the new phase (selected steps do not count: typing on after Insert > Phase fills the
  new column). A right-click on a chosen column offers "Group
  N columns into a new phase" too.
- **Dragging a phase's edge.** Press on the left or right edge of a phase's header (the
  cursor turns into a sizing arrow) and drag over the columns: the phase grows or shrinks
  column by column; the release makes it one undo entry. A phase keeps at least one
  column.

Every edit is a :mod:`blueprint_editor.core.phases` function, so a phase always covers one
run of columns; an edit that would split a phase is refused with its reason in the
status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QMenu

from blueprint_editor.core import phases
from blueprint_editor.core.document import Document
from blueprint_editor.core.operations import Batch, Operation, OperationError
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.editing.document_signals import document_signals

Z_MARKS = 42.0  # above the header band and phase headers (40, 41), under lane headers (45)
EDGE = 6.0  # how near (scene px at 100%) a phase header's edge counts as the edge
ACCENT = QColor("#1c7ed6")

AskText = Callable[[str, str, str], str | None]


class ColumnMarks(QGraphicsItem):
    """The chosen columns: a tinted header and a thin outline down the column."""

    def __init__(self):
        super().__init__()
        self.setZValue(Z_MARKS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._heads: list[QRectF] = []
        self._outline = QPainterPath()
        self._bounds = QRectF()
        fill = QColor(ACCENT)
        fill.setAlpha(70)
        self._fill = fill
        self._pen = QPen(ACCENT, 2.0)

    def set_columns(self, heads: list[QRectF], columns: list[QRectF]) -> None:
        self.prepareGeometryChange()
        self._heads = heads
        self._outline = QPainterPath()
        bounds = QRectF()
        for rect in columns:
            self._outline.addRect(rect.adjusted(1, 1, -1, -1))
            bounds = bounds.united(rect)
        self._bounds = bounds.adjusted(-2, -2, 2, 2)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # not hittable

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._fill)
        for rect in self._heads:
            painter.drawRect(rect)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._pen)
        painter.drawPath(self._outline)


class PhaseUi(QObject):
    """Column choice, grouping and phase-edge drags of one window's canvas."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.scene: BlueprintScene = window.scene
        self.doc = window.document
        self.controller = window.controller
        #: ``ask_text(title, label, current) -> str | None``; the canvas' own question by
        #: default (tests script it there)
        self.ask_text: AskText = lambda title, label, current: self.scene.actions.ask_text(
            title, label, current
        )
        #: the chosen columns, in column order
        self.columns: list[str] = []
        self._anchor: str | None = None
        self._drag: tuple[str, phases.Side] | None = None  # (phase, side) while an edge is dragged
        self._drag_target: int | None = None
        self.marks = ColumnMarks()
        self.scene.addItem(self.marks)
        self.marks.hide()
        self.scene.installEventFilter(self)
        self.scene.relayouted.connect(self._redraw)
        self.scene.rebuilt.connect(self._redraw)
        self.scene.contextMenuAboutToShow.connect(self.extend_menu)
        document_signals(self.doc).changed.connect(self._on_events)

    # ------------------------------------------------------------------ choosing
    def choose(self, columns: list[str]) -> None:
        """Choose exactly ``columns`` (unknown ids are dropped), in column order."""
        known = {c.id: i for i, c in enumerate(self.doc.blueprint.columns)}
        self.columns = sorted(dict.fromkeys(c for c in columns if c in known), key=known.__getitem__)
        self._redraw()

    def clear(self) -> None:
        if self.columns:
            self.choose([])
        self._anchor = None

    def _click_header(self, column: str, modifiers) -> None:
        if (
            modifiers & Qt.KeyboardModifier.ShiftModifier
            and self._anchor is not None
            and self.doc.find("columns", self._anchor) is not None
        ):
            ids = [c.id for c in self.doc.blueprint.columns]
            a, b = sorted((ids.index(self._anchor), ids.index(column)))
            self.choose(ids[a : b + 1])
            return
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            chosen = [c for c in self.columns if c != column]
            self.choose(chosen if column in self.columns else self.columns + [column])
        else:
            self.choose([column])
        self._anchor = column

    def _redraw(self) -> None:
        g = self.scene.layout
        alive = [c for c in self.columns if c in g.column_left]
        if not alive:
            self.marks.hide()
            return
        heads, columns = [], []
        for c in alive:
            r = g.column_rect(c)
            heads.append(QRectF(r.x, 0.0, r.w, g.grid_top))
            columns.append(QRectF(r.x, r.y, r.w, r.h))
        self.marks.set_columns(heads, columns)
        self.marks.show()

    def _on_events(self, events) -> None:
        if any(e.action == "reset" for e in events):
            self.columns, self._anchor = [], None
            self._redraw()
        elif any(e.collection == "columns" and e.action == "delete" for e in events):
            self.choose(self.columns)

    # ------------------------------------------------------------------ grouping
    def _run_of(self, columns: list[str]) -> list[str]:
        ids = [c.id for c in self.doc.blueprint.columns]
        where = sorted(ids.index(c) for c in columns if c in ids)
        return ids[where[0] : where[-1] + 1] if where else []

    def target_columns(self) -> list[str]:
        """What Insert > Phase groups: the run from the first to the last chosen column
        (none chosen: Insert > Phase adds a new column instead)."""
        return self._run_of(self.columns)

    def insert_phase(self) -> bool:
        """Insert > Phase: ask the name; group the target columns, or add one new column
        at the end in the new phase."""
        columns = self.target_columns()
        title = self._ask_title()
        if title is None:
            return False
        if columns:
            return self.group(columns, title)
        op = phases.insert_phase_at(self.doc, len(self.doc.blueprint.columns), title)
        return self.controller.push(op, "Insert phase")

    def group(self, columns: list[str], title: str | None = None) -> bool:
        """Group ``columns`` (their run) into a new phase called ``title`` (asked when
        None). A refusal (it would split a phase) shows its reason in the status bar."""
        run = self._run_of(columns)
        if not run:
            return False
        if title is None:
            title = self._ask_title()
            if title is None:
                return False
        try:
            op = phases.group_columns(self.doc, run, title)
        except OperationError as exc:
            self.controller.error.emit(f"Cannot group the columns: {exc}")
            return False
        if not self.controller.push(op, "New phase"):
            return False
        self.choose(run)
        first = self.doc.position("columns", run[0]) + 1
        span = f"column {first}" if len(run) == 1 else f"columns {first}\u2013{first + len(run) - 1}"
        self.window.show_message(f"Phase \u201c{title}\u201d now covers {span}.")
        return True

    def _ask_title(self) -> str | None:
        answer = self.ask_text("New phase", "Phase name:", "New phase")
        if answer is None:
            return None
        title = " ".join(str(answer).split())
        return title or None

    def extend_menu(self, menu: QMenu, kind: str, ids) -> None:
        """A right-click on a column: it is chosen (or stays chosen with the others);
        with several chosen, the menu offers to group them."""
        if kind != "column" or not ids:
            return
        column = ids[0]
        if column not in self.columns:
            self.choose([column])
            self._anchor = column
        if len(self.columns) < 2:
            return
        run = self._run_of(self.columns)
        action = QAction(f"Group {len(run)} columns into a new phase\u2026", menu)
        action.triggered.connect(lambda _checked=False: self.group(run))
        if menu.actions():
            first = menu.actions()[0]
            menu.insertAction(first, action)
            menu.insertSeparator(first)
        else:
            menu.addAction(action)

    # ------------------------------------------------------------------ edge drag
    def edge_at(self, x: float, y: float) -> tuple[str, phases.Side] | None:
        """(phase, "left" | "right") when (x, y) is on a phase header's edge."""
        g = self.scene.layout
        if not 0.0 <= y < g.grid_top:
            return None
        tolerance = EDGE / max(0.1, self.window.view.zoom_factor())
        for span in g.phases:
            if abs(x - span.x) <= tolerance:
                return span.phase, "left"
            if abs(x - (span.x + span.w)) <= tolerance:
                return span.phase, "right"
        return None

    def _boundary_index(self, x: float) -> int:
        """The column boundary nearest to ``x`` (0 = left of the first column)."""
        g = self.scene.layout
        cols = self.doc.blueprint.columns
        edges = [g.column_left[c.id] for c in cols]
        if cols:
            edges.append(edges[-1] + g.metrics.column_width)
        return min(range(len(edges)), key=lambda i: abs(edges[i] - x)) if edges else 0

    def edge_drag_op(self, phase: str, side: phases.Side, boundary: int) -> Batch | None:
        """The one edit that moves ``phase``'s ``side`` edge to column boundary
        ``boundary`` (grow or shrink one column at a time, as one batch); None when the
        edge stays. Raises OperationError when a step is refused."""
        scratch = Document(self.doc.blueprint.model_copy(deep=True))
        ops: list[Operation] = []
        for _ in range(len(scratch.blueprint.columns) + 1):
            run = [i for i, c in enumerate(scratch.blueprint.columns) if c.phase == phase]
            if not run:
                break
            edge = run[0] if side == "left" else run[-1] + 1
            if edge == boundary:
                break
            outward = boundary < edge if side == "left" else boundary > edge
            op = (phases.grow_phase if outward else phases.shrink_phase)(scratch, phase, side)
            scratch.apply(op)
            ops.extend(op.ops)
        if not ops:
            return None
        return Batch(tuple(ops), "Resize phase")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is not self.scene:
            return False
        if isinstance(event, QGraphicsSceneMouseEvent):
            return self._mouse(event)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            if self._drag is not None:
                self._drag = None
                self._redraw()
                return True
            self.clear()
        return False

    def _mouse(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Presses on headers choose columns, on phase edges start a drag; True: consumed."""
        kind = event.type()
        pos = event.scenePos()
        if kind == QEvent.Type.GraphicsSceneMousePress and event.button() == Qt.MouseButton.LeftButton:
            edge = self.edge_at(pos.x(), pos.y())
            if edge is not None:
                self._drag, self._drag_target = edge, None
                return True  # the press starts an edge drag: nothing else moves
            g = self.scene.layout
            column = g.column_at(pos.x()) if 0.0 <= pos.y() < g.grid_top else None
            if column is not None:
                self._click_header(column, event.modifiers())
            else:
                self.clear()
            return False
        if kind == QEvent.Type.GraphicsSceneMouseMove:
            if self._drag is not None:
                self._drag_target = self._boundary_index(pos.x())
                self._preview()
                return True
            self._hover(pos.x(), pos.y())
            return False
        if kind == QEvent.Type.GraphicsSceneMouseRelease and self._drag is not None:
            self._finish_drag(self._drag, pos.x())
            return True
        return False

    def _hover(self, x: float, y: float) -> None:
        view = self.window.view.viewport()
        if self.edge_at(x, y) is not None:
            view.setCursor(Qt.CursorShape.SplitHCursor)
        elif view.cursor().shape() == Qt.CursorShape.SplitHCursor:
            view.unsetCursor()

    def _preview(self) -> None:
        """While dragging: mark the columns the phase would cover."""
        if self._drag is None:
            return
        phase, side = self._drag
        ids = [c.id for c in self.doc.blueprint.columns]
        run = [i for i, c in enumerate(self.doc.blueprint.columns) if c.phase == phase]
        if not run or self._drag_target is None:
            return
        if side == "left":
            a, b = min(self._drag_target, run[-1]), run[-1]
        else:
            a, b = run[0], max(run[0], self._drag_target - 1)
        self.columns = ids[a : b + 1]
        self._redraw()

    def _finish_drag(self, drag: tuple[str, phases.Side], x: float) -> None:
        phase, side = drag
        self._drag = None
        boundary = self._boundary_index(x)
        self.columns = []
        try:
            op = self.edge_drag_op(phase, side, boundary)
        except OperationError as exc:
            self.controller.error.emit(f"Cannot resize the phase: {exc}")
            self._redraw()
            return
        if op is not None:
            self.controller.push(op, "Resize phase")
        self._redraw()
