"""Saving never loses the old file, and never silently overwrites someone else's changes.

Tests run as root, where a read-only folder does not stop writes; failures are injected
into the atomic writer's calls instead (open, write, fsync, replace), each with the
errno a real read-only folder, full disk or failing disk gives.
"""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtCore import QSettings

from blueprint_editor.core import atomic, edits
from blueprint_editor.core import io as bio
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.files import safe_save as ss
from blueprint_editor.qt.files.safe_save import CANCEL, OVERWRITE, SAVE_AS, check_disk_changes


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.app.main_window import MainWindow

    monkeypatch.setenv("BLUEPRINT_EDITOR_STATE_DIR", str(tmp_path / "state"))
    create_app()
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), panels=False)
    qtbot.addWidget(w)
    w.errors = []
    w.files.show_error = lambda title, text: w.errors.append(text)
    w.files.ask_unsaved_changes = lambda: "discard"
    w.save_paths = []
    w.files.ask_save_path = lambda suggested: w.save_paths.pop(0)
    return w


@pytest.fixture
def opened(window, tmp_path):
    """The window on a saved file, with one unsaved edit."""
    path = tmp_path / "hotel.blueprint"
    bio.save_path(new_blueprint("On disk"), path)
    assert window.files.open_path(str(path))
    assert window.controller.push(edits.add_step(window.document, "customer", "c1", "Unsaved"))
    return path


class Asked:
    def __init__(self, monkeypatch, answer):
        self.paths = []
        self.answer = answer
        monkeypatch.setattr(ss, "ask_changed_on_disk", self)

    def __call__(self, parent, path):
        self.paths.append(path)
        return self.answer


class PatchedOs:
    """The os module as seen by core.atomic, with some calls replaced."""

    def __init__(self, **calls):
        self.__dict__.update(calls)

    def __getattr__(self, name):
        return getattr(os, name)


def fail_with(code):
    def fail(*_args, **_kw):
        raise OSError(code, os.strerror(code))

    return fail


def write_half_then_fail(fd, data):  # the disk fills up in the middle of the file
    os.write(fd, bytes(data[: max(1, len(data) // 2)]))
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


INJECTIONS = {
    "read-only folder (temp file)": (dict(open=fail_with(errno.EACCES)), errno.EACCES),
    "read-only file system": (dict(open=fail_with(errno.EROFS)), errno.EROFS),
    "disk full mid-write": (dict(write=write_half_then_fail), errno.ENOSPC),
    "disk full at fsync": (dict(fsync=fail_with(errno.ENOSPC)), errno.ENOSPC),
    "I/O error at fsync": (dict(fsync=fail_with(errno.EIO)), errno.EIO),
    "rename refused": (dict(replace=fail_with(errno.EACCES)), errno.EACCES),
}


@pytest.mark.parametrize("how", sorted(INJECTIONS))
def test_failed_save_keeps_the_old_file_and_the_unsaved_mark(window, opened, monkeypatch, how):
    calls, code = INJECTIONS[how]
    before = opened.read_bytes()
    fingerprint = window.files.fingerprint
    monkeypatch.setattr(atomic, "os", PatchedOs(**calls))
    assert window.files.save() is False
    monkeypatch.undo()
    assert opened.read_bytes() == before  # byte-identical
    assert sorted(p.name for p in opened.parent.iterdir()) == ["hotel.blueprint", "s.ini"]
    assert window.isWindowModified() and not window.undo_stack.isClean()
    assert window.files.path == str(opened) and window.files.fingerprint == fingerprint
    assert len(window.errors) == 1 and os.strerror(code) in window.errors[0]
    assert str(opened) in window.errors[0]
    # once the disk is fine again, the same save works
    assert window.files.save() is True
    assert bio.load_path(opened).steps[0].title == "Unsaved"
    assert not window.isWindowModified()


def test_failed_save_as_keeps_the_old_path(window, opened, tmp_path, monkeypatch):
    other = tmp_path / "copy.blueprint"
    window.save_paths.append(str(other))
    monkeypatch.setattr(atomic, "os", PatchedOs(replace=fail_with(errno.ENOSPC)))
    assert window.files.save_as() is False
    monkeypatch.undo()
    assert not other.exists()
    assert window.files.path == str(opened) and window.isWindowModified()
    assert "No space left on device" in window.errors[0]


def test_save_into_a_missing_folder_is_a_real_os_error(window, opened, tmp_path):
    window.save_paths.append(str(tmp_path / "no-such-folder" / "x.blueprint"))
    assert window.files.save_as() is False
    assert window.errors and os.strerror(errno.ENOENT) in window.errors[0]
    assert window.isWindowModified() and window.files.path == str(opened)


# ------------------------------------------------------- changed on disk since opened
def someone_else_edits(path):
    bp = bio.load_path(path)
    bp.title = "A colleague's version"
    bio.save_path(bp, path)
    return path.read_bytes()


def test_changed_on_disk_cancel_leaves_their_file(window, opened, monkeypatch):
    theirs = someone_else_edits(opened)
    asked = Asked(monkeypatch, CANCEL)
    assert window.files.save() is False
    assert asked.paths == [str(opened)]
    assert opened.read_bytes() == theirs
    assert window.isWindowModified() and window.errors == []


def test_changed_on_disk_overwrite_when_the_user_says_so(window, opened, monkeypatch):
    someone_else_edits(opened)
    asked = Asked(monkeypatch, OVERWRITE)
    assert window.files.save() is True  # the window's own Save goes through the check
    assert asked.paths == [str(opened)]
    assert bio.load_path(opened).title == "On disk"  # ours
    assert not window.isWindowModified()
    # the new fingerprint is ours: the next save does not ask again
    assert window.controller.push(edits.add_step(window.document, "customer", "c2", "More"))
    assert window.files.save() is True and len(asked.paths) == 1


def test_changed_on_disk_save_as_keeps_both(window, opened, monkeypatch, tmp_path):
    theirs = someone_else_edits(opened)
    asked = Asked(monkeypatch, SAVE_AS)
    mine = tmp_path / "mine.blueprint"
    window.save_paths.append(str(mine))
    assert window.files.save() is True
    assert asked.paths == [str(opened)]
    assert opened.read_bytes() == theirs
    assert bio.load_path(mine).steps[0].title == "Unsaved"
    assert window.files.path == str(mine) and not window.isWindowModified()


def test_save_as_onto_the_changed_file_itself_asks_only_once(window, opened, monkeypatch):
    someone_else_edits(opened)
    asked = Asked(monkeypatch, SAVE_AS)
    window.save_paths.append(str(opened))  # the user picks the same file (and confirmed)
    assert window.files.save() is True
    assert len(asked.paths) == 1
    assert bio.load_path(opened).title == "On disk"


def test_unchanged_touched_or_deleted_file_saves_without_asking(window, opened, monkeypatch):
    asked = Asked(monkeypatch, CANCEL)
    st = os.stat(opened)
    os.utime(opened, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # touched, same bytes
    assert window.files.save() is True
    assert window.controller.push(edits.add_step(window.document, "customer", "c2", "x"))
    opened.unlink()  # deleted meanwhile: nothing to lose by writing it again
    assert window.files.save() is True and opened.exists()
    assert asked.paths == []


def test_the_window_is_built_with_the_check_and_asks_once(window, opened, monkeypatch):
    assert window.files.overwrite_check is check_disk_changes
    someone_else_edits(opened)
    asked = Asked(monkeypatch, CANCEL)
    assert window.files.save() is False
    assert len(asked.paths) == 1


@pytest.mark.parametrize(
    "button, answer", [("Save As\u2026", SAVE_AS), ("Overwrite", OVERWRITE), ("Cancel", CANCEL)]
)
def test_the_real_dialog_maps_its_buttons(window, opened, button, answer):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = []

    def click():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        [chosen] = [b for b in box.buttons() if b.text().replace("&", "") == button]
        chosen.click()

    QTimer.singleShot(0, click)
    assert ss.ask_changed_on_disk(window, str(opened)) == answer
    assert "hotel.blueprint" in seen[0] and "changed" in seen[0]


def test_a_restored_document_still_notices_a_file_changed_after_the_crash(window, tmp_path, monkeypatch):
    from blueprint_editor.core import recovery
    from blueprint_editor.core.filestate import Fingerprint
    from blueprint_editor.qt.files.autosave import RESTORE, offer_recovery

    original = tmp_path / "hotel.blueprint"
    bio.save_path(new_blueprint("Before the crash"), original)
    fp = Fingerprint.of(original)
    folder = tmp_path / "state" / "recovery"
    folder.mkdir(parents=True)
    (folder / f"99999999-0123abcd{recovery.SUFFIX}").write_bytes(
        recovery.encode(
            new_blueprint("Restored work"), str(original), pid=99999999, session="0123abcd", original=fp
        )
    )
    theirs = someone_else_edits(original)  # after the crash, before the restore
    assert offer_recovery(window, ask=lambda parent, orphan: RESTORE) == [window]
    asked = Asked(monkeypatch, CANCEL)
    assert window.files.save() is False
    assert asked.paths == [str(original)] and original.read_bytes() == theirs
    assert window.isWindowModified()


def test_the_controller_asks_its_overwrite_check_before_every_write(qtbot, tmp_path):
    """A controller built with a check calls it with the path; SAVE_AS asks for another
    name and writes there without asking again; CANCEL writes nothing."""
    from PySide6.QtGui import QUndoStack

    from blueprint_editor.core.document import Document
    from blueprint_editor.qt.files.controller import FileController

    answers, asked = [CANCEL, SAVE_AS], []

    def check(files, path):
        asked.append(path)
        return answers.pop(0)

    stack = QUndoStack()
    files = FileController(
        Document(new_blueprint("Mine")),
        stack,
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        overwrite_check=check,
    )
    files.ask_save_path = lambda suggested: str(tmp_path / "other.blueprint")
    target = tmp_path / "mine.blueprint"
    assert files.save_to(str(target)) is False and not target.exists()
    assert files.save_to(str(target)) is True
    assert asked == [str(target), str(target)]
    assert not target.exists() and files.path == str(tmp_path / "other.blueprint")
    assert bio.load_path(tmp_path / "other.blueprint").title == "Mine"
