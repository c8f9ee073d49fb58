"""The workshop tools of one window: the "Questions and actions" and "Most voted" docks,
vote mode (toolbar and View menu), step numbers and the channel filter (View menu), and
"Add question / action / note" in the context menus of steps and handoffs.

The window builds one :class:`WorkshopUi` (``window.workshop_ui``); the canvas side of
these tools is ``scene.workshop`` (:mod:`blueprint_editor.qt.canvas.workshop_marks`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from blueprint_editor.core.model import CHANNELS, COMMENT_KINDS
from blueprint_editor.qt.app.icons import icon
from blueprint_editor.qt.canvas.channel_icons import NAMES as CHANNEL_NAMES
from blueprint_editor.qt.canvas.channel_icons import channel_icon
from blueprint_editor.qt.panels.comments_panel import CommentsPanel
from blueprint_editor.qt.panels.votes_panel import VotesPanel


class WorkshopUi(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        scene = self.scene = window.scene
        self.comments = CommentsPanel(window.document, window.controller, scene)
        self.comments.message.connect(window.show_message)
        self.comments_dock = window.add_dock(
            self.comments, Qt.DockWidgetArea.BottomDockWidgetArea, "Questions and actions", "commentsDock"
        )
        self.votes = VotesPanel(window.document, scene)
        self.votes_dock = window.add_dock(
            self.votes, Qt.DockWidgetArea.BottomDockWidgetArea, "Most voted", "votesDock"
        )
        window.tabifyDockWidget(self.comments_dock, self.votes_dock)
        self.comments_dock.raise_()

        self.vote_mode = QAction(icon("vote"), "&Vote mode", window)
        self.vote_mode.setObjectName("voteMode")
        self.vote_mode.setCheckable(True)
        self.vote_mode.setShortcut("Ctrl+Shift+D")
        self.vote_mode.setToolTip(
            "Vote mode: click a card to add a dot vote, right-click to take one away (Ctrl+Shift+D)"
        )
        self.vote_mode.toggled.connect(self._vote_mode)
        window.addAction(self.vote_mode)
        window.toolbar.addSeparator()
        window.toolbar.addAction(self.vote_mode)

        self.numbers = QAction("Step &numbers", window)
        self.numbers.setObjectName("stepNumbers")
        self.numbers.setCheckable(True)
        self.numbers.setToolTip("Number the steps phase.column.position (for example 2.3.1)")
        self.numbers.toggled.connect(scene.workshop.set_numbers)

        self.channel_menu = QMenu("Filter by &channel", window)
        group = QActionGroup(self.channel_menu)
        self.channel_actions: dict[str | None, QAction] = {}
        for channel in (None, *CHANNELS):
            text = "All channels" if channel is None else CHANNEL_NAMES[channel]
            action = QAction(text, self.channel_menu)
            if channel is not None:
                action.setIcon(channel_icon(channel))
            action.setCheckable(True)
            action.setChecked(channel is None)
            action.triggered.connect(lambda _checked=False, c=channel: self.filter_channel(c))
            group.addAction(action)
            self.channel_menu.addAction(action)
            self.channel_actions[channel] = action

        view = window.window_actions.view_menu
        assert view is not None, "build_menus() makes the View menu"
        view.addSeparator()
        view.addActions([self.numbers, self.vote_mode])
        view.addMenu(self.channel_menu)
        scene.contextMenuAboutToShow.connect(self.extend_menu)

    def share_area_with(self, dock) -> None:
        """Put the two docks in tabs beside ``dock`` (the checks), which stays in front."""
        self.window.tabifyDockWidget(dock, self.comments_dock)
        self.window.tabifyDockWidget(self.comments_dock, self.votes_dock)
        dock.raise_()

    def _vote_mode(self, on: bool) -> None:
        self.scene.workshop.set_vote_mode(on)
        if on:
            self.window.show_message("Vote mode: click a card to add a vote, right-click to take one away")

    def filter_channel(self, channel: str | None) -> None:
        self.scene.workshop.set_channel_filter(channel)
        self.channel_actions[channel].setChecked(True)

    def extend_menu(self, menu: QMenu, kind: str, ids) -> None:
        """Steps and handoffs get "Add question / action / note"."""
        if kind not in ("step", "handoff") or len(ids) != 1:
            return
        menu.addSeparator()
        for comment_kind in COMMENT_KINDS:
            action = QAction(f"Add {comment_kind}\u2026", menu)
            action.setObjectName(f"menuAdd_{comment_kind}")
            action.triggered.connect(lambda _checked=False, k=comment_kind, t=ids[0]: self.add_comment(k, t))
            menu.addAction(action)

    def add_comment(self, kind: str, target: str) -> str | None:
        """A new comment on ``target``, typed in the dock (shown if it was hidden)."""
        self.comments_dock.show()
        self.comments_dock.raise_()
        return self.comments.add(kind, target)
