"""Arrow routes computed from the grid layout: ports on card edges, channels, corridors.

Every handoff becomes an orthogonal polyline (scene units) from the edge of its source
card to the edge of its target card. The routes keep off the blueprint's lines:

- two cards next to each other in one column (nothing between them, room for a head)
  are joined by one straight vertical segment that crosses the lines square on;
- every other arrow leaves its card from a side edge into a *channel* (the free gap
  between two columns), runs vertically there (crossing lines square on) and enters its
  target from the side; a target two or more columns away is reached through a
  *corridor* (the free strip between a lane's top edge and its first cards, or between
  its last cards and its bottom edge; the less busy of the two lanes' strips).

No segment runs along a line or a lane boundary, and none crosses a card. Each arrow has
its own port on a card edge: the ports of an edge (and of the edge facing it across a
channel) are spread apart and ordered by where the arrows go, so two arrows never share
a point or a segment; arrows in one channel or corridor get their own track (interval
partitioning, so arrows that don't overlap reuse a track and the tracks stay apart).

Cost: one pass over the steps and the handoffs plus a sort per channel, corridor and
edge: O(n log n) for n handoffs, a few microseconds each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from .layout import GridLayout, Rect

Point = tuple[float, float]

#: Ends stop this far from the card edge (so the head's tip touches, not covers, it).
END_GAP = 2.0
#: Two cards one above the other closer than this are not joined by a vertical arrow.
MIN_VERTICAL_GAP = 24.0
#: Wanted distance between neighbouring ports on a side edge / a top or bottom edge.
PORT_GAP_SIDE = 14.0
PORT_GAP_END = 22.0
#: Ports keep this far from a card's corners.
PORT_MARGIN = 9.0
#: Wanted distance between tracks in a channel / corridor; the least they may get.
TRACK_GAP = 7.0
TRACK_GAP_MIN = 3.0
#: A corridor's tracks keep this far from its lane boundary and cards (at least the
#: second figure when it is crowded).
CORRIDOR_MARGIN = 7.0
CORRIDOR_MARGIN_MIN = 5.0
#: Room left for an arrow head between a channel track and the card it enters.
HEAD_ROOM = 15.0


class Route(NamedTuple):
    """An orthogonal polyline from the source card's edge to the target card's edge."""

    points: tuple[Point, ...]

    @property
    def start(self) -> Point:
        return self.points[0]

    @property
    def end(self) -> Point:
        return self.points[-1]

    def segments(self) -> list[tuple[Point, Point]]:
        p = self.points
        return [(p[i], p[i + 1]) for i in range(len(p) - 1)]

    def end_direction(self) -> Point:
        return _unit(self.points[-2], self.points[-1])

    def start_direction(self) -> Point:
        """Unit vector pointing back out of the start (for a head at the start)."""
        return _unit(self.points[1], self.points[0])

    def midpoint(self) -> Point:
        """The point half way along the polyline (by length)."""
        p = self.points
        lengths = [abs(p[i + 1][0] - p[i][0]) + abs(p[i + 1][1] - p[i][1]) for i in range(len(p) - 1)]
        left = sum(lengths) / 2
        for i, length in enumerate(lengths):
            if left <= length and length > 0:
                t = left / length
                return (p[i][0] + (p[i + 1][0] - p[i][0]) * t, p[i][1] + (p[i + 1][1] - p[i][1]) * t)
            left -= length
        return p[-1]

    def middle_segment(self) -> tuple[Point, Point]:
        """The segment a label belongs to: the middle one (of three or five), else the
        longest."""
        segs = self.segments()
        if len(segs) % 2 == 1 and len(segs) > 1:
            a, b = segs[len(segs) // 2]
            if abs(a[0] - b[0]) + abs(a[1] - b[1]) >= 12:
                return a, b
        return max(segs, key=lambda s: abs(s[0][0] - s[1][0]) + abs(s[0][1] - s[1][1]))


def _unit(frm: Point, to: Point) -> Point:
    dx, dy = to[0] - frm[0], to[1] - frm[1]
    n = (dx * dx + dy * dy) ** 0.5 or 1.0
    return (dx / n, dy / n)


class _Port(NamedTuple):
    hid: str
    want: float  # wanted coordinate along the edge
    lo: float
    hi: float


# ----------------------------------------------------------------- 1D spreading
def spread(items: list[tuple[float, float, float]], gap: float) -> list[float]:
    """Positions for items ``(want, lo, hi)`` sorted by ``want``: each as near its wish
    as possible, inside its bounds, neighbours at least ``gap`` apart (less when the room
    runs out). Two passes: push down, then pull back up from the end."""
    n = len(items)
    if n == 0:
        return []
    lo_all = min(i[1] for i in items)
    hi_all = max(i[2] for i in items)
    if n > 1 and (hi_all - lo_all) / (n - 1) < gap:
        gap = (hi_all - lo_all) / (n - 1)
    pos = [0.0] * n
    prev = None
    for k, (want, lo, _hi) in enumerate(items):
        p = max(want, lo)
        if prev is not None:
            p = max(p, prev + gap)
        pos[k] = p
        prev = p
    nxt = None
    for k in range(n - 1, -1, -1):
        want, lo, hi = items[k]
        p = min(pos[k], hi)
        if nxt is not None:
            p = min(p, nxt - gap)
        pos[k] = p
        nxt = p
    return pos


def _tracks(intervals: list[tuple[float, float, str]]) -> tuple[dict[str, int], int]:
    """Interval partitioning: the fewest tracks so that overlapping intervals never share
    one. Returns each key's track (0 = first) and the number of tracks."""
    import heapq

    out: dict[str, int] = {}
    free: list[int] = []
    busy: list[tuple[float, int]] = []  # (end, track)
    count = 0
    for lo, hi, key in sorted(intervals):
        while busy and busy[0][0] < lo:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            t = heapq.heappop(free)
        else:
            t, count = count, count + 1
        out[key] = t
        heapq.heappush(busy, (hi, t))
    return out, count


# ------------------------------------------------------------------- routing
#: the arrow ends at each card edge: (step id, "T"/"B"/"L"/"R") -> arrows
_Edges = dict[tuple[str, str], list["_Arrow"]]
#: the free y-range above and below the cards of each lane: (lane, "top"/"bottom") -> range
_Corridors = dict[tuple[str, str], tuple[float, float]]


class _Arrow:
    __slots__ = (
        "hid",
        "src",
        "dst",
        "kind",
        "ys",
        "yd",
        "xs",
        "xd",
        "cs",
        "cd",
        "side_s",
        "side_d",
        "corridor",
        "yc",
        "xcs",
        "xcd",
    )
    hid: str
    src: str
    dst: str
    kind: str  # "v" (straight up or down), "loop" or "side"
    cs: int  # column index of the source and of the target
    cd: int
    side_s: str  # "T", "B", "L" or "R": the card edge the arrow leaves and enters
    side_d: str
    ys: float
    yd: float
    xs: float
    xd: float
    yc: float
    xcs: float
    xcd: float
    corridor: tuple[str, str] | None  # (lane, "top" or "bottom")

    def __init__(self, hid: str, src: str, dst: str):
        self.hid, self.src, self.dst = hid, src, dst
        self.ys = self.yd = self.xs = self.xd = self.yc = 0.0
        self.xcs = self.xcd = 0.0
        self.corridor = None


def route_all(
    g: GridLayout, handoffs: Iterable[tuple[str, str, str]], rects: dict[str, Rect] | None = None
) -> dict[str, Route]:
    """Routes for ``(handoff id, source step, target step)`` over layout ``g``.

    ``rects`` overrides the cards' rectangles (default: the layout's). Handoffs whose
    cards are not in the layout (or a self loop) get no route.
    """
    rects = g.step_rect if rects is None else rects
    col_index = {c: i for i, c in enumerate(g.column_order)}
    lane_index = {lane: i for i, lane in enumerate(g.lane_order)}
    where: dict[str, tuple[int, int]] = {}  # step -> (column index, lane index)
    below: dict[str, str] = {}
    above: dict[str, str] = {}
    columns: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for (lane, column), ids in g.cells.items():
        ci, li = col_index[column], lane_index[lane]
        for k, sid in enumerate(ids):
            where[sid] = (ci, li)
            columns[ci].append((li, k, sid))
    for stack in columns.values():
        stack.sort()
        for (_, _, upper), (_, _, lower) in zip(stack, stack[1:]):
            below[upper], above[lower] = lower, upper

    # channel k lies left of column k: its free x-range from the cards beside it
    m = g.metrics
    n_cols = len(g.column_order)
    right_edge = [g.column_left[c] + m.card_inset + m.card_width for c in g.column_order]
    left_edge = [g.column_left[c] + m.card_inset for c in g.column_order]
    for sid, (ci, _) in where.items():
        r = rects[sid]
        if r.right > right_edge[ci]:
            right_edge[ci] = r.right
        if r.x < left_edge[ci]:
            left_edge[ci] = r.x

    def channel(k: int) -> tuple[float, float]:
        lo = right_edge[k - 1] if k > 0 else m.header_width
        hi = left_edge[k] if k < n_cols else right_edge[-1] + 2 * m.card_inset
        return lo, hi

    # corridors of a lane: above its first cards and below its last ones
    first = {lane: g.lane_top[lane] + m.lane_padding for lane in g.lane_order}
    last = {lane: g.lane_top[lane] + g.lane_height[lane] - m.lane_padding for lane in g.lane_order}
    for sid, (_, li) in where.items():
        lane = g.lane_order[li]
        r = rects[sid]
        if r.y < first[lane]:
            first[lane] = r.y
        if r.bottom > last[lane]:
            last[lane] = r.bottom
    corridors: dict[tuple[str, str], tuple[float, float]] = {}
    for lane in g.lane_order:
        corridors[(lane, "top")] = (g.lane_top[lane], first[lane])
        corridors[(lane, "bottom")] = (last[lane], g.lane_top[lane] + g.lane_height[lane])
    load: dict[tuple[str, str], int] = defaultdict(int)

    arrows: list[_Arrow] = []
    edges: dict[tuple[str, str], list[_Arrow]] = defaultdict(list)  # (step, side) -> ends
    for hid, src, dst in handoffs:
        if src == dst or src not in where or dst not in where:
            continue
        a = _Arrow(hid, src, dst)
        rs, rd = rects[src], rects[dst]
        (cs, ls), (cd, ld) = where[src], where[dst]
        a.cs, a.cd = cs, cd
        if cs == cd and below.get(src) == dst and rd.y - rs.bottom >= MIN_VERTICAL_GAP:
            a.kind, a.side_s, a.side_d = "v", "B", "T"
        elif cs == cd and above.get(src) == dst and rs.y - rd.bottom >= MIN_VERTICAL_GAP:
            a.kind, a.side_s, a.side_d = "v", "T", "B"
        elif cs == cd:  # round the cards between, through a gap beside the column
            side = "L" if cs == n_cols - 1 and n_cols > 1 else "R"  # inside the grid
            a.kind, a.side_s, a.side_d = "loop", side, side
        else:
            a.kind = "side"
            a.side_s, a.side_d = ("R", "L") if cd > cs else ("L", "R")
            if abs(cd - cs) > 1:
                upper, lower = g.lane_order[min(ls, ld)], g.lane_order[max(ls, ld)]
                a_top, a_bottom = (lower, "top"), (upper, "bottom")
                a.corridor = a_top if load[a_top] <= load[a_bottom] else a_bottom
                load[a.corridor] += 1
        edges[(src, a.side_s)].append(a)
        edges[(dst, a.side_d)].append(a)
        arrows.append(a)

    _place_end_ports(edges, rects)
    _place_side_ports(edges, rects, where, g, corridors)
    _place_tracks(arrows, rects, channel, g, corridors)

    out: dict[str, Route] = {}
    for a in arrows:
        rs, rd = rects[a.src], rects[a.dst]
        if a.kind == "v":
            down = a.side_s == "B"
            y0 = rs.bottom + END_GAP if down else rs.y - END_GAP
            y1 = rd.y - END_GAP if down else rd.bottom + END_GAP
            out[a.hid] = Route(((a.xs, y0), (a.xs, y1)))
            continue
        x0 = rs.right + END_GAP if a.side_s == "R" else rs.x - END_GAP
        x1 = rd.right + END_GAP if a.side_d == "R" else rd.x - END_GAP
        pts: tuple[Point, ...]
        if a.corridor is not None:
            pts = ((x0, a.ys), (a.xcs, a.ys), (a.xcs, a.yc), (a.xcd, a.yc), (a.xcd, a.yd), (x1, a.yd))
        elif a.ys == a.yd and a.kind == "side":
            pts = ((x0, a.ys), (x1, a.yd))
        else:
            pts = ((x0, a.ys), (a.xcs, a.ys), (a.xcs, a.yd), (x1, a.yd))
        out[a.hid] = Route(pts)
    return out


def _place_end_ports(edges: _Edges, rects: dict[str, Rect]) -> None:
    """Top/bottom ports: arrows between two cards one above the other share the pair of
    facing edges and nothing else: both ends get the same x (a straight segment)."""
    done: set[tuple[str, str]] = set()
    for (sid, side), ends in edges.items():
        if side != "B":
            continue
        groups: dict[str, list[_Arrow]] = defaultdict(list)
        for a in ends:
            groups[a.dst if a.src == sid else a.src].append(a)
        for other, group in groups.items():
            if (sid, other) in done:
                continue
            done.add((sid, other))
            r, o = rects[sid], rects[other]
            lo = max(r.x, o.x) + PORT_MARGIN
            hi = min(r.right, o.right) - PORT_MARGIN
            mid = (lo + hi) / 2
            n = len(group)
            xs = spread([(mid + (k - (n - 1) / 2) * PORT_GAP_END, lo, hi) for k in range(n)], PORT_GAP_END)
            for a, x in zip(group, xs):
                a.xs = a.xd = x


def _place_side_ports(
    edges: _Edges,
    rects: dict[str, Rect],
    where: dict[str, tuple[int, int]],
    g: GridLayout,
    corridors: _Corridors,
) -> None:
    """Side ports, spread per *facing group*: the right edges of one column and the left
    edges of the next whose y-ranges overlap share one set of positions, so stubs coming
    into a channel from its two sides are never level (they would read as one line) -
    unless they belong to one straight arrow."""
    by_channel: dict[int, list[tuple[float, float, str, str]]] = defaultdict(list)
    for sid, side in edges:
        if side not in ("L", "R"):
            continue
        ci = where[sid][0]
        k = ci + 1 if side == "R" else ci
        r = rects[sid]
        by_channel[k].append((r.y, r.bottom, sid, side))
    for members in by_channel.values():
        members.sort()
        group: list[tuple[float, float, str, str]] = []
        bottom = 0.0
        for item in members:
            if group and item[0] >= bottom:
                _spread_group(group, edges, rects, corridors, g)
                group = []
            bottom = item[1] if not group else max(bottom, item[1])
            group.append(item)
        if group:
            _spread_group(group, edges, rects, corridors, g)


def _spread_group(
    group: list[tuple[float, float, str, str]],
    edges: _Edges,
    rects: dict[str, Rect],
    corridors: _Corridors,
    g: GridLayout,
) -> None:
    """Spread the ports of one facing group. A port wants to be level with its straight
    partner (an arrow across the channel to a card it faces), else a quarter of the edge
    up or down towards where its arrow goes; ports wanting one place are ordered by the
    height of their arrow's other end (fewer crossings)."""
    items: list[list[Any]] = []
    straight: dict[str, list[Any]] = {}
    for _, _, sid, side in group:
        r = rects[sid]
        ry, rb = r.y, r.y + r.h
        lo, hi = ry + PORT_MARGIN, rb - PORT_MARGIN
        centre, quarter = ry + r.h / 2, r.h / 4
        for a in edges[(sid, side)]:
            is_src = a.src == sid and a.side_s == side
            other = rects[a.dst if is_src else a.src]
            oy, ob = other.y, other.y + other.h
            key = oy + other.h / 2
            if a.corridor is None and a.kind == "side" and oy < rb and ry < ob:
                # the two ends face each other: one straight arrow, level on both sides
                entry = straight.get(a.hid)
                if entry is not None:
                    entry[1], entry[2] = max(entry[1], lo), min(entry[2], hi)
                    continue
                want = (max(ry, oy) + min(rb, ob)) / 2
                entry = [want, lo, hi, key, len(items), "both", a]
                straight[a.hid] = entry
                items.append(entry)
                continue
            target = sum(corridors[a.corridor]) / 2 if a.corridor is not None else key
            want = centre + quarter if target > rb else centre - quarter if target < ry else centre
            items.append([want, lo, hi, key, len(items), "s" if is_src else "d", a])
    if len(items) == 1:
        want, lo, hi = items[0][0], items[0][1], items[0][2]
        ys = [min(max(want, lo), hi)]
    else:
        items.sort(key=lambda t: (t[0], t[3], t[4]))
        ys = spread([(t[0], t[1], t[2]) for t in items], PORT_GAP_SIDE)
    for t, y in zip(items, ys):
        end, a = t[5], t[6]
        if end != "d":
            a.ys = y
        if end != "s":
            a.yd = y


def _place_tracks(
    arrows: list[_Arrow],
    rects: dict[str, Rect],
    channel: Callable[[int], tuple[float, float]],
    g: GridLayout,
    corridors: _Corridors,
) -> None:
    """Channel and corridor tracks. In a channel, arrows that enter a card on its right
    side take tracks from the middle leftwards, the others from the middle rightwards,
    so each keeps room for its head."""
    spans: dict[tuple[int, str], list[tuple[float, float, str]]] = defaultdict(list)
    corr: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    slot_of: dict[str, list[Any]] = {}
    pad = PORT_GAP_SIDE / 2 - 0.5
    for a in arrows:
        if a.kind == "v":
            continue
        if a.kind == "side" and a.corridor is None and a.ys == a.yd:
            continue  # straight across the channel
        ks = a.cs + 1 if a.side_s == "R" else a.cs
        if a.corridor is None:
            lo, hi = min(a.ys, a.yd), max(a.ys, a.yd)
            group = "enter-right" if a.side_d == "L" else "enter-left"
            spans[(ks, group)].append((lo - pad, hi + pad, a.hid + "\0s"))
            slot_of[a.hid] = [a, ks, None]
            continue
        kd = a.cd if a.side_d == "L" else a.cd + 1
        yc = sum(corridors[a.corridor]) / 2
        going_right = a.cd > a.cs
        gs = "enter-right" if going_right else "enter-left"
        spans[(ks, gs)].append((min(a.ys, yc) - pad, max(a.ys, yc) + pad, a.hid + "\0s"))
        spans[(kd, gs)].append((min(a.yd, yc) - pad, max(a.yd, yc) + pad, a.hid + "\0d"))
        slot_of[a.hid] = [a, ks, kd]
    xs: dict[str, float] = {}
    by_channel: dict[int, dict[str, list[tuple[float, float, str]]]] = defaultdict(dict)
    for (k, group), intervals in spans.items():
        by_channel[k][group] = intervals
    for k, groups in by_channel.items():
        right, n_right = _tracks(groups.get("enter-right", []))
        left, n_left = _tracks(groups.get("enter-left", []))
        lo, hi = channel(k)
        for key, x in _track_xs(lo, hi, right, n_right, left, n_left).items():
            xs[key] = x
    for hid, (a, _ks, kd) in slot_of.items():
        a.xcs = xs[hid + "\0s"]
        if kd is not None:
            a.xcd = xs[hid + "\0d"]
            corr[a.corridor].append((min(a.xcs, a.xcd), max(a.xcs, a.xcd), hid))
    for corridor, intervals in corr.items():
        tracks, count = _tracks(intervals)
        top, bottom = corridors[corridor]
        for hid, y in zip(tracks, _corridor_ys(top, bottom, count, tracks)):
            slot_of[hid][0].yc = y


def _corridor_ys(top: float, bottom: float, count: int, tracks: dict[str, int]) -> list[float]:
    """y of each track (in ``tracks`` order) in a corridor: clear of the lane boundary and
    of the cards, evenly spread."""
    lo, hi = top + CORRIDOR_MARGIN, bottom - CORRIDOR_MARGIN
    if count > 1 and (hi - lo) / (count - 1) < TRACK_GAP_MIN:
        lo, hi = top + CORRIDOR_MARGIN_MIN, bottom - CORRIDOR_MARGIN_MIN
    if count == 1:
        return [(top + bottom) / 2 for _ in tracks]
    step = min(TRACK_GAP, (hi - lo) / (count - 1))
    start = (top + bottom) / 2 - step * (count - 1) / 2
    return [start + step * t for t in tracks.values()]


def _track_xs(
    lo: float, hi: float, right: dict[str, int], n_right: int, left: dict[str, int], n_left: int
) -> dict[str, float]:
    """x of each track in a channel ``lo..hi``. Arrows entering a card on the channel's
    right side take tracks from the middle leftwards, the others from the middle
    rightwards, each keeping room for its head; when they don't fit, all the tracks are
    spread evenly over the channel (right-enterers on the left)."""
    first, last = lo + 3.0, hi - 3.0
    mid = (lo + hi) / 2
    out: dict[str, float] = {}
    for step in (TRACK_GAP, 5.5, 4.0, TRACK_GAP_MIN):
        r0 = min(mid - step / 2, hi - HEAD_ROOM)
        l0 = max(mid + step / 2, lo + HEAD_ROOM)
        if (
            r0 - (n_right - 1) * step >= first
            and l0 + (n_left - 1) * step <= last
            and (not n_right or not n_left or l0 - r0 >= step)
        ):
            for key, t in right.items():
                out[key] = r0 - t * step
            for key, t in left.items():
                out[key] = l0 + t * step
            return out
    n = n_right + n_left
    step = (last - first) / (n - 1) if n > 1 else 0.0
    for key, t in right.items():  # track 0 next to the middle: the right end of its block
        out[key] = first + (n_right - 1 - t) * step
    for key, t in left.items():
        out[key] = first + (n_right + t) * step
    return out


def route_pair(src: Rect, dst: Rect) -> Route:
    """A quick route between two free rectangles, for arrows following a card that is
    being dragged (no ports or tracks: the full routing runs when the card is dropped).
    Side by side: out of the facing sides, through the middle of the gap between them;
    otherwise out of the bottom (top) edge and into the top (bottom) edge."""
    sx, sy = src.center
    dx, dy = dst.center
    if dst.x >= src.right + 2 * END_GAP or dst.right <= src.x - 2 * END_GAP:
        right = dst.x >= src.right
        x0 = src.right + END_GAP if right else src.x - END_GAP
        x1 = dst.x - END_GAP if right else dst.right + END_GAP
        xm = (x0 + x1) / 2
        if sy == dy:
            return Route(((x0, sy), (x1, dy)))
        return Route(((x0, sy), (xm, sy), (xm, dy), (x1, dy)))
    down = dy >= sy
    y0 = src.bottom + END_GAP if down else src.y - END_GAP
    y1 = dst.y - END_GAP if down else dst.bottom + END_GAP
    if (y1 - y0) * (1 if down else -1) <= 0:  # overlapping: centre to centre
        return Route(((sx, sy), (dx, dy)))
    ym = (y0 + y1) / 2
    if sx == dx:
        return Route(((sx, y0), (dx, y1)))
    return Route(((sx, y0), (sx, ym), (dx, ym), (dx, y1)))
