"""The main window: a thin shell that wires the canvas, docks, menus, toolbar and status
bar to the window's controllers.

One window = one :class:`Document` for the window's whole life (Open and New swap the
blueprint inside it with ``doc.replace``), one undo stack, one :class:`EditController`.

Public attributes: ``document``, ``undo_stack``, ``controller``, ``scene``, ``view``,
``files`` (:class:`FileController`), ``commands`` (:class:`MenuCommands`: the Edit and
Insert menus), ``window_actions`` (:class:`WindowActions`), ``palette_dock``. Add a
panel with :meth:`add_dock`; it then appears in View > Panels.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)

from blueprint_editor import __version__
from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE, TEXT_SIZES
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Blueprint, new_blueprint
from blueprint_editor.qt.app.checks_wiring import (
    ChecksUi,
    InspectorUi,
    install_checks,
    install_inspector,
)
from blueprint_editor.qt.app.compare_ui import CompareUi, install_compare
from blueprint_editor.qt.app.deletion_notice import DeletionNotice
from blueprint_editor.qt.app.help_dialogs import ShortcutsDialog
from blueprint_editor.qt.app.outline_wiring import OutlineUi, install_outline
from blueprint_editor.qt.app.phase_ui import PhaseUi
from blueprint_editor.qt.app.presentation import CanvasFocus, Presentation
from blueprint_editor.qt.app.window_actions import WindowActions
from blueprint_editor.qt.app.workshop_ui import WorkshopUi
from blueprint_editor.qt.canvas import style, themes
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.canvas.view import BlueprintView
from blueprint_editor.qt.editing.menu_commands import MenuCommands
from blueprint_editor.qt.editing.plain_text import one_line, window_title_part
from blueprint_editor.qt.editing.undo import EditController
from blueprint_editor.qt.files.autosave import Autosaver
from blueprint_editor.qt.files.controller import FileController
from blueprint_editor.qt.files.safe_save import check_disk_changes
from blueprint_editor.qt.panels.find_bar import FindBar
from blueprint_editor.qt.panels.palette import PaletteWidget

APP_TITLE = "blueprint-editor"
MESSAGE_MS = 6000
LAYOUT_KEY = "window"
OPENABLE_SUFFIXES = (".blueprint", ".json")
LAYOUT_VERSION = 1
#: the View > Text Size the canvas and exports use (remembered between sessions)
TEXT_SIZE_KEY = "view/text_size"
#: the View > Theme choice (``system``, ``light``, ``dark``, ``projector``; remembered)
THEME_KEY = "view/theme"


def saved_text_size(settings: QSettings) -> str:
    """The remembered text size, or the default for a missing or unknown value."""
    value = settings.value(TEXT_SIZE_KEY, DEFAULT_TEXT_SIZE)
    keys = {size.key for size in TEXT_SIZES}
    return value if isinstance(value, str) and value in keys else DEFAULT_TEXT_SIZE


def saved_theme_choice(settings: QSettings) -> str:
    """The remembered theme choice, or ``system`` for a missing or unknown value."""
    value = settings.value(THEME_KEY, themes.DEFAULT_CHOICE)
    return value if isinstance(value, str) and value in themes.CHOICES else themes.DEFAULT_CHOICE


def system_is_dark() -> bool:
    """Does the desktop ask for a dark colour scheme?"""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class MainWindow(QMainWindow):
    #: the window agreed to close (its work saved, discarded or unchanged): emitted from
    #: closeEvent, whichever way the close came (Quit, Ctrl+Q, the window manager)
    closeAccepted = Signal()

    def __init__(
        self,
        blueprint: Blueprint | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        panels: bool = True,
    ):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else QSettings()
        self.document = Document(blueprint if blueprint is not None else new_blueprint())
        self.undo_stack = QUndoStack(self)
        self.controller = EditController(self.document, self.undo_stack, self)
        #: View > Text Size as chosen (a theme may show a larger one, see text_size_shown)
        self._text_size = saved_text_size(self.settings)
        self._theme_choice = saved_theme_choice(self.settings)
        self._apply_colour_scheme(self._theme_choice)
        #: the theme the scene was built with (one theme for the application, but each
        #: window's scene is rebuilt when it changes)
        self._scene_theme = themes.resolve(self._theme_choice, system_is_dark())
        style.use_theme(self._scene_theme)
        # the scene has no Qt parent: the window's Python object owns it, so it outlives
        # the view and the panels that follow it (none of them meets a deleted scene)
        self.scene = BlueprintScene(self.document, self.controller, text_size=self.text_size_shown())
        self.view = BlueprintView(self.scene)
        self.view.setObjectName("canvas")
        self.setCentralWidget(self.view)
        #: presentation mode (F5) and "focus canvas" (F10), see presentation.py
        self.presentation = Presentation(self)
        self.canvas_focus = CanvasFocus(self)

        # never silently overwrite a file changed on disk
        self.files = FileController(
            self.document, self.undo_stack, self, self.settings, overwrite_check=check_disk_changes
        )
        self.commands = MenuCommands(self.document, self.controller, self.scene, self)
        self.window_actions = WindowActions(self)
        self.window_actions.build_menus()
        self.toolbar = self.window_actions.build_toolbar()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        toggle = self.toolbar.toggleViewAction()
        toggle.setText("&Toolbar")
        view_menu = self.window_actions.view_menu
        assert view_menu is not None, "build_menus() makes the View menu"
        view_menu.addAction(toggle)
        self._docks: list[QDockWidget] = []
        self._build_find_bar()
        #: the window's :class:`~blueprint_editor.qt.files.autosave.Autosaver`, once
        #: ``install_autosave`` gave it one (windows the app opens; not test windows)
        self.autosaver: Autosaver | None = None

        self.palette_widget = PaletteWidget()
        self.palette_dock = self.add_dock(
            self.palette_widget, Qt.DockWidgetArea.LeftDockWidgetArea, "Palette", "paletteDock"
        )
        self._build_status_bar()
        self.deletion_notice = DeletionNotice(self)
        self.phase_ui = PhaseUi(self)
        self.workshop_ui = WorkshopUi(self)
        self._shortcuts_dialog: QDialog | None = None
        self.inspector_ui: InspectorUi | None = None
        self.checks_ui: ChecksUi | None = None
        self.outline_ui: OutlineUi | None = None
        self._shown_once = False
        #: the start screen while it is shown
        self.start_screen: QDialog | None = None

        # ------------------------------------------------------------ wiring
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.files.path_changed.connect(self._path_changed)
        self.files.saved.connect(self._saved)
        self.files.opened.connect(self._opened)
        self.window_actions.compare_with_saved.setEnabled(self.files.path is not None)
        self.controller.error.connect(self.show_message)
        self.commands.message.connect(self.show_message)
        self.scene.message.connect(self.show_message)
        self.scene.selectionUpdated.connect(self.window_actions.update_edit_state)
        self.scene.connectModeChanged.connect(self.window_actions.sync_connect_mode)
        self.scene.connectModeChanged.connect(self._connect_mode_changed)
        self.scene.contextMenuAboutToShow.connect(self.window_actions.extend_context_menu)
        self.scene.refreshFailed.connect(self.show_message)
        QGuiApplication.clipboard().dataChanged.connect(self.window_actions.update_edit_state)
        self.view.zoomChanged.connect(self._zoom_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._colour_scheme_changed)
        self.window_actions.update_edit_state()
        self.update_title()
        self.update_zoom_label()
        if panels:
            self._install_panels()
        #: File > Compare With...: the Compare panel (a tab beside the checks) and the
        #: canvas highlights
        self.compare_ui: CompareUi = install_compare(
            self, self.checks_ui.dock if self.checks_ui is not None else None
        )
        #: True when the window's size and docks came from the last session's settings
        self.layout_restored = self.restore_layout()
        self._layout_pending = not self.layout_restored

    # ------------------------------------------------------------------ docks
    def add_dock(
        self,
        widget: QWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
        title: str | None = None,
        object_name: str | None = None,
        visible: bool = True,
    ) -> QDockWidget:
        """Put ``widget`` (or a ready QDockWidget) in a dock; it is listed in View > Panels.

        Works before and after the window is shown (a dock added to a shown window is
        shown too, unless ``visible`` is False)."""
        if isinstance(widget, QDockWidget):
            dock = widget
            if title:
                dock.setWindowTitle(title)
        else:
            dock = QDockWidget(title or widget.windowTitle() or "Panel", self)
            dock.setWidget(widget)
        dock.setParent(self)
        if not dock.objectName():
            dock.setObjectName(object_name or f"{(title or 'panel').lower().replace(' ', '')}Dock")
        self.addDockWidget(area, dock)
        self._docks.append(dock)
        if not visible:
            dock.hide()
        elif self.isVisible():
            dock.show()
        toggle = dock.toggleViewAction()
        menu = self.window_actions.panels_menu
        if menu is not None:
            menu.addAction(toggle)
        return dock

    def docks(self) -> list[QDockWidget]:
        return list(self._docks)

    # ------------------------------------------------------------------ layout
    def default_layout(self) -> None:
        """Give the canvas most of the room: narrow side docks, a short bottom dock."""
        widths = {Qt.DockWidgetArea.LeftDockWidgetArea: 180, Qt.DockWidgetArea.RightDockWidgetArea: 300}
        side = [
            (d, widths[self.dockWidgetArea(d)])
            for d in self._docks
            if self.dockWidgetArea(d) in widths and not d.isFloating()
        ]
        bottom = [
            d
            for d in self._docks
            if not d.isHidden()  # (Compare, the outline: hidden till used)
            and self.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea
        ]
        if side:
            self.resizeDocks([d for d, _ in side], [w for _, w in side], Qt.Orientation.Horizontal)
        if bottom:
            # the checks: tall enough for five rows; at most a third of the window
            heights = [
                min(max(150, self._wished_height(d), self.height() // 5), max(150, self.height() // 3))
                for d in bottom
            ]
            self.resizeDocks(bottom, heights, Qt.Orientation.Vertical)

    def _wished_height(self, dock: QDockWidget) -> int:
        ui = self.checks_ui
        return ui.preferred_dock_height() if ui is not None and dock is ui.dock else 0

    def restore_layout(self) -> bool:
        """Window size and dock layout from the last session; False when there is none."""
        geometry = self.settings.value(LAYOUT_KEY + "/geometry")
        state = self.settings.value(LAYOUT_KEY + "/state")
        if geometry is None or state is None:
            return False
        return bool(self.restoreGeometry(geometry) and self.restoreState(state, LAYOUT_VERSION))

    def save_layout(self) -> None:
        self.settings.setValue(LAYOUT_KEY + "/geometry", self.saveGeometry())
        self.settings.setValue(LAYOUT_KEY + "/state", self.saveState(LAYOUT_VERSION))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._layout_pending:
            self._layout_pending = False
            self.default_layout()
        if not self._shown_once:
            self._shown_once = True
            # fitted when it does not fit at 100 %: once the docks have their sizes
            QTimer.singleShot(0, self._show_opened)

    @Slot()
    def _show_opened(self) -> None:
        self.view.show_opened()
        self.update_zoom_label()

    # ------------------------------------------------------------------ view
    def set_text_size(self, key: str) -> None:
        """View > Text Size: the canvas (and the next export) at ``key``; remembered."""
        self._text_size = key
        self.scene.set_text_size(self.text_size_shown())
        self.settings.setValue(TEXT_SIZE_KEY, key)
        self.window_actions.sync_text_size(key)
        self.update_zoom_label()

    def text_size(self) -> str:
        """The View > Text Size chosen (exports start from it)."""
        return self._text_size

    def text_size_shown(self) -> str:
        """The text size the canvas shows: the chosen one, or the theme's least."""
        return themes.text_size_for(self._scene_theme, self._text_size)

    def theme(self) -> themes.Theme:
        """The theme the canvas shows."""
        return self._scene_theme

    def theme_choice(self) -> str:
        return self._theme_choice

    def set_theme(self, choice: str) -> None:
        """View > Theme: ``system`` (light or dark as the desktop says), ``light``,
        ``dark`` or ``projector``; remembered."""
        self.settings.setValue(THEME_KEY, choice)
        self._apply_colour_scheme(choice)
        # one theme for the application: every open window follows
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow) and (window is self or window.isVisible()):
                window.follow_theme(choice)

    def follow_theme(self, choice: str) -> None:
        """Show the theme ``choice`` (chosen here or in another window)."""
        self._theme_choice = choice
        self.window_actions.sync_theme(choice)
        self._restyle()

    def _restyle(self, dark_desktop: bool | None = None) -> None:
        dark = system_is_dark() if dark_desktop is None else dark_desktop
        wanted = themes.resolve(self._theme_choice, dark)
        if wanted is self._scene_theme and self.scene.text_size() == self.text_size_shown():
            return
        style.use_theme(wanted)
        self._scene_theme = wanted
        self.scene.restyle(self.text_size_shown())
        self.update_zoom_label()

    @staticmethod
    def _apply_colour_scheme(choice: str) -> None:
        """The windows' own widgets (menus, docks) follow a chosen light or dark theme;
        with ``system`` they follow the desktop."""
        hints = QGuiApplication.styleHints()
        if choice == "system":
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)

    @Slot(Qt.ColorScheme)
    def _colour_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The desktop turned light or dark: so does the ``system`` theme (of the open
        windows; a closed one waits to be deleted)."""
        if self.isVisible():
            self._restyle(scheme == Qt.ColorScheme.Dark)

    def _install_panels(self) -> None:
        """The inspector (right), the live checks (bottom) and the outline (bottom, hidden
        until asked for)."""
        self.inspector_ui = inspector_ui = install_inspector(self)
        self.checks_ui = install_checks(self, inspector_ui.inspector)
        self.workshop_ui.share_area_with(self.checks_ui.dock)  # tabs beside the checks
        self.outline_ui = install_outline(self)

    # ------------------------------------------------------------------ find
    def _build_find_bar(self) -> None:
        """Find (Ctrl+F): a row of its own above the canvas, hidden until asked for."""
        self.find_toolbar = QToolBar("Find", self)
        self.find_toolbar.setObjectName("findToolbar")
        self.find_toolbar.setMovable(False)
        self.find_toolbar.toggleViewAction().setVisible(False)
        self.find_bar = FindBar(self.document, self.scene, self.view)
        self.find_toolbar.addWidget(self.find_bar)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.find_toolbar)
        self.find_toolbar.hide()

    # ------------------------------------------------------------------ status bar
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.mode_label = QLabel("Connect mode")
        self.mode_label.setObjectName("modeLabel")
        self.mode_label.setStyleSheet("color: #1f6feb; font-weight: 600;")
        self.mode_label.setToolTip("Click a step, then the step it hands off to. Esc leaves.")
        self.mode_label.hide()
        bar.addPermanentWidget(self.mode_label)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setToolTip("Zoom (Ctrl+0: 100%, Ctrl+9: fit)")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addPermanentWidget(self.zoom_label)

    def show_message(self, text: str, ms: int = MESSAGE_MS) -> None:
        self.statusBar().showMessage(one_line(text), ms)

    def update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.view.zoom_factor() * 100)}%")

    # ------------------------------------------------------------------ slots
    # (bound methods, not lambdas: Qt drops these connections when the window goes)
    @Slot(bool)
    def _clean_changed(self, _clean: bool) -> None:
        self.update_title()

    @Slot(object)
    def _path_changed(self, _path) -> None:
        self.update_title()
        self.window_actions.compare_with_saved.setEnabled(self.files.path is not None)

    @Slot(str)
    def _saved(self, path: str) -> None:
        self.show_message(f"Saved {path}")

    @Slot(str)
    def _opened(self, path: str) -> None:
        self.show_message(f"Opened {path}")
        if self.isVisible():
            self._show_opened()

    @Slot(bool)
    def _connect_mode_changed(self, on: bool) -> None:
        self.mode_label.setVisible(on)
        self.show_message(
            "Connect mode: click a step, then the step it hands off to. Esc leaves."
            if on
            else "Connect mode off"
        )

    @Slot(float)
    def _zoom_changed(self, _factor: float) -> None:
        self.update_zoom_label()

    # ------------------------------------------------------------------ title
    def update_title(self) -> None:
        self.setWindowTitle(f"{window_title_part(self.files.display_name())}[*] \u2014 {APP_TITLE}")
        self.setWindowModified(self.files.is_modified())
        if self.files.path:
            self.setWindowFilePath(self.files.path)

    # ------------------------------------------------------------------ files
    def open_file(self, path: str) -> bool:
        """Open ``path`` in this window (asks about unsaved changes first)."""
        return self.files.open(path)

    @staticmethod
    def _dropped_file(event) -> str | None:
        data = event.mimeData()
        if data is None or not data.hasUrls():
            return None
        for url in data.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(OPENABLE_SUFFIXES):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event) -> None:
        """A .blueprint file dragged from the desktop onto the window opens it."""
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_file(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.maybe_save():
            self.presentation.leave()  # remember the editor's layout, not the show's
            self.save_layout()
            event.accept()
            self.closeAccepted.emit()
        else:
            event.ignore()

    # ------------------------------------------------------------------ start screen
    def show_start_screen(self) -> QDialog:
        """The start screen (blank, templates, examples, recent files), window-modal."""
        from blueprint_editor.qt.app.start_screen import StartScreen

        dialog = StartScreen(self, self.files.template_dir)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.start_screen = dialog
        dialog.finished.connect(self._start_screen_closed)
        dialog.open()
        return dialog

    @Slot(int)
    def _start_screen_closed(self, _result: int) -> None:
        self.start_screen = None
        self.view.setFocus()

    def save_as_template(self) -> None:
        path = self.files.save_as_template()
        if path:
            self.show_message(f"Saved as a template: {path}. It is offered in File > New from Template.")

    # ------------------------------------------------------------------ help
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_TITLE}",
            f"<b>{APP_TITLE}</b> {__version__}<br>"
            "An offline editor for service blueprints, with automatic checks.",
        )

    def show_shortcuts(self) -> QDialog:
        """A non-modal list of every menu command and its keys."""
        if self._shortcuts_dialog is None:
            self._shortcuts_dialog = ShortcutsDialog(self.window_actions.all(), self)
        self._shortcuts_dialog.show()
        self._shortcuts_dialog.raise_()
        return self._shortcuts_dialog
