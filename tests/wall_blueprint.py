"""A six-phase blueprint for the print tests: the size a team puts on the wall."""

from __future__ import annotations

from blueprint_editor.core.model import (
    Blueprint,
    Column,
    Handoff,
    Phase,
    Step,
    check_references,
    standard_lanes,
)

PHASES = ("Discover", "Book", "Arrive", "Stay", "Check out", "Follow up")
LANE_TEXT = {
    "customer": "Guest {p} step {c}",
    "frontstage": "Staff {p} action {c}",
    "backstage": "Office {p} task {c}",
    "support": "System {p} {c}",
}


def six_phase_blueprint(columns_per_phase: int = 3) -> Blueprint:
    """Six phases of ``columns_per_phase`` columns, a card in four lanes of every column,
    handoffs down each column; every step title is unique."""
    lanes = standard_lanes()
    kinds = {lane.kind: lane.id for lane in lanes}
    phases = [Phase(id=f"p{i}", title=title) for i, title in enumerate(PHASES, 1)]
    columns, steps, handoffs = [], [], []
    for i, phase in enumerate(phases, 1):
        for c in range(1, columns_per_phase + 1):
            col = f"c{i}_{c}"
            columns.append(Column(id=col, phase=phase.id))
            previous = None
            for kind, text in LANE_TEXT.items():
                sid = f"s{i}_{c}_{kind}"
                steps.append(Step(id=sid, lane=kinds[kind], column=col,
                                  title=text.format(p=phase.title, c=c),
                                  fail_point=(kind == "backstage" and c == 2)))
                if previous is not None:
                    handoffs.append(Handoff(id=f"h_{sid}", source=previous, target=sid))
                previous = sid
    bp = Blueprint(title="Hotel stay for the wall", description="Six phases, tiled on A4",
                   lanes=lanes, phases=phases, columns=columns, steps=steps,
                   handoffs=handoffs)
    check_references(bp)
    return bp
