"""The canvas scene: mirrors the document item for item.

``BlueprintScene(doc, controller)`` follows the document's events (through its Qt adapter,
:func:`~blueprint_editor.qt.editing.document_signals.document_signals`) and keeps one
:class:`StepItem` per step and one :class:`HandoffItem` per handoff, plus the frame
(lane bands and headers, column guides, phase headers, the three lines). It never changes
the document itself except through ``controller.push(op)``; with ``controller=None`` it
is a read-only render of the blueprint (exports: no selection, hover, handles or caching).

Relayout is incremental where it matters: :func:`compute_layout` is linear and cheap, then
only items whose rectangle changed are moved and only arrows with a moved end are
re-routed. Mouse, key and drop events go to ``scene.input`` (:mod:`.canvas_input`), which
runs the gestures (:mod:`.gestures`); menus live in :mod:`.context_menus`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QToolTip

from blueprint_editor.core import edits, labels, routing
from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE
from blueprint_editor.core.document import Document
from blueprint_editor.core.layout import GridLayout, Metrics, Rect, compute_layout
from blueprint_editor.core.operations import Event
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.canvas_input import CanvasInput
from blueprint_editor.qt.canvas.context_menus import CanvasActions
from blueprint_editor.qt.canvas.frame import CanvasFrame
from blueprint_editor.qt.canvas.gestures import Gesture, TitleEdit
from blueprint_editor.qt.canvas.items import (
    BlueprintLineItem,
    ConnectionHandle,
    ConnectLineItem,
    DropIndicatorItem,
    HandoffItem,
    LaneHeaderItem,
    PhaseHeaderItem,
    RubberBandItem,
    StepItem,
    TitleEditor,
)
from blueprint_editor.qt.canvas.items.handoff_item import label_size
from blueprint_editor.qt.canvas.keyboard import CanvasKeyboard
from blueprint_editor.qt.canvas.workshop_marks import WorkshopMarks
from blueprint_editor.qt.editing.document_signals import document_signals
from blueprint_editor.qt.editing.plain_text import tooltip

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.view import BlueprintView

log = logging.getLogger(__name__)

#: Extra room right of and below the blueprint in the interactive canvas.
CANVAS_MARGIN = 120.0


class BlueprintScene(QGraphicsScene):
    #: Emitted after items were moved to a new layout (not on text-only edits).
    relayouted = Signal()
    #: Emitted after every item was rebuilt (new scene, document replaced).
    rebuilt = Signal()
    connectModeChanged = Signal(bool)
    #: a short message for the status bar (keyboard commands say what they did or why not)
    message = Signal(str)
    #: (handoff ids) arrows re-routed while a card is dragged, before any document change
    arrowsRerouted = Signal(list)
    #: (QMenu, what: "step"|"handoff"|"lane"|"column"|"canvas", ids: list[str]) before a
    #: context menu shows, so the window can add its own actions.
    contextMenuAboutToShow = Signal(object, str, object)
    #: The selection changed. Connect to this rather than to Qt's ``selectionChanged``:
    #: the scene relays it from its own slot, which Qt never calls while the scene is
    #: being destroyed (Qt's own signal still fires then, to receivers it cannot warn).
    selectionUpdated = Signal()
    #: (message) following a document change failed; the canvas was rebuilt from the
    #: document (the exception itself goes on to Qt's handler)
    refreshFailed = Signal(str)

    def __init__(
        self,
        doc: Document,
        controller=None,
        parent=None,
        metrics: Metrics | None = None,
        text_size: str = DEFAULT_TEXT_SIZE,
    ):
        super().__init__(parent)
        style.load_fonts()
        self.doc = doc
        self.controller = controller
        self.interactive = controller is not None
        self.metrics = metrics or style.canvas_metrics(text_size)
        self.layout: GridLayout = compute_layout(doc.blueprint, self.metrics)
        self.actions = CanvasActions(self)
        self._steps: dict[str, StepItem] = {}
        self._selection_dropped = False  # items left the selection in this batch
        self._handoffs: dict[str, HandoffItem] = {}
        self._placed: dict[str, tuple[float, float, float] | None] = {}
        #: what each arrow was last drawn from (route, label, label place, two-way)
        self._shown: dict[str, tuple | None] = {}
        #: the core routes and label places of the last routing (scene units)
        self.routes: dict[str, routing.Route] = {}
        self.label_places: dict[str, labels.LabelPlace] = {}
        #: lane bands and headers, column guides, phase headers, the three lines, corner
        self.frame = CanvasFrame(self)
        self._lane_kind: dict[str, str] = {}
        self.setBackgroundBrush(style.CANVAS)
        #: the mouse, key and drop handling, with the active gesture
        self.input = CanvasInput(self)
        if self.interactive:  # the overlays the gestures use (one of each)
            self.handle = ConnectionHandle()
            self.connect_line = ConnectLineItem()
            self.drop_indicator = DropIndicatorItem()
            self.title_editor = TitleEditor()
            self.rubber_band = RubberBandItem()
            for item in (
                self.handle,
                self.connect_line,
                self.drop_indicator,
                self.title_editor,
                self.rubber_band,
            ):
                self.addItem(item)
            self.title_editor.committed.connect(self._title_committed)
            self.title_editor.cancelled.connect(self._title_cancelled)
            #: the keyboard's cell cursor and its keys (adding, connecting steps)
            self.keyboard = CanvasKeyboard(self)
            self.title_editor.tabbed.connect(self.keyboard.title_tab)
        self.selectionChanged.connect(self._selection_changed)
        self._rebuild()
        self._tune_index()
        document_signals(doc).changed.connect(self._on_events)
        #: numbers, channels, votes and comment badges on the cards; vote mode, filter
        self.workshop = WorkshopMarks(self)
        self.workshop.refresh()

    def detach(self) -> None:
        """Stop following the document (a deleted scene stops by itself)."""
        document_signals(self.doc).changed.disconnect(self._on_events)
        self.workshop.detach()

    # ------------------------------------------------------------ public API
    def step_item(self, step_id: str) -> StepItem | None:
        return self._steps.get(step_id)

    def handoff_item(self, handoff_id: str) -> HandoffItem | None:
        return self._handoffs.get(handoff_id)

    def step_items(self) -> dict[str, StepItem]:
        return dict(self._steps)

    def handoff_items(self) -> dict[str, HandoffItem]:
        return dict(self._handoffs)

    def selected_step_ids(self) -> list[str]:
        chosen = {i.step_id for i in self.selectedItems() if isinstance(i, StepItem)}
        if len(chosen) <= 1:
            return list(chosen)
        return [s.id for s in self.doc.blueprint.steps if s.id in chosen]

    def selected_handoff_ids(self) -> list[str]:
        chosen = {i.handoff_id for i in self.selectedItems() if isinstance(i, HandoffItem)}
        if len(chosen) <= 1:
            return list(chosen)
        return [h.id for h in self.doc.blueprint.handoffs if h.id in chosen]

    def selected_ids(self) -> list[str]:
        """Selected steps then handoffs, each in document order."""
        return self.selected_step_ids() + self.selected_handoff_ids()

    def paste_cell(self) -> tuple[str, str] | None:
        """Where Paste and Duplicate put the copies: the cell under the mouse pointer
        (where it last was on the canvas, unless the keyboard moved the cell cursor
        since), else the cell cursor's cell, else the cell of the first selected step;
        None when neither is known (the copies then stack under their originals)."""
        for view in self.views():  # (the canvas is only ever shown in a BlueprintView)
            pos = cast("BlueprintView", view).pointer_scene_pos()
            if pos is not None:
                lane, column = self.layout.cell_at(pos.x(), pos.y())
                if lane is not None and column is not None:
                    return lane, column
        if self.interactive and self.keyboard.cell is not None:
            return self.keyboard.cell
        ids = self.selected_step_ids()
        if ids:
            step = self.doc.step(ids[0])
            return step.lane, step.column
        return None

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these steps and handoffs (unknown ids are ignored)."""
        if not self.interactive:
            return
        wanted = set(ids)
        blocked = self.blockSignals(True)
        try:
            for item in self.selectedItems():
                ident = (
                    item.step_id
                    if isinstance(item, StepItem)
                    else item.handoff_id
                    if isinstance(item, HandoffItem)
                    else None
                )
                if ident not in wanted:
                    item.setSelected(False)
            for ident in wanted:
                chosen: StepItem | HandoffItem | None = self._steps.get(ident) or self._handoffs.get(ident)
                if chosen is not None:
                    chosen.setSelected(True)
        finally:
            self.blockSignals(blocked)
        self.selectionChanged.emit()

    def select_all(self) -> None:
        self.select_ids(list(self._steps) + list(self._handoffs))

    def scene_rect_for_export(self) -> QRectF:
        """The blueprint's content (headers, lanes, phases, cards) in scene coordinates."""
        g = self.layout
        return QRectF(0.0, 0.0, g.width, g.height)

    def text_size(self) -> str:
        return self.metrics.text_size

    def set_text_size(self, key: str) -> None:
        """Show the blueprint at another text size (``standard`` ... ``projector``):
        fonts, cards and headers scale together; every item is rebuilt."""
        if key != self.metrics.text_size:
            self.metrics = style.canvas_metrics(key)
            self._rebuild()

    def restyle(self, text_size: str | None = None) -> None:
        """Draw with the active theme (:func:`style.use_theme`), and at ``text_size``
        if given: items keep their lane colours and widths, so every item is rebuilt."""
        if text_size is not None:
            self.metrics = style.canvas_metrics(text_size)
        if self.backgroundBrush().style() != Qt.BrushStyle.NoBrush:  # exports draw none
            self.setBackgroundBrush(style.CANVAS)
        self._rebuild()

    def step_rect(self, step_id: str) -> Rect:
        """Where a card is now (its item position: follows a drag in progress)."""
        item = self._steps[step_id]
        p = item.pos()
        r = item.rect()
        return Rect(p.x(), p.y(), r.width(), r.height())

    def delete_selection(self) -> bool:
        ids = self.selected_ids()
        if not ids or not self.interactive:
            return False
        return self.controller.push(edits.delete_elements(self.doc, ids), "Delete")

    def step_at(self, pos: QPointF) -> StepItem | None:
        """The card under a scene position (top-most), or None."""
        for item in self.items(pos):
            if isinstance(item, StepItem):
                return item
        return None

    # -------------------------------------------------------- editing (public)
    def active_gesture(self) -> Gesture | None:
        """The gesture in progress (card drag, connect, drop, title edit, rubber band)."""
        return self.input.active

    def set_connect_mode(self, on: bool) -> None:
        """In connect mode, dragging from any card draws a handoff instead of moving it."""
        on = bool(on) and self.interactive
        if on != self.input.connect_mode:
            self.input.connect_mode = on
            cursor = Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor
            for view in self.views():
                view.viewport().setCursor(cursor)
            self.connectModeChanged.emit(on)

    def connect_mode(self) -> bool:
        return self.input.connect_mode

    def edit_title(self, step_id: str) -> bool:
        """Start inline editing of a card's title (Enter commits, Escape cancels)."""
        if not self.interactive or step_id not in self._steps:
            return False
        self.input.end_active()  # a title being edited is committed first
        if not self._steps[step_id].isSelected():
            self.select_ids([step_id])
        self.input.begin(TitleEdit(self, step_id), QPointF())
        return True

    def commit_title(self) -> None:
        """Close the title editor keeping the typed title (one undo entry)."""
        if self.is_editing():
            self.input.finish(None)

    def is_editing(self) -> bool:
        return isinstance(self.input.active, TitleEdit)

    def add_step_at(self, pos: QPointF, fields: dict | None = None, edit: bool = True) -> str | None:
        """Add a step in the cell under ``pos`` at the slot under it; returns its id."""
        lane, column = self.layout.cell_at(pos.x(), pos.y())
        if not self.interactive or lane is None or column is None:
            return None
        _, before = self.layout.drop_slot(lane, column, pos.y())
        fields = dict(fields or {})
        title = fields.pop("title", None) or "New step"
        new_id = self.doc.new_id("steps")
        op = edits.add_step(self.doc, lane, column, title, before=before, id=new_id, **fields)
        if not self.controller.push(op, "Add step"):
            return None
        self.select_ids([new_id])
        if edit:
            self.edit_title(new_id)
        return new_id

    def nudge_selection(self, dcol: int, dlane: int) -> bool:
        """Move the selected cards by whole columns/lanes (clamped); one undo entry."""
        return self.interactive and self.input.nudge(dcol, dlane)

    # ---------------------------------------------------- for gestures (public)
    def follow_card(self, item: StepItem) -> None:
        """A card is being dragged: re-route only the arrows at its ends."""
        rerouted = list(self.doc.handoff_ids_of(item.step_id))
        for hid in rerouted:
            self._route_dragged(hid)
        if rerouted:
            self.arrowsRerouted.emit(rerouted)
        if self.interactive and self.handle.step_id == item.step_id:
            self.handle.attach(item.step_id, item.scene_card_rect())

    def snap_back(self, step_ids: Iterable[str]) -> None:
        """Put these cards back where the layout says (a drag that pushed nothing)."""
        for sid in step_ids:
            self._placed[sid] = None
        self._relayout()

    # --------------------------------------------------------------- Qt events
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt names)
        if self.interactive and self.input.press(event):
            event.accept()
            return
        super().mousePressEvent(event)
        if self.interactive:
            self.input.pressed(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        super().mouseMoveEvent(event)  # Qt moves the grabbed cards first
        if self.interactive:
            self.input.moved(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self.interactive:
            self.input.released(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        if self.interactive and self.input.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if self.interactive and self.input.key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        if not self.interactive or self.workshop.vote_mode:
            return  # in vote mode a right-click takes a vote away
        self.actions.show_context_menu(event.scenePos(), event.screenPos())
        event.accept()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if not (self.interactive and self.input.drag_enter(event)):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if not (self.interactive and self.input.drag_move(event)):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        if self.interactive:
            self.input.drag_leave()
        event.accept()

    def dropEvent(self, event) -> None:  # noqa: N802
        if not (self.interactive and self.input.drop(event)):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab (Qt sends it here, not to keyPressEvent) adds the next step to the right,
        also from the title editor; Shift+Tab still moves the focus out of the canvas."""
        if not self.interactive or not next:
            return super().focusNextPrevChild(next)
        if self.is_editing():
            self.keyboard.title_tab()
        else:
            self.keyboard.add_step("right")
        return True

    def helpEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Card tooltips are made on demand from the document (none stored per item)."""
        item = self.step_at(event.scenePos()) if self.interactive else None
        step = self.doc.find("steps", item.step_id) if item is not None else None
        if step is None:
            super().helpEvent(event)
            return
        QToolTip.showText(event.screenPos(), tooltip(StepItem.tooltip_for(step)), event.widget())
        event.accept()

    # ------------------------------------------------------------- mirroring
    def _on_events(self, events: list[Event]) -> None:
        try:
            self._apply_events(events)
        except Exception as exc:
            # never leave the canvas silently out of step with the document: mirror it
            # again from scratch, say so, and let the error go on to Qt's handler
            log.exception("the canvas failed to follow a change; rebuilding it")
            self._selection_dropped = False
            self._rebuild()
            self.refreshFailed.emit(f"The canvas had to be redrawn after an error: {exc!r}")
            raise
        self._tune_index()
        if self._selection_dropped:  # one selectionChanged for the whole batch
            self._selection_dropped = False
            self.selectionChanged.emit()

    def _selection_changed(self) -> None:
        if self.interactive:
            self.input.selection_changed()
            self.keyboard.follow_selection()
        self.selectionUpdated.emit()

    def _title_committed(self) -> None:
        self.commit_title()

    def _title_cancelled(self) -> None:
        if self.is_editing():
            self.input.cancel()

    def _remove_quietly(self, item: QGraphicsItem) -> None:
        """removeItem without a selectionChanged per item (``_on_events`` emits one):
        deleting a large selection would otherwise make the selection's listeners re-read
        it once per removed item, quadratic in all (benchmarks/README.md). Nothing else
        listens to the scene's signals that removing an item can emit (the scene rect is
        fixed)."""
        if item.isSelected():
            self._selection_dropped = True
        blocked = self.blockSignals(True)
        try:
            self.removeItem(item)
        finally:
            self.blockSignals(blocked)

    def _tune_index(self) -> None:
        """Keep the depth of the scene's BSP index in step with its number of items.

        Qt picks the depth once, when the index is first built (on an empty canvas: 5)
        and keeps it; on a large blueprint a depth of 5 makes every frame search thousands
        of items (benchmarks/README.md). Re-indexing costs one pass, so it happens only
        when the right depth changes (the item count doubled or halved).
        """
        items = 2 * (len(self._steps) + len(self._handoffs)) + 100  # cards, arrows, badges
        depth = max(5, min(14, int(math.log2(items)) - 3))
        if depth != self.bspTreeDepth():
            self.setBspTreeDepth(depth)

    def _apply_events(self, events: list[Event]) -> None:
        if any(e.action == "reset" for e in events):
            self._rebuild()
            return
        doc = self.doc
        relayout = False
        refresh_steps: set[str] = set()
        refresh_handoffs: set[str] = set()
        for ev in events:
            c, action, ident = ev.collection, ev.action, ev.id
            if c == "steps":
                if ident is None:  # a new order of all steps
                    relayout = True
                elif action == "insert":
                    step = doc.find("steps", ident)
                    if step is not None and ident not in self._steps:
                        self._add_step_item(step)
                elif action == "delete":
                    self._remove_step_item(ident)
                elif action == "set":
                    refresh_steps.add(ident)
                    if "lane" not in ev.fields and "column" not in ev.fields:
                        continue  # text or markers only: no move
                relayout = True
            elif c == "handoffs":
                if ident is None:  # a new order of all handoffs
                    refresh_handoffs.update(self._handoffs)
                elif action == "insert":
                    if ident not in self._handoffs and doc.find("handoffs", ident) is not None:
                        self._add_handoff_item(doc.handoff(ident))
                        refresh_handoffs.add(ident)
                elif action == "delete":
                    self._remove_handoff_item(ident)
                    refresh_handoffs.add(ident)  # the ports it left are spread again
                elif action == "set":
                    if "source" in ev.fields or "target" in ev.fields:
                        self._remove_handoff_item(ident)
                        self._add_handoff_item(doc.handoff(ident))
                    refresh_handoffs.add(ident)
            elif c in ("lanes", "columns", "phases"):
                relayout = True
                if c == "lanes":
                    self._lane_kind = {lane.id: lane.kind for lane in doc.blueprint.lanes}
                    if action == "set" and "kind" in ev.fields:
                        refresh_steps.update(s.id for s in doc.blueprint.steps if s.lane == ev.id)
            elif c is None and action == "set":
                self.frame.invalidate()  # the blueprint's title shows in the corner
                relayout = True
        for sid in refresh_steps:
            step = doc.find("steps", sid)
            item = self._steps.get(sid)
            if step is not None and item is not None:
                text = self.metrics.step_card(step)
                if text.height != item.rect().height():
                    relayout = True  # the card grew or shrank: its lane may too
                item.refresh(step, self._lane_kind.get(step.lane, "note"), text, self.metrics)
        if relayout:
            self._relayout()
        elif refresh_handoffs:
            self._route_all()

    def _add_step_item(self, step) -> StepItem:
        m = self.metrics
        text = self.layout.card_text.get(step.id) or m.step_card(step)
        item = StepItem(step.id, text.width, text.height, self.interactive)
        item.refresh(step, self._lane_kind.get(step.lane, "note"), text, m)
        self._steps[step.id] = item
        self._placed[step.id] = None
        rect = self.layout.step_rect.get(step.id)
        if rect is not None:
            item.setPos(rect.x, rect.y)
        self.addItem(item)
        return item

    def _remove_step_item(self, step_id: str) -> None:
        item = self._steps.pop(step_id, None)
        self._placed.pop(step_id, None)
        # (the document refuses to delete a step with handoffs: their arrows went first)
        if item is not None:
            if self.interactive:
                if self.handle.step_id == step_id:
                    self.handle.attach(None)
                self.input.forget_step(step_id)
            self._remove_quietly(item)

    def _add_handoff_item(self, handoff, on_canvas: bool = True) -> HandoffItem:
        """A new arrow; ``on_canvas=False`` keeps it off the scene until it is routed (a
        rebuild adds thousands at once: drawn first, then added, each is indexed once)."""
        item = HandoffItem(handoff.id, self.interactive, self.metrics.small_px)
        self._handoffs[handoff.id] = item
        if on_canvas:
            self.addItem(item)
        return item

    def _remove_handoff_item(self, handoff_id: str) -> None:
        item = self._handoffs.pop(handoff_id, None)
        self._shown.pop(handoff_id, None)
        if item is None:
            return
        if item.label_item is not None:
            self._remove_quietly(item.label_item)
        self._remove_quietly(item)

    def _route_all(self) -> None:
        """Route every arrow and place every label (core maths, linear in practice), then
        redraw only the arrows whose route or label place changed."""
        bp = self.doc.blueprint
        g = self.layout
        routes = routing.route_all(g, [(h.id, h.source, h.target) for h in bp.handoffs])
        px = self.metrics.small_px
        sizes = [(h.id, *label_size(h.label.strip(), px)) for h in bp.handoffs if h.label.strip()]
        places = labels.place_labels(g, routes, sizes)
        self.routes, self.label_places = routes, places
        shown = self._shown
        for h in bp.handoffs:
            item, route = self._handoffs.get(h.id), routes.get(h.id)
            if item is None or route is None:
                continue
            key = (route, h.label, places.get(h.id), h.two_way)
            if shown.get(h.id) != key:
                shown[h.id] = key
                item.reroute(route, h.label, places.get(h.id), h.two_way)

    def _route_dragged(self, handoff_id: str) -> None:
        """An arrow at a card being dragged: a quick route between where the cards are
        now, its label beside it (the full routing runs when the card is dropped)."""
        item = self._handoffs.get(handoff_id)
        h = self.doc.find("handoffs", handoff_id)
        if item is None or h is None or h.source not in self._steps or h.target not in self._steps:
            return
        route = routing.route_pair(self.step_rect(h.source), self.step_rect(h.target))
        text = h.label.strip()
        place = labels.beside(route, *label_size(text, self.metrics.small_px)) if text else None
        self._shown[handoff_id] = None
        item.reroute(route, h.label, place, h.two_way)

    def _rebuild(self) -> None:
        """Throw every item away and mirror the whole document again."""
        if self.interactive:
            self.input.reset()
            self.handle.attach(None)
        # without an index while thousands of items go (each removal would update it);
        # the index is built again, once, for the new items when the canvas is drawn
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        for item in list(self._steps.values()) + list(self._handoffs.values()):
            self._remove_quietly(item)
            if isinstance(item, HandoffItem) and item.label_item is not None:
                self._remove_quietly(item.label_item)
        self._steps.clear()
        self._handoffs.clear()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)  # (depth 0: tuned below)
        self._shown.clear()
        self._placed.clear()
        bp = self.doc.blueprint
        self._lane_kind = {lane.id: lane.kind for lane in bp.lanes}
        self.layout = compute_layout(bp, self.metrics)
        for step in bp.steps:
            self._add_step_item(step)
            r = self.layout.step_rect[step.id]
            self._placed[step.id] = (r.x, r.y, r.h)
        for h in bp.handoffs:
            self._add_handoff_item(h, on_canvas=False)
        self._route_all()
        for item in self._handoffs.values():
            self.addItem(item)
            if item.label_item is not None:
                self.addItem(item.label_item)
        self.frame.invalidate()
        self._update_decor()
        self._tune_index()
        if self.interactive:
            self.keyboard.follow_layout()
        self.rebuilt.emit()

    def _relayout(self) -> None:
        """New layout; move only the cards whose place changed, re-route their arrows."""
        g = self.layout = compute_layout(self.doc.blueprint, self.metrics)
        placed = self._placed
        moved = set()
        steps = self._steps
        for sid, rect in g.step_rect.items():
            where = (rect.x, rect.y, rect.h)
            if placed.get(sid) != where:
                placed[sid] = where
                item = steps.get(sid)
                if item is not None:
                    item.setPos(rect.x, rect.y)
                    moved.add(sid)
        self._route_all()
        if self.interactive and self.handle.step_id in moved:
            item = self._steps[self.handle.step_id]
            self.handle.attach(item.step_id, item.scene_card_rect())
        self._update_decor()
        if self.interactive:
            self.keyboard.follow_layout()
        self.relayouted.emit()

    # ----------------------------------------------------------------- frame
    def _update_decor(self) -> None:
        """Rebuild the frame if the layout changed it; the scene rect follows."""
        if self.frame.update(self.layout, self.doc.blueprint):
            content = self.scene_rect_for_export()
            if self.interactive:
                content = content.adjusted(0, 0, CANVAS_MARGIN, CANVAS_MARGIN)
            self.setSceneRect(content)

    def set_sticky(self, x: float, y: float, right: float | None = None) -> None:
        """Keep lane headers at scene x (and the phase band at scene y), e.g. the visible
        left/top edge of the view; phase titles centre between the lane headers and
        ``right`` (the view's right edge). ``set_sticky(0, 0)`` puts them back in place."""
        self.frame.set_sticky(self.layout, x, y, right)

    def sticky_offset(self) -> tuple[float, float]:
        return self.frame.sticky

    def lane_header_items(self) -> list[LaneHeaderItem]:
        return self.frame.lane_headers()

    def phase_header_items(self) -> list[PhaseHeaderItem]:
        return self.frame.phase_headers()

    def line_items(self) -> list[BlueprintLineItem]:
        return self.frame.lines()
