"""The canvas view: zoom, pan, sticky headers, level of detail, palette icons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from blueprint_editor.core import edits
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.panels.palette import PRESETS, preset_icon
from factories import row_blueprint


def test_zoom_in_out_reset_and_fit(canvas):
    view = canvas.view
    seen = []
    view.zoomChanged.connect(seen.append)
    view.zoom_in()
    assert view.zoom_factor() == 1.25
    view.zoom_out()
    view.zoom_out()
    assert abs(view.zoom_factor() - 0.8) < 1e-9
    view.reset_zoom()
    assert view.zoom_factor() == 1.0
    assert seen[-1] == 1.0 and len(seen) == 4
    for _ in range(40):
        view.zoom_in()
    assert view.zoom_factor() == 4.0  # clamped


def test_fit_all_shows_the_whole_blueprint(make_canvas):
    c = make_canvas(row_blueprint(30))
    c.view.fit_all()
    assert c.view.zoom_factor() < 1.0
    content = c.scene.scene_rect_for_export()
    assert c.view.visible_scene_rect().adjusted(-1, -1, 1, 1).contains(content)


def test_ctrl_wheel_zooms_around_the_cursor(canvas):
    view = canvas.view
    anchor = canvas.card_center("desk")
    at = QPointF(canvas.vp(anchor))
    event = QWheelEvent(
        at,
        QPointF(view.viewport().mapToGlobal(at.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom_factor() > 1.3
    after = view.mapToScene(at.toPoint())
    assert abs(after.x() - anchor.x()) < 3 and abs(after.y() - anchor.y()) < 3


def test_lane_titles_stick_to_the_left_edge_when_scrolling(make_canvas):
    c = make_canvas(row_blueprint(30))
    c.view.horizontalScrollBar().setValue(900)
    left = c.view.visible_scene_rect().left()
    assert left > 800
    for header in c.scene.lane_header_items():
        assert header.x() == left
    c.view.horizontalScrollBar().setValue(0)
    assert all(h.x() == 0 for h in c.scene.lane_header_items())
    # the sticky offset never changes the document or the export rectangle
    assert c.stack.count() == 0
    assert c.scene.scene_rect_for_export().left() == 0


def test_phase_band_sticks_to_the_top_when_scrolling_down(make_canvas):
    bp = row_blueprint(4)
    c = make_canvas(bp)
    c.view.resize(600, 250)
    for k in range(4):
        c.controller.push(edits.add_step(c.doc, "support", "c0", f"Tall {k}"))
    c.view.verticalScrollBar().setValue(200)
    top = c.view.visible_scene_rect().top()
    assert top > 100
    assert c.scene.sticky_offset()[1] == top


def test_middle_button_pans(canvas):
    view = canvas.view
    view.resize(500, 300)
    view.scroll_to_origin()
    start = QPointF(300, 200)
    canvas.press(view.mapToScene(start.toPoint()), Qt.MouseButton.MiddleButton)
    from PySide6.QtGui import QMouseEvent

    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(200, 120),
        QPointF(view.viewport().mapToGlobal(QPoint(200, 120))),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.MiddleButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), move)
    canvas.release(view.mapToScene(QPoint(200, 120)), Qt.MouseButton.MiddleButton)
    assert view.horizontalScrollBar().value() == 100
    assert view.verticalScrollBar().value() == 80
    assert canvas.scene.selected_ids() == [] and canvas.stack.count() == 0


def test_space_drag_pans_instead_of_selecting(canvas):
    view = canvas.view
    view.resize(500, 300)
    view.scroll_to_origin()
    QApplication.sendEvent(
        view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    )
    a = view.mapToScene(QPoint(300, 200))
    canvas.drag(a, view.mapToScene(QPoint(250, 200)), steps=1)
    QApplication.sendEvent(
        view, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    )
    assert view.horizontalScrollBar().value() == 50
    assert canvas.stack.count() == 0


def _render(scene, rect, scale):
    img = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32)
    img.fill(0xFFFFFFFF)
    p = QPainter(img)
    scene.render(p, img.rect().toRectF(), rect)
    p.end()
    return img


def test_far_zoom_draws_plain_cards(canvas):
    """Zoomed out, a card is one flat block: no text pixels inside it."""
    scene = canvas.scene
    scene.clearSelection()
    card = scene.step_item("greet").scene_card_rect()
    near = _render(scene, card, 1.0)
    far = _render(scene, card, 0.25)
    colours_near = {near.pixel(x, y) for x in range(20, int(card.width()) - 10, 3) for y in range(10, 40, 3)}
    colours_far = {far.pixel(x, y) for x in range(3, far.width() - 3) for y in range(3, far.height() - 3)}
    assert len(colours_near) > 5  # title text on white
    assert len(colours_far) <= 2  # one plain block


def test_palette_icons_and_style_badges_draw(qapp):
    style.load_fonts()
    assert style.load_fonts() == style.FONT_FAMILY  # idempotent
    for _name, _fields, badge, _tip in PRESETS:
        assert not preset_icon(badge).isNull()
    assert style.format_duration(90) == "1 h 30 min"
    assert style.format_duration(5) == "5 min"
    assert style.format_duration(None) == ""


def test_dragging_a_card_to_the_edge_scrolls_and_the_card_follows(make_canvas):
    c = make_canvas(row_blueprint(30))
    view = c.view
    view.resize(700, 500)
    view.scroll_to_origin()
    item = c.scene.step_item("s1")
    a = c.card_center("s1")
    c.press(a)
    edge = view.mapToScene(QPoint(view.viewport().width() - 5, int(c.vp(a).y())))
    c.move(QPointF((a.x() + edge.x()) / 2, a.y()))
    c.move(edge)
    before_scroll, before_x = view.horizontalScrollBar().value(), item.x()
    assert view.autoscroll_step() and view.autoscroll_step()
    assert view.horizontalScrollBar().value() > before_scroll
    assert item.x() > before_x  # the card moved with the canvas
    end = view.mapToScene(QPoint(view.viewport().width() - 5, int(c.vp(a).y())))
    c.release(end)
    assert c.doc.step("s1").column == c.scene.layout.column_at(end.x())
    assert c.stack.count() == 1
