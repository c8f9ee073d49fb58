"""File > Export...: pick a file and a format, set the PNG options, export with progress.

The export itself is :func:`blueprint_editor.qt.export.render.export_blueprint`, the renderer the
command line uses, so the editor's pictures and ``blueprint-editor export`` are the same.
Every dialog is opened through a module-level function (:func:`ask_save_path`,
:func:`ask_options`, :func:`show_error`, :func:`make_progress`) so tests can replace them
and drive an export without blocking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from blueprint_editor.core.interchange import EXPORT_SUFFIXES, export_path
from blueprint_editor.core.model import Blueprint, BlueprintError
from blueprint_editor.qt.canvas import themes
from blueprint_editor.qt.canvas.themes import Theme
from blueprint_editor.qt.editing.plain_text import plain_label, show_message
from blueprint_editor.qt.export import print_dialog
from blueprint_editor.qt.export.print_layout import PrintLayout
from blueprint_editor.qt.export.render import (
    DEFAULT_PNG_SCALE,
    MAX_SCALE,
    MIN_SCALE,
    ExportCancelled,
    ExportError,
)

FILTERS: dict[str, str] = {
    ".png": "PNG image (*.png)",
    ".svg": "SVG drawing (*.svg)",
    ".pdf": "PDF document (*.pdf)",
    ".json": "Blueprint JSON (*.json)",
    # the data formats of core.interchange (written by export_path, no options)
    ".csv": "CSV table, one row per step (*.csv)",
    ".tsv": "TSV table, one row per step (*.tsv)",
    ".xlsx": "Excel workbook, one row per step (*.xlsx)",
    ".drawio": "draw.io diagram (*.drawio)",
    ".mmd": "Mermaid flowchart and journey (*.mmd)",
    ".md": "Markdown report (*.md)",
}
PROGRESS_DELAY_MS = 500


#: the export dialog's theme choices: ``canvas`` is the theme the canvas shows
THEME_CHOICES = {
    "canvas": "As on the canvas",
    "light": "Light",
    "dark": "Dark",
    "projector": "Projector (high contrast)",
}


@dataclass(frozen=True)
class ExportOptions:
    scale: float = DEFAULT_PNG_SCALE
    transparent: bool = False
    theme: str = "canvas"


# what the last export in this session used: the next one starts from it
_last: dict = {"dir": None, "suffix": ".png", "options": ExportOptions(), "paper": None}
_busy: set[int] = set()


# ------------------------------------------------------------------- dialogs
def ask_save_path(parent: QWidget | None, start: Path, filters: list[str], selected: str) -> tuple[str, str]:
    """The save dialog: returns (path, chosen filter); an empty path means cancel."""
    return QFileDialog.getSaveFileName(parent, "Export blueprint", str(start), ";;".join(filters), selected)


class ExportOptionsDialog(QDialog):
    """Scale and background for a picture export."""

    def __init__(self, parent: QWidget | None, suffix: str, options: ExportOptions):
        super().__init__(parent)
        self.setWindowTitle(f"Export {suffix[1:].upper()}")
        form = QFormLayout(self)
        self.scale = QDoubleSpinBox(self)
        self.scale.setRange(MIN_SCALE, MAX_SCALE)
        self.scale.setDecimals(2)
        self.scale.setSingleStep(0.5)
        self.scale.setSuffix(" \u00d7")
        self.scale.setValue(options.scale)
        self.scale.setToolTip(
            f"Pixels per canvas pixel at 100 % zoom. {DEFAULT_PNG_SCALE:g} \u00d7 stays sharp on a projector."
        )
        if suffix == ".png":
            form.addRow("Scale:", self.scale)
            hint = QLabel(
                f"1 \u00d7 is the canvas at 100 % zoom; {DEFAULT_PNG_SCALE:g} \u00d7 "
                "stays sharp on a projector.",
                self,
            )
            hint.setEnabled(False)  # drawn muted
            form.addRow(hint)
        else:
            self.scale.hide()
            form.addRow(QLabel("Vector picture: it stays sharp at any size.", self))
        self.transparent = QCheckBox("Transparent background", self)
        self.transparent.setChecked(options.transparent)
        form.addRow(self.transparent)
        self.theme = QComboBox(self)
        for key, label in THEME_CHOICES.items():
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(options.theme)))
        self.theme.setToolTip("Colours of the picture; Projector: high contrast, thicker lines, larger text")
        form.addRow("Theme:", self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self) -> ExportOptions:
        return ExportOptions(
            scale=round(self.scale.value(), 2),
            transparent=self.transparent.isChecked(),
            theme=str(self.theme.currentData()),
        )


def ask_options(parent: QWidget | None, suffix: str, options: ExportOptions) -> ExportOptions | None:
    """PNG and SVG options (scale, transparent background); None means cancel."""
    dialog = ExportOptionsDialog(parent, suffix, options)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()


def ask_paper(
    parent: QWidget | None, bp: Blueprint, layout: PrintLayout | None, theme: Theme
) -> tuple[bool, PrintLayout | None]:
    """PDF: the paper, tiles or a phase per page, with a preview of the tiling (drawn in
    ``theme``) (accepted, layout); layout None is one page the size of the blueprint."""
    return print_dialog.ask_paper(parent, bp, layout, theme)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    show_message(parent, QMessageBox.Icon.Warning, title, message)


def make_progress(parent: QWidget | None, label: str) -> QProgressDialog:
    """A window-modal progress dialog that only appears if the export takes a while."""
    dialog = QProgressDialog(label, "Cancel", 0, 1, parent)
    for text_label in dialog.findChildren(QLabel):
        plain_label(text_label)
    dialog.setWindowTitle("Export")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


# -------------------------------------------------------------------- export
def _suggested_path(window, suffix: str) -> Path:
    current = window.files.path
    if current:
        current = Path(current)
        folder = Path(_last["dir"]) if _last["dir"] else current.parent
        return folder / (current.stem + suffix)
    title = window.document.blueprint.title or "blueprint"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", title).strip("-.").lower() or "blueprint"
    folder = Path(_last["dir"]) if _last["dir"] else Path.home()
    return folder / (stem + suffix)


def _resolve_suffix(path: Path, chosen_filter: str) -> Path:
    """Keep a known suffix the user typed; otherwise add the chosen filter's."""
    if path.suffix.lower() in FILTERS:
        return path
    for suffix, text in FILTERS.items():
        if text == chosen_filter:
            return path.with_name(path.name + suffix)
    return path.with_name(path.name + _last["suffix"])


def _status(window, message: str) -> None:
    window.show_message(message)


def _theme_key(window, choice: str) -> str:
    """The theme of a picture export: the one chosen, or (``canvas``) the one the canvas
    shows. (A PDF is paper: ``themes.for_paper``.)"""
    return window.theme().key if choice == "canvas" or choice not in THEME_CHOICES else choice


def export_from_window(window) -> Path | None:
    """File > Export...: returns the written path, or None (cancelled or failed)."""
    if id(window) in _busy:  # a second Export while one runs (events are processed)
        return None
    suffix = _last["suffix"]
    chosen, chosen_filter = ask_save_path(
        window, _suggested_path(window, suffix), list(FILTERS.values()), FILTERS[suffix]
    )
    if not chosen:
        return None
    out = _resolve_suffix(Path(chosen), chosen_filter)
    suffix = out.suffix.lower()
    options = _last["options"]
    if suffix in (".png", ".svg"):
        picked = ask_options(window, suffix, options)
        if picked is None:
            return None
        options = (
            picked
            if suffix == ".png"
            else replace(options, transparent=picked.transparent, theme=picked.theme)
        )
    if suffix in EXPORT_SUFFIXES:
        return _export_data(window, out)
    paper = _last.get("paper")
    paper_theme = themes.for_paper(window.theme())
    if suffix == ".pdf":
        accepted, paper = ask_paper(window, window.document.blueprint, paper, paper_theme)
        if not accepted:
            return None

    _busy.add(id(window))
    progress = make_progress(window, f"Exporting {out.name}\u2026")

    def tick(done: int, total: int) -> bool:
        progress.setMaximum(max(1, total))
        progress.setValue(min(done, total))
        QApplication.processEvents()
        return not progress.wasCanceled()

    from blueprint_editor.qt.export.print_layout import write_print_pdf
    from blueprint_editor.qt.export.render import export_blueprint

    failure: str | None = None
    warnings: list[str] = []
    try:
        if suffix == ".pdf" and paper is not None:
            warnings = write_print_pdf(
                window.document.blueprint,
                paper,
                out,
                progress=tick,
                text_size=themes.text_size_for(paper_theme, window.text_size()),
                theme=paper_theme,
            )
        else:
            export_blueprint(
                window.document.blueprint,
                out,
                scale=options.scale,
                transparent=options.transparent and suffix in (".png", ".svg"),
                progress=tick,
                text_size=window.text_size(),
                theme=paper_theme.key if suffix == ".pdf" else _theme_key(window, options.theme),
                numbers=window.scene.workshop.numbers,
            )
    except ExportCancelled:
        _status(window, "Export cancelled; nothing was written")
        return None
    except ExportError as exc:
        failure = str(exc)
    except MemoryError:
        failure = "not enough memory for this export; try a smaller scale, SVG or PDF"
    finally:
        # closed before any error is shown: a modal progress dialog would cover the box
        progress.close()
        progress.deleteLater()
        _busy.discard(id(window))
    if failure is not None:
        show_error(window, "Export failed", failure)
        return None
    _last.update(dir=str(out.parent), suffix=suffix, options=options)
    if suffix == ".pdf":
        _last["paper"] = paper
    _status(window, f"Exported {out}" + "".join(f"; {w}" for w in warnings))
    return out


def _export_data(window, out: Path) -> Path | None:
    """A data format (table, draw.io, Mermaid, Markdown): written at once, atomically."""
    try:
        export_path(window.document.blueprint, out)
    except (BlueprintError, OSError) as exc:
        show_error(window, "Export failed", f"{out.name}: {exc}")
        return None
    _last.update(dir=str(out.parent), suffix=out.suffix.lower())
    _status(window, f"Exported {out}")
    return out
