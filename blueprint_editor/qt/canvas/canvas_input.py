"""Mouse, keyboard and drop handling of the interactive canvas.

:class:`CanvasInput` belongs to one :class:`~.scene.BlueprintScene` (``scene.input``). The
scene's Qt event handlers hand it their events; it keeps the one active
:class:`~.gestures.Gesture` (card drag, connect, palette drop, title edit, rubber band),
starts it, forwards moves to it and ends it, and handles what is not a gesture: hover and
the connection handle, connect mode, double-clicks and keys (arrow keys nudge the
selection one column or lane, F2 edits, Delete deletes, Escape cancels).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt

from blueprint_editor.core import edits
from blueprint_editor.qt.canvas import mime
from blueprint_editor.qt.canvas.emotion_item import EmotionDrag
from blueprint_editor.qt.canvas.gestures import CardDrag, Connect, Gesture, PaletteDrop, RubberBand, TitleEdit
from blueprint_editor.qt.canvas.items import HandoffItem, LaneHeaderItem, PhaseHeaderItem, StepItem
from blueprint_editor.qt.canvas.items.overlays import HandleKnob
from blueprint_editor.qt.editing.images import dropped_image

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene

LEFT = Qt.MouseButton.LeftButton
ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


class CanvasInput:
    def __init__(self, scene: BlueprintScene):
        self.scene = scene
        #: the gesture in progress, or None
        self.active: Gesture | None = None
        #: the card under the mouse (its id), or None
        self.hovered: str | None = None
        self.connect_mode = False
        self._selected_at_press: list[str] = []

    # -------------------------------------------------------------- gestures
    def begin(self, gesture: Gesture, pos: QPointF) -> Gesture:
        """Make ``gesture`` the active one (ending the one before) and start it."""
        self.end_active()
        self.active = gesture
        gesture.start(pos)
        return gesture

    def finish(self, pos: QPointF | None) -> bool:
        """Finish the active gesture at ``pos``; True if it pushed an edit."""
        gesture, self.active = self.active, None
        return gesture.finish(pos) if gesture is not None else False

    def cancel(self) -> None:
        gesture, self.active = self.active, None
        if gesture is not None:
            gesture.cancel()

    def end_active(self) -> None:
        """End the active gesture the way an interruption does (see Gesture)."""
        if self.active is not None:
            if self.active.finish_when_interrupted:
                self.finish(None)
            else:
                self.cancel()

    def reset(self) -> None:
        """Everything was rebuilt: no gesture, no hover survives."""
        self.cancel()
        self.hovered = None
        self.scene.drop_indicator.hide()

    def forget_step(self, step_id: str) -> None:
        """A step left the canvas."""
        if self.hovered == step_id:
            self.hovered = None
        if self.active is not None and self.active.forget_step(step_id):
            self.cancel()

    # ------------------------------------------------------------ mouse
    def press(self, event) -> bool:
        """Before Qt's own handling; True when the press started a gesture Qt must not see
        (a connection from the handle, or from any card in connect mode, or a vote)."""
        if self.scene.workshop.vote_mode and event.button() in (LEFT, Qt.MouseButton.RightButton):
            card = self.scene.step_at(event.scenePos())
            if card is not None:
                self.scene.workshop.vote(card.step_id, 1 if event.button() == LEFT else -1)
                return True
        if event.button() != LEFT:
            return False
        scene, pos = self.scene, event.scenePos()
        if self.active is not None and self.active.press(pos):
            self.finish(pos)
            return True
        self._selected_at_press = scene.selected_ids()
        top = next(iter(scene.items(pos)), None)
        if isinstance(top, HandleKnob) and top.owner.step_id:
            self.begin(Connect(scene, top.owner.step_id), pos)
            return True
        card = scene.step_at(pos) if self.connect_mode else None
        if card is not None:
            self.begin(Connect(scene, card.step_id), pos)
            return True
        face = scene.workshop.emotion_face_at(pos)
        if face is not None:
            self.begin(EmotionDrag(scene, *face), pos)
            return True
        self.end_active()  # e.g. a title being edited: the click commits it
        return False

    def pressed(self, event) -> None:
        """After Qt's own handling (selection, the item grabbing the mouse): a press on a
        selected card starts dragging the selection, a press on nothing a rubber band."""
        if event.button() != LEFT or self.active is not None:
            return
        scene, pos = self.scene, event.scenePos()
        grabber = scene.mouseGrabberItem()
        if isinstance(grabber, StepItem):
            if grabber.isSelected():
                self.begin(CardDrag(scene, grabber), pos)
        elif not event.isAccepted():
            extend = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.begin(RubberBand(scene, extend, self._selected_at_press), pos)
            event.accept()

    def moved(self, event) -> None:
        if self.active is not None and self.active.follows_mouse:
            self.active.move(event.scenePos())

    def released(self, event) -> None:
        gesture, pos = self.active, event.scenePos()
        if event.button() == LEFT and gesture is not None and gesture.follows_mouse and gesture.release(pos):
            self.finish(pos)

    def double_click(self, event) -> bool:
        """Double-click a card: edit its title; a lane or phase title: rename it; an arrow:
        its label; an empty cell: a new step there. True when handled."""
        if event.button() != LEFT:
            return False
        scene, pos = self.scene, event.scenePos()
        item = scene.step_at(pos)
        if item is not None:
            return scene.edit_title(item.step_id)
        column = scene.workshop.column_titles.column_at(pos)
        if column is not None:
            return scene.actions.rename_column(column)
        under = scene.items(pos)
        header = next((i for i in under if isinstance(i, (LaneHeaderItem, PhaseHeaderItem))), None)
        if isinstance(header, LaneHeaderItem):
            scene.actions.rename_lane(header.lane_id)
            return True
        if isinstance(header, PhaseHeaderItem):
            scene.actions.rename_phase(header.phase_id)
            return True
        arrow = next((i for i in under if isinstance(i, HandoffItem)), None)
        if arrow is not None:
            scene.actions.rename_handoff(arrow.handoff_id)
            return True
        blocking = [
            i
            for i in under
            if i.acceptedMouseButtons() != Qt.MouseButton.NoButton and i.isVisible() and i.zValue() >= 40
        ]
        return not blocking and scene.add_step_at(pos) is not None

    # ------------------------------------------------------------ keys
    def key(self, event) -> bool:
        """True when the key was handled (the title editor gets keys while it is open)."""
        scene = self.scene
        if isinstance(self.active, TitleEdit):
            return False
        if scene.keyboard.key_press(event):  # cell cursor, adding and connecting steps
            return True
        key = event.key()
        if key in ARROWS and scene.selected_step_ids():
            scene.nudge_selection(*ARROWS[key])
            return True
        if key == Qt.Key.Key_F2:
            ids = scene.selected_step_ids()
            return bool(ids) and scene.edit_title(ids[0])
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and scene.selected_ids():
            scene.delete_selection()
            return True
        if key == Qt.Key.Key_Escape:
            if self.active is not None and self.active.cancels_on_escape():
                self.cancel()
            elif self.connect_mode:
                scene.set_connect_mode(False)
            else:
                scene.clearSelection()
            return True
        return False

    # ------------------------------------------------------------ palette drops
    def drag_enter(self, event) -> bool:
        if dropped_image(event.mimeData()) is not None:  # an image file for a card
            return True  # accepted while over a card (drag_move)
        fields = mime.decode_step(event.mimeData())
        if fields is None:
            return False
        self.begin(PaletteDrop(self.scene, fields), event.scenePos())
        return True

    def drag_move(self, event) -> bool:
        """True while the drop would add a step (over a cell) or an image (over a card)."""
        if dropped_image(event.mimeData()) is not None:
            return self.scene.step_at(event.scenePos()) is not None
        gesture = self.active
        if not isinstance(gesture, PaletteDrop):
            return False
        gesture.move(event.scenePos())
        return gesture.over_cell

    def drag_leave(self) -> None:
        if isinstance(self.active, PaletteDrop):
            self.cancel()
        self.scene.drop_indicator.hide()

    def drop(self, event) -> bool:
        path = dropped_image(event.mimeData())
        card = self.scene.step_at(event.scenePos()) if path is not None else None
        if path is not None:
            return card is not None and self.scene.workshop.set_image_from_file(card.step_id, path)
        if not isinstance(self.active, PaletteDrop):
            self.scene.drop_indicator.hide()
            return False
        return self.finish(event.scenePos())

    # ------------------------------------------------------------ hover/handle
    def card_hover(self, item: StepItem, entered: bool, pos: QPointF | None = None) -> None:
        handle = self.scene.handle
        if entered:
            self.hovered = item.step_id
            if self.active is None:
                handle.attach(item.step_id, item.scene_card_rect())
            return
        if self.hovered == item.step_id:
            self.hovered = None
        if not handle.covers(pos):
            self.place_handle()

    def handle_left(self) -> None:
        if self.hovered is None:
            self.place_handle()

    def place_handle(self) -> None:
        """Show the handle on the hovered card, else on the one selected card, else hide."""
        if isinstance(self.active, Connect):
            return
        scene = self.scene
        sid = self.hovered
        if sid is None:
            selected = [i for i in scene.selectedItems() if isinstance(i, StepItem)]
            sid = selected[0].step_id if len(selected) == 1 else None
        item = scene.step_item(sid) if sid else None
        scene.handle.attach(sid if item else None, item.scene_card_rect() if item else None)

    def selection_changed(self) -> None:
        if self.hovered is None:
            self.place_handle()

    # ------------------------------------------------------------ edits
    def nudge(self, dcol: int, dlane: int) -> bool:
        """Move the selected cards by whole columns/lanes (clamped); one undo entry."""
        scene = self.scene
        moves = edits.nudge_moves(scene.doc, scene.selected_step_ids(), dcol, dlane)
        if not moves:
            return False
        return scene.controller.push(edits.move_steps(scene.doc, moves), "Nudge")
