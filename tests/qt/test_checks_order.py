"""The checks list puts the serious findings first, shows several rows, and a blank
blueprint opens without findings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from blueprint_editor.core.document import Document
from blueprint_editor.core.model import Step, new_blueprint
from blueprint_editor.core.validate import validate, validate_in_editor
from blueprint_editor.qt.editing.checks_runner import ChecksRunner
from blueprint_editor.qt.panels.checks_panel import ChecksPanel
from factories import lone_steps_blueprint


def severities(panel) -> list[str]:
    return [f.severity for f in panel.visible_findings()]


def test_severity_first_by_default_and_place_by_choice(qtbot):
    doc = Document(lone_steps_blueprint())
    panel = ChecksPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_findings(ChecksRunner(doc).run_now())
    by_place = validate(doc.blueprint)
    assert by_place[0].code == "empty-column"  # the validator lists by place
    shown = severities(panel)
    assert shown == sorted(shown, key=["error", "warning", "info"].index)
    assert shown[0] == "warning" and shown[-1] == "info"
    # within one severity, by place
    assert [f for f in panel.visible_findings() if f.severity == "info"] == [
        f for f in by_place if f.severity == "info"
    ]

    panel.sort_box.setFocus()
    QTest.keyClick(panel.sort_box, Qt.Key_Down)  # the "Place" choice
    assert panel.sort_order() == "place"
    assert panel.visible_findings() == by_place
    QTest.keyClick(panel.sort_box, Qt.Key_Up)
    assert severities(panel)[0] == "warning"


def test_a_blank_blueprint_has_no_findings_in_the_editor_until_its_first_step():
    assert validate_in_editor(new_blueprint()) == []
    assert [f.code for f in validate(new_blueprint(columns=2))] == ["empty-column"] * 2
    bp = new_blueprint()
    bp.steps.append(Step(id="s", lane="evidence", column="c1", title="Sign"))
    assert [f.code for f in validate_in_editor(bp)] == ["empty-column"] * 3


def test_file_new_opens_without_findings_and_the_list_shows_rows(make_window, qtbot):
    window = make_window(lone_steps_blueprint())
    window.resize(1280, 720)
    window.default_layout()
    qtbot.wait(50)
    ui = window.checks_ui
    tree = ui.panel.tree
    model = ui.panel.model
    assert model.rowCount() >= 6
    whole = [
        i
        for i in range(model.rowCount())
        if tree.viewport().rect().contains(tree.visualRect(model.index(i, 0)))
    ]
    assert len(whole) >= 4, (tree.viewport().height(), [tree.sizeHintForRow(i) for i in range(6)])

    QTest.keyClick(window.view, Qt.Key_N, Qt.KeyboardModifier.ControlModifier)
    ui.runner.run_now()
    assert ui.panel.visible_findings() == []
    assert ui.summary == "No problems found"


def test_a_long_list_comes_in_batches_as_it_is_scrolled(qtbot):
    """Rows of wrapped text are measured one by one: the list gets a batch at a time
    (more as it is scrolled to its end) and a row is handed over before it is shown."""
    bp = new_blueprint(columns=40)
    bp.steps.extend(
        Step(id=f"s{i}", lane="customer", column=c.id, title=f"Step {i}") for i, c in enumerate(bp.columns)
    )
    doc = Document(bp)
    panel = ChecksPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    panel.set_findings(validate(doc.blueprint))
    everything = len(panel.visible_findings())
    assert everything > 3 * panel.model.BATCH
    given = panel.model.rowCount()
    assert panel.model.BATCH <= given < everything
    # the last step's finding is handed to the view when it is asked for
    late = panel.index_for("s39")
    assert late.isValid() and late.row() >= given
    assert "Step 39" in late.data()
    assert panel.model.rowCount() == late.row() + 1

    fresh = ChecksPanel(doc)
    qtbot.addWidget(fresh)
    fresh.resize(700, 300)
    fresh.show()
    fresh.set_findings(validate(doc.blueprint))
    bar = fresh.tree.verticalScrollBar()
    for _ in range(20):  # scrolled to the end, the list fetches the next batch
        bar.setValue(bar.maximum())
        qtbot.wait(5)
    assert fresh.model.rowCount() == everything
    assert [r[4] for r in fresh.model.rows] == fresh.visible_findings()

    # End in a list given a batch only: the last finding, not the batch's last row
    third = ChecksPanel(doc)
    qtbot.addWidget(third)
    third.resize(700, 300)
    third.show()
    third.set_findings(validate(doc.blueprint))
    assert third.model.rowCount() < everything
    third.tree.setFocus()
    QTest.keyClick(third.tree, Qt.Key_Home)
    QTest.keyClick(third.tree, Qt.Key_End)
    assert third.tree.currentIndex().row() == everything - 1
