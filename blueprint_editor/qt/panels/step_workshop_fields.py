"""The step inspector's fields for what a workshop adds: the channel (a choice with the
channel icons) and the image (choose or replace a PNG/JPEG file, remove it).

:class:`StepWorkshopFields` adds its rows to a :class:`~.inspector_forms.StepForm`
(``form.workshop``) and is filled with the form; every change is one undo entry through
the form's controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from blueprint_editor.core import edits
from blueprint_editor.core.model import CHANNELS, Step
from blueprint_editor.qt.canvas.channel_icons import NAMES as CHANNEL_NAMES
from blueprint_editor.qt.canvas.channel_icons import channel_icon
from blueprint_editor.qt.editing.images import ImageError, read_image

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.panels.inspector_forms import StepForm


class StepWorkshopFields:
    def __init__(self, form: StepForm, channel_combo: QComboBox):
        self.form = form
        self.channel_combo = channel_combo
        channel_combo.setObjectName("stepChannel")
        channel_combo.addItem("None", None)
        for channel in CHANNELS:
            channel_combo.addItem(channel_icon(channel), CHANNEL_NAMES[channel], channel)
        channel_combo.setToolTip("How the customer meets this step (drawn on the card)")
        channel_combo.activated.connect(self._commit_channel)
        form.form.addRow("Channel", channel_combo)

        #: ``ask_image_path() -> str | None``: the file dialog (tests script it)
        self.ask_image_path = self._ask_image_path
        row = QWidget(form)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.image_button = QPushButton("Choose\u2026", row)
        self.image_button.setObjectName("stepImageChoose")
        self.image_button.setToolTip(
            "Show a PNG or JPEG photo on the card (at most 2 MB; larger ones are scaled down)"
        )
        self.image_button.clicked.connect(self.choose_image)
        self.image_remove = QPushButton("Remove", row)
        self.image_remove.setObjectName("stepImageRemove")
        self.image_remove.clicked.connect(self.remove_image)
        box.addWidget(self.image_button)
        box.addWidget(self.image_remove)
        box.addStretch(1)
        form.form.addRow("Image", row)

        self.comment_list = QListWidget(form)
        self.comment_list.setObjectName("stepComments")
        self.comment_list.setMaximumHeight(96)
        self.comment_list.setToolTip(
            "Questions, actions and notes on this step: tick one off, double-click to edit its text"
        )
        self.comment_list.itemChanged.connect(self._comment_changed)
        self.add_question = QPushButton("Add question", form)
        self.add_question.setObjectName("stepAddQuestion")
        self.add_question.clicked.connect(self.add_comment)
        form.form.addRow("Comments", self.comment_list)
        form.form.addRow("", self.add_question)
        self._filling = False

    def fill(self, step: Step) -> None:
        combo = self.channel_combo
        combo.setCurrentIndex(max(0, combo.findData(step.channel)))
        self.image_button.setText("Replace\u2026" if step.image else "Choose\u2026")
        self.image_remove.setEnabled(step.image is not None)
        self._filling = True
        try:
            self.comment_list.clear()
            for c in self.form.doc.comments_of(step.id):
                item = QListWidgetItem(c.text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsEditable
                )
                item.setCheckState(Qt.CheckState.Checked if c.done else Qt.CheckState.Unchecked)
                item.setToolTip(f"{c.kind.capitalize()}" + (f", {c.owner}" if c.owner else ""))
                self.comment_list.addItem(item)
        finally:
            self._filling = False

    def _comment_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        doc, cid = self.form.doc, item.data(Qt.ItemDataRole.UserRole)
        comment = doc.find("comments", cid)
        if comment is None:
            return
        done = item.checkState() == Qt.CheckState.Checked
        if done != comment.done:
            self.form.controller.push(
                edits.set_fields(doc, "comments", cid, done=done),
                "Tick off comment" if done else "Reopen comment",
            )
        elif item.text() != comment.text:
            self.form.controller.push(
                edits.set_fields(doc, "comments", cid, text=item.text()), "Edit comment"
            )

    def add_comment(self) -> bool:
        """A new open question on the step, its text opened for typing."""
        step = self.form.element()
        if step is None:
            return False
        if not self.form.controller.push(
            edits.add_comment(self.form.doc, step.id, "question"), "Add question"
        ):
            return False
        last = self.comment_list.item(self.comment_list.count() - 1)
        if last is not None:
            self.comment_list.setCurrentItem(last)
            self.comment_list.editItem(last)
        return True

    def _commit_channel(self, index: int) -> None:
        self.form.commit("Edit channel", channel=self.channel_combo.itemData(index))

    def _ask_image_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.form, "Choose an image", "", "Images (*.png *.jpg *.jpeg)")
        return path or None

    def choose_image(self) -> bool:
        """Show a chosen image file on the step (replacing its image); one undo entry."""
        form = self.form
        step = form.element()
        path = self.ask_image_path() if step is not None else None
        if step is None or path is None:
            return False
        try:
            media_type, data, note = read_image(path)
        except ImageError as exc:
            form.controller.error.emit(str(exc))
            return False
        op = edits.set_step_image(form.doc, step.id, media_type, data)  # type: ignore[arg-type]
        done = form.controller.push(op, "Replace image" if step.image else "Set image")
        if done and note:
            form.controller.error.emit(note)  # the status bar says it was scaled down
        return done

    def remove_image(self) -> bool:
        step = self.form.element()
        if step is None or step.image is None:
            return False
        return self.form.controller.push(edits.set_step_image(self.form.doc, step.id), "Remove image")
