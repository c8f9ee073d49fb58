"""Save and export never replace a file the user made read-only; the editor offers Save As."""

from __future__ import annotations

import pytest

from blueprint_editor.core import edits
from blueprint_editor.core import io as bio
from blueprint_editor.qt.export import dialog as export_dialog
from blueprint_editor.qt.export.render import ExportError, export_blueprint
from factories import hotel_blueprint as sample_blueprint
from factories import write_blueprint


@pytest.fixture
def read_only(tmp_path):
    path = write_blueprint(tmp_path / "hotel.blueprint", sample_blueprint())
    return path


def edit_title(window, text="Changed") -> None:
    window.controller.push(edits.set_fields(window.document, "steps", "arrive", title=text))


def test_saving_over_a_read_only_file_offers_save_as(make_window, read_only, tmp_path):
    window = make_window()
    assert window.files.open_path(str(read_only))
    read_only.chmod(0o444)
    before = read_only.read_bytes()
    edit_title(window)
    window.dialogs.elsewhere_answers.append(False)  # Cancel
    assert window.files.save() is False
    assert window.dialogs.read_only == [str(read_only)]
    assert read_only.read_bytes() == before and window.isWindowModified()
    other = tmp_path / "copy.blueprint"
    window.dialogs.elsewhere_answers.append(True)  # Save As...
    window.dialogs.save_paths.append(str(other))
    assert window.files.save() is True
    assert read_only.read_bytes() == before
    assert "Changed" in [s.title for s in bio.load_path(other).steps]
    assert window.files.path == str(other) and not window.isWindowModified()
    assert window.dialogs.errors == []


def test_the_read_only_prompt_is_a_real_dialog(make_window, read_only, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from blueprint_editor.qt.files.controller import FileController

    window = make_window()
    answers = []

    def press(text):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, lambda: press(text))
            return
        assert "read-only" in box.text() and str(read_only) in box.text()
        next(b for b in box.buttons() if b.text().startswith(text)).click()

    for text in ("Save As", "Cancel"):
        QTimer.singleShot(0, lambda t=text: press(t))
        answers.append(FileController.ask_save_elsewhere(window.files, str(read_only)))
    assert answers == [True, False]


def test_export_refuses_a_read_only_target_before_rendering(qapp, read_only, monkeypatch):
    read_only.chmod(0o444)
    out = read_only.with_suffix(".svg")
    out.write_bytes(b"old picture")
    out.chmod(0o444)
    from blueprint_editor.qt.export import render

    monkeypatch.setattr(render, "render_bytes", lambda *a, **k: pytest.fail("rendered"))
    with pytest.raises(ExportError) as caught:
        export_blueprint(sample_blueprint(), out)
    assert "read-only" in str(caught.value) and str(out) in str(caught.value)
    assert out.read_bytes() == b"old picture"
    assert export_dialog  # the window's export shows this message (see test_export_window)


def test_the_progress_dialog_is_closed_before_the_error_is_shown(make_window, read_only, monkeypatch):
    window = make_window()
    out = read_only.with_suffix(".svg")
    out.write_bytes(b"old")
    out.chmod(0o444)
    shown_progress = []
    seen = []
    real_make_progress = export_dialog.make_progress

    def make_progress(parent, label):
        progress = real_make_progress(parent, label)
        progress.show()  # as when an export takes a while
        shown_progress.append(progress)
        return progress

    monkeypatch.setattr(export_dialog, "make_progress", make_progress)
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda *a: (str(out), ""))
    monkeypatch.setattr(export_dialog, "ask_options", lambda parent, suffix, options: options)
    monkeypatch.setattr(
        export_dialog,
        "show_error",
        lambda parent, title, text: seen.append((text, [p.isVisible() for p in shown_progress])),
    )
    assert export_dialog.export_from_window(window) is None
    assert len(seen) == 1 and "read-only" in seen[0][0]
    assert seen[0][1] == [False]  # the progress dialog was already closed
    assert out.read_bytes() == b"old"
