"""The start screen: blank, templates, examples and recent files, by keyboard and mouse;
"Save as template" puts the blueprint among the templates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core import templates
from blueprint_editor.qt.app import launch
from blueprint_editor.qt.app.start_screen import SHOW_KEY
from factories import hotel_blueprint as sample_blueprint
from factories import write_blueprint
from window_driver import CTRL, SHIFT, activate


def double_click(box, row) -> None:
    """What a real double click sends: a click, then the double click."""
    at = box.visualItemRect(box.item(row)).center()
    QTest.mouseClick(box.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QTest.mouseDClick(box.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def open_start_screen(window, qtbot):
    QTest.keyClick(window.view, Qt.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.start_screen is not None and window.start_screen.isVisible())
    screen = window.start_screen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.templates)
    return screen


def row_of(box, text):
    for i in range(box.count()):
        if box.item(i).text() == text:
            return i
    raise AssertionError(f"{text!r} not in {[box.item(i).text() for i in range(box.count())]}")


def test_enter_on_a_template_makes_an_untitled_blueprint_from_it(make_window, qtbot):
    window = make_window(sample_blueprint())
    screen = open_start_screen(window, qtbot)
    assert screen.templates.item(0).text() == "Blank blueprint"
    target = row_of(screen.templates, "Restaurant meal")
    for _ in range(target):
        QTest.keyClick(screen.templates, Qt.Key_Down)
    assert "neighbourhood restaurant" in screen.description.text()
    QTest.keyClick(screen.templates, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.start_screen is None)
    assert window.document.blueprint.title == "Restaurant meal"
    assert window.files.path is None and not window.isWindowModified()
    assert window.windowTitle().startswith("Untitled")
    window.checks_ui.runner.run_now()
    assert window.checks_ui.panel.findings == []


def test_blank_blueprint_is_the_default_choice(make_window, qtbot):
    window = make_window(sample_blueprint())
    screen = open_start_screen(window, qtbot)
    QTest.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert window.document.blueprint.steps == [] and len(window.document.blueprint.lanes) == 5
    window.checks_ui.runner.run_now()
    assert window.checks_ui.panel.findings == []


def test_an_example_opens_as_an_untitled_copy(make_window, qtbot):
    window = make_window()
    screen = open_start_screen(window, qtbot)
    QTest.keyClick(screen, Qt.Key_E, Qt.KeyboardModifier.AltModifier)  # &Examples
    assert QApplication.focusWidget() is screen.examples
    screen.examples.setCurrentRow(row_of(screen.examples, "Hotel stay"))
    QTest.keyClick(screen.examples, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.start_screen is None)
    assert window.document.blueprint.title == "Hotel stay"
    assert window.files.path is None


def test_a_recent_file_opens_by_double_click(make_window, qtbot, tmp_path):
    window = make_window()
    path = write_blueprint(tmp_path / "mine.blueprint", sample_blueprint())
    window.files.add_recent(str(path))
    screen = open_start_screen(window, qtbot)
    box = screen.recent
    assert box.item(0).text().startswith("mine.blueprint")
    double_click(box, 0)
    qtbot.waitUntil(lambda: window.start_screen is None)
    assert window.files.path == str(path)


def test_unsaved_work_is_asked_about_and_cancel_keeps_it(make_window, qtbot):
    from blueprint_editor.core import edits

    window = make_window(sample_blueprint())
    assert window.controller.push(edits.add_step(window.document, "customer", "c1", "Mine"))
    window.dialogs.unsaved_answers.append("cancel")
    screen = open_start_screen(window, qtbot)
    QTest.keyClick(screen.templates, Qt.Key_Return)
    assert window.dialogs.unsaved_asked == 1
    assert any(s.title == "Mine" for s in window.document.blueprint.steps)
    assert screen.isVisible()  # still there to choose again or cancel
    QTest.keyClick(screen.templates, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.start_screen is None)


def test_save_as_template_then_start_from_it(make_window, qtbot, tmp_path):
    window = make_window(sample_blueprint())
    window.files.template_dir = tmp_path / "mine"
    window.files.ask_template_name = lambda suggested: "Hotel check-in"
    window.window_actions.save_as_template.trigger()
    saved = tmp_path / "mine" / "hotel-check-in.blueprint"
    assert saved.exists()
    assert "Saved as a template" in window.statusBar().currentMessage()
    assert [t.title for t in templates.user_templates(saved.parent)] == ["Hotel check-in"]
    activate(qtbot, window)
    screen = open_start_screen(window, qtbot)
    row = row_of(screen.templates, "Hotel check-in  (yours)")
    double_click(screen.templates, row)
    qtbot.waitUntil(lambda: window.start_screen is None)
    assert window.document.blueprint.title == "Hotel check-in"
    assert len(window.document.blueprint.steps) == len(sample_blueprint().steps)
    assert window.files.path is None


def test_the_start_screen_shows_at_start_unless_unticked(make_window, qtbot, monkeypatch, settings):
    windows = []

    def fake_open(path, settings_=None):
        window = make_window()
        windows.append(window)
        return window

    monkeypatch.setattr(launch, "open_window", fake_open)
    monkeypatch.setattr(launch, "exec_app", lambda app: 0)
    assert launch.run(None) == 0
    screen = windows[0].start_screen
    assert screen is not None and screen.isVisible()
    QTest.mouseClick(screen.show_box, Qt.MouseButton.LeftButton, pos=screen.show_box.rect().center())
    assert settings.value(SHOW_KEY, type=bool) is False
    QTest.keyClick(screen.templates, Qt.Key_Escape)
    assert launch.run(None) == 0
    assert windows[1].start_screen is None
