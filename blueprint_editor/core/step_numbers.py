"""Step numbers a room can say aloud: ``phase.column.position`` (for example ``2.3.1``).

The phase is its place among the phases (1-based), the column its place within its phase,
the position the step's place in its column, top to bottom (lanes in order, then the
order of the steps in the file, which is their stack order). A column outside every phase
gives a two-part number, ``column.position``, the column counted among all columns.
"""

from __future__ import annotations

from blueprint_editor.core.model import Blueprint, Step


def step_numbers(bp: Blueprint) -> dict[str, str]:
    """The number of each step of ``bp`` (step id -> ``"2.3.1"``); linear."""
    phase_no = {phase.id: i + 1 for i, phase in enumerate(bp.phases)}
    column_label: dict[str, str] = {}
    within: dict[str | None, int] = {}
    for i, column in enumerate(bp.columns):
        if column.phase is None:
            column_label[column.id] = str(i + 1)
        else:
            within[column.phase] = within.get(column.phase, 0) + 1
            column_label[column.id] = f"{phase_no[column.phase]}.{within[column.phase]}"
    by_lane: dict[str, list[Step]] = {lane.id: [] for lane in bp.lanes}
    for step in bp.steps:
        by_lane.setdefault(step.lane, []).append(step)
    seen: dict[str, int] = {}
    numbers: dict[str, str] = {}
    for step in (s for steps in by_lane.values() for s in steps):
        seen[step.column] = seen.get(step.column, 0) + 1
        numbers[step.id] = f"{column_label.get(step.column, '?')}.{seen[step.column]}"
    return numbers
