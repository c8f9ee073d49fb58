"""The "Questions and actions" dock: every comment of the blueprint in one list.

A row shows whether the comment is done (a check box: tick it off), its kind, its text,
its owner and what it is about (a step, a handoff or the whole blueprint). The text and
owner are edited in place; the filters show one kind and hide the done ones; the buttons
add a question, action or note on the selected step or handoff (or on the blueprint)
and remove the chosen comment. A click on a row selects its step or handoff on the
canvas and brings it into view. Every change is one undo entry; the list is redrawn
from the document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import COMMENT_KINDS, Comment
from blueprint_editor.core.operations import Event
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.editing.document_signals import document_signals

KIND_NAMES = {"question": "Question", "action": "Action", "note": "Note"}
COL_DONE, COL_KIND, COL_TEXT, COL_OWNER, COL_TARGET = range(5)
ID_ROLE = Qt.ItemDataRole.UserRole


def target_text(doc: Document, target: str | None) -> str:
    """What a comment is about, in words."""
    if target is None:
        return "The blueprint"
    step = doc.find("steps", target)
    if step is not None:
        return step.title
    handoff = doc.find("handoffs", target)
    if handoff is not None:
        source, dest = doc.find("steps", handoff.source), doc.find("steps", handoff.target)
        ends = f"{source.title if source else '?'} \u2192 {dest.title if dest else '?'}"
        return f"{handoff.label} ({ends})" if handoff.label else ends
    return target


class CommentsPanel(QWidget):
    #: (message) for the status bar
    message = Signal(str)

    def __init__(self, doc: Document, controller, scene: BlueprintScene, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Questions and actions")
        self.setObjectName("commentsPanel")
        self.doc, self.controller, self.scene = doc, controller, scene
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("commentKindFilter")
        self.kind_filter.addItem("All kinds", None)
        for kind in COMMENT_KINDS:
            self.kind_filter.addItem(KIND_NAMES[kind] + "s", kind)
        self.show_done = QCheckBox("Show done")
        self.show_done.setObjectName("commentShowDone")
        self.show_done.setChecked(True)
        self.add_buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.show_done)
        bar.addStretch(1)
        for kind in COMMENT_KINDS:
            button = QPushButton(f"Add {kind}")
            button.setObjectName(f"add_{kind}")
            button.setToolTip(f"Add a {kind} on the selected step or handoff (or on the blueprint)")
            button.clicked.connect(lambda _=False, k=kind: self.add(k))
            self.add_buttons[kind] = button
            bar.addWidget(button)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeComment")
        self.remove_button.clicked.connect(self.remove_current)
        bar.addWidget(self.remove_button)
        self.tree = QTreeWidget()
        self.tree.setObjectName("commentsList")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["Done", "Kind", "Text", "Owner", "About"])
        self.tree.setColumnWidth(COL_DONE, 50)
        self.tree.setColumnWidth(COL_KIND, 80)
        self.tree.setColumnWidth(COL_TEXT, 320)
        self.tree.setEditTriggers(
            QTreeWidget.EditTrigger.DoubleClicked | QTreeWidget.EditTrigger.EditKeyPressed
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self._filling = False
        self._editing = False  # inside the tree's own itemChanged
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.show_done.toggled.connect(self.refresh)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemClicked.connect(self._item_clicked)
        document_signals(doc).changed.connect(self._on_events)
        self.refresh()

    # ------------------------------------------------------------- reading
    def _on_events(self, events: list[Event]) -> None:
        if any(
            e.action == "reset" or e.collection in ("comments", "steps", "handoffs") or e.collection is None
            for e in events
        ):
            if self._editing:
                # the tree is inside the signal of the item just edited: rebuilding now
                # would delete the item Qt is still handling; rebuild right after it
                QTimer.singleShot(0, self.refresh)
            else:
                self.refresh()

    def visible_comments(self) -> list[Comment]:
        kind = self.kind_filter.currentData()
        done = self.show_done.isChecked()
        return [
            c
            for c in self.doc.blueprint.comments
            if (kind is None or c.kind == kind) and (done or not c.done)
        ]

    def refresh(self) -> None:
        current = self.current_id()
        self._filling = True
        try:
            self.tree.clear()
            flags = (
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEditable
            )
            for c in self.visible_comments():
                item = QTreeWidgetItem(
                    ["", KIND_NAMES[c.kind], c.text, c.owner, target_text(self.doc, c.target)]
                )
                item.setFlags(flags)
                item.setData(COL_DONE, ID_ROLE, c.id)
                item.setCheckState(COL_DONE, Qt.CheckState.Checked if c.done else Qt.CheckState.Unchecked)
                item.setToolTip(COL_TEXT, c.text)
                self.tree.addTopLevelItem(item)
                if c.id == current:
                    self.tree.setCurrentItem(item)
        finally:
            self._filling = False

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(COL_DONE, ID_ROLE) if item is not None else None

    def row_of(self, comment_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(COL_DONE, ID_ROLE) == comment_id:
                return item
        return None

    # ------------------------------------------------------------- editing
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling:
            return
        self._editing = True
        try:
            self._apply_item(item, column)
        finally:
            self._editing = False

    def _apply_item(self, item: QTreeWidgetItem, column: int) -> None:
        cid = item.data(COL_DONE, ID_ROLE)
        comment = self.doc.find("comments", cid)
        if comment is None:
            return
        if column == COL_DONE:
            done = item.checkState(COL_DONE) == Qt.CheckState.Checked
            self.controller.push(
                edits.set_fields(self.doc, "comments", cid, done=done),
                "Tick off comment" if done else "Reopen comment",
            )
        elif column == COL_TEXT:
            self.controller.push(
                edits.set_fields(self.doc, "comments", cid, text=item.text(COL_TEXT)), "Edit comment"
            )
        elif column == COL_OWNER:
            self.controller.push(
                edits.set_fields(self.doc, "comments", cid, owner=item.text(COL_OWNER).strip()),
                "Edit comment owner",
            )
        else:
            QTimer.singleShot(0, self.refresh)  # kind and target are not edited in place

    def add(self, kind: str, target: str | None = None) -> str | None:
        """Add a comment of ``kind`` on ``target`` (default: the one selected step or
        handoff, else the blueprint) and open its text for typing; returns its id."""
        if target is None:
            selected = self.scene.selected_ids()
            target = selected[0] if len(selected) == 1 else None
        op = edits.add_comment(self.doc, target, kind)  # type: ignore[arg-type]
        if not self.controller.push(op, f"Add {kind}"):
            return None
        new_id = self.doc.blueprint.comments[-1].id  # added last
        if self.kind_filter.currentData() not in (None, kind):
            self.kind_filter.setCurrentIndex(0)
        row = self.row_of(new_id)
        if row is not None:
            self.tree.setCurrentItem(row)
            self.tree.editItem(row, COL_TEXT)
        return new_id

    def remove_current(self) -> bool:
        cid = self.current_id()
        if cid is None:
            self.message.emit("Choose a comment to remove")
            return False
        return self.controller.push(edits.delete_elements(self.doc, [cid]), "Remove comment")

    # ------------------------------------------------------------- going there
    def _item_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != COL_DONE:
            self.go_to(item.data(COL_DONE, ID_ROLE))

    def go_to(self, comment_id: str) -> bool:
        """Select the step or handoff a comment is about and bring it into view."""
        comment = self.doc.find("comments", comment_id)
        if comment is None or comment.target is None:
            return False
        self.scene.select_ids([comment.target])
        item = self.scene.step_item(comment.target) or self.scene.handoff_item(comment.target)
        if item is not None:
            for view in self.scene.views():
                view.ensureVisible(item.sceneBoundingRect(), 60, 60)
        return True
