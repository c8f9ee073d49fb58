"""Mermaid: the blueprint as a flowchart (a subgraph per lane, the handoffs as arrows), and
the customer's steps with their emotions as a ``journey`` diagram.

A ``.mmd`` file holds the flowchart; when customer steps carry emotions the journey follows
in the same file after a ``%%`` separator line, as a second diagram to paste separately
(Mermaid renders one diagram per block).
"""

from __future__ import annotations

import re

from ..model import Blueprint

_SAFE_ID = re.compile(r"[^A-Za-z0-9_]")


def _node(step_id: str) -> str:
    return "s_" + _SAFE_ID.sub("_", step_id)


def _text(text: str) -> str:
    """A label inside double quotes: Mermaid's entity codes for quotes and markup."""
    text = " ".join(text.split())
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def flowchart(bp: Blueprint) -> str:
    out = ["flowchart TB"]
    if bp.title:
        out.insert(0, f"---\ntitle: {_text(bp.title)}\n---")
    for n, lane in enumerate(bp.lanes):
        out.append(f'  subgraph lane_{n}["{_text(lane.title)}"]')
        out.append("    direction LR")
        for step in bp.steps:
            if step.lane == lane.id:
                marks = "".join(
                    m
                    for m, on in (
                        ("⚠ ", step.fail_point),
                        ("⏱ ", step.wait_point),
                        ("★ ", step.moment_of_truth),
                    )
                    if on
                )
                out.append(f'    {_node(step.id)}["{_text(marks + step.title)}"]')
        out.append("  end")
    for h in bp.handoffs:
        arrow = "<-->" if h.two_way else "-->"
        label = f'|"{_text(h.label)}"|' if h.label.strip() else ""
        out.append(f"  {_node(h.source)} {arrow}{label} {_node(h.target)}")
    fails = [_node(s.id) for s in bp.steps if s.fail_point]
    if fails:
        out.append("  classDef fail stroke:#c62828,stroke-width:3px")
        out.append(f"  class {','.join(fails)} fail")
    return "\n".join(out) + "\n"


def journey(bp: Blueprint) -> str:
    """The customer steps that carry an emotion, by phase; scores 1-5 (emotion + 3)."""
    customer = {lane.id for lane in bp.lanes if lane.kind == "customer"}
    phases = {p.id: p.title for p in bp.phases}
    column_phase = {c.id: c.phase for c in bp.columns}
    order = {c.id: i for i, c in enumerate(bp.columns)}
    steps = sorted(
        ((s, s.emotion) for s in bp.steps if s.lane in customer and s.emotion is not None),
        key=lambda pair: order.get(pair[0].column, 0),
    )
    if not steps:
        return ""
    out = ["journey", f"  title {_journey_text(bp.title or 'Customer journey')}"]
    section = object()
    for s, emotion in steps:
        phase = column_phase.get(s.column)
        if phase != section:
            section = phase
            out.append(f"  section {_journey_text(phases.get(phase or '', '') or 'Steps')}")
        actor = _journey_text(s.owner or "Customer")
        out.append(f"    {_journey_text(s.title)}: {emotion + 3}: {actor}")
    return "\n".join(out) + "\n"


def _journey_text(text: str) -> str:
    # journey lines are split at ':' and ',' (actors); keep the words, drop those marks
    return " ".join(text.replace(":", " -").replace(",", " ").replace("#", "").split())


def to_mermaid(bp: Blueprint) -> str:
    text = flowchart(bp)
    extra = journey(bp)
    if extra:
        text += "\n%% --- the customer's journey (a second diagram) ---\n" + extra
    return text
