"""Autosave of unsaved work to a recovery file, and the offer to restore it after a crash.

:class:`Autosaver` watches one window's undo stack. While the document is modified (the
stack is not at its clean index, the saved point) every change restarts a single-shot
timer; when edits have stopped for :data:`DELAY_MS` it writes the window's recovery file
(:class:`~blueprint_editor.core.recovery.RecoverySession`). When the stack becomes clean
(saved, or undone back to the saved point, or New/Open) and when the window closes
cleanly (its ``closeAccepted`` signal: the work was saved or discarded, whichever way the
close came), the file is removed. A process that ends without its window agreeing to
close (a crash, a kill) leaves the file to be offered next time. Writing is atomic, so a
crash during an autosave leaves the previous recovery file intact.

:func:`offer_recovery` runs at start-up: for each orphan (a recovery file whose editor is
gone) it asks Restore / Discard / Later through :data:`ask_restore` (tests replace it). A
restored document opens marked unsaved, with its original path and the fingerprint of
that file as the crashed window knew it, so saving still notices a file changed on disk.
Bad recovery files are skipped (see :func:`blueprint_editor.core.recovery.scan`) and
reported in the status bar; nothing here can stop the editor from starting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from blueprint_editor.core import recovery
from blueprint_editor.core.recovery import Orphan, RecoverySession
from blueprint_editor.qt.editing.plain_text import plain_message_box

log = logging.getLogger(__name__)

#: Quiet time after the last edit before the recovery file is written.
DELAY_MS = 3000
RESTORE, DISCARD, LATER = "restore", "discard", "later"


class Autosaver(QObject):
    """Keeps one window's recovery file in step with its unsaved changes."""

    #: the recovery file was written (its path)
    written = Signal(str)
    #: writing failed (the message shown to the user)
    failed = Signal(str)

    def __init__(self, window, session: RecoverySession | None = None, delay_ms: int = DELAY_MS):
        super().__init__(window)
        self.window = window
        self.session = session if session is not None else RecoverySession()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.write_now)
        self._closed = False
        stack = window.undo_stack
        stack.indexChanged.connect(self._changed)
        stack.cleanChanged.connect(self._changed)
        # decided in the window's closeEvent, after the unsaved-changes answer: a guess
        # from outside (an event filter plus a deferred look) ran inside the prompt's own
        # event loop and took Discard for Cancel
        window.closeAccepted.connect(self.close)

    # ----------------------------------------------------------------- state
    def is_modified(self) -> bool:
        return not self.window.undo_stack.isClean()

    @property
    def file(self):
        return self.session.file

    def _changed(self, *_args) -> None:
        if self._closed:
            return
        if self.is_modified():
            self.timer.start()  # (re)start: the file is written once edits stop
        else:
            self.timer.stop()
            self.session.remove()

    # ----------------------------------------------------------------- writing
    def write_now(self) -> bool:
        """Write the recovery file now (the timer's handler). True if written."""
        self.timer.stop()
        if self._closed:
            return False
        if not self.is_modified():
            self.session.remove()
            return False
        files = self.window.files
        try:
            file = self.session.write(self.window.document.blueprint, files.path, files.fingerprint)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            message = (
                f"Autosave failed ({reason}); your changes are only in this window. "
                "Save them to keep them safe."
            )
            log.warning("autosave to %s failed: %s", self.session.file, exc)
            self.window.show_message(message)
            self.failed.emit(message)
            return False
        self.written.emit(str(file))
        return True

    def close(self) -> None:
        """The window closed cleanly (saved or discarded): its recovery file goes."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        self.session.close()


def install_autosave(
    window, directory=None, delay_ms: int = DELAY_MS, session: RecoverySession | None = None
) -> Autosaver:
    """Give ``window`` an autosaver (``window.autosaver``); idempotent."""
    if window.autosaver is not None:
        return window.autosaver
    if session is None:
        session = RecoverySession(directory)
    window.autosaver = Autosaver(window, session, delay_ms)
    return window.autosaver


# ---------------------------------------------------------------- restoring
def _local_time(when) -> str:
    """A recovery time for people: local time, or UTC where local time cannot say it
    (year 1, year 9999)."""
    if when is None:
        return "?"
    try:
        when = when.astimezone()
    except (OverflowError, ValueError, OSError):
        pass
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d} {when.hour:02d}:{when.minute:02d}"


def _describe(orphan: Orphan) -> str:
    where = orphan.path or "a new, never saved blueprint"
    when = _local_time(orphan.saved_at)
    title = orphan.blueprint.title or "Untitled"
    text = f"\u201c{title}\u201d \u2014 {where}\nlast autosaved {when}"
    try:
        if orphan.original_changed():
            text += (
                "\n\nNote: the file on disk has changed since then; saving the "
                "restored work will ask before overwriting it."
            )
    except OSError:
        pass
    return text


def _ask_restore_dialog(parent: QWidget | None, orphan: Orphan) -> str:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Recover unsaved work")
    box.setText("The editor did not close properly last time. Unsaved work was kept:")
    box.setInformativeText(_describe(orphan))
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard_button = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    plain_message_box(box).exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RESTORE
    if clicked is discard_button:
        return DISCARD
    return LATER


#: ``ask_restore(parent, orphan) -> RESTORE | DISCARD | LATER``; tests replace it.
ask_restore: Callable[[QWidget | None, Orphan], str] = _ask_restore_dialog


def restore_into(window, orphan: Orphan) -> bool:
    """Put an orphan's blueprint in ``window``, unsaved, with its original path.

    The orphan's file is deleted only once the window's own recovery file holds the work
    (if the window has an autosaver and that write fails, the orphan is kept for later).
    """
    # unsaved, with the file as the crashed window knew it
    window.files.restore_unsaved(orphan.blueprint, orphan.path, orphan.data.original)
    autosaver = window.autosaver
    kept = autosaver.write_now() if autosaver is not None else True
    if kept:
        recovery.discard(orphan)
    else:
        orphan.release()
    window.update_title()
    window.show_message(f"Restored unsaved work: {orphan.blueprint.title or 'Untitled'}")
    return True


_restored_windows: list = []  # keep windows made for restores alive


def _new_window_like(window):
    other = type(window)(settings=window.settings)
    install_autosave(other, window.autosaver.session.directory if window.autosaver is not None else None)
    other.resize(window.size())
    other.show()
    _restored_windows.append(other)
    other.destroyed.connect(
        lambda *_: _restored_windows.remove(other) if other in _restored_windows else None
    )
    return other


def _is_pristine(window) -> bool:
    files = window.files
    return files.path is None and window.undo_stack.isClean() and window.undo_stack.count() == 0


def offer_recovery(
    window, directory=None, ask: Callable | None = None, make_window: Callable | None = None
) -> list:
    """At start-up: offer each orphaned recovery file. Returns the windows restored into.

    The first restore goes into ``window`` when it is still an untouched new blueprint,
    later ones into new windows (``make_window()``, by default a new window like
    ``window``). Never raises: a failure is logged and shown in the status bar.
    """
    if directory is None and window.autosaver is not None:
        directory = window.autosaver.session.directory
    try:
        result = recovery.scan(directory)
    except Exception:  # scan never raises; belt and braces for start-up
        log.exception("looking for recovery files failed")
        return []
    _report_skipped(window, result.skipped)
    ask = ask or ask_restore
    make_window = make_window or (lambda: _new_window_like(window))
    restored: list = []
    for orphan in result.orphans:
        try:
            answer = ask(window, orphan)
            if answer == RESTORE:
                target = window if (not restored and _is_pristine(window)) else make_window()
                restore_into(target, orphan)
                restored.append(target)
            elif answer == DISCARD:
                recovery.discard(orphan)
            else:
                orphan.release()
        except Exception:
            log.exception("restoring %s failed", orphan.file)
            orphan.release()
            window.show_message(f"Could not restore {orphan.file}; it was kept.")
    return restored


def _report_skipped(window, skipped) -> None:
    moved = [s for s in skipped if s.action == "moved"]
    for s in skipped:
        log.warning("recovery file %s skipped (%s): %s", s.file, s.action, s.reason)
    if moved:
        folder = moved[0].file.parent / recovery.DAMAGED
        window.show_message(
            f"{len(moved)} damaged recovery file(s) could not be restored and were moved to {folder}"
        )
