"""File > Compare With...: the Compare panel and the canvas highlights, driven by real
clicks and keys on the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from blueprint_editor.core.io import from_data, save_path
from blueprint_editor.core.operations import Set
from blueprint_editor.qt.canvas.compare_marks import COLOURS, CompareMark
from factories import hotel_blueprint


def other_version():
    """The hotel as another group drew it: no "Enter room" (so it is added in the open
    one), "Greet guest" one column later (moved), "Check booking" titled differently
    (changed) and a "Leave a tip" step the open one lacks (removed)."""
    data = hotel_blueprint().model_dump(mode="json")
    data["steps"] = [s for s in data["steps"] if s["id"] != "room"]
    data["handoffs"] = [h for h in data["handoffs"] if h["id"] != "h3"]
    for step in data["steps"]:
        if step["id"] == "greet":
            step["column"] = "c2"
        if step["id"] == "check":
            step["title"] = "Check reservation"
    data["steps"].append({"id": "tip", "lane": "customer", "column": "c2", "title": "Leave a tip"})
    return from_data(data)


def click_row(qtbot, panel, kind: str, ident: str) -> None:
    tree = panel.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(0) == kind and item.data(0, Qt.ItemDataRole.UserRole) == ident:
            tree.scrollToItem(item)
            rect = tree.visualItemRect(item)
            assert rect.isValid(), "the row is on screen"
            QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"no row {kind} {ident}: {panel.rows()}")


def card_in_view(window, step_id: str) -> bool:
    view = window.view
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    return shown.contains(window.scene.step_item(step_id).sceneBoundingRect())


def test_compare_with_file_lists_and_highlights(make_window, qtbot, tmp_path):
    window = make_window(hotel_blueprint())
    other = tmp_path / "other-group.blueprint"
    save_path(other_version(), other)
    ui = window.compare_ui
    ui.ask_compare_path = lambda: str(other)
    before = window.document.blueprint.model_dump(mode="json")

    window.window_actions.compare_with.trigger()

    assert ui.dock.isVisible()
    # a tab beside the checks: the window does not grow
    assert ui.dock in window.tabifiedDockWidgets(window.checks_ui.dock)
    assert window.width() == 1200
    legend = ui.panel.legend.text()
    assert all(word in legend for word in ("added", "moved", "changed", "removed"))
    rows = ui.panel.rows()
    assert ("added", "steps", "room") in rows
    assert ("moved", "steps", "greet") in rows
    assert ("changed", "steps", "check") in rows
    assert ("removed", "steps", "tip") in rows
    assert ("added", "handoffs", "h3") in rows
    titles = {ui.panel.tree.topLevelItem(i).text(2) for i in range(len(rows))}
    assert "Check booking \u2192 Enter room" in titles  # the new arrow, named by its ends
    assert "other-group.blueprint" in ui.panel.summary.text()
    # added, moved and changed cards carry their mark; removed ones are only listed
    assert ui.highlight.marked() == {"room": "added", "greet": "moved", "check": "changed"}
    marks = [i for i in window.scene.items() if isinstance(i, CompareMark)]
    assert sorted(m.kind for m in marks) == ["added", "changed", "moved"]
    assert {m.card.step_id for m in marks} == {"room", "greet", "check"}
    assert set(COLOURS) == {"added", "moved", "changed"}
    assert len(set(COLOURS.values())) == 3
    # comparing changes nothing in the document
    assert window.document.blueprint.model_dump(mode="json") == before
    assert not window.files.is_modified()

    # a click on a row selects the card and scrolls to it
    window.view.centerOn(5000, 5000)
    click_row(qtbot, ui.panel, "changed", "check")
    assert window.scene.selected_step_ids() == ["check"]
    assert card_in_view(window, "check")
    # a removed step is not on the canvas: the selection stays, a message says why
    click_row(qtbot, ui.panel, "removed", "tip")
    assert window.scene.selected_step_ids() == ["check"]
    assert "removed" in window.statusBar().currentMessage()

    # Next and Previous step through the rows and select what they name
    steps = [(k, i) for k, c, i in ui.panel.rows() if c == "steps" and k != "removed"]
    click_row(qtbot, ui.panel, *steps[0])
    assert window.scene.selected_step_ids() == [steps[0][1]]
    order = [(k, c, i) for k, c, i in ui.panel.rows()]
    at = order.index((steps[0][0], "steps", steps[0][1]))
    QTest.mouseClick(ui.panel.next_button, Qt.MouseButton.LeftButton)
    assert ui.panel.current_key()[1] == order[(at + 1) % len(order)][2]
    QTest.mouseClick(ui.panel.previous_button, Qt.MouseButton.LeftButton)
    assert ui.panel.current_key()[1] == steps[0][1]
    assert window.scene.selected_step_ids() == [steps[0][1]]

    # closing the panel clears the highlight
    QTest.mouseClick(ui.panel.close_button, Qt.MouseButton.LeftButton)
    assert not ui.dock.isVisible()
    assert ui.highlight.marked() == {}
    assert not [i for i in window.scene.items() if isinstance(i, CompareMark)]
    assert ui.other is None


def test_compare_with_last_saved_follows_edits(make_window, qtbot, tmp_path):
    window = make_window(hotel_blueprint())
    path = tmp_path / "hotel.blueprint"
    assert window.files.save_to(str(path))
    ui = window.compare_ui
    assert window.window_actions.compare_with_saved.isEnabled()
    window.controller.push(Set("steps", "greet", {"title": "Welcome guest"}))

    window.window_actions.compare_with_saved.trigger()
    assert ("changed", "steps", "greet") in ui.panel.rows()
    assert ui.highlight.marked() == {"greet": "changed"}
    assert "last saved version" in ui.panel.summary.text()

    # undo with the keyboard: the comparison follows the document
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.find("steps", "greet").title == "Greet guest"
    qtbot.waitUntil(lambda: ui.panel.rows() == [])
    assert ui.highlight.marked() == {}
    assert ui.panel.summary.text().startswith("Same as")

    # a card moved to another column shows as moved
    window.controller.push(Set("steps", "greet", {"column": "c2"}))
    qtbot.waitUntil(lambda: ui.highlight.marked() == {"greet": "moved"})

    # the dock's own close button ends the comparison too
    ui.dock.close()
    assert ui.highlight.marked() == {}
    assert ui.other is None


def test_compare_with_a_bad_file_says_so(make_window, tmp_path):
    window = make_window(hotel_blueprint())
    bad = tmp_path / "bad.blueprint"
    bad.write_text("{ not json", encoding="utf-8")
    window.compare_ui.ask_compare_path = lambda: str(bad)
    window.window_actions.compare_with.trigger()
    assert len(window.dialogs.errors) == 1
    title, text = window.dialogs.errors[0]
    assert "bad.blueprint" in text
    assert not window.compare_ui.dock.isVisible()
    assert window.compare_ui.highlight.marked() == {}


def test_never_saved_has_no_last_saved_version(make_window):
    window = make_window(hotel_blueprint())
    assert not window.window_actions.compare_with_saved.isEnabled()
