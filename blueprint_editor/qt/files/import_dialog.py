"""File > Import...: a spreadsheet (CSV, TSV, XLSX) or a draw.io diagram as a new blueprint.

A table opens the :class:`ImportDialog`: each header of the file with a combo of the
fields it can give (pre-filled by :func:`~blueprint_editor.core.interchange.table.match_headers`)
and a preview of the first rows; a table in the grid layout (rows are lanes) needs no
mapping and the dialog says so instead. Import reads the table with the mapping; a value a
field cannot take is named by row and column in the dialog, which stays open, and nothing
changes. A draw.io file is imported directly. The result opens as a new untitled document
(after the unsaved-changes prompt, as New does), and what the import guessed is listed in a
non-modal notes window.

The file dialog is the module-level hook :func:`ask_import_path` (tests replace it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core.interchange import (
    IMPORT_SUFFIXES,
    TABLE_SUFFIXES,
    ImportResult,
    import_path,
    read_table,
)
from blueprint_editor.core.interchange.grid import looks_like_grid
from blueprint_editor.core.interchange.table import COLUMNS, column_name, from_rows, match_headers
from blueprint_editor.core.model import BlueprintError
from blueprint_editor.qt.editing.plain_text import new_label, one_line

PREVIEW_ROWS = 8
NOT_USED = "(not used)"
IMPORT_FILTER = "Spreadsheets and diagrams (" + " ".join(f"*{s}" for s in IMPORT_SUFFIXES) + ")"


def ask_import_path(parent: QWidget | None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Import", str(Path.home()), f"{IMPORT_FILTER};;All files (*)"
    )
    return path or None


def field_label(name: str) -> str:
    return name.replace("_", " ")


class ImportDialog(QDialog):
    """The column mapping and preview of one table. After Import: :attr:`imported`."""

    def __init__(self, parent: QWidget | None, path: Path, table: list[list[str]]):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {one_line(path.name, 80)}")
        self.path, self.table = path, table
        self.grid = looks_like_grid(table)
        self.imported: ImportResult | None = None
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)

        header = table[0] if table else []
        if self.grid:
            note = new_label(
                "This table is in the grid layout: rows are lanes, the first column names "
                "the lane and the first rows name the phases and columns. It is imported as "
                "drawn; no column mapping is needed.",
                self,
            )
            note.setObjectName("gridNote")
            note.setWordWrap(True)
            layout.addWidget(note)
        else:
            box = QGroupBox("Columns: which field each column of the file gives", self)
            form = QGridLayout(box)
            matched = {i: name for name, i in match_headers(header).items()}
            for i, text in enumerate(header):
                label = new_label(f"{column_name(i)}  {one_line(text, 40) or '(no header)'}", box)
                combo = QComboBox(box)
                combo.setObjectName(f"mapping{column_name(i)}")
                combo.addItem(NOT_USED, "")
                for name in COLUMNS:
                    combo.addItem(field_label(name), name)
                if i in matched:
                    combo.setCurrentIndex(combo.findData(matched[i]))
                combo.currentIndexChanged.connect(self._mapping_changed)
                self.combos.append(combo)
                form.addWidget(label, i // 2, (i % 2) * 2)
                form.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(box)
            scroll.setMaximumHeight(260)
            layout.addWidget(scroll)

        layout.addWidget(new_label(f"Preview: the first rows ({len(table)} rows in all)", self))
        self.preview = QTableWidget(self)
        self.preview.setObjectName("importPreview")
        self._fill_preview()
        layout.addWidget(self.preview, 1)

        self.error = new_label("", self)
        self.error.setObjectName("importError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #cf222e;")
        self.error.hide()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.import_button.setDefault(True)
        self.import_button.setFocus()
        self.resize(820, 560)

    def _fill_preview(self) -> None:
        rows = self.table[: PREVIEW_ROWS + (0 if self.grid else 1)]
        body = rows if self.grid else rows[1:]
        width = max((len(r) for r in rows), default=0)
        self.preview.setColumnCount(width)
        self.preview.setRowCount(len(body))
        if self.grid:
            self.preview.setHorizontalHeaderLabels([column_name(i) for i in range(width)])
        else:
            self.preview.setHorizontalHeaderLabels(self._preview_headers(width))
        # rows numbered as the import's messages count them (the header is row 1)
        first = 1 if self.grid else 2
        self.preview.setVerticalHeaderLabels([str(first + r) for r in range(len(body))])
        for r, row in enumerate(body):
            for c, text in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(one_line(text, 80)))
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def _preview_headers(self, width: int) -> list[str]:
        out = []
        for i in range(width):
            field = self.combos[i].currentData() if i < len(self.combos) else ""
            out.append(f"{column_name(i)}: {field_label(field) if field else NOT_USED}")
        return out

    def _mapping_changed(self, _index: int) -> None:
        self.preview.setHorizontalHeaderLabels(self._preview_headers(self.preview.columnCount()))
        self.error.hide()

    def mapping(self) -> dict[str, int]:
        """Field -> index of the file's column, as chosen; raises BlueprintError when two
        columns give one field."""
        out: dict[str, int] = {}
        for i, combo in enumerate(self.combos):
            name = combo.currentData()
            if not name:
                continue
            if name in out:
                raise BlueprintError(
                    f"columns {column_name(out[name])} and {column_name(i)} "
                    f"both give the {field_label(name)}; choose one"
                )
            out[name] = i
        return out

    def accept(self) -> None:
        """Read the table; a bad value is shown here and the dialog stays open."""
        try:
            columns = None if self.grid else self.mapping()
            self.imported = from_rows(self.table, self.path.stem, columns=columns)
        except BlueprintError as exc:
            self.error.setText(one_line(str(exc)))
            self.error.show()
            return
        super().accept()


def show_notes(window, name: str, notes: list[str]) -> QDialog:
    """What the import guessed, in a window of its own that does not block the editor."""
    box = QDialog(window)
    box.setObjectName("importNotes")
    box.setWindowTitle(f"Imported {one_line(name, 80)}")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    layout = QVBoxLayout(box)
    layout.addWidget(new_label("The import guessed what the file did not say:", box))
    text = QPlainTextEdit(box)
    text.setObjectName("importNotesText")
    text.setReadOnly(True)
    text.setPlainText("\n".join(f"\u2022 {note}" for note in notes))
    layout.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, box)
    buttons.rejected.connect(box.close)
    layout.addWidget(buttons)
    box.resize(560, 260)
    box.setModal(False)
    box.show()
    return box


def finish_import(window, path: Path, result: ImportResult) -> bool:
    """Open the imported blueprint as a new untitled document and say what was guessed."""
    if not window.files.new_from(result.blueprint):
        return False
    steps = len(result.blueprint.steps)
    window.show_message(
        f"Imported {path.name}: {steps} steps" + (f", {len(result.notes)} notes" if result.notes else "")
    )
    if result.notes:
        show_notes(window, path.name, result.notes)
    return True


def import_from_window(window, path: str | None = None) -> ImportDialog | None:
    """File > Import...: returns the mapping dialog of a table (open, window-modal, not
    blocking), or None (a draw.io file imported at once, cancelled, or refused)."""
    if path is None:
        path = ask_import_path(window)
        if not path:
            return None
    file = Path(path)
    suffix = file.suffix.lower()
    try:
        if suffix in TABLE_SUFFIXES:
            table = read_table(file)
        else:
            finish_import(window, file, import_path(file))
            return None
    except (BlueprintError, OSError) as exc:
        window.files.show_error("Cannot import", f"{file.name}: {one_line(str(exc))}")
        return None
    dialog = ImportDialog(window, file, table)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def accepted() -> None:
        result = dialog.imported
        assert result is not None, "accept() sets it"
        finish_import(window, file, result)

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog
