"""The Compare panel: the changes between the open blueprint and another version.

It lists a :class:`~blueprint_editor.core.diff.Diff` (one row per change: kind, what,
title, detail), shows a legend of the canvas' highlight colours and steps through the rows
with Previous and Next. It holds nothing but the diff it shows. Signals: ``activated``
(collection, element id) when a row is chosen; ``closeRequested`` from its Close button.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core.diff import SINGULAR, Change, Diff
from blueprint_editor.qt.canvas.compare_marks import COLOURS, NAMES, pen_for
from blueprint_editor.qt.editing.plain_text import one_line, plain_label

REMOVED_COLOUR = "#cf222e"
ID_ROLE = Qt.ItemDataRole.UserRole
COLLECTION_ROLE = Qt.ItemDataRole.UserRole + 1


def _swatch(kind: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if kind in COLOURS:
        painter.setPen(pen_for(kind, 2.0))
    else:
        painter.setPen(QColor(REMOVED_COLOUR))
    painter.drawRoundedRect(2, 3, 12, 10, 3, 3)
    painter.end()
    return QIcon(pixmap)


def _value(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, str):
        return f"\u201c{one_line(value, 40)}\u201d"
    return one_line(str(value), 40)


def detail_of(change: Change) -> str:
    """The readable detail of a change: where it moved, which fields changed."""
    if change.kind == "moved":
        return f"{change.before} \u2192 {change.after}"
    if change.kind == "changed":
        return "; ".join(f"{f.name}: {_value(f.old)} \u2192 {_value(f.new)}" for f in change.fields)
    return ""


class ComparePanel(QWidget):
    activated = Signal(str, str)
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self.diff: Diff | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        # first row: the summary and the buttons; second row: the legend (two short rows:
        # the panel, a tab beside the checks, never widens the window)
        top = QHBoxLayout()
        self.summary = plain_label(QLabel(self))
        self.summary.setObjectName("compareSummary")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
        top.addWidget(self.summary, 1)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("\u25b2 Previous")
        self.previous_button.setToolTip("Go to the previous change")
        self.previous_button.setObjectName("comparePrevious")
        self.next_button = QToolButton(self)
        self.next_button.setText("\u25bc Next")
        self.next_button.setToolTip("Go to the next change")
        self.next_button.setObjectName("compareNext")
        self.close_button = QToolButton(self)
        self.close_button.setText("Close")
        self.close_button.setToolTip("End the comparison and clear the highlights")
        self.close_button.setObjectName("compareClose")
        for button in (self.previous_button, self.next_button, self.close_button):
            top.addWidget(button)
        layout.addLayout(top)
        # the legend: the outline colours of the canvas (cut, not widening, when narrow)
        entries = [
            f'<span style="color:{COLOURS[k]}; font-weight:600">\u25a2 {NAMES[k]}</span>'
            + (" (dashed)" if k == "moved" else "")
            for k in COLOURS
        ]
        entries.append(f'<span style="color:{REMOVED_COLOUR}">\u25a2 removed</span> (listed only)')
        self.legend = QLabel("&nbsp;&nbsp; ".join(entries), self)
        self.legend.setObjectName("compareLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.legend)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("compareList")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["Change", "Element", "Title", "Detail"])
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 220)
        header.setStretchLastSection(True)
        layout.addWidget(self.tree, 1)

        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.closeRequested)

    # ------------------------------------------------------------------ api
    def set_diff(self, diff: Diff, against: str, names: dict[str, str] | None = None) -> None:
        """Show ``diff`` (the open blueprint against ``against``); keeps the chosen row
        when the same change is still listed. ``names`` titles elements that have none
        (a handoff without a label: "source → target")."""
        names = names or {}
        current = self.current_key()
        self.diff = diff
        self.tree.clear()
        counts = diff.counts()
        if diff.same:
            self.summary.setText(f"Same as {against}.")
        else:
            parts = [f"{n} {kind}" for kind, n in counts.items() if n]
            findings = len(diff.findings_added) - len(diff.findings_removed)
            extra = f"; findings {findings:+d}" if diff.findings_added or diff.findings_removed else ""
            self.summary.setText(f"Against {against}: " + ", ".join(parts) + extra)
        self.summary.setToolTip(self.summary.text())
        items = []
        for change in diff.changes:
            what = SINGULAR.get(change.collection, change.collection)
            title = change.title or names.get(change.id, "")
            row = QTreeWidgetItem([change.kind, what, one_line(title, 80), detail_of(change)])
            row.setIcon(0, _swatch(change.kind))
            row.setData(0, ID_ROLE, change.id)
            row.setData(0, COLLECTION_ROLE, change.collection)
            row.setToolTip(3, detail_of(change))
            if change.kind == "removed":
                row.setForeground(2, QBrush(QColor(REMOVED_COLOUR)))
            items.append(row)
        self.tree.addTopLevelItems(items)
        for row in items:
            if current == (row.data(0, COLLECTION_ROLE), row.data(0, ID_ROLE), row.text(0)):
                self.tree.setCurrentItem(row)
                break
        has_rows = bool(items)
        self.previous_button.setEnabled(has_rows)
        self.next_button.setEnabled(has_rows)

    def rows(self) -> list[tuple[str, str, str]]:
        """(kind, collection, id) of every row, top to bottom."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            assert row is not None, "i < topLevelItemCount()"
            out.append((row.text(0), row.data(0, COLLECTION_ROLE), row.data(0, ID_ROLE)))
        return out

    def current_key(self) -> tuple[str, str, str] | None:
        row = self.tree.currentItem()
        if row is None:
            return None
        return (row.data(0, COLLECTION_ROLE), row.data(0, ID_ROLE), row.text(0))

    def step(self, delta: int) -> None:
        """Go to the next (1) or previous (-1) row, round the list, and activate it."""
        count = self.tree.topLevelItemCount()
        if not count:
            return
        row = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(row) if row is not None else (-1 if delta > 0 else count)
        item = self.tree.topLevelItem((index + delta) % count)
        assert item is not None, "the index is taken modulo the count"
        self.tree.setCurrentItem(item)
        self._clicked(item)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.activated.emit(item.data(0, COLLECTION_ROLE), item.data(0, ID_ROLE))
