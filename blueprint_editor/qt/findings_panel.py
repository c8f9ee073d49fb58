"""The findings panel: what the checks found, as a list a workshop can act on.

Each row shows the severity icon, the validator's message and where the problem is (the
titles of the steps concerned). Clicking a row (or pressing Enter on it) emits
``activated(steps, handoffs)``; the window selects those elements and centres them.
Three toggle buttons filter by severity and show the counts; ``summary`` is the same
count as one line for the status bar.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QToolButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..core.document import Document
from .finding_style import NAMES, SEVERITIES, count_by_severity, severity_icon, severity_of, summary_text

FINDING_ROLE = Qt.UserRole + 1


def finding_key(finding) -> tuple:
    return (getattr(finding, "code", ""), tuple(getattr(finding, "steps", ()) or ()),
            tuple(getattr(finding, "handoffs", ()) or ()))


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
        self.tree.setTextElideMode(Qt.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        header.resizeSection(1, 220)
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

    def set_findings(self, findings: Sequence) -> None:
        """Show ``findings`` (in the validator's order); keeps the current row if it is
        still there, without emitting ``activated``."""
        current = self.tree.currentItem()
        keep = current.data(0, FINDING_ROLE) if current is not None else None
        self._findings = list(findings)
        self.tree.setUpdatesEnabled(False)
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            items = [self._make_item(f) for f in self._findings]
            self.tree.addTopLevelItems(items)
            if keep is not None:
                for item in items:
                    if item.data(0, FINDING_ROLE) == keep:
                        self.tree.setCurrentItem(item)
                        break
        finally:
            self.tree.blockSignals(False)
            self.tree.setUpdatesEnabled(True)
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
    def _make_item(self, finding) -> QTreeWidgetItem:
        sev = severity_of(finding)
        item = QTreeWidgetItem([finding.message, self._where(finding)])
        item.setIcon(0, severity_icon(sev))
        item.setData(0, FINDING_ROLE, finding_key(finding))
        item.setToolTip(0, f"{NAMES[sev][0].capitalize()} ({finding.code}): {finding.message}")
        item.setToolTip(1, item.text(1))
        return item

    def _name_step(self, ident: str) -> str:
        step = self._doc.find("steps", ident) if self._doc is not None else None
        title = step.title.strip() if step is not None else ""
        return f"“{title}”" if title else ident

    def _where(self, finding) -> str:
        handoffs = tuple(finding.handoffs or ())
        if handoffs and self._doc is not None:
            names = []
            for hid in handoffs:
                h = self._doc.find("handoffs", hid)
                if h is None:
                    names.append(hid)
                else:
                    arrow = "↔" if h.two_way else "→"
                    names.append(f"{self._name_step(h.source)} {arrow} {self._name_step(h.target)}")
            return "; ".join(names)
        steps = tuple(finding.steps or ())
        if steps:
            return ", ".join(self._name_step(s) for s in steps)
        return ", ".join(handoffs) or "Whole blueprint"

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
