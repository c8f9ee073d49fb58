"""Start the editor: the QApplication, the main window, and files the desktop asks to open.

``run(path)`` is what ``blueprint-editor [FILE]`` calls. A file that cannot be opened
shows its error and the window starts on a new blueprint instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from blueprint_editor.qt.app.system_libs import missing_report
from blueprint_editor.qt.app.translations import install_translators
from blueprint_editor.resources import resource

APP_NAME = "blueprint-editor"
ORG_NAME = "blueprint-editor"
ORG_DOMAIN = "blueprint-editor.invalid"
#: dynamic property of the QApplication: Qt's translators are installed
TRANSLATED = "blueprintEditorTranslated"


#: exit status when the window cannot be shown (no display): as for any bad input
NO_DISPLAY_STATUS = 2


def _start_up_messages(kind: QtMsgType, _context, message: str) -> None:
    """Qt's messages while the application starts. A fatal one (no display, no platform
    plugin) would abort with several lines of Qt output; instead: one line, exit 2."""
    if kind == QtMsgType.QtFatalMsg:
        first = " ".join(message.split(".")[0].split()) or "no platform"
        sys.stderr.write(
            f"{APP_NAME}: error: cannot open the editor window: no usable "
            f"display ({first}); validate, export and schema work without one\n"
        )
        sys.stderr.flush()
        os._exit(NO_DISPLAY_STATUS)
    if kind in (QtMsgType.QtCriticalMsg,):
        sys.stderr.write(" ".join(message.split()) + "\n")
    # warnings while probing platform plugins are noise next to that one line


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The application object (the existing one if there is one), set up once."""
    existing = QApplication.instance()
    if existing is None:
        previous = qInstallMessageHandler(_start_up_messages)
        try:
            app = QApplication(list(argv) if argv is not None else sys.argv[:1])
        finally:
            qInstallMessageHandler(previous)
    else:
        assert isinstance(existing, QApplication), "the editor needs a QApplication"
        app = existing
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setDesktopFileName("org.blueprinteditor.BlueprintEditor")  # packaging/linux/*.desktop
    icon_path = resource("icons", "blueprint-editor.svg")
    if icon_path.is_file():
        app.setWindowIcon(QIcon(str(icon_path)))
    from blueprint_editor.qt.canvas.style import load_fonts

    load_fonts()
    if not app.property(TRANSLATED):  # once per application (translators are its children)
        install_translators(app)
        app.setProperty(TRANSLATED, True)
    return app


class FileOpenFilter(QObject):
    """Opens the files the desktop hands over (macOS Finder, "Open with") in a window."""

    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self.window.open_file(path)
                self.window.raise_()
                self.window.activateWindow()
                return True
        return False


def open_window(path: str | None = None, settings=None):
    """A shown main window on ``path`` (or a new blueprint when None or unreadable)."""
    from blueprint_editor.qt.app.main_window import MainWindow
    from blueprint_editor.qt.files.autosave import install_autosave

    window = MainWindow(settings=settings)
    # Autosave only for windows the app opens (tests build many windows directly and
    # must not write into the user's state folder).
    install_autosave(window)
    if path:
        window.files.open_path(path)  # a bad file shows its error; the window stays new
    if not window.layout_restored:
        window.resize(default_size(window))
    window.show()
    return window


def default_size(window) -> QSize:
    """1400 x 900, or 90% of a smaller screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(1400, 900)
    room = screen.availableGeometry().size()
    return QSize(min(1400, int(room.width() * 0.9)), min(900, int(room.height() * 0.9)))


def exec_app(app: QApplication) -> int:
    """Run the event loop (a function of its own so tests can replace it)."""
    return app.exec()


def run(path: str | None = None) -> int:
    """Show the editor on ``path`` (or a new blueprint) and run until it closes.

    On Linux, when Qt's X11 plugin would fail for want of system libraries, say which
    packages are missing (one line on stderr) and return 1 instead of letting Qt abort."""
    if QApplication.instance() is None:
        missing = missing_report()
        if missing:
            print(missing, file=sys.stderr)
            return 1
    app = create_app()
    window = open_window(path)
    from blueprint_editor.qt.app.start_screen import show_at_start
    from blueprint_editor.qt.files.autosave import offer_recovery

    restored = offer_recovery(window)  # work left by a crashed editor: Restore / Discard / Later
    if not path and not restored and show_at_start(window.settings):
        window.show_start_screen()  # blank, a template, an example or a recent file
    file_filter = FileOpenFilter(window, app)
    app.installEventFilter(file_filter)
    try:
        return exec_app(app)
    finally:
        app.removeEventFilter(file_filter)
