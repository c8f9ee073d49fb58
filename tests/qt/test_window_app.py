"""Start-up: the application object, run() on a good or a bad file, files handed over by
the desktop (QFileOpenEvent)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from blueprint_editor.qt.app import launch as app_module
from blueprint_editor.qt.files import controller as fc
from factories import hotel_blueprint, write_blueprint


def test_create_app_reuses_the_running_application_and_names_it(qapp):
    app = app_module.create_app()
    assert app is qapp is QApplication.instance()
    assert QCoreApplication.applicationName() == "blueprint-editor"
    assert QCoreApplication.organizationName() == "blueprint-editor"
    assert not app.windowIcon().isNull()  # blueprint_editor/resources/icons/blueprint-editor.svg


def run_with(monkeypatch, path, settings):
    """run(path) with the event loop replaced: returns (exit code, the shown window)."""
    shown = {}
    errors = []
    monkeypatch.setattr(
        fc.FileController, "show_error", lambda self, title, text: errors.append((title, text))
    )
    real_open = app_module.open_window

    def open_window(p, settings_=None):
        shown["window"] = real_open(p, settings=settings)
        return shown["window"]

    monkeypatch.setattr(app_module, "open_window", open_window)

    def fake_exec(app):
        window = shown["window"]
        assert window.isVisible()
        # a file handed over by the desktop while the editor runs opens in the window
        if "handover" in shown:
            QApplication.sendEvent(app, QFileOpenEvent(shown["handover"]))
        return 7

    monkeypatch.setattr(app_module, "exec_app", fake_exec)
    return shown, errors


def _close(window):
    window.files.ask_unsaved_changes = lambda: fc.DISCARD
    window.close()
    window.deleteLater()


def test_run_opens_the_file_and_returns_the_exit_code(monkeypatch, tmp_path, settings):
    path = write_blueprint(tmp_path / "hotel.blueprint", hotel_blueprint())
    shown, errors = run_with(monkeypatch, str(path), settings)
    assert app_module.run(str(path)) == 7
    window = shown["window"]
    try:
        assert errors == []
        assert window.files.path == str(path)
        assert window.document.snapshot() == hotel_blueprint().model_dump(mode="json")
        assert window.windowTitle().startswith("hotel.blueprint")
    finally:
        _close(window)


def test_run_on_a_bad_file_shows_the_error_and_starts_on_a_new_blueprint(monkeypatch, tmp_path, settings):
    bad = tmp_path / "broken.blueprint"
    bad.write_text('{"format": "service-blueprint", "version": 1, "steps": [', encoding="utf-8")
    shown, errors = run_with(monkeypatch, str(bad), settings)
    assert app_module.run(str(bad)) == 7
    window = shown["window"]
    try:
        assert len(errors) == 1 and str(bad) in errors[0][1]
        assert window.files.path is None
        assert [l.kind for l in window.document.blueprint.lanes] == [
            "evidence",
            "customer",
            "frontstage",
            "backstage",
            "support",
        ]
        assert window.windowTitle().startswith("Untitled")
    finally:
        _close(window)


def test_a_file_open_event_opens_the_file_in_the_window(monkeypatch, tmp_path, settings):
    path = write_blueprint(tmp_path / "handed.blueprint", hotel_blueprint())
    shown, errors = run_with(monkeypatch, None, settings)
    shown["handover"] = str(path)
    assert app_module.run(None) == 7
    window = shown["window"]
    try:
        assert errors == []
        assert window.files.path == str(path)
        assert window.document.find("steps", "greet") is not None
    finally:
        _close(window)


def test_file_open_filter_leaves_other_events_alone(make_window):
    window = make_window()
    file_filter = app_module.FileOpenFilter(window)
    assert not file_filter.eventFilter(window, QEvent(QEvent.Type.KeyPress))
    assert window.files.path is None


def test_quitting_with_copied_steps_on_the_clipboard_does_not_crash(tmp_path):
    """The clipboard outlives the interpreter on some platforms; copying must not leave a
    Python-made object there (it crashed the process on exit)."""
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(f"""\
        from PySide6.QtCore import QSettings
        from blueprint_editor.qt.app.launch import create_app
        from blueprint_editor.qt.app.main_window import MainWindow
        app = create_app()
        window = MainWindow(settings=QSettings({str(tmp_path / "s.ini")!r},
                                               QSettings.Format.IniFormat))
        from blueprint_editor.core import edits
        window.controller.push(edits.add_step(window.document, "customer", "c1", "Copied"))
        window.scene.select_all()
        assert window.commands.copy()
        assert app.clipboard().mimeData().text() == "Copied"
        print("copied")
    """)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        BLUEPRINT_EDITOR_STATE_DIR=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip().endswith("copied"), done.stderr
    assert done.returncode == 0, done.stderr


def test_run_offers_to_restore_work_left_by_a_crashed_editor(monkeypatch, tmp_path, settings):
    import os

    from blueprint_editor.core import recovery
    from blueprint_editor.qt.files import autosave

    original = write_blueprint(tmp_path / "hotel.blueprint", hotel_blueprint())
    crashed = hotel_blueprint().model_copy(update={"title": "Work in progress"})
    folder = recovery.recovery_dir()  # the test's private state folder (tests/conftest.py)
    folder.mkdir(parents=True, exist_ok=True)
    dead_pid = 99999999  # above Linux's highest pid: always a dead editor
    (folder / f"{dead_pid}-abc12345.recovery.json").write_bytes(
        recovery.encode(crashed, original, pid=dead_pid, session="abc12345")
    )
    asked = []
    monkeypatch.setattr(
        autosave, "ask_restore", lambda window, orphan: asked.append(orphan) or autosave.RESTORE
    )
    shown, errors = run_with(monkeypatch, None, settings)
    assert app_module.run(None) == 7
    window = shown["window"]
    try:
        assert len(asked) == 1 and errors == []
        assert window.document.blueprint.title == "Work in progress"
        assert window.isWindowModified()  # restored work is unsaved
        assert window.files.path == os.path.abspath(original)  # the original path is kept
        assert window.autosaver.session is not None
        assert not (folder / f"{dead_pid}-abc12345.recovery.json").exists()
    finally:
        _close(window)


def test_a_panel_that_cannot_be_built_stops_the_window_loudly(qapp, monkeypatch, settings):
    """The inspector and the checks are wired explicitly: a broken piece raises at
    start-up instead of leaving a window without its panels."""
    import pytest

    from blueprint_editor.qt.app import main_window as mw

    def broken(window, inspector):
        raise TypeError("install_checks() is broken")

    monkeypatch.setattr(mw, "install_checks", broken)
    with pytest.raises(TypeError, match="broken"):
        mw.MainWindow(settings=settings)


def test_a_window_has_its_inspector_and_checks_docks(make_window):
    window = make_window()
    names = {d.objectName() for d in window.docks()}
    assert {"paletteDock", "inspectorDock", "findingsDock"} <= names
    assert window.inspector_ui.inspector is not None and window.checks_ui.runner is not None


def test_deleting_a_window_with_a_selection_calls_no_listener_on_a_dead_scene(qapp, qtbot, settings):
    """Qt clears a dying scene's selection and says so; the window's listeners follow the
    scene's own relay (selectionUpdated), which stays silent then."""
    from blueprint_editor.qt.app.main_window import MainWindow

    window = MainWindow(hotel_blueprint(), settings=settings)
    window.show()
    qtbot.waitExposed(window)
    ids = [s.id for s in window.document.blueprint.steps][:2]
    window.scene.select_ids(ids)
    assert (
        window.scene.selected_ids() == ids
        and window.inspector_ui.inspector.current_form is window.inspector_ui.inspector.multi_form
    )
    with qtbot.capture_exceptions() as errors:
        window.files.ask_unsaved_changes = lambda: fc.DISCARD
        window.deleteLater()
        with qtbot.waitSignal(window.destroyed):
            pass
    assert errors == []
