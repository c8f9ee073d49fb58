"""The outline in the main window: a dock (View > Panels > Outline, or View > Outline,
Ctrl+Shift+O, which shows it and puts the keyboard in it) and its full-window mode (the
dock floats over the whole screen; leaving it docks it back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from blueprint_editor.qt.panels.outline.panel import OutlinePanel

if TYPE_CHECKING:
    from blueprint_editor.qt.app.main_window import MainWindow


class OutlineUi(QObject):
    """The outline panel of one window, its dock and its View menu entry."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.panel = OutlinePanel(window.document, window.controller, window.scene)
        self.panel.message.connect(window.show_message)
        self.dock: QDockWidget = window.add_dock(
            self.panel, Qt.DockWidgetArea.BottomDockWidgetArea, "Outline", "outlineDock", visible=False
        )
        self.panel.fullWindowToggled.connect(self.set_full_window)
        self.action = QAction("&Outline", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.setStatusTip("Show the outline and type steps into it")
        self.action.triggered.connect(self.show_outline)
        window.addAction(self.action)
        menu = window.window_actions.view_menu
        assert menu is not None, "build_menus() makes the View menu"
        menu.addAction(self.action)

    def show_outline(self) -> None:
        checks = self.window.checks_ui
        if (
            not self.dock.isVisible()
            and not self.dock.isFloating()
            and checks is not None
            and checks.dock.isVisible()
            and not checks.dock.isFloating()
        ):
            # the same bottom room as the checks, as a tab beside them
            self.window.tabifyDockWidget(checks.dock, self.dock)
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_outline()

    def set_full_window(self, on: bool) -> None:
        """The outline over the whole screen (True) or back in its dock (False)."""
        self.dock.show()
        if on:
            self.dock.setFloating(True)
            self.dock.setGeometry(self.window.screen().availableGeometry())
            self.dock.activateWindow()  # typing goes on in the outline's own window
        else:
            self.dock.setFloating(False)
        if self.panel.full_button.isChecked() != on:
            self.panel.full_button.setChecked(on)
        self.panel.focus_outline()


def install_outline(window: MainWindow) -> OutlineUi:
    return OutlineUi(window)
