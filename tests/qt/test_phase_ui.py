"""Phases by clicking column headers, Insert > Phase, the column menu and dragging a
phase's edge: real mouse and key events on the window; the document keeps every phase
one run of columns."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blueprint_editor.core.model import check_references
from canvas_driver import Canvas
from factories import six_column_blueprint
from window_driver import CTRL, SHIFT


def header(window, column: str) -> QPointF:
    g = window.scene.layout
    return QPointF(g.column_left[column] + g.metrics.column_width / 2, g.grid_top / 2)


def phase_edge(window, phase: str, side: str) -> QPointF:
    span = next(s for s in window.scene.layout.phases if s.phase == phase)
    x = span.x if side == "left" else span.x + span.w
    return QPointF(x, window.scene.layout.grid_top / 2)


def boundary(window, after_column: str) -> QPointF:
    g = window.scene.layout
    return QPointF(g.column_left[after_column] + g.metrics.column_width, g.grid_top / 2)


def shown(window):
    window.view.fit_all()
    QApplication.processEvents()
    return window


def phase_runs(window) -> dict[str, list[str]]:
    bp = window.document.blueprint
    check_references(bp)
    titles = {p.id: p.title for p in bp.phases}
    runs: dict[str, list[str]] = {}
    for c in bp.columns:
        if c.phase is not None:
            runs.setdefault(titles[c.phase], []).append(c.id)
    return runs


def choose_in_menu(window, pos: QPointF, text: str) -> None:
    """Right-click ``pos`` and click the entry ``text`` of the menu that opens."""
    clicked = []

    def exec_menu(menu, at):
        def click():
            action = next(a for a in menu.actions() if a.text() == text)
            QTest.mouseClick(
                menu,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                menu.actionGeometry(action).center(),
            )
            clicked.append(text)

        QTimer.singleShot(0, click)
        menu.exec(at)

    window.scene.actions.exec_menu = exec_menu
    viewport = window.view.viewport()
    at = window.view.mapFromScene(pos)
    QTest.mouseClick(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at)
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at))
    )
    assert clicked == [text]


def insert_phase_from_menu(window, qtbot) -> None:
    """Insert > Phase... through the menu, by keyboard."""
    insert = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Insert")
    insert.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(insert.isVisible)
    QTest.keyClick(insert, Qt.Key_P)


def test_two_phases_over_six_columns_in_a_few_clicks(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    m = Canvas.of_window(window)
    m.click(header(window, "c1"))
    m.click(header(window, "c3"), SHIFT)
    assert window.phase_ui.columns == ["c1", "c2", "c3"]
    assert window.phase_ui.marks.isVisible()
    window.dialogs.text_answers.append("Before")
    insert_phase_from_menu(window, qtbot)
    assert window.dialogs.texts_asked[-1][0] == "New phase"
    assert phase_runs(window) == {"Before": ["c1", "c2", "c3"]}
    assert "columns 1\u20133" in window.statusBar().currentMessage()

    m.click(header(window, "c4"))
    m.click(header(window, "c6"), SHIFT)
    window.dialogs.text_answers.append("During")
    choose_in_menu(window, header(window, "c5"), "Group 3 columns into a new phase\u2026")
    assert phase_runs(window) == {"Before": ["c1", "c2", "c3"], "During": ["c4", "c5", "c6"]}
    assert [p.title for p in window.document.blueprint.phases] == ["Before", "During"]
    assert window.undo_stack.count() == 2


def test_ctrl_click_toggles_and_a_click_elsewhere_lets_go(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    m = Canvas.of_window(window)
    m.click(header(window, "c2"))
    m.click(header(window, "c4"), CTRL)
    assert window.phase_ui.columns == ["c2", "c4"]
    m.click(header(window, "c2"), CTRL)
    assert window.phase_ui.columns == ["c4"]
    m.click(m.cell_center("support", "c5"))
    assert window.phase_ui.columns == [] and not window.phase_ui.marks.isVisible()


def test_chosen_columns_far_apart_group_their_run(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    m = Canvas.of_window(window)
    m.click(header(window, "c2"))
    m.click(header(window, "c4"), CTRL)
    window.dialogs.text_answers.append("Middle")
    insert_phase_from_menu(window, qtbot)
    assert phase_runs(window) == {"Middle": ["c2", "c3", "c4"]}


def test_selected_steps_do_not_make_insert_phase_group_their_columns(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    window.scene.select_ids(["s5", "s6"])
    window.dialogs.text_answers.append("After")
    insert_phase_from_menu(window, qtbot)
    cols = window.document.blueprint.columns
    assert len(cols) == 7 and phase_runs(window) == {"After": [cols[-1].id]}


def test_insert_phase_with_nothing_chosen_adds_a_named_column_at_the_end(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    window.dialogs.text_answers.append("Follow-up")
    insert_phase_from_menu(window, qtbot)
    cols = window.document.blueprint.columns
    assert len(cols) == 7 and phase_runs(window) == {"Follow-up": [cols[-1].id]}
    window.dialogs.text_answers.append(None)  # cancelled: nothing happens
    insert_phase_from_menu(window, qtbot)
    assert len(window.document.blueprint.columns) == 7 and window.undo_stack.count() == 1


def test_columns_join_the_phase_on_either_side(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    m = Canvas.of_window(window)
    m.click(header(window, "c3"))
    m.click(header(window, "c4"), SHIFT)
    window.dialogs.text_answers.append("Core")
    insert_phase_from_menu(window, qtbot)
    choose_in_menu(window, header(window, "c2"), "Add column to the phase on its right")
    choose_in_menu(window, header(window, "c5"), "Add column to the phase on its left")
    assert phase_runs(window) == {"Core": ["c2", "c3", "c4", "c5"]}


def test_a_group_that_would_split_a_phase_is_refused_with_its_reason(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    m = Canvas.of_window(window)
    m.click(header(window, "c1"))
    m.click(header(window, "c5"), SHIFT)
    window.dialogs.text_answers.append("Long")
    insert_phase_from_menu(window, qtbot)
    m.click(header(window, "c3"))
    window.dialogs.text_answers.append("Inner")
    insert_phase_from_menu(window, qtbot)
    assert phase_runs(window) == {"Long": ["c1", "c2", "c3", "c4", "c5"]}
    assert "split" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 1


def test_dragging_a_phase_edge_grows_and_shrinks_it_in_one_undo_entry(make_window, qtbot):
    window = shown(make_window(six_column_blueprint()))
    m = Canvas.of_window(window)
    m.click(header(window, "c2"))
    m.click(header(window, "c3"), SHIFT)
    window.dialogs.text_answers.append("Core")
    insert_phase_from_menu(window, qtbot)
    phase = window.document.column("c2").phase
    # hovering the edge shows a sizing cursor
    m.move(phase_edge(window, phase, "right"), buttons=Qt.MouseButton.NoButton)
    assert window.view.viewport().cursor().shape() == Qt.CursorShape.SplitHCursor
    m.drag(phase_edge(window, phase, "right"), boundary(window, "c5"))
    assert phase_runs(window) == {"Core": ["c2", "c3", "c4", "c5"]}
    assert window.undo_stack.count() == 2 and window.undo_stack.undoText() == "Resize phase"
    m.drag(phase_edge(window, phase, "left"), boundary(window, "c3"))
    assert phase_runs(window) == {"Core": ["c4", "c5"]}
    # no step moved: the drag only moved the phase's edges
    assert [s.column for s in window.document.blueprint.steps] == [f"c{i}" for i in range(1, 7)]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert phase_runs(window) == {"Core": ["c2", "c3"]}
