"""Drive the real main window: open it with scripted dialogs, activate it, press keys.

The fixtures (``settings``, ``make_window``, ``window``) live in ``conftest.py`` and use
:func:`open_window`. Every dialog of the window goes through a hook that :class:`Dialogs`
replaces, so no test ever blocks on a modal dialog: an unexpected dialog fails the test
instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


class Dialogs:
    """Scripted answers for the window's dialogs, and a record of what was shown."""

    def __init__(self):
        self.errors: list[tuple[str, str]] = []
        self.open_paths: list[str] = []
        self.save_paths: list[str] = []
        self.unsaved_answers: list[str] = []
        self.unsaved_asked = 0
        self.read_only: list[str] = []  # paths the "read-only: Save As?" prompt named
        self.elsewhere_answers: list[bool] = []
        #: answers to the canvas' text questions (names of phases, lanes ...); when none is
        #: scripted the suggested text is accepted
        self.text_answers: list[str | None] = []
        self.texts_asked: list[tuple[str, str, str]] = []

    def install(self, files) -> None:
        files.show_error = lambda title, text: self.errors.append((title, text))
        files.ask_open_path = self._pop(self.open_paths, "open path")
        files.ask_save_path = lambda suggested: self._pop(self.save_paths, "save path")()
        files.ask_unsaved_changes = self._unsaved
        files.ask_save_elsewhere = self._elsewhere

    @staticmethod
    def _pop(queue: list, what: str):
        def answer():
            assert queue, f"unexpected dialog asking for a {what}"
            return queue.pop(0)

        return answer

    def _elsewhere(self, path: str) -> bool:
        self.read_only.append(path)
        assert self.elsewhere_answers, "unexpected 'file is read-only' prompt"
        return self.elsewhere_answers.pop(0)

    def ask_text(self, title: str, label: str, current: str):
        self.texts_asked.append((title, label, current))
        return self.text_answers.pop(0) if self.text_answers else current

    def _unsaved(self) -> str:
        self.unsaved_asked += 1
        assert self.unsaved_answers, "unexpected 'unsaved changes' prompt"
        return self.unsaved_answers.pop(0)


def open_window(qtbot, settings, blueprint=None):
    """A shown MainWindow (1200 x 800) of ``blueprint`` with scripted :class:`Dialogs`
    (``window.dialogs``), active. The caller closes it."""
    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.app.main_window import MainWindow

    create_app()
    window = MainWindow(blueprint, settings=settings)
    dialogs = Dialogs()
    dialogs.install(window.files)
    window.scene.actions.ask_text = dialogs.ask_text
    window.dialogs = dialogs
    # not qtbot.addWidget: pytest-qt closes those before fixture teardown, which would
    # ask about unsaved changes; the make_window fixture closes its windows itself
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def activate(qtbot, window) -> None:
    """Make ``window`` the active window (shortcuts go to the active window only)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()


def key(widget, key_code, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press and release a key on ``widget`` (shortcuts are dispatched as for a user)."""
    QTest.keyClick(widget, key_code, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
