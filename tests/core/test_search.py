"""Find matches steps by title, description, owner and tags, in reading order."""

from __future__ import annotations

from blueprint_editor.core.search import find_steps
from factories import search_blueprint


def test_fields_case_and_reading_order():
    assert find_steps(search_blueprint(), "BILL") == ["tag", "own", "desc", "late"]


def test_every_word_must_match_somewhere():
    assert find_steps(search_blueprint(), "bill evans") == ["own"]
    assert find_steps(search_blueprint(), "bill stock") == []


def test_blank_query_matches_nothing():
    assert find_steps(search_blueprint(), "   ") == []
