"""Readable on the wall: whole titles with the real font, text sizes, contrast, marker
shapes, zoomed-out titles, fit, selection vs findings, sticky phase titles, the legend."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from blueprint_editor.core import edits
from blueprint_editor.core.cards import TEXT_SIZES
from blueprint_editor.core.document import Document
from blueprint_editor.core.io import load_path
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.core.model import Blueprint, Column, Comment, Handoff, Phase, Step, standard_lanes
from blueprint_editor.core.validate import Finding
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.checks_badges import CheckBadges
from blueprint_editor.qt.canvas.items import CornerItem
from blueprint_editor.qt.canvas.scene import BlueprintScene
from blueprint_editor.qt.export import legend
from blueprint_editor.qt.export.page import build_page
from blueprint_editor.qt.export.render import png_size, render_png_bytes
from blueprint_editor.resources import resource
from factories import tall_blueprint

EXAMPLES = sorted(resource("examples").glob("*.blueprint"))
LONG = (
    "Ask housekeeping to recheck the minibar and confirm the charges with the guest "
    "before the folio is closed at the front desk"
)


def render(scene, rect: QRectF, scale: float) -> QImage:
    img = QImage(
        max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)), QImage.Format.Format_ARGB32
    )
    img.fill(0xFFFFFFFF)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(p, img.rect().toRectF(), rect)
    p.end()
    return img


def dark_pixels(img: QImage, inset: int = 2) -> int:
    return sum(
        1
        for x in range(inset, img.width() - inset)
        for y in range(inset, img.height() - inset)
        if QColor(img.pixel(x, y)).lightness() < 110
    )


def assert_whole_titles(scene: BlueprintScene) -> None:
    """Every card draws its whole title; every line fits the card; cards stay in their
    lane and never overlap one another."""
    m = scene.metrics
    fm = QFontMetricsF(style.font(m.title_px, True))
    g = scene.layout
    for step in scene.doc.blueprint.steps:
        item = scene.step_item(step.id)
        lines = item.title_lines()
        # every letter in order (a word wider than the card is broken between letters)
        assert "".join("".join(lines).split()) == "".join(step.title.split()), step.id
        if all(fm.horizontalAdvance(w) <= m.card_width * 0.8 for w in step.title.split()):
            assert " ".join(lines) == " ".join(step.title.split()), step.id
        assert not any("\u2026" in line for line in lines if "\u2026" not in step.title)
        text = g.card_text[step.id]
        room = m.card_width - text.text_left - m.card_pad_x
        for line in lines:
            assert fm.horizontalAdvance(line) <= room + 0.5 or len(line) == 1, (step.id, line)
        card = item.scene_card_rect()
        last = text.title_top + len(lines) * m.title_line
        assert last <= card.height() + 0.01, step.id
        lane = g.lane_rect(step.lane)
        assert lane.y <= card.top() and card.bottom() <= lane.bottom, step.id
    for ids in g.cells.values():
        rects = [g.step_rect[s] for s in ids]
        for upper, lower in zip(rects, rects[1:]):
            assert upper.bottom < lower.y


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("size", [s.key for s in TEXT_SIZES])
def test_examples_show_every_title_whole(qapp, path, size):
    scene = BlueprintScene(Document(load_path(path)), None, text_size=size)
    try:
        assert_whole_titles(scene)
    finally:
        scene.detach()


words = st.sampled_from(
    [
        "check",
        "in",
        "the",
        "guest",
        "minibar",
        "reservation",
        "Übernachtungsbestätigungsformular",
        "☕",
        "KPI",
        "a",
        "follow-up",
        "x" * 40,
    ]
)
long_titles = st.lists(words, min_size=1, max_size=40).map(" ".join)


@hyp_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(long_titles, min_size=1, max_size=8),
    owners=st.lists(
        st.sampled_from(["", "Desk", "Front office night manager on duty"]), min_size=8, max_size=8
    ),
    size=st.sampled_from([s.key for s in TEXT_SIZES]),
)
def test_generated_blueprints_show_every_title_whole(qapp, titles, owners, size):
    # stacked cards (two columns of up to four) with long titles, owners and markers
    steps = [
        Step(
            id=f"s{i}",
            lane="customer" if i % 3 else "frontstage",
            column=f"c{i % 2}",
            title=t,
            owner=owners[i],
            fail_point=i % 2 == 0,
            wait_point=i % 3 == 0,
            emotion=(i % 5) - 2,
        )
        for i, t in enumerate(titles)
    ]
    bp = Blueprint(lanes=standard_lanes(), columns=[Column(id="c0"), Column(id="c1")], steps=steps)
    scene = BlueprintScene(Document(bp), None, text_size=size)
    try:
        assert_whole_titles(scene)
        # the scene and core agree: the same layout from the same metrics
        g = compute_layout(bp, scene.metrics)
        for sid, r in g.step_rect.items():
            c = scene.step_item(sid).scene_card_rect()
            assert (c.x(), c.y(), c.width(), c.height()) == pytest.approx(tuple(r))
    finally:
        scene.detach()


def test_renaming_a_step_grows_its_card_and_lane_and_undo_shrinks_them(canvas):
    item = canvas.scene.step_item("greet")
    before_card = item.rect().height()
    before_lane = canvas.scene.layout.lane_height["frontstage"]
    title = f"{LONG}, then {LONG}"
    canvas.controller.push(edits.set_fields(canvas.doc, "steps", "greet", title=title), "Rename")
    assert item.rect().height() > before_card
    assert canvas.scene.layout.lane_height["frontstage"] > before_lane
    assert " ".join(item.title_lines()) == title
    canvas.assert_mirrors()
    canvas.stack.undo()
    assert item.rect().height() == before_card
    assert canvas.scene.layout.lane_height["frontstage"] == before_lane
    canvas.assert_mirrors()


# ----------------------------------------------------------------- contrast, size, shape
def test_secondary_text_meets_wcag_aa_and_is_at_least_11_px(qapp):
    pairs = {
        "owner and duration on a card": (style.MUTED, style.CARD),
        "title on a card": (style.INK, style.CARD),
        "arrow label": (style.INK, style.LABEL_BG),
        "line label": (style.LINE_INK, style.CARD),
        "phase title": (style.PHASE_INK, style.PHASE_BG),
        "export description": (style.MUTED, QColor("#ffffff")),
    }
    for kind in style.LANE_COLOURS:
        pairs[f"lane kind {kind}"] = (style.kind_ink(kind), style.lane_header_bg(kind))
        pairs[f"lane title {kind}"] = (style.INK, style.lane_header_bg(kind))
    for name, (fg, bg) in pairs.items():
        assert style.contrast_ratio(fg, bg) >= 4.5, name
    assert style.contrast_ratio(QColor("#ffffff"), QColor("#000000")) == pytest.approx(21)
    m = style.canvas_metrics()
    assert m.small_px >= 11 and m.title_px >= 13 and m.header_px >= 11


def silhouette(paint) -> set[tuple[int, int]]:
    img = QImage(64, 64, QImage.Format.Format_ARGB32)
    img.fill(0)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(p, QRectF(0, 0, 64, 64))
    p.end()
    return {(x, y) for x in range(64) for y in range(64) if QColor.fromRgba(img.pixel(x, y)).alpha() > 128}


def test_markers_differ_by_shape_not_only_colour(qapp):
    shapes = {kind: silhouette(lambda p, r, k=kind: style.paint_marker(p, k, r)) for kind in style.MARKERS}
    shapes["emotion"] = silhouette(lambda p, r: style.paint_emotion(p, r, 0))
    for (a, sa), (b, sb) in itertools.combinations(shapes.items(), 2):
        differ = len(sa ^ sb) / max(len(sa | sb), 1)
        assert differ > 0.12, (a, b, differ)


# ------------------------------------------------------------------------ zoom and fit
def test_zoomed_out_cards_keep_a_readable_title(canvas):
    scene = canvas.scene
    scene.clearSelection()
    item = scene.step_item("greet")
    card_size = scene.layout.card_text["greet"]
    over = scene.metrics.overview(canvas.doc.step("greet").title, card_size.width, card_size.height)
    assert over.px > scene.metrics.title_px
    card = item.scene_card_rect()
    zoom = 7.6 / over.px  # the overview title is just over 7 px on screen
    assert zoom * scene.metrics.small_px < 7  # too small for the full card

    def colours(img: QImage) -> set[int]:
        return {img.pixel(x, y) for x in range(3, img.width() - 3) for y in range(3, img.height() - 3)}

    assert len(colours(render(scene, card, zoom))) > 5  # the title is drawn
    # the markers stay visible, larger, on the card's top edge: the fail point's red
    desk = scene.step_item("desk").scene_card_rect()
    img = render(scene, desk.adjusted(0, -14, 0, 0), zoom)
    red = [QColor(img.pixel(x, y)) for x in range(img.width()) for y in range(img.height())]
    assert any(c.red() > 180 and c.green() < 90 and c.blue() < 90 for c in red)
    far = render(scene, card, 6.4 / over.px)  # under 7 px: a plain block
    assert len(colours(far)) <= 2


def test_fit_fits_height_as_well_as_width(make_canvas):
    c = make_canvas(tall_blueprint())
    content = c.scene.scene_rect_for_export()
    assert content.height() > c.view.viewport().height()
    assert content.width() < c.view.viewport().width()
    c.view.fit_all()
    assert c.view.zoom_factor() < 1.0
    assert c.view.visible_scene_rect().adjusted(-1, -1, 1, 1).contains(content)


def test_a_blueprint_opens_fitted_only_when_it_does_not_fit(make_window):
    big = make_window(tall_blueprint())
    assert big.view.zoom_factor() < 1.0
    assert big.view.visible_scene_rect().adjusted(-1, -1, 1, 1).contains(big.scene.scene_rect_for_export())
    small = make_window(Blueprint(title="Small", lanes=standard_lanes()[:2], columns=[Column(id="c1")]))
    assert small.view.zoom_factor() == 1.0


# ------------------------------------------------------------ selection vs findings
def test_selection_and_findings_look_different(canvas, qtbot):
    scene = canvas.scene
    badges = CheckBadges(scene, canvas.doc)
    badges.set_findings([Finding("X", "info", "just so", steps=("greet",))])
    assert badges.marked_ids() == {"greet"}
    canvas.click(canvas.card_center("desk2"))
    assert scene.selected_step_ids() == ["desk2"]

    def rim(step_id: str) -> list[QColor]:
        """Pixels just outside the card's left edge, a third of the way down (clear of
        the corner handles and of the connect handle in the middle of the edge)."""
        card = scene.step_item(step_id).scene_card_rect()
        img = render(scene, card.adjusted(-12, -12, 12, 12), 1.0)
        return [QColor(img.pixel(12 - d, 12 + int(card.height()) // 4)) for d in (2, 3, 4)]

    selected, marked = rim("desk2"), rim("greet")
    accent = style.SELECTION
    assert any(
        abs(c.red() - accent.red()) + abs(c.green() - accent.green()) + abs(c.blue() - accent.blue()) < 40
        for c in selected
    )  # crisp accent line
    for c in marked:  # a soft tint: light, never the selection's accent colour
        assert c.lightness() > 170
        assert (
            abs(c.red() - accent.red()) + abs(c.green() - accent.green()) + abs(c.blue() - accent.blue())
            > 120
        )

    # the selected card has a handle on each corner, the marked one none
    def near_accent(c: QColor) -> bool:
        return (
            abs(c.red() - accent.red()) + abs(c.green() - accent.green()) + abs(c.blue() - accent.blue()) < 60
        )

    for step_id, handles in (("desk2", True), ("greet", False)):
        card = scene.step_item(step_id).scene_card_rect()
        img = render(scene, card.adjusted(-12, -12, 12, 12), 1.0)
        w, h = img.width(), img.height()
        corners = [(w - 7, 6), (6, h - 7), (w - 7, h - 7)]
        if handles:  # (the finding's badge sits on the marked card's top-left corner)
            corners.append((6, 6))
        for cx, cy in corners:
            ring = [QColor(img.pixel(x, y)) for x in range(cx - 3, cx + 4) for y in range(cy - 3, cy + 4)]
            assert any(near_accent(c) for c in ring) is handles, (step_id, cx, cy)
    badges.detach()


# --------------------------------------------------------------------- header cells
def test_phase_title_stays_in_view_while_its_phase_is(make_canvas):
    bp = Blueprint(
        title="Long phase",
        lanes=standard_lanes(),
        phases=[Phase(id="p", title="A long phase"), Phase(id="q", title="Next")],
        columns=[Column(id=f"c{i}", phase="p" if i < 12 else "q") for i in range(14)],
        steps=[Step(id="s", lane="customer", column="c0", title="Start")],
    )
    c = make_canvas(bp)
    view, scene = c.view, c.scene
    phase = next(p for p in scene.phase_header_items() if p.phase_id == "p")
    start = phase.text_rect()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 1200)  # the phase's start is far behind the lane headers
    visible = view.visible_scene_rect()
    headers_right = visible.left() + scene.metrics.header_width
    moved = phase.mapRectToScene(phase.text_rect())
    assert moved.left() >= headers_right - 1 and moved.right() <= visible.right()
    assert moved.left() > start.left()
    bar.setValue(bar.minimum())
    assert phase.text_rect() == start


def test_corner_cell_does_not_repeat_the_title(canvas):
    corner = next(i for i in canvas.scene.items() if isinstance(i, CornerItem))
    img = render(canvas.scene, corner.sceneBoundingRect(), 2.0)
    assert dark_pixels(img, inset=4) == 0  # no text: the title is in the heading


# ------------------------------------------------------------------------- exports
def test_export_legend_lists_only_the_markers_used(qapp):
    bp = Blueprint(
        title="Legend",
        lanes=standard_lanes(),
        columns=[Column(id="c1")],
        steps=[
            Step(id="a", lane="customer", column="c1", title="A", wait_point=True),
            Step(id="b", lane="frontstage", column="c1", title="B"),
        ],
        handoffs=[Handoff(id="h", source="a", target="b")],
    )
    assert [e.kind for e in build_page(bp).legend] == ["wait_point"]
    bp.handoffs[0].two_way = True
    bp.steps[1].emotion = -1
    assert [e.kind for e in build_page(bp).legend] == ["wait_point", "emotion", "two_way"]
    # workshop marks: votes, and one bubble per commented step or arrow in its colour
    bp.steps[0].votes = 2
    bp.comments = [
        Comment(id="n", target=None, kind="note", text="about the whole blueprint: not drawn"),
        Comment(id="d", target="h", kind="action", text="done", done=True),
    ]
    kinds = [e.kind for e in build_page(bp).legend]
    assert kinds == ["wait_point", "emotion", "two_way", "votes", "done"]
    bp.comments.append(Comment(id="q", target="b", kind="question", text="Who?"))
    bp.comments.append(Comment(id="o", target="h", kind="note", text="open again"))
    page = build_page(bp)
    assert [e.kind for e in page.legend][-3:] == ["votes", "question", "comment"]
    labels = {e.kind: e.label for e in page.legend}
    assert labels["question"] == "Open question" and labels["votes"] == "Votes"
    plain = Blueprint(title="Plain", lanes=standard_lanes(), columns=[Column(id="c1")])
    page = build_page(plain)
    assert page.legend == [] and legend.used_entries(plain) == []


def test_exports_follow_the_text_size(qapp):
    bp = load_path(EXAMPLES[0])
    sizes = [png_size(bp, 1.0, text_size=s.key) for s in TEXT_SIZES]
    for smaller, larger in zip(sizes, sizes[1:]):
        assert larger[0] > smaller[0] and larger[1] > smaller[1]
    page = build_page(bp, text_size="projector")
    assert page.scene.metrics.text_size == "projector"
    assert render_png_bytes(bp, scale=0.5, text_size="projector")[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------ view setting
def test_text_size_menu_applies_to_the_canvas_and_is_remembered(make_window, settings):
    window = make_window(tall_blueprint())
    actions = window.window_actions.text_sizes
    assert [a.data() for a in actions.values()] == [s.key for s in TEXT_SIZES]
    assert actions["standard"].isChecked()
    menu_titles = [a.text() for a in window.window_actions.view_menu.actions()]
    assert "&Text Size" in menu_titles
    card_w = window.scene.metrics.card_width
    actions["projector"].trigger()
    assert window.scene.text_size() == "projector"
    assert window.scene.metrics.card_width > card_w
    assert actions["projector"].isChecked() and not actions["standard"].isChecked()
    step = window.document.blueprint.steps[0]
    assert window.scene.step_item(step.id).rect().width() == window.scene.metrics.card_width
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value("view/text_size") == "projector"
    again = make_window()
    assert again.scene.text_size() == "projector"
    assert again.window_actions.text_sizes["projector"].isChecked()
    settings.setValue("view/text_size", "gigantic")  # a bad value: the default
    assert make_window().scene.text_size() == "standard"


def test_arrow_labels_grow_with_the_text_size(qapp):
    bp = load_path(EXAMPLES[0])
    labelled = next(h for h in bp.handoffs if h.label.strip())
    heights = []
    for size in ("standard", "projector"):
        scene = BlueprintScene(Document(bp.model_copy(deep=True)), None, text_size=size)
        heights.append(scene.handoff_item(labelled.id).label_rect().height())
        assert scene.handoff_item(labelled.id).label_px == scene.metrics.small_px >= 11
        scene.detach()
    assert heights[1] > heights[0] * 1.5


def test_the_export_heading_wraps_the_description_instead_of_cutting_it(qapp):
    first = "A telephone service desk, from the first ring to the follow-up call, " * 4
    bp = Blueprint(
        title="Service desk",
        description=f"{first}\nA second line, not shown.",
        lanes=standard_lanes(),
        columns=[Column(id="c1")],
    )
    page = build_page(bp)
    lines = page.description.split("\n")
    assert 1 < len(lines) <= 6
    assert " ".join(lines) == " ".join(first.split())
    assert page.description_rect.bottom() < page.target.top()  # the blueprint comes below
    long = bp.model_copy(update={"description": "word " * 2000})
    lines = build_page(long).description.split("\n")
    assert len(lines) == 6 and lines[-1].endswith("\u2026")


def test_a_long_phase_title_wraps_whole_and_the_band_grows(make_canvas):
    title = "Arrival, check-in at the front desk and getting to the room with all the luggage"
    bp = Blueprint(
        title="Phases",
        lanes=standard_lanes(),
        phases=[Phase(id="p", title=title), Phase(id="q", title="Stay")],
        columns=[Column(id="c0", phase="p"), Column(id="c1", phase="q"), Column(id="c2", phase="q")],
        steps=[Step(id="s", lane="customer", column="c0", title="Start")],
    )
    c = make_canvas(bp)
    scene = c.scene
    g, m = scene.layout, scene.metrics
    span = next(s for s in g.phases if s.phase == "p")
    assert len(span.lines) > 2 and " ".join(span.lines) == title  # whole, on its own lines
    assert g.phase_band > m.phase_height
    assert g.phase_band >= len(span.lines) * m.header_line
    assert g.grid_top == g.phase_band  # the lanes start below the taller band
    header = next(p for p in scene.phase_header_items() if p.phase_id == "p")
    assert header.title_lines() == list(span.lines)
    band = header.sceneBoundingRect()
    assert band.height() == g.phase_band - 12
    drawn = header.mapRectToScene(header.text_rect())
    assert band.contains(drawn.adjusted(1, 1, -1, -1))
    # a short title keeps the standard band
    short = bp.model_copy(update={"phases": [Phase(id="p", title="Arrival"), Phase(id="q", title="Stay")]})
    assert make_canvas(short).scene.layout.phase_band == m.phase_height
