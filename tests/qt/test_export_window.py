"""File > Export... from the window, with the dialogs replaced (nothing blocks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer

from blueprint_editor.core.model import Blueprint, check_references
from blueprint_editor.core.operations import Set
from blueprint_editor.qt.export import dialog as export_dialog
from blueprint_editor.qt.export import render as export
from blueprint_editor.qt.export.dialog import FILTERS, ExportOptions, export_from_window

ORIGINAL_MAKE_PROGRESS = export_dialog.make_progress
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "export-sample.blueprint"


def load() -> Blueprint:
    bp = Blueprint.model_validate_json(SAMPLE.read_text(encoding="utf-8"))
    check_references(bp)
    return bp


class Dialogs:
    """Stand-ins for the save dialog, the options dialog, the error box, the progress."""

    def __init__(
        self,
        monkeypatch,
        path: Path | None,
        chosen_filter: str = "",
        options: ExportOptions | None = ExportOptions(scale=1.0),
    ):
        self.path, self.filter, self.options = path, chosen_filter, options
        self.asked_options: list[str] = []
        self.errors: list[str] = []
        self.progress_values: list[tuple[int, int]] = []
        self.cancel_after: int | None = None
        self.on_value = None
        monkeypatch.setattr(
            export_dialog, "_last", {"dir": None, "suffix": ".png", "options": ExportOptions(), "paper": None}
        )
        self.paper = None  # the PDF's paper: None is the blueprint-sized page
        self.asked_paper = 0
        monkeypatch.setattr(export_dialog, "ask_paper", self.ask_paper)
        monkeypatch.setattr(export_dialog, "ask_save_path", self.ask_save_path)
        monkeypatch.setattr(export_dialog, "ask_options", self.ask_options)
        monkeypatch.setattr(export_dialog, "show_error", lambda parent, title, text: self.errors.append(text))
        monkeypatch.setattr(export_dialog, "make_progress", lambda parent, label: Progress(self))

    def ask_save_path(self, parent, start, filters, selected):
        self.start = start
        assert filters == list(FILTERS.values())
        return (str(self.path) if self.path else "", self.filter)

    def ask_options(self, parent, suffix, options):
        self.asked_options.append(suffix)
        return self.options

    def ask_paper(self, parent, bp, layout, theme):
        self.asked_paper += 1
        return True, self.paper


class Progress:
    def __init__(self, dialogs: Dialogs):
        self.d = dialogs
        self.maximum = 1
        self.closed = False

    def setMaximum(self, value):
        self.maximum = value

    def setValue(self, value):
        self.d.progress_values.append((value, self.maximum))
        if self.d.on_value is not None:
            self.d.on_value(value)

    def wasCanceled(self):
        n = self.d.cancel_after
        return n is not None and len(self.d.progress_values) >= n

    def close(self):
        self.closed = True

    def deleteLater(self):
        pass


@pytest.fixture
def window(qtbot, tmp_path):
    from blueprint_editor.qt.app.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(load(), settings=settings, panels=False)
    qtbot.addWidget(win)
    win.undo_stack.setClean()
    return win


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".json"])
def test_each_format_from_the_window(window, tmp_path, monkeypatch, suffix):
    dialogs = Dialogs(monkeypatch, tmp_path / f"picture{suffix}")
    written = export_from_window(window)
    out = tmp_path / f"picture{suffix}"
    assert written == out and out.is_file()
    assert dialogs.errors == []
    assert "Exported" in window.statusBar().currentMessage()
    data = out.read_bytes()
    if suffix == ".png":
        assert dialogs.asked_options == [".png"]
        assert data == export.render_png_bytes(load(), scale=1.0)  # the CLI's renderer
    elif suffix == ".svg":
        assert dialogs.asked_options == [".svg"]
        assert b"Cook the meal</text>" in data
    elif suffix == ".pdf":
        assert dialogs.asked_options == []
        assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1
    else:
        assert dialogs.asked_options == []
        assert json.loads(data) == json.loads(SAMPLE.read_bytes())


def test_selection_and_handles_are_not_exported(window, tmp_path, monkeypatch):
    for item in window.scene.items():
        item.setSelected(True)
    assert window.scene.selectedItems()
    Dialogs(monkeypatch, tmp_path / "selected.png")
    export_from_window(window)
    assert (tmp_path / "selected.png").read_bytes() == export.render_png_bytes(load(), scale=1.0)


def test_the_filter_adds_a_missing_suffix(window, tmp_path, monkeypatch):
    Dialogs(monkeypatch, tmp_path / "noext", FILTERS[".pdf"])
    assert export_from_window(window) == tmp_path / "noext.pdf"
    assert (tmp_path / "noext.pdf").read_bytes().startswith(b"%PDF")


def test_cancel_in_the_save_dialog_or_the_options_writes_nothing(window, tmp_path, monkeypatch):
    dialogs = Dialogs(monkeypatch, None)
    assert export_from_window(window) is None
    assert dialogs.asked_options == []
    dialogs = Dialogs(monkeypatch, tmp_path / "x.png", options=None)
    assert export_from_window(window) is None
    assert list(tmp_path.glob("x*")) == []


def test_an_error_is_shown_and_nothing_is_written(window, tmp_path, monkeypatch):
    dialogs = Dialogs(monkeypatch, tmp_path / "missing" / "x.png")
    assert export_from_window(window) is None
    assert len(dialogs.errors) == 1 and "does not exist" in dialogs.errors[0]
    assert "Exported" not in window.statusBar().currentMessage()


def test_progress_cancel_leaves_the_old_file(window, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "BAND_PIXELS", 50_000)
    out = tmp_path / "big.png"
    out.write_bytes(b"old picture")
    dialogs = Dialogs(monkeypatch, out)
    dialogs.cancel_after = 4
    assert export_from_window(window) is None
    assert out.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir() if p.name != "settings.ini"] == ["big.png"]
    assert "cancelled" in window.statusBar().currentMessage()


def test_events_are_processed_during_an_export(window, tmp_path, monkeypatch):
    """The editor stays responsive: queued events run between the bands."""
    monkeypatch.setattr(export, "BAND_PIXELS", 50_000)
    dialogs = Dialogs(monkeypatch, tmp_path / "busy.png")
    fired = []
    QTimer.singleShot(0, lambda: fired.append(len(dialogs.progress_values)))
    assert export_from_window(window) == tmp_path / "busy.png"
    assert fired and fired[0] < len(dialogs.progress_values)
    values = dialogs.progress_values
    assert len(values) > 5 and values[-1][0] == values[-1][1]


def test_an_edit_during_the_export_does_not_change_the_picture(window, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "BAND_PIXELS", 50_000)
    dialogs = Dialogs(monkeypatch, tmp_path / "during.png")
    before = load()

    def edit(value):
        if value == 3:
            window.document.apply(Set("steps", "cook", {"title": "Renamed meanwhile"}))

    dialogs.on_value = edit
    export_from_window(window)
    assert window.document.step("cook").title == "Renamed meanwhile"
    assert (tmp_path / "during.png").read_bytes() == export.render_png_bytes(before, scale=1.0)


def test_a_second_export_while_one_runs_is_ignored(window, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "BAND_PIXELS", 50_000)
    dialogs = Dialogs(monkeypatch, tmp_path / "first.png")
    nested = []
    dialogs.on_value = lambda v: nested.append(export_from_window(window)) if v == 2 else None
    assert export_from_window(window) == tmp_path / "first.png"
    assert nested == [None]


def test_the_next_export_starts_from_the_last_choices(window, tmp_path, monkeypatch):
    dialogs = Dialogs(monkeypatch, tmp_path / "a.svg", options=ExportOptions(scale=3.0, transparent=True))
    export_from_window(window)
    assert export_dialog._last["suffix"] == ".svg"
    assert export_dialog._last["options"].transparent is True
    dialogs.path = None
    export_from_window(window)
    assert dialogs.start == tmp_path / "restaurant-visit.svg"


def test_the_real_progress_dialog_is_driven_and_closed(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QProgressDialog

    monkeypatch.setattr(export, "BAND_PIXELS", 50_000)
    dialogs = Dialogs(monkeypatch, tmp_path / "real.png")
    made = []
    monkeypatch.setattr(
        export_dialog,
        "make_progress",
        lambda parent, label: made.append(ORIGINAL_MAKE_PROGRESS(parent, label)) or made[-1],
    )
    assert export_from_window(window) == tmp_path / "real.png"
    assert dialogs.errors == []
    assert len(made) == 1 and isinstance(made[0], QProgressDialog)
    QApplication.processEvents()
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_options_dialog_round_trip(qtbot):
    dialog = export_dialog.ExportOptionsDialog(None, ".png", ExportOptions(scale=3.5, transparent=True))
    qtbot.addWidget(dialog)
    assert dialog.options() == ExportOptions(scale=3.5, transparent=True)
    dialog.scale.setValue(1.0)
    dialog.transparent.setChecked(False)
    assert dialog.options() == ExportOptions(scale=1.0, transparent=False)
    svg = export_dialog.ExportOptionsDialog(None, ".svg", ExportOptions())
    qtbot.addWidget(svg)
    assert svg.scale.isHidden() and not svg.transparent.isHidden()


def test_file_export_menu_action_runs_the_export(window, tmp_path, monkeypatch):
    Dialogs(monkeypatch, tmp_path / "menu.pdf")
    action = window.window_actions.export
    assert action.isEnabled()
    action.trigger()
    assert (tmp_path / "menu.pdf").read_bytes().startswith(b"%PDF")
