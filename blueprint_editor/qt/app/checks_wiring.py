"""Put the live checks and the inspector into the main window.

``MainWindow`` calls, once its document, controller, scene and view exist::

    self.inspector_ui = install_inspector(self)                 # right dock
    self.checks_ui = install_checks(self, self.inspector_ui.inspector)  # bottom dock

The window is the :class:`~blueprint_editor.qt.app.main_window.MainWindow` (its
``document``, ``controller``, ``scene``, ``view``, ``add_dock`` and status bar).
Everything created here is parented to the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QToolButton

from blueprint_editor.qt.canvas.checks_badges import CheckBadges
from blueprint_editor.qt.canvas.checks_style import (
    count_by_severity,
    ok_icon,
    severity_icon,
    summary_text,
    worst,
)
from blueprint_editor.qt.editing.checks_runner import ChecksRunner
from blueprint_editor.qt.panels.checks_panel import ChecksPanel
from blueprint_editor.qt.panels.inspector import Inspector

#: the checks and the inspector docks can be closed, moved and floated
DOCK_FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetClosable
    | QDockWidget.DockWidgetFeature.DockWidgetMovable
    | QDockWidget.DockWidgetFeature.DockWidgetFloatable
)

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.app.main_window import MainWindow


def focus_elements(scene, view, steps=(), handoffs=()) -> bool:
    """Select the handoffs (or, if none, the steps) and centre the view on them."""
    ids = list(handoffs) or list(steps)
    items = [scene.handoff_item(h) for h in handoffs] or [scene.step_item(s) for s in steps]
    items = [item for item in items if item is not None]
    if not items:
        return False
    scene.select_ids(ids)
    rect = QRectF()
    for item in items:
        rect = rect.united(item.sceneBoundingRect())
    view.centerOn(rect.center())
    return True


class ChecksUi(QObject):
    """The live checks in a window: runner, findings dock, badges, status bar counter."""

    def __init__(self, window: MainWindow, inspector: Inspector | None = None):
        super().__init__(window)
        self.window = window
        doc = window.document
        self.runner = ChecksRunner(doc, self)
        self.panel = ChecksPanel(doc)
        self.dock = QDockWidget("Checks", window)
        self.dock.setObjectName("findingsDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(DOCK_FEATURES)
        window.add_dock(self.dock, Qt.DockWidgetArea.BottomDockWidgetArea)
        # the side panels run full height; the checks sit under the canvas only
        window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.badges = CheckBadges(window.scene, doc)

        self.status_button = QToolButton(window)
        self.status_button.setObjectName("findingsStatus")
        self.status_button.setAutoRaise(True)
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status_button.setIconSize(QSize(16, 16))
        self.status_button.setToolTip("Show the checks")
        self.status_button.clicked.connect(self.show_panel)
        window.statusBar().addPermanentWidget(self.status_button)

        self.runner.findingsChanged.connect(self.panel.set_findings)
        self.runner.findingsChanged.connect(self.badges.set_findings)
        self.runner.findingsChanged.connect(self._update_status)
        self.runner.failed.connect(lambda msg: window.statusBar().showMessage(msg, 8000))
        if inspector is not None:
            self.runner.findingsChanged.connect(inspector.set_findings)
        self.panel.activated.connect(self.focus)
        self.panel.columnActivated.connect(self.focus_column)
        self.runner.run_now()

    @property
    def summary(self) -> str:
        return self.status_button.text()

    def focus(self, steps: tuple, handoffs: tuple) -> None:
        focus_elements(self.window.scene, self.window.view, steps, handoffs)

    def focus_column(self, column_id: str) -> None:
        """Clear the selection and scroll the column (an empty one) to the middle of the
        view, keeping the lanes in view where they are."""
        scene, view = self.window.scene, self.window.view
        if column_id not in scene.layout.column_left:
            return
        rect = scene.layout.column_rect(column_id)
        scene.clearSelection()
        middle = view.mapToScene(view.viewport().rect().center())
        view.centerOn(rect.x + rect.w / 2, middle.y())

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def preferred_dock_height(self) -> int:
        """The dock's height in the window's default layout: the panel's wish plus the
        dock's title bar."""
        title = self.dock.style().pixelMetric(self.dock.style().PixelMetric.PM_TitleBarHeight)
        return self.panel.preferred_height() + title

    def _update_status(self, findings) -> None:
        counts = count_by_severity(findings)
        self.status_button.setText(summary_text(counts))
        self.status_button.setIcon(severity_icon(worst(findings)) if findings else ok_icon())


class InspectorUi(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.inspector = Inspector(window.document, window.controller, window.scene)
        self.dock = QDockWidget("Inspector", window)
        self.dock.setObjectName("inspectorDock")
        self.dock.setWidget(self.inspector)
        self.dock.setFeatures(DOCK_FEATURES)
        window.add_dock(self.dock, Qt.DockWidgetArea.RightDockWidgetArea)
        window.scene.contextMenuAboutToShow.connect(self._add_menu_actions)

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def _add_menu_actions(self, menu, what: str, ids) -> None:
        """A "Properties" entry in the canvas' context menus opens the inspector on it."""
        ids = list(ids or ())
        target = None
        if what == "lane" and ids:
            target = lambda: self.inspector.show_lane(ids[0])  # noqa: E731
        elif what in ("step", "handoff") and len(ids) == 1:
            target = lambda: None  # noqa: E731 - the selection already shows it
        elif what == "canvas":
            target = self.inspector.show_blueprint
        if target is None:
            return
        chosen = target

        def show_properties(*_args: object) -> None:
            chosen()
            self.show_panel()

        menu.addSeparator()
        action = menu.addAction("Properties…")
        action.triggered.connect(show_properties)


def install_inspector(window: MainWindow) -> InspectorUi:
    return InspectorUi(window)


def install_checks(window: MainWindow, inspector: Inspector | None = None) -> ChecksUi:
    return ChecksUi(window, inspector)
