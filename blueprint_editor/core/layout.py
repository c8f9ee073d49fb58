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

from . import cards
from .cards import CardText, Measure, approx_measure
from .model import DEFAULT_LANE_TITLES, Blueprint, Step

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
    """Sizes of the grid and the cards at one text size (scene units and pixel sizes).

    ``Metrics()`` is the standard text size measured by :func:`cards.approx_measure`; the
    canvas and the exports use :meth:`for_text_size` with the real font's ``measure``.
    ``card_height`` is a card's least height: a card grows to hold its whole title.
    """

    header_width: float = 190.0
    phase_height: float = 44.0
    column_width: float = 220.0
    card_width: float = 188.0
    card_height: float = 78.0
    card_gap: float = 10.0
    lane_padding: float = 28.0  # room for arrows running between the lanes' cards
    # text (pixel sizes) and the card's inner layout
    title_px: int = 13
    small_px: int = 11  # owner, duration, arrow labels, line labels, lane kinds
    header_px: int = 14  # lane and phase titles
    header_line: float = 18.0
    header_pad: float = 14.0
    title_line: float = 16.0
    small_line: float = 15.0
    card_pad_x: float = 10.0
    card_pad_top: float = 8.0
    accent_width: float = 6.0
    footer_height: float = 20.0
    badge_size: float = 16.0
    badge_gap: float = 3.0
    text_size: str = cards.DEFAULT_TEXT_SIZE
    measure: Measure = field(default=approx_measure, compare=False, repr=False)
    #: card layouts by (title, footer, badges): a title is wrapped once per metrics
    _cards: dict[tuple[str, str, int, bool], CardText] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )
    #: zoomed-out titles by (title, card width, card height)
    _overviews: dict[tuple[str, float, float], cards.Overview] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    @classmethod
    def for_text_size(cls, key: str = cards.DEFAULT_TEXT_SIZE, measure: Measure = approx_measure) -> Metrics:
        """The metrics of a text size (``standard`` ... ``projector``, see
        :data:`cards.TEXT_SIZES`): fonts, cards, columns and headers scale together."""
        f = cards.text_size(key).factor

        def r(value: float) -> float:
            return float(round(value * f))

        title_px, small_px = round(13 * f), round(11 * f)
        card_width = r(188)
        return cls(
            header_width=r(190),
            phase_height=r(44),
            column_width=card_width + r(32),
            card_width=card_width,
            card_height=r(78),
            card_gap=r(10),
            lane_padding=r(28),
            title_px=title_px,
            small_px=small_px,
            header_px=round(14 * f),
            header_line=float(round(14 * f * 1.3)),
            header_pad=r(14),
            title_line=float(round(title_px * 1.25)),
            small_line=float(round(small_px * 1.36)),
            card_pad_x=r(10),
            card_pad_top=r(8),
            accent_width=r(6),
            footer_height=r(20),
            badge_size=r(16),
            badge_gap=r(3),
            text_size=key,
            measure=measure,
        )

    @property
    def card_inset(self) -> float:
        return (self.column_width - self.card_width) / 2

    @property
    def min_lane_height(self) -> float:
        return self.card_height + 2 * self.lane_padding

    def lane_height(self, stack: int) -> float:
        """Height of a lane whose tallest stack holds ``stack`` cards of the least height."""
        n = max(1, stack)
        return 2 * self.lane_padding + n * self.card_height + (n - 1) * self.card_gap

    @property
    def lane_text_width(self) -> float:
        """Width of a lane title's lines in the lane header."""
        return self.header_width - 2 * self.header_pad - 4

    def heading_lines(self, title: str, px: int, width: float) -> list[str]:
        """A heading (lane, phase or column title) in bold at ``px``, wrapped to ``width``
        (whole, never elided)."""
        return cards.wrap_text(title, lambda t: self.measure(t, px, True), width)

    def lane_title(self, title: str) -> list[str]:
        """A lane title wrapped to the lane header's width."""
        return self.heading_lines(title, self.header_px, self.lane_text_width)

    def phase_title(self, title: str, span_width: float) -> list[str]:
        """A phase title wrapped to its band (the span of its columns)."""
        width = max(self.header_px * 2.0, span_width - 2 * PHASE_TITLE_PAD)
        return self.heading_lines(title, self.header_px, width)

    @property
    def column_title_px(self) -> int:
        """Pixel size of the column titles (bold), two under the lane titles'."""
        return self.header_px - 2

    @property
    def column_title_line(self) -> float:
        return float(round(self.column_title_px * 1.3))

    def column_title(self, title: str) -> list[str]:
        """A column title wrapped to its column's width."""
        return self.heading_lines(title, self.column_title_px, self.column_width - 2 * COLUMN_TITLE_PAD)

    def card(self, title: str, footer: str, badges: int, image: bool = False) -> CardText:
        """The layout of a card (cached: a title is wrapped once per metrics); with an
        ``image`` the title leaves room for its thumbnail."""
        key = (title, footer, badges, image)
        made = self._cards.get(key)
        if made is None:
            if len(self._cards) > 200_000:
                self._cards.clear()
            made = self._cards[key] = cards.card_text(
                self, title, footer, badges, cards.IMAGE_ROOM if image else 0.0
            )
        return made

    def overview(self, title: str, width: float, height: float) -> cards.Overview:
        """The zoomed-out title of a card of this size (cached like :meth:`card`)."""
        key = (title, width, height)
        made = self._overviews.get(key)
        if made is None:
            if len(self._overviews) > 200_000:
                self._overviews.clear()
            made = self._overviews[key] = cards.card_overview(self, title, width, height)
        return made

    def step_card(self, step: Step) -> CardText:
        """The layout of a step's card (its title, owner, duration and markers)."""
        badges = (
            step.fail_point
            + step.wait_point
            + step.moment_of_truth
            + step.self_service
            + (step.emotion is not None)
        )
        return self.card(
            step.title,
            cards.footer_text(step.owner, step.duration_minutes),
            int(badges),
            step.image is not None,
        )


#: Room left and right of a phase title in its band (the band's inset and padding), and
#: the band's room above and below the title's lines.
PHASE_TITLE_PAD, PHASE_TITLE_VPAD = 11.0, 10.0
#: The least height of the column titles' band (shown when a column has a title); it
#: grows with the longest title's lines.
COLUMN_TITLE_HEIGHT = 28.0
#: Room left and right of a column title in its column, and above and below its lines.
COLUMN_TITLE_PAD, COLUMN_TITLE_VPAD = 8.0, 6.0


class PhaseSpan(NamedTuple):
    phase: str
    title: str
    x: float
    w: float
    #: the title wrapped to the span (whole: the phase band is tall enough for it)
    lines: tuple[str, ...] = ()


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
    #: what each card shows (lines, footer, badge slots) at its size
    card_text: dict[str, CardText] = field(default_factory=dict)
    #: each lane's title, wrapped to the lane header (the lane is tall enough for it)
    lane_lines: dict[str, list[str]] = field(default_factory=dict)
    #: lanes whose header shows the kind's name under the title (the title is not it)
    lane_shows_kind: dict[str, bool] = field(default_factory=dict)
    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    phases: list[PhaseSpan] = field(default_factory=list)
    lines: list[LineSpec] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    #: the band of column titles below the phase band (0 when no column has a title)
    title_band: float = 0.0
    #: how much taller than the metrics' phase band a phase title on more lines makes it
    phase_extra: float = 0.0
    #: each titled column's title, wrapped to the column (the band is tall enough for it)
    column_lines: dict[str, list[str]] = field(default_factory=dict)

    # ------------------------------------------------------------ look-ups
    @property
    def grid_left(self) -> float:
        return self.metrics.header_width

    @property
    def phase_band(self) -> float:
        """The height of the phase band at the top (taller for phase titles on more lines)."""
        return self.metrics.phase_height + self.phase_extra

    @property
    def grid_top(self) -> float:
        return self.phase_band + self.title_band

    def column_title_rect(self, column: str) -> Rect:
        """Where a column's title is drawn (an empty band when no column has a title)."""
        return Rect(self.column_left[column], self.phase_band, self.metrics.column_width, self.title_band)

    def lane_rect(self, lane: str) -> Rect:
        return Rect(0.0, self.lane_top[lane], self.width, self.lane_height[lane])

    def column_rect(self, column: str) -> Rect:
        return Rect(self.column_left[column], 0.0, self.metrics.column_width, self.height)

    def cell_rect(self, lane: str, column: str) -> Rect:
        return Rect(
            self.column_left[column], self.lane_top[lane], self.metrics.column_width, self.lane_height[lane]
        )

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

    def drop_slot(
        self, lane: str, column: str, y: float, exclude: frozenset[str] | set[str] = frozenset()
    ) -> tuple[int, str | None]:
        """Where a card dropped at height ``y`` lands in a cell's stack.

        The stack is the cell's cards minus ``exclude`` (the cards being dragged), closed
        up as it will be once they have left, with each card at its own height (cards grow
        with their titles). Returns the slot (0..len) and the step now in that slot, which
        the card goes before (None: after the last card). Drag and drop, palette drops and
        double-clicks all use it."""
        stack = [s for s in self.cells.get((lane, column), ()) if s not in exclude]
        m = self.metrics
        top = self.lane_top[lane] + m.lane_padding
        for slot, sid in enumerate(stack):
            bottom = top + self.step_rect[sid].h
            if y < bottom + m.card_gap / 2:
                return slot, sid
            top = bottom + m.card_gap
        return len(stack), None

    def slot_gap_y(
        self,
        lane: str,
        slot: int,
        column: str | None = None,
        exclude: frozenset[str] | set[str] = frozenset(),
    ) -> float:
        """The height of the gap above stack slot ``slot`` (the drop line) of a cell's
        stack without ``exclude``, closed up as in :meth:`drop_slot`; without a column,
        of a stack of cards of the least height."""
        m = self.metrics
        y = self.lane_top[lane] + m.lane_padding - m.card_gap / 2
        if column is None:
            return y + slot * (m.card_height + m.card_gap)
        stack = [s for s in self.cells.get((lane, column), ()) if s not in exclude]
        for sid in stack[:slot]:
            y += self.step_rect[sid].h + m.card_gap
        return y


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

    # every card's text and height first: a lane is as tall as its tallest stack
    texts = g.card_text
    for step in bp.steps:
        texts[step.id] = m.step_card(step)
    tallest: dict[str, float] = {}
    for (lane_id, _), ids in cells.items():
        h = sum(texts[sid].height for sid in ids) + (len(ids) - 1) * m.card_gap
        if h > tallest.get(lane_id, 0.0):
            tallest[lane_id] = h

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

    if g.phases:
        g.phases = [span._replace(lines=tuple(m.phase_title(span.title, span.w))) for span in g.phases]
        most = max(len(span.lines) for span in g.phases)
        g.phase_extra = max(0.0, most * m.header_line + 2 * PHASE_TITLE_VPAD - m.phase_height)

    if any(column.title for column in bp.columns):
        g.column_lines = {c.id: m.column_title(c.title) for c in bp.columns if c.title.strip()}
        most = max((len(lines) for lines in g.column_lines.values()), default=1)
        g.title_band = max(COLUMN_TITLE_HEIGHT, most * m.column_title_line + 2 * COLUMN_TITLE_VPAD)
    y = g.grid_top
    for lane in bp.lanes:
        lines = g.lane_lines[lane.id] = m.lane_title(lane.title)
        kind = g.lane_shows_kind[lane.id] = (
            lane.title.strip().lower() != DEFAULT_LANE_TITLES.get(lane.kind, "").lower()
        )
        block = len(lines) * m.header_line + (m.small_line + 4 if kind else 0.0)
        h = max(m.min_lane_height, tallest.get(lane.id, 0.0) + 2 * m.lane_padding, block + 2 * m.lane_padding)
        g.lane_top[lane.id] = y
        g.lane_height[lane.id] = h
        y += h
    g.height = y

    for upper, lower in zip(bp.lanes, bp.lanes[1:], strict=False):  # neighbours
        spec = LINES.get((upper.kind, lower.kind))
        if spec is not None:
            g.lines.append(LineSpec(spec[0], spec[1], g.lane_top[lower.id], upper.id, lower.id))

    inset = m.card_inset
    gap = m.card_gap
    for (lane_id, column_id), ids in cells.items():
        left = g.column_left[column_id] + inset
        top = g.lane_top[lane_id] + m.lane_padding
        for sid in ids:
            h = texts[sid].height
            g.step_rect[sid] = Rect(left, top, m.card_width, h)
            top += h + gap
    return g
