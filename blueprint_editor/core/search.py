"""Find steps by text: what Ctrl+F in the editor matches.

A step matches when every word of the query appears (ignoring case) somewhere in its
title, description, owner or tags. Matches come in reading order of a blueprint: column
by column (time), top to bottom within a column (lane order), then file order. Linear in
the number of steps.
"""

from __future__ import annotations

from .model import Blueprint, Step


def words(query: str) -> list[str]:
    return query.casefold().split()


def step_text(step: Step) -> str:
    """The searchable text of a step, case-folded."""
    return "\n".join((step.title, step.description, step.owner, *step.tags)).casefold()


def find_steps(blueprint: Blueprint, query: str) -> list[str]:
    """Ids of the steps matching ``query`` (none for a blank query), in reading order."""
    wanted = words(query)
    if not wanted:
        return []
    column_no = {c.id: i for i, c in enumerate(blueprint.columns)}
    lane_no = {lane.id: i for i, lane in enumerate(blueprint.lanes)}
    hits = []
    for n, step in enumerate(blueprint.steps):
        text = step_text(step)
        if all(w in text for w in wanted):
            hits.append((column_no.get(step.column, 0), lane_no.get(step.lane, 0), n, step.id))
    hits.sort()
    return [hit[3] for hit in hits]
