"""Paste text as many steps, for the canvas (Edit > Paste Text as Steps, Ctrl+Shift+V)
and the outline (Ctrl+V): the small dialog with its preview, and the one undo entry.

The decisions are the core's (:mod:`blueprint_editor.core.paste_text`): this module asks
the user, for several lines, whether they stack in the cell or go along the lane (a
preview shows where each step lands), and pushes the batch. A tab-separated block needs
no question: it is pasted as a grid at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core.document import Document
from blueprint_editor.core.paste_text import (
    Cell,
    Mode,
    PasteError,
    PastePlan,
    describe,
    inserted_ids,
    paste_batch,
    plan,
)
from blueprint_editor.qt.editing.plain_text import for_display, new_label
from blueprint_editor.qt.editing.undo import EditController

#: the preview lists at most this many steps
PREVIEW_LIMIT = 200


class PasteDialog(QDialog):
    """Stack the pasted lines in the cell, or put them along the lane; with a preview."""

    def __init__(self, doc: Document, paste: PastePlan, cell: Cell, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pasteTextDialog")
        self.setWindowTitle("Paste text as steps")
        self.doc, self.paste, self.cell = doc, paste, cell
        layout = QVBoxLayout(self)
        layout.addWidget(new_label(f"{paste.count} lines of text become {paste.count} steps:", self))
        self.stack_button = QRadioButton("&Stacked in the cell", self)
        self.along_button = QRadioButton("&Along the lane, one per column", self)
        self.stack_button.setChecked(True)
        for button in (self.stack_button, self.along_button):
            button.toggled.connect(self._fill_preview)
            layout.addWidget(button)
        self.preview = QTreeWidget(self)
        self.preview.setObjectName("pastePreview")
        self.preview.setRootIsDecorated(False)
        self.preview.setHeaderLabels(["Lane", "Column", "Step"])
        layout.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 360)
        self._fill_preview()

    def mode(self) -> Mode:
        return "along" if self.along_button.isChecked() else "stack"

    def preview_rows(self) -> list[tuple[str, str, str]]:
        return describe(self.doc, self.paste, self.cell, self.mode())[:PREVIEW_LIMIT]

    def _fill_preview(self) -> None:
        self.preview.clear()
        items = [QTreeWidgetItem([for_display(t) for t in row]) for row in self.preview_rows()]
        self.preview.addTopLevelItems(items)


def ask_mode(doc: Document, paste: PastePlan, cell: Cell, parent: QWidget | None) -> Mode | None:
    """The dialog's answer for lines (None: cancelled); a block is a grid, no question."""
    if paste.is_grid:
        return "grid"
    if paste.count == 1:
        return "stack"
    dialog = PasteDialog(doc, paste, cell, parent)
    return dialog.mode() if dialog.exec() == QDialog.DialogCode.Accepted else None


def paste_text(
    controller: EditController, text: str, cell: Cell | None, parent: QWidget | None
) -> tuple[list[str], str]:
    """Paste ``text`` at ``cell`` as one undo entry: (new step ids, message for the
    status bar). Nothing changes when the text has no title, the cell is unknown, the
    user cancels or the core refuses."""
    doc = controller.doc
    if cell is None:
        return [], "Choose a cell to paste into first"
    try:
        paste = plan(text)
        paste_batch(doc, paste, cell)  # refuses (with its reason) before any question
        mode = ask_mode(doc, paste, cell, parent)
        if mode is None:
            return [], "Paste cancelled"
        batch = paste_batch(doc, paste, cell, mode)
    except PasteError as exc:
        return [], str(exc)
    if not controller.push(batch, "Paste text"):
        return [], "The paste was refused"
    ids = inserted_ids(batch)
    return ids, f"Pasted {len(ids)} step{'s' if len(ids) != 1 else ''}"
