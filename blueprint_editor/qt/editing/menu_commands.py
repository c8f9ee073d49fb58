"""What the Edit and Insert menus do to the canvas selection: clipboard, delete, duplicate,
select all, rename, insert lane/column/phase.

Paste and Duplicate put the copies in the cell the scene names (``scene.paste_cell()``:
under the mouse pointer, else the selected cell); core places them there.

Every change is one core operation pushed through the :class:`EditController` (one undo
entry). The selection is read from and written to the scene; the clipboard holds a
fragment (see :mod:`blueprint_editor.core.clipboard`) under :data:`MIME_TYPE` plus the
step titles as plain text.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QStandardItem, QStandardItemModel

from blueprint_editor.core import clipboard as core_clipboard
from blueprint_editor.core import edits, phases
from blueprint_editor.core.clipboard import MIME_TYPE, FragmentError
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import LaneKind
from blueprint_editor.core.operations import Batch
from blueprint_editor.qt.editing.images import ImageError, clipboard_image, dropped_image, fit_image
from blueprint_editor.qt.editing.text_paste import paste_text
from blueprint_editor.qt.editing.undo import EditController


def native_mime_data() -> QMimeData:
    """An empty QMimeData made by Qt itself, not by Python.

    The clipboard keeps the data it is given until the process ends. A QMimeData created in
    Python is a Python-backed subclass whose destructor needs the interpreter; where Qt
    frees the clipboard's data after Python has shut down (the offscreen platform does) the
    process crashes on exit. Data that Qt created has no such destructor.
    """
    model = QStandardItemModel()
    model.appendRow(QStandardItem())
    data = model.mimeData([model.index(0, 0)])
    for fmt in data.formats():
        data.removeFormat(fmt)
    return data


class MenuCommands(QObject):
    """The Edit/Insert menu commands of one window."""

    #: a short message for the status bar
    message = Signal(str)

    def __init__(
        self,
        document: Document,
        controller: EditController,
        scene,
        parent: QObject | None = None,
        clipboard: Callable[[], QClipboard] | None = None,
    ):
        super().__init__(parent)
        self.document = document
        self.controller = controller
        self.scene = scene
        self._clipboard = clipboard or QGuiApplication.clipboard

    # ------------------------------------------------------------ selection
    def selected_ids(self) -> list[str]:
        return list(self.scene.selected_ids())

    def selected_step_ids(self) -> list[str]:
        return list(self.scene.selected_step_ids())

    def has_selection(self) -> bool:
        return bool(self.selected_ids())

    def select_all(self) -> None:
        self.scene.select_all()

    # ------------------------------------------------------------ clipboard
    def can_paste(self) -> bool:
        data = self._clipboard().mimeData()
        if data is not None and data.hasFormat(MIME_TYPE):
            return True
        image = data is not None and (dropped_image(data) is not None or data.hasImage())
        return image and len(self.selected_step_ids()) == 1

    def copy(self) -> bool:
        steps = self.selected_step_ids()
        if not steps:
            self.message.emit("Select one or more steps to copy")
            return False
        fragment = core_clipboard.copy_fragment(self.document, steps)
        mime = native_mime_data()
        mime.setData(MIME_TYPE, core_clipboard.fragment_to_json(fragment).encode("utf-8"))
        mime.setText(core_clipboard.fragment_titles(fragment))
        self._clipboard().setMimeData(mime)
        n = len(fragment["steps"])
        self.message.emit(f"Copied {n} step{'s' if n != 1 else ''}")
        return True

    def cut(self) -> bool:
        if not self.copy():
            return False
        return self.controller.push(edits.delete_elements(self.document, self.selected_ids()), "Cut")

    def paste(self) -> bool:
        data = self._clipboard().mimeData()
        if (
            data is not None
            and not data.hasFormat(MIME_TYPE)
            and (dropped_image(data) is not None or data.hasImage())
        ):
            return self.paste_image(data)
        if data is None or not data.hasFormat(MIME_TYPE):
            self.message.emit("Nothing to paste: copy some steps first")
            return False
        try:
            fragment = core_clipboard.fragment_from_json(bytes(data.data(MIME_TYPE).data()))
            batch = core_clipboard.paste_fragment(self.document, fragment, at=self.scene.paste_cell())
        except FragmentError as exc:
            self.message.emit(str(exc))
            return False
        return self._push_and_select(batch, "Paste")

    def paste_image(self, data) -> bool:
        """A copied PNG/JPEG file or picture onto the one selected step (scaled down to
        fit the format's limit, with a message); one undo entry."""
        steps = self.selected_step_ids()
        if len(steps) != 1:
            self.message.emit("Select one step to paste the image onto")
            return False
        try:
            found = clipboard_image(data)
            if found is None:
                return False
            media_type, raw, note = fit_image(found[1], found[0])
        except ImageError as exc:
            self.message.emit(str(exc))
            return False
        op = edits.set_step_image(
            self.document,
            steps[0],
            media_type,  # type: ignore[arg-type]
            base64.b64encode(raw).decode("ascii"),
        )
        if not self.controller.push(op, "Paste image"):
            return False
        self.message.emit(note or "Image pasted onto the step")
        return True

    def paste_text(self, parent=None) -> bool:
        """The clipboard's text as many steps at the paste cell (Ctrl+Shift+V; see
        :mod:`.text_paste`): lines stacked or along the lane, a tab-separated block as a
        grid. One undo entry; the new steps are selected."""
        data = self._clipboard().mimeData()
        text = data.text() if data is not None and data.hasText() else ""
        ids, message = paste_text(self.controller, text, self.scene.paste_cell(), parent)
        if ids:
            self.scene.select_ids(ids)
        self.message.emit(message)
        return bool(ids)

    def duplicate(self) -> bool:
        steps = self.selected_step_ids()
        if not steps:
            self.message.emit("Select one or more steps to duplicate")
            return False
        batch = core_clipboard.duplicate(self.document, steps, at=self.scene.paste_cell())
        return self._push_and_select(batch, "Duplicate")

    def _push_and_select(self, batch: Batch, text: str) -> bool:
        new_ids = core_clipboard.inserted_step_ids(batch)
        if not new_ids:
            self.message.emit("There is no lane or column to paste into")
            return False
        if not self.controller.push(batch, text):
            return False
        self.scene.select_ids(new_ids)
        n = len(new_ids)
        self.message.emit(f"{'Pasted' if text == 'Paste' else 'Duplicated'} {n} step{'s' if n != 1 else ''}")
        return True

    # ------------------------------------------------------------ delete / rename
    def delete(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        return self.controller.push(edits.delete_elements(self.document, ids), "Delete")

    def rename(self) -> bool:
        steps = self.selected_step_ids()
        if not steps:
            self.message.emit("Select a step to rename")
            return False
        self.scene.edit_title(steps[0])
        return True

    # ------------------------------------------------------------ insert
    def insert_lane(self, kind: LaneKind = "note") -> bool:
        return self.controller.push(edits.append_lane(self.document, kind))

    def insert_column(self) -> bool:
        """A column at the end, in the last column's phase (it extends that phase)."""
        return self.controller.push(edits.append_column(self.document, extend_phase=True))

    def insert_phase(self, title: str = "New phase") -> bool:
        """A phase at the end, grouping one new column (an empty phase would not show)."""
        doc = self.document
        return self.controller.push(phases.insert_phase_at(doc, len(doc.blueprint.columns), title))
