"""The validator: findings a workshop discusses (not load errors). Qt-free.

Public API: :class:`Finding`, :func:`validate` and :data:`RULES` (every code the validator
can emit, with its severity and a one-line description, in the order findings of one
element are listed).

The first five rules are fixed by the file format contract (the service blueprint format,
versions 1 and 2); the others are this project's own and fire exactly when:

- ``empty-title``: a step's title is empty or only spaces (any lane).
- ``fail-point-no-owner``: a step marked as a fail point has an empty owner (any lane).
- ``wait-point-no-duration``: a step marked as a wait point has no duration (0 is a duration).
- ``customer-no-evidence``: a customer step's column holds no step of an evidence lane; only
  when the blueprint has an evidence lane at all (otherwise ``missing-standard-lane`` says so).
- ``backward-handoff``: a one-way handoff whose target sits in an earlier column than its
  source (a two-way handoff runs both ways, so it never fires).
- ``empty-column``: a column holds no step at all (a note counts as a step).
- ``missing-standard-lane``: no lane has one of the five standard kinds; one finding per kind.
- ``open-question``: a comment of kind question is not done (on a step, a handoff or the
  whole blueprint); one finding per question.
- ``action-no-owner``: a comment of kind action is not done and its owner is empty.
- ``emotion-lane-empty``: an emotion lane, while no step of a customer lane has an emotion
  (the lane has no curve to draw); one finding per emotion lane.
- ``image-unused``: an image that no step shows.

Emotion lanes hold no steps; they are not org side and get none of the five contract rules.

Each finding lists the step(s) and handoff it concerns: one step for a step rule; for a
handoff rule the handoff and its two ends (source first); nothing for blueprint-wide rules.
A comment finding concerns what its comment is on (a step, or a handoff and its two ends)
and names the comment in :attr:`Finding.others`, as the lane and image rules name their
lane or image.

Order of the findings (stable, so a list on a projector does not jump around):

1. Blueprint-wide findings first: ``missing-standard-lane`` (in the standard lane order:
   evidence, customer, front-stage, back-stage, support), then ``empty-column`` (column order),
   ``emotion-lane-empty`` (lane order), ``image-unused`` (image order), then the comment
   findings about the whole blueprint (comment order).
2. Then the findings about steps and handoffs, by the position of their *anchor step* in
   lane order, then column order, then file order. A step finding's anchor is its step; a
   handoff finding's anchor is the handoff's **source** step. At one anchor the step's own
   findings come first (in :data:`RULES` order), then the findings of the handoffs leaving
   it (in file order of the handoffs, each in :data:`RULES` order). Comment findings
   count as findings of the step or handoff they are on; several of one rule there keep
   the comments' file order.

Cost: linear in the size of the blueprint. One pass over the steps and one over the
handoffs with precomputed lane kinds and positions, one connected-components search over
the org graph, and a final sort of the findings. No path query between pairs of steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from .graph import org_components, org_graph
from .model import Blueprint, Step


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # 'error' | 'warning' | 'info'
    message: str
    steps: tuple[str, ...] = ()
    handoffs: tuple[str, ...] = ()
    #: The column a column finding is about, for the editor to point at (not in the JSON
    #: output, whose keys the format fixes).
    columns: tuple[str, ...] = ()
    #: Other elements a finding is about (a comment, an emotion lane, an image), for the
    #: editor to point at (not in the JSON output either).
    others: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
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
        "warning", "A front-stage step with no back-stage or support work behind it.", True
    ),
    "backstage-purposeless": Rule(
        "warning", "A back-stage or support step that leads to no front-stage step.", True
    ),
    "customer-no-contact": Rule(
        "warning", "A customer step (not self-service) with no handoff to a front-stage step.", True
    ),
    "visibility-breach": Rule(
        "warning", "A handoff linking a customer step directly to back-stage or support work.", True
    ),
    "isolated-step": Rule(
        "warning", "A step (outside evidence and note lanes) with no handoff at all.", True
    ),
    "empty-title": Rule("warning", "A step without a title."),
    "fail-point-no-owner": Rule("info", "A fail point that nobody owns."),
    "wait-point-no-duration": Rule("info", "A wait point without an estimated duration."),
    "customer-no-evidence": Rule("info", "A customer step with no physical evidence in its column."),
    "backward-handoff": Rule(
        "info", "A one-way handoff to an earlier column (fine for a loop, worth a look)."
    ),
    "empty-column": Rule("info", "A column without any step."),
    "missing-standard-lane": Rule("info", "One of the five standard lanes (evidence to support) is missing."),
    "open-question": Rule("info", "A question in the comments that is not answered yet."),
    "action-no-owner": Rule("warning", "An open action item that nobody owns."),
    "emotion-lane-empty": Rule("info", "An emotion lane with no customer emotion to draw."),
    "image-unused": Rule("info", "An image that no step shows."),
}

_RANK = {code: i for i, code in enumerate(RULES)}

STANDARD_KINDS = ("evidence", "customer", "frontstage", "backstage", "support")
_BEHIND = frozenset({"backstage", "support"})
_NO_CONTRACT_RULES = frozenset({"evidence", "note"})

_KIND_LABEL = {
    "evidence": "Evidence",
    "customer": "Customer",
    "frontstage": "Front-stage",
    "backstage": "Back-stage",
    "support": "Support",
    "note": "Note",
    None: "A",
}

_MISSING_LANE = {
    "evidence": "physical evidence lane: add one to show what the customer sees and touches.",
    "customer": "customer lane: add one, since a blueprint is read from the customer's actions.",
    "frontstage": "front-stage lane: add one for the staff actions the customer sees.",
    "backstage": "back-stage lane: add one for the staff work the customer does not see.",
    "support": "support lane: add one for the systems and partners the service relies on.",
}


_SEVERITY = {code: rule.severity for code, rule in RULES.items()}


def _name(step: Step, column_no: int) -> str:
    title = " ".join(step.title.split())
    return f"'{title}'" if title else f"(untitled, column {column_no})"


def validate(bp: Blueprint) -> list[Finding]:
    """All findings about ``bp``, in the documented order. Never raises on a blueprint
    whose references do not resolve (such steps and handoffs are skipped where needed)."""
    lanes, columns, steps, handoffs = bp.lanes, bp.columns, bp.steps, bp.handoffs
    severity, rank, n_rules = _SEVERITY, _RANK, len(_RANK)

    # ---- precomputed lane kinds and positions (one pass over lanes, columns, steps).
    # A finding's sort key is one int: anchor step position (lane, column, file order),
    # then slot (0: the step itself, 1 + i: the i-th handoff), then rule order.
    lane_kind = {lane.id: lane.kind for lane in lanes}
    lane_pos = {lane.id: i for i, lane in enumerate(lanes)}
    col_pos = {col.id: i for i, col in enumerate(columns)}
    n_lanes, n_cols, n_steps = len(lanes), len(columns), len(steps)
    n_slots = len(handoffs) + 1
    by_id: dict[str, Step] = {}
    kind: dict[str, str | None] = {}
    col: dict[str, int] = {}
    base: dict[str, int] = {}
    for i, s in enumerate(steps):
        sid = s.id
        by_id[sid] = s
        kind[sid] = lane_kind.get(s.lane)
        c = col[sid] = col_pos.get(s.column, n_cols)
        base[sid] = ((lane_pos.get(s.lane, n_lanes) * (n_cols + 1) + c) * n_steps + i) * n_slots

    names: dict[str, str] = {}

    def name(step_id: str) -> str:  # each step's display name is built once
        found = names.get(step_id)
        if found is None:
            found = names[step_id] = _name(by_id[step_id], col[step_id] + 1)
        return found

    keyed: list[tuple[int, Finding]] = []
    add = keyed.append

    # ---- handoffs: one pass (linked steps, customer contact, visibility, time order)
    linked: set[str] = set()
    contact: set[str] = set()
    for hi, h in enumerate(handoffs, 1):
        src, dst = h.source, h.target
        if src not in by_id or dst not in by_id:
            continue
        linked.add(src)
        linked.add(dst)
        ks, kt = kind[src], kind[dst]
        if ks == "customer" or kt == "customer":
            customer, other = (src, kt) if ks == "customer" else (dst, ks)
            if other == "frontstage":
                contact.add(customer)
            elif other in _BEHIND:
                where = "back-stage work" if other == "backstage" else "a support process"
                code = "visibility-breach"
                add(
                    (
                        (base[src] + hi) * n_rules + rank[code],
                        Finding(
                            code,
                            severity[code],
                            f"Handoff from {name(src)} to {name(dst)} crosses the line of visibility: "
                            f"the customer deals directly with {where}; route it through a front-stage "
                            "step.",
                            (src, dst),
                            (h.id,),
                        ),
                    )
                )
        if col[dst] < col[src] < n_cols and not h.two_way:
            code = "backward-handoff"
            add(
                (
                    (base[src] + hi) * n_rules + rank[code],
                    Finding(
                        code,
                        severity[code],
                        f"Handoff from {name(src)} goes back in time to {name(dst)}: fine for a loop "
                        "or a retry; otherwise move the steps into time order.",
                        (src, dst),
                        (h.id,),
                    ),
                )
            )

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
    evidence_cols = {s.column for s in steps if kind[s.id] == "evidence"}
    for s in steps:
        sid = s.id
        k = kind[sid]
        key = base[sid] * n_rules
        one = (sid,)
        if k == "frontstage":
            if not has_behind[sid]:
                code = "frontstage-unsupported"
                add(
                    (
                        key + rank[code],
                        Finding(
                            code,
                            severity[code],
                            f"Front-stage step {name(sid)} has no back-stage support: connect it to "
                            "the back-stage or support work that makes it possible.",
                            one,
                        ),
                    )
                )
        elif k in _BEHIND:
            if not has_front[sid]:
                code = "backstage-purposeless"
                add(
                    (
                        key + rank[code],
                        Finding(
                            code,
                            severity[code],
                            f"{_KIND_LABEL[k]} step {name(sid)} leads to nothing the customer meets: "
                            "connect it to the front-stage step it makes possible, or remove it.",
                            one,
                        ),
                    )
                )
        elif k == "customer":
            if not s.self_service and sid not in contact:
                code = "customer-no-contact"
                add(
                    (
                        key + rank[code],
                        Finding(
                            code,
                            severity[code],
                            f"Customer step {name(sid)} has no contact with front-stage staff: connect "
                            "it to the front-stage step that serves it, or mark it self-service.",
                            one,
                        ),
                    )
                )
            if check_evidence and s.column not in evidence_cols:
                code = "customer-no-evidence"
                add(
                    (
                        key + rank[code],
                        Finding(
                            code,
                            severity[code],
                            f"Customer step {name(sid)} has no physical evidence in its column: add "
                            "what the customer sees or touches there (a sign, a screen, a receipt).",
                            one,
                        ),
                    )
                )
        if sid not in linked and k not in _NO_CONTRACT_RULES:
            code = "isolated-step"
            add(
                (
                    key + rank[code],
                    Finding(
                        code,
                        severity[code],
                        f"{_KIND_LABEL.get(k, 'A')} step {name(sid)} has no handoffs: connect it to the "
                        "step before or after it, or delete it.",
                        one,
                    ),
                )
            )
        if not s.title.strip():
            where = f"{_KIND_LABEL[k].lower()} step" if k is not None else "step"
            code = "empty-title"
            add(
                (
                    key + rank[code],
                    Finding(
                        code,
                        severity[code],
                        f"A {where} in column {col[sid] + 1} has no title: write what happens there "
                        "as a short verb phrase.",
                        one,
                    ),
                )
            )
        if s.fail_point and not s.owner.strip():
            code = "fail-point-no-owner"
            add(
                (
                    key + rank[code],
                    Finding(
                        code,
                        severity[code],
                        f"Fail point {name(sid)} has no owner: name who notices the failure and who "
                        "recovers from it.",
                        one,
                    ),
                )
            )
        if s.wait_point and s.duration_minutes is None:
            code = "wait-point-no-duration"
            add(
                (
                    key + rank[code],
                    Finding(
                        code,
                        severity[code],
                        f"Wait point {name(sid)} has no duration: estimate how long the wait is, so "
                        "the team can judge it.",
                        one,
                    ),
                )
            )

    # ---- blueprint-wide findings (already in their order) come first
    head: list[Finding] = []
    code = "missing-standard-lane"
    for std in STANDARD_KINDS:
        if std not in lanes_present:
            head.append(Finding(code, severity[code], f"The blueprint has no {_MISSING_LANE[std]}"))
    used_cols = {s.column for s in steps}
    phase_title = {p.id: p.title for p in bp.phases}
    code = "empty-column"
    for ci, column in enumerate(columns):
        if column.id not in used_cols:
            phase = phase_title.get(column.phase) if column.phase else None
            where = f" (phase '{phase}')" if phase else ""
            head.append(
                Finding(
                    code,
                    severity[code],
                    f"Column {ci + 1}{where} has no steps: fill it in or delete it.",
                    columns=(column.id,),
                )
            )

    if bp.comments or bp.images or "emotion" in lanes_present:
        _workshop_findings(bp, kind, base, name, n_rules, head, add)
    keyed.sort(key=itemgetter(0))
    head.extend(finding for _, finding in keyed)
    return head


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= 80 else f'"{text[:77]}..."'


def _workshop_findings(
    bp: Blueprint,
    kind: dict[str, str | None],
    base: dict[str, int],
    name: Callable[[str], str],
    n_rules: int,
    head: list[Finding],
    add: Callable[[tuple[int, Finding]], None],
) -> None:
    """The rules of the workshop elements of format version 2: comments, images, emotion."""
    severity, rank = _SEVERITY, _RANK
    for lane in bp.lanes:
        if lane.kind == "emotion" and not any(
            s.emotion is not None and kind[s.id] == "customer" for s in bp.steps
        ):
            code = "emotion-lane-empty"
            title = f"'{lane.title}'" if lane.title.strip() else "(untitled)"
            head.append(
                Finding(
                    code,
                    severity[code],
                    f"Emotion lane {title} has nothing to draw: give the customer steps an "
                    "emotion, from -2 (very negative) to +2 (very positive).",
                    others=(lane.id,),
                )
            )
    shown = {s.image for s in bp.steps}
    code = "image-unused"
    for image in bp.images:
        if image.id not in shown:
            head.append(
                Finding(
                    code,
                    severity[code],
                    f"Image {image.id} is shown on no step: put it on a card or delete it.",
                    others=(image.id,),
                )
            )
    slot = {h.id: (i, h) for i, h in enumerate(bp.handoffs, 1)}
    for comment in bp.comments:
        if comment.done:
            continue
        if comment.kind == "question":
            code = "open-question"
            what = f"Open question {_quote(comment.text)}"
            advice = "answer it in the workshop, or tick it off once it is answered."
        elif comment.kind == "action" and not comment.owner.strip():
            code = "action-no-owner"
            what = f"Action {_quote(comment.text)}"
            advice = "nobody owns it; name who will do it."
        else:
            continue
        target = comment.target
        if target is not None and target in base:
            add(
                (
                    base[target] * n_rules + rank[code],
                    Finding(
                        code,
                        severity[code],
                        f"{what} on step {name(target)}: {advice}",
                        (target,),
                        others=(comment.id,),
                    ),
                )
            )
        elif target in slot and slot[target][1].source in base and slot[target][1].target in base:
            hi, h = slot[target]
            add(
                (
                    (base[h.source] + hi) * n_rules + rank[code],
                    Finding(
                        code,
                        severity[code],
                        f"{what} on the handoff from {name(h.source)} to {name(h.target)}: {advice}",
                        (h.source, h.target),
                        (h.id,),
                        others=(comment.id,),
                    ),
                )
            )
        elif target is None:
            head.append(
                Finding(code, severity[code], f"{what} on the blueprint: {advice}", others=(comment.id,))
            )


def validate_in_editor(bp: Blueprint) -> list[Finding]:
    """The findings the editor shows while a blueprint is being drawn.

    The same as :func:`validate`, except that a blueprint without any step yet (a blank
    page: File > New, or a template's bare grid) gets no ``empty-column`` findings: every
    column of a blank page is empty by construction, and a list of "column N has no steps"
    before anything was done tells nobody anything. From the first step on, empty columns
    are reported as usual. ``blueprint-editor check`` (the command line) always reports
    them, since it reads finished files.
    """
    findings = validate(bp)
    if bp.steps:
        return findings
    return [f for f in findings if f.code != "empty-column"]
