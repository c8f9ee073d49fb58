"""File > Compare With...: the open blueprint against another file or its last saved
version, as a list (the Compare panel) and as highlights on the canvas.

:class:`CompareUi` keeps the other version (a :class:`Blueprint`, never edited) and the
label naming it; the diff is recomputed from the document a moment after each edit, so
list and highlights follow the work. Closing the panel forgets the other version and
clears the highlights. The file dialog is the hook :meth:`CompareUi.ask_compare_path`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog

from blueprint_editor.core.diff import Diff, diff
from blueprint_editor.core.io import load_path
from blueprint_editor.core.model import Blueprint
from blueprint_editor.qt.app.checks_wiring import focus_elements
from blueprint_editor.qt.canvas.compare_marks import PRIORITY, CompareHighlight
from blueprint_editor.qt.editing.document_signals import document_signals
from blueprint_editor.qt.files.controller import ALL_FILTER, FILE_FILTER
from blueprint_editor.qt.panels.compare import ComparePanel

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.app.main_window import MainWindow

#: wait this long after the last edit before comparing again
REDIFF_MS = 300


def step_kinds(result: Diff) -> dict[str, str]:
    """Step id -> the kind its card shows (added before moved before changed)."""
    kinds: dict[str, str] = {}
    for change in result.changes:
        if change.collection != "steps" or change.kind not in PRIORITY:
            continue
        known = kinds.get(change.id)
        if known is None or PRIORITY.index(change.kind) < PRIORITY.index(known):
            kinds[change.id] = change.kind
    return kinds


def handoff_names(*blueprints: Blueprint) -> dict[str, str]:
    """Handoff id -> "source → target" by the steps' titles (the later blueprint wins)."""
    names: dict[str, str] = {}
    for bp in blueprints:
        titles = {s.id: s.title for s in bp.steps}
        for h in bp.handoffs:
            names[h.id] = f"{titles.get(h.source, h.source)} \u2192 {titles.get(h.target, h.target)}"
    return names


class CompareUi(QObject):
    def __init__(self, window: MainWindow, beside: QDockWidget | None = None):
        super().__init__(window)
        self.window = window
        #: the version compared against and its name, while a comparison is shown
        self.other: Blueprint | None = None
        self.against = ""
        self.diff: Diff | None = None
        self.highlight = CompareHighlight(window.scene)
        self.panel = ComparePanel()
        self.dock = QDockWidget("Compare", window)
        self.dock.setObjectName("compareDock")
        self.dock.setWidget(self.panel)
        window.add_dock(self.dock, Qt.DockWidgetArea.BottomDockWidgetArea, visible=False)
        #: the dock the panel opens as a tab beside (the checks), so the window keeps its width
        self.beside = beside
        self._rediff = QTimer(self)
        self._rediff.setSingleShot(True)
        self._rediff.setInterval(REDIFF_MS)
        self._rediff.timeout.connect(self.refresh)
        document_signals(window.document).changed.connect(self._document_changed)
        self.panel.activated.connect(self.focus)
        self.panel.closeRequested.connect(self.close)
        # checked while the dock is open (not merely its tab shown): its close button and
        # View > Panels uncheck it
        self.dock.toggleViewAction().toggled.connect(self._dock_toggled)
        window.files.opened.connect(self.close_for_open)

    # ------------------------------------------------------------------ dialog hook
    def ask_compare_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Compare with",
            self.window.files.last_dir or str(Path.home()),
            f"{FILE_FILTER};;{ALL_FILTER}",
        )
        return path or None

    # ------------------------------------------------------------------ commands
    def compare_with(self, path: str | None = None) -> bool:
        """Compare with the blueprint in ``path`` (or one the user picks)."""
        if path is None:
            path = self.ask_compare_path()
            if not path:
                return False
        try:
            other = load_path(path)
        except (ValueError, OSError) as exc:
            self.window.files.show_error("Cannot compare", f"{path}: {exc}")
            return False
        return self.show(other, Path(path).name)

    def compare_with_saved(self) -> bool:
        """Compare with the file as it is on disk (the last saved version)."""
        path = self.window.files.path
        if path is None:
            self.window.show_message("This blueprint was never saved: nothing to compare with")
            return False
        try:
            other = load_path(path)
        except (ValueError, OSError) as exc:
            self.window.files.show_error("Cannot compare", f"{path}: {exc}")
            return False
        return self.show(other, f"the last saved version of {Path(path).name}")

    def show(self, other: Blueprint, against: str) -> bool:
        self.other, self.against = other, against
        self.refresh()
        beside = self.beside
        if (
            beside is not None
            and beside.isVisible()
            and not beside.isFloating()
            and self.dock not in self.window.tabifiedDockWidgets(beside)
        ):
            self.window.tabifyDockWidget(beside, self.dock)
        self.dock.show()
        self.dock.raise_()
        if not self.dock.isFloating():  # room for a few rows of changes
            self.window.resizeDocks(
                [self.dock], [max(self.dock.height(), self.window.height() // 3)], Qt.Orientation.Vertical
            )
        return True

    def refresh(self) -> None:
        """Compare again (the document changed) and redraw list and highlights."""
        self._rediff.stop()
        if self.other is None:
            return
        self.diff = diff(self.other, self.window.document.blueprint)
        self.panel.set_diff(
            self.diff, self.against, handoff_names(self.other, self.window.document.blueprint)
        )
        self.highlight.set_kinds(step_kinds(self.diff))

    def close(self) -> None:
        """Forget the other version, clear the highlights, hide the panel."""
        self._rediff.stop()
        self.other, self.diff, self.against = None, None, ""
        self.highlight.clear()
        self.dock.hide()

    def focus(self, collection: str, ident: str) -> None:
        """Select the step or handoff of a row and scroll to it."""
        scene, view = self.window.scene, self.window.view
        if collection == "steps" and scene.step_item(ident) is not None:
            focus_elements(scene, view, steps=(ident,))
        elif collection == "handoffs" and scene.handoff_item(ident) is not None:
            focus_elements(scene, view, handoffs=(ident,))
        elif self.diff is not None:
            kind = next((c.kind for c in self.diff.changes if c.id == ident), "")
            self.window.show_message(
                "Not on the canvas: it was removed" if kind == "removed" else "Not a card: listed only"
            )

    # ------------------------------------------------------------------ slots
    def close_for_open(self, _path: str) -> None:
        """Another blueprint was opened: the comparison was about the one before."""
        if self.other is not None:
            self.close()

    def _document_changed(self, _events) -> None:
        if self.other is not None:
            self._rediff.start()

    def _dock_toggled(self, shown: bool) -> None:
        # the dock's own close button (or View > Panels) ends the comparison too
        if not shown and self.other is not None:
            self.close()


def install_compare(window: MainWindow, beside: QDockWidget | None = None) -> CompareUi:
    """The Compare panel (hidden until File > Compare With...), tabbed with ``beside``."""
    return CompareUi(window, beside)
