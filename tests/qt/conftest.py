"""Fixtures of the Qt tests (the drivers they use live in canvas_driver.py and
window_driver.py, the blueprints in ../factories.py).

- ``canvas``: a shown view of :func:`factories.canvas_blueprint` (see
  :class:`canvas_driver.Canvas`); ``make_canvas(blueprint)`` for another blueprint.
- ``settings``: a settings file of the test's own (never the user's real settings).
- ``make_window(blueprint=None)``: a shown MainWindow with scripted dialogs, closed at
  teardown without prompting; ``window``: one of :func:`factories.hotel_blueprint`.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from blueprint_editor.qt.files import controller as fc
from canvas_driver import Canvas
from canvas_driver import make_canvas as _make_canvas
from factories import canvas_blueprint, hotel_blueprint
from window_driver import open_window


@pytest.fixture
def make_canvas(qtbot):
    """make_canvas(blueprint) -> a :class:`Canvas` of ``blueprint``, detached at teardown."""
    canvases: list[Canvas] = []

    def make(blueprint) -> Canvas:
        c = _make_canvas(qtbot, blueprint)
        canvases.append(c)
        return c

    yield make
    for c in canvases:
        c.scene.detach()


@pytest.fixture
def canvas(make_canvas) -> Canvas:
    return make_canvas(canvas_blueprint())


@pytest.fixture
def settings(tmp_path):
    """A settings file of the test's own (never the user's real settings)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings"))
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    """make_window(blueprint=None) -> a shown MainWindow with scripted dialogs."""
    windows = []

    def make(blueprint=None):
        window = open_window(qtbot, settings, blueprint)
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
    return make_window(hotel_blueprint())
