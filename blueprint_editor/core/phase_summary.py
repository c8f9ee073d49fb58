"""Phase totals as the phase header's tooltip shows them: the customer-visible time, the
waiting time, the fail points and the open questions of each phase, the same numbers
as the Markdown report (:func:`blueprint_editor.core.interchange.report.phase_totals`;
an open question counts for the phase of the step it is about)."""

from __future__ import annotations

from blueprint_editor.core.durations import format_duration
from blueprint_editor.core.interchange.report import phase_totals
from blueprint_editor.core.model import Blueprint, Step


def phase_summaries(bp: Blueprint) -> dict[str, str]:
    """phase id -> "Customer-visible time 20 min · waiting 5 min · 1 fail point ·
    2 open questions"; linear."""
    phase_of = {c.id: c.phase for c in bp.columns}
    steps: dict[str, list[Step]] = {p.id: [] for p in bp.phases}
    for step in bp.steps:
        phase = phase_of.get(step.column)
        if phase is not None:
            steps[phase].append(step)
    open_on: dict[str | None, int] = {}
    for c in bp.comments:
        if c.kind == "question" and not c.done:
            open_on[c.target] = open_on.get(c.target, 0) + 1
    result = {}
    for phase, members in steps.items():
        totals = phase_totals(bp, members)
        questions = sum(open_on.get(s.id, 0) for s in members)
        fails = int(totals["fails"])
        result[phase] = (
            f"Customer-visible time {_minutes(totals['visible'])} \u00b7 waiting "
            f"{_minutes(totals['waits'])} \u00b7 {fails} fail point{'s' if fails != 1 else ''}"
            f" \u00b7 {questions} open question{'s' if questions != 1 else ''}"
        )
    return result


def _minutes(total: float) -> str:
    return format_duration(total) if total else "\u2013"
