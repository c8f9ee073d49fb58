"""Presentation mode (F5), full screen (F11) and focus canvas (F10), driven with keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core.model import Column, Phase
from blueprint_editor.qt.app.presentation import MIN_TITLE_PX
from blueprint_editor.qt.canvas import style, themes
from blueprint_editor.qt.canvas.items.step_item import MIN_TEXT_PX
from factories import blueprint_of, hotel_blueprint
from window_driver import activate, key

LONG = (
    "Check the booking against the loyalty programme and the group contract before the guest reaches the desk"
)


@pytest.fixture(autouse=True)
def _light_after():
    yield
    style.use_theme(themes.LIGHT)


def four_column_blueprint():
    """One phase of four columns (long titles, every lane used) and a phase of one."""
    columns = [Column(id=f"col{i}", phase="main" if i <= 4 else "end") for i in range(1, 6)]
    lanes = ("evidence", "customer", "frontstage", "backstage", "support")
    steps = [
        (f"s{lane}{c}", lane, c, {"title": f"{LONG} ({lane} {c})"}) for lane in lanes for c in range(1, 5)
    ]
    steps.append(("last", "customer", 5, {"title": "Leave"}))
    return blueprint_of(
        steps,
        [("scustomer1", "sfrontstage1")],
        lanes=lanes,
        columns=columns,
        phases=[Phase(id="main", title="Main"), Phase(id="end", title="End")],
    )


def editor_state(window):
    view = window.view
    return {
        "state": window.windowState(),
        "geometry": window.geometry(),
        "docks": {d.objectName(): d.isVisible() for d in window.docks()},
        "toolbar": window.toolbar.isVisible(),
        "menu": window.menuBar().isVisible(),
        "status": window.statusBar().isVisible(),
        "zoom": round(view.zoom_factor(), 6),
        "scroll": (view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
        "bars": (view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
        "selection": window.scene.selected_ids(),
    }


def shown_rect(window) -> QRectF:
    """The scene rectangle on screen, less the sticky lane titles and phase band."""
    view, m = window.view, window.scene.layout.metrics
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    return r.adjusted(m.header_width, m.phase_height, 0, 0)


def test_present_steps_through_phases_and_esc_restores_the_editor(make_window, qtbot):
    window = make_window(hotel_blueprint())
    window.view.set_zoom(0.8)
    window.view.horizontalScrollBar().setValue(40)
    window.scene.select_ids(["greet"])
    before = editor_state(window)
    assert any(before["docks"].values()) and before["toolbar"] and before["menu"]

    badges = window.checks_ui.badges
    qtbot.waitUntil(lambda: bool(badges.marked_ids()))  # the hotel has findings
    marked = next(iter(badges.marked_ids()))
    assert badges.badge(marked).isVisible()
    key(window.view, Qt.Key.Key_F5)
    p = window.presentation
    assert p.is_active()
    assert not badges.badge(marked).isVisible() and not badges.halo(marked).isVisible()
    qtbot.waitUntil(lambda: window.isFullScreen())
    screen = window.screen().geometry()
    qtbot.waitUntil(lambda: window.view.viewport().size() == screen.size())
    assert not any(d.isVisible() for d in window.docks())
    assert not window.toolbar.isVisible() and not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert window.view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert window.scene.selected_ids() == []
    # the whole blueprint fits the screen
    whole = window.view.mapFromScene(window.scene.scene_rect_for_export()).boundingRect()
    assert window.view.viewport().rect().contains(whole)

    assert window.view.spotlight() is None
    key(window.view, Qt.Key.Key_PageDown)
    assert p.phase_index == 0
    arrival = window.scene.layout.phases[0]
    # the other phases fade, the lane titles stay clear
    header = window.scene.layout.metrics.header_width
    assert window.view.spotlight() == (arrival.x, arrival.x + arrival.w, header)
    middle = window.view.mapToScene(window.view.viewport().rect().center()).y()
    beyond = window.view.mapFromScene(arrival.x + arrival.w + 20, middle)
    assert window.view.viewport().rect().contains(beyond)
    veiled = window.view.viewport().grab().toImage().pixelColor(beyond)
    window.view.set_spotlight(None)
    clear = window.view.viewport().grab().toImage().pixelColor(beyond)
    assert veiled != clear and veiled.lightness() > clear.lightness()  # faded to the canvas
    p.fit()
    shown = shown_rect(window)
    assert shown.left() <= arrival.x + 1 and arrival.x + arrival.w <= shown.right() + 1
    # the lane titles stay in view: their items sit at the visible left edge
    left = window.view.mapToScene(QPoint(0, 0)).x()
    assert all(abs(item.x() - max(0.0, left)) < 1 for item in window.scene.lane_header_items())
    for _page in p.pages:  # a phase too tall to read whole is shown in pages
        assert p.phase_index == 0
        key(window.view, Qt.Key.Key_Right)
    assert p.phase_index == 1 and p.page == 0
    key(window.view, Qt.Key.Key_End)  # the last page of the last phase
    for _page in p.pages:
        key(window.view, Qt.Key.Key_Right)  # the last phase stays
    assert p.phase_index == 1 and p.page == len(p.pages) - 1
    key(window.view, Qt.Key.Key_Home)
    key(window.view, Qt.Key.Key_PageDown)
    assert p.phase_index == 0
    key(window.view, Qt.Key.Key_Right)
    key(window.view, Qt.Key.Key_PageUp)
    assert p.phase_index == 0
    key(window.view, Qt.Key.Key_End)
    assert p.phase_index == 1
    key(window.view, Qt.Key.Key_Home)
    assert p.phase_index is None

    # editing keys do nothing while presenting
    key(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(window.view, Qt.Key.Key_Delete)
    assert len(window.document.blueprint.steps) == 4
    assert not window.undo_stack.canUndo()

    key(window.view, Qt.Key.Key_Escape)
    assert not p.is_active() and window.view.spotlight() is None
    qtbot.waitUntil(lambda: not window.isFullScreen())
    QApplication.processEvents()
    qtbot.waitUntil(lambda: editor_state(window) == before)
    assert badges.badge(marked).isVisible()


def test_a_click_on_a_card_shows_its_details_large(make_window, qtbot):
    bp = hotel_blueprint()
    bp.steps[0].owner = "Guest"
    bp.steps[0].description = "Arrives by taxi & asks for <help>."
    window = make_window(bp)
    key(window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen())
    QApplication.processEvents()  # fitted to the full screen
    p = window.presentation
    card = window.scene.step_item("arrive")
    at = window.view.mapFromScene(card.sceneBoundingRect().center())
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert p.details.isVisible() and p.details.step_id == "arrive"
    text = p.details.label.text()
    assert "Arrive at hotel" in text and "Guest" in text and "&lt;help&gt;" in text
    assert "Greet guest" in text  # its handoff
    assert p.details.width() >= window.view.viewport().width() // 2
    # the click neither selected nor moved the card
    assert window.scene.selected_ids() == [] and not window.undo_stack.canUndo()
    key(window.view, Qt.Key.Key_Escape)  # Esc closes the details first
    assert not p.details.isVisible() and p.is_active()
    key(window.view, Qt.Key.Key_Escape)
    assert not p.is_active()


def test_a_phase_of_four_columns_at_the_largest_size_shows_every_title_whole(make_window, qtbot):
    window = make_window(four_column_blueprint())
    window.set_text_size("projector")
    key(window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen())
    p = window.presentation
    key(window.view, Qt.Key.Key_PageDown)
    assert p.phase_index == 0
    g = window.scene.layout
    main = [s.id for s in window.document.blueprint.steps if s.id != "last"]
    seen: set[str] = set()
    for _page in range(len(p.pages)):
        assert p.phase_index == 0
        zoom = window.view.zoom_factor()
        # cards drawn in full (their small text at least 7 px) ...
        assert zoom * g.metrics.small_px >= MIN_TEXT_PX
        shown = shown_rect(window)
        for sid in main:
            item = window.scene.step_item(sid)
            if shown.contains(item.sceneBoundingRect()):
                seen.add(sid)
                # ... with the whole title on the card (no "...")
                assert (
                    " ".join(item.title_lines()).replace("- ", "-").split()
                    == window.document.blueprint.steps[main.index(sid)].title.split()
                )
        key(window.view, Qt.Key.Key_PageDown)
    assert seen == set(main)
    assert p.phase_index == 1
    # + and - change the text size in presentation mode, and it is fitted again
    key(window.view, Qt.Key.Key_Minus)
    assert window.text_size() == "larger" and window.scene.text_size() == "larger"
    key(window.view, Qt.Key.Key_Plus)
    assert window.scene.text_size() == "projector"
    assert MIN_TITLE_PX >= MIN_TEXT_PX


def test_f11_toggles_full_screen_and_f10_hides_and_restores_the_panels(make_window, qtbot):
    window = make_window(hotel_blueprint())
    activate(qtbot, window)
    visible = {d.objectName() for d in window.docks() if d.isVisible()}
    assert visible
    key(window.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.isFullScreen())
    key(window.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    key(window.view, Qt.Key.Key_F10)
    assert not any(d.isVisible() for d in window.docks()) and not window.toolbar.isVisible()
    assert window.window_actions.focus_canvas.isChecked()
    key(window.view, Qt.Key.Key_F10)
    assert {d.objectName() for d in window.docks() if d.isVisible()} == visible
    assert window.toolbar.isVisible()


def test_the_shortcuts_dialog_lists_the_screen_keys(make_window):
    window = make_window(hotel_blueprint())
    dialog = window.show_shortcuts()
    rows = {
        dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i).text(1)
        for i in range(dialog.tree.topLevelItemCount())
    }
    assert rows["Present"] == "F5" and rows["Full Screen"] == "F11"
    assert rows["Focus Canvas"] == "F10"
    dialog.close()


def test_closing_while_presenting_remembers_the_editors_layout(make_window, settings, qtbot):
    window = make_window(hotel_blueprint())
    key(window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen())
    window.close()
    assert not window.presentation.is_active()
    window2 = make_window(hotel_blueprint())
    assert window2.layout_restored and not window2.isFullScreen()
    assert any(d.isVisible() for d in window2.docks()) and window2.menuBar().isVisible()
