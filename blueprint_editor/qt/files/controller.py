"""New, Open, Save, Save As, recent files and the "unsaved changes" prompt of one window.

The window's :class:`Document` lives as long as the window: New and Open swap a blueprint
into it with ``doc.replace`` (the scene and panels follow the ``reset`` event) and clear
the undo stack. The undo stack's clean index is the saved point: ``setClean()`` after a
save, ``clear()`` after New and Open, so undoing back to the saved state clears the
window's modified mark.

Every dialog goes through one small method (``ask_open_path``, ``ask_save_path``,
``ask_unsaved_changes``, ``show_error``) so tests replace them and never block on a modal
dialog. The controller is constructed with an explicit ``overwrite_check(files, path)``
(see :mod:`.safe_save`): it is asked before every write and answers ``OVERWRITE``
(write), ``SAVE_AS`` (ask for another name instead) or ``CANCEL``. The
``saved``/``opened``/``path_changed`` signals serve autosave and recovery files;
:meth:`FileController.restore_unsaved` puts recovered work in the window.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from blueprint_editor.core.atomic import ReadOnlyFile
from blueprint_editor.core.document import Document
from blueprint_editor.core.filestate import Fingerprint
from blueprint_editor.core.limits import too_many_steps
from blueprint_editor.core.model import Blueprint, new_blueprint
from blueprint_editor.core.templates import save_template
from blueprint_editor.qt.editing.plain_text import message_box, plain_message_box, show_message

FILE_FILTER = "Service blueprints (*.blueprint *.json)"
ALL_FILTER = "All files (*)"
DEFAULT_SUFFIX = ".blueprint"
RECENT_KEY = "recentFiles"
MAX_RECENT = 10

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
#: Answers of an overwrite check (``CANCEL`` is shared with the unsaved-changes prompt).
OVERWRITE, SAVE_AS = "overwrite", "save_as"

#: ``overwrite_check(files, path) -> OVERWRITE | SAVE_AS | CANCEL``, asked before a write.
OverwriteCheck = Callable[["FileController", str], str]


def always_overwrite(files: FileController, path: str) -> str:
    """The overwrite check of a controller that never asks (Save As' own dialog asked)."""
    return OVERWRITE


def _io():
    from blueprint_editor.core import io  # the core IO module (load_path, save_path, LoadError)

    return io


class FileController(QObject):
    """File operations of one window. ``parent_widget`` owns the dialogs."""

    #: the path the document was written to (after Save and Save As)
    saved = Signal(str)
    #: the path a blueprint was read from (after Open)
    opened = Signal(str)
    #: the document's path changed (str, or None for a new blueprint)
    path_changed = Signal(object)
    #: the recent files list changed (list of str)
    recent_changed = Signal(list)
    #: "Save as template" wrote this file
    template_saved = Signal(str)

    def __init__(
        self,
        document: Document,
        undo_stack: QUndoStack,
        parent_widget: QWidget | None = None,
        settings: QSettings | None = None,
        new_blueprint_factory: Callable[[], Blueprint] = new_blueprint,
        overwrite_check: OverwriteCheck = always_overwrite,
    ):
        super().__init__(parent_widget)
        self.overwrite_check = overwrite_check
        self.document = document
        self.undo_stack = undo_stack
        self.parent_widget = parent_widget
        self.settings = settings if settings is not None else QSettings()
        self.new_blueprint_factory = new_blueprint_factory
        #: absolute path of the file on disk, or None for an unsaved new blueprint
        self.path: str | None = None
        #: the file as the editor last read or wrote it (size, mtime, sha256), or None
        self.fingerprint: Fingerprint | None = None
        self.last_dir: str = ""
        #: where "Save as template" writes; None: the user's templates folder
        self.template_dir: Path | None = None

    # ------------------------------------------------------------ dialog hooks
    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            "Open blueprint",
            self.last_dir or self._default_dir(),
            f"{FILE_FILTER};;{ALL_FILTER}",
        )
        return path or None

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget, "Save blueprint as", suggested, f"{FILE_FILTER};;{ALL_FILTER}"
        )
        return path or None

    def ask_unsaved_changes(self) -> str:
        """SAVE, DISCARD or CANCEL."""
        box = QMessageBox(self.parent_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to {self.display_name()}?")
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = plain_message_box(box).exec()
        return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL
        )

    def show_error(self, title: str, text: str) -> None:
        show_message(self.parent_widget, QMessageBox.Icon.Critical, title, text)

    def ask_save_elsewhere(self, path: str) -> bool:
        """``path`` is read-only: True to choose another name (Save As), False to cancel."""
        box = message_box(
            self.parent_widget,
            QMessageBox.Icon.Warning,
            "Cannot save blueprint",
            f"{path}\n\nThis file is read-only: you have no permission to write it, so it was not replaced.",
            "Save your work under another name to keep it.",
        )
        save_as = box.addButton("Save As\u2026", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        return box.clickedButton() is save_as

    # -------------------------------------------------------------- state
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        return Path(self.path).name if self.path else "Untitled"

    def _default_dir(self) -> str:
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def set_path(self, path: str | None, fingerprint: Fingerprint | None = None) -> None:
        """Make ``path`` the document's file; ``fingerprint`` is the file as the editor knows
        it (by default: as it is on disk now). Emits ``path_changed`` when it changed."""
        self._set_path(path, fingerprint if fingerprint is not None else Fingerprint.try_of(path))

    def restore_unsaved(
        self, blueprint: Blueprint, path: str | None, fingerprint: Fingerprint | None
    ) -> None:
        """Put recovered work in the window: ``blueprint`` with its original ``path`` and
        the ``fingerprint`` of that file as the crashed window knew it, marked unsaved
        (whatever is undone) so saving it still notices a file changed on disk."""
        self.document.replace(blueprint)
        self.undo_stack.clear()
        self._set_path(path, fingerprint)  # the file itself is not read (it may be anything)
        self.undo_stack.resetClean()

    def _set_path(self, path: str | None, fingerprint: Fingerprint | None = None) -> None:
        """The document's path and the fingerprint of what was read from or written to it
        (from the bytes themselves: the file is never read again for it)."""
        path = os.path.abspath(path) if path else None
        changed = path != self.path
        self.path = path
        self.fingerprint = fingerprint if path else None
        if path:
            self.last_dir = str(Path(path).parent)
        if changed:
            self.path_changed.emit(path)

    # -------------------------------------------------------------- actions
    def maybe_save(self) -> bool:
        """Before the document goes away: True when it may (saved, discarded, or clean)."""
        if not self.is_modified():
            return True
        answer = self.ask_unsaved_changes()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def new(self) -> bool:
        return self.new_from(self.new_blueprint_factory())

    def new_from(self, blueprint: Blueprint) -> bool:
        """A new, untitled document holding ``blueprint`` (a template, a copy of an
        example), after the unsaved-changes prompt."""
        if not self.maybe_save():
            return False
        self.document.replace(blueprint)
        self.undo_stack.clear()
        self._set_path(None)
        return True

    # -------------------------------------------------------------- templates
    def ask_template_name(self, suggested: str) -> str | None:
        name, ok = QInputDialog.getText(
            self.parent_widget, "Save as template", "Template name:", QLineEdit.EchoMode.Normal, suggested
        )
        return name if ok else None

    def confirm_replace_template(self, name: str) -> bool:
        answer = QMessageBox.question(
            self.parent_widget,
            "Replace template",
            f"A template called \u201c{name}\u201d exists already. Replace it?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def save_as_template(self) -> str | None:
        """Save the blueprint as a template in the user's templates folder
        (:attr:`template_dir`); returns the file written, or None."""
        name = self.ask_template_name(self.document.blueprint.title)
        if name is None or not name.strip():
            return None
        blueprint = self.document.blueprint
        try:
            try:
                path = save_template(blueprint, name, self.template_dir)
            except FileExistsError:
                if not self.confirm_replace_template(" ".join(name.split())):
                    return None
                path = save_template(blueprint, name, self.template_dir, overwrite=True)
        except (OSError, ValueError) as exc:
            self.show_error("Cannot save the template", _reason(exc))
            return None
        self.template_saved.emit(str(path))
        return str(path)

    def open(self, path: str | None = None) -> bool:
        """Open ``path`` (or ask for one), after the unsaved-changes prompt."""
        if not self.maybe_save():
            return False
        if path is None:
            path = self.ask_open_path()
            if not path:
                return False
        return self.open_path(path)

    def load(self, path: str) -> tuple[Blueprint, Fingerprint]:
        """Read a blueprint and the fingerprint of the bytes read (one read); raises
        io.LoadError (a ValueError) or OSError."""
        return _io().read_path(path)

    def open_path(self, path: str) -> bool:
        """Open ``path`` without asking about unsaved changes. A bad file shows an error
        and leaves the current document, its path and its undo stack untouched."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            blueprint, fingerprint = self.load(path)
        except (ValueError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            self.show_error("Cannot open blueprint", _open_message(path, exc))
            if isinstance(exc, FileNotFoundError):
                self.remove_recent(path)
            return False
        QApplication.restoreOverrideCursor()
        refused = too_many_steps(blueprint, "the editor shows")
        if refused is not None:  # before any canvas item is made
            self.show_error("Cannot open blueprint", f"{path}\n\n{refused[0].upper()}{refused[1:]}")
            return False
        self.document.replace(blueprint)
        self.undo_stack.clear()
        path = os.path.abspath(path)
        self._set_path(path, fingerprint)
        self.add_recent(path)
        self.opened.emit(path)
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        """Ask for a name and save there."""
        path = self._ask_save_as_path()
        return self.save_to(path) if path else False

    def _ask_save_as_path(self) -> str | None:
        suggested = self.path or str(
            Path(self.last_dir or self._default_dir())
            / (_safe_name(self.document.blueprint.title) + DEFAULT_SUFFIX)
        )
        path = self.ask_save_path(suggested)
        if not path:
            return None
        if not Path(path).suffix:
            path += DEFAULT_SUFFIX
        return path

    def save_to(self, path: str) -> bool:
        """Write the document to ``path`` once the overwrite check agrees; on success it
        becomes the document's path."""
        answer = self.overwrite_check(self, path)
        if answer == SAVE_AS:  # the file dialog asks about replacing what is there
            other = self._ask_save_as_path()
            return self._write(other) if other else False
        if answer != OVERWRITE:
            return False
        return self._write(path)

    def _write(self, path: str) -> bool:
        try:
            fingerprint = _io().save_path(self.document.blueprint, path)
        except ReadOnlyFile:
            return self.save_as() if self.ask_save_elsewhere(path) else False
        except (OSError, ValueError) as exc:
            self.show_error("Cannot save blueprint", f"{path}\n\n{_reason(exc)}")
            return False
        path = os.path.abspath(path)
        self._set_path(path, fingerprint)
        self.undo_stack.setClean()
        self.add_recent(path)
        self.saved.emit(path)
        return True

    # -------------------------------------------------------------- recent files
    def recent_files(self) -> list[str]:
        """Recent files, newest first; files that no longer exist are pruned."""
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings gives a lone string for a 1-item list
            value = [value]
        paths = [p for p in (value if isinstance(value, list) else []) if isinstance(p, str) and p]
        alive = [p for p in dict.fromkeys(paths) if os.path.isfile(p)][:MAX_RECENT]
        if alive != paths:
            self._store_recent(alive)
        return alive

    def add_recent(self, path: str) -> None:
        paths = [p for p in self.recent_files() if p != path]
        self._store_recent([path] + paths[: MAX_RECENT - 1])

    def remove_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        self._store_recent([p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self._store_recent([])

    def _store_recent(self, paths: list[str]) -> None:
        self.settings.setValue(RECENT_KEY, list(paths))
        self.settings.sync()
        self.recent_changed.emit(list(paths))


def _reason(exc: BaseException) -> str:
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    text = text.strip() or type(exc).__name__
    return text[0].upper() + text[1:]


def _open_message(path: str, exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{path}\n\nThe file does not exist."
    if isinstance(exc, IsADirectoryError):
        return f"{path}\n\nThis is a folder, not a blueprint file."
    return f"{path}\n\n{_reason(exc)}"


def _safe_name(title: str) -> str:
    name = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in title).strip(" .")
    return name or "Untitled"
