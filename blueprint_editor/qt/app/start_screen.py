"""The start screen: begin a blueprint blank, from a template, from an example, or reopen
a recent file.

Shown when the editor starts without a file (unless "Show at start" is unticked) and from
File > New from Template (Ctrl+Shift+N). It is window-modal but does not block the caller
(``open()``); everything it does goes through the window's :class:`FileController`, so
the unsaved-changes prompt guards the current work. Keyboard: the templates list has the
focus with "Blank blueprint" chosen, arrows choose, Enter creates; Tab moves to the
examples and the recent files, where Enter opens.

Templates and examples open as new, untitled blueprints (the bundled files are never
written to); a recent file opens as itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core import templates as tpl
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.editing.plain_text import for_display, one_line, plain_label, shorten, tooltip

SHOW_KEY = "startScreen/showAtStart"
KIND_ROLE = Qt.ItemDataRole.UserRole
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
#: the plain description of a template or example (its tooltip is the escaped form)
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 2
BLANK, TEMPLATE, EXAMPLE, RECENT = "blank", "template", "example", "recent"


def show_at_start(settings: QSettings) -> bool:
    return bool(settings.value(SHOW_KEY, True, type=bool))


def _heading(text: str, parent: QWidget) -> QLabel:
    label = plain_label(QLabel(text, parent))
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


class StartScreen(QDialog):
    def __init__(self, window, template_dir: Path | None = None):
        super().__init__(window)
        self.files = window.files
        self.template_dir = template_dir
        self.setObjectName("startScreen")
        self.setWindowTitle("Start a blueprint")

        self.templates = QListWidget(self)
        self.templates.setObjectName("startTemplates")
        self.examples = QListWidget(self)
        self.examples.setObjectName("startExamples")
        self.recent = QListWidget(self)
        self.recent.setObjectName("startRecent")
        #: the list whose choice Create (or Enter) acts on: the one last used
        self.chosen: QListWidget = self.templates
        for box in (self.templates, self.examples, self.recent):
            box.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
            # Enter reaches the default button (Create); a double click acts at once
            box.itemDoubleClicked.connect(self._activate)
            box.currentItemChanged.connect(lambda item, _old, b=box: self._choose(b, item))

        self.description = plain_label(QLabel(self))  # descriptions come from files
        self.description.setObjectName("startDescription")
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setMinimumHeight(self.fontMetrics().height() * 4)

        self.open_button = QPushButton("&Open a file\u2026", self)
        self.open_button.setObjectName("startOpen")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_file)
        self.show_box = QCheckBox("&Show this at start", self)
        self.show_box.setObjectName("startShowAtStart")
        self.show_box.setChecked(show_at_start(window.settings))
        self.show_box.toggled.connect(lambda on: window.settings.setValue(SHOW_KEY, bool(on)))

        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton("&Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("startCreate")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        templates_label = _heading("&New blueprint", self)
        templates_label.setBuddy(self.templates)
        grid.addWidget(templates_label, 0, 0)
        grid.addWidget(self.templates, 1, 0, 3, 1)
        grid.addWidget(self.description, 4, 0)
        examples_label = _heading("&Examples", self)
        examples_label.setBuddy(self.examples)
        grid.addWidget(examples_label, 0, 1)
        grid.addWidget(self.examples, 1, 1)
        recent_label = _heading("&Recent files", self)
        recent_label.setBuddy(self.recent)
        grid.addWidget(recent_label, 2, 1)
        grid.addWidget(self.recent, 3, 1)
        grid.addWidget(self.open_button, 4, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        bottom = QGridLayout()
        bottom.addWidget(self.show_box, 0, 0)
        bottom.addWidget(buttons, 0, 1)
        layout.addLayout(bottom)
        self.fill()
        self.resize(860, 520)
        # a file opened by any way (a recent file, Open, the desktop) ends the start screen
        self.files.opened.connect(self._opened)

    # ------------------------------------------------------------------ content
    def fill(self) -> None:
        self.templates.clear()
        blank = QListWidgetItem("Blank blueprint", self.templates)
        blank.setData(KIND_ROLE, BLANK)
        blank.setData(VALUE_ROLE, "The five standard lanes and four empty columns.")
        for template in tpl.builtin_templates() + tpl.user_templates(self.template_dir):
            title = one_line(template.title, 120)
            label = title if template.builtin else f"{title}  (yours)"
            item = QListWidgetItem(label, self.templates)
            item.setData(KIND_ROLE, TEMPLATE)
            item.setData(VALUE_ROLE, str(template.path))
            item.setData(DESCRIPTION_ROLE, template.description)
            item.setToolTip(tooltip(template.description))
        self.examples.clear()
        for example in tpl.examples():
            item = QListWidgetItem(one_line(example.title, 120), self.examples)
            item.setData(KIND_ROLE, EXAMPLE)
            item.setData(VALUE_ROLE, str(example.path))
            item.setData(DESCRIPTION_ROLE, example.description)
            item.setToolTip(tooltip(example.description))
        self.recent.clear()
        for path in self.files.recent_files():
            p = Path(path)
            item = QListWidgetItem(one_line(f"{p.name}  \u2014  {p.parent}", 200), self.recent)
            item.setData(KIND_ROLE, RECENT)
            item.setData(VALUE_ROLE, path)
            item.setToolTip(tooltip(path))
        if not self.recent.count():
            empty = QListWidgetItem("No recent files", self.recent)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        for box in (self.examples, self.recent):  # current (for Tab + Enter), not selected
            box.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.templates.setCurrentRow(0)
        self._choose(self.templates, self.templates.currentItem())
        self.templates.setFocus()

    def _choose(self, box: QListWidget, item: QListWidgetItem | None) -> None:
        if item is None or item.data(KIND_ROLE) is None:
            return
        self.chosen = box
        for other in (self.templates, self.examples, self.recent):
            if other is not box:  # one highlighted choice: the one Create acts on
                other.clearSelection()
        item.setSelected(True)
        self._describe(item)

    def _describe(self, item: QListWidgetItem) -> None:
        kind = item.data(KIND_ROLE)
        if kind == BLANK:
            self.description.setText(item.data(VALUE_ROLE))
        elif kind == RECENT:
            self.description.setText(for_display(f"Open {item.data(VALUE_ROLE)}"))
        else:
            where = "A copy opens as a new, untitled blueprint."
            description = shorten(item.data(DESCRIPTION_ROLE) or "", 600)
            self.description.setText(for_display(f"{description}\n\n{where}"))

    # ------------------------------------------------------------------ actions
    def _create(self) -> None:
        """Create (or Enter): act on the choice of the list used last."""
        focus = next((box for box in (self.templates, self.examples, self.recent) if box.hasFocus()), None)
        item = (focus or self.chosen).currentItem()
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        kind, value = item.data(KIND_ROLE), item.data(VALUE_ROLE)
        if kind is None:
            return
        if kind == RECENT:
            done = self.files.open(value)
        else:
            if kind == BLANK:
                blueprint = new_blueprint()
            else:
                try:
                    blueprint = tpl.Template(Path(value), "", "", True).blueprint()
                except (ValueError, OSError) as exc:
                    self.files.show_error("Cannot open the template", f"{value}\n\n{exc}")
                    return
            done = self.files.new_from(blueprint)
        if done:
            self.accept()

    def _opened(self, _path: str) -> None:
        if self.isVisible():
            self.accept()

    def _open_file(self) -> None:
        if self.files.open():
            self.accept()
