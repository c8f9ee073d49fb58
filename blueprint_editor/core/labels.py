"""Arrow label placement: beside its arrow, never on a line, a card or another label.

Labels are placed one after the other (document order). For each, the candidates are
tried best first and the first free one is kept:

1. beside the route's middle segment (right/left of a vertical one, above/below a
   horizontal one), at its middle and then further along it;
2. beside the route's other segments;
3. in a free strip near the middle (the bands above and below each lane boundary), with
   a *leader*: a short line from the label to the arrow's middle.

Free means: not over a card, not across a named line or lane boundary, not over a label
already placed, inside the grid (right of the lane headers, below the phase band); the
first round also keeps off other arrows' segments, a second round allows crossing them.
A label that finds no free place sits beside the middle segment (reported as not free).

A uniform grid of buckets makes each test look at a few neighbours only: linear in the
number of labels and cards in practice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .layout import GridLayout, Rect
from .routing import Point, Route

#: Distance between a label and the arrow it sits beside; between a label and anything.
BESIDE = 5.0
CLEARANCE = 2.0
#: How far (scene units) a leader may reach from the arrow's middle.
LEADER_REACH = 140.0
_BUCKET = 96.0


class LabelPlace(NamedTuple):
    rect: Rect
    #: a line from the label's edge to the arrow, when the label is not beside it
    leader: tuple[Point, Point] | None
    free: bool


class _Grid:
    """Rectangles in buckets of ``_BUCKET`` units: which ones might touch a rectangle."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Rect]] = defaultdict(list)

    def _keys(self, r: Rect) -> Iterator[tuple[int, int]]:
        x0, x1 = int(r.x // _BUCKET), int(r.right // _BUCKET)
        y0, y1 = int(r.y // _BUCKET), int(r.bottom // _BUCKET)
        for i in range(x0, x1 + 1):
            for j in range(y0, y1 + 1):
                yield (i, j)

    def add(self, r: Rect) -> None:
        for k in self._keys(r):
            self.cells[k].append(r)

    def hits(self, r: Rect) -> bool:
        cells = self.cells
        for k in self._keys(r):
            for o in cells.get(k, ()):
                if o.x < r.right and r.x < o.right and o.y < r.bottom and r.y < o.bottom:
                    return True
        return False


def boundaries(g: GridLayout) -> list[float]:
    """The y of every lane boundary (named lines included), top to bottom."""
    ys = [g.lane_top[lane] for lane in g.lane_order]
    if g.lane_order:
        last = g.lane_order[-1]
        ys.append(g.lane_top[last] + g.lane_height[last])
    return ys


def _seg_rect(a: Point, b: Point, w: float = 1.0) -> Rect:
    x0, x1 = min(a[0], b[0]), max(a[0], b[0])
    y0, y1 = min(a[1], b[1]), max(a[1], b[1])
    return Rect(x0 - w, y0 - w, x1 - x0 + 2 * w, y1 - y0 + 2 * w)


def _beside(seg: tuple[Point, Point], w: float, h: float) -> list[tuple[float, float]]:
    """Top-left corners beside a segment: at its middle, then a quarter either way."""
    (x0, y0), (x1, y1) = seg
    out = []
    if abs(x0 - x1) < 0.5:  # vertical
        top, bottom = min(y0, y1), max(y0, y1)
        for t in (0.5, 0.3, 0.7, 0.15, 0.85):
            y = top + (bottom - top) * t - h / 2
            out += [(x0 + BESIDE, y), (x0 - BESIDE - w, y)]
    else:
        left, right = min(x0, x1), max(x0, x1)
        for t in (0.5, 0.3, 0.7, 0.15, 0.85):
            x = left + (right - left) * t - w / 2
            out += [(x, y0 - BESIDE - h), (x, y0 + BESIDE)]
    return out


def _leader(rect: Rect, anchor: Point) -> tuple[Point, Point]:
    """The shortest line from the label's box to ``anchor``."""
    ax, ay = anchor
    x = min(max(ax, rect.x), rect.right)
    y = min(max(ay, rect.y), rect.bottom)
    return (x, y), anchor


def beside(route: Route, w: float, h: float) -> LabelPlace:
    """A ``w`` x ``h`` label beside the route's middle segment, checking nothing (for
    arrows following a card being dragged)."""
    x, y = _beside(route.middle_segment(), w, h)[0]
    return LabelPlace(Rect(x, y, w, h), None, False)


def place_labels(
    g: GridLayout,
    routes: dict[str, Route],
    sizes: Iterable[tuple[str, float, float]],
    rects: dict[str, Rect] | None = None,
) -> dict[str, LabelPlace]:
    """Places for labels ``(handoff id, width, height)`` of arrows in ``routes``."""
    wanted = [(hid, w, h) for hid, w, h in sizes if hid in routes]
    if not wanted:
        return {}
    rects = g.step_rect if rects is None else rects
    obstacles = _Grid()
    for r in rects.values():
        obstacles.add(Rect(r.x - CLEARANCE, r.y - CLEARANCE, r.w + 2 * CLEARANCE, r.h + 2 * CLEARANCE))
    lines = boundaries(g)
    segments = _Grid()
    for route in routes.values():
        for a, b in route.segments():
            segments.add(_seg_rect(a, b))
    left, top = g.grid_left + CLEARANCE, g.grid_top + CLEARANCE
    right = max(g.width, max((r.right for r in rects.values()), default=g.width)) + 40
    labels = _Grid()
    out: dict[str, LabelPlace] = {}
    bottom_row = (lines[-1] if lines else g.height) + 8.0

    def crosses_line(y0: float, y1: float) -> bool:
        return any(y0 - CLEARANCE < y < y1 + CLEARANCE for y in lines)  # lanes are few

    def free(x: float, y: float, w: float, h: float, mine: Route, strict: bool) -> bool:
        if x < left or y < top or x + w > right:
            return False
        if crosses_line(y, y + h):
            return False
        r = Rect(x, y, w, h)
        if obstacles.hits(r):
            return False
        grown = Rect(x - CLEARANCE, y - CLEARANCE, w + 2 * CLEARANCE, h + 2 * CLEARANCE)
        if labels.hits(grown):
            return False
        if strict and segments.hits(r):
            # crossing only its own arrow is fine when it's beside it; others are not
            own = [_seg_rect(a, b) for a, b in mine.segments()]
            for k in segments._keys(r):
                for o in segments.cells.get(k, ()):
                    if o.x < r.right and r.x < o.right and o.y < r.bottom and r.y < o.bottom and o not in own:
                        return False
        return True

    for hid, w, h in wanted:
        route = routes[hid]
        mid = route.middle_segment()
        anchor = ((mid[0][0] + mid[1][0]) / 2, (mid[0][1] + mid[1][1]) / 2)
        beside = _beside(mid, w, h)
        for seg in route.segments():
            if seg != mid:
                beside += _beside(seg, w, h)
        place: LabelPlace | None = None
        searches = (
            (True, beside, False),
            (True, _band_candidates(anchor, w, h, lines), True),
            (False, beside, False),
            (False, _band_candidates(anchor, w, h, lines), True),
            (False, _area_candidates(anchor, w, h, g, LEADER_REACH), True),
            (False, _area_candidates(anchor, w, h, g, 4 * LEADER_REACH), True),
        )
        for strict, candidates, lead in searches:
            for x, y in candidates:
                if free(x, y, w, h, route, strict):
                    r = Rect(x, y, w, h)
                    place = LabelPlace(r, _leader(r, anchor) if lead else None, True)
                    break
            if place is not None:
                break
        if place is None:  # everything near is taken: below the blueprint, with a leader
            y = bottom_row
            while labels.hits(Rect(anchor[0] - w / 2, y, w, h)):
                y += h + 2 * CLEARANCE
            r = Rect(anchor[0] - w / 2, y, w, h)
            place = LabelPlace(r, _leader(r, anchor), True)
        out[hid] = place
        labels.add(place.rect)
    return out


def _area_candidates(anchor: Point, w: float, h: float, g: GridLayout, reach: float) -> Iterator[Point]:
    """Corners anywhere inside the lanes within ``reach`` of ``anchor`` (empty cells, the
    room under short stacks), nearest rows first."""
    ax, ay = anchor
    rows: list[float] = []
    for lane in g.lane_order:
        top, height = g.lane_top[lane], g.lane_height[lane]
        if top > ay + reach or top + height < ay - reach:
            continue
        y = top + CLEARANCE + 3
        while y + h <= top + height - CLEARANCE - 3:
            rows.append(y)
            y += 8.0
    rows.sort(key=lambda r: abs(r + h / 2 - ay))
    shifts = [0.0]
    for k in range(1, int(reach // 24) + 1):
        shifts += [k * 24.0, -k * 24.0]
    for row in rows:
        for dx in shifts:
            yield (ax - w / 2 + dx, row)


def _band_candidates(anchor: Point, w: float, h: float, lines: list[float]) -> Iterator[Point]:
    """Corners in the strips along the lane boundaries near ``anchor``, nearest first:
    centred in the room between each boundary and the next thing (tried by ``free``)."""
    ax, ay = anchor
    rows: list[float] = []
    for y in lines:
        if abs(y - ay) <= LEADER_REACH:
            rows += [y + CLEARANCE + 4, y - CLEARANCE - 4 - h]
    rows.sort(key=lambda r: abs(r + h / 2 - ay))
    shifts = [0.0]
    for k in range(1, 9):
        shifts += [k * 16.0, -k * 16.0]
    for row in rows:
        for dx in shifts:
            yield (ax - w / 2 + dx, row)
