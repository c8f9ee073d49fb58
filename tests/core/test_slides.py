"""Presentation framing math: phase frames, fitting, pages of whole lanes."""

from __future__ import annotations

import pytest

from blueprint_editor.core import slides
from blueprint_editor.core.layout import Metrics, compute_layout
from blueprint_editor.core.model import Column, Phase
from factories import blueprint_of

LANES = ("evidence", "customer", "frontstage", "backstage", "support", "note")
TITLE = "Confirm the booking with the guest and the group contract before arrival"
MIN_TITLE_PX, COMFORTABLE_TITLE_PX = 11.0, 20.0


def four_columns(stack: int = 1):
    columns = [Column(id=f"col{i}", phase="main" if i <= 4 else "end") for i in range(1, 7)]
    steps = [
        (f"{lane}{c}_{k}", lane, c, {"title": f"{TITLE} {k}"})
        for lane in LANES
        for c in range(1, 5)
        for k in range(stack)
    ]
    return blueprint_of(
        steps,
        lanes=LANES,
        columns=columns,
        phases=[Phase(id="main", title="Main"), Phase(id="end", title="End")],
    )


def shown(top: float, visible_w: float, visible_h: float, left: float, g):
    """The part of a page not under the sticky lane titles and phase band."""
    m = g.metrics
    return (left + m.header_width, top + m.phase_height, left + visible_w, top + visible_h)


@pytest.mark.parametrize("stack", [1, 3])
def test_four_columns_at_the_largest_size_on_1280x720_show_every_card_whole(stack):
    g = compute_layout(four_columns(stack), Metrics.for_text_size("projector"))
    frame = slides.phase_frame(g, 0)
    assert frame.w == pytest.approx(g.metrics.header_width + 4 * g.metrics.column_width)
    title = g.metrics.title_px
    zoom, paged = slides.fit_zoom(
        frame, 1280, 720, 12, 2.5, (MIN_TITLE_PX / title, COMFORTABLE_TITLE_PX / title)
    )
    assert paged  # six lanes at the largest size do not fit 720 pixels readably
    assert zoom * title >= MIN_TITLE_PX
    visible_w, visible_h = 1280 / zoom, 720 / zoom
    assert visible_w >= frame.w  # the four columns and the lane titles fit the width
    left = frame.x + frame.w / 2 - visible_w / 2
    tops = slides.page_tops(g, visible_h)
    assert tops == sorted(tops) and tops[0] == 0.0
    assert tops[-1] + visible_h >= g.height - 1e-6  # the last page reaches the bottom
    for sid, r in g.step_rect.items():
        if not sid.endswith(tuple(f"{c}_{k}" for c in range(1, 5) for k in range(stack))):
            continue
        assert any(
            x0 <= r.x and r.right <= x1 and y0 <= r.y and r.bottom <= y1
            for x0, y0, x1, y1 in (shown(t, visible_w, visible_h, left, g) for t in tops)
        ), sid
        assert "\u2026" not in "".join(g.card_text[sid].lines)


def test_pages_start_at_a_lane_under_the_phase_band():
    g = compute_layout(four_columns(), Metrics.for_text_size("projector"))
    band = g.metrics.phase_height
    visible_h = 900.0
    tops = slides.page_tops(g, visible_h)
    assert len(tops) > 1
    lane_tops = {g.lane_top[lane] - band for lane in g.lane_order}
    last = g.height - visible_h
    for top in tops[1:]:
        assert top in lane_tops or top == pytest.approx(last)
    # every lane is whole on some page (each is shorter than a page)
    for lane in g.lane_order:
        y0, y1 = g.lane_top[lane], g.lane_top[lane] + g.lane_height[lane]
        assert any(t + band <= y0 + 1e-6 and y1 <= t + visible_h + 1e-6 for t in tops), lane


def test_a_lane_taller_than_a_page_is_shown_page_by_page():
    g = compute_layout(four_columns(stack=8), Metrics.for_text_size("projector"))
    band = g.metrics.phase_height
    visible_h = 700.0
    assert max(g.lane_height.values()) > visible_h
    tops = slides.page_tops(g, visible_h)
    # consecutive pages overlap or touch: nothing between them is skipped
    for a, b in zip(tops, tops[1:], strict=False):
        assert b > a and b <= a + visible_h - band + 1e-6
    assert tops[-1] + visible_h >= g.height - 1e-6


def test_fit_whole_when_readable_and_small_screens():
    g = compute_layout(four_columns(), Metrics())
    frame = slides.whole_frame(g)
    zoom, paged = slides.fit_zoom(frame, 1920, 1080, 12, 2.5)
    assert not paged
    assert frame.w * zoom <= 1920 - 24 + 1e-6 and frame.h * zoom <= 1080 - 24 + 1e-6
    assert slides.page_tops(g, g.height + 10) == [0.0]
