"""core.paper: paper sizes, the fitting scale, tiles with overlap, marks, the 8 pt check."""

from __future__ import annotations

import pytest

from blueprint_editor.core import paper as P


def test_paper_sizes_in_mm_and_orientation():
    assert P.paper("A4").size() == (210.0, 297.0)
    assert P.paper("a4").size(landscape=True) == (297.0, 210.0)
    assert P.paper("A0").size() == (841.0, 1189.0)
    assert P.paper("A1").size(True) == (841.0, 594.0)
    assert P.paper("letter").size() == (215.9, 279.4)
    assert P.paper("tabloid").size() == (279.4, 431.8)
    assert set(P.PAPER_CHOICES) == set(P.PAPERS)
    with pytest.raises(ValueError, match="unknown paper 'B5'.*A0, A1"):
        P.paper("B5")


def test_papers_are_ordered_smallest_first():
    areas = [p.width_mm * p.height_mm for p in P.PAPERS.values()]
    assert areas == sorted(areas)
    assert list(P.PAPERS)[0] == "letter" and list(P.PAPERS)[-1] == "A0"


def test_fit_scale_and_printed_text_size():
    # 960 x 480 units = 254 x 127 mm at scale 1
    assert P.fit_scale(960, 480, 254, 254) == pytest.approx(1.0)
    assert P.fit_scale(960, 480, 127, 127) == pytest.approx(0.5)
    assert P.fit_scale(960, 480, 508, 127) == pytest.approx(1.0)  # height limits
    assert P.text_pt(1.0) == pytest.approx(13 * 0.75)
    assert P.text_pt(2.0, 10) == pytest.approx(15.0)


def test_poster_is_centred_inside_the_margins():
    # 3072 x 1536 units = 812.8 x 406.4 mm; A1 landscape inner area 821 x 574 mm
    post = P.poster(3072, 1536, P.paper("A1").size(True))
    assert post.scale == pytest.approx(821 / 812.8)
    assert post.content.w == pytest.approx(821.0)
    assert post.content.x == pytest.approx(10.0)
    assert post.content.h == pytest.approx(410.5)
    assert post.content.y == pytest.approx((594 - 410.5) / 2)


def test_tiles_overlap_by_ten_mm_and_cover_the_poster():
    content = P.Box(10.0, 100.0, 821.0, 410.5)
    tiling = P.tile(content, P.paper("A4"), landscape=False)
    # A4 portrait window: 190 x 271 mm (margins 10, 10, 10, 16); steps of 180 x 261
    assert (tiling.area.w, tiling.area.h) == (190.0, 271.0)
    assert (tiling.rows, tiling.columns) == (2, 5)
    assert len(tiling) == 10
    first, second = tiling.tiles[0], tiling.tiles[1]
    assert second.window.x - first.window.x == pytest.approx(180.0)
    assert first.window.right - second.window.x == pytest.approx(P.OVERLAP_MM)
    below = tiling.tiles[tiling.columns]
    assert (below.row, below.column) == (1, 0)
    assert first.window.bottom - below.window.y == pytest.approx(P.OVERLAP_MM)
    # together the windows cover the content, centred on it
    left = min(t.window.x for t in tiling.tiles)
    right = max(t.window.right for t in tiling.tiles)
    top = min(t.window.y for t in tiling.tiles)
    bottom = max(t.window.bottom for t in tiling.tiles)
    assert left <= content.x and right >= content.right
    assert top <= content.y and bottom >= content.bottom
    assert content.x - left == pytest.approx(right - content.right)
    assert first.label(tiling.rows, tiling.columns) == "row 1 / column 1 (of 2 x 5 sheets)"


def test_tile_orientation_with_fewer_sheets_is_chosen():
    wide = P.Box(0, 0, 821.0, 200.0)
    portrait = P.tile(wide, P.paper("A4"), landscape=False)
    landscape = P.tile(wide, P.paper("A4"), landscape=True)
    assert (portrait.rows, portrait.columns) == (1, 5)
    # landscape window 277 x 184: columns ceil((821 - 10) / 267) = 4, rows 2
    assert (landscape.rows, landscape.columns) == (2, 4)
    assert P.tile(wide, P.paper("A4")) == portrait
    small = P.Box(0, 0, 100.0, 100.0)
    assert len(P.tile(small, P.paper("A3"))) == 1


def test_a1_poster_over_a4_sheets():
    """A1 landscape, drawn to its margins, over A4: the sheets an office printer takes."""
    content = P.Box(10.0, 10.0, 821.0, 574.0)
    tiling = P.tile(content, P.paper("A4"))
    assert not tiling.landscape
    assert (tiling.rows, tiling.columns) == (3, 5)


def test_crop_marks_sit_in_the_margin_at_the_window_corners():
    tiling = P.tile(P.Box(0, 0, 400.0, 300.0), P.paper("A4"), landscape=False)
    a = tiling.area
    marks = P.crop_marks(tiling)
    assert len(marks) == 8
    for x1, y1, x2, y2 in marks:
        assert x1 == x2 or y1 == y2  # straight
        inside = a.x < (x1 + x2) / 2 < a.right and a.y < (y1 + y2) / 2 < a.bottom
        assert not inside
        assert min(x1, x2) >= 0 and max(x1, x2) <= tiling.sheet_w
        assert min(y1, y2) >= 0 and max(y1, y2) <= tiling.sheet_h
    assert (a.x, a.y - 7.5, a.x, a.y - 1.5) in marks


def test_overlap_ticks_only_towards_neighbours():
    tiling = P.tile(P.Box(0, 0, 400.0, 300.0), P.paper("A4"), landscape=False)
    assert (tiling.rows, tiling.columns) == (2, 3)
    a = tiling.area
    corner = P.overlap_ticks(tiling, tiling.tiles[0])  # neighbours right and below
    xs = {x1 for x1, _, x2, _ in corner if x1 == x2}
    ys = {y1 for _, y1, _, y2 in corner if y1 == y2}
    assert xs == {a.right - P.OVERLAP_MM}
    assert ys == {a.bottom - P.OVERLAP_MM}
    middle = P.overlap_ticks(tiling, tiling.tiles[1])  # left, right and below
    assert {x1 for x1, _, x2, _ in middle if x1 == x2} == {a.x + P.OVERLAP_MM, a.right - P.OVERLAP_MM}


def test_text_warning_names_a_paper_that_works():
    # 4224 x 1120 units: a six-phase, eighteen-column blueprint's page
    post = P.poster(4224, 1120, P.paper("A3").size(True))
    assert P.text_pt(post.scale) < 8
    warning = P.text_warning(4224, 1120, post.scale, "A3 landscape")
    assert warning is not None
    assert warning.startswith(
        f"card text would print at {P.text_pt(post.scale):.1f} pt "
        "on A3 landscape, under 8 pt; use A0 landscape"
    )
    assert "--paper A0 --landscape --tiles A4" in warning
    better = P.suggest_paper(4224, 1120)
    assert better is not None and better.paper.key == "A0" and better.landscape
    assert better.text_pt >= 8
    a1 = P.poster(4224, 1120, P.paper("A1").size(True))
    assert P.text_pt(a1.scale) < 8  # so A1 is not suggested
    big = P.poster(4224, 1120, P.paper("A0").size(True))
    assert P.text_warning(4224, 1120, big.scale, "A0 landscape") is None


def test_text_warning_when_even_a0_is_too_small():
    huge = P.poster(40000, 2000, P.paper("A0").size(True))
    warning = P.text_warning(40000, 2000, huge.scale, "A0 landscape")
    assert warning is not None and "a phase per page (--pages)" in warning
    assert P.suggest_paper(40000, 2000) is None


def test_phase_pages_cover_every_column_once():
    spans = [("Arrive", 190.0, 440.0), ("Stay", 630.0, 220.0), ("Leave", 1070.0, 220.0)]
    pages = P.phase_pages(spans, 190.0, 1510.0)
    assert [(p.title, p.x, p.w) for p in pages] == [
        ("Arrive", 190.0, 440.0),
        ("Stay", 630.0, 220.0),
        ("Columns without a phase", 850.0, 220.0),
        ("Leave", 1070.0, 220.0),
        ("Columns without a phase", 1290.0, 220.0),
    ]
    assert [(p.x, p.w) for p in P.phase_pages([], 190.0, 850.0)] == [(190.0, 660.0)]
