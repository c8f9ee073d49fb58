"""File > Export (PDF on paper), File > Print and Print Preview, driven offscreen."""

from __future__ import annotations

import io

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from blueprint_editor.core import paper as P
from blueprint_editor.qt.canvas import style, themes
from blueprint_editor.qt.export import dialog as export_dialog
from blueprint_editor.qt.export import print_dialog
from blueprint_editor.qt.export.page import build_page
from blueprint_editor.qt.export.print_dialog import PaperChooser, PrintPreviewDialog
from blueprint_editor.qt.export.print_layout import PrintLayout
from factories import six_phase_blueprint

PAPER_IDS = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "letter": QPageSize.PageSizeId.Letter,
}


@pytest.fixture
def wall(qapp):
    return six_phase_blueprint(columns_per_phase=2)


def pdf_printer(path, paper: str = "A4") -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(PAPER_IDS[paper]))
    return printer


def click_box(qtbot, box) -> None:
    """Click a check box on its indicator (its row spans the whole form)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def choose(qtbot, combo, data) -> None:
    """Pick an item of a combo box with the keyboard, as a user would."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


@pytest.mark.parametrize("paper", ["A4", "A3", "letter"])
def test_print_preview_renders_the_pages_for_each_paper(qtbot, wall, paper, tmp_path):
    printer = pdf_printer(tmp_path / "unused.pdf", paper)
    dialog = PrintPreviewDialog(None, wall, printer, PrintLayout("A1", landscape=True))
    qtbot.addWidget(dialog)
    dialog.show()
    painted = []
    dialog.view.paintRequested.connect(lambda p: painted.append(p))
    dialog.view.updatePreview()
    assert painted and dialog.view.pageCount() == 1  # fitted on the printer's sheet
    choose(qtbot, dialog.chooser.tiles, print_dialog.PRINTER)
    page = build_page(wall)
    sheet, landscape = print_dialog.printer_paper(printer)
    assert sheet.size() == pytest.approx(P.paper(paper).size(), abs=0.5)
    tiles = print_dialog.plan_for_printer(page, dialog.layout_choice(), sheet, landscape)
    assert tiles.tiling is not None and len(tiles.sheets) > 1
    dialog.view.updatePreview()
    assert dialog.view.pageCount() == len(tiles.sheets)
    click_box(qtbot, dialog.chooser.pages)  # disabled with tiles
    assert not dialog.chooser.pages.isChecked()
    choose(qtbot, dialog.chooser.tiles, None)
    click_box(qtbot, dialog.chooser.pages)
    assert dialog.chooser.pages.isChecked()
    dialog.view.updatePreview()
    assert dialog.view.pageCount() == len(wall.phases)


def test_chooser_warns_with_the_paper_that_works(qtbot, qapp):
    bp = six_phase_blueprint(columns_per_phase=3)
    chooser = PaperChooser(build_page(bp), PrintLayout("A1", landscape=True))
    qtbot.addWidget(chooser)
    chooser.show()
    assert "under 8 pt; use A0 landscape" in chooser.warning.text()
    assert chooser.use_suggestion.isVisible()
    assert chooser.use_suggestion.text() == "Use A0 landscape"
    qtbot.mouseClick(chooser.use_suggestion, Qt.MouseButton.LeftButton)
    assert chooser.layout_choice() == PrintLayout("A0", landscape=True)
    assert chooser.warning.text() == "" and not chooser.use_suggestion.isVisible()
    choose(qtbot, chooser.paper, "A2")
    assert "under 8 pt" in chooser.warning.text()
    choose(qtbot, chooser.paper, "A0")
    assert chooser.warning.text() == ""
    choose(qtbot, chooser.tiles, "A4")
    assert chooser.layout_choice() == PrintLayout("A0", landscape=True, tiles="A4")
    assert "sheets of A4" in chooser.summary.text()
    choose(qtbot, chooser.paper, print_dialog.BLUEPRINT_SIZE)
    assert chooser.layout_choice() is None
    assert not chooser.tiles.isEnabled() and not chooser.pages.isEnabled()


def test_export_pdf_on_paper_from_the_window(make_window, wall, tmp_path, monkeypatch):
    window = make_window(wall)
    out = tmp_path / "wall.pdf"
    monkeypatch.setattr(
        export_dialog,
        "_last",
        {"dir": None, "suffix": ".pdf", "options": export_dialog.ExportOptions(), "paper": None},
    )
    monkeypatch.setattr(
        export_dialog, "ask_save_path", lambda parent, start, filters, selected: (str(out), selected)
    )
    asked = []

    def ask_paper(parent, bp, layout, theme):
        asked.append(layout)
        return True, PrintLayout("A1", landscape=True, tiles="A4")

    monkeypatch.setattr(export_dialog, "ask_paper", ask_paper)
    assert export_dialog.export_from_window(window) == out
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) > 1
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} <= {
        (595, 842),
        (842, 595),
    }
    assert "Exported" in window.statusBar().currentMessage()
    export_dialog.export_from_window(window)  # the next export starts from that choice
    assert asked == [None, PrintLayout("A1", landscape=True, tiles="A4")]


def test_file_print_prints_the_chosen_layout(make_window, wall, tmp_path, monkeypatch):
    window = make_window(wall)
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out, "A4")
    monkeypatch.setitem(print_dialog._printers, id(window), printer)
    seen = []

    def ask_printer(parent, printer_, tabs=None):
        assert printer_ is printer
        chooser = tabs[0]
        seen.append(chooser.windowTitle())
        chooser.tiles.setCurrentIndex(chooser.tiles.findData(print_dialog.PRINTER))
        return True

    monkeypatch.setattr(print_dialog, "ask_printer", ask_printer)
    action = window.window_actions.print
    assert action.shortcut().toString() == "Ctrl+P"
    action.trigger()
    assert seen == ["Layout"]
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) > 1
    assert printer.pageLayout().orientation() in (
        QPageLayout.Orientation.Portrait,
        QPageLayout.Orientation.Landscape,
    )
    assert "Printed" in window.statusBar().currentMessage()


def test_printer_fit_offers_a_poster_over_tiles(qtbot, tmp_path):
    bp = six_phase_blueprint(columns_per_phase=3)
    printer = pdf_printer(tmp_path / "unused.pdf", "A4")
    dialog = PrintPreviewDialog(None, bp, printer, PrintLayout("A1", landscape=True))
    qtbot.addWidget(dialog)
    dialog.show()
    chooser = dialog.chooser
    assert chooser.tiles.currentData() is None  # fitted on one A4 sheet: text too small
    assert "under 8 pt" in chooser.warning.text()
    assert chooser.use_suggestion.text() == "Use A0 landscape as tiles"
    qtbot.mouseClick(chooser.use_suggestion, Qt.MouseButton.LeftButton)
    assert dialog.layout_choice() == PrintLayout("A0", landscape=True, tiles=print_dialog.PRINTER)
    assert chooser.warning.text() == ""
    dialog.view.updatePreview()
    assert dialog.view.pageCount() > 1


def test_print_preview_action_opens_the_preview(make_window, wall, monkeypatch):
    window = make_window(wall)
    shown = []
    monkeypatch.setattr(print_dialog, "show_preview", lambda dialog: shown.append(dialog))
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Print Pre&view\u2026" in menu_texts and "&Print\u2026" in menu_texts
    window.window_actions.print_preview.trigger()
    assert len(shown) == 1 and isinstance(shown[0], PrintPreviewDialog)
    shown[0].deleteLater()


def _page_image(page) -> QImage:
    image = QImage(int(page.width), int(page.height), QImage.Format.Format_RGB32)
    image.fill(0xFF00FF)
    painter = QPainter(image)
    page.paint(painter, None)
    painter.end()
    return image


def test_paper_is_never_dark_and_the_canvas_keeps_its_theme(make_window, wall, tmp_path, monkeypatch):
    """In the dark theme, the print preview, File > Print and a PDF on paper draw the
    light page; the canvas stays dark. The projector theme prints as it is."""
    window = make_window(wall)
    window.set_theme("dark")
    assert style.active_theme() is themes.DARK
    # this session's choices stay in this test
    monkeypatch.setattr(print_dialog, "_layouts", {})
    monkeypatch.setattr(
        export_dialog,
        "_last",
        {"dir": None, "suffix": ".pdf", "options": export_dialog.ExportOptions(), "paper": None},
    )
    shown = []
    monkeypatch.setattr(print_dialog, "show_preview", lambda dialog: shown.append(dialog))
    window.window_actions.print_preview.trigger()
    page = shown[0].page
    assert page.theme is themes.LIGHT
    image = _page_image(page)
    assert image.pixelColor(2, 2) == QColor(themes.LIGHT.page)
    assert style.active_theme() is themes.DARK  # drawing the page left the canvas dark
    shown[0].deleteLater()

    printed = []
    monkeypatch.setitem(print_dialog._printers, id(window), pdf_printer(tmp_path / "p.pdf"))
    monkeypatch.setattr(print_dialog, "ask_printer", lambda parent, printer, tabs=None: True)
    monkeypatch.setattr(
        print_dialog, "print_blueprint", lambda printer, page, layout, title: printed.append(page) or _Plan()
    )
    window.window_actions.print.trigger()
    assert printed[0].theme is themes.LIGHT

    written = []
    monkeypatch.setattr(
        export_dialog,
        "ask_save_path",
        lambda parent, start, filters, selected: (str(tmp_path / "w.pdf"), selected),
    )
    monkeypatch.setattr(
        export_dialog, "ask_paper", lambda parent, bp, layout, theme: (True, PrintLayout("A3"))
    )
    from blueprint_editor.qt.export import print_layout

    real = print_layout.write_print_pdf

    def write(bp, layout, out, progress=None, text_size="standard", theme=None):
        written.append((theme, text_size))
        return real(bp, layout, out, progress, text_size, theme)

    monkeypatch.setattr(print_layout, "write_print_pdf", write)
    assert export_dialog.export_from_window(window) == tmp_path / "w.pdf"
    assert written == [(themes.LIGHT, "standard")]
    # a PDF the size of the blueprint (no paper chosen) is paper too
    from blueprint_editor.qt.export import render

    pictures = []
    monkeypatch.setattr(export_dialog, "ask_paper", lambda parent, bp, layout, theme: (True, None))
    monkeypatch.setattr(render, "export_blueprint", lambda bp, out, **kw: pictures.append(kw["theme"]))
    assert export_dialog.export_from_window(window) == tmp_path / "w.pdf"
    assert pictures == ["light"]

    window.set_theme("projector")
    window.window_actions.print_preview.trigger()
    assert shown[-1].page.theme is themes.PROJECTOR
    shown[-1].deleteLater()


class _Plan:
    sheets: tuple = ()
