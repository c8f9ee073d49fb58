"""Live findings: the panel, the canvas badges and clicking a finding."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.app.checks_wiring import install_checks, install_inspector
from blueprint_editor.qt.canvas.checks_badges import CheckBadges
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.canvas.view import BlueprintView
from blueprint_editor.qt.editing.checks_runner import ChecksRunner
from blueprint_editor.qt.editing.undo import EditController
from blueprint_editor.qt.panels.checks_panel import ChecksPanel
from canvas_driver import Canvas
from factories import findings_blueprint


class Harness(QMainWindow):
    """What the window helper's MainWindow offers the wiring: document, controller,
    scene, view, docks and a status bar."""

    def __init__(self, blueprint: Blueprint):
        super().__init__()
        self.document = Document(blueprint)
        self.undo_stack = QUndoStack(self)
        self.controller = EditController(self.document, self.undo_stack, self)
        self.scene = BlueprintScene(self.document, self.controller)  # no Qt parent, as in
        # MainWindow: it outlives the view and the panels that follow it
        self.view = BlueprintView(self.scene)
        self.setCentralWidget(self.view)
        self.inspector_ui = install_inspector(self)
        self.checks_ui = install_checks(self, self.inspector_ui.inspector)

    def add_dock(self, dock, area):
        self.addDockWidget(area, dock)
        return dock


@pytest.fixture
def window(qtbot):
    w = Harness(findings_blueprint())
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def codes_for(findings, ident):
    return sorted(f.code for f in findings if ident in f.steps or ident in f.handoffs)


def wait_for_checks(qtbot, runner):
    with qtbot.waitSignal(runner.findingsChanged, timeout=5000):
        pass


def test_start_up_shows_findings_in_the_panel_the_canvas_and_the_status_bar(window):
    ui = window.checks_ui
    panel = ui.panel
    assert codes_for(panel.findings, "greet") == ["frontstage-unsupported"]
    assert codes_for(panel.findings, "prepare") == ["backstage-purposeless", "isolated-step"]
    # one row per finding, each with an icon and the validator's message
    assert panel.model.rowCount() == len(panel.findings) > 0
    row = panel.index_for("greet")
    assert not row.data(Qt.DecorationRole).isNull()
    assert "Greet guest" in row.data() and row.data() == panel.findings_for("greet")[0].message
    assert row.siblingAtColumn(1).data() == "Front-stage actions, column 1"
    # the canvas marks the step, with the message as tooltip
    badge = ui.badges.badge("greet")
    assert badge is not None and badge.parentItem() is window.scene.step_item("greet")
    assert "Greet guest" in ui.badges.tooltip_at(badge.scenePos())
    assert ui.badges.badge("card") is None  # nothing wrong with the key card
    # the status bar counts them
    counts = panel.counts()
    assert ui.summary == panel.summary()
    assert f"{counts['warning']} warnings" in ui.summary


def test_connecting_front_stage_to_back_stage_clears_its_finding(window, qtbot):
    ui = window.checks_ui
    assert ui.badges.badge("greet") is not None
    window.controller.push(edits.connect(window.document, "greet", "prepare"))
    wait_for_checks(qtbot, ui.runner)
    assert codes_for(ui.panel.findings, "greet") == []
    assert not ui.panel.index_for("greet").isValid()
    assert codes_for(ui.panel.findings, "prepare") == []
    assert ui.badges.badge("greet") is None
    assert ui.badges.badge("prepare") is None
    # no badge child is left on the card
    assert window.scene.step_item("greet").childItems() == []
    # undo brings the finding back, on the same card
    window.undo_stack.undo()
    wait_for_checks(qtbot, ui.runner)
    assert codes_for(ui.panel.findings, "greet") == ["frontstage-unsupported"]
    assert ui.badges.badge("greet").parentItem() is window.scene.step_item("greet")


def test_a_visibility_breach_marks_the_arrow(window, qtbot):
    ui = window.checks_ui
    window.controller.push(edits.connect(window.document, "arrive", "prepare"))
    wait_for_checks(qtbot, ui.runner)
    hid = window.document.blueprint.handoffs[-1].id
    assert codes_for(ui.panel.findings, hid) == ["visibility-breach"]
    badge = ui.badges.badge(hid)
    assert badge is not None and badge.parentItem() is window.scene.handoff_item(hid)
    assert "visibility" in ui.badges.tooltip_at(badge.scenePos())
    window.controller.push(edits.delete_elements(window.document, [hid]))
    wait_for_checks(qtbot, ui.runner)
    assert ui.badges.badge(hid) is None


def test_badges_survive_a_document_reset(window, qtbot):
    ui = window.checks_ui
    old_item = window.scene.step_item("greet")
    window.document.replace(findings_blueprint())
    wait_for_checks(qtbot, ui.runner)
    new_item = window.scene.step_item("greet")
    assert new_item is not old_item
    assert ui.badges.badge("greet").parentItem() is new_item


def click_row(tree, index):
    rect = tree.visualRect(index)
    QTest.mouseClick(tree.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def view_centre(view):
    return view.mapToScene(view.viewport().rect().center())


def test_clicking_a_finding_selects_and_centres_its_step(window, qtbot):
    ui = window.checks_ui
    window.resize(700, 520)
    qtbot.wait_until(lambda: window.view.viewport().width() < 600, timeout=2000)
    window.view.centerOn(0, 0)
    target = window.scene.step_item("audit").sceneBoundingRect().center()
    before = view_centre(window.view)
    assert abs(before.x() - target.x()) > 200  # the step is out of the middle
    row = ui.panel.index_for("audit")
    ui.panel.tree.scrollTo(row)
    click_row(ui.panel.tree, row)
    assert window.scene.selected_step_ids() == ["audit"]
    after = view_centre(window.view)
    assert abs(after.x() - target.x()) < 3 and abs(after.y() - target.y()) < 3
    # the inspector follows the selection
    assert window.inspector_ui.inspector.current_form is window.inspector_ui.inspector.step_form
    assert window.inspector_ui.inspector.step_form.ident == "audit"


def test_clicking_an_empty_column_finding_scrolls_to_that_column(window, qtbot):
    ui = window.checks_ui
    window.resize(700, 520)
    qtbot.wait_until(lambda: window.view.viewport().width() < 600, timeout=2000)
    window.scene.select_ids(["greet"])
    window.view.centerOn(0, 0)
    rows = ui.panel.model.rows
    (i,) = [k for k, row in enumerate(rows) if row[4].message.startswith("Column 7 ")]
    assert rows[i][3] == "Column 7"  # the Where column names it
    index = ui.panel.model.index(i, 0)
    ui.panel.tree.scrollTo(index)
    before = view_centre(window.view)
    target = window.scene.layout.column_rect("c7")
    middle = target.x + target.w / 2
    assert abs(before.x() - middle) > 200
    click_row(ui.panel.tree, index)
    after = view_centre(window.view)
    assert abs(after.x() - middle) < 3
    assert abs(after.y() - before.y()) < 3  # only sideways: the lanes stay where they were
    assert window.scene.selected_ids() == []


def test_severity_filter_hides_rows_and_the_summary_counts(qtbot):
    doc = Document(findings_blueprint())
    runner = ChecksRunner(doc)
    panel = ChecksPanel(doc)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.summaryChanged, timeout=1000) as blocker:
        panel.set_findings(runner.run_now())
    assert blocker.args == [panel.summary()]
    shown = panel.visible_findings()
    assert any(f.severity == "warning" for f in shown)
    panel.set_filter("warning", False)
    assert panel.visible_findings() == [f for f in shown if f.severity != "warning"]
    panel.set_filter("warning", True)
    assert panel.visible_findings() == shown


def test_badges_follow_findings_without_a_window(qtbot):
    doc = Document(findings_blueprint())
    stack = QUndoStack()
    controller = EditController(doc, stack)
    scene = BlueprintScene(doc, controller)
    runner = ChecksRunner(doc)
    badges = CheckBadges(scene, doc)
    runner.findingsChanged.connect(badges.set_findings)
    runner.run_now()
    assert {"greet", "prepare", "audit"} <= badges.marked_ids()
    controller.push(edits.delete_elements(doc, ["audit"]))
    runner.run_now()
    assert "audit" not in badges.marked_ids()


def test_connecting_with_the_canvas_gesture_clears_the_badge(window, qtbot):
    ui = window.checks_ui
    scene, view = window.scene, window.view
    view.centerOn(scene.step_item("greet"))
    scene.set_connect_mode(True)
    m = Canvas.of_window(window)
    m.drag(m.card_center("greet"), m.card_center("prepare"))
    handoffs = window.document.blueprint.handoffs
    assert [(h.source, h.target) for h in handoffs[1:]] == [("greet", "prepare")]
    wait_for_checks(qtbot, ui.runner)
    assert ui.badges.badge("greet") is None
    assert not ui.panel.index_for("greet").isValid()


def test_the_main_window_has_the_checks_and_the_inspector(qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDockWidget, QToolButton

    from blueprint_editor.qt.app.main_window import MainWindow
    from blueprint_editor.qt.files import controller as file_controller

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(findings_blueprint(), settings=settings)
    qtbot.addWidget(w)
    w.files.ask_unsaved_changes = lambda: file_controller.DISCARD
    docks = {d.objectName(): d for d in w.findChildren(QDockWidget)}
    assert w.dockWidgetArea(docks["findingsDock"]) == Qt.BottomDockWidgetArea
    assert w.dockWidgetArea(docks["inspectorDock"]) == Qt.RightDockWidgetArea
    status = w.statusBar().findChild(QToolButton, "findingsStatus")
    assert status.text() == w.checks_ui.panel.summary() != "No problems found"
    docks["findingsDock"].hide()
    QTest.mouseClick(status, Qt.LeftButton)
    assert not docks["findingsDock"].isHidden()  # the counter opens the checks
    w.controller.push(edits.connect(w.document, "greet", "prepare"))
    wait_for_checks(qtbot, w.checks_ui.runner)
    assert status.text() == w.checks_ui.panel.summary()
    assert w.checks_ui.badges.badge("greet") is None


def test_an_arrow_badge_follows_a_card_while_it_is_dragged(window, qtbot):
    ui = window.checks_ui
    scene, view = window.scene, window.view
    window.controller.push(edits.connect(window.document, "arrive", "prepare"))
    wait_for_checks(qtbot, ui.runner)
    hid = window.document.blueprint.handoffs[-1].id
    arrow = scene.handoff_item(hid)
    halo = ui.badges.halo(hid)
    badge = ui.badges.badge(hid)

    def marks_follow() -> bool:
        """The halo's bounds hold the arrow's line; the symbol sits by its label."""
        line = arrow.mapToScene(arrow.line_path()).boundingRect()
        label = (
            arrow.mapToScene(arrow.label_rect()).boundingRect() if not arrow.label_rect().isEmpty() else None
        )
        near = badge.scenePos() - (label.center() if label else arrow.mapToScene(arrow.midpoint()))
        return halo.sceneBoundingRect().contains(line) and near.manhattanLength() < 60

    assert marks_follow()
    view.centerOn(scene.step_item("prepare"))
    old_route = arrow.line_path()
    m = Canvas.of_window(window)
    start = m.card_center("prepare")
    m.press(start)
    for k in range(1, 6):
        m.move(QPointF(start.x() + 30 * k, start.y() + 25 * k))
    assert arrow.line_path() != old_route  # the drag re-routed the arrow (no document change)
    qtbot.waitUntil(marks_follow, timeout=2000)
    m.release(QPointF(start.x() + 150, start.y() + 125))


def test_hovering_a_marked_card_shows_its_problems(window, qtbot):
    ui = window.checks_ui
    scene = window.scene
    card = scene.step_item("greet").scene_card_rect()
    text = ui.badges.tooltip_at(card.center())
    assert text.startswith("Greet guest")  # the card's own tooltip first
    assert ui.panel.findings_for("greet")[0].message in text
    # the badge on the corner says the same
    assert ui.badges.tooltip_at(card.topLeft() + QPointF(2, 2)) == text
    assert ui.badges.tooltip_at(scene.step_item("card").scene_card_rect().center()) is None
    window.controller.push(edits.connect(window.document, "greet", "prepare"))
    wait_for_checks(qtbot, ui.runner)
    assert ui.badges.tooltip_at(card.center()) is None


def test_an_arrow_glow_is_redrawn_when_its_route_changes_inside_the_same_bounds(window, qtbot):
    """The glow along a marked arrow is drawn once into a pixmap; a new route with the
    same bounds (the middle track moved) must not leave the old glow on screen."""
    from blueprint_editor.core.routing import Route
    from blueprint_editor.core.validate import Finding

    ui, scene, view = window.checks_ui, window.scene, window.view
    hid = window.document.blueprint.handoffs[0].id
    arrow = scene.handoff_item(hid)
    ui.badges.set_findings([Finding("test", "error", "a test finding", handoffs=(hid,))])
    view.reset_zoom()
    start = arrow.mapToScene(arrow.line_path().pointAtPercent(0.0))
    x0, y0 = start.x(), start.y()

    def route(track: float) -> Route:
        return Route(((x0, y0), (x0, y0 + track), (x0 + 120, y0 + track), (x0 + 120, y0 + 100)))

    def reddish_at(track: float) -> bool:
        image = view.viewport().grab().toImage()
        p = view.mapFromScene(QPointF(x0 + 95, y0 + track + 4))  # beside the line, in the glow
        c = image.pixelColor(p)
        return c.red() > max(c.green(), c.blue()) + 12  # the error's red glow over a lane

    arrow.reroute(route(50.0), "", None, False)
    scene.arrowsRerouted.emit([hid])
    view.centerOn(QPointF(x0 + 60, y0 + 50))
    qtbot.waitUntil(lambda: reddish_at(50.0), timeout=2000)
    bounds = arrow.boundingRect()
    arrow.reroute(route(20.0), "", None, False)
    assert arrow.boundingRect() == bounds  # the same bounds, another route
    scene.arrowsRerouted.emit([hid])
    qtbot.waitUntil(lambda: reddish_at(20.0), timeout=2000)
    assert not reddish_at(50.0)
