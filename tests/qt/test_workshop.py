"""The workshop tools in the window: vote mode, the vote dots, the Questions and actions
dock, comment badges, channels (inspector, icon, filter) and step numbers, driven with
real mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from blueprint_editor.core.model import Comment, Lane
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.workshop_marks import DIMMED
from blueprint_editor.qt.export.render import render_png_bytes
from blueprint_editor.qt.panels.comments_panel import COL_DONE, COL_TEXT
from canvas_driver import Canvas
from factories import canvas_blueprint

RIGHT = Qt.MouseButton.RightButton


def commented_blueprint():
    bp = canvas_blueprint()
    bp.comments = [
        Comment(id="q1", target="arrive", kind="question", text="Who parks the car?"),
        Comment(id="a1", target="h2", kind="action", text="Time the ID check", done=True),
        Comment(id="n1", target=None, kind="note", text="Workshop of 3 March"),
    ]
    return bp


def test_vote_mode_click_adds_a_dot_right_click_takes_one_away(make_window):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    window.workshop_ui.vote_mode.trigger()
    at = canvas.card_center("arrive")
    canvas.click(at)
    canvas.click(at)
    assert canvas.doc.step("arrive").votes == 2
    assert window.scene.workshop.shown("arrive")[2] == 2
    canvas.press(at, RIGHT)
    canvas.release(at, RIGHT)
    assert canvas.doc.step("arrive").votes == 1
    assert window.undo_stack.count() == 3  # one undo entry per vote
    window.undo_stack.undo()
    assert canvas.doc.step("arrive").votes == 2
    assert window.workshop_ui.votes.step_ids() == ["arrive"]
    # the card did not move and was not dragged by the clicks
    canvas.assert_mirrors()
    window.workshop_ui.vote_mode.trigger()  # off: a click selects again
    canvas.click(canvas.card_center("greet"))
    assert canvas.doc.step("greet").votes == 0
    assert window.scene.selected_step_ids() == ["greet"]


def test_most_voted_lists_steps_by_votes_and_a_click_goes_there(make_window, qtbot):
    bp = canvas_blueprint()
    bp.steps[2].votes = 5  # greet
    bp.steps[0].votes = 2  # arrive
    window = make_window(bp)
    panel = window.workshop_ui.votes
    assert panel.step_ids() == ["greet", "arrive"]
    window.workshop_ui.votes_dock.raise_()
    qtbot.waitUntil(panel.list.isVisible)
    rect = panel.list.visualItemRect(panel.list.item(1))
    QTest.mouseClick(
        panel.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )
    assert window.scene.selected_step_ids() == ["arrive"]


def test_dock_lists_filters_ticks_off_and_goes_to_the_target(make_window, qtbot):
    window = make_window(commented_blueprint())
    panel = window.workshop_ui.comments
    tree = panel.tree
    qtbot.waitUntil(tree.isVisible)
    assert tree.topLevelItemCount() == 3
    panel.show_done.click()  # hide the done ones
    assert [c.id for c in panel.visible_comments()] == ["q1", "n1"]
    assert tree.topLevelItemCount() == 2
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("question"))
    assert tree.topLevelItemCount() == 1
    row = tree.topLevelItem(0)
    # a click on the text goes to the step
    QTest.mouseClick(
        tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        tree.visualItemRect(row).center(),
    )
    assert window.scene.selected_step_ids() == ["arrive"]
    # Space ticks it off: one undo entry; hidden now (done ones are hidden)
    tree.setFocus()
    tree.setCurrentItem(row, COL_DONE)
    QTest.keyClick(tree.viewport(), Qt.Key.Key_Space)
    assert window.document.comment("q1").done is True
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 0)  # rebuilt after the key's event
    window.undo_stack.undo()
    assert window.document.comment("q1").done is False
    assert tree.topLevelItemCount() == 1


def test_add_a_question_on_the_selected_step_and_type_it(make_window, qtbot):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    canvas.click(canvas.card_center("desk"))
    panel = window.workshop_ui.comments
    qtbot.waitUntil(panel.isVisible)
    panel.add_buttons["question"].click()
    (comment,) = window.document.blueprint.comments
    assert (comment.target, comment.kind, comment.text) == ("desk", "question", "")
    editor = panel.tree.viewport().findChild(QLineEdit)  # the text opened for typing
    assert editor is not None and editor.isVisible()
    QTest.keyClicks(editor, "Who signs?")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the editor's text queued
    qtbot.waitUntil(lambda: window.document.comment(comment.id).text == "Who signs?")
    assert window.undo_stack.undoText() == "Edit comment"
    assert window.scene.workshop.shown("desk")[3] == "1"  # the badge counts the open question
    panel.tree.setCurrentItem(panel.row_of(comment.id), COL_TEXT)
    panel.remove_button.click()
    assert window.document.blueprint.comments == []
    assert window.scene.workshop.shown("desk")[3] == ""


def test_a_handoff_with_comments_gets_a_badge_at_its_arrow(make_window):
    window = make_window(commented_blueprint())
    workshop = window.scene.workshop
    badges = [i for i in window.scene.items() if type(i).__name__ == "CommentBadge"]
    assert [b.handoff_id for b in badges] == ["h2"]
    arrow = window.scene.handoff_item("h2").sceneBoundingRect().adjusted(-2, -2, 2, 2)
    assert arrow.contains(badges[0].pos())
    window.workshop_ui.comments.add("note", "h1")
    badges = sorted(b.handoff_id for b in window.scene.items() if type(b).__name__ == "CommentBadge")
    assert badges == ["h1", "h2"]
    assert workshop.shown("arrive")[3] == "1"


def test_channel_chosen_in_the_inspector_is_drawn_and_filtered(make_window, qtbot):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    canvas.click(canvas.card_center("greet"))
    form = window.inspector_ui.inspector.step_form
    combo = form.workshop.channel_combo
    qtbot.waitUntil(combo.isVisible)
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # None -> In person
    assert window.document.step("greet").channel == "in-person"
    assert window.scene.workshop.shown("greet")[1] == "in-person"
    window.workshop_ui.channel_actions["in-person"].trigger()
    assert window.scene.step_item("greet").opacity() == 1.0
    assert window.scene.step_item("arrive").opacity() == DIMMED
    window.workshop_ui.channel_actions[None].trigger()
    assert window.scene.step_item("arrive").opacity() == 1.0


def test_step_numbers_switch_from_the_view_menu(make_window):
    window = make_window(canvas_blueprint())
    marks = window.scene.workshop.shown
    assert marks("desk2")[0] == ""
    window.workshop_ui.numbers.trigger()
    assert marks("desk2")[0] == "1.2.3"
    assert marks("prep")[0] == "2.1.1"
    window.workshop_ui.numbers.trigger()
    assert marks("prep")[0] == ""


def _has_colour(image: QImage, colour, tolerance: int = 8) -> bool:
    for y in range(0, image.height(), 1):
        for x in range(0, image.width(), 1):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) <= tolerance
                and abs(c.green() - colour.green()) <= tolerance
                and abs(c.blue() - colour.blue()) <= tolerance
            ):
                return True
    return False


def test_exports_draw_the_vote_dots(qapp):
    bp = canvas_blueprint()
    plain = QImage.fromData(render_png_bytes(bp, scale=0.5))
    bp.steps[0].votes = 3
    voted = QImage.fromData(render_png_bytes(bp, scale=0.5))
    assert not _has_colour(plain, style.VOTE)
    assert _has_colour(voted, style.VOTE)


def test_vote_clicks_outside_cards_do_nothing(make_window):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    window.workshop_ui.vote_mode.trigger()
    empty = canvas.cell_center("evidence", "c4")
    canvas.click(QPointF(empty))
    assert all(s.votes == 0 for s in window.document.blueprint.steps)


def test_column_titles_show_in_a_band_and_a_double_click_edits_them(make_window):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    scene = window.scene
    assert scene.layout.title_band == 0  # no titles: no band
    top_before = scene.layout.lane_top["evidence"]
    scene.actions.ask_text = lambda title, label, current: "Minute 0"
    scene.actions.rename_column("c1")  # the column's menu entry
    assert window.document.column("c1").title == "Minute 0"
    assert scene.layout.title_band > 0
    assert scene.layout.lane_top["evidence"] == top_before + scene.layout.title_band
    titles = scene.workshop.column_titles
    band = titles.places["c3"]
    scene.actions.ask_text = lambda title, label, current: "  Evening  "
    canvas.double_click(band.center())
    assert window.document.column("c3").title == "Evening"
    assert window.undo_stack.undoText() == "Rename column"
    canvas.assert_mirrors()
    assert titles.title_lines() == ["Minute 0", "Evening"]
    # a long title is never cut: it wraps inside its column and the band grows for it
    one_line = scene.layout.title_band
    long_title = "Arrival at the front desk of the hotel, with luggage and the children"
    scene.actions.ask_text = lambda title, label, current: long_title
    canvas.double_click(band.center())
    lines = scene.layout.column_lines["c3"]
    assert len(lines) > 1 and " ".join(lines) == long_title
    assert " ".join(titles.title_lines()) == "Minute 0 " + long_title
    assert scene.layout.title_band >= one_line + (len(lines) - 1) * scene.metrics.column_title_line
    assert scene.layout.lane_top["evidence"] == top_before + scene.layout.title_band
    width = scene.metrics.column_width
    assert all(
        scene.metrics.measure(line, scene.metrics.column_title_px, True) <= width - 16 for line in lines
    )
    scene.actions.ask_text = lambda title, label, current: ""  # empty: no title
    canvas.double_click(titles.places["c1"].center())
    canvas.double_click(titles.places["c3"].center())
    assert [c.title for c in window.document.blueprint.columns] == ["", "", "", ""]
    assert scene.layout.title_band == 0


def test_dragging_a_face_of_the_emotion_curve_changes_the_emotion(make_window):
    bp = canvas_blueprint()
    bp.lanes.insert(2, Lane(id="feel", kind="emotion", title="Emotion"))
    bp.steps[1].emotion = -1  # checkin, c2
    window = make_window(bp)
    canvas = Canvas.of_window(window)
    (item,) = window.scene.workshop.curves
    point = item.curve.points[1]
    assert (point.column, point.value) == ("c2", -1.0)
    start = QPointF(point.x, point.y)
    canvas.drag(start, QPointF(point.x, item.curve.top + 2))  # up to the top: +2
    assert window.document.step("checkin").emotion == 2
    assert window.undo_stack.count() == 1
    (item,) = window.scene.workshop.curves
    assert item.curve.points[1].y == item.curve.top  # the curve follows
    window.undo_stack.undo()
    assert window.document.step("checkin").emotion == -1
    canvas.drag(start, QPointF(point.x + 3, point.y + 2))  # a small move: nothing changes
    assert window.undo_stack.count() == 1 and window.undo_stack.index() == 0


def test_exports_show_step_numbers_when_asked(qapp):
    from blueprint_editor.qt.export.render import render_svg_bytes

    bp = canvas_blueprint()
    assert b"1.2.3" not in render_svg_bytes(bp)
    numbered = render_svg_bytes(bp, numbers=True)
    assert b"1.2.3" in numbered and b"2.1.1" in numbered


def test_phase_header_tooltip_shows_the_phase_totals(make_window):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    header = next(h for h in window.scene.phase_header_items() if h.phase_id == "arrival")
    assert "1 fail point" in header.toolTip() and "0 open questions" in header.toolTip()
    canvas.click(canvas.card_center("desk2"))
    window.workshop_ui.comments.add("question")  # on the selected step, in phase 1
    header = next(h for h in window.scene.phase_header_items() if h.phase_id == "arrival")
    assert "Arrival" in header.toolTip() and "1 open question" in header.toolTip()


def test_inspector_lists_adds_and_ticks_off_the_steps_comments(make_window, qtbot):
    window = make_window(commented_blueprint())
    canvas = Canvas.of_window(window)
    canvas.click(canvas.card_center("arrive"))
    fields = window.inspector_ui.inspector.step_form.workshop
    qtbot.waitUntil(fields.comment_list.isVisible)
    assert [fields.comment_list.item(i).text() for i in range(fields.comment_list.count())] == [
        "Who parks the car?"
    ]
    fields.add_question.click()
    editor = fields.comment_list.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    QTest.keyClicks(editor, "Valet?")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: [c.text for c in window.document.comments_of("arrive")] == ["Who parks the car?", "Valet?"]
    )
    first = fields.comment_list.item(0)
    rect = fields.comment_list.visualItemRect(first)
    fields.comment_list.setCurrentItem(first)
    fields.comment_list.setFocus()
    QTest.keyClick(fields.comment_list.viewport(), Qt.Key.Key_Space)
    assert window.document.comment("q1").done is True
    assert fields.comment_list.item(0).checkState() == Qt.CheckState.Checked
    assert rect.isValid()
    # the dock shows the same list
    assert window.workshop_ui.comments.tree.topLevelItemCount() == 4


def test_context_menu_of_a_handoff_adds_an_action(make_window):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    chosen = []

    def exec_menu(menu, at):
        for action in menu.actions():
            if action.text() == "Add action\u2026":
                chosen.append(action.text())
                action.trigger()

    window.scene.actions.exec_menu = exec_menu
    arrow = window.scene.handoff_item("h1")
    path = arrow.mapToScene(arrow.line_path())
    at = canvas.vp(path.pointAtPercent(0.5))
    QApplication.sendEvent(
        canvas.viewport,
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, canvas.viewport.mapToGlobal(at)),
    )
    assert chosen == ["Add action\u2026"]
    (comment,) = window.document.blueprint.comments
    assert (comment.target, comment.kind) == ("h1", "action")
    assert [b.handoff_id for b in window.scene.items() if type(b).__name__ == "CommentBadge"] == ["h1"]
