"""The validator: the five contract rules with the spec's edge cases, the project's own
rules, the order of findings, and that the contract rules never query paths per pair."""

from __future__ import annotations

import dataclasses
import itertools
import json

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint_editor.core import graph as graph_mod
from blueprint_editor.core.model import (
    Blueprint,
    Column,
    Handoff,
    Lane,
    Phase,
    Step,
    new_blueprint,
)
from blueprint_editor.core.validate import RULES, Finding, validate
from factories import STANDARD_KINDS, blueprint_of

CONTRACT = (
    "frontstage-unsupported",
    "backstage-purposeless",
    "customer-no-contact",
    "visibility-breach",
    "isolated-step",
)


def found(bp, codes=CONTRACT):
    """(code, steps, handoffs) of the findings with these codes, in validator order."""
    return [(f.code, f.steps, f.handoffs) for f in validate(bp) if f.code in codes]


def codes_of(bp, step):
    return sorted(f.code for f in validate(bp) if f.steps == (step,))


# A healthy little chain used as a base: evidence, customer, front, back, support in column 1.
HEALTHY_STEPS = [
    ("ev", "evidence", 1),
    ("cu", "customer", 1),
    ("fr", "frontstage", 1),
    ("bk", "backstage", 1),
    ("sp", "support", 1),
]
HEALTHY_HANDOFFS = [("cu", "fr"), ("fr", "bk"), ("bk", "sp")]


def test_healthy_blueprint_has_no_findings():
    assert validate(blueprint_of(HEALTHY_STEPS, HEALTHY_HANDOFFS, columns=1)) == []


# ------------------------------------------------------------ frontstage-unsupported
def test_frontstage_with_only_customer_contact_is_unsupported():
    bp = blueprint_of([("cu", "customer", 1), ("fr", "frontstage", 1)], [("cu", "fr")])
    assert found(bp) == [("frontstage-unsupported", ("fr",), ())]


def test_frontstage_support_counts_through_the_whole_org_component_in_any_direction():
    # fr1 -- fr2 <- fr3 <- sp (support reaches fr1 through two front-stage steps, arrows backwards)
    bp = blueprint_of(
        [("fr1", "frontstage", 1), ("fr2", "frontstage", 2), ("fr3", "frontstage", 3), ("sp", "support", 3)],
        [("fr1", "fr2"), ("fr3", "fr2"), ("sp", "fr3")],
    )
    assert found(bp, {"frontstage-unsupported", "backstage-purposeless"}) == []


def test_a_path_through_a_customer_step_does_not_connect_the_org_graph():
    bp = blueprint_of(
        [("fr", "frontstage", 1), ("cu", "customer", 1), ("bk", "backstage", 2)], [("fr", "cu"), ("cu", "bk")]
    )
    assert found(bp, {"frontstage-unsupported", "backstage-purposeless"}) == [
        ("frontstage-unsupported", ("fr",), ()),
        ("backstage-purposeless", ("bk",), ()),
    ]


def test_one_finding_per_step_however_many_handoffs_it_has():
    bp = blueprint_of(
        [("c1", "customer", 1), ("c2", "customer", 2), ("fr", "frontstage", 1)],
        [("c1", "fr"), ("fr", "c2"), ("c2", "fr")],
    )
    assert found(bp) == [("frontstage-unsupported", ("fr",), ())]


# ------------------------------------------------------------- backstage-purposeless
def test_backstage_and_support_without_any_frontstage_are_purposeless():
    bp = blueprint_of([("bk", "backstage", 1), ("sp", "support", 2)], [("bk", "sp")])
    assert found(bp) == [("backstage-purposeless", ("bk",), ()), ("backstage-purposeless", ("sp",), ())]


def test_support_reaching_the_front_stage_through_back_stage_is_fine():
    bp = blueprint_of(
        [("fr", "frontstage", 1), ("bk", "backstage", 1), ("sp", "support", 1)], [("sp", "bk"), ("bk", "fr")]
    )
    assert found(bp) == []


def test_purposeless_message_names_the_lane_kind_and_the_title():
    bp = blueprint_of(
        [("sp", "support", 1, {"title": "Nightly backup"}), ("bk", "backstage", 1)], [("sp", "bk")]
    )
    messages = [f.message for f in validate(bp) if f.code == "backstage-purposeless"]
    assert messages[1].startswith("Support step 'Nightly backup' ")
    assert "connect it to the front-stage step" in messages[1]


# --------------------------------------------------------------- customer-no-contact
@pytest.mark.parametrize("handoff", [("cu", "fr"), ("fr", "cu")])
def test_customer_contact_in_either_direction(handoff):
    bp = blueprint_of(
        [("cu", "customer", 1), ("fr", "frontstage", 1), ("bk", "backstage", 1)], [handoff, ("fr", "bk")]
    )
    assert found(bp) == []


def test_customer_contact_must_be_direct():
    # cu2 reaches the front stage only through cu1
    bp = blueprint_of(
        [("cu1", "customer", 1), ("cu2", "customer", 2), ("fr", "frontstage", 1), ("bk", "backstage", 1)],
        [("cu2", "cu1"), ("cu1", "fr"), ("fr", "bk")],
    )
    assert found(bp) == [("customer-no-contact", ("cu2",), ())]


def test_self_service_customer_needs_no_contact():
    bp = blueprint_of(
        [("cu1", "customer", 1, {"self_service": True}), ("cu2", "customer", 2)], [("cu1", "cu2")]
    )
    assert found(bp) == [("customer-no-contact", ("cu2",), ())]


# ----------------------------------------------------------------- visibility-breach
def test_visibility_breach_names_the_handoff_and_its_two_ends():
    bp = blueprint_of(
        [("cu", "customer", 1), ("fr", "frontstage", 1), ("bk", "backstage", 1), ("sp", "support", 2)],
        [("cu", "fr"), ("fr", "bk"), ("cu", "bk"), ("sp", "cu"), ("bk", "sp")],
    )
    assert found(bp, {"visibility-breach"}) == [
        ("visibility-breach", ("cu", "bk"), ("h3",)),
        ("visibility-breach", ("sp", "cu"), ("h4",)),
    ]
    messages = [f.message for f in validate(bp) if f.code == "visibility-breach"]
    assert "back-stage work" in messages[0] and "a support process" in messages[1]


def test_one_breach_per_handoff_even_between_the_same_two_steps():
    bp = blueprint_of([("cu", "customer", 1), ("bk", "backstage", 1)], [("cu", "bk"), ("bk", "cu", True)])
    assert [h for c, s, h in found(bp, {"visibility-breach"})] == [("h1",), ("h2",)]


def test_no_breach_for_front_stage_evidence_or_note_links():
    bp = blueprint_of(
        [
            ("ev", "evidence", 1),
            ("cu", "customer", 1),
            ("fr", "frontstage", 1),
            ("bk", "backstage", 1),
            ("nt", "note", 1),
        ],
        [("cu", "fr"), ("fr", "bk"), ("ev", "bk"), ("nt", "cu"), ("nt", "bk")],
        lanes=STANDARD_KINDS[:4] + ("note",),
    )
    assert found(bp, {"visibility-breach"}) == []


# --------------------------------------------------------------------- isolated-step
def test_isolated_front_stage_step_is_also_unsupported():
    bp = blueprint_of([("fr", "frontstage", 1)])
    assert codes_of(bp, "fr") == ["frontstage-unsupported", "isolated-step"]


def test_isolated_back_stage_and_support_steps_are_also_purposeless():
    bp = blueprint_of([("bk", "backstage", 1), ("sp", "support", 1)])
    assert codes_of(bp, "bk") == codes_of(bp, "sp") == ["backstage-purposeless", "isolated-step"]


def test_isolated_customer_step_also_lacks_contact_unless_self_service():
    bp = blueprint_of(
        [("cu1", "customer", 1), ("cu2", "customer", 1, {"self_service": True})], lanes=("customer",)
    )
    assert found(bp) == [
        ("customer-no-contact", ("cu1",), ()),
        ("isolated-step", ("cu1",), ()),
        ("isolated-step", ("cu2",), ()),
    ]


def test_evidence_and_note_steps_get_none_of_the_five():
    bp = blueprint_of(
        [("ev", "evidence", 1), ("nt", "note", 2), ("n2", "note", 1)],
        [("nt", "n2")],
        lanes=("evidence", "note"),
    )
    assert found(bp) == []


# ------------------------------------------------------ several lanes of the same kind
TWO_BACKSTAGES = (
    "customer",
    "frontstage",
    ("kitchen", "backstage"),
    ("dispatch", "backstage"),
    ("customer-2", "customer"),
)


def test_several_lanes_may_share_a_kind():
    bp = blueprint_of(
        [
            ("cu", "customer", 1),
            ("fr", "frontstage", 1),
            ("k", "kitchen", 1),
            ("d", "dispatch", 2),
            ("c2", "customer-2", 2),
        ],
        [("cu", "fr"), ("fr", "d"), ("k", "d"), ("c2", "k")],
        lanes=TWO_BACKSTAGES,
    )
    # the kitchen is supported through dispatch; the second customer lane is a customer lane:
    # its step touching the kitchen is a breach, and it has no front-stage contact
    assert found(bp) == [("customer-no-contact", ("c2",), ()), ("visibility-breach", ("c2", "k"), ("h4",))]


def test_lane_order_not_kind_order_sorts_findings_of_same_kind_lanes():
    bp = blueprint_of([("d", "dispatch", 1), ("k", "kitchen", 1)], lanes=TWO_BACKSTAGES)
    assert [f.steps for f in validate(bp) if f.code == "isolated-step"] == [("k",), ("d",)]


# -------------------------------------------------------------------------- ordering
def test_findings_ordered_by_lane_then_column_then_file_order():
    lanes = ("support", "frontstage", "customer")  # a lane order unlike the standard one
    steps = [
        ("s3", "support", 2),
        ("f2", "frontstage", 1),
        ("s1", "support", 1),
        ("c1", "customer", 3),
        ("s2", "support", 1),
        ("f1", "frontstage", 1),
    ]
    bp = blueprint_of(steps, lanes=lanes)
    isolated = [f.steps[0] for f in validate(bp) if f.code == "isolated-step"]
    assert isolated == ["s1", "s2", "s3", "f2", "f1", "c1"]


def test_findings_of_one_step_follow_rules_order_then_its_outgoing_handoffs():
    # Blueprint-wide findings first, then per anchor step: own findings, then handoffs it sends.
    bp = blueprint_of(
        [
            ("cu", "customer", 2, {"fail_point": True, "owner": ""}),
            ("bk", "backstage", 1),
            ("cu0", "customer", 1),
        ],
        [("cu", "bk"), ("cu", "cu0")],
        lanes=("customer", "backstage"),
        columns=3,
    )
    got = [(f.code, f.steps) for f in validate(bp)]
    assert got == [
        ("missing-standard-lane", ()),
        ("missing-standard-lane", ()),
        ("missing-standard-lane", ()),
        ("empty-column", ()),
        ("customer-no-contact", ("cu0",)),
        ("customer-no-contact", ("cu",)),
        ("fail-point-no-owner", ("cu",)),
        ("visibility-breach", ("cu", "bk")),
        ("backward-handoff", ("cu", "bk")),
        ("backward-handoff", ("cu", "cu0")),
        ("backstage-purposeless", ("bk",)),
    ]
    lane_messages = [f.message for f in validate(bp) if f.code == "missing-standard-lane"]
    assert [
        "evidence" in lane_messages[0],
        "front-stage" in lane_messages[1],
        "support" in lane_messages[2],
    ] == [True, True, True]


def test_one_handoffs_findings_are_in_rules_order_and_handoffs_in_file_order():
    bp = blueprint_of(
        [("sp", "support", 2), ("cu", "customer", 1), ("c2", "customer", 2)],
        [("sp", "c2"), ("sp", "cu")],
        lanes=("customer", "support"),
    )
    got = [(f.code, f.handoffs) for f in validate(bp) if f.handoffs]
    assert got == [
        ("visibility-breach", ("h1",)),
        ("visibility-breach", ("h2",)),
        ("backward-handoff", ("h2",)),
    ]


def test_validate_is_deterministic():
    bp = blueprint_of(
        HEALTHY_STEPS + [("x", "backstage", 2), ("y", "customer", 3)], HEALTHY_HANDOFFS + [("y", "x")]
    )
    assert validate(bp) == validate(bp)


# ----------------------------------------------------------------- the project's rules
def test_empty_title():
    bp = blueprint_of(HEALTHY_STEPS, HEALTHY_HANDOFFS, columns=1)
    bp.steps[2].title = "   "
    got = [f for f in validate(bp)]
    assert [(f.code, f.steps) for f in got] == [("empty-title", ("fr",))]
    assert got[0].severity == "warning"
    assert got[0].message.startswith("A front-stage step in column 1 has no title")


def test_untitled_steps_are_named_by_column_in_other_messages():
    bp = blueprint_of([("fr", "frontstage", 2, {"title": ""})])
    messages = {f.code: f.message for f in validate(bp)}
    assert messages["isolated-step"].startswith("Front-stage step (untitled, column 2) has")


def test_fail_point_without_owner():
    bp = blueprint_of(
        [
            ("ev", "evidence", 1, {"fail_point": True, "owner": " "}),
            ("sp", "support", 1, {"fail_point": True, "owner": "IT"}),
        ],
        lanes=("evidence",) + STANDARD_KINDS[2:],
    )
    got = [f for f in validate(bp) if f.code == "fail-point-no-owner"]
    assert [(f.steps, f.severity) for f in got] == [(("ev",), "info")]
    assert "Fail point 'Tev' has no owner" in got[0].message


def test_wait_point_without_duration():
    bp = blueprint_of(
        [
            ("a", "note", 1, {"wait_point": True}),
            ("b", "note", 1, {"wait_point": True, "duration_minutes": 0}),
            ("c", "note", 1, {"wait_point": False}),
        ],
        lanes=("note",),
        columns=1,
    )
    assert found(bp, {"wait-point-no-duration"}) == [("wait-point-no-duration", ("a",), ())]


def test_customer_without_evidence_in_its_column():
    steps = [
        ("ev", "evidence", 1),
        ("c1", "customer", 1),
        ("c2", "customer", 2),
        ("c3", "customer", 2, {"self_service": True}),
    ]
    assert found(blueprint_of(steps), {"customer-no-evidence"}) == [
        ("customer-no-evidence", ("c2",), ()),
        ("customer-no-evidence", ("c3",), ()),
    ]
    # without any evidence lane, missing-standard-lane says it once instead
    no_lane = blueprint_of(steps[1:], lanes=STANDARD_KINDS[1:])
    assert found(no_lane, {"customer-no-evidence"}) == []
    assert found(no_lane, {"missing-standard-lane"}) == [("missing-standard-lane", (), ())]


def test_backward_handoff():
    bp = blueprint_of(
        [("a", "customer", 1), ("b", "customer", 3), ("c", "customer", 3), ("d", "customer", 2)],
        [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d", True)],
        lanes=("customer",),
    )
    got = [f for f in validate(bp) if f.code == "backward-handoff"]
    assert [(f.steps, f.handoffs, f.severity) for f in got] == [(("b", "a"), ("h2",), "info")]
    assert got[0].message.startswith("Handoff from 'Tb' goes back in time to 'Ta'")


def test_empty_column_names_its_phase():
    cols = [Column(id="col1", phase="arrive"), Column(id="col2", phase="arrive"), Column(id="col3")]
    bp = blueprint_of(
        [("n", "note", 1)], lanes=("note",), columns=cols, phases=[Phase(id="arrive", title="Arrival")]
    )
    got = [f.message for f in validate(bp) if f.code == "empty-column"]
    assert got == [
        "Column 2 (phase 'Arrival') has no steps: fill it in or delete it.",
        "Column 3 has no steps: fill it in or delete it.",
    ]
    # the editor can point at the column; the JSON output keeps the format's keys
    found = [f for f in validate(bp) if f.code == "empty-column"]
    assert [f.columns for f in found] == [("col2",), ("col3",)]
    assert set(found[0].to_json()) == {"code", "severity", "message", "steps", "handoffs"}


def test_missing_standard_lanes_and_a_new_blueprint():
    only_notes = Blueprint(lanes=[Lane(id="n", kind="note", title="N")])
    assert [f.code for f in validate(only_notes)] == ["missing-standard-lane"] * 5
    assert [f.code for f in validate(new_blueprint(columns=2))] == ["empty-column"] * 2


# ------------------------------------------------------------------- Finding and RULES
def test_finding_json_shape_and_immutability():
    f = Finding("isolated-step", "warning", "m", ("a",))
    assert json.dumps(f.to_json()) == (
        '{"code": "isolated-step", "severity": "warning", "message": "m", "steps": ["a"], "handoffs": []}'
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.code = "x"


def test_rules_registry_documents_every_code():
    assert tuple(RULES)[:5] == CONTRACT
    assert all(RULES[c].severity == "warning" and RULES[c].contract for c in CONTRACT)
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "info")
        assert rule.description and "\n" not in rule.description
    assert not any(rule.contract for code, rule in RULES.items() if code not in CONTRACT)


def test_every_finding_uses_its_registered_severity():
    bp = blueprint_of(
        [
            ("cu", "customer", 1, {"title": "", "fail_point": True, "owner": "", "wait_point": True}),
            ("bk", "backstage", 1),
        ],
        [("cu", "bk")],
        columns=2,
    )
    findings = validate(bp)
    assert len({f.code for f in findings}) >= 8
    assert all(RULES[f.code].severity == f.severity for f in findings)


def test_unresolved_references_do_not_crash():
    bp = Blueprint(
        lanes=[Lane(id="cu", kind="customer", title="C")],
        columns=[Column(id="c1")],
        steps=[
            Step(id="a", lane="nowhere", column="c9", title="A"),
            Step(id="b", lane="cu", column="c1", title="B"),
        ],
        handoffs=[Handoff(id="h", source="a", target="ghost")],
    )
    assert [f.code for f in validate(bp) if f.code in CONTRACT] == [
        "customer-no-contact",
        "isolated-step",
        "isolated-step",
    ]


# ------------------------------------------------------------------------- linearity
def test_contract_rules_use_one_components_search_and_no_path_queries(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("path query in the validator")

    for name in (
        "has_path",
        "shortest_path",
        "shortest_path_length",
        "all_simple_paths",
        "node_connected_component",
        "descendants",
        "ancestors",
        "bfs_tree",
    ):
        monkeypatch.setattr(nx, name, forbidden)
    calls = []
    real = nx.connected_components
    monkeypatch.setattr(nx, "connected_components", lambda g: calls.append(g) or real(g))

    # a 5,000-step front-stage chain supported only at its far end, plus a customer step
    n = 5000
    steps = [(f"f{i}", "frontstage", 1) for i in range(n)] + [("b", "backstage", 2), ("cu", "customer", 1)]
    handoffs = [(f"f{i}", f"f{i + 1}") for i in range(n - 1)] + [(f"f{n - 1}", "b"), ("cu", "f0")]
    bp = blueprint_of(steps, handoffs, columns=2, lanes=STANDARD_KINDS[1:])
    assert found(bp) == []
    assert len(calls) == 1
    assert calls[0].number_of_nodes() == n + 1 and calls[0].number_of_edges() == n


def test_graphs_of_a_blueprint():
    bp = blueprint_of(
        HEALTHY_STEPS + [("c2", "customer", 2)], HEALTHY_HANDOFFS + [("cu", "c2", True), ("cu", "c2")]
    )
    g = graph_mod.blueprint_graph(bp)
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 5
    assert g.nodes["bk"] == {"lane": "backstage", "kind": "backstage", "column": "col1"}
    assert g.edges["cu", "c2", "h4"]["two_way"] is True
    org = graph_mod.org_graph(bp, with_kinds=True)
    assert sorted(org.nodes) == ["bk", "fr", "sp"] and org.number_of_edges() == 2
    assert org.nodes["sp"]["kind"] == "support"


# ----------------------------------------------- the contract rules against the spec text
def reference_contract(bp: Blueprint) -> set:
    """The five rules written straight from the spec, with path queries (small inputs only)."""
    kind = {s.id: next(l.kind for l in bp.lanes if l.id == s.lane) for s in bp.steps}
    org = nx.Graph()
    org.add_nodes_from(s for s, k in kind.items() if k in ("frontstage", "backstage", "support"))
    org.add_edges_from((h.source, h.target) for h in bp.handoffs if h.source in org and h.target in org)

    def component_has(s, kinds):
        return any(kind[t] in kinds for t in org if nx.has_path(org, s, t))

    out = set()
    for s in bp.steps:
        k, linked = kind[s.id], [h for h in bp.handoffs if s.id in (h.source, h.target)]
        if k == "frontstage" and not component_has(s.id, {"backstage", "support"}):
            out.add(("frontstage-unsupported", (s.id,), ()))
        if k in ("backstage", "support") and not component_has(s.id, {"frontstage"}):
            out.add(("backstage-purposeless", (s.id,), ()))
        if (
            k == "customer"
            and not s.self_service
            and not any(kind[h.source if h.target == s.id else h.target] == "frontstage" for h in linked)
        ):
            out.add(("customer-no-contact", (s.id,), ()))
        if k not in ("evidence", "note") and not linked:
            out.add(("isolated-step", (s.id,), ()))
    for h in bp.handoffs:
        if {kind[h.source], kind[h.target]} in ({"customer", "backstage"}, {"customer", "support"}):
            out.add(("visibility-breach", (h.source, h.target), (h.id,)))
    return out


@st.composite
def blueprints(draw):
    lanes = draw(st.lists(st.sampled_from(STANDARD_KINDS + ("note",)), min_size=1, max_size=7))
    lane_ids = [f"l{i}" for i in range(len(lanes))]
    n = draw(st.integers(1, 9))
    steps = [
        (
            f"s{i}",
            draw(st.sampled_from(lane_ids)),
            draw(st.integers(1, 3)),
            {"self_service": draw(st.booleans())},
        )
        for i in range(n)
    ]
    pairs = [p for p in itertools.permutations(range(n), 2)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=12)) if pairs else []
    handoffs = [(f"s{a}", f"s{b}", draw(st.booleans())) for a, b in chosen]
    return blueprint_of(steps, handoffs, lanes=list(zip(lane_ids, lanes, strict=True)))


@settings(max_examples=150, deadline=None)
@given(blueprints())
def test_contract_rules_match_the_spec_on_random_blueprints(bp):
    got = found(bp)
    assert len(got) == len(set(got))  # one finding per step or handoff and rule
    assert set(got) == reference_contract(bp)
