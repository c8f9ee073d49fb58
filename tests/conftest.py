"""Shared fixtures (keep this file tiny).

``sample_blueprint``: a fresh, valid blueprint that uses every part of the format (all
lane kinds, phases, a column without phase, every step field set somewhere, non-ASCII
text, a two-way handoff). Tests that need a file write it with ``save_path``.
"""

from __future__ import annotations

import pytest

from blueprint_editor.core.model import Blueprint, Column, Handoff, Lane, Phase, Step, standard_lanes


def make_sample_blueprint() -> Blueprint:
    return Blueprint(
        title="Hôtel stay ☕",
        description="Arrival to check-out.\nSecond line.",
        lanes=standard_lanes() + [Lane(id="notes", kind="note", title="KPIs")],
        phases=[Phase(id="arrival", title="Arrival"), Phase(id="stay", title="Stay")],
        columns=[Column(id="c1", phase="arrival"), Column(id="c2", phase="arrival"),
                 Column(id="c3", phase="stay"), Column(id="c4")],
        steps=[
            Step(id="door", lane="evidence", column="c1", title="Hotel entrance"),
            Step(id="arrive", lane="customer", column="c1", title="Arrive at hotel",
                 emotion=1, moment_of_truth=True, tags=["first", "émotion"]),
            Step(id="greet", lane="frontstage", column="c1", title="Greet guest",
                 owner="Reception", duration_minutes=2.5),
            Step(id="lookup", lane="backstage", column="c2", title="Look up booking",
                 fail_point=True, duration_minutes=3),
            Step(id="pms", lane="support", column="c2", title="Booking system"),
            Step(id="wait", lane="customer", column="c2", title="Wait for key",
                 wait_point=True, emotion=-2),
            Step(id="app", lane="customer", column="c3", title="Order via app",
                 self_service=True, description="No staff involved"),
            Step(id="kpi", lane="notes", column="c4", title="Check-in under 5 min"),
        ],
        handoffs=[
            Handoff(id="h1", source="arrive", target="greet", label="hello", two_way=True),
            Handoff(id="h2", source="greet", target="lookup"),
            Handoff(id="h3", source="lookup", target="pms"),
            Handoff(id="h4", source="greet", target="wait"),
        ],
    )


@pytest.fixture
def sample_blueprint() -> Blueprint:
    return make_sample_blueprint()


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own recovery and templates folders: never the user's real ones."""
    monkeypatch.setenv("BLUEPRINT_EDITOR_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("BLUEPRINT_EDITOR_TEMPLATE_DIR", str(tmp_path_factory.mktemp("templates")))
