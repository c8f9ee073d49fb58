"""A column mapping chosen by the user (the editor's Import dialog) and the table reader
behind its preview."""

from __future__ import annotations

import pytest

from blueprint_editor.core.interchange import TableError, read_table
from blueprint_editor.core.interchange.table import from_rows, match_headers

ROWS = [
    ["What", "Who", "Where"],
    ["Arrive", "Guest", "Customer"],
    ["", "", ""],
    ["Greet", "Desk", "Front stage"],
]


def test_a_mapping_replaces_the_header_matching():
    assert "title" not in match_headers(ROWS[0])  # "what" is no known header
    with pytest.raises(TableError, match="row 1"):
        from_rows(ROWS, "t")
    result = from_rows(ROWS, "t", columns={"title": 0, "owner": 1, "lane": 2})
    steps = result.blueprint.steps
    assert [s.title for s in steps] == ["Arrive", "Greet"]
    assert [s.owner for s in steps] == ["Guest", "Desk"]
    kinds = {lane.id: lane.kind for lane in result.blueprint.lanes}
    assert [kinds[s.lane] for s in steps] == ["customer", "frontstage"]


def test_a_mapping_without_titles_is_refused():
    with pytest.raises(TableError, match="no column of step titles"):
        from_rows(ROWS, "t", columns={"owner": 1})


def test_read_table_gives_text_cells_without_empty_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("What;Who\nArrive;Guest\n;\nGreet;Desk\n", encoding="utf-8")
    assert read_table(path) == [["What", "Who"], ["Arrive", "Guest"], ["Greet", "Desk"]]
    with pytest.raises(TableError, match="not a table"):
        read_table(tmp_path / "t.drawio")
