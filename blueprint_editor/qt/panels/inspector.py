"""The inspector: every property of the selection, editable without touching JSON.

It follows the canvas selection: one step, one handoff, several elements, or (nothing
selected) the blueprint itself; ``show_lane(id)`` shows a lane (the canvas calls it when a
lane header is chosen). The forms live in :mod:`blueprint_editor.qt.panels.inspector_forms`;
each committed change is one undo entry. The inspector reloads its form from the
document after every change that touches what it shows, so undo, the canvas and other
panels are reflected at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsSceneMouseEvent,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core.document import Document
from blueprint_editor.qt.editing.document_signals import document_signals
from blueprint_editor.qt.editing.undo import EditController
from blueprint_editor.qt.panels.inspector_forms import (
    BaseForm,
    BlueprintForm,
    HandoffForm,
    LaneForm,
    MultiForm,
    StepForm,
)


class Inspector(QWidget):
    def __init__(
        self, document: Document, controller: EditController, scene=None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.document = document
        self.controller = controller
        #: the canvas whose selection the inspector shows (a BlueprintScene), or None
        self.scene = scene
        self.step_form = StepForm(document, controller)
        self.handoff_form = HandoffForm(document, controller)
        self.lane_form = LaneForm(document, controller)
        self.blueprint_form = BlueprintForm(document, controller)
        self.multi_form = MultiForm(document, controller)
        self.stack = QStackedWidget()
        for form in self._forms():
            self.stack.addWidget(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setMinimumWidth(260)
        self._lane: str | None = None
        self.show_blueprint()
        document_signals(document).changed.connect(self._on_events)
        if scene is not None:
            scene.selectionUpdated.connect(self.follow_selection)
            scene.installEventFilter(self)  # a click on a lane header shows the lane
            self.follow_selection()

    def _forms(self) -> list[BaseForm]:
        return [self.blueprint_form, self.step_form, self.handoff_form, self.lane_form, self.multi_form]

    # ------------------------------------------------------------------ api
    @property
    def current_form(self) -> BaseForm:
        form = self.stack.currentWidget()
        assert isinstance(form, BaseForm), "the stack holds the forms only"
        return form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.scene
            and isinstance(event, QGraphicsSceneMouseEvent)
            and event.type() == QEvent.Type.GraphicsSceneMousePress
            and event.button() == Qt.MouseButton.LeftButton
        ):
            lane = self._lane_header_at(event.scenePos())
            if lane is not None:
                self.show_lane(lane)
            elif self._lane is not None:
                self._lane = None  # a click elsewhere: the lane is no longer chosen
                if self.current_form is self.lane_form:
                    self.show_blueprint()
        return False

    def _lane_header_at(self, pos) -> str | None:
        from blueprint_editor.qt.canvas.items import LaneHeaderItem

        for item in self.scene.items(pos):
            if isinstance(item, LaneHeaderItem):
                return item.lane_id
        return None

    def follow_selection(self) -> None:
        scene = self.scene
        if scene is None:
            return
        steps = list(scene.selected_step_ids())
        handoffs = list(scene.selected_handoff_ids())
        if len(steps) == 1 and not handoffs:
            self.show_step(steps[0])
        elif len(handoffs) == 1 and not steps:
            self.show_handoff(handoffs[0])
        elif steps or handoffs:
            self._lane = None
            self._switch(self.multi_form)
            self.multi_form.show_selection(steps, handoffs)
        elif self._lane is not None and self.document.find("lanes", self._lane) is not None:
            self.show_lane(self._lane)  # a lane header was clicked: it stays shown
        else:
            self.show_blueprint()

    def show_step(self, ident: str) -> None:
        self._lane = None
        self._switch(self.step_form)
        self.step_form.show_element(ident)

    def show_handoff(self, ident: str) -> None:
        self._lane = None
        self._switch(self.handoff_form)
        self.handoff_form.show_element(ident)

    def show_lane(self, ident: str) -> None:
        self._switch(self.lane_form)
        self._lane = ident
        self.lane_form.show_element(ident)

    def show_blueprint(self) -> None:
        self._switch(self.blueprint_form)
        self._lane = None
        self.blueprint_form.load()

    def set_findings(self, findings) -> None:
        """Show the checks' findings for the shown step (connect to findingsChanged)."""
        for form in self._forms():
            form.set_findings(findings)

    def detach(self) -> None:
        document_signals(self.document).changed.disconnect(self._on_events)

    # ------------------------------------------------------------ internals
    def _switch(self, form: BaseForm) -> None:
        current = self.current_form
        if current is not None:
            current.flush()  # typed but not confirmed: commit to the element it belongs to
        if current is not form:
            self.stack.setCurrentWidget(form)

    def _on_events(self, events) -> None:
        form = self.current_form
        if form is self.blueprint_form or form is self.multi_form:
            form.load()
            return
        ident = form.ident
        if form.element() is None:  # deleted (or undone away): fall back
            if form is self.lane_form:
                self.show_blueprint()
            else:
                self.follow_selection() if self.scene is not None else self.show_blueprint()
            return
        if any(
            e.action == "reset"
            or e.id == ident
            or e.collection in ("lanes", "columns", "comments")
            or (form is self.handoff_form and e.collection == "steps")
            for e in events
        ):
            form.load()
