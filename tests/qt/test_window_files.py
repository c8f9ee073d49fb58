"""The main window's files: title and modified mark, save, save as, reopen, recent files,
the unsaved-changes prompt and bad files. Driven through the window's shortcuts."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from blueprint_editor.core import edits
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.files import controller as fc
from factories import hotel_blueprint, write_blueprint
from window_driver import CTRL, SHIFT, key


def edit_something(window) -> None:
    """A real user edit: select a step on the canvas and press Delete."""
    window.scene.select_ids(["room"])
    key(window.view, Qt.Key.Key_Delete)
    assert window.document.find("steps", "room") is None


def test_title_shows_name_and_modified_mark_follows_the_saved_point(window, tmp_path):
    assert window.windowTitle() == "Untitled[*] \u2014 blueprint-editor"
    assert not window.isWindowModified()
    edit_something(window)
    assert window.isWindowModified()

    target = tmp_path / "hotel.blueprint"
    window.dialogs.save_paths.append(str(target))
    key(window.view, Qt.Key.Key_S, CTRL)
    assert target.is_file()
    assert window.windowTitle() == "hotel.blueprint[*] \u2014 blueprint-editor"
    assert not window.isWindowModified()
    assert window.files.path == str(target)

    key(window.view, Qt.Key.Key_Z, CTRL)  # undo past the saved point
    assert window.isWindowModified()
    key(window.view, Qt.Key.Key_Z, CTRL | SHIFT)  # redo: back at the saved point
    assert not window.isWindowModified()
    key(window.view, Qt.Key.Key_Z, CTRL)
    key(window.view, Qt.Key.Key_Y, CTRL)  # the other redo key
    assert not window.isWindowModified()


def test_save_then_reopen_in_a_new_window_gives_the_same_document(make_window, tmp_path):
    first = make_window(hotel_blueprint())
    first.controller.push(edits.add_step(first.document, "support", "c2", "Room system"))
    first.controller.push(edits.connect(first.document, "check", "s1"))
    target = tmp_path / "stay.blueprint"
    first.dialogs.save_paths.append(str(target))
    key(first.view, Qt.Key.Key_S, CTRL)
    assert first.dialogs.errors == []

    second = make_window()
    second.dialogs.open_paths.append(str(target))
    key(second.view, Qt.Key.Key_O, CTRL)
    assert second.dialogs.errors == []
    assert second.document.snapshot() == first.document.snapshot()
    assert second.files.path == str(target)
    assert second.undo_stack.count() == 0 and not second.isWindowModified()
    # the fingerprint of the file as opened is kept for disk-change checks
    assert second.files.fingerprint is not None
    assert second.files.fingerprint.size == target.stat().st_size


def test_save_writes_to_the_same_file_without_asking(window, tmp_path):
    target = tmp_path / "a.blueprint"
    window.dialogs.save_paths.append(str(target))
    key(window.view, Qt.Key.Key_S, CTRL)
    edit_something(window)
    key(window.view, Qt.Key.Key_S, CTRL)  # no dialog scripted: it must not ask
    data = json.loads(target.read_text(encoding="utf-8"))
    assert "room" not in [s["id"] for s in data["steps"]]
    assert not window.isWindowModified()


def test_save_as_moves_the_document_to_the_new_file_and_adds_the_suffix(window, tmp_path):
    first = tmp_path / "first.blueprint"
    window.dialogs.save_paths.append(str(first))
    key(window.view, Qt.Key.Key_S, CTRL)
    before = first.read_bytes()
    edit_something(window)
    window.dialogs.save_paths.append(str(tmp_path / "second"))
    key(window.view, Qt.Key.Key_S, CTRL | SHIFT)
    second = tmp_path / "second.blueprint"
    assert second.is_file()
    assert first.read_bytes() == before  # the first file is untouched
    assert window.files.path == str(second)
    assert window.windowTitle().startswith("second.blueprint[*]")
    assert not window.isWindowModified()


def test_cancelled_save_dialog_keeps_the_document_modified(window):
    edit_something(window)
    window.dialogs.save_paths.append(None)
    key(window.view, Qt.Key.Key_S, CTRL)
    assert window.isWindowModified() and window.files.path is None


def test_recent_files_newest_first_missing_pruned_and_openable_from_the_menu(window, tmp_path):
    paths = [write_blueprint(tmp_path / f"r{i}.blueprint", hotel_blueprint()) for i in range(3)]
    for p in paths:
        window.dialogs.open_paths.append(str(p))
        key(window.view, Qt.Key.Key_O, CTRL)
    assert window.files.recent_files() == [str(p) for p in reversed(paths)]

    paths[1].unlink()
    assert window.files.recent_files() == [str(paths[2]), str(paths[0])]

    menu = window.window_actions.recent_menu
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.data()]
    assert [a.data() for a in entries] == [str(paths[2]), str(paths[0])]
    entries[1].trigger()
    assert window.files.path == str(paths[0])
    assert window.files.recent_files()[0] == str(paths[0])


def test_recent_files_keep_at_most_ten(window, tmp_path):
    for i in range(12):
        window.files.add_recent(str(write_blueprint(tmp_path / f"f{i}.blueprint", hotel_blueprint())))
    recent = window.files.recent_files()
    assert len(recent) == 10 and recent[0].endswith("f11.blueprint")


def test_recent_files_survive_in_the_settings_for_the_next_window(make_window, tmp_path):
    path = write_blueprint(tmp_path / "kept.blueprint", hotel_blueprint())
    first = make_window()
    first.files.open(str(path))
    second = make_window()
    assert second.files.recent_files() == [str(path)]


# ---------------------------------------------------------------- unsaved changes prompt
def test_close_with_unsaved_changes_cancel_keeps_the_window_open(window):
    edit_something(window)
    window.dialogs.unsaved_answers.append(fc.CANCEL)
    assert not window.close()
    assert window.isVisible() and window.dialogs.unsaved_asked == 1
    assert window.isWindowModified()


def test_close_with_unsaved_changes_discard_closes(window):
    edit_something(window)
    window.dialogs.unsaved_answers.append(fc.DISCARD)
    assert window.close()
    assert not window.isVisible()


def test_close_with_unsaved_changes_save_saves_then_closes(window, tmp_path):
    edit_something(window)
    target = tmp_path / "closing.blueprint"
    window.dialogs.unsaved_answers.append(fc.SAVE)
    window.dialogs.save_paths.append(str(target))
    assert window.close()
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Hotel test"


def test_close_when_saving_is_cancelled_keeps_the_window(window):
    edit_something(window)
    window.dialogs.unsaved_answers.append(fc.SAVE)
    window.dialogs.save_paths.append(None)
    assert not window.close() and window.isVisible()


def test_close_without_changes_does_not_ask(window):
    assert window.close()
    assert window.dialogs.unsaved_asked == 0


def test_new_and_open_ask_about_unsaved_changes_first(window, tmp_path):
    edit_something(window)
    snapshot = window.document.snapshot()
    window.dialogs.unsaved_answers.append(fc.CANCEL)
    key(window.view, Qt.Key.Key_N, CTRL)
    assert window.document.snapshot() == snapshot
    window.dialogs.unsaved_answers.append(fc.CANCEL)
    key(window.view, Qt.Key.Key_O, CTRL)  # cancelled before any file dialog
    assert window.document.snapshot() == snapshot

    document = window.document
    window.dialogs.unsaved_answers.append(fc.DISCARD)
    key(window.view, Qt.Key.Key_N, CTRL)
    assert window.document is document  # one Document for the window's life
    assert window.document.snapshot() == document.snapshot()
    assert window.document.snapshot() == new_blueprint().model_dump(mode="json")
    assert window.undo_stack.count() == 0 and not window.isWindowModified()
    assert window.scene.step_item("arrive") is None


# ---------------------------------------------------------------- bad files
BAD_FILES = {
    "not-json": b"this is not json {",
    "empty": b"",
    "truncated": b'{"format": "service-blueprint", "version": 1, "lanes": [',
    "not-utf8": b'{"format": "service-blueprint", "version": 1, "title": "\xff\xfe"}',
    "nan": b'{"format": "service-blueprint", "version": 1, "steps": [], "x": NaN}',
    "array": b"[1, 2, 3]",
    "wrong-format": b'{"format": "mind-map", "version": 1}',
    "newer-version": b'{"format": "service-blueprint", "version": 99}',
    "unknown-key": b'{"format": "service-blueprint", "version": 1, "titel": "typo"}',
    "dangling-lane": json.dumps(
        {
            "format": "service-blueprint",
            "version": 1,
            "lanes": [{"id": "l", "kind": "customer", "title": "C"}],
            "columns": [{"id": "c"}],
            "steps": [{"id": "s", "lane": "nope", "column": "c", "title": "x"}],
        }
    ).encode(),
    "self-handoff": json.dumps(
        {
            "format": "service-blueprint",
            "version": 1,
            "lanes": [{"id": "l", "kind": "customer", "title": "C"}],
            "columns": [{"id": "c"}],
            "steps": [{"id": "s", "lane": "l", "column": "c", "title": "x"}],
            "handoffs": [{"id": "h", "source": "s", "target": "s"}],
        }
    ).encode(),
    "duplicate-id": json.dumps(
        {
            "format": "service-blueprint",
            "version": 1,
            "lanes": [{"id": "x", "kind": "customer", "title": "C"}],
            "columns": [{"id": "x"}],
        }
    ).encode(),
}


def _assert_untouched(window, snapshot, count, index, path):
    assert window.document.snapshot() == snapshot
    assert window.undo_stack.count() == count and window.undo_stack.index() == index
    assert window.files.path == path
    assert window.isWindowModified()
    key(window.view, Qt.Key.Key_Z, CTRL)  # the undo history still works on the document
    assert window.document.find("steps", "room") is not None


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_opening_a_bad_file_shows_the_error_and_changes_nothing(window, tmp_path, kind):
    edit_something(window)
    snapshot, count, index = (
        window.document.snapshot(),
        window.undo_stack.count(),
        window.undo_stack.index(),
    )
    bad = tmp_path / f"{kind}.blueprint"
    bad.write_bytes(BAD_FILES[kind])
    window.dialogs.open_paths.append(str(bad))
    window.dialogs.unsaved_answers.append(fc.DISCARD)
    key(window.view, Qt.Key.Key_O, CTRL)
    assert len(window.dialogs.errors) == 1
    title, text = window.dialogs.errors[0]
    assert title == "Cannot open blueprint" and str(bad) in text
    assert len(text.strip()) > len(str(bad)) + 5  # a reason follows the path
    assert bad.read_bytes() == BAD_FILES[kind]  # nothing on disk changed either
    _assert_untouched(window, snapshot, count, index, None)
    assert str(bad) not in window.files.recent_files()


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_opening_a_missing_file_or_a_folder_shows_the_error(window, tmp_path, kind):
    edit_something(window)
    snapshot, count, index = (
        window.document.snapshot(),
        window.undo_stack.count(),
        window.undo_stack.index(),
    )
    target = tmp_path / "gone.blueprint"
    if kind == "folder":
        target.mkdir()
    window.dialogs.unsaved_answers.append(fc.DISCARD)
    assert not window.open_file(str(target))
    assert len(window.dialogs.errors) == 1 and str(target) in window.dialogs.errors[0][1]
    _assert_untouched(window, snapshot, count, index, None)


def test_a_bad_file_after_a_good_one_keeps_the_good_ones_path(window, tmp_path):
    good = write_blueprint(tmp_path / "good.blueprint", hotel_blueprint())
    assert window.open_file(str(good))
    bad = tmp_path / "bad.blueprint"
    bad.write_bytes(b"{")
    assert not window.open_file(str(bad))
    assert window.files.path == str(good)
    assert window.windowTitle().startswith("good.blueprint")


def test_save_failure_shows_the_error_and_keeps_the_document_modified(window, tmp_path):
    edit_something(window)
    folder = tmp_path / "no" / "such" / "folder" / "x.blueprint"
    window.dialogs.save_paths.append(str(folder))
    key(window.view, Qt.Key.Key_S, CTRL)
    assert len(window.dialogs.errors) == 1
    assert window.dialogs.errors[0][0] == "Cannot save blueprint"
    assert window.isWindowModified() and window.files.path is None


def test_a_file_over_the_size_limit_is_refused(window, tmp_path):
    big = tmp_path / "huge.blueprint"
    with open(big, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: costs no disk space
    snapshot = window.document.snapshot()
    assert not window.open_file(str(big))
    assert len(window.dialogs.errors) == 1 and "MB" in window.dialogs.errors[0][1]
    assert window.document.snapshot() == snapshot and window.files.path is None


def test_dropping_a_blueprint_file_on_the_window_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = write_blueprint(tmp_path / "dropped.blueprint", hotel_blueprint())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPoint(10, 10)
    enter = QDragEnterEvent(
        at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    target = window.view.viewport()  # dropped on the canvas, it reaches the window
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, drop)
    assert window.files.path == str(path)

    text = QMimeData()
    text.setText("not a file")
    other = QDragEnterEvent(
        at, Qt.DropAction.CopyAction, text, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, other)
    assert not other.isAccepted()


def test_the_dock_layout_is_kept_for_the_next_window(make_window):
    first = make_window()
    first.palette_dock.hide()
    assert first.close()
    second = make_window()
    assert second.layout_restored
    assert second.palette_dock.isHidden()
    assert second.findChild(type(second.palette_dock), "inspectorDock").isVisible()
