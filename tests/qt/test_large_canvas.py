"""What keeps a large canvas fluid (the numbers themselves live in benchmarks/bench.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.editing.undo import EditController
from factories import chain_blueprint


def test_the_scene_index_deepens_with_the_blueprint_and_stays_correct(qtbot):
    doc = Document(new_blueprint())
    scene = BlueprintScene(doc, EditController(doc, QUndoStack()))
    small_depth = scene.bspTreeDepth()
    doc.replace(chain_blueprint(2000))  # as File > Open does
    assert scene.bspTreeDepth() > small_depth
    # the re-indexed scene still finds what is where
    card = scene.step_item("s1500")
    found = scene.items(card.sceneBoundingRect().center())
    assert card in found
    doc.replace(new_blueprint())
    assert scene.bspTreeDepth() == small_depth


def test_pens_are_shared_but_each_caller_gets_its_own_copy():
    first = style.pen(QColor("#123456"), 2.0)
    first.setCapStyle(Qt.PenCapStyle.FlatCap)
    second = style.pen(QColor("#123456"), 2.0)
    assert second.capStyle() == Qt.PenCapStyle.RoundCap
    assert second.color() == QColor("#123456") and second.widthF() == 2.0
    dashed = style.pen(QColor("#123456"), 2.0, Qt.PenStyle.DashLine)
    assert dashed.style() == Qt.PenStyle.DashLine and second.style() == Qt.PenStyle.SolidLine


def test_deleting_a_large_selection_tells_its_listeners_once(qtbot):
    # one selectionChanged per removed item made deleting a large selection quadratic
    doc = Document(chain_blueprint(60))
    stack = QUndoStack()
    controller = EditController(doc, stack)
    scene = BlueprintScene(doc, controller)
    scene.select_ids([s.id for s in doc.blueprint.steps] + [h.id for h in doc.blueprint.handoffs])
    assert len(scene.selected_ids()) == 60 + 59
    heard = []
    scene.selectionChanged.connect(lambda: heard.append(scene.selected_ids()))
    controller.push(edits.delete_elements(doc, scene.selected_ids()), "Delete")
    assert doc.blueprint.steps == [] and scene.step_items() == {}
    assert heard == [[]]  # once, and the listener already sees the empty selection
    stack.undo()
    assert len(doc.blueprint.steps) == 60 and len(scene.step_items()) == 60
    assert heard == [[]]  # the restored items come back unselected: nothing to tell
