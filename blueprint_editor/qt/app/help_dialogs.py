"""Help > Keyboard Shortcuts: a non-modal list of every menu command and its keys."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

CANVAS_HINTS = (
    "On the canvas: drag a card from the palette into a lane; drag a step to "
    "move it; drag from a step's handle to another step (or click the handle, "
    "then the step) to connect them; arrow keys nudge the selection; Ctrl+wheel "
    "zooms; middle button or Space+drag pans.\n\n"
    "Keyboard: Tab adds a step in the next cell of the lane (also while typing "
    "a title), Enter one in the lane below, Insert one in the cell cursor's "
    "cell; type its title, Enter keeps it. With nothing selected the arrow keys "
    "move the cell cursor; Ctrl+arrow moves it and selects the step there. "
    "Ctrl+Shift+arrow connects the selected step to the nearest one that way; "
    "Ctrl+L connects it to a step found by typing its title.\n\n"
    "Presenting (F5): PgDn, Right, Down or Space shows the next phase, PgUp, "
    "Left or Up the previous one, Home the whole blueprint, End the last phase; "
    "+ and - change the text size; a click on a card shows its details; Esc "
    "returns to editing. F11: full screen; F10: hide or show every panel."
)


class ShortcutsDialog(QDialog):
    def __init__(self, entries, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, action in entries:
            keys = ", ".join(s.toString(s.SequenceFormat.NativeText) for s in action.shortcuts())
            if not keys:
                continue
            if menu not in groups:
                groups[menu] = QTreeWidgetItem(self.tree, [menu])
                font = groups[menu].font(0)
                font.setBold(True)
                groups[menu].setFont(0, font)
            QTreeWidgetItem(self.tree, [action.text().replace("&", ""), keys])
        self.tree.resizeColumnToContents(0)
        extra = QLabel(CANVAS_HINTS)
        extra.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(extra)
        layout.addWidget(buttons)
        self.resize(460, 560)
