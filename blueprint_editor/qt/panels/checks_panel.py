"""The findings panel: what the checks found, as a list a workshop can act on.

Each row shows the severity icon, the validator's whole message (wrapped: the fix is at
the end of it) and where on the canvas the problem is (lane and column). Clicking a row
or pressing Enter on it emits ``activated(steps, handoffs)``; the window selects those
elements and centres them. Three toggle buttons filter by severity and show the counts;
``summary()`` is the same count as one line for the status bar.

Order: by severity (errors, then warnings, then notes), each severity in the validator's
order, which is by place; or, chosen in the "Sort" box, by place alone (the validator's
order). Severity first is the default, so notes about empty columns never hide warnings.

The list is a small table model over the validator's findings, so a refresh costs the
rows that changed (a title edit) or one model reset (a finding came or went), and row
heights are only measured for rows on screen: fine with thousands of findings.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core.document import Document
from blueprint_editor.qt.canvas.checks_style import (
    NAMES,
    RANK,
    SEVERITIES,
    count_by_severity,
    severity_icon,
    severity_of,
    summary_text,
)
from blueprint_editor.qt.editing.plain_text import for_display, tooltip

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Problem", "Where")
#: the "Sort" choices: (key, label)
SORT_BY_SEVERITY, SORT_BY_PLACE = "severity", "place"
SORTS = ((SORT_BY_SEVERITY, "Severity"), (SORT_BY_PLACE, "Place"))
#: rows the list shows without scrolling when the window lays out its docks
DEFAULT_ROWS = 5


def finding_key(finding) -> tuple:
    return (finding.code, tuple(finding.steps), tuple(finding.handoffs))


#: the invisible root of the table (the default parent of rowCount and columnCount)
_TOP = QModelIndex()


class ChecksModel(QAbstractTableModel):
    """Rows: (key, severity, message, where, finding) of the findings the filter shows.

    The view gets them in batches (Qt's ``canFetchMore``/``fetchMore``: the next batch when
    it scrolls to the end): rows of wrapped text are measured one by one, and a large
    blueprint's thousand findings would be measured before the list could show its first
    five. ``rows`` is always the whole list; ``reveal(i)`` hands the view up to row ``i``.
    """

    BATCH = 25

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []
        #: how many of ``rows`` the view has been given
        self._given = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else self._given

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> bool:  # noqa: N802
        return not parent.isValid() and self._given < len(self.rows)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self.reveal(self._given + self.BATCH - 1)

    def reveal(self, row: int) -> None:
        """Give the view every row up to ``row`` (a row to select or scroll to)."""
        last = min(row + 1, len(self.rows))
        if last > self._given:
            self.beginInsertRows(_TOP, self._given, last - 1)
            self._given = last
            self.endInsertRows()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key, sev, message, where, _finding = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return for_display(message if col == 0 else where)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return severity_icon(sev)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{NAMES[sev][0].capitalize()} ({key[0]}): {message}" if col == 0 else where)
        if role == FINDING_ROLE:
            return key
        return None

    def set_rows(self, rows: list[tuple]) -> None:
        if [r[:4] for r in rows] == [r[:4] for r in self.rows]:
            self.rows = rows  # same text: keep the view as it is
            return
        if len(rows) == len(self.rows) and all(a[0] == b[0] for a, b in zip(rows, self.rows)):
            old, self.rows = self.rows, rows
            for i, (a, b) in enumerate(zip(rows[: self._given], old)):
                if a[:4] != b[:4]:
                    self.dataChanged.emit(self.index(i, 0), self.index(i, 1))
            return
        self.beginResetModel()
        # as many rows as the view had (the list keeps its place), at least one batch
        self.rows, self._given = rows, min(len(rows), max(self._given, self.BATCH))
        self.endResetModel()


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text, so a whole message (and its fix) is readable.

    Heights are measured with the view's font metrics and cached per (text, width): the
    style's own size hint lays the text out in full for every cell, every time.
    """

    PAD = 8

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view
        self._cache: dict[tuple[str, int, bool], int] = {}

    def sizeHint(self, option, index) -> QSize:
        width = self._view.header().sectionSize(index.column())
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        has_icon = index.data(Qt.ItemDataRole.DecorationRole) is not None
        key = (text, width, has_icon)
        height = self._cache.get(key)
        if height is None:
            if len(self._cache) > 20000:
                self._cache.clear()
            text_w = width - 10 - ((self._view.iconSize().width() + 8) if has_icon else 0)
            fm = self._view.fontMetrics()
            bounds = fm.boundingRect(QRect(0, 0, max(40, text_w), 100000), Qt.TextFlag.TextWordWrap, text)
            height = max(bounds.height(), fm.height(), self._view.iconSize().height()) + self.PAD
            self._cache[key] = height
        return QSize(width, height)


class ChecksPanel(QWidget):
    """A list of findings with severity filters.

    ``document`` (optional) is only read, to say where a finding is (lane and column).
    """

    activated = Signal(tuple, tuple)
    #: (column id) a finding about a column (an empty one) was clicked
    columnActivated = Signal(str)
    summaryChanged = Signal(str)

    def __init__(self, document: Document | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._doc = document
        self._findings: list = []
        self._all_rows: list[tuple] = []
        self._column_no: dict[str, int] = {}
        self._summary = summary_text({})

        self._filters: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.setSpacing(4)
        for sev in SEVERITIES:
            button = QToolButton(self)
            button.setObjectName(f"filter_{sev}")
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setIcon(severity_icon(sev))
            button.setIconSize(QSize(16, 16))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"Show or hide {NAMES[sev][1]}")
            button.toggled.connect(self._apply_filter)
            self._filters[sev] = button
            bar.addWidget(button)
        bar.addSpacing(12)
        sort_label = QLabel("&Sort:", self)
        bar.addWidget(sort_label)
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("findingsSort")
        for key, label in SORTS:
            self.sort_box.addItem(label, key)
        self.sort_box.setToolTip(
            "Order of the list: most serious first (then by place), or by place on the canvas"
        )
        sort_label.setBuddy(self.sort_box)
        self.sort_box.currentIndexChanged.connect(self._resort)
        bar.addWidget(self.sort_box)
        bar.addStretch(1)
        self._summary_label = QLabel(self._summary, self)
        self._summary_label.setObjectName("findingsSummary")
        # the counts are on the filter buttons too: the label gives way in a narrow dock
        self._summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._summary_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self._summary_label)

        self.model = ChecksModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("findingsList")
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        # rows of different heights: per-item scrolling cannot always bring a row into view
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 220)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(lambda *_: self._relayout.start())  # re-wrap the rows
        self.tree.clicked.connect(self._on_index)
        self.tree.activated.connect(self._on_index)
        self.tree.installEventFilter(self)  # End goes to the last finding, not the last batch

        self._empty = QLabel(self)
        self._empty.setObjectName("findingsEmpty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet("color: palette(placeholder-text); padding: 12px;")

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
        """Show ``findings`` in the chosen order; the current row stays current if its
        finding is still there (no ``activated`` is emitted by a refresh)."""
        self._findings = list(findings)
        self._column_no = {}  # columns may have moved since the last run
        self._all_rows = self._sorted([self._row(f) for f in self._findings])
        self._apply_filter()
        self._update_counts()

    def sort_order(self) -> str:
        return self.sort_box.currentData()

    def set_sort_order(self, key: str) -> None:
        self.sort_box.setCurrentIndex(self.sort_box.findData(key))

    def preferred_height(self) -> int:
        """Tall enough for the bar, the header and DEFAULT_ROWS rows (most messages wrap
        once in a dock under the canvas): the window's default layout uses it."""
        row = max(2 * self.tree.fontMetrics().height(), self.tree.iconSize().height()) + WrappingDelegate.PAD
        header = self.tree.header().sizeHint().height()
        bar = self.sort_box.sizeHint().height() + 8
        return bar + header + DEFAULT_ROWS * row + 6

    def visible_findings(self) -> list:
        """The findings the filters let through, in list order."""
        return [row[4] for row in self.model.rows]

    def index_for(self, ident: str) -> QModelIndex:
        """The first shown row concerning a step or handoff id (invalid if none)."""
        for i, row in enumerate(self.model.rows):
            f = row[4]
            if ident in (f.steps or ()) or ident in (f.handoffs or ()):
                self.model.reveal(i)
                return self.model.index(i, 0)
        return QModelIndex()

    def findings_for(self, ident: str) -> list:
        return [f for f in self._findings if ident in (f.steps or ()) or ident in (f.handoffs or ())]

    def set_filter(self, severity: str, shown: bool) -> None:
        self._filters[severity].setChecked(shown)

    # ------------------------------------------------------------ internals
    def _sorted(self, rows: list[tuple]) -> list[tuple]:
        """Rows in validator (place) order, or stably by severity first."""
        if self.sort_order() == SORT_BY_PLACE:
            return rows
        return sorted(rows, key=lambda row: RANK[row[1]])

    def _resort(self, *_args) -> None:
        self._all_rows = self._sorted([self._row(f) for f in self._findings])
        self._apply_filter()

    def _row(self, finding) -> tuple:
        return (finding_key(finding), severity_of(finding), finding.message, self._where(finding), finding)

    def _place(self, step_id: str) -> str:
        """``Customer actions, column 3`` for a step."""
        doc = self._doc
        step = doc.find("steps", step_id) if doc is not None else None
        if doc is None or step is None:
            return step_id
        lane = doc.find("lanes", step.lane)
        column = self._column_number(step.column)
        return f"{lane.title if lane is not None else step.lane}, column {column}"

    def _column_number(self, column_id: str):
        """1-based position of a column (``?`` if it is gone)."""
        if not self._column_no and self._doc is not None:
            self._column_no = {c.id: i + 1 for i, c in enumerate(self._doc.blueprint.columns)}
        return self._column_no.get(column_id, "?")

    def _where(self, finding) -> str:
        """Where on the canvas: lane and column of the step(s) concerned."""
        steps = tuple(finding.steps or ())
        if self._doc is None:
            return ", ".join(steps + tuple(finding.handoffs or ()))
        if not steps:
            columns = tuple(finding.columns)
            if columns:
                return "; ".join(f"Column {self._column_number(c)}" for c in columns)
            return "Whole blueprint"
        places = list(dict.fromkeys(self._place(s) for s in steps))
        return " \u2192 ".join(places) if finding.handoffs else "; ".join(places)

    def _apply_filter(self, *_args) -> None:
        shown = {sev for sev, b in self._filters.items() if b.isChecked()}
        rows = [r for r in self._all_rows if r[1] in shown]
        current = self.tree.currentIndex()
        keep = current.data(FINDING_ROLE) if current.isValid() else None
        self.model.set_rows(rows)
        if keep is not None and not self.tree.currentIndex().isValid():
            for i, row in enumerate(rows):
                if row[0] == keep:  # the same finding: keep it current (no activated)
                    select = QItemSelectionModel.SelectionFlag
                    flags = select.ClearAndSelect | select.Rows
                    self.model.reveal(i)
                    self.tree.selectionModel().setCurrentIndex(self.model.index(i, 0), flags)
                    break
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
        any_visible = bool(self.model.rows)
        if not self._findings:
            self._empty.setText("No problems found. The checks run again after every edit.")
        elif not any_visible:
            self._empty.setText("All findings are hidden by the filters above.")
        self.tree.setVisible(any_visible)
        self._empty.setVisible(not any_visible)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        """End (and Ctrl+End) in the list: the rows not handed to the view yet come first,
        so the key lands on the last finding."""
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_End
            and self.model.rows
        ):
            self.model.reveal(len(self.model.rows) - 1)
        return False

    def _on_index(self, index: QModelIndex) -> None:
        if index.isValid() and 0 <= index.row() < len(self.model.rows):
            f = self.model.rows[index.row()][4]
            columns = tuple(f.columns)
            if columns and not (f.steps or f.handoffs):
                self.columnActivated.emit(columns[0])
            else:
                self.activated.emit(tuple(f.steps or ()), tuple(f.handoffs or ()))
