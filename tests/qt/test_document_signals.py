"""The Qt adapter of the document: consumers follow ``document_signals(doc).changed``;
Qt drops deleted receivers; a listener's error is loud and never leaves the canvas out of
step with the document."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from blueprint_editor.core import edits
from blueprint_editor.qt.canvas.items import StepItem
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.editing.document_signals import DocumentSignals, document_signals


def test_one_adapter_per_document_relays_each_change_once(canvas):
    adapter = document_signals(canvas.doc)
    assert isinstance(adapter, DocumentSignals) and document_signals(canvas.doc) is adapter
    heard = []
    adapter.changed.connect(heard.append)
    canvas.double_click(canvas.cell_center("support", "c4"))  # a new step, one edit
    assert len(heard) == 1 and [e.action for e in heard[0]] == ["insert"]
    assert heard[0][0].id in {s.id for s in canvas.doc.blueprint.steps}


def test_a_deleted_scene_stops_listening_by_itself(canvas, qtbot):
    other = BlueprintScene(canvas.doc, canvas.controller)
    other.deleteLater()
    with qtbot.waitSignal(other.destroyed):
        pass
    QApplication.processEvents()
    with qtbot.capture_exceptions() as errors:
        canvas.double_click(canvas.cell_center("support", "c4"))
    assert errors == []
    assert len(canvas.doc.blueprint.steps) == 8
    canvas.assert_mirrors()


def test_a_failing_refresh_is_loud_and_the_canvas_is_rebuilt_from_the_document(canvas, qtbot, monkeypatch):
    real_refresh = StepItem.refresh
    failures = []

    def refresh_failing_once(item, step, *layout):
        if step.title == "New step" and not failures:
            failures.append(step.id)
            raise RecursionError("maximum recursion depth exceeded")
        real_refresh(item, step, *layout)

    monkeypatch.setattr(StepItem, "refresh", refresh_failing_once)
    said = []
    canvas.scene.refreshFailed.connect(said.append)
    with qtbot.capture_exceptions() as errors:
        canvas.double_click(canvas.cell_center("support", "c4"))
    assert len(failures) == 1
    assert [type(e[1]) for e in errors] == [RecursionError]  # reached Qt's handler
    assert said and "RecursionError" in said[0]
    assert failures[0] in {s.id for s in canvas.doc.blueprint.steps}
    assert canvas.stack.count() == 1  # the edit is on the undo stack
    canvas.assert_mirrors()  # and the canvas shows it
    canvas.stack.undo()
    canvas.assert_mirrors()


def test_every_listener_hears_a_change_even_when_one_fails(canvas, qtbot):
    class Failing(QObject):
        def on_events(self, events):
            raise ValueError("listener bug")

    failing = Failing()
    heard = []
    document_signals(canvas.doc).changed.connect(failing.on_events)
    document_signals(canvas.doc).changed.connect(heard.append)
    with qtbot.capture_exceptions() as errors:
        assert canvas.controller.push(edits.set_fields(canvas.doc, "steps", "arrive", title="Arrive late"))
    assert [str(e[1]) for e in errors] == ["listener bug"]
    assert len(heard) == 1
    assert canvas.scene.step_item("arrive") is not None
    canvas.assert_mirrors()
