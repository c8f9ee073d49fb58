"""The grid layout of a blueprint in a spreadsheet (NN/g's template): rows are lanes.

The first column names the lane; the first rows (above the first lane row) name the phases
and the steps' columns; every other cell holds the title of a step in that lane and column
(several lines in one cell are a stack of steps). A phase name stands over the first column
of its phase and covers the columns up to the next phase name (merged cells read that way).
With two header rows the first names phases and the second the columns; with one, it names
phases when its first cell says "phase" or "stage", columns otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .table import ImportResult, TableError, _norm, build, lane_kind_of

_PHASE_WORDS = ("phase", "phases", "stage", "stages", "journey phase", "journey stage")


def _lane_row(row: Sequence[str]) -> bool:
    return bool(row and row[0].strip() and lane_kind_of(row[0]) is not None)


def looks_like_grid(table: list[list[str]]) -> bool:
    """At least two rows whose first cell names a lane, and a row of them in the first
    five rows (a table of one row per step has a header row instead)."""
    lane_rows = [i for i, row in enumerate(table) if _lane_row(row)]
    return len(lane_rows) >= 2 and lane_rows[0] <= 4


def from_grid(table: list[list[str]], name: str) -> ImportResult:
    first = next(i for i, row in enumerate(table) if _lane_row(row))
    headers = table[:first]
    width = max(len(row) for row in table)
    phase_row: Sequence[str] | None = None
    title_row: Sequence[str] | None = None
    if len(headers) >= 2:
        phase_row, title_row = headers[-2], headers[-1]
    elif headers:
        if _norm(headers[0][0] if headers[0] else "") in _PHASE_WORDS:
            phase_row = headers[0]
        else:
            title_row = headers[0]
    notes: list[str] = [f"read as a grid: {len(table) - first} lane rows, {width - 1} columns"]
    data: dict[str, Any] = {
        "format": "service-blueprint",
        "version": 2,
        "title": name,
        "description": "",
        "lanes": [],
        "phases": [],
        "columns": [],
        "steps": [],
        "handoffs": [],
    }
    phase = None
    for c in range(1, width):
        cell = phase_row[c].strip() if phase_row and c < len(phase_row) else ""
        if cell:
            phase = f"p{len(data['phases']) + 1}"
            data["phases"].append({"id": phase, "title": cell})
        title = title_row[c].strip() if title_row and c < len(title_row) else ""
        data["columns"].append({"id": f"c{c}", "phase": phase, "title": title})
    n = 0
    for r in range(first, len(table)):
        row = table[r]
        if not row or not row[0].strip():
            if any(cell.strip() for cell in row[1:]):
                raise TableError(f"row {r + 1}, column A: a row with steps needs a lane name")
            continue
        title = " ".join(row[0].split())
        kind = lane_kind_of(title) or "note"
        lane = f"lane{len(data['lanes']) + 1}"
        data["lanes"].append({"id": lane, "kind": kind, "title": title})
        notes.append(f"lane {title!r} taken as a {kind} lane")
        for c in range(1, len(row)):
            for line in row[c].splitlines():
                if line.strip():
                    if kind == "emotion":
                        raise TableError(f"row {r + 1}: an emotion lane holds no steps")
                    n += 1
                    data["steps"].append(
                        {"id": f"s{n}", "lane": lane, "column": f"c{c}", "title": line.strip()}
                    )
    # columns beyond the last used one with no title are dropped
    used = {s["column"] for s in data["steps"]}
    while data["columns"] and data["columns"][-1]["id"] not in used and not data["columns"][-1]["title"]:
        data["columns"].pop()
    live = {c["phase"] for c in data["columns"]}
    data["phases"] = [p for p in data["phases"] if p["id"] in live]
    return build(data, notes)
