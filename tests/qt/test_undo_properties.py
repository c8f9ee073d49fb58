"""Property tests of the editor's undo stack, on a real main window.

Random sequences of add, move, connect, delete, edit, undo, redo, save and autosave.
After every step: the document equals the snapshot recorded for the stack's index; the
unsaved mark (windowModified, and not isClean) is on exactly when the stack is not at the
saved index, and at the saved point there is no recovery file;
the scene mirrors the document item for item, each card where the layout puts it. At the
end, undo all gives the first document and redo all the last.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QSettings

from blueprint_editor.core import edits, recovery
from blueprint_editor.core import io as bio
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.qt.canvas.items.handoff_item import HandoffItem
from blueprint_editor.qt.canvas.items.step_item import StepItem
from factories import three_step_blueprint

EDITS = st.one_of(
    st.builds(lambda t: {"title": t}, st.text(max_size=12)),
    st.builds(lambda t: {"description": t}, st.text(max_size=12)),
    st.builds(lambda b: {"fail_point": b}, st.booleans()),
    st.builds(lambda b: {"wait_point": b, "moment_of_truth": not b}, st.booleans()),
    st.builds(lambda e: {"emotion": e}, st.none() | st.integers(-2, 2)),
    st.builds(lambda d: {"duration_minutes": d}, st.none() | st.integers(0, 600)),
    st.builds(lambda tags: {"tags": tags}, st.lists(st.text(max_size=5), max_size=3)),
)


class UndoMachine(RuleBasedStateMachine):
    def __init__(self, window, folder):
        super().__init__()
        self.w = window
        self.doc = window.document
        self.stack = window.undo_stack
        self.folder = folder
        self.saves = itertools.count()

    @initialize()
    def fresh(self):
        self.w.files.new_blueprint_factory = three_step_blueprint
        self.w.files.ask_unsaved_changes = lambda: "discard"
        assert self.w.files.new()
        self.snapshots = [self.doc.snapshot()]  # snapshots[i]: the document at index i
        self.saved_index = 0

    # ------------------------------------------------------------- helpers
    def push(self, op) -> None:
        before = self.stack.index()
        pushed = self.w.controller.push(op)
        if pushed:
            assert self.stack.index() == before + 1
            del self.snapshots[before + 1 :]
            if self.saved_index is not None and self.saved_index > before:
                self.saved_index = None  # the saved state left the stack for good
            self.snapshots.append(self.doc.snapshot())
        else:
            assert self.stack.index() == before
            assert self.doc.snapshot() == self.snapshots[before]

    def step_ids(self):
        return [s.id for s in self.doc.blueprint.steps]

    def cells(self):
        bp = self.doc.blueprint
        return st.tuples(
            st.sampled_from([l.id for l in bp.lanes]), st.sampled_from([c.id for c in bp.columns])
        )

    # --------------------------------------------------------------- rules
    @rule(data=st.data(), title=st.text(min_size=1, max_size=10))
    def add(self, data, title):
        lane, column = data.draw(self.cells())
        self.push(edits.add_step(self.doc, lane, column, title))

    @precondition(lambda self: self.doc.blueprint.steps)
    @rule(data=st.data())
    def move(self, data):
        ids = self.step_ids()
        moving = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
        moves = [(sid, *data.draw(self.cells())) for sid in moving]
        before = data.draw(st.none() | st.sampled_from(ids))
        self.push(edits.move_steps(self.doc, moves, before=before))

    @precondition(lambda self: len(self.doc.blueprint.steps) >= 2)
    @rule(data=st.data(), two_way=st.booleans())
    def connect(self, data, two_way):
        source, target = data.draw(
            st.lists(st.sampled_from(self.step_ids()), min_size=2, max_size=2, unique=True)
        )
        self.push(edits.connect(self.doc, source, target, two_way=two_way))

    @precondition(lambda self: self.doc.blueprint.steps or self.doc.blueprint.handoffs)
    @rule(data=st.data())
    def delete(self, data):
        ids = self.step_ids() + [h.id for h in self.doc.blueprint.handoffs]
        chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        self.push(edits.delete_elements(self.doc, chosen))

    @precondition(lambda self: self.doc.blueprint.steps)
    @rule(data=st.data(), fields=EDITS)
    def edit(self, data, fields):
        sid = data.draw(st.sampled_from(self.step_ids()))
        self.push(edits.set_fields(self.doc, "steps", sid, **fields))

    @precondition(lambda self: self.doc.blueprint.handoffs)
    @rule(data=st.data(), label=st.text(max_size=8))
    def edit_handoff(self, data, label):
        hid = data.draw(st.sampled_from([h.id for h in self.doc.blueprint.handoffs]))
        self.push(edits.set_fields(self.doc, "handoffs", hid, label=label))

    @rule()
    def undo(self):
        can = self.stack.canUndo()
        index = self.stack.index()
        self.stack.undo()
        assert self.stack.index() == (index - 1 if can else index)

    @rule()
    def redo(self):
        can = self.stack.canRedo()
        index = self.stack.index()
        self.stack.redo()
        assert self.stack.index() == (index + 1 if can else index)

    @rule()
    def autosave_fires(self):
        written = self.w.autosaver.write_now()
        assert written == (not self.stack.isClean())
        if written:
            data = recovery.read_file(self.w.autosaver.file)
            assert data.blueprint.model_dump(mode="json") == self.doc.snapshot()

    @rule()
    def save(self):
        path = self.folder / f"save{next(self.saves) % 3}.blueprint"
        assert self.w.files.save_to(str(path))
        self.saved_index = self.stack.index()
        assert bio.load_path(path).model_dump(mode="json") == self.doc.snapshot()

    # ---------------------------------------------------------- invariants
    @invariant()
    def document_matches_history(self):
        assert self.doc.snapshot() == self.snapshots[self.stack.index()]
        assert self.stack.count() == len(self.snapshots) - 1

    @invariant()
    def unsaved_mark_is_exactly_off_the_saved_point(self):
        unsaved = self.stack.index() != self.saved_index
        assert self.w.isWindowModified() == unsaved
        assert (not self.stack.isClean()) == unsaved
        assert self.w.files.is_modified() == unsaved
        if not unsaved:  # at the saved point there is nothing to recover
            assert not self.w.autosaver.file.exists()
        assert self.w.autosaver.timer.isActive() <= unsaved

    @invariant()
    def scene_mirrors_document(self):
        scene, bp = self.w.scene, self.doc.blueprint
        assert set(scene.step_items()) == {s.id for s in bp.steps}
        assert set(scene.handoff_items()) == {h.id for h in bp.handoffs}
        layout = compute_layout(bp, scene.metrics)
        for sid in scene.step_items():
            got, want = scene.step_rect(sid), layout.step_rect[sid]
            assert tuple(got) == pytest.approx(tuple(want)), sid
        cards = [i for i in scene.items() if isinstance(i, StepItem)]
        arrows = [i for i in scene.items() if isinstance(i, HandoffItem)]
        # no stray items left in the scene
        assert sorted(i.step_id for i in cards) == sorted(s.id for s in bp.steps)
        assert sorted(i.handoff_id for i in arrows) == sorted(h.id for h in bp.handoffs)

    def teardown(self):
        if not hasattr(self, "snapshots"):
            return
        while self.stack.canUndo():
            self.stack.undo()
        assert self.doc.snapshot() == self.snapshots[0]
        self.scene_mirrors_document()
        while self.stack.canRedo():
            self.stack.redo()
        assert self.doc.snapshot() == self.snapshots[-1]
        self.scene_mirrors_document()
        self.unsaved_mark_is_exactly_off_the_saved_point()


def test_undo_stack_properties(qtbot, tmp_path, monkeypatch):
    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.app.main_window import MainWindow
    from blueprint_editor.qt.files.autosave import install_autosave

    monkeypatch.setenv(recovery.ENV_VAR, str(tmp_path / "state"))
    create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    window = MainWindow(
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), panels=False
    )
    qtbot.addWidget(window)
    install_autosave(window)
    window.files.show_error = lambda title, text: pytest.fail(f"unexpected error: {text}")
    run_state_machine_as_test(
        lambda: UndoMachine(window, tmp_path),
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
    window.files.ask_unsaved_changes = lambda: "discard"
