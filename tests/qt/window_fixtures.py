"""Fixtures and helpers for tests that drive the real main window.

Import the fixtures you use into a test module (``from window_fixtures import window``).
Every dialog of the window goes through a hook that these fixtures replace, so no test
ever blocks on a modal dialog: an unexpected dialog fails the test instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core.model import Blueprint, Column, Handoff, Phase, Step, standard_lanes
from blueprint_editor.qt.files import controller as fc


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

    def _unsaved(self) -> str:
        self.unsaved_asked += 1
        assert self.unsaved_answers, "unexpected 'unsaved changes' prompt"
        return self.unsaved_answers.pop(0)


@pytest.fixture
def settings(tmp_path):
    """A settings file of the test's own (never the user's real settings)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings"))
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _make(qtbot, settings, blueprint=None):
    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.app.main_window import MainWindow

    create_app()
    window = MainWindow(blueprint, settings=settings)
    dialogs = Dialogs()
    dialogs.install(window.files)
    window.dialogs = dialogs
    # not qtbot.addWidget: pytest-qt closes those before fixture teardown, which would
    # ask about unsaved changes; make_window closes its windows itself
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


@pytest.fixture
def make_window(qtbot, settings):
    """make_window(blueprint=None) -> a shown MainWindow with scripted dialogs."""
    windows = []

    def make(blueprint=None):
        window = _make(qtbot, settings, blueprint)
        windows.append(window)
        return window

    yield make
    for window in windows:  # closing at teardown must not prompt
        window.files.ask_unsaved_changes = lambda: fc.DISCARD
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window):
    return make_window(sample_blueprint())


def sample_blueprint() -> Blueprint:
    """Five lanes, two phases over three columns, four steps, three handoffs."""
    return Blueprint(
        title="Hotel test",
        lanes=standard_lanes(),
        phases=[Phase(id="arrival", title="Arrival"), Phase(id="stay", title="Stay")],
        columns=[Column(id="c1", phase="arrival"), Column(id="c2", phase="arrival"),
                 Column(id="c3", phase="stay")],
        steps=[
            Step(id="arrive", lane="customer", column="c1", title="Arrive at hotel"),
            Step(id="greet", lane="frontstage", column="c1", title="Greet guest"),
            Step(id="check", lane="backstage", column="c2", title="Check booking"),
            Step(id="room", lane="customer", column="c3", title="Enter room"),
        ],
        handoffs=[
            Handoff(id="h1", source="arrive", target="greet"),
            Handoff(id="h2", source="greet", target="check"),
            Handoff(id="h3", source="check", target="room"),
        ],
    )


def write_blueprint(path: Path, blueprint: Blueprint) -> Path:
    path.write_text(json.dumps(blueprint.model_dump(mode="json"), indent=2) + "\n",
                    encoding="utf-8")
    return path


def key(widget, key_code, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press and release a key on ``widget`` (shortcuts are dispatched as for a user)."""
    QTest.keyClick(widget, key_code, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
