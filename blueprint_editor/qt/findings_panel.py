"""The findings panel: what the checks found, as a list a workshop can act on.

Each row shows the severity icon, the validator's message and where the problem is (the
titles of the steps concerned). Clicking a row (or pressing Enter on it) emits
``activated(steps, handoffs)``; the window selects those elements and centres them.
Three toggle buttons filter by severity and show the counts; ``summary`` is the same
count as one line for the status bar.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QStyledItemDelegate,
    QStyleOptionViewItem, QToolButton, QTreeView, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from ..core.document import Document
from .finding_style import NAMES, SEVERITIES, count_by_severity, severity_icon, severity_of, summary_text

FINDING_ROLE = Qt.UserRole + 1


def finding_key(finding) -> tuple:
    return (getattr(finding, "code", ""), tuple(getattr(finding, "steps", ()) or ()),
            tuple(getattr(finding, "handoffs", ()) or ()))


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text, so a whole message (and its fix) is readable."""

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._view.header().sectionSize(index.column())
        if not opt.icon.isNull():
            width -= opt.decorationSize.width() + 8
        bounds = opt.fontMetrics.boundingRect(QRect(0, 0, max(40, width - 10), 100000),
                                              Qt.TextWordWrap, opt.text)
        size.setHeight(max(size.height(), bounds.height() + 8))
        return size


class FindingsPanel(QWidget):
    """A list of findings with severity filters.

    ``document`` (optional) is used only to name the steps and handoffs in the "Where"
    column; the panel never changes it.
    """

    activated = Signal(tuple, tuple)
    summaryChanged = Signal(str)

    def __init__(self, document: Document | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._doc = document
        self._findings: list = []
        self._rows: list[tuple] = []
        self._column_no: dict[str, int] = {}
        self._summary = summary_text({})

        self._filters: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.setSpacing(4)
        for sev in SEVERITIES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setIcon(severity_icon(sev))
            button.setIconSize(QSize(16, 16))
            button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
            button.setToolTip(f"Show or hide {NAMES[sev][1]}")
            button.toggled.connect(self._apply_filter)
            self._filters[sev] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self._summary_label = QLabel(self._summary, self)
        self._summary_label.setObjectName("findingsSummary")
        bar.addWidget(self._summary_label)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("findingsList")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Problem", "Where"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setTextElideMode(Qt.ElideNone)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        header.resizeSection(1, 220)
        header.sectionResized.connect(lambda *_: self._relayout.start())  # re-wrap the rows
        self.tree.itemClicked.connect(self._on_item)
        self.tree.itemActivated.connect(self._on_item)

        self._empty = QLabel("No problems found. The checks run again after every edit.", self)
        self._empty.setAlignment(Qt.AlignCenter)
        self._empty.setStyleSheet("color: palette(mid); padding: 12px;")
        self._empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._empty, 1)
        self._update_counts()
        self._update_empty()

    # ------------------------------------------------------------------ api
    @property
    def findings(self) -> list:
        return list(self._findings)

    def summary(self) -> str:
        """The counts as one line: ``"3 warnings, 1 info"`` or ``"No problems found"``."""
        return self._summary

    def counts(self) -> dict[str, int]:
        return count_by_severity(self._findings)

    def set_document(self, document: Document | None) -> None:
        self._doc = document
        self._column_no = {}

    def set_findings(self, findings: Sequence) -> None:
        """Show ``findings`` (in the validator's order); keeps the current row if it is
        still there, without emitting ``activated``. Only changed rows are touched when
        the same problems are still there (the usual case while editing)."""
        findings = list(findings)
        self._column_no = {}  # columns may have moved since the last run
        rows = [self._row(f) for f in findings]
        self._findings = findings
        if rows == self._rows:
            return
        same_keys = len(rows) == len(self._rows) and all(
            a[0] == b[0] for a, b in zip(rows, self._rows))
        self.tree.setUpdatesEnabled(False)
        self.tree.blockSignals(True)
        try:
            if same_keys:
                for i, (row, old) in enumerate(zip(rows, self._rows)):
                    if row != old:
                        self._fill_item(self.tree.topLevelItem(i), row)
            else:
                current = self.tree.currentItem()
                keep = current.data(0, FINDING_ROLE) if current is not None else None
                self.tree.clear()
                items = []
                for row in rows:
                    item = QTreeWidgetItem()
                    self._fill_item(item, row)
                    items.append(item)
                self.tree.addTopLevelItems(items)
                if keep is not None:
                    for item in items:
                        if item.data(0, FINDING_ROLE) == keep:
                            self.tree.setCurrentItem(item)
                            break
        finally:
            self.tree.blockSignals(False)
            self.tree.setUpdatesEnabled(True)
        self._rows = rows
        self._apply_filter()
        self._update_counts()

    def visible_findings(self) -> list:
        """The findings the filters let through, in list order (for tests and export)."""
        return [self._findings[i] for i in range(self.tree.topLevelItemCount())
                if not self.tree.topLevelItem(i).isHidden()]

    def item_for(self, step_or_handoff: str) -> QTreeWidgetItem | None:
        """The first row concerning a step or handoff id."""
        for i in range(self.tree.topLevelItemCount()):
            f = self._findings[i]
            if step_or_handoff in (f.steps or ()) or step_or_handoff in (f.handoffs or ()):
                return self.tree.topLevelItem(i)
        return None

    def findings_for(self, ident: str) -> list:
        return [f for f in self._findings
                if ident in (f.steps or ()) or ident in (f.handoffs or ())]

    def set_filter(self, severity: str, shown: bool) -> None:
        self._filters[severity].setChecked(shown)

    # ------------------------------------------------------------ internals
    def _row(self, finding) -> tuple:
        return (finding_key(finding), severity_of(finding), finding.message, self._where(finding))

    @staticmethod
    def _fill_item(item: QTreeWidgetItem, row: tuple) -> None:
        key, sev, message, where = row
        item.setText(0, message)
        item.setText(1, where)
        item.setIcon(0, severity_icon(sev))
        item.setData(0, FINDING_ROLE, key)
        item.setToolTip(0, f"{NAMES[sev][0].capitalize()} ({key[0]}): {message}")
        item.setToolTip(1, where)

    def _place(self, step_id: str) -> str:
        """``Customer actions, column 3`` for a step."""
        doc = self._doc
        step = doc.find("steps", step_id)
        if step is None:
            return step_id
        lane = doc.find("lanes", step.lane)
        column = self._column_no.get(step.column)
        if column is None:
            self._column_no = {c.id: i + 1 for i, c in enumerate(doc.blueprint.columns)}
            column = self._column_no.get(step.column, "?")
        return f"{lane.title if lane is not None else step.lane}, column {column}"

    def _where(self, finding) -> str:
        """Where on the canvas: lane and column of the step(s) concerned."""
        steps = tuple(finding.steps or ())
        if self._doc is None:
            return ", ".join(steps + tuple(finding.handoffs or ()))
        if not steps:
            return "Whole blueprint"
        places = list(dict.fromkeys(self._place(s) for s in steps))
        return " → ".join(places) if finding.handoffs else "; ".join(places)

    def _apply_filter(self, *_args) -> None:
        shown = {sev for sev, b in self._filters.items() if b.isChecked()}
        for i in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(i).setHidden(severity_of(self._findings[i]) not in shown)
        self._update_empty()

    def _update_counts(self) -> None:
        counts = count_by_severity(self._findings)
        for sev, button in self._filters.items():
            n = counts[sev]
            one, many = NAMES[sev]
            button.setText(f"{n} {(one if n == 1 else many).capitalize()}")
        summary = summary_text(counts)
        self._summary_label.setText(summary)
        if summary != self._summary:
            self._summary = summary
            self.summaryChanged.emit(summary)

    def _update_empty(self) -> None:
        any_visible = any(not self.tree.topLevelItem(i).isHidden()
                          for i in range(self.tree.topLevelItemCount()))
        if not self._findings:
            self._empty.setText("No problems found. The checks run again after every edit.")
        elif not any_visible:
            self._empty.setText("All findings are hidden by the filters above.")
        self.tree.setVisible(any_visible)
        self._empty.setVisible(not any_visible)

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = self.tree.indexOfTopLevelItem(item)
        if 0 <= index < len(self._findings):
            f = self._findings[index]
            self.activated.emit(tuple(f.steps or ()), tuple(f.handoffs or ()))
