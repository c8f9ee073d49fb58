"""Themes: contrast computed from their definitions, the canvas, exports, settings, CLI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

from blueprint_editor.cli import EXPORT_THEMES
from blueprint_editor.core.model import Comment
from blueprint_editor.qt.canvas import style, themes
from blueprint_editor.qt.export.render import (
    THEME_KEYS,
    ExportError,
    render_bytes,
    render_png_bytes,
)
from factories import hotel_blueprint


@pytest.fixture(autouse=True)
def _light_after():
    yield
    style.use_theme(themes.LIGHT)


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: str, bg: str) -> float:
    a, b = luminance(fg), luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


@pytest.mark.parametrize("key", list(themes.THEMES))
def test_every_text_colour_reads_against_its_background(key):
    theme = themes.THEMES[key]
    pairs = themes.text_pairs(theme)
    # every lane kind's title and every kind name is checked
    assert len(pairs) >= 9 + len(themes.KINDS) + len(theme.kind_ink)
    low = [
        (what, round(contrast(fg, bg), 2)) for what, fg, bg in pairs if contrast(fg, bg) < theme.min_contrast
    ]
    assert low == []


def test_the_projector_theme_is_high_contrast_thick_and_large():
    p, light = themes.PROJECTOR, themes.LIGHT
    assert p.min_contrast >= 7.0
    assert p.arrow_width > light.arrow_width * 1.5 and p.line_scale >= 2.0
    assert p.arrow_head > 1.0 and p.border_width > light.border_width
    assert themes.text_size_for(p, "standard") == "larger"
    assert themes.text_size_for(p, "projector") == "projector"
    assert themes.text_size_for(light, "standard") == "standard"
    # the contrast helper of style agrees with the test's own
    assert abs(style.contrast_ratio(QColor(p.muted), QColor(p.card)) - contrast(p.muted, p.card)) < 0.01


def test_markers_differ_in_shape_not_only_colour(qapp):
    """Each marker badge covers a different set of pixels (its shape, not its colour)."""
    masks = []
    for kind in style.MARKERS:
        image = QImage(32, 32, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        style.paint_marker(painter, kind, image.rect().toRectF())
        painter.end()
        masks.append(bytes(image.convertToFormat(QImage.Format.Format_Alpha8).constBits()))
    assert len(set(masks)) == len(masks)


def test_a_theme_reaches_the_canvas_and_is_remembered(make_window, settings):
    bp = hotel_blueprint()
    bp.handoffs[0].label = "room key"
    window = make_window(bp)
    assert window.theme() is themes.LIGHT  # the offscreen desktop is not dark
    label = next(h for h in window.scene.handoff_items().values() if h.label_rect().height())
    label_size_light = label.label_rect().height()
    window.window_actions.themes["projector"].trigger()
    assert window.theme() is themes.PROJECTOR
    assert settings.value("view/theme") == "projector"
    assert window.scene.backgroundBrush().color() == QColor(themes.PROJECTOR.canvas)
    # larger type: the canvas shows at least the theme's text size; the choice is kept
    assert window.scene.text_size() == "larger" and window.text_size() == "standard"
    kinds = {lane.id: lane.kind for lane in window.document.blueprint.lanes}
    for header in window.scene.lane_header_items():
        assert header._bg == QColor(themes.PROJECTOR.lanes[kinds[header.lane_id]][2])
    # the arrow labels are larger (the theme's text size), and their pills sized for it
    label = next(h for h in window.scene.handoff_items().values() if h.label_rect().height())
    assert label.label_rect().height() > label_size_light
    assert window.window_actions.themes["projector"].isChecked()

    window.window_actions.themes["dark"].trigger()
    assert window.theme() is themes.DARK
    assert window.scene.text_size() == "standard"
    window.window_actions.themes["system"].trigger()
    assert window.theme() is themes.LIGHT


def test_a_new_window_starts_with_the_remembered_theme(make_window, settings):
    settings.setValue("view/theme", "dark")
    window = make_window(hotel_blueprint())
    assert window.theme() is themes.DARK and window.theme_choice() == "dark"
    assert window.window_actions.themes["dark"].isChecked()
    settings.setValue("view/theme", "no such theme")
    other = make_window(hotel_blueprint())
    assert other.theme_choice() == "system"


def test_system_follows_the_desktop_colour_scheme(make_window):
    window = make_window(hotel_blueprint())
    assert themes.resolve("system", True) is themes.DARK
    assert themes.resolve("system", False) is themes.LIGHT
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop turned dark
    assert window.theme() is themes.DARK
    assert window.scene.backgroundBrush().color() == QColor(themes.DARK.canvas)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window.theme() is themes.LIGHT
    window.set_theme("projector")  # a chosen theme stays whatever the desktop does
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.theme() is themes.PROJECTOR


def pixel(png: bytes, x: int, y: int) -> QColor:
    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    return image.pixelColor(x, y)


def test_exports_in_each_theme(qapp):
    bp = hotel_blueprint()
    assert set(THEME_KEYS) == set(themes.THEMES) == set(EXPORT_THEMES)
    light = render_bytes(bp, ".png", scale=1)
    assert light == render_png_bytes(bp, scale=1)  # light is the default
    dark = render_bytes(bp, ".png", scale=1, theme="dark")
    projector = render_bytes(bp, ".png", scale=1, theme="projector")
    assert pixel(light, 2, 2) == QColor(themes.LIGHT.page)
    assert pixel(dark, 2, 2) == QColor(themes.DARK.page)
    # the projector theme draws at the larger text size: a bigger picture
    assert QImage.fromData(projector, "PNG").width() > QImage.fromData(light, "PNG").width()
    # the export left the canvas' theme alone
    assert style.active_theme() is themes.LIGHT
    svg = render_bytes(bp, ".svg", theme="dark").decode("utf-8")
    assert themes.DARK.phase_bg in svg.lower()
    with pytest.raises(ExportError, match="unknown theme 'neon'"):
        render_bytes(bp, ".png", theme="neon")


def test_cli_export_theme(tmp_path, capsys, qapp):
    from blueprint_editor.cli import main
    from blueprint_editor.core.io import save_path

    src = tmp_path / "hotel.blueprint"
    save_path(hotel_blueprint(), src)
    out = tmp_path / "dark.png"
    assert main(["export", str(src), "-o", str(out), "--scale", "1", "--theme", "dark"]) == 0
    assert out.read_bytes() == render_bytes(hotel_blueprint(), ".png", scale=1, theme="dark")
    assert main(["export", str(src), "-o", str(tmp_path / "x.png"), "--theme", "neon"]) == 2
    err = capsys.readouterr().err
    assert "--theme" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_every_open_window_follows_a_theme_chosen_in_one(make_window):
    first, second = make_window(hotel_blueprint()), make_window(hotel_blueprint())
    first.window_actions.themes["projector"].trigger()
    assert second.theme_choice() == "projector"
    assert second.window_actions.themes["projector"].isChecked()
    assert second.scene.backgroundBrush().color() == QColor(themes.PROJECTOR.canvas)
    assert second.scene.text_size() == "larger"
    for window in (first, second):
        window.window_actions.themes["system"].trigger()
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    for window in (first, second):  # each window's canvas turns dark, not only the first
        assert window.theme() is themes.DARK
        assert window.scene.backgroundBrush().color() == QColor(themes.DARK.canvas)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert second.scene.backgroundBrush().color() == QColor(themes.LIGHT.canvas)


def _shows(png: bytes):
    """A test of whether the picture has a pixel of exactly a colour (``#rrggbb``)."""
    image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format.Format_ARGB32)
    data = bytes(image.constBits())  # B, G, R, A per pixel, rows without padding

    def has(hex_colour: str) -> bool:
        c = QColor(hex_colour)
        pattern = bytes([c.blue(), c.green(), c.red(), 255])
        at = data.find(pattern)
        while at != -1 and at % 4:  # a match across two pixels is not one
            at = data.find(pattern, at + 1)
        return at != -1

    return has


@pytest.mark.parametrize("key", ["light", "dark", "projector"])
def test_votes_and_comment_bubbles_take_the_theme_colours(qapp, key):
    """The marks of a workshop follow the theme (their counts read against their fill:
    see text_pairs): the vote dots and an open question's bubble in this theme's colours,
    and in no other theme's."""
    theme = themes.THEMES[key]
    bp = hotel_blueprint()
    bp.steps[0].votes = 3
    bp.comments.append(Comment(id="q1", target=bp.steps[0].id, kind="question", text="Who owns it?"))
    shows = _shows(render_bytes(bp, ".png", scale=1, theme=key))
    assert shows(theme.vote) and shows(theme.question)
    others = [t for t in themes.THEMES.values() if t is not theme]
    assert not any(shows(t.question) for t in others)
