"""The validation runner: debounced, one validator run per burst of edits."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QUndoStack

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.editing.checks_runner import ChecksRunner
from blueprint_editor.qt.editing.undo import EditController


class CountingValidator:
    """Reports one finding per step titled "bad"; counts its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, bp):
        self.calls += 1
        return [
            SimpleNamespace(code="bad-title", severity="warning", message="bad", steps=(s.id,), handoffs=())
            for s in bp.steps
            if s.title == "bad"
        ]


def make(qtbot, delay_ms=200):
    doc = Document(new_blueprint())
    stack = QUndoStack()
    controller = EditController(doc, stack)
    validator = CountingValidator()
    runner = ChecksRunner(doc, validator=validator, delay_ms=delay_ms)
    return doc, stack, controller, validator, runner


def test_many_edits_in_a_row_run_the_validator_once(qtbot):
    doc, _stack, controller, validator, runner = make(qtbot)
    for i in range(25):
        controller.push(edits.add_step(doc, "frontstage", "c1", f"step {i}"))
    # the timer cannot fire while this code runs: nothing has been validated yet
    assert validator.calls == 0
    assert runner.pending
    with qtbot.waitSignal(runner.findingsChanged, timeout=5000) as blocker:
        pass
    assert validator.calls == 1
    assert runner.runs == 1
    assert blocker.args == [[]]
    assert not runner.pending


def test_findings_follow_the_document_and_undo(qtbot):
    doc, stack, controller, validator, runner = make(qtbot)
    controller.push(edits.add_step(doc, "customer", "c1", "bad"))
    with qtbot.waitSignal(runner.findingsChanged, timeout=5000) as blocker:
        pass
    assert [f.steps for f in blocker.args[0]] == [("s1",)]
    assert [f.steps for f in runner.findings] == [("s1",)]

    controller.push(edits.set_fields(doc, "steps", "s1", title="fine"))
    with qtbot.waitSignal(runner.findingsChanged, timeout=5000) as blocker:
        pass
    assert blocker.args == [[]]

    stack.undo()
    with qtbot.waitSignal(runner.findingsChanged, timeout=5000) as blocker:
        pass
    assert [f.code for f in blocker.args[0]] == ["bad-title"]
    assert validator.calls == 3


def test_run_now_validates_at_once_and_cancels_the_pending_run(qtbot):
    doc, _stack, controller, validator, runner = make(qtbot)
    controller.push(edits.add_step(doc, "customer", "c1", "bad"))
    assert runner.pending and runner.runs == 0
    with qtbot.waitSignal(runner.findingsChanged, timeout=1000):
        findings = runner.run_now()
    assert [f.steps for f in findings] == [("s1",)]
    assert not runner.pending
    assert validator.calls == 1
    assert runner.runs == 1 and runner.last_duration_ms > 0.0  # measured, not the initial 0


def test_a_failing_validator_reports_and_keeps_the_old_findings(qtbot):
    doc = Document(new_blueprint())

    def broken(_bp):
        raise RuntimeError("boom")

    runner = ChecksRunner(doc, validator=broken)
    runner.findings = ["old"]
    with qtbot.waitSignal(runner.failed, timeout=1000) as blocker:
        runner.run_now()
    assert "boom" in blocker.args[0]
    assert runner.findings == ["old"]


def test_detach_stops_listening(qtbot):
    doc, _stack, controller, validator, runner = make(qtbot)
    runner.detach()
    controller.push(edits.add_step(doc, "customer", "c1", "bad"))
    assert not runner.pending
