"""Autosave to recovery files and the offer to restore them, on real main windows."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from blueprint_editor.core import edits, recovery
from blueprint_editor.core import io as bio
from blueprint_editor.core.filestate import Fingerprint
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.files import autosave
from blueprint_editor.qt.files.autosave import DISCARD, LATER, RESTORE, install_autosave, offer_recovery


@pytest.fixture
def state(tmp_path, monkeypatch):
    """A state folder of the test's own (never the user's)."""
    monkeypatch.setenv(recovery.ENV_VAR, str(tmp_path / "state"))
    return tmp_path / "state" / "recovery"


@pytest.fixture
def make_window(qtbot, tmp_path, state):
    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.app.main_window import MainWindow

    create_app()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def make(blueprint=None, autosaver=True, managed=True):
        window = MainWindow(blueprint, settings=settings, panels=False)
        if managed:  # pytest-qt closes it at teardown
            qtbot.addWidget(window)
        window.errors, window.messages = [], []
        window.files.show_error = lambda title, text: window.errors.append(text)
        window.show_message = lambda text, ms=0: window.messages.append(text)
        window.files.ask_unsaved_changes = lambda: DISCARD  # pytest-qt closes it at teardown
        if autosaver:
            install_autosave(window)
        return window

    return make


def add_step(window, title="New step"):
    assert window.controller.push(edits.add_step(window.document, "customer", "c1", title))


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def plant(state, blueprint, path=None, original=None, token="c0ffee00") -> os.PathLike:
    """The recovery file a crashed editor would leave behind."""
    state.mkdir(parents=True, exist_ok=True)
    pid = dead_pid()
    file = state / f"{pid}-{token}{recovery.SUFFIX}"
    file.write_bytes(recovery.encode(blueprint, path, pid=pid, session=token, original=original))
    return file


class Asker:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked = []

    def __call__(self, parent, orphan):
        self.asked.append(orphan)
        assert self.answers, "asked more often than expected"
        return self.answers.pop(0)


# -------------------------------------------------------------------- autosave
def test_edits_restart_the_timer_and_the_file_appears_when_it_fires(make_window):
    window = make_window()
    saver = window.autosaver
    assert saver.timer.isSingleShot() and saver.timer.interval() == autosave.DELAY_MS
    assert not saver.timer.isActive()
    add_step(window, "First")
    assert saver.timer.isActive() and not saver.file.exists()
    add_step(window, "Second")
    assert saver.timer.isActive() and not saver.file.exists()  # still waiting: debounced
    saver.timer.timeout.emit()  # the quiet time is over
    assert not saver.timer.isActive()
    data = recovery.read_file(saver.file)
    assert data.blueprint.model_dump(mode="json") == window.document.snapshot()
    assert [s.title for s in data.blueprint.steps] == ["First", "Second"]
    assert data.path is None and data.pid == os.getpid()


def test_the_real_timer_writes_the_file(make_window, qtbot):
    window = make_window()
    window.autosaver.timer.setInterval(10)
    add_step(window)
    qtbot.waitUntil(window.autosaver.file.exists)


def test_save_removes_the_recovery_file(make_window, tmp_path):
    window = make_window()
    add_step(window)
    assert window.autosaver.write_now() and window.autosaver.file.exists()
    assert window.files.save_to(str(tmp_path / "saved.blueprint"))
    assert not window.autosaver.file.exists()
    assert not window.autosaver.timer.isActive()
    add_step(window, "after save")  # unsaved again: the timer runs again
    assert window.autosaver.timer.isActive()


def test_undo_back_to_the_saved_point_removes_it(make_window):
    window = make_window()
    add_step(window)
    window.autosaver.write_now()
    window.undo_stack.undo()
    assert window.undo_stack.isClean()
    assert not window.autosaver.file.exists() and not window.autosaver.timer.isActive()
    window.undo_stack.redo()
    assert window.autosaver.timer.isActive()


def test_clean_close_removes_it_a_refused_close_keeps_it(make_window, qtbot):
    window = make_window()
    window.show()
    add_step(window)
    window.autosaver.write_now()
    file = window.autosaver.file
    window.files.ask_unsaved_changes = lambda: "cancel"
    assert not window.close()
    QCoreApplication.processEvents()
    assert window.isVisible() and file.exists()
    window.files.ask_unsaved_changes = lambda: DISCARD
    assert window.close()
    qtbot.waitUntil(lambda: not file.exists())
    assert not window.autosaver.session.lock_path.exists()


def test_autosave_failure_is_shown(make_window, monkeypatch):
    window = make_window()
    add_step(window)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("blueprint_editor.core.atomic.os.replace", full)
    assert window.autosaver.write_now() is False
    assert any("No space left on device" in m for m in window.messages)


def test_two_windows_in_one_process_keep_their_own_files(make_window, state):
    one, two = make_window(), make_window()
    add_step(one, "in one")
    add_step(two, "in two")
    one.autosaver.write_now()
    two.autosaver.write_now()
    add_step(one, "more in one")
    one.autosaver.write_now()
    assert one.autosaver.file != two.autosaver.file
    assert one.autosaver.session.token != two.autosaver.session.token

    def titles(w):
        return [s.title for s in recovery.read_file(w.autosaver.file).blueprint.steps]

    assert titles(one) == ["in one", "more in one"]
    assert titles(two) == ["in two"]
    third = make_window()
    asker = Asker()
    assert offer_recovery(third, ask=asker) == [] and asker.asked == []  # both alive
    one.autosaver.close()
    assert not one.autosaver.file.exists() and two.autosaver.file.exists()


# -------------------------------------------------------------------- recovery
def test_restore_after_a_crash(make_window, state, tmp_path):
    original = tmp_path / "hotel.blueprint"
    bio.save_path(new_blueprint("Hotel, as saved"), original)
    fp = Fingerprint.of(original)
    lost = new_blueprint("Hotel, with an hour of unsaved work")
    orphan_file = plant(state, lost, str(original), fp)

    window = make_window()
    asker = Asker(RESTORE)
    assert offer_recovery(window, ask=asker) == [window]
    assert len(asker.asked) == 1 and asker.asked[0].path == str(original)
    assert window.document.blueprint == lost
    assert window.files.path == str(original)  # original path kept
    assert window.files.fingerprint == fp
    assert window.isWindowModified() and not window.undo_stack.isClean()
    assert not orphan_file.exists()
    # the work is already safe in this window's own recovery file
    assert recovery.read_file(window.autosaver.file).blueprint == lost
    # and the next start offers nothing more
    assert offer_recovery(make_window(), ask=Asker()) == []
    # saving goes to the original path and clears the mark and the recovery file
    assert window.files.save()
    assert bio.load_path(original) == lost
    assert not window.isWindowModified() and not window.autosaver.file.exists()


def test_later_keeps_it_for_next_time_discard_deletes_it(make_window, state):
    file = plant(state, new_blueprint("Maybe later"))
    window = make_window()
    assert offer_recovery(window, ask=Asker(LATER)) == []
    assert file.exists() and window.document.blueprint.title != "Maybe later"
    asker = Asker(DISCARD)
    assert offer_recovery(make_window(), ask=asker) == []
    assert len(asker.asked) == 1 and not file.exists()


def test_corrupt_recovery_file_never_blocks_start_up(make_window, state):
    state.mkdir(parents=True)
    bad = state / f"{dead_pid()}-badbadba{recovery.SUFFIX}"
    bad.write_bytes(b'{"recovery": 1, "blueprint": {"format": "service-blue')
    good = plant(state, new_blueprint("Good one"))
    window = make_window()
    asker = Asker(RESTORE)
    assert offer_recovery(window, ask=asker) == [window]
    assert [o.file for o in asker.asked] == [good]
    assert window.document.blueprint.title == "Good one"
    assert not bad.exists() and len(list((state / recovery.DAMAGED).iterdir())) == 1
    assert any("damaged" in m for m in window.messages)


def test_a_failing_dialog_never_blocks_start_up(make_window, state):
    file = plant(state, new_blueprint("Kept"))

    def broken(parent, orphan):
        raise RuntimeError("dialog exploded")

    assert offer_recovery(make_window(), ask=broken) == []
    assert file.exists()


def test_second_restore_opens_a_new_window(make_window, state):
    plant(state, new_blueprint("First"), token="aaaaaaaa")
    plant(state, new_blueprint("Second"), token="bbbbbbbb")
    window = make_window()
    made = []

    def make():
        made.append(make_window())
        return made[-1]

    restored = offer_recovery(window, ask=Asker(RESTORE, RESTORE), make_window=make)
    assert restored == [window, made[0]]
    assert sorted(w.document.blueprint.title for w in restored) == ["First", "Second"]
    assert all(w.isWindowModified() for w in restored)


def test_restore_into_a_used_window_opens_a_new_one(make_window, state):
    plant(state, new_blueprint("Lost"))
    window = make_window()
    add_step(window)  # the user already started working here
    made = []
    restored = offer_recovery(
        window, ask=Asker(RESTORE), make_window=lambda: made.append(make_window()) or made[-1]
    )
    assert restored == made and window.document.blueprint.title != "Lost"


CRASHING_EDITOR = textwrap.dedent("""
    import os, signal, sys
    from PySide6.QtCore import QSettings
    from blueprint_editor.core import edits
    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.files.autosave import install_autosave
    from blueprint_editor.qt.app.main_window import MainWindow
    create_app()
    w = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat), panels=False)
    install_autosave(w)
    w.controller.push(edits.add_step(w.document, "customer", "c1", "Written before the crash"))
    assert w.autosaver.write_now()
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_a_real_crash_is_recovered(make_window, state, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, str(tmp_path / "child.ini")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr
    window = make_window()
    asker = Asker(RESTORE)
    assert offer_recovery(window, ask=asker) == [window]
    assert [s.title for s in window.document.blueprint.steps] == ["Written before the crash"]
    assert window.isWindowModified() and window.files.path is None
    json.loads(window.autosaver.file.read_text("utf-8"))  # its own file now holds the work


def test_open_and_new_remove_the_recovery_file(make_window, tmp_path):
    window = make_window()
    other = tmp_path / "other.blueprint"
    bio.save_path(new_blueprint("Other"), other)
    add_step(window)
    window.autosaver.write_now()
    assert window.files.open(str(other))  # "discard" at the unsaved-changes prompt
    assert not window.autosaver.file.exists()
    add_step(window)
    window.autosaver.write_now()
    assert window.files.new()
    assert not window.autosaver.file.exists()


@pytest.mark.parametrize("button, answer", [("Restore", RESTORE), ("Discard", DISCARD), ("Later", LATER)])
def test_the_real_dialog_maps_its_buttons(make_window, state, tmp_path, button, answer):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    original = tmp_path / "hotel.blueprint"
    bio.save_path(new_blueprint("Hotel"), original)
    fp = Fingerprint.of(original)
    plant(state, new_blueprint("Lost"), str(original), fp)
    bio.save_path(new_blueprint("Hotel, changed by a colleague"), original)
    [orphan] = recovery.find_orphans(state)
    seen = []

    def click():
        box = QApplication.activeModalWidget()
        seen.append(box.informativeText())
        [chosen] = [b for b in box.buttons() if b.text() == button]
        chosen.click()

    QTimer.singleShot(0, click)
    assert autosave.ask_restore(make_window(), orphan) == answer
    assert "Lost" in seen[0] and str(original) in seen[0]
    assert "changed since" in seen[0]  # the warning about the file on disk
    orphan.release()


def test_a_window_deleted_on_close_still_removes_its_file(make_window, qtbot):
    from PySide6.QtCore import Qt

    window = make_window(managed=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    add_step(window)
    window.autosaver.write_now()
    file, lock = window.autosaver.file, window.autosaver.session.lock_path
    gone = []
    window.destroyed.connect(lambda *_: gone.append(True))
    assert window.close()
    qtbot.waitUntil(lambda: gone == [True])  # deleteLater runs in the event loop
    assert not file.exists() and not lock.exists()
