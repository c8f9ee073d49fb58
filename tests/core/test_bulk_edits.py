"""Bulk edits (delete many, move many) are one pass over the lists, and reversible."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from blueprint_editor.core import edits
from blueprint_editor.core.document import Document
from blueprint_editor.core.operations import Arrange, DeleteMany, InsertMany, OperationError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import make_blueprint  # noqa: E402


@pytest.fixture
def doc():
    return Document(make_blueprint(400))


def _no_position_scans(monkeypatch, doc):
    calls = []
    original = doc.position
    monkeypatch.setattr(doc, "position", lambda *a: calls.append(a) or original(*a))
    return calls


def test_deleting_many_steps_makes_no_per_element_scan_and_undoes_exactly(doc, monkeypatch):
    before = doc.snapshot()
    calls = _no_position_scans(monkeypatch, doc)
    victims = [s.id for s in doc.blueprint.steps[::3]]
    inverse = doc.apply(edits.delete_elements(doc, victims))
    assert calls == []  # a position scan per deleted element would be quadratic
    assert not any(doc.find("steps", v) for v in victims)
    assert all(h.source not in victims and h.target not in victims for h in doc.blueprint.handoffs)
    doc.apply(inverse)
    assert doc.snapshot() == before


def test_moving_many_steps_is_one_new_order_and_undoes_exactly(doc, monkeypatch):
    before = doc.snapshot()
    calls = _no_position_scans(monkeypatch, doc)
    movers = [s.id for s in doc.blueprint.steps[::4]]
    op = edits.move_steps(doc, [(sid, "support", "c0") for sid in movers], before=doc.blueprint.steps[1].id)
    assert sum(isinstance(o, Arrange) for o in op.ops) == 1
    inverse = doc.apply(op)
    assert calls == []
    cell = [s.id for s in doc.blueprint.steps if (s.lane, s.column) == ("support", "c0")]
    assert set(movers) <= set(cell)
    order = [s.id for s in doc.blueprint.steps]
    assert order[order.index(movers[0]) : order.index(movers[0]) + len(movers)] == movers
    doc.apply(inverse)
    assert doc.snapshot() == before


def test_bulk_operations_refuse_bad_input_and_change_nothing(doc):
    before = doc.snapshot()
    step = doc.blueprint.steps[0]
    with pytest.raises(OperationError):  # the step still has handoffs
        doc.apply(DeleteMany("steps", (step.id,)))
    with pytest.raises(OperationError):  # not every id
        doc.apply(Arrange("steps", (step.id,)))
    with pytest.raises(OperationError):  # an id already used
        doc.apply(InsertMany("steps", ((0, step),)))
    assert doc.snapshot() == before


def test_insert_many_puts_elements_back_at_their_positions(doc):
    handoffs = [h.id for h in doc.blueprint.handoffs]
    chosen = tuple(handoffs[i] for i in (0, 5, 6, len(handoffs) - 1))
    inverse = doc.apply(DeleteMany("handoffs", chosen))
    assert isinstance(inverse, InsertMany)
    doc.apply(inverse)
    assert [h.id for h in doc.blueprint.handoffs] == handoffs
