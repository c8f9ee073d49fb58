"""Fuzz: hostile unicode through load, canvas, tooltips, inspector and every export.

Hypothesis makes titles, descriptions and labels from any unicode (controls,
non-characters, right-to-left marks, combining marks, markup snippets). Each blueprint is
saved and opened in one real window; every tooltip and label must show the text
literally (the checks of ``test_hostile_text``), and SVG, PNG, PDF and JSON exports must
be well-formed and read back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from blueprint_editor.core import io as bio
from blueprint_editor.qt.export.render import render_bytes
from factories import ten_texts_blueprint, write_blueprint
from test_hostile_text import Shown, help_at

SNIPPETS = [
    '<img src="/dev/zero">',
    "<b>",
    "</p>",
    "&amp;",
    "&#1;",
    "<qt>",
    "[*]",
    "%1",
    "\x00",
    "\x01",
    "\ufffe",
    "\uffff",
    "\u202e",
    "\u200f",
    "\u0301",
    "\U0001f600",
    "\n",
    "\r\n",
    "\t",
    "]]>",
    "<!--",
    "\\",
    '"',
    "'",
]

texts = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=12), st.sampled_from(SNIPPETS)),
    max_size=6,
).map("".join)


def tokened(texts_in: list[str]) -> dict[str, str]:
    return {f"H{i:02d}": f"H{i:02d} {text}" for i, text in enumerate(texts_in)}


def test_hostile_unicode_through_every_text_path(make_window, tmp_path, qtbot):
    window = make_window()

    @hsettings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(texts, min_size=10, max_size=10))
    def check(values):
        t = tokened(values)
        bp = ten_texts_blueprint(t)
        path = write_blueprint(tmp_path / "fuzz.blueprint", bp)
        assert window.files.open_path(str(path)), window.dialogs.errors
        assert window.document.blueprint == bp  # load keeps every character
        shown = Shown(t)
        shown.check_widget_tree(window, "window")
        for item in window.scene.items():
            shown.check(item.toolTip(), where=f"tooltip of {type(item).__name__}")
        view = window.view
        for step in bp.steps:
            item = window.scene.step_item(step.id)
            view.centerOn(item)
            shown.check(help_at(view, item.sceneBoundingRect().center()), where="card")
        window.scene.clearSelection()
        window.scene.step_item("a").setSelected(True)
        shown.check_widget_tree(window.inspector_ui.dock, "inspector")
        assert {"H02", "H04"} <= shown.seen  # lane and phase tooltips were checked
        # every export
        svg = render_bytes(bp, ".svg")
        ET.fromstring(svg)
        assert QSvgRenderer(QByteArray(svg)).isValid()
        image = QImage()
        assert image.loadFromData(render_bytes(bp, ".png", scale=0.25), "PNG")
        assert render_bytes(bp, ".pdf").startswith(b"%PDF")
        assert bio.loads(render_bytes(bp, ".json")) == bp

    check()
