"""Every key sequence of the window belongs to one action (Qt fires none of two that share
one: an ambiguous shortcut does nothing)."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QAction, QKeySequence


def test_no_two_actions_of_the_window_share_a_shortcut(window):
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                owners[key].append(action.text().replace("&", ""))
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}
    assert "Ctrl+Shift+V" in owners and "Ctrl+Shift+D" in owners
