"""File > Import... (the column mapping with its preview) and the data formats of
File > Export, driven by real clicks and keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QPlainTextEdit

from blueprint_editor.core.interchange import export_path, import_path
from blueprint_editor.core.operations import Set
from blueprint_editor.qt.export import dialog as export_dialog
from blueprint_editor.qt.files import controller as fc
from blueprint_editor.qt.files import import_dialog
from blueprint_editor.qt.files.import_dialog import ImportDialog
from factories import hotel_blueprint

PEOPLE = (
    "Stage,Actor,Step,Lane,Minutes,Mood\n"
    "Arrival,Guest,Arrive,Customer,5,1\n"
    "Arrival,Desk,Greet,Front stage,2,\n"
    "Stay,Housekeeping,Clean room,Back office,soon,\n"
)
GRID = (
    "Phase,Arrival,,Stay\n"
    ",Arrive,Check in,Sleep\n"
    "Customer,Walk in,Give name,Sleep\n"
    "Front stage,,Greet,\n"
    "Back stage,,Check booking,Clean\n"
)


def start_import(window, monkeypatch, path: Path) -> ImportDialog | None:
    """File > Import... with the file dialog answering ``path``; the mapping dialog."""
    monkeypatch.setattr(import_dialog, "ask_import_path", lambda parent: str(path))
    window.window_actions.import_file.trigger()
    return window.findChild(ImportDialog, "importDialog")


def choose(qtbot, combo: QComboBox, field: str) -> None:
    """Pick ``field`` in a mapping combo with the keyboard, as a user would."""
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    QTest.keyClick(combo, Qt.Key.Key_Home)
    target = combo.findData(field)
    assert target >= 0
    for _ in range(target):
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == field


def click_import(dialog: ImportDialog) -> None:
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def notes_box(window) -> QDialog | None:
    return window.findChild(QDialog, "importNotes")


def test_table_made_by_people_maps_and_imports(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window(hotel_blueprint())
    path = tmp_path / "workshop.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    dialog = start_import(window, monkeypatch, path)
    assert dialog is not None and dialog.isVisible()
    # each header with its field, guessed from the header's words
    guessed = {c.objectName(): c.currentData() for c in dialog.combos}
    assert guessed == {
        "mappingA": "phase",
        "mappingB": "owner",
        "mappingC": "title",
        "mappingD": "lane",
        "mappingE": "duration",
        "mappingF": "emotion",
    }
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 2).text() == "Arrive"
    assert dialog.findChild(QLabel, "gridNote") is None

    # "soon" is no duration: one message naming row and column; nothing changes
    click_import(dialog)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "row 4" in dialog.error.text() and "column E" in dialog.error.text()
    assert window.document.blueprint == hotel_blueprint()

    # the user drops the minutes and the mood: the preview's header follows
    choose(qtbot, dialog.combos[4], "")
    choose(qtbot, dialog.combos[5], "")
    assert dialog.preview.horizontalHeaderItem(4).text() == "E: (not used)"
    assert not dialog.error.isVisible()
    click_import(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    bp = window.document.blueprint
    assert [s.title for s in bp.steps] == ["Arrive", "Greet", "Clean room"]
    assert [s.owner for s in bp.steps] == ["Guest", "Desk", "Housekeeping"]
    assert all(s.duration_minutes is None for s in bp.steps)
    assert [p.title for p in bp.phases] == ["Arrival", "Stay"]
    assert bp.title == "workshop"
    assert window.files.path is None  # a new untitled document
    assert not window.undo_stack.canUndo()
    # what was guessed is said in a window that does not block the editor
    notes = notes_box(window)
    assert notes is not None and notes.isVisible() and not notes.isModal()
    text = notes.findChild(QPlainTextEdit).toPlainText()
    assert "Minutes" in text  # the columns not used are named
    assert "Imported workshop.csv: 3 steps" in window.statusBar().currentMessage()


def test_two_columns_for_one_field_are_refused(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window(hotel_blueprint())
    path = tmp_path / "workshop.tsv"
    path.write_text(PEOPLE.replace(",", "\t").replace("soon", "30"), encoding="utf-8")
    dialog = start_import(window, monkeypatch, path)
    choose(qtbot, dialog.combos[1], "title")  # Actor as the title too
    click_import(dialog)
    assert dialog.isVisible()
    assert "columns B and C" in dialog.error.text()
    assert window.document.blueprint == hotel_blueprint()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.document.blueprint == hotel_blueprint()


def test_grid_layout_needs_no_mapping(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window(hotel_blueprint())
    path = tmp_path / "nng.csv"
    path.write_text(GRID, encoding="utf-8")
    dialog = start_import(window, monkeypatch, path)
    assert dialog.grid
    assert dialog.combos == []
    assert dialog.findChild(QLabel, "gridNote").isVisible()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # Import is the default button
    qtbot.waitUntil(lambda: not dialog.isVisible())
    bp = window.document.blueprint
    assert {s.title for s in bp.steps} >= {"Walk in", "Give name", "Greet", "Check booking"}
    assert [lane.kind for lane in bp.lanes][:3] == ["customer", "frontstage", "backstage"]


def test_unsaved_work_is_offered_to_save_first(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window(hotel_blueprint())
    window.controller.push(Set("steps", "greet", {"title": "Welcome"}))
    edited = window.document.blueprint
    path = tmp_path / "nng.csv"
    path.write_text(GRID, encoding="utf-8")
    window.dialogs.unsaved_answers = [fc.CANCEL]
    dialog = start_import(window, monkeypatch, path)
    click_import(dialog)
    assert window.dialogs.unsaved_asked == 1
    assert window.document.blueprint == edited  # cancelled: the work stays
    assert window.files.is_modified()

    window.dialogs.unsaved_answers = [fc.DISCARD]
    dialog = start_import(window, monkeypatch, path)
    click_import(dialog)
    assert window.document.blueprint != edited


def test_drawio_imports_at_once(make_window, monkeypatch, tmp_path):
    window = make_window(hotel_blueprint())
    path = tmp_path / "hotel.drawio"
    export_path(hotel_blueprint(), path)
    window.controller.push(Set("steps", "greet", {"title": "Welcome"}))
    window.dialogs.unsaved_answers = [fc.DISCARD]
    assert start_import(window, monkeypatch, path) is None
    bp = window.document.blueprint
    assert {s.title for s in bp.steps} == {s.title for s in hotel_blueprint().steps}
    assert len(bp.handoffs) == 3
    assert window.files.path is None


def test_unreadable_file_names_the_problem(make_window, monkeypatch, tmp_path):
    window = make_window(hotel_blueprint())
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    assert start_import(window, monkeypatch, path) is None
    assert len(window.dialogs.errors) == 1
    assert "broken.xlsx" in window.dialogs.errors[0][1]
    assert window.document.blueprint == hotel_blueprint()


def test_export_writes_the_data_formats(make_window, monkeypatch, tmp_path):
    window = make_window(hotel_blueprint())
    monkeypatch.setattr(
        export_dialog,
        "_last",
        {"dir": None, "suffix": ".png", "options": export_dialog.ExportOptions(), "paper": None},
    )
    for suffix in (".csv", ".tsv", ".xlsx", ".drawio", ".mmd", ".md"):
        assert suffix in export_dialog.FILTERS
        out = tmp_path / f"hotel{suffix}"
        monkeypatch.setattr(
            export_dialog, "ask_save_path", lambda parent, start, filters, selected, o=out: (str(o), "")
        )
        assert export_dialog.export_from_window(window) == out
        assert out.stat().st_size > 0
    back = import_path(tmp_path / "hotel.csv").blueprint
    assert back.steps == hotel_blueprint().steps
    assert "Greet guest" in (tmp_path / "hotel.md").read_text(encoding="utf-8")
    assert "subgraph" in (tmp_path / "hotel.mmd").read_text(encoding="utf-8")
    # a file without a known suffix takes the chosen filter's
    plain = tmp_path / "plain"
    monkeypatch.setattr(
        export_dialog,
        "ask_save_path",
        lambda parent, start, filters, selected: (str(plain), export_dialog.FILTERS[".tsv"]),
    )
    assert export_dialog.export_from_window(window) == tmp_path / "plain.tsv"
