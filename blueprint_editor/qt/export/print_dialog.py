"""Paper choices in the editor: File > Export (PDF), File > Print and File > Print Preview.

:class:`PaperChooser` is the one panel of choices (paper, orientation, tiles, a phase per
page) with a preview of the sheet and its tiles and the 8 pt warning naming a paper that
works. The PDF export asks it through :func:`ask_paper`; printing shows it beside Qt's
:class:`QPrintPreviewWidget` (:class:`PrintPreviewDialog`), and File > Print shows it
before :class:`QPrintDialog` (:func:`ask_printer`). For a printer, "tiles" means the
printer's own paper and "fit" and "a phase per page" use the printer's sheet. Every modal
dialog goes through a module-level function, so tests can replace it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPen, QPixmap
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blueprint_editor.core import paper as P
from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.canvas import themes
from blueprint_editor.qt.canvas.themes import Theme
from blueprint_editor.qt.editing.plain_text import plain_label
from blueprint_editor.qt.export.page import Page, build_page
from blueprint_editor.qt.export.print_layout import Plan, PrintLayout, paint_sheets, plan

BLUEPRINT_SIZE = "blueprint"  # the PDF page cut to the blueprint (no paper)
PRINTER = "printer"  # tiles of the printer's own paper
WARN_COLOUR = "#a33a00"


# -------------------------------------------------------------------- planning
def printer_paper(printer: QPrinter) -> tuple[P.Paper, bool]:
    """The printer's paper as core numbers, and whether it is in landscape."""
    size = printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
    w, h = sorted((size.width(), size.height()))
    landscape = printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    return P.Paper(printer.pageLayout().pageSize().name() or "printer", w, h), landscape


def plan_for_printer(
    page: Page, layout: PrintLayout, sheet: P.Paper, landscape: bool, title: str = ""
) -> Plan:
    """The sheets on a printer's paper: fitted, tiles of a poster, or a phase per sheet."""
    if layout.tiles is not None:
        return plan(page, P.paper(layout.paper), layout.landscape, sheet, None, False, title)
    return plan(page, sheet, landscape, None, None, layout.pages, title)


def print_blueprint(printer: QPrinter, page: Page, layout: PrintLayout, title: str) -> Plan:
    """Draw the layout on the printer (its paper; tiles turn it to their orientation)."""
    printer.setFullPage(True)
    sheet, landscape = printer_paper(printer)
    result = plan_for_printer(page, layout, sheet, landscape, title)
    if result.tiling is not None:
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if result.tiling.landscape else QPageLayout.Orientation.Portrait
        )
    paint_sheets(printer, result.sheets, set_layout=False)
    return result


# -------------------------------------------------------------------- widgets
class TilingPreview(QWidget):
    """The poster sheet in small: the blueprint on it and the tile windows over it (or the
    pages of a phase-per-page print side by side)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(QSize(320, 220))
        self._sheets: list[tuple[float, float]] = []  # mm
        self._content: QRectF | None = None  # on the first sheet, mm
        self._windows: list[QRectF] = []  # mm, on the poster
        self._thumb: QPixmap | None = None

    def show_plan(self, page: Page, result: Plan, sheet_mm: tuple[float, float]) -> None:
        post = result.poster
        if post is None:  # a phase per page: the pages side by side
            self._sheets = [s.size_mm for s in result.sheets]
            self._content, self._windows, self._thumb = None, [], None
        else:
            self._sheets = [sheet_mm]
            c = post.content
            self._content = QRectF(c.x, c.y, c.w, c.h)
            self._windows = (
                [QRectF(t.window.x, t.window.y, t.window.w, t.window.h) for t in result.tiling.tiles]
                if result.tiling
                else []
            )
            self._thumb = self._thumbnail(page)
        self.update()

    def _thumbnail(self, page: Page) -> QPixmap:
        w = 480
        h = max(1, round(w * page.height / page.width))
        pixmap = QPixmap(w, h)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(w / page.width, h / page.height)
        page.paint(painter, None, background=False)
        painter.end()
        return pixmap

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if not self._sheets:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        total_w = sum(w for w, _ in self._sheets) + 8 * (len(self._sheets) - 1)
        total_h = max(h for _, h in self._sheets)
        k = min((self.width() - 8) / total_w, (self.height() - 8) / total_h)
        painter.translate(4, 4)
        painter.scale(k, k)
        x = 0.0
        painter.setPen(QPen(QColor("#8a94a3"), 0))
        for w, h in self._sheets:
            painter.fillRect(QRectF(x, 0, w, h), Qt.GlobalColor.white)
            painter.drawRect(QRectF(x, 0, w, h))
            x += w + 8
        if self._content is not None and self._thumb is not None:
            painter.drawPixmap(self._content, self._thumb, QRectF(self._thumb.rect()))
        pen = QPen(QColor("#d0021b"), 0)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for window in self._windows:
            painter.drawRect(window)
        painter.end()


class PaperChooser(QWidget):
    """Paper, orientation, tiles and a phase per page, with a preview and the 8 pt check.

    ``printer=True``: tiles are the printer's paper, "fit" and phase pages its sheet
    (``set_printer_paper`` tells which)."""

    changed = Signal()

    def __init__(
        self,
        page: Page,
        layout: PrintLayout | None,
        printer: bool = False,
        parent: QWidget | None = None,
        title: str = "",
    ):
        super().__init__(parent)
        self.page, self.for_printer, self.title = page, printer, title
        self._printer_paper: tuple[P.Paper, bool] = (P.paper("A4"), False)
        form = QFormLayout()
        self.paper = QComboBox(self)
        if not printer:
            self.paper.addItem("Blueprint size (one page, no paper)", BLUEPRINT_SIZE)
        for key in P.PAPER_CHOICES:
            self.paper.addItem(key, key)
        self.landscape = QComboBox(self)
        self.landscape.addItems(["Portrait", "Landscape"])
        self.tiles = QComboBox(self)
        self.tiles.addItem("No tiles: one sheet", None)
        if printer:
            self.tiles.addItem("Tiles of the printer's paper", PRINTER)
        else:
            for key in P.TILE_PAPERS:
                self.tiles.addItem(f"{key} sheets to tape together", key)
        self.pages = QCheckBox("A phase per page", self)
        form.addRow("Poster paper:" if printer else "Paper:", self.paper)
        form.addRow("Orientation:", self.landscape)
        form.addRow("Tiles:", self.tiles)
        form.addRow(self.pages)
        self.preview = TilingPreview(self)
        self.summary = plain_label(QLabel(self))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.warning = plain_label(QLabel(self))  # warnings may quote titles
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {WARN_COLOUR};")
        self.use_suggestion = QPushButton(self)
        self.use_suggestion.clicked.connect(self._use_suggestion)
        self._suggestion: P.Suggestion | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(self.preview, 1)
        box.addWidget(self.summary)
        box.addWidget(self.warning)
        box.addWidget(self.use_suggestion, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_layout(layout or PrintLayout())
        for combo in (self.paper, self.landscape, self.tiles):
            combo.currentIndexChanged.connect(self._changed)
        self.pages.toggled.connect(self._changed)
        self._changed()

    # ----------------------------------------------------------------- state
    def set_layout(self, layout: PrintLayout | None) -> None:
        widgets = (self.paper, self.landscape, self.tiles, self.pages)
        for w in widgets:
            w.blockSignals(True)
        key = BLUEPRINT_SIZE if layout is None else layout.paper
        self.paper.setCurrentIndex(max(0, self.paper.findData(key)))
        self.landscape.setCurrentIndex(1 if layout is None or layout.landscape else 0)
        tiles = None if layout is None else layout.tiles
        if self.for_printer and tiles is not None:
            tiles = PRINTER
        self.tiles.setCurrentIndex(max(0, self.tiles.findData(tiles)))
        self.pages.setChecked(bool(layout and layout.pages))
        for w in widgets:
            w.blockSignals(False)
        self._changed()

    def set_printer_paper(self, sheet: P.Paper, landscape: bool) -> None:
        self._printer_paper = (sheet, landscape)
        self._changed()

    def layout_choice(self) -> PrintLayout | None:
        """The choice; None for the blueprint-sized PDF page (export only)."""
        key = self.paper.currentData()
        if key == BLUEPRINT_SIZE:
            return None
        return PrintLayout(
            paper=key,
            landscape=self.landscape.currentIndex() == 1,
            tiles=self.tiles.currentData(),
            pages=self.pages.isChecked(),
        )

    def current_plan(self) -> Plan | None:
        layout = self.layout_choice()
        if layout is None:
            return None
        if self.for_printer:
            sheet, landscape = self._printer_paper
            return plan_for_printer(self.page, layout, sheet, landscape, self.title)
        tiles = P.paper(layout.tiles) if layout.tiles else None
        return plan(self.page, P.paper(layout.paper), layout.landscape, tiles, None, layout.pages, self.title)

    def _changed(self, *_args) -> None:
        paper_key = self.paper.currentData()
        sized = paper_key != BLUEPRINT_SIZE
        tiled = self.tiles.currentData() is not None
        self.pages.setEnabled(sized and not tiled)
        self.tiles.setEnabled(sized and not self.pages.isChecked())
        if self.pages.isChecked() and tiled:
            self.pages.setChecked(False)
        if self.for_printer:  # the poster's paper matters only for tiles
            self.paper.setEnabled(tiled)
            self.landscape.setEnabled(tiled)
        else:
            self.landscape.setEnabled(sized)
        result = self.current_plan()
        self._suggestion = None
        if result is None:
            self.summary.setText("One PDF page the size of the blueprint.")
            self.warning.setText("")
            self.preview.show_plan(self.page, plan(self.page, P.paper("A4"), True), P.paper("A4").size(True))
        else:
            layout = self.layout_choice()
            assert layout is not None
            if result.tiling is not None:
                t = result.tiling
                sheet = result.sheets[0].paper.label(t.landscape)
                self.summary.setText(
                    f"{len(t)} sheets of {sheet} ({t.rows} x {t.columns}), "
                    f"overlapping {P.OVERLAP_MM:g} mm; card text "
                    f"{result.text_pt:.1f} pt."
                )
            else:
                noun = "page" if len(result.sheets) == 1 else "pages"
                self.summary.setText(f"{len(result.sheets)} {noun}; card text {result.text_pt:.1f} pt.")
            self.warning.setText("\n".join(result.warnings))
            self._suggestion = result.suggestion
            poster_mm = (result.poster.sheet_w, result.poster.sheet_h) if result.poster else (0.0, 0.0)
            self.preview.show_plan(self.page, result, poster_mm)
        # a larger paper: the poster's (on tiles of the same paper); in a printer's
        # "fit" the sheet is the printer's own, so a poster tiled over it
        offer = self._suggestion is not None and not self.pages.isChecked()
        if offer:
            assert self._suggestion is not None
            tiles = " as tiles" if self.for_printer and not tiled else ""
            self.use_suggestion.setText(
                f"Use {self._suggestion.paper.label(self._suggestion.landscape)}{tiles}"
            )
        self.use_suggestion.setVisible(offer)
        self.changed.emit()

    def _use_suggestion(self) -> None:
        """Take the paper the warning names (for a printer: a poster of it over tiles)."""
        better = self._suggestion
        if better is None:
            return
        tiles = self.tiles.currentData()
        if self.for_printer:
            tiles = PRINTER
        self.set_layout(PrintLayout(better.paper.key, better.landscape, tiles, False))


# -------------------------------------------------------------------- dialogs
class PaperDialog(QDialog):
    """File > Export to PDF: the paper choices before the file is written."""

    def __init__(self, parent: QWidget | None, page: Page, layout: PrintLayout | None, title: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        box = QVBoxLayout(self)
        self.chooser = PaperChooser(page, layout, parent=self, title=title)
        box.addWidget(self.chooser)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)


def ask_paper(
    parent: QWidget | None, bp: Blueprint, layout: PrintLayout | None, theme: Theme | None = None
) -> tuple[bool, PrintLayout | None]:
    """The PDF's paper: (accepted, layout); layout None is the blueprint-sized page. The
    preview shows the page in ``theme`` (default light: see themes.for_paper)."""
    dialog = PaperDialog(parent, build_page(bp, theme=theme or themes.LIGHT), layout, bp.title.strip())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False, layout
    return True, dialog.chooser.layout_choice()


class PrintPreviewDialog(QDialog):
    """File > Print Preview: the layout choices beside Qt's print preview of the pages."""

    def __init__(
        self,
        parent: QWidget | None,
        bp: Blueprint,
        printer: QPrinter,
        layout: PrintLayout | None = None,
        text_size: str = DEFAULT_TEXT_SIZE,
        theme: Theme | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Print Preview")
        self.printer = printer
        theme = theme or themes.LIGHT
        self.page = build_page(bp, text_size=themes.text_size_for(theme, text_size), theme=theme)
        self.title = bp.title.strip()
        self.chooser = PaperChooser(
            self.page, layout or PrintLayout(), printer=True, parent=self, title=self.title
        )
        self.chooser.set_printer_paper(*printer_paper(printer))
        self.view = QPrintPreviewWidget(printer, self)
        self.view.paintRequested.connect(self._paint)
        self.chooser.changed.connect(self.view.updatePreview)
        self.print_button = QPushButton("Print\u2026", self)
        self.print_button.clicked.connect(self._print)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.chooser, 1)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(close)
        side.addLayout(row)
        box = QHBoxLayout(self)
        box.addLayout(side)
        box.addWidget(self.view, 2)
        self.resize(1100, 720)

    def layout_choice(self) -> PrintLayout:
        return self.chooser.layout_choice() or PrintLayout()

    def _paint(self, printer: QPrinter) -> None:
        print_blueprint(printer, self.page, self.layout_choice(), self.title)

    def _print(self) -> None:
        if ask_printer(self, self.printer):
            self.chooser.set_printer_paper(*printer_paper(self.printer))
            print_blueprint(self.printer, self.page, self.layout_choice(), self.title)
            self.accept()


def ask_printer(parent: QWidget | None, printer: QPrinter, tabs: list[QWidget] | None = None) -> bool:
    """Qt's print dialog: the printer and its paper (and ``tabs`` of options, where the
    platform's dialog shows them); False means cancel."""
    dialog = QPrintDialog(printer, parent)
    if tabs:
        dialog.setOptionTabs(tabs)
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_preview(dialog: PrintPreviewDialog) -> None:
    dialog.exec()


_printers: dict[int, QPrinter] = {}  # a window's printer: its choices stay for the session
_layouts: dict[int, PrintLayout] = {}


def _printer_of(window) -> QPrinter:
    printer = _printers.get(id(window))
    if printer is None:
        printer = _printers[id(window)] = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(window.document.blueprint.title or "Service blueprint")
    return printer


def print_preview_from_window(window) -> PrintPreviewDialog:
    """File > Print Preview."""
    dialog = PrintPreviewDialog(
        window,
        window.document.blueprint,
        _printer_of(window),
        _layouts.get(id(window)),
        window.text_size(),
        themes.for_paper(window.theme()),
    )
    show_preview(dialog)
    _layouts[id(window)] = dialog.layout_choice()
    return dialog


def print_from_window(window) -> Plan | None:
    """File > Print: Qt's print dialog with a "Layout" tab of the same choices as the
    preview; returns what was printed, or None (cancelled)."""
    bp = window.document.blueprint
    printer = _printer_of(window)
    theme = themes.for_paper(window.theme())
    page = build_page(bp, text_size=themes.text_size_for(theme, window.text_size()), theme=theme)
    chooser = PaperChooser(
        page, _layouts.get(id(window)) or PrintLayout(), printer=True, title=bp.title.strip()
    )
    chooser.set_printer_paper(*printer_paper(printer))
    chooser.setWindowTitle("Layout")
    if not ask_printer(window, printer, [chooser]):
        return None
    layout = chooser.layout_choice() or PrintLayout()
    _layouts[id(window)] = layout
    result = print_blueprint(printer, page, layout, bp.title.strip())
    window.show_message(f"Printed {len(result.sheets)} {'sheet' if len(result.sheets) == 1 else 'sheets'}")
    return result
