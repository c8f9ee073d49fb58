"""Find matches steps by title, description, owner and tags, in reading order."""

from __future__ import annotations

from blueprint_editor.core.model import Blueprint, Column, Step, standard_lanes
from blueprint_editor.core.search import find_steps


def board() -> Blueprint:
    return Blueprint(
        lanes=standard_lanes(), columns=[Column(id="c1"), Column(id="c2")],
        steps=[Step(id="late", lane="customer", column="c2", title="Pay the Bill"),
               Step(id="desc", lane="backstage", column="c1", title="Close till",
                    description="Print the bill copy"),
               Step(id="own", lane="frontstage", column="c1", title="Greet", owner="Bill Evans"),
               Step(id="tag", lane="customer", column="c1", title="Order", tags=["billing"]),
               Step(id="none", lane="support", column="c1", title="Stock")])


def test_fields_case_and_reading_order():
    assert find_steps(board(), "BILL") == ["tag", "own", "desc", "late"]


def test_every_word_must_match_somewhere():
    assert find_steps(board(), "bill evans") == ["own"]
    assert find_steps(board(), "bill stock") == []


def test_blank_query_matches_nothing():
    assert find_steps(board(), "   ") == []
