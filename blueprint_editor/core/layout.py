"""Grid layout math, as plain numbers: shared by the canvas and every exporter.

Geometry is never stored in a file: it follows from the lane and column order and the
step order. Coordinates are in scene units (1 unit = 1 pixel at 100% zoom). The origin is
the top-left corner of the lane-title strip; the phase header band sits above the lanes.

::

    x=0        header_width
    +----------+---------------+---------------+   y=0
    |          |  phase A              | ph. B  |   phase band (phase_height)
    +----------+---------------+---------------+   y=phase_height
    | lane 1   |  [card]       |               |
    |          |  [card]       |               |   lane grows with its tallest stack
    +----------+---------------+---------------+
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .model import Blueprint

#: The three lines of a blueprint: (upper kind, lower kind) -> (key, label).
LINES = {
    ("customer", "frontstage"): ("interaction", "Line of interaction"),
    ("frontstage", "backstage"): ("visibility", "Line of visibility"),
    ("backstage", "support"): ("internal", "Line of internal interaction"),
}


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(frozen=True)
class Metrics:
    header_width: float = 190.0
    phase_height: float = 44.0
    column_width: float = 220.0
    card_width: float = 188.0
    card_height: float = 78.0
    card_gap: float = 10.0
    lane_padding: float = 28.0

    @property
    def card_inset(self) -> float:
        return (self.column_width - self.card_width) / 2

    @property
    def min_lane_height(self) -> float:
        return self.card_height + 2 * self.lane_padding

    def lane_height(self, stack: int) -> float:
        n = max(1, stack)
        return 2 * self.lane_padding + n * self.card_height + (n - 1) * self.card_gap


class PhaseSpan(NamedTuple):
    phase: str
    title: str
    x: float
    w: float


class LineSpec(NamedTuple):
    key: str  # interaction | visibility | internal
    label: str
    y: float
    upper_lane: str
    lower_lane: str


@dataclass
class GridLayout:
    metrics: Metrics
    lane_order: list[str] = field(default_factory=list)
    lane_top: dict[str, float] = field(default_factory=dict)
    lane_height: dict[str, float] = field(default_factory=dict)
    column_order: list[str] = field(default_factory=list)
    column_left: dict[str, float] = field(default_factory=dict)
    step_rect: dict[str, Rect] = field(default_factory=dict)
    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    phases: list[PhaseSpan] = field(default_factory=list)
    lines: list[LineSpec] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    # ------------------------------------------------------------ look-ups
    @property
    def grid_left(self) -> float:
        return self.metrics.header_width

    @property
    def grid_top(self) -> float:
        return self.metrics.phase_height

    def lane_rect(self, lane: str) -> Rect:
        return Rect(0.0, self.lane_top[lane], self.width, self.lane_height[lane])

    def column_rect(self, column: str) -> Rect:
        return Rect(self.column_left[column], 0.0, self.metrics.column_width, self.height)

    def cell_rect(self, lane: str, column: str) -> Rect:
        return Rect(self.column_left[column], self.lane_top[lane], self.metrics.column_width,
                    self.lane_height[lane])

    def lane_at(self, y: float) -> str | None:
        # lanes are few (tens): a scan is fine and simpler than bisect on floats
        for lane in self.lane_order:
            top = self.lane_top[lane]
            if top <= y < top + self.lane_height[lane]:
                return lane
        return None

    def column_at(self, x: float) -> str | None:
        if not self.column_order:
            return None
        i = int((x - self.grid_left) // self.metrics.column_width)
        if 0 <= i < len(self.column_order) and x >= self.grid_left:
            return self.column_order[i]
        return None

    def cell_at(self, x: float, y: float) -> tuple[str | None, str | None]:
        return self.lane_at(y), self.column_at(x)

    def column_index_at(self, x: float) -> int:
        """Insertion index for a new column at x (0..len), by nearest column boundary."""
        i = round((x - self.grid_left) / self.metrics.column_width)
        return max(0, min(len(self.column_order), i))

    def nearest_cell(self, x: float, y: float) -> tuple[str, str]:
        """The cell at (x, y), or the nearest edge lane/column outside the grid.
        Needs at least one lane and one column."""
        lane, column = self.cell_at(x, y)
        if lane is None:
            lane = self.lane_order[0] if y < self.grid_top else self.lane_order[-1]
        if column is None:
            column = self.column_order[0] if x < self.grid_left else self.column_order[-1]
        return lane, column

    def drop_slot(self, lane: str, column: str, y: float,
                  exclude: frozenset[str] | set[str] = frozenset()) -> tuple[int, str | None]:
        """Where a card dropped at height ``y`` lands in a cell's stack.

        The stack is the cell's cards minus ``exclude`` (the cards being dragged). Returns
        the slot (0..len) and the step now in that slot, which the card goes before (None:
        after the last card). Drag and drop, palette drops and double-clicks all use it."""
        stack = [s for s in self.cells.get((lane, column), ()) if s not in exclude]
        m = self.metrics
        offset = y - (self.lane_top[lane] + m.lane_padding) + m.card_gap / 2
        slot = max(0, min(len(stack), int(offset // (m.card_height + m.card_gap))))
        return slot, (stack[slot] if slot < len(stack) else None)

    def slot_gap_y(self, lane: str, slot: int) -> float:
        """The height of the gap above stack slot ``slot`` of a lane (the drop line)."""
        m = self.metrics
        return self.lane_top[lane] + m.lane_padding + slot * (m.card_height + m.card_gap) \
            - m.card_gap / 2


def compute_layout(bp: Blueprint, metrics: Metrics | None = None) -> GridLayout:
    """Place every lane, column, phase, line and step. Linear in the blueprint's size."""
    m = metrics or Metrics()
    g = GridLayout(metrics=m)
    g.lane_order = [lane.id for lane in bp.lanes]
    g.column_order = [column.id for column in bp.columns]

    cells: dict[tuple[str, str], list[str]] = {}
    for step in bp.steps:
        cells.setdefault((step.lane, step.column), []).append(step.id)
    g.cells = cells

    tallest: dict[str, int] = {}
    for (lane_id, _), ids in cells.items():
        if len(ids) > tallest.get(lane_id, 0):
            tallest[lane_id] = len(ids)

    y = m.phase_height
    for lane in bp.lanes:
        h = m.lane_height(tallest.get(lane.id, 0))
        g.lane_top[lane.id] = y
        g.lane_height[lane.id] = h
        y += h
    g.height = y

    x = m.header_width
    for column in bp.columns:
        g.column_left[column.id] = x
        x += m.column_width
    g.width = x + (0 if bp.columns else m.column_width)

    # phases: one span per run of consecutive columns sharing a phase
    titles = {p.id: p.title for p in bp.phases}
    run_phase, run_x, run_w = None, 0.0, 0.0
    for column in bp.columns:
        if column.phase is not None and column.phase == run_phase:
            run_w += m.column_width
            continue
        if run_phase is not None:
            g.phases.append(PhaseSpan(run_phase, titles[run_phase], run_x, run_w))
        run_phase, run_x, run_w = column.phase, g.column_left[column.id], m.column_width
    if run_phase is not None:
        g.phases.append(PhaseSpan(run_phase, titles[run_phase], run_x, run_w))

    for upper, lower in zip(bp.lanes, bp.lanes[1:], strict=False):  # neighbours
        spec = LINES.get((upper.kind, lower.kind))
        if spec is not None:
            g.lines.append(LineSpec(spec[0], spec[1], g.lane_top[lower.id], upper.id, lower.id))

    inset = m.card_inset
    pitch = m.card_height + m.card_gap
    for (lane_id, column_id), ids in cells.items():
        left = g.column_left[column_id] + inset
        top = g.lane_top[lane_id] + m.lane_padding
        for k, sid in enumerate(ids):
            g.step_rect[sid] = Rect(left, top + k * pitch, m.card_width, m.card_height)
    return g
