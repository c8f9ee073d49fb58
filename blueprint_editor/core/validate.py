"""The validator: findings a workshop discusses (not load errors). Qt-free.

Public API: :class:`Finding`, :func:`validate` and :data:`RULES` (every code the validator
can emit, with its severity and a one-line description, in the order findings of one
element are listed).

The first five rules are fixed by the file format contract
(``/work/shared/spec/blueprint-format.md``); the others are this project's own.

Order of the findings (stable, so a list on a projector does not jump around):

1. Blueprint-wide findings first: ``missing-standard-lane`` (in the standard lane order:
   evidence, customer, front-stage, back-stage, support), then ``empty-column`` (column order).
2. Then the findings about steps and handoffs, by the position of their *anchor step* in
   lane order, then column order, then file order. A step finding's anchor is its step; a
   handoff finding's anchor is the handoff's **source** step. At one anchor the step's own
   findings come first (in :data:`RULES` order), then the findings of the handoffs leaving
   it (in file order of the handoffs, each in :data:`RULES` order).

Cost: linear in the size of the blueprint. One pass over the steps and one over the
handoffs with precomputed lane kinds and positions, one connected-components search over
the org graph, and a final sort of the findings. No path query between pairs of steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from .graph import org_components, org_graph
from .model import Blueprint, Step


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # 'error' | 'warning' | 'info'
    message: str
    steps: tuple[str, ...] = ()
    handoffs: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "steps": list(self.steps),
            "handoffs": list(self.handoffs),
        }


class Rule(NamedTuple):
    severity: str
    description: str
    contract: bool = False  # fixed by the file format contract


#: code -> (severity, one-line description, contract?). Insertion order = listing order.
RULES: dict[str, Rule] = {
    "frontstage-unsupported": Rule(
        "warning", "A front-stage step with no back-stage or support work behind it.", True),
    "backstage-purposeless": Rule(
        "warning", "A back-stage or support step that leads to no front-stage step.", True),
    "customer-no-contact": Rule(
        "warning", "A customer step (not self-service) with no handoff to a front-stage step.",
        True),
    "visibility-breach": Rule(
        "warning", "A handoff linking a customer step directly to back-stage or support work.",
        True),
    "isolated-step": Rule(
        "warning", "A step (outside evidence and note lanes) with no handoff at all.", True),
    "empty-title": Rule("warning", "A step without a title."),
    "fail-point-no-owner": Rule("info", "A fail point that nobody owns."),
    "wait-point-no-duration": Rule("info", "A wait point without an estimated duration."),
    "customer-no-evidence": Rule(
        "info", "A customer step with no physical evidence in its column."),
    "backward-handoff": Rule(
        "info", "A one-way handoff to an earlier column (fine for a loop, worth a look)."),
    "empty-column": Rule("info", "A column without any step."),
    "missing-standard-lane": Rule(
        "info", "One of the five standard lanes (evidence to support) is missing."),
}

_RANK = {code: i for i, code in enumerate(RULES)}

STANDARD_KINDS = ("evidence", "customer", "frontstage", "backstage", "support")
_BEHIND = frozenset({"backstage", "support"})
_NO_CONTRACT_RULES = frozenset({"evidence", "note"})

_KIND_LABEL = {
    "evidence": "Evidence", "customer": "Customer", "frontstage": "Front-stage",
    "backstage": "Back-stage", "support": "Support", "note": "Note", None: "A",
}

_MISSING_LANE = {
    "evidence": "physical evidence lane: add one to show what the customer sees and touches.",
    "customer": "customer lane: add one, since a blueprint is read from the customer's actions.",
    "frontstage": "front-stage lane: add one for the staff actions the customer sees.",
    "backstage": "back-stage lane: add one for the staff work the customer does not see.",
    "support": "support lane: add one for the systems and partners the service relies on.",
}


def _name(step: Step, column_no: int) -> str:
    title = " ".join(step.title.split())
    return f"'{title}'" if title else f"(untitled, column {column_no})"


def validate(bp: Blueprint) -> list[Finding]:
    """All findings about ``bp``, in the documented order. Never raises on a blueprint
    whose references do not resolve (such steps and handoffs are skipped where needed)."""
    rules = RULES
    rank = _RANK
    keyed: list[tuple[tuple, Finding]] = []

    def add(key: tuple, code: str, message: str, steps=(), handoffs=()) -> None:
        keyed.append((key + (rank[code],),
                      Finding(code, rules[code].severity, message, steps, handoffs)))

    # ---- precomputed lane kinds and positions (one pass over lanes, columns, steps)
    lane_kind = {lane.id: lane.kind for lane in bp.lanes}
    lane_pos = {lane.id: i for i, lane in enumerate(bp.lanes)}
    col_pos = {col.id: i for i, col in enumerate(bp.columns)}
    n_lanes, n_cols = len(bp.lanes), len(bp.columns)
    steps_by_id: dict[str, Step] = {}
    kind: dict[str, str | None] = {}
    anchor: dict[str, tuple[int, int, int]] = {}
    for i, s in enumerate(bp.steps):
        steps_by_id[s.id] = s
        kind[s.id] = lane_kind.get(s.lane)
        anchor[s.id] = (lane_pos.get(s.lane, n_lanes), col_pos.get(s.column, n_cols), i)

    names: dict[str, str] = {}

    def name(step_id: str) -> str:  # each step's display name is built once
        found = names.get(step_id)
        if found is None:
            found = names[step_id] = _name(steps_by_id[step_id], anchor[step_id][1] + 1)
        return found

    # ---- handoffs: one pass (degrees, customer contact, visibility, time order)
    degree = dict.fromkeys(steps_by_id, 0)
    contact: set[str] = set()
    for hi, h in enumerate(bp.handoffs):
        src, dst = h.source, h.target
        if src not in steps_by_id or dst not in steps_by_id:
            continue
        degree[src] += 1
        degree[dst] += 1
        ks, kt = kind[src], kind[dst]
        key = (1,) + anchor[src] + (1, hi)
        behind = None
        if ks == "customer":
            if kt == "frontstage":
                contact.add(src)
            elif kt in _BEHIND:
                behind = kt
        elif kt == "customer":
            if ks == "frontstage":
                contact.add(dst)
            elif ks in _BEHIND:
                behind = ks
        if behind is not None:
            where = "back-stage work" if behind == "backstage" else "a support process"
            add(key, "visibility-breach",
                f"Handoff from {name(src)} to {name(dst)} crosses the line of visibility: "
                f"the customer deals directly with {where}; route it through a front-stage step.",
                (src, dst), (h.id,))
        if not h.two_way and anchor[dst][1] < anchor[src][1] < n_cols:
            add(key, "backward-handoff",
                f"Handoff from {name(src)} goes back in time to {name(dst)}: fine for a loop "
                "or a retry; otherwise move the steps into time order.",
                (src, dst), (h.id,))

    # ---- org graph: one connected-components search, flags per component
    has_front: dict[str, bool] = {}
    has_behind: dict[str, bool] = {}
    for component in org_components(org_graph(bp, kind)):
        kinds_here = {kind[n] for n in component}
        front = "frontstage" in kinds_here
        behind = not _BEHIND.isdisjoint(kinds_here)
        for n in component:
            has_front[n] = front
            has_behind[n] = behind

    # ---- steps: one pass
    lanes_present = set(lane_kind.values())
    check_evidence = "evidence" in lanes_present
    evidence_cols = {s.column for s in bp.steps if kind[s.id] == "evidence"}
    for s in bp.steps:
        sid, k = s.id, kind[s.id]
        key = (1,) + anchor[sid] + (0, 0)
        one = (sid,)
        label = _KIND_LABEL.get(k, "A")
        if k == "frontstage" and not has_behind[sid]:
            add(key, "frontstage-unsupported",
                f"Front-stage step {name(sid)} has no back-stage support: connect it to the "
                "back-stage or support work that makes it possible.", one)
        elif k in _BEHIND and not has_front[sid]:
            add(key, "backstage-purposeless",
                f"{label} step {name(sid)} leads to nothing the customer meets: connect it to "
                "the front-stage step it makes possible, or remove it.", one)
        elif k == "customer" and not s.self_service and sid not in contact:
            add(key, "customer-no-contact",
                f"Customer step {name(sid)} has no contact with front-stage staff: connect it "
                "to the front-stage step that serves it, or mark it self-service.", one)
        if k not in _NO_CONTRACT_RULES and degree[sid] == 0:
            add(key, "isolated-step",
                f"{label} step {name(sid)} has no handoffs: connect it to the step before or "
                "after it, or delete it.", one)
        if not s.title.strip():
            where = f"{label.lower()} step" if k is not None else "step"
            add(key, "empty-title",
                f"A {where} in column {anchor[sid][1] + 1} has no title: write what happens "
                "there as a short verb phrase.", one)
        if s.fail_point and not s.owner.strip():
            add(key, "fail-point-no-owner",
                f"Fail point {name(sid)} has no owner: name who notices the failure and who "
                "recovers from it.", one)
        if s.wait_point and s.duration_minutes is None:
            add(key, "wait-point-no-duration",
                f"Wait point {name(sid)} has no duration: estimate how long the wait is, "
                "so the team can judge it.", one)
        if k == "customer" and check_evidence and s.column not in evidence_cols:
            add(key, "customer-no-evidence",
                f"Customer step {name(sid)} has no physical evidence in its column: add what "
                "the customer sees or touches there (a sign, a screen, a receipt).", one)

    # ---- blueprint-wide findings
    for i, std in enumerate(STANDARD_KINDS):
        if std not in lanes_present:
            add((0, 0, i, 0, 0, 0), "missing-standard-lane", f"The blueprint has no {_MISSING_LANE[std]}")
    used_cols = {s.column for s in bp.steps}
    phase_title = {p.id: p.title for p in bp.phases}
    for ci, col in enumerate(bp.columns):
        if col.id not in used_cols:
            phase = phase_title.get(col.phase) if col.phase else None
            where = f" (phase '{phase}')" if phase else ""
            add((0, 1, ci, 0, 0, 0), "empty-column",
                f"Column {ci + 1}{where} has no steps: fill it in or delete it.")

    keyed.sort(key=itemgetter(0))
    return [finding for _, finding in keyed]
