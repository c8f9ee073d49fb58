"""Make large, blueprint-shaped test documents (Qt-free, deterministic).

``make_blueprint(n)`` spreads ``n`` steps over the five standard lanes and ``n // 8``
columns grouped into phases of six, and links them with ``1.5 * n`` handoffs, most of them
between neighbouring columns (as real blueprints are), none a self loop.
"""

from __future__ import annotations

import random

from blueprint_editor.core.model import Blueprint, Column, Handoff, Phase, Step, standard_lanes


def make_blueprint(n_steps: int, handoffs_per_step: float = 1.5, seed: int = 1) -> Blueprint:
    rng = random.Random(seed)
    lanes = standard_lanes()
    n_columns = max(1, n_steps // 8)
    phases = [Phase(id=f"p{i}", title=f"Phase {i + 1}") for i in range((n_columns + 5) // 6)]
    columns = [Column(id=f"c{i}", phase=f"p{i // 6}") for i in range(n_columns)]
    steps = []
    by_column: list[list[str]] = [[] for _ in range(n_columns)]
    for i in range(n_steps):
        col = i * n_columns // n_steps
        lane = lanes[rng.choice((0, 1, 1, 2, 2, 3, 3, 4))].id
        sid = f"s{i}"
        steps.append(
            Step(
                id=sid,
                lane=lane,
                column=f"c{col}",
                title=f"Step {i} of the journey",
                owner=rng.choice(("", "Reception", "Kitchen", "IT")),
                fail_point=rng.random() < 0.05,
                wait_point=rng.random() < 0.05,
            )
        )
        by_column[col].append(sid)
    handoffs = []
    for k in range(int(n_steps * handoffs_per_step)):
        col = rng.randrange(n_columns)
        source = rng.choice(by_column[col])
        near = min(n_columns - 1, col + rng.choice((0, 1, 1, 2)))
        target = rng.choice(by_column[near])
        if target == source:
            target = (
                by_column[near][0]
                if by_column[near][0] != source
                else steps[(int(source[1:]) + 1) % n_steps].id
            )
        handoffs.append(Handoff(id=f"h{k}", source=source, target=target, two_way=rng.random() < 0.1))
    return Blueprint(
        title=f"Generated blueprint, {n_steps} steps",
        lanes=lanes,
        phases=phases,
        columns=columns,
        steps=steps,
        handoffs=handoffs,
    )
