"""Say what went when a lane or a column is deleted with its steps, and how to undo it.

Deleting a lane (or a column) takes its steps and their handoffs along. That is one undo
entry, but on a projector nobody sees five cards vanish off-screen, so the window's status
bar says it: "Deleted lane “Support processes” with 5 steps and 3 handoffs. Undo:
Ctrl+Z". The notice listens to the document's events (a deletion by any path: context
menu, redo), keeping the lane titles and column numbers it needs to name what went (they
are gone once the event arrives); it keeps them up to date only when lanes or columns
change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from blueprint_editor.core.document import Document
from blueprint_editor.qt.editing.document_signals import document_signals

#: how long the notice stays in the status bar (longer than a plain message)
NOTICE_MS = 15000


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def describe(what: str, steps: int, handoffs: int, undo_keys: str) -> str:
    """``Deleted lane “Notes” with 2 steps and 1 handoff. Undo: Ctrl+Z``."""
    gone = _plural(steps, "step") + (f" and {_plural(handoffs, 'handoff')}" if handoffs else "")
    return (
        f"Deleted {what} with {gone}. Undo: {undo_keys}"
        if undo_keys
        else f"Deleted {what} with {gone}. Edit > Undo brings them back."
    )


class DeletionNotice(QObject):
    """Status-bar notice of a lane or column deleted with steps in ``window``."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document: Document = window.document
        self._lane_titles: dict[str, str] = {}
        self._column_numbers: dict[str, int] = {}
        #: the last notice shown (tests and the status bar history read it)
        self.last = ""
        self._remember()
        document_signals(self.document).changed.connect(self._on_events)

    def _remember(self) -> None:
        bp = self.document.blueprint
        self._lane_titles = {lane.id: lane.title for lane in bp.lanes}
        self._column_numbers = {c.id: i + 1 for i, c in enumerate(bp.columns)}

    def _on_events(self, events) -> None:
        lanes, columns, steps, handoffs = [], [], 0, 0
        structure = False
        for e in events:
            if e.action == "reset" or e.collection in ("lanes", "columns"):
                structure = True
            if e.action != "delete":
                continue
            if e.collection == "lanes":
                lanes.append(e.id)
            elif e.collection == "columns":
                columns.append(e.id)
            elif e.collection == "steps":
                steps += 1
            elif e.collection == "handoffs":
                handoffs += 1
        if steps and (lanes or columns):
            self._notify(lanes, columns, steps, handoffs)
        if structure:
            self._remember()

    def _notify(self, lanes: list[str], columns: list[str], steps: int, handoffs: int) -> None:
        parts = [f"lane \u201c{self._lane_titles.get(i, i)}\u201d" for i in lanes]
        parts += [f"column {self._column_numbers.get(i, '?')}" for i in columns]
        keys = self.window.window_actions.undo.shortcut()
        text = describe(
            " and ".join(parts), steps, handoffs, keys.toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.last = text
        self.window.show_message(text, NOTICE_MS)
