"""Geometry checks on routed arrows and placed labels (shared by the routing tests).

Each check returns a list of problems (empty when fine), so a failing test says which
arrow or label broke which rule.
"""

from __future__ import annotations

from collections import defaultdict

from blueprint_editor.core import labels, routing
from blueprint_editor.core.layout import GridLayout, Rect
from blueprint_editor.core.model import Blueprint

#: A horizontal segment closer than this to a lane boundary counts as running on it.
ON_LINE = 4.0


def route_blueprint(bp: Blueprint, g: GridLayout, label_size) -> tuple[dict, dict]:
    routes = routing.route_all(g, [(h.id, h.source, h.target) for h in bp.handoffs])
    sizes = [(h.id, *label_size(h.label)) for h in bp.handoffs if h.label.strip()]
    return routes, labels.place_labels(g, routes, sizes)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def route_problems(g: GridLayout, routes: dict[str, routing.Route]) -> list[str]:
    out: list[str] = []
    ys = labels.boundaries(g)
    cards = list(g.step_rect.items())
    ends: dict[tuple[float, float], str] = {}
    horizontal: dict[float, list] = defaultdict(list)
    vertical: dict[float, list] = defaultdict(list)
    for hid, route in routes.items():
        for p in (route.start, route.end):
            key = (round(p[0], 1), round(p[1], 1))
            if key in ends:
                out.append(f"{hid} and {ends[key]} share the port {key}")
            ends[key] = hid
        for (x0, y0), (x1, y1) in route.segments():
            if x0 != x1 and y0 != y1:
                out.append(f"{hid}: slanted segment {(x0, y0)}-{(x1, y1)}")
                continue
            if x0 == x1 and y0 == y1:
                out.append(f"{hid}: empty segment at {(x0, y0)}")
                continue
            if y0 == y1:
                for y in ys:
                    if abs(y0 - y) < ON_LINE:
                        out.append(f"{hid}: horizontal segment at y={y0} runs on the line at y={y}")
                horizontal[round(y0, 1)].append((min(x0, x1), max(x0, x1), hid))
            else:
                vertical[round(x0, 1)].append((min(y0, y1), max(y0, y1), hid))
            seg = Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
            for sid, card in cards:
                inner = Rect(card.x + 0.5, card.y + 0.5, card.w - 1, card.h - 1)
                thick = Rect(seg.x - 0.01, seg.y - 0.01, seg.w + 0.02, seg.h + 0.02)
                if _overlaps(thick, inner):
                    out.append(f"{hid}: segment {(x0, y0)}-{(x1, y1)} crosses card {sid}")
    for axis in (horizontal, vertical):
        for at, spans in axis.items():
            spans.sort()
            for (_a0, a1, ha), (b0, _b1, hb) in zip(spans, spans[1:]):
                if ha != hb and b0 < a1 - 0.5:
                    out.append(f"{ha} and {hb} share a segment at {at}")
    return out


def label_problems(g: GridLayout, routes, places: dict[str, labels.LabelPlace]) -> list[str]:
    out: list[str] = []
    ys = labels.boundaries(g)
    placed = list(places.items())
    for hid, place in placed:
        r = place.rect
        for y in ys:
            if r.y <= y <= r.bottom:
                out.append(f"label {hid} {r} is on the line at y={y}")
        for sid, card in g.step_rect.items():
            if _overlaps(r, card):
                out.append(f"label {hid} {r} covers card {sid}")
        if r.x < g.grid_left:
            out.append(f"label {hid} {r} is under the lane headers")
        # attached: beside one of its segments, or its leader ends on the arrow
        route = routes[hid]
        if place.leader is None:
            near = min(_distance(r, seg) for seg in route.segments())
            if near > labels.BESIDE + 0.5:
                out.append(f"label {hid} {r} is {near:.1f} from its arrow, with no leader")
        else:
            (x, y) = place.leader[1]
            if min(_point_to_segment(x, y, seg) for seg in route.segments()) > 0.5:
                out.append(f"label {hid}: leader ends off its arrow at {(x, y)}")
    placed.sort(key=lambda item: item[1].rect.x)
    for i, (ha, pa) in enumerate(placed):  # sweep on x
        for hb, pb in placed[i + 1 :]:
            if pb.rect.x >= pa.rect.right:
                break
            if _overlaps(pa.rect, pb.rect):
                out.append(f"labels {ha} and {hb} overlap")
    return out


def _point_to_segment(x: float, y: float, seg) -> float:
    (x0, y0), (x1, y1) = seg
    cx = min(max(x, min(x0, x1)), max(x0, x1))
    cy = min(max(y, min(y0, y1)), max(y0, y1))
    return ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5


def _distance(r: Rect, seg) -> float:
    """Distance from a rectangle to an axis-parallel segment."""
    (x0, y0), (x1, y1) = seg
    dx = max(min(x0, x1) - r.right, r.x - max(x0, x1), 0.0)
    dy = max(min(y0, y1) - r.bottom, r.y - max(y0, y1), 0.0)
    return (dx * dx + dy * dy) ** 0.5
