"""The canvas' gestures, each an object with ``start``, ``move``, ``finish`` and ``cancel``.

The scene has at most one active gesture; :class:`~.canvas_input.CanvasInput` starts one
from a mouse press, a drag entering the canvas or a request (F2, double-click), forwards
the moves to it and ends it. Every gesture ends in at most one ``controller.push(op)``,
so it is one undo entry, and the edit itself is decided in the core
(:mod:`blueprint_editor.core.edits`, :class:`~blueprint_editor.core.layout.GridLayout`):

- :class:`CardDrag`: the selected cards follow the cursor (Qt moves them); on release
  each lands in the cell under it (the card under the cursor at the stack slot under the
  cursor) as one ``edits.drop_steps``; a drop that changes nothing snaps back;
- :class:`Connect`: from a card's connection handle (or any card in connect mode) to
  another card: ``edits.connect``; released over empty space, nothing happens; a click
  (released on the source) waits for a click on the target, Escape or a click elsewhere
  cancels;
- :class:`PaletteDrop`: a palette item dragged over a cell: ``edits.add_step`` at the slot
  under the cursor;
- :class:`TitleEdit`: inline editing of a card's title (Enter or leaving commits, Escape
  cancels): ``edits.set_fields``;
- :class:`RubberBand`: dragging on empty canvas selects the cards and arrows it touches
  (Ctrl adds to the selection); no edit.

To add a gesture: subclass :class:`Gesture`, implement the four methods against the
scene's public API (``layout``, ``doc``, ``controller``, the overlays ``handle``,
``connect_line``, ``drop_indicator``, ``title_editor``, ``rubber_band``, and
``step_at``, ``follow_card``, ``snap_back``, ``select_ids``), and start it with
``scene.input.begin(MyGesture(scene, ...), pos)`` from the event that begins it. Per
mouse move the work is constant (a grid look-up, one index query), never a pass over all
steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QTransform

from blueprint_editor.core import edits
from blueprint_editor.qt.canvas.items import StepItem
from blueprint_editor.qt.canvas.items.step_item import Z_DRAGGED, Z_STEP

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene


class Gesture:
    """One user gesture on the canvas, from its start to its finish or cancel."""

    #: the view scrolls when the cursor nears its edge during this gesture
    autoscroll = False
    #: starting another gesture finishes this one (True: keeps its result) or cancels it
    finish_when_interrupted = False
    #: driven by the held mouse button: moves go to it and the release finishes it
    follows_mouse = True

    def __init__(self, scene: BlueprintScene):
        self.scene = scene

    def start(self, pos: QPointF) -> None:
        """The gesture begins at scene position ``pos``."""

    def move(self, pos: QPointF) -> None:
        """The cursor moved to ``pos``."""

    def release(self, pos: QPointF) -> bool:
        """The mouse button was released at ``pos``: True when that ends the gesture
        (then :meth:`finish` follows); False keeps it going (a click on a connection's
        source waits for a click on its target)."""
        return True

    def press(self, pos: QPointF) -> bool:
        """A press while the gesture goes on: True when it is the gesture's own (then
        :meth:`finish` follows at ``pos``); False starts something else."""
        return False

    def finish(self, pos: QPointF | None) -> bool:
        """The gesture ends at ``pos`` (None: not at a mouse position); True if it pushed
        an edit. Called once; the gesture is over afterwards."""
        return False

    def cancel(self) -> None:
        """The gesture is abandoned: undo its visual traces, push nothing."""

    def cancels_on_escape(self) -> bool:
        """Does Escape cancel it now (rather than doing what Escape does otherwise)?"""
        return True

    def forget_step(self, step_id: str) -> bool:
        """A step left the canvas (an edit elsewhere); True if the gesture must end."""
        return False


def _show_drop(
    scene: BlueprintScene, lane: str, column: str, slot: int, exclude: frozenset[str] = frozenset()
) -> None:
    """The drop line at a cell's stack slot (the stack without ``exclude``)."""
    g = scene.layout
    m = g.metrics
    cell = g.cell_rect(lane, column)
    scene.drop_indicator.show_at(
        QRectF(cell.x, cell.y, cell.w, cell.h),
        g.slot_gap_y(lane, slot, column, exclude),
        cell.x + m.card_inset,
        m.card_width,
    )


class CardDrag(Gesture):
    """Drag the selected cards (Qt moves the items; this follows and drops them)."""

    autoscroll = True

    def __init__(self, scene: BlueprintScene, primary: StepItem):
        super().__init__(scene)
        self.primary = primary
        #: step id -> (item, position at the start)
        self.items = {i.step_id: (i, i.pos()) for i in scene.selectedItems() if isinstance(i, StepItem)}
        self.raised = False

    def move(self, pos: QPointF) -> None:
        scene = self.scene
        if not self.raised:
            self.raised = True
            scene.handle.hide()
            for item, _ in self.items.values():
                item.setZValue(Z_DRAGGED)
        for item, _ in self.items.values():  # Qt moved them: their arrows follow
            scene.follow_card(item)
        lane, column = scene.layout.cell_at(pos.x(), pos.y())
        if lane is None or column is None:
            scene.drop_indicator.hide()
            return
        slot, _ = scene.layout.drop_slot(lane, column, pos.y(), frozenset(self.items))
        _show_drop(scene, lane, column, slot, frozenset(self.items))

    def finish(self, pos: QPointF | None) -> bool:
        scene = self.scene
        scene.drop_indicator.hide()
        for item, _ in self.items.values():
            item.setZValue(Z_STEP)
        if not any(item.pos() != start for item, start in self.items.values()):
            return False
        pushed = False
        try:
            pushed = pos is not None and self._drop(pos)
        finally:
            if not pushed:
                scene.snap_back(self.items)
            scene.input.place_handle()
        return pushed

    def _drop(self, pos: QPointF) -> bool:
        scene, g = self.scene, self.scene.layout
        lane, column = g.cell_at(pos.x(), pos.y())
        if lane is None or column is None:
            return False
        moving = frozenset(self.items)
        order = (
            list(moving) if len(moving) == 1 else [s.id for s in scene.doc.blueprint.steps if s.id in moving]
        )
        moves = []
        for sid in order:
            item, _ = self.items[sid]
            if item is self.primary:
                moves.append((sid, lane, column))
            else:  # the others land in the cell under their own centre
                c = item.scene_card_rect().center()
                moves.append((sid, *g.nearest_cell(c.x(), c.y())))
        _, before = g.drop_slot(lane, column, pos.y(), moving)
        text = "Move step" if len(moves) == 1 else f"Move {len(moves)} steps"
        return scene.controller.push(edits.drop_steps(scene.doc, moves, before=before), text)

    def cancel(self) -> None:
        """The cards go back, nothing changes, and the release that follows does nothing."""
        scene = self.scene
        scene.drop_indicator.hide()
        for item, _ in self.items.values():
            item.setZValue(Z_STEP)
        scene.snap_back([sid for sid in self.items if scene.step_item(sid) is not None])
        grabber = scene.mouseGrabberItem()
        if grabber is not None:
            grabber.ungrabMouse()

    def cancels_on_escape(self) -> bool:
        return self.raised  # a press without a move: Escape clears the selection

    def forget_step(self, step_id: str) -> bool:
        return step_id in self.items


class Connect(Gesture):
    """Draw a handoff from ``source`` to the card released on (or clicked next)."""

    autoscroll = True

    def __init__(self, scene: BlueprintScene, source: str):
        super().__init__(scene)
        self.source = source
        self.target: StepItem | None = None
        #: released on the source (a click): the connector follows the mouse until a
        #: click on the target (or elsewhere, or Escape, cancels)
        self.pending = False

    def start(self, pos: QPointF) -> None:
        line = self.scene.connect_line
        line.set_route(self.scene.step_rect(self.source), pos.x(), pos.y())
        line.show()

    def move(self, pos: QPointF) -> None:
        scene = self.scene
        scene.connect_line.set_route(scene.step_rect(self.source), pos.x(), pos.y())
        target = scene.step_at(pos)
        if target is not None and target.step_id == self.source:
            target = None
        if target is not self.target:
            if self.target is not None:
                self.target.set_drop_target(False)
            if target is not None:
                target.set_drop_target(True)
            self.target = target

    def release(self, pos: QPointF) -> bool:
        scene = self.scene
        target = scene.step_at(pos)
        on_source = (target is not None and target.step_id == self.source) or scene.handle.covers(pos)
        if on_source and not self.pending:
            self.pending = True  # a click on the source: now click the target
            scene.message.emit("Click the step to connect to (Esc cancels)")
            return False
        return True

    def press(self, pos: QPointF) -> bool:
        return self.pending  # the click on the target (or elsewhere: cancel)

    def finish(self, pos: QPointF | None) -> bool:
        scene = self.scene
        target = scene.step_at(pos) if pos is not None else None
        self.cancel()
        scene.input.place_handle()
        if target is None or target.step_id == self.source:
            return False
        return scene.controller.push(edits.connect(scene.doc, self.source, target.step_id), "Connect")

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_drop_target(False)
        self.target = None
        self.scene.connect_line.hide()

    def forget_step(self, step_id: str) -> bool:
        if self.target is not None and self.target.step_id == step_id:
            self.target = None
        return step_id == self.source


class PaletteDrop(Gesture):
    """A palette item dragged over the canvas: a new step where it is dropped."""

    follows_mouse = False  # Qt's drag-and-drop events drive it

    def __init__(self, scene: BlueprintScene, fields: dict):
        super().__init__(scene)
        self.fields = fields
        #: the cursor is over a cell (a drop there adds a step)
        self.over_cell = False

    def start(self, pos: QPointF) -> None:
        self.move(pos)

    def move(self, pos: QPointF) -> None:
        scene = self.scene
        lane, column = scene.layout.cell_at(pos.x(), pos.y())
        self.over_cell = lane is not None and column is not None
        if lane is None or column is None:
            scene.drop_indicator.hide()
            return
        slot, _ = scene.layout.drop_slot(lane, column, pos.y())
        _show_drop(scene, lane, column, slot)

    def finish(self, pos: QPointF | None) -> bool:
        self.scene.drop_indicator.hide()
        return pos is not None and self.scene.add_step_at(pos, self.fields) is not None

    def cancel(self) -> None:
        self.scene.drop_indicator.hide()


class TitleEdit(Gesture):
    """Inline editing of a card's title in the scene's title editor."""

    finish_when_interrupted = True
    follows_mouse = False  # the editor's keys and focus end it

    def __init__(self, scene: BlueprintScene, step_id: str):
        super().__init__(scene)
        self.step_id = step_id

    def start(self, pos: QPointF) -> None:
        scene = self.scene
        item = scene.step_item(self.step_id)
        assert item is not None, "edit_title starts a TitleEdit only on a card of the canvas"
        views = scene.views()
        if views:  # the keyboard comes to the canvas (a palette drop leaves it elsewhere)
            views[0].activateWindow()
            views[0].setFocus(Qt.FocusReason.OtherFocusReason)
        scene.title_editor.open(
            self.step_id, item.scene_card_rect(), scene.doc.step(self.step_id).title, scene.metrics.title_px
        )
        for view in scene.views():
            view.ensureVisible(item.scene_card_rect(), 40, 40)

    def _close(self) -> str:
        editor = self.scene.title_editor
        text = " ".join(editor.toPlainText().split())
        editor.close_editor()
        return text

    def finish(self, pos: QPointF | None) -> bool:
        text = self._close()
        scene = self.scene
        step = scene.doc.find("steps", self.step_id)
        if step is None or not text or text == step.title:
            return False
        return scene.controller.push(
            edits.set_fields(scene.doc, "steps", self.step_id, title=text), "Rename step"
        )

    def cancel(self) -> None:
        self._close()

    def cancels_on_escape(self) -> bool:
        return False  # the editor has the keys: its own Escape cancels

    def forget_step(self, step_id: str) -> bool:
        return step_id == self.step_id


class RubberBand(Gesture):
    """Drag on empty canvas: select what the band touches (Ctrl: add to the selection)."""

    autoscroll = True

    def __init__(self, scene: BlueprintScene, extend: bool, before: list[str]):
        super().__init__(scene)
        self.extend = extend
        self.origin = QPointF()
        #: the selection before the press (which cleared it unless extending)
        self.before = before
        self.kept = scene.selectedItems() if extend else []

    def start(self, pos: QPointF) -> None:
        self.origin = QPointF(pos)

    def move(self, pos: QPointF) -> None:
        scene = self.scene
        rect = QRectF(self.origin, pos).normalized()
        scene.rubber_band.show_rect(rect)
        path = QPainterPath()
        path.addRect(rect)
        views = scene.views()
        transform = views[0].viewportTransform() if views else QTransform()
        blocked = scene.blockSignals(True)  # one selectionChanged per move
        try:
            scene.setSelectionArea(
                path,
                Qt.ItemSelectionOperation.ReplaceSelection,
                Qt.ItemSelectionMode.IntersectsItemShape,
                transform,
            )
            for item in self.kept:
                item.setSelected(True)
        finally:
            scene.blockSignals(blocked)
        scene.selectionChanged.emit()

    def finish(self, pos: QPointF | None) -> bool:
        self.scene.rubber_band.hide()
        return False

    def cancel(self) -> None:
        """Escape: the band goes and the selection is what it was before the band."""
        self.scene.rubber_band.hide()
        self.scene.select_ids(self.before)
