"""Saving that never loses anyone's work.

The window's :class:`~blueprint_editor.qt.files.controller.FileController` already writes
through ``io.save_path`` (an atomic write: a failure leaves the old file byte-identical),
catches ``OSError`` and shows the reason, and marks the undo stack clean only after a
successful write. This module adds the other half: a file changed on disk by someone
else since the window opened (or last saved) it is never overwritten silently.

:func:`install_safe_save` wraps the controller's ``save_to`` (which Save and Save As both
call): saving over the window's own file first compares the file with the fingerprint
taken when it was opened or saved; if the content differs, :data:`ask_changed_on_disk`
asks Overwrite / Save As / Cancel. A file that has been deleted meanwhile is simply
written again (nothing to lose). Tests replace :data:`ask_changed_on_disk`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from blueprint_editor.core.filestate import changed_on_disk

OVERWRITE, SAVE_AS, CANCEL = "overwrite", "save_as", "cancel"


def _ask_dialog(parent: QWidget | None, path: str) -> str:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk")
    box.setText(f"{Path(path).name} was changed by another program (or person) since you "
                "opened it.")
    box.setInformativeText("Overwriting it throws their changes away. Save your version "
                           "under another name to keep both.")
    save_as = box.addButton("Save As\u2026", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save_as:
        return SAVE_AS
    if clicked is overwrite:
        return OVERWRITE
    return CANCEL


#: ``ask_changed_on_disk(parent, path) -> OVERWRITE | SAVE_AS | CANCEL``; tests replace it.
ask_changed_on_disk: Callable[[QWidget | None, str], str] = _ask_dialog


def _files_of(window_or_files):
    return getattr(window_or_files, "files", window_or_files)


def disk_conflict(files, path: str) -> bool:
    """Would writing ``path`` overwrite changes someone else made to the window's file?"""
    if files.path is None or os.path.abspath(path) != os.path.abspath(files.path):
        return False  # another file: Save As's own dialog asked about replacing it
    if not os.path.lexists(path):
        return False  # deleted meanwhile: writing it again loses nothing
    return changed_on_disk(path, files.fingerprint)


def install_safe_save(window_or_files) -> None:
    """Make the file controller ask before overwriting a file changed on disk. Idempotent."""
    files = _files_of(window_or_files)
    if getattr(files, "_safe_save_installed", False):
        return
    plain_save_to = files.save_to
    skip_check = [False]

    def save_to(path: str) -> bool:
        if skip_check[0]:
            skip_check[0] = False  # Save As chosen below: its dialog already asked
        elif disk_conflict(files, path):
            answer = ask_changed_on_disk(getattr(files, "parent_widget", None), path)
            if answer == SAVE_AS:
                skip_check[0] = True
                try:
                    return files.save_as()
                finally:
                    skip_check[0] = False
            if answer != OVERWRITE:
                return False
        return plain_save_to(path)

    files.save_to = save_to
    files._safe_save_installed = True


def safe_save(window_or_files, path: str | None = None) -> bool:
    """Save (to ``path``, or the document's own path, or Save As when it has none).

    True when the document was written; on False the document stays unsaved and the
    user has been told why (or cancelled).
    """
    files = _files_of(window_or_files)
    install_safe_save(files)
    if path is None:
        return files.save()
    return files.save_to(path)
