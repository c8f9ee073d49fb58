"""A blueprint as graphs (networkx), for the validator and anyone who needs paths.

- :func:`blueprint_graph`: a directed multigraph, one node per step, one edge per handoff.
- :func:`org_graph`: the *org graph* of the file format contract: the undirected graph of
  the org-side steps (lanes of kind frontstage, backstage or support) and the handoffs
  between two org-side steps.

Everything here is linear in the size of the blueprint: lane kinds are looked up once per
lane, every step and handoff is visited once. References that do not resolve (a step in a
lane that does not exist) never raise: such a step simply has no kind (``None``).
"""

from __future__ import annotations

import networkx as nx

from .model import ORG_KINDS, Blueprint


def lane_kinds(bp: Blueprint) -> dict[str, str]:
    """Lane id -> lane kind."""
    return {lane.id: lane.kind for lane in bp.lanes}


def step_kinds(bp: Blueprint) -> dict[str, str | None]:
    """Step id -> the kind of the lane it sits in (``None`` for an unknown lane)."""
    kinds = lane_kinds(bp)
    get = kinds.get
    return {step.id: get(step.lane) for step in bp.steps}


def blueprint_graph(bp: Blueprint) -> nx.MultiDiGraph:
    """Steps and handoffs as a directed multigraph.

    Node = step id, with attributes ``lane``, ``kind`` (the lane's kind) and ``column``.
    Edge = handoff ``source -> target`` keyed by the handoff id, with attributes ``label``
    and ``two_way`` (a two-way handoff is still one edge; callers decide what it means).
    Handoffs whose ends are not steps of the blueprint are left out.
    """
    kinds = lane_kinds(bp)
    graph = nx.MultiDiGraph(title=bp.title)
    graph.add_nodes_from(
        (s.id, {"lane": s.lane, "kind": kinds.get(s.lane), "column": s.column}) for s in bp.steps
    )
    nodes = graph.nodes
    graph.add_edges_from(
        (h.source, h.target, h.id, {"label": h.label, "two_way": h.two_way})
        for h in bp.handoffs
        if h.source in nodes and h.target in nodes
    )
    return graph


def org_graph(
    bp: Blueprint, kinds: dict[str, str | None] | None = None, *, with_kinds: bool = False
) -> nx.Graph:
    """The undirected org graph of the contract.

    Nodes: org-side steps (with attribute ``kind`` when ``with_kinds``; the validator
    skips it, it already holds the kinds). Edges: handoffs whose two ends are both org-side
    (direction and ``two_way`` do not matter; several handoffs between the same pair are
    one edge). ``kinds`` is :func:`step_kinds` when the caller already has it.
    """
    if kinds is None:
        kinds = step_kinds(bp)
    graph = nx.Graph()
    if with_kinds:
        graph.add_nodes_from((s, {"kind": k}) for s, k in kinds.items() if k in ORG_KINDS)
    else:
        graph.add_nodes_from(s for s, k in kinds.items() if k in ORG_KINDS)
    get = kinds.get
    graph.add_edges_from(
        (h.source, h.target) for h in bp.handoffs if get(h.source) in ORG_KINDS and get(h.target) in ORG_KINDS
    )
    return graph


def org_components(graph: nx.Graph) -> list[set[str]]:
    """Connected components of an org graph (one breadth-first search over all of it)."""
    return list(nx.connected_components(graph))
