"""Arrow routes and label places, checked as geometry (not pixels): for the bundled
examples and for generated blueprints (many arrows between neighbouring lanes, stacked
cards, long labels).

Rules: every segment is horizontal or vertical; no horizontal segment runs on a lane
boundary or a named line (so every line is crossed square on); no segment crosses a
card; no two arrows share a port or a stretch of line; no label covers a card, a line
or another label, and each label is beside its arrow or joined to it by a leader.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blueprint_editor.core import routing
from blueprint_editor.core.io import load_path
from blueprint_editor.core.layout import Rect, compute_layout
from blueprint_editor.core.model import Blueprint, Column, Handoff, Step, standard_lanes
from blueprint_editor.resources import resource
from route_checks import label_problems, route_blueprint, route_problems

EXAMPLES = sorted(p.name for p in resource("examples").iterdir() if p.suffix == ".blueprint")


def label_size(text: str) -> tuple[float, float]:
    """A stand-in for font metrics: 7 units a character, wrapped at 24 characters."""
    text = text.strip()
    lines = max(1, -(-len(text) // 24))
    return 7.0 * min(len(text), 24) + 12, 15.0 * lines + 4


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_routes_and_labels_keep_the_rules(name):
    bp = load_path(resource("examples") / name)
    g = compute_layout(bp)
    routes, places = route_blueprint(bp, g, label_size)
    assert set(routes) == {h.id for h in bp.handoffs}
    assert route_problems(g, routes) == []
    assert label_problems(g, routes, places) == []
    assert all(p.free for p in places.values())


def test_neighbouring_lanes_in_one_column_are_joined_straight_across_the_line():
    bp = Blueprint(
        lanes=standard_lanes(),
        columns=[Column(id="c1")],
        steps=[
            Step(id="a", lane="customer", column="c1", title="A"),
            Step(id="b", lane="frontstage", column="c1", title="B"),
        ],
        handoffs=[
            Handoff(id="h1", source="a", target="b"),
            Handoff(id="h2", source="b", target="a"),
            Handoff(id="h3", source="a", target="b"),
        ],
    )
    g = compute_layout(bp)
    routes = routing.route_all(g, [(h.id, h.source, h.target) for h in bp.handoffs])
    a, b = g.step_rect["a"], g.step_rect["b"]
    xs = set()
    for route in routes.values():
        (x0, y0), (x1, y1) = route.points  # one vertical segment
        assert x0 == x1 and a.x < x0 < a.right
        xs.add(x0)
    assert len(xs) == 3  # three ports, spread along the edges
    assert routes["h1"].start[1] > a.bottom and routes["h1"].end[1] < b.y
    assert routes["h2"].end_direction() == (0.0, -1.0)  # up into a


def test_an_arrow_past_a_stack_goes_round_it_through_the_gap_between_columns():
    bp = Blueprint(
        lanes=standard_lanes(),
        columns=[Column(id="c1"), Column(id="c2")],
        steps=[
            Step(id="a", lane="customer", column="c1", title="A"),
            Step(id="b", lane="frontstage", column="c1", title="B"),
            Step(id="c", lane="frontstage", column="c1", title="C"),
            Step(id="d", lane="frontstage", column="c2", title="D"),
        ],
        handoffs=[
            Handoff(id="h1", source="a", target="c"),
            Handoff(id="h2", source="b", target="c"),
            Handoff(id="h3", source="a", target="d"),
        ],
    )
    g = compute_layout(bp)
    routes = routing.route_all(g, [(h.id, h.source, h.target) for h in bp.handoffs])
    assert route_problems(g, routes) == []
    right_of_c1 = g.step_rect["a"].right
    left_of_c2 = g.step_rect["d"].x
    for hid in ("h1", "h2", "h3"):
        verticals = [s for s in routes[hid].segments() if s[0][0] == s[1][0]]
        assert all(right_of_c1 < s[0][0] < left_of_c2 for s in verticals), hid
    # the three arrows in the gap keep apart
    xs = sorted({s[0][0] for h in ("h1", "h2", "h3") for s in routes[h].segments() if s[0][0] == s[1][0]})
    assert len(xs) == 3 and min(b - a for a, b in zip(xs, xs[1:])) >= routing.TRACK_GAP_MIN


def test_a_far_column_is_reached_through_a_lane_corridor_off_the_lines():
    bp = Blueprint(
        lanes=standard_lanes(),
        columns=[Column(id=f"c{i}") for i in range(4)],
        steps=[Step(id=f"s{i}", lane="frontstage", column=f"c{i}", title="S") for i in range(4)]
        + [Step(id="t", lane="backstage", column="c3", title="T")],
        handoffs=[
            Handoff(id="h1", source="s0", target="s3"),
            Handoff(id="h2", source="s0", target="t", label="far away"),
        ],
    )
    g = compute_layout(bp)
    routes, places = route_blueprint(bp, g, label_size)
    assert route_problems(g, routes) == []
    assert label_problems(g, routes, places) == []
    assert len(routes["h1"].points) == 6


def test_spread_keeps_order_bounds_and_gap():
    ys = routing.spread([(10, 0, 100), (10, 0, 100), (10, 0, 100)], 8)
    assert ys == [10, 18, 26]
    ys = routing.spread([(95, 0, 100), (95, 0, 100)], 8)
    assert ys == [92, 100]
    ys = routing.spread([(5, 0, 10), (5, 0, 10), (5, 0, 10)], 8)  # no room: closer
    assert ys == [0, 5, 10]


def test_route_pair_joins_free_rectangles_orthogonally():
    a, b = Rect(0, 0, 100, 50), Rect(200, 100, 100, 50)
    r = routing.route_pair(a, b)
    assert r.start[0] > 100 and r.end[0] < 200
    assert all(p[0] == q[0] or p[1] == q[1] for p, q in r.segments())
    below = routing.route_pair(a, Rect(0, 200, 100, 50))
    assert below.points == ((50, 52), (50, 198))


# ------------------------------------------------------------ generated blueprints
LANES = [lane.id for lane in standard_lanes()]


@st.composite
def blueprints(draw):
    n_cols = draw(st.integers(1, 5))
    columns = [Column(id=f"c{i}") for i in range(n_cols)]
    n_steps = draw(st.integers(2, 16))
    steps = []
    for i in range(n_steps):
        lane = draw(st.sampled_from(LANES[1:4]))  # crowd the three middle lanes: stacks
        col = draw(st.integers(0, n_cols - 1))
        steps.append(Step(id=f"s{i}", lane=lane, column=f"c{col}", title=f"Step {i}"))
    words = st.sampled_from(
        ["ok", "booking details", "a rather long label for a handoff", "ID", "room number and key cards", ""]
    )
    pairs = st.tuples(st.integers(0, n_steps - 1), st.integers(0, n_steps - 1), words, st.booleans())
    handoffs = []
    for k, (a, b, label, two_way) in enumerate(draw(st.lists(pairs, max_size=30))):
        if a != b:
            handoffs.append(Handoff(id=f"h{k}", source=f"s{a}", target=f"s{b}", label=label, two_way=two_way))
    return Blueprint(lanes=standard_lanes(), columns=columns, steps=steps, handoffs=handoffs)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blueprints())
def test_generated_blueprints_keep_the_rules(bp):
    g = compute_layout(bp)
    routes, places = route_blueprint(bp, g, label_size)
    assert set(routes) == {h.id for h in bp.handoffs}
    assert route_problems(g, routes) == []
    assert label_problems(g, routes, places) == []


def test_midpoint_is_half_way_along_the_route():
    assert routing.Route(((0.0, 0.0), (0.0, 10.0), (30.0, 10.0))).midpoint() == (10.0, 10.0)
    assert routing.Route(((5.0, 5.0), (5.0, 25.0))).midpoint() == (5.0, 15.0)
    assert routing.Route(((0.0, 0.0), (0.0, 0.0), (0.0, 8.0))).midpoint() == (0.0, 4.0)
    assert routing.Route(((3.0, 4.0), (3.0, 4.0))).midpoint() == (3.0, 4.0)
