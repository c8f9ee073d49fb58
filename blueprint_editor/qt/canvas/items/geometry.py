"""Pure geometry of the canvas items: plain numbers in, plain numbers out (no Qt).

The items call these when the model or the layout changes and cache the result as
painter paths; ``paint()`` only draws what was cached. Keeping the maths here makes it
testable without a display and shared by the live canvas and the exports.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from blueprint_editor.core.layout import Rect

Point = tuple[float, float]

# card inner layout (scene units, relative to the card's top-left corner)
CARD_RADIUS = 8.0
ACCENT_WIDTH = 6.0
CARD_PAD_X = 10.0
CARD_PAD_TOP = 8.0
TITLE_LINE = 16.0
FOOTER_HEIGHT = 20.0
BADGE_SIZE = 16.0
BADGE_GAP = 3.0
HANDLE_RADIUS = 8.0

ARROW_HEAD_LENGTH = 11.0
#: Cards closer than this (one above the other) are joined by a loop on their right side.
SIDE_LOOP_GAP = 28.0
SIDE_LOOP_REACH = 20.0  # the loop bulges 15 units: it stays inside the column
ARROW_HEAD_WIDTH = 9.0


class Route(NamedTuple):
    """A cubic connector: start, two control points, end; plus the end directions."""

    p0: Point
    c1: Point
    c2: Point
    p3: Point

    def point(self, t: float) -> Point:
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        return (
            a * self.p0[0] + b * self.c1[0] + c * self.c2[0] + d * self.p3[0],
            a * self.p0[1] + b * self.c1[1] + c * self.c2[1] + d * self.p3[1],
        )

    def end_direction(self) -> Point:
        """Unit vector the curve travels in when it arrives at p3."""
        return _unit(self.p3, self.c2 if self.c2 != self.p3 else self.p0)

    def start_direction(self) -> Point:
        """Unit vector pointing back out of p0 (the direction of a head at the start)."""
        return _unit(self.p0, self.c1 if self.c1 != self.p0 else self.p3)


def _unit(tip: Point, frm: Point) -> Point:
    dx, dy = tip[0] - frm[0], tip[1] - frm[1]
    n = math.hypot(dx, dy) or 1.0
    return (dx / n, dy / n)


def route(src: Rect, dst: Rect, gap: float = 2.0, blocked: bool = False) -> Route:
    """A smooth connector from the edge of ``src`` to the edge of ``dst``.

    Cards side by side (their vertical extents overlap: the same lane row) are joined
    horizontally, right edge to left edge (or left to right going backwards); cards in
    different rows are joined vertically, bottom edge to top edge (or top to bottom going
    up). The control points leave each edge at a right angle, so the curve reads as a
    flowing S and meets the card square on. Cards one above the other that are very close
    (a stack) or ``blocked`` (other cards between them in the same column) are joined by a
    loop on their right side, through the gap between columns.
    """
    sx, sy = src.center
    dx, dy = dst.center
    overlap = min(src.bottom, dst.bottom) - max(src.y, dst.y)
    if overlap > 0 and (dst.x >= src.right or dst.right <= src.x):
        # horizontal: same row
        if dst.x >= src.right:
            p0, p3, sign = (src.right + gap, sy), (dst.x - gap, dy), 1.0
        else:
            p0, p3, sign = (src.x - gap, sy), (dst.right + gap, dy), -1.0
        k = max(24.0, abs(p3[0] - p0[0]) * 0.45)
        return Route(p0, (p0[0] + sign * k, p0[1]), (p3[0] - sign * k, p3[1]), p3)
    h_overlap = min(src.right, dst.right) - max(src.x, dst.x)
    v_gap = max(dst.y - src.bottom, src.y - dst.bottom)
    if h_overlap > 0 and v_gap >= 0 and (v_gap < SIDE_LOOP_GAP or blocked):
        # stacked cards (one cell): too close for a vertical arrow; loop out on the right
        p0, p3 = (src.right + gap, sy), (dst.right + gap, dy)
        k = SIDE_LOOP_REACH
        return Route(p0, (p0[0] + k, p0[1]), (p3[0] + k, p3[1]), p3)
    if dst.y >= src.bottom or (overlap <= 0 and dy > sy):
        p0, p3, sign = (sx, src.bottom + gap), (dx, dst.y - gap), 1.0
    elif dst.bottom <= src.y or overlap <= 0:
        p0, p3, sign = (sx, src.y - gap), (dx, dst.bottom + gap), -1.0
    else:
        # overlapping rectangles (only while dragging): straight centre to centre
        return Route((sx, sy), (sx, sy), (dx, dy), (dx, dy))
    k = max(20.0, abs(p3[1] - p0[1]) * 0.5)
    return Route(p0, (p0[0], p0[1] + sign * k), (p3[0], p3[1] - sign * k), p3)


def route_to_point(src: Rect, x: float, y: float) -> Route:
    """The rubber connector while connecting: from ``src``'s edge to the cursor."""
    return route(src, Rect(x, y, 0.0, 0.0), gap=0.0)


def arrow_head(
    tip: Point, direction: Point, length: float = ARROW_HEAD_LENGTH, width: float = ARROW_HEAD_WIDTH
) -> tuple[Point, Point, Point, Point]:
    """A barbed head (4 points, closed) whose tip touches ``tip``, pointing ``direction``."""
    ux, uy = direction
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    nx, ny = -uy * width / 2, ux * width / 2
    notch = (tip[0] - ux * length * 0.72, tip[1] - uy * length * 0.72)
    return (tip, (bx + nx, by + ny), notch, (bx - nx, by - ny))


def shorten(route_: Route, at_start: float, at_end: float) -> Route:
    """The same curve with its end points pulled back along the end directions.

    Used so the stroke stops at the base of an arrow head instead of poking through it.
    """
    p0, c1, c2, p3 = route_
    if at_end:
        ux, uy = route_.end_direction()
        p3 = (p3[0] - ux * at_end, p3[1] - uy * at_end)
    if at_start:
        ux, uy = route_.start_direction()
        p0 = (p0[0] - ux * at_start, p0[1] - uy * at_start)
    return Route(p0, c1, c2, p3)


#: The card edges that carry a connection handle.
HANDLE_SIDES = ("right", "bottom", "left", "top")


def handle_center(card: Rect, side: str = "right") -> Point:
    """Where a card's connection handle on ``side`` sits: the middle of that edge."""
    if side == "right":
        return (card.right, card.y + card.h / 2)
    if side == "left":
        return (card.x, card.y + card.h / 2)
    if side == "top":
        return (card.x + card.w / 2, card.y)
    if side == "bottom":
        return (card.x + card.w / 2, card.bottom)
    raise ValueError(f"no handle on side {side!r}")


def badge_slots(card_w: float, card_h: float, count: int) -> list[Point]:
    """Top-left corners of ``count`` badges, right-aligned in the card's footer row."""
    y = card_h - FOOTER_HEIGHT + (FOOTER_HEIGHT - BADGE_SIZE) / 2 - 1
    x = card_w - CARD_PAD_X + 2 - BADGE_SIZE
    out = []
    for _ in range(count):
        out.append((x, y))
        x -= BADGE_SIZE + BADGE_GAP
    out.reverse()
    return out


def wrap_words(words: list[str], measure, width: float, max_lines: int, elide) -> list[str]:
    """Greedy word wrap into at most ``max_lines``; the last line is elided if needed.

    ``measure(text) -> float`` and ``elide(text, width) -> str`` come from font metrics,
    so this stays independent of Qt. Each word is measured once (widths are summed).
    """
    if not words:
        return []
    sizes = [measure(w) for w in words]
    space = measure(" ")
    if sum(sizes) + space * (len(words) - 1) <= width:  # the common case
        return [" ".join(words)]
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    i = 0
    while i < len(words):
        w = sizes[i]
        extra = w if not current else used + space + w
        if extra <= width:
            current.append(words[i])
            used = extra
            i += 1
            continue
        if not current:  # one word wider than the line
            current, used = [elide(words[i], width)], width
            i += 1
        if len(lines) == max_lines - 1:
            rest = " ".join(current + words[i:])
            lines.append(elide(rest, width) if i < len(words) or used > width else rest)
            return lines
        lines.append(" ".join(current))
        current, used = [], 0.0
    if current:
        lines.append(" ".join(current))
    return lines
