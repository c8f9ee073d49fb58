"""The inspector's forms: one per kind of thing the inspector can show.

A form shows one element as it is in the document and turns each committed change
(Enter or leaving a field, a click on a box, a choice in a list) into ONE edit pushed
through the :class:`~blueprint_editor.qt.editing.undo.EditController`, so each change is one
undo entry. Forms hold no state of their own: ``load()`` reads the document again after
every change (ours, undo, the canvas), with signals blocked, so loading never edits.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.durations import DurationError, format_duration, parse_duration
from blueprint_editor.core.model import DEFAULT_LANE_TITLES, LANE_KINDS, Collection
from blueprint_editor.core.operations import Batch
from blueprint_editor.qt.canvas.checks_style import COLOURS, severity_of
from blueprint_editor.qt.editing.plain_text import heading_part, plain_label, rich_escape, tooltip
from blueprint_editor.qt.editing.undo import EditController
from blueprint_editor.qt.panels.step_workshop_fields import StepWorkshopFields

EMOTIONS = [
    (None, "none"),
    (-2, "−2  very negative"),
    (-1, "−1  negative"),
    (0, "0  neutral"),
    (1, "+1  positive"),
    (2, "+2  very positive"),
]

FLAGS = [
    ("fail_point", "Fail point", "Something here often goes wrong (Shostack)"),
    ("wait_point", "Wait point", "The customer waits here"),
    ("moment_of_truth", "Moment of truth", "This step decides how the customer sees the service"),
    ("self_service", "Self-service", "The customer does this alone, without staff contact"),
]

KIND_NAMES = {kind: DEFAULT_LANE_TITLES[kind] for kind in LANE_KINDS}


# ------------------------------------------------------------------ value helpers
def format_tags(tags) -> str:
    return ", ".join(tags)


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags, trimmed, blanks dropped, duplicates dropped (first kept)."""
    return list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


# ------------------------------------------------------------------ widgets
class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits like a line edit: on leaving it or Ctrl+Enter."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(72)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def keyPressEvent(self, event) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)


class ChoiceBox(QComboBox):
    """A combo box the mouse wheel changes only once it has focus, so scrolling the
    inspector past it never edits the blueprint."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _heading(text: str, parent: QWidget) -> QLabel:
    label = plain_label(QLabel(text, parent))
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def _note(text: str, parent: QWidget) -> QLabel:
    label = plain_label(QLabel(text, parent))
    label.setWordWrap(True)
    # a long unbroken title never widens the inspector (it is shortened too)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class BaseForm(QWidget):
    """Shared plumbing: the document, the controller, a guarded loader, commits."""

    collection: Collection | None = None
    noun = "element"

    def __init__(self, doc: Document, controller: EditController, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.controller = controller
        self.ident: str | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(6)
        self.heading = _heading(title, self)
        outer.addWidget(self.heading)
        self.subtitle = _note("", self)
        outer.addWidget(self.subtitle)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        outer.addLayout(self.form)
        self.extra = QVBoxLayout()
        outer.addLayout(self.extra)
        self.problems = QLabel(self)
        self.problems.setObjectName(f"{self.noun}Problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        self.problems.setFrameShape(QFrame.Shape.StyledPanel)
        self.problems.setMargin(6)
        self.problems.hide()
        outer.addWidget(self.problems)
        outer.addStretch(1)
        self._findings: list = []

    # -- subclasses fill these in
    def _fill(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def element(self):
        return self.doc.find(self.collection, self.ident) if self.collection else None

    # -- the checks' findings about the shown element
    def set_findings(self, findings) -> None:
        self._findings = list(findings)
        self._fill_problems()

    def findings_here(self) -> list:
        if self.collection == "steps":
            return [f for f in self._findings if self.ident in (f.steps or ()) and not f.handoffs]
        if self.collection == "handoffs":
            return [f for f in self._findings if self.ident in (f.handoffs or ())]
        return []

    def _fill_problems(self) -> None:
        mine = self.findings_here()
        if not mine:
            self.problems.hide()
            return
        rows = []
        for f in mine:
            colour = COLOURS[severity_of(f)].name()
            rows.append(
                f"<p style='margin:2px 0'><span style='color:{colour}'>\u25cf</span> {_escape(f.message)}</p>"
            )
        self.problems.setText("".join(rows))
        self.problems.show()

    # -- loading
    def show_element(self, ident: str | None) -> None:
        self.ident = ident
        self.load()

    def load(self) -> None:
        """Show the document's current values (never pushes an edit)."""
        self._loading = True
        blocked = [(w, w.blockSignals(True)) for w in self.findChildren(QWidget)]
        try:
            self._fill()
            self._fill_problems()
        finally:
            for w, was in blocked:
                w.blockSignals(was)
            self._loading = False

    # -- committing
    def commit(self, text: str, **fields: Any) -> bool:
        """Push one edit setting ``fields`` on the shown element; reload on refusal."""
        if self._loading or (self.collection and self.element() is None):
            return False
        op = edits.set_fields(self.doc, self.collection, self.ident, **fields)
        ok = self.controller.push(op, text)
        if not ok:
            self.load()  # refused or no change: show what the document holds
        return ok

    def flush(self) -> None:
        """Commit fields edited but not yet confirmed (before the form switches away)."""
        for edit in self.findChildren(QLineEdit):
            if edit.isModified():
                edit.editingFinished.emit()
        for text_edit in self.findChildren(CommitTextEdit):
            if text_edit.document().isModified():
                text_edit.editingFinished.emit()

    def _line(self, label: str, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(False)
        self.form.addRow(label, edit)
        return edit

    def _text(self, label: str, name: str, placeholder: str = "") -> CommitTextEdit:
        edit = CommitTextEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit

    @staticmethod
    def _set_line(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)
        edit.setModified(False)
        if not edit.hasFocus():
            edit.setCursorPosition(0)

    @staticmethod
    def _set_text(edit: CommitTextEdit, text: str) -> None:
        if edit.toPlainText() != text:
            edit.setPlainText(text)
        edit.document().setModified(False)


# ------------------------------------------------------------------ step
class StepForm(BaseForm):
    collection = "steps"
    noun = "step"

    def __init__(self, doc: Document, controller: EditController, parent: QWidget | None = None):
        super().__init__(doc, controller, "Step", parent)
        self.title_edit = self._line("Title", "stepTitle", "What happens in this step")
        self.description_edit = self._text("Description", "stepDescription", "Details, notes")
        self.owner_edit = self._line("Owner", "stepOwner", "Who does it (role or team)")
        self.duration_edit = self._line("Duration", "stepDuration", "e.g. 45 min, 1 h 30 min, 2 d")
        self.duration_edit.setToolTip(
            "How long the step takes: 45 min, 1 h 30 min, 1:30, 2 d (24 h), 3 days;\n"
            "a number alone is minutes. Leave empty for no duration."
        )
        self.duration_error = plain_label(QLabel(self))
        self.duration_error.setObjectName("stepDurationError")
        self.duration_error.setWordWrap(True)
        self.duration_error.setStyleSheet(f"color: {COLOURS['error'].name()};")
        self.duration_error.hide()
        self.form.addRow("", self.duration_error)

        self.flag_boxes: dict[str, QCheckBox] = {}
        markers = QWidget(self)
        grid = QVBoxLayout(markers)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        for name, label, tip in FLAGS:
            box = QCheckBox(label, markers)
            box.setObjectName(f"step_{name}")
            box.setToolTip(tip)
            box.clicked.connect(
                lambda checked, n=name, l=label: self.commit(
                    f"{'Mark' if checked else 'Unmark'} {l.lower()}", **{n: checked}
                )
            )
            self.flag_boxes[name] = box
            grid.addWidget(box)
        self.form.addRow("Markers", markers)

        self.emotion_combo = ChoiceBox(self)
        self.emotion_combo.setObjectName("stepEmotion")
        for value, text in EMOTIONS:
            self.emotion_combo.addItem(text, value)
        self.emotion_combo.setToolTip("How the customer feels here (used on customer steps)")
        self.emotion_combo.activated.connect(self._commit_emotion)
        self.form.addRow("Emotion", self.emotion_combo)
        self.emotion_note = _note("Emotion is drawn on customer steps only.", self)
        self.form.addRow("", self.emotion_note)

        #: channel and image (format version 2)
        self.workshop = StepWorkshopFields(self, ChoiceBox(self))

        self.tags_edit = self._line("Tags", "stepTags", "comma, separated")

        self.title_edit.editingFinished.connect(
            lambda: self.commit("Rename step", title=self.title_edit.text())
        )
        self.description_edit.editingFinished.connect(
            lambda: self.commit("Edit description", description=self.description_edit.toPlainText())
        )
        self.owner_edit.editingFinished.connect(
            lambda: self.commit("Edit owner", owner=self.owner_edit.text().strip())
        )
        self.duration_edit.editingFinished.connect(self._commit_duration)
        self.tags_edit.editingFinished.connect(
            lambda: self.commit("Edit tags", tags=parse_tags(self.tags_edit.text()))
        )

    def _commit_duration(self) -> None:
        """Commit the typed duration; text that is not one stays, marked, with why."""
        if self._loading:
            return
        try:
            value = parse_duration(self.duration_edit.text())
        except DurationError as exc:
            self._show_duration_error(str(exc))
            self.controller.error.emit(f"Duration not changed: {exc}")
            return
        self._show_duration_error("")
        self.commit("Edit duration", duration_minutes=value)  # unchanged: shows the units

    def _show_duration_error(self, message: str) -> None:
        self.duration_error.setText(message)
        self.duration_error.setVisible(bool(message))
        self.duration_edit.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {COLOURS['error'].name()}; }}" if message else ""
        )

    def _commit_emotion(self, index: int) -> None:
        self.commit("Edit emotion", emotion=self.emotion_combo.itemData(index))

    def _fill(self) -> None:
        step = self.element()
        self.setEnabled(step is not None)
        if step is None:
            return
        lane = self.doc.find("lanes", step.lane)
        column_no = self.doc.position("columns", step.column) + 1
        lane_title = lane.title if lane is not None else step.lane
        self.subtitle.setText(f"In “{heading_part(lane_title)}”, column {column_no}")
        self.subtitle.setToolTip(tooltip(lane_title) if heading_part(lane_title) != lane_title else "")
        self._set_line(self.title_edit, step.title)
        self._set_text(self.description_edit, step.description)
        self._set_line(self.owner_edit, step.owner)
        self._set_line(self.duration_edit, format_duration(step.duration_minutes))
        self._show_duration_error("")
        for name, box in self.flag_boxes.items():
            box.setChecked(bool(getattr(step, name)))
        self.emotion_combo.setCurrentIndex(
            max(0, self.emotion_combo.findData(step.emotion)) if step.emotion is not None else 0
        )
        customer = lane is not None and lane.kind == "customer"
        self.emotion_note.setVisible(not customer)
        self.workshop.fill(step)
        self._set_line(self.tags_edit, format_tags(step.tags))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _escape(text: str) -> str:
    return rich_escape(text)


# ------------------------------------------------------------------ handoff
class HandoffForm(BaseForm):
    collection = "handoffs"
    noun = "handoff"

    def __init__(self, doc: Document, controller: EditController, parent: QWidget | None = None):
        super().__init__(doc, controller, "Handoff", parent)
        self.label_edit = self._line("Label", "handoffLabel", "What passes (optional)")
        self.two_way_box = QCheckBox("Two-way (double arrow)", self)
        self.two_way_box.setObjectName("handoffTwoWay")
        self.form.addRow("", self.two_way_box)
        self.reverse_button = QPushButton("Reverse direction", self)
        self.reverse_button.setObjectName("handoffReverse")
        self.reverse_button.setToolTip("Swap the handoff's source and target")
        self.form.addRow("", self.reverse_button)
        self.reverse_button.clicked.connect(self.reverse)
        self.label_edit.editingFinished.connect(
            lambda: self.commit("Edit handoff label", label=self.label_edit.text())
        )
        self.two_way_box.clicked.connect(
            lambda checked: self.commit(
                "Make handoff two-way" if checked else "Make handoff one-way", two_way=checked
            )
        )

    def reverse(self) -> bool:
        """Swap source and target (one undo entry), as the arrow's context menu does."""
        h = self.element()
        if h is None:
            return False
        return self.commit("Reverse handoff", source=h.target, target=h.source)

    def _fill(self) -> None:
        h = self.element()
        self.setEnabled(h is not None)
        if h is None:
            return
        src, dst = self.doc.find("steps", h.source), self.doc.find("steps", h.target)
        arrow = "↔" if h.two_way else "→"
        source, target = (src.title if src else h.source), (dst.title if dst else h.target)
        self.subtitle.setText(f"“{heading_part(source)}” {arrow} “{heading_part(target)}”")
        self.subtitle.setToolTip(tooltip(f"“{source}” {arrow} “{target}”"))
        self._set_line(self.label_edit, h.label)
        self.two_way_box.setChecked(h.two_way)


# ------------------------------------------------------------------ lane
class LaneForm(BaseForm):
    collection = "lanes"
    noun = "lane"

    def __init__(self, doc: Document, controller: EditController, parent: QWidget | None = None):
        super().__init__(doc, controller, "Lane", parent)
        self.title_edit = self._line("Title", "laneTitle")
        self.kind_combo = ChoiceBox(self)
        self.kind_combo.setObjectName("laneKind")
        for kind in LANE_KINDS:
            self.kind_combo.addItem(KIND_NAMES[kind], kind)
        self.form.addRow("Kind", self.kind_combo)
        self.extra.addWidget(
            _note(
                "The kind decides the lines drawn between lanes and which checks apply to the lane's steps.",
                self,
            )
        )
        self.title_edit.editingFinished.connect(
            lambda: self.commit("Rename lane", title=self.title_edit.text())
        )
        self.kind_combo.activated.connect(
            lambda i: self.commit("Change lane kind", kind=self.kind_combo.itemData(i))
        )

    def _fill(self) -> None:
        lane = self.element()
        self.setEnabled(lane is not None)
        if lane is None:
            return
        n = sum(1 for s in self.doc.blueprint.steps if s.lane == lane.id)
        self.subtitle.setText(_count(n, "step"))
        self._set_line(self.title_edit, lane.title)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(lane.kind))


# ------------------------------------------------------------------ blueprint
class BlueprintForm(BaseForm):
    collection = None
    noun = "blueprint"

    def __init__(self, doc: Document, controller: EditController, parent: QWidget | None = None):
        super().__init__(doc, controller, "Blueprint", parent)
        self.title_edit = self._line("Title", "blueprintTitle", "Name of the service")
        self.description_edit = self._text("Description", "blueprintDescription", "Scope, persona, scenario")
        self.description_edit.setFixedHeight(110)
        self.extra.addWidget(_note("Select a step, a handoff or a lane to edit it here.", self))
        self.title_edit.editingFinished.connect(
            lambda: self.commit("Rename blueprint", title=self.title_edit.text())
        )
        self.description_edit.editingFinished.connect(
            lambda: self.commit("Edit blueprint description", description=self.description_edit.toPlainText())
        )

    def commit(self, text: str, **fields: Any) -> bool:
        bp = self.doc.blueprint
        changed = {k: v for k, v in fields.items() if getattr(bp, k) != v}
        if self._loading or not changed:
            return False
        ok = self.controller.push(edits.set_fields(self.doc, None, None, **changed), text)
        if not ok:
            self.load()
        return ok

    def _fill(self) -> None:
        bp = self.doc.blueprint
        self.subtitle.setText(
            ", ".join(
                _count(len(items), noun)
                for items, noun in (
                    (bp.lanes, "lane"),
                    (bp.columns, "column"),
                    (bp.steps, "step"),
                    (bp.handoffs, "handoff"),
                )
            )
        )
        self._set_line(self.title_edit, bp.title)
        self._set_text(self.description_edit, bp.description)


# ------------------------------------------------------------------ several
class MultiForm(BaseForm):
    """Several elements: a count, and the step markers set on all selected steps at once."""

    def __init__(self, doc: Document, controller: EditController, parent: QWidget | None = None):
        super().__init__(doc, controller, "Selection", parent)
        self.step_ids: list[str] = []
        self.handoff_ids: list[str] = []
        self.flag_boxes: dict[str, QCheckBox] = {}
        for name, label, tip in FLAGS:
            box = QCheckBox(label, self)
            box.setObjectName(f"multi_{name}")
            box.setToolTip(tip + " (applies to every selected step)")
            box.clicked.connect(lambda _c, n=name, b=box, l=label: self._commit_flag(n, b, l))
            self.flag_boxes[name] = box
            self.form.addRow("" if name != FLAGS[0][0] else "Markers", box)

    def show_selection(self, step_ids, handoff_ids) -> None:
        self.step_ids = list(step_ids)
        self.handoff_ids = list(handoff_ids)
        self.load()

    def _commit_flag(self, name: str, box: QCheckBox, label: str) -> None:
        value = box.checkState() != Qt.CheckState.Unchecked
        ops = [
            edits.set_fields(self.doc, "steps", s, **{name: value})
            for s in self.step_ids
            if self.doc.find("steps", s) is not None
        ]
        n = len(ops)
        verb = "Mark" if value else "Unmark"
        if not self.controller.push(Batch(tuple(ops), "Edit steps"), f"{verb} {label.lower()} on {n} steps"):
            self.load()

    def flush(self) -> None:
        pass

    def _fill(self) -> None:
        steps = [s for s in (self.doc.find("steps", i) for i in self.step_ids) if s is not None]
        n_h = sum(1 for i in self.handoff_ids if self.doc.find("handoffs", i) is not None)
        parts = []
        if steps:
            parts.append(f"{len(steps)} step{'s' if len(steps) != 1 else ''}")
        if n_h:
            parts.append(f"{n_h} handoff{'s' if n_h != 1 else ''}")
        self.heading.setText(" and ".join(parts) + " selected" if parts else "Selection")
        self.subtitle.setText(
            "Markers below apply to every selected step."
            if steps
            else "Select one element to edit all of its properties."
        )
        for name, box in self.flag_boxes.items():
            values = {bool(getattr(s, name)) for s in steps}
            box.setEnabled(bool(steps))
            if len(values) == 2:
                box.setTristate(True)
                box.setCheckState(Qt.CheckState.PartiallyChecked)
            else:
                box.setTristate(False)
                box.setChecked(values == {True})
