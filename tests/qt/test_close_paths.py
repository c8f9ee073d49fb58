"""Closing the window and answering Discard in the real "unsaved changes" box removes
the recovery file, on every path: File > Quit, Ctrl+Q, and the window manager's close
(the title bar's close button, Alt+F4). Cancel keeps the window and the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from blueprint_editor.core import edits, recovery
from blueprint_editor.qt.files.autosave import install_autosave


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.app.main_window import MainWindow

    monkeypatch.setenv(recovery.ENV_VAR, str(tmp_path / "state"))
    create_app()
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), panels=False)
    install_autosave(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert w.controller.push(edits.add_step(w.document, "customer", "c1", "Unsaved"))
    assert w.autosaver.write_now()
    assert w.autosaver.file.exists()
    yield w
    if w.isVisible():
        w.undo_stack.setClean()
        w.close()


def answer_when_asked(button: QMessageBox.StandardButton, seen: list) -> None:
    """Click ``button`` of the modal "unsaved changes" box as soon as it is up."""

    def look():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, look)
            return
        seen.append(box.text())
        target = box.button(button)
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, look)


def gone(window, qtbot) -> None:
    file, lock = window.autosaver.file, window.autosaver.session.lock_path
    qtbot.waitUntil(lambda: not window.isVisible())
    QCoreApplication.processEvents()
    assert not file.exists() and not lock.exists()


def test_file_quit_and_discard_removes_it(window, qtbot):
    seen = []
    answer_when_asked(QMessageBox.StandardButton.Discard, seen)
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(file_menu.isVisible)
    QTest.keyClick(file_menu, Qt.Key_Q)  # the menu's "&Quit"
    assert seen and "Save the changes" in seen[0]
    gone(window, qtbot)


def test_ctrl_q_and_discard_removes_it(window, qtbot):
    seen = []
    answer_when_asked(QMessageBox.StandardButton.Discard, seen)
    QTest.keyClick(window.view, Qt.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert seen
    gone(window, qtbot)


def test_window_manager_close_and_discard_removes_it(window, qtbot):
    seen = []
    answer_when_asked(QMessageBox.StandardButton.Discard, seen)
    # what the platform sends for the title bar's close button and Alt+F4
    QCoreApplication.sendEvent(window.windowHandle(), QCloseEvent())
    assert seen
    gone(window, qtbot)


def test_cancel_keeps_the_window_and_the_file(window, qtbot):
    seen = []
    answer_when_asked(QMessageBox.StandardButton.Cancel, seen)
    QCoreApplication.sendEvent(window.windowHandle(), QCloseEvent())
    assert seen
    qtbot.wait(20)
    assert window.isVisible() and window.autosaver.file.exists()
    # and a later close with Discard still removes it
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    answer_when_asked(QMessageBox.StandardButton.Discard, seen)
    QTest.keyClick(window.view, Qt.Key_Q, Qt.KeyboardModifier.ControlModifier)
    gone(window, qtbot)
