"""Card text and sizes in core: whole titles (never elided), growing cards and lanes,
text sizes. Measured with the font-free estimate; tests/qt/test_readable.py checks the
same with the real font."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint_editor.core import cards
from blueprint_editor.core.cards import TEXT_SIZES, approx_measure, card_text, wrap_text
from blueprint_editor.core.io import load_path
from blueprint_editor.core.layout import COLUMN_TITLE_HEIGHT, Metrics, compute_layout
from blueprint_editor.core.model import Blueprint, Column, Step, standard_lanes
from blueprint_editor.resources import resource


def width_at(px: int, bold: bool = True):
    return lambda text: approx_measure(text, px, bold)


def words(text: str) -> list[str]:
    return text.split()


titles = st.text(alphabet=st.sampled_from("abcdefghij KLMNOP-é☕ "), min_size=0, max_size=300)


@settings(max_examples=200, deadline=None)
@given(titles, st.floats(min_value=30, max_value=400))
def test_wrapping_keeps_every_letter_and_fits(text, width):
    lines = wrap_text(text, width_at(13), width)
    # nothing elided: the lines hold the whole text (a broken word's pieces join up)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert line == line.strip() and line
        # every line fits, except a single letter wider than the width
        assert approx_measure(line, 13, True) <= width or len(line) == 1


def test_short_title_is_one_line_and_long_words_break():
    assert wrap_text("Greet guest", width_at(13), 164) == ["Greet guest"]
    long = "Supercalifragilisticexpialidocious-reservations-confirmation"
    lines = wrap_text(long, width_at(13), 164)
    assert len(lines) > 1 and "".join(lines) == long
    assert wrap_text("   ", width_at(13), 164) == []


def test_a_card_grows_with_its_title_and_keeps_its_width():
    m = Metrics()
    short = card_text(m, "Greet guest", "Reception · 2 min", 1)
    assert (short.width, short.height) == (m.card_width, m.card_height)
    long_title = " ".join(["registration"] * 20)
    tall = card_text(m, long_title, "Reception · 2 min", 1)
    assert tall.width == m.card_width and tall.height > m.card_height
    assert " ".join(tall.lines) == long_title
    # every line box lies inside the card, above the footer
    assert tall.title_top + len(tall.lines) * m.title_line <= tall.footer_top
    assert tall.footer_top + len(tall.footer) * m.small_line <= tall.height
    for x, y in tall.badges:
        assert x >= 0 and x + m.badge_size <= tall.width
        assert tall.footer_top - m.small_line <= y and y + m.badge_size <= tall.height


def test_a_long_owner_wraps_beside_the_badges_instead_of_being_cut():
    m = Metrics()
    owner = "Front office night manager on duty and the revenue team"
    text = card_text(m, "Check out", cards.footer_text(owner, 90), 3)
    assert " ".join(text.footer) == f"{owner} \u00b7 1 h 30 min"
    assert len(text.footer) > 1 and text.height > m.card_height
    left_of_badges = min(x for x, _ in text.badges)
    for line in text.footer:
        assert text.text_left + approx_measure(line, m.small_px, False) <= left_of_badges


def test_overview_title_is_larger_and_whole_or_absent():
    m = Metrics()
    text = card_text(m, "Find the room", "", 0)
    over = cards.card_overview(m, "Find the room", text.width, text.height)
    assert over.px > m.title_px
    assert " ".join(over.lines) == "Find the room"
    assert len(over.lines) * cards.overview_line(over.px) <= text.height
    assert over.px <= m.title_px * cards.OVERVIEW_MAX_FACTOR
    assert m.overview("Find the room", text.width, text.height) == over
    crowded = card_text(m, "Onboarding-documentation-verification", "", 0)
    none = cards.card_overview(m, "Onboarding-documentation-verification", crowded.width, crowded.height)
    assert none.px == 0 and none.lines == ()


def test_lanes_grow_with_their_tallest_stack_of_grown_cards():
    long_title = "Ask housekeeping to recheck the minibar " * 6
    bp = Blueprint(
        lanes=standard_lanes(),
        columns=[Column(id="c1"), Column(id="c2")],
        steps=[
            Step(id="a", lane="customer", column="c1", title=long_title),
            Step(id="b", lane="customer", column="c1", title="Short"),
            Step(id="c", lane="customer", column="c2", title="Short"),
        ],
    )
    g = compute_layout(bp)
    m = g.metrics
    a, b = g.step_rect["a"], g.step_rect["b"]
    assert a.h > m.card_height and b.h == m.card_height
    assert b.y == a.bottom + m.card_gap  # stacked under the grown card
    lane = g.lane_rect("customer")
    assert lane.y + m.lane_padding == a.y and b.bottom + m.lane_padding == lane.bottom
    assert " ".join(g.card_text["a"].lines) == " ".join(long_title.split())
    # the next lane starts below the grown one: no card overlaps another lane
    for sid, r in g.step_rect.items():
        lane = g.lane_at(r.y)
        assert r.bottom <= g.lane_rect(lane).bottom, sid
    # a drop in the stack finds its slot by the real card heights
    assert g.drop_slot("customer", "c1", a.y + 5) == (0, "a")
    assert g.drop_slot("customer", "c1", a.bottom + m.card_gap / 2 + 1) == (1, "b")
    assert g.drop_slot("customer", "c1", b.bottom + 20) == (2, None)
    assert g.slot_gap_y("customer", 1, "c1") == pytest.approx(b.y - m.card_gap / 2)
    # without the grown card the stack closes up: "b" then starts at the top
    assert g.drop_slot("customer", "c1", a.y + 5, exclude={"a"}) == (0, "b")
    assert g.drop_slot("customer", "c1", a.y + m.card_height + 10, exclude={"a"}) == (1, None)
    assert g.slot_gap_y("customer", 1, "c1", exclude={"a"}) == pytest.approx(
        a.y + m.card_height + m.card_gap / 2
    )


def test_long_lane_titles_wrap_whole_and_the_lane_grows():
    lanes = standard_lanes()
    lanes[1].title = "Guests, their families and the travel agents booking on their behalf " * 2
    bp = Blueprint(lanes=lanes, columns=[Column(id="c1")])
    g = compute_layout(bp)
    lines = g.lane_lines[lanes[1].id]
    assert " ".join(lines) == " ".join(lanes[1].title.split())
    m = g.metrics
    assert g.lane_height[lanes[1].id] >= len(lines) * m.header_line + 2 * m.lane_padding


def test_long_column_titles_wrap_whole_and_the_band_grows():
    lanes = standard_lanes()
    short = Blueprint(lanes=lanes, columns=[Column(id="c1", title="Minute 0"), Column(id="c2")])
    g = compute_layout(short)
    assert g.column_lines == {"c1": ["Minute 0"]} and g.title_band == COLUMN_TITLE_HEIGHT
    title = "Arrival at the front desk, with the luggage, the children and the dog"
    long = Blueprint(lanes=lanes, columns=[Column(id="c1", title="Minute 0"), Column(id="c2", title=title)])
    g = compute_layout(long)
    m = g.metrics
    lines = g.column_lines["c2"]
    assert len(lines) > 1 and " ".join(lines) == title
    assert all(m.measure(line, m.column_title_px, True) <= m.column_width - 16 for line in lines)
    assert g.title_band >= len(lines) * m.column_title_line + 12
    assert g.grid_top == m.phase_height + g.title_band  # the lanes start below it
    for size in TEXT_SIZES:  # the titles grow with the text size
        bigger = Metrics.for_text_size(size.key)
        assert bigger.column_title_px == bigger.header_px - 2


def test_text_sizes_scale_fonts_and_cards_together():
    sizes = [Metrics.for_text_size(s.key) for s in TEXT_SIZES]
    assert len(sizes) >= 4 and sizes[0] == Metrics()  # standard is the canvas as it was
    assert sizes[0].small_px >= 11
    for smaller, larger in zip(sizes, sizes[1:]):
        assert larger.title_px > smaller.title_px and larger.small_px > smaller.small_px
        assert larger.card_width > smaller.card_width
        assert larger.column_width > larger.card_width
    assert sizes[-1].title_px >= 2 * sizes[0].title_px - 4  # projector-large
    with pytest.raises(ValueError, match="unknown text size 'huge'.*standard"):
        Metrics.for_text_size("huge")


@pytest.mark.parametrize("path", sorted(resource("examples").glob("*.blueprint")), ids=lambda p: p.stem)
@pytest.mark.parametrize("size", [s.key for s in TEXT_SIZES])
def test_no_example_title_is_elided(path, size):
    bp = load_path(path)
    g = compute_layout(bp, Metrics.for_text_size(size))
    for step in bp.steps:
        text = g.card_text[step.id]
        assert " ".join(text.lines) == " ".join(step.title.split()), step.id
        assert g.step_rect[step.id].h == text.height
