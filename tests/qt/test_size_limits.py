"""Blueprints larger than the window and pictures take are refused up front, by name."""

from __future__ import annotations

import pytest

from blueprint_editor.core import limits
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.export import page, render
from blueprint_editor.qt.export.render import ExportError, export_blueprint
from factories import hotel_blueprint as sample_blueprint
from factories import write_blueprint


def test_a_file_with_too_many_steps_is_refused_before_the_canvas_is_built(make_window, tmp_path, monkeypatch):
    path = write_blueprint(tmp_path / "big.blueprint", sample_blueprint())  # 4 steps
    window = make_window()
    before = window.document.blueprint
    monkeypatch.setattr(limits, "MAX_SHOWN_STEPS", 3)
    assert window.files.open_path(str(path)) is False
    ((title, text),) = window.dialogs.errors
    assert title == "Cannot open blueprint" and str(path) in text
    assert "has 4 steps" in text and "at most 3" in text and "validate" in text
    assert window.document.blueprint is before and window.files.path is None
    monkeypatch.setattr(limits, "MAX_SHOWN_STEPS", 4)
    assert window.files.open_path(str(path)) is True


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_pictures_of_too_many_steps_are_refused_before_rendering(qapp, tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(limits, "MAX_SHOWN_STEPS", 3)
    monkeypatch.setattr(page, "build_page", lambda *a, **k: pytest.fail("rendered"))
    with pytest.raises(ExportError, match="has 4 steps; pictures show at most 3"):
        export_blueprint(sample_blueprint(), tmp_path / f"out{suffix}")
    assert list(tmp_path.iterdir()) == []
    export_blueprint(sample_blueprint(), tmp_path / "out.json")  # JSON has no such limit


def test_a_too_large_png_is_refused_from_the_layout_alone(qapp, tmp_path, monkeypatch):
    wide = new_blueprint("wide", columns=400)
    monkeypatch.setattr(page, "build_page", lambda *a, **k: pytest.fail("rendered"))
    with pytest.raises(ExportError, match="too large"):
        export_blueprint(wide, tmp_path / "out.png", scale=16)
    with pytest.raises(ExportError, match="scale"):
        render.check_limits(wide, ".png", 99)
    render.check_limits(wide, ".png", None)  # the default scale shrinks to fit
