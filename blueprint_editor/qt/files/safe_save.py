"""Saving that never loses anyone's work.

The window's :class:`~blueprint_editor.qt.files.controller.FileController` already writes
through ``io.save_path`` (an atomic write: a failure leaves the old file byte-identical),
catches ``OSError`` and shows the reason, and marks the undo stack clean only after a
successful write. This module adds the other half: a file changed on disk by someone
else since the window opened (or last saved) it is never overwritten silently.

:func:`check_disk_changes` is the overwrite check the main window constructs its file
controller with (``FileController(..., overwrite_check=check_disk_changes)``): saving over
the window's own file first compares the file with the fingerprint taken when it was
opened or saved; if the content differs, :data:`ask_changed_on_disk` asks Overwrite /
Save As / Cancel. A file that has been deleted meanwhile is simply written again (nothing
to lose). Tests replace :data:`ask_changed_on_disk`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from blueprint_editor.core.filestate import changed_on_disk
from blueprint_editor.qt.editing.plain_text import plain_message_box
from blueprint_editor.qt.files.controller import CANCEL, OVERWRITE, SAVE_AS, FileController

__all__ = ["CANCEL", "OVERWRITE", "SAVE_AS", "ask_changed_on_disk", "check_disk_changes", "disk_conflict"]


def _ask_dialog(parent: QWidget | None, path: str) -> str:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk")
    box.setText(f"{Path(path).name} was changed by another program (or person) since you opened it.")
    box.setInformativeText(
        "Overwriting it throws their changes away. Save your version under another name to keep both."
    )
    save_as = box.addButton("Save As\u2026", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    plain_message_box(box).exec()
    clicked = box.clickedButton()
    if clicked is save_as:
        return SAVE_AS
    if clicked is overwrite:
        return OVERWRITE
    return CANCEL


#: ``ask_changed_on_disk(parent, path) -> OVERWRITE | SAVE_AS | CANCEL``; tests replace it.
ask_changed_on_disk: Callable[[QWidget | None, str], str] = _ask_dialog


def disk_conflict(files: FileController, path: str) -> bool:
    """Would writing ``path`` overwrite changes someone else made to the window's file?"""
    if files.path is None or os.path.abspath(path) != os.path.abspath(files.path):
        return False  # another file: Save As's own dialog asked about replacing it
    if not os.path.lexists(path):
        return False  # deleted meanwhile: writing it again loses nothing
    return changed_on_disk(path, files.fingerprint)


def check_disk_changes(files: FileController, path: str) -> str:
    """The overwrite check: OVERWRITE unless ``path`` is the window's file and someone
    changed it on disk; then the user's answer (OVERWRITE, SAVE_AS or CANCEL)."""
    if not disk_conflict(files, path):
        return OVERWRITE
    return ask_changed_on_disk(files.parent_widget, path)
