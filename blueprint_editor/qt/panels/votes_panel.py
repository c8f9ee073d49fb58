"""The "Most voted" dock: the steps that got dot votes, most votes first.

A click on a row selects the step on the canvas and brings it into view. The list is
redrawn from the document whenever steps change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Step
from blueprint_editor.core.operations import Event
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.editing.document_signals import document_signals

ID_ROLE = Qt.ItemDataRole.UserRole


def most_voted(steps: list[Step]) -> list[Step]:
    """The steps with votes, most first (ties in document order)."""
    return sorted((s for s in steps if s.votes), key=lambda s: -s.votes)


class VotesPanel(QWidget):
    def __init__(self, doc: Document, scene: BlueprintScene, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Most voted")
        self.setObjectName("votesPanel")
        self.doc, self.scene = doc, scene
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("votesList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(self._clicked)
        document_signals(doc).changed.connect(self._on_events)
        self.refresh()

    def _on_events(self, events: list[Event]) -> None:
        if any(e.action == "reset" or e.collection == "steps" for e in events):
            self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        ranked = most_voted(self.doc.blueprint.steps)
        total = sum(s.votes for s in ranked)
        self.summary.setText(
            f"{total} votes on {len(ranked)} steps"
            if ranked
            else "No votes yet: turn on vote mode (toolbar) and click cards."
        )
        for step in ranked:
            item = QListWidgetItem(f"{step.votes}  \u2022  {step.title}")
            item.setData(ID_ROLE, step.id)
            self.list.addItem(item)

    def step_ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def _clicked(self, item: QListWidgetItem) -> None:
        sid = item.data(ID_ROLE)
        self.scene.select_ids([sid])
        card = self.scene.step_item(sid)
        if card is not None:
            for view in self.scene.views():
                view.ensureVisible(card.sceneBoundingRect(), 60, 60)
