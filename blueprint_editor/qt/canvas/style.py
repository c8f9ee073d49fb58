"""How the canvas looks: the bundled font, colours, pens and the drawn marker badges.

Everything the canvas, the palette and the exports draw comes from here, so a fail point
is the same red badge on a card, in the palette and in an exported legend. Badges are
drawn with painter paths (never emoji glyphs), so they are identical on every platform
and crisp at any zoom. The palette is light and calm with high contrast: it is read on a
projector from the back of a workshop room.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE, format_duration  # noqa: F401
from blueprint_editor.core.layout import Metrics
from blueprint_editor.qt.canvas.themes import LIGHT, Theme
from blueprint_editor.resources import resource

FONT_FAMILY = "DejaVu Sans"
_fonts_loaded = False


def load_fonts() -> str:
    """Register the bundled DejaVu Sans (once) and return its family name.

    Needs a QGuiApplication. Calling it again does nothing.
    """
    global _fonts_loaded, FONT_FAMILY
    if _fonts_loaded:
        return FONT_FAMILY
    families: list[str] = []
    for path in sorted(resource("fonts").glob("DejaVuSans*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    if families:
        FONT_FAMILY = families[0]
    _fonts_loaded = True
    font.cache_clear()
    font_metrics.cache_clear()
    baseline.cache_clear()
    _advances.clear()
    _words.clear()
    _metrics.clear()
    return FONT_FAMILY


_metrics: dict[str, Metrics] = {}


def canvas_metrics(text_size: str = DEFAULT_TEXT_SIZE) -> Metrics:
    """The grid and card metrics of a text size, measured with the bundled font.

    One instance per text size for the process, so its cache of wrapped card titles
    serves every scene (canvas, export) and every relayout. Needs a QGuiApplication."""
    load_fonts()
    made = _metrics.get(text_size)
    if made is None:
        made = _metrics[text_size] = Metrics.for_text_size(text_size, text_width)
    return made


@lru_cache(maxsize=64)
def font(pixel_size: int, bold: bool = False, italic: bool = False) -> QFont:
    """The canvas font at a pixel size (scene units), hinting off so exports match."""
    f = QFont(FONT_FAMILY)
    f.setPixelSize(pixel_size)
    f.setBold(bold)
    f.setItalic(italic)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    f.setKerning(True)
    return f


@lru_cache(maxsize=64)
def font_metrics(pixel_size: int, bold: bool = False) -> QFontMetricsF:
    """The metrics of :func:`font` (made once: thousands of cards ask for them)."""
    return QFontMetricsF(font(pixel_size, bold))


@lru_cache(maxsize=256)
def baseline(pixel_size: int, bold: bool, line_height: float) -> float:
    """Where the baseline of :func:`font` sits in a line ``line_height`` tall, centred."""
    fm = font_metrics(pixel_size, bold)
    return fm.ascent() + (line_height - fm.height()) / 2


_advances: dict[tuple[int, bool], dict[str, float]] = {}
_words: dict[tuple[str, int, bool], float] = {}


def text_width(text: str, pixel_size: int, bold: bool = False) -> float:
    """Width of ``text`` in :func:`font`, summed from cached per-character advances.

    Much faster than asking the font for every candidate line while wrapping thousands of
    card titles (and words, which repeat from title to title, are remembered whole).
    Kerning is ignored, which errs on the wide side (lines never overflow).
    """
    key = (text, pixel_size, bold)
    known = _words.get(key)
    if known is not None:
        return known
    table = _advances.get((pixel_size, bold))
    if table is None:
        table = _advances[(pixel_size, bold)] = {}
    total = 0.0
    for ch in text:
        w = table.get(ch)
        if w is None:
            w = table[ch] = font_metrics(pixel_size, bold).horizontalAdvance(ch)
        total += w
    if len(text) <= 32:  # words and short titles
        if len(_words) > 100_000:
            _words.clear()
        _words[key] = total
    return total


# ----------------------------------------------------------------------- colours
# The active theme's colours (see :mod:`themes` and :func:`use_theme`); items read them
# as ``style.INK`` and so on when they paint.
THEME: Theme = LIGHT
CANVAS = QColor(LIGHT.canvas)
PAGE = QColor(LIGHT.page)  # an export's background
INK = QColor(LIGHT.ink)
#: secondary text (owner, duration, descriptions): at least WCAG AA (4.5:1) on a card
MUTED = QColor(LIGHT.muted)
FAINT = QColor(LIGHT.faint)
GRID = QColor(LIGHT.grid)
CARD = QColor(LIGHT.card)
CARD_BORDER = QColor(LIGHT.card_border)
CARD_SHADOW = QColor(*LIGHT.card_shadow)
#: the selection: a thick outline with corner handles (findings use a soft halo instead)
SELECTION = QColor(LIGHT.selection)
SELECTION_WIDTH = LIGHT.selection_width
SELECTION_HANDLE = 7.0
HOVER = QColor(LIGHT.hover)
HEADER_BG = QColor(LIGHT.header_bg)
HEADER_BORDER = QColor(LIGHT.header_border)
PHASE_BG = QColor(LIGHT.phase_bg)
PHASE_INK = QColor(LIGHT.phase_ink)
LINE_INK = QColor(LIGHT.line_ink)
ARROW = QColor(LIGHT.arrow)
LABEL_BG = QColor(LIGHT.label_bg)
LABEL_BORDER = QColor(LIGHT.label_border)
DROP = QColor(LIGHT.drop)
#: widths: named lines and grid (a factor), borders, arrows, arrow heads (a factor)
LINE_SCALE = LIGHT.line_scale
BORDER_WIDTH = LIGHT.border_width
ARROW_WIDTH = LIGHT.arrow_width
ARROW_HEAD = LIGHT.arrow_head

FAIL = QColor(LIGHT.fail)
WAIT = QColor(LIGHT.wait)
MOMENT = QColor(LIGHT.moment)
MOMENT_EDGE = QColor(LIGHT.moment_edge)
SELF_SERVICE = QColor(LIGHT.self_service)
BADGE_INK = QColor(LIGHT.badge_ink)
#: workshop marks: vote dots, the count on comment bubbles, the emotion curve
VOTE = QColor(LIGHT.vote)
MARK_INK = QColor(LIGHT.mark_ink)
CURVE = QColor(LIGHT.curve)
#: a comment bubble's fill: "question" (an open one), "comment" (other open), "done"
COMMENT_COLOURS: dict[str, QColor] = {}

#: Lane kind -> (band tint, accent). The accent marks the lane header and card edges.
LANE_COLOURS: dict[str, tuple[QColor, QColor]] = {}
#: Lane kind -> the lane header's background
_HEADER_BG: dict[str, QColor] = {}
#: Lane kind -> ink of the kind's name in the lane header (4.5:1 on the header's tint).
KIND_INK: dict[str, QColor] = {}
#: Emotion -2..+2 -> chip colour.
EMOTION_COLOURS: dict[int, QColor] = {}


def use_theme(theme: Theme) -> None:
    """Make ``theme`` the one everything draws with (canvas items read it when they
    paint; a scene made before caches its lane colours: rebuild it, see
    ``BlueprintScene.restyle``)."""
    global THEME, CANVAS, PAGE, INK, MUTED, FAINT, GRID, CARD, CARD_BORDER, CARD_SHADOW
    global SELECTION, SELECTION_WIDTH, HOVER, HEADER_BG, HEADER_BORDER, PHASE_BG, PHASE_INK
    global LINE_INK, ARROW, LABEL_BG, LABEL_BORDER, DROP, LINE_SCALE, BORDER_WIDTH
    global ARROW_WIDTH, ARROW_HEAD, FAIL, WAIT, MOMENT, MOMENT_EDGE, SELF_SERVICE, BADGE_INK
    global VOTE, MARK_INK, CURVE
    t = THEME = theme
    CANVAS, PAGE, INK, MUTED = QColor(t.canvas), QColor(t.page), QColor(t.ink), QColor(t.muted)
    FAINT, GRID, CARD = QColor(t.faint), QColor(t.grid), QColor(t.card)
    CARD_BORDER, CARD_SHADOW = QColor(t.card_border), QColor(*t.card_shadow)
    SELECTION, SELECTION_WIDTH, HOVER = QColor(t.selection), t.selection_width, QColor(t.hover)
    HEADER_BG, HEADER_BORDER = QColor(t.header_bg), QColor(t.header_border)
    PHASE_BG, PHASE_INK, LINE_INK = QColor(t.phase_bg), QColor(t.phase_ink), QColor(t.line_ink)
    ARROW, LABEL_BG, LABEL_BORDER = QColor(t.arrow), QColor(t.label_bg), QColor(t.label_border)
    DROP = QColor(t.drop)
    LINE_SCALE, BORDER_WIDTH = t.line_scale, t.border_width
    ARROW_WIDTH, ARROW_HEAD = t.arrow_width, t.arrow_head
    FAIL, WAIT, MOMENT = QColor(t.fail), QColor(t.wait), QColor(t.moment)
    MOMENT_EDGE, SELF_SERVICE = QColor(t.moment_edge), QColor(t.self_service)
    BADGE_INK = QColor(t.badge_ink)
    VOTE, MARK_INK, CURVE = QColor(t.vote), QColor(t.mark_ink), QColor(t.curve)
    COMMENT_COLOURS.clear()
    COMMENT_COLOURS.update(
        {"question": QColor(t.question), "comment": QColor(t.comment), "done": QColor(t.done)}
    )
    LANE_COLOURS.clear()
    LANE_COLOURS.update({k: (QColor(tint), QColor(accent)) for k, (tint, accent, _h) in t.lanes.items()})
    _HEADER_BG.clear()
    _HEADER_BG.update({k: QColor(header) for k, (_t, _a, header) in t.lanes.items()})
    KIND_INK.clear()
    KIND_INK.update({k: QColor(v) for k, v in t.kind_ink.items()})
    EMOTION_COLOURS.clear()
    EMOTION_COLOURS.update({k: QColor(v) for k, v in t.emotions.items()})
    _badge_parts.cache_clear()
    _emotion_parts.cache_clear()


def active_theme() -> Theme:
    return THEME


@contextmanager
def themed(theme: Theme | None) -> Iterator[Theme]:
    """Draw with ``theme`` inside the block (an export), then with the theme before.
    ``None``: the active theme."""
    before = THEME
    if theme is None or theme is before:
        yield before
        return
    use_theme(theme)
    try:
        yield theme
    finally:
        use_theme(before)


def lane_header_bg(kind: str) -> QColor:
    """The lane header's background: the lane's tint, a shade darker (lighter in the
    dark theme)."""
    return _HEADER_BG.get(kind, _HEADER_BG["note"])


def kind_ink(kind: str) -> QColor:
    return KIND_INK.get(kind, KIND_INK["note"])


KIND_NAMES = {
    "evidence": "Physical evidence",
    "customer": "Customer",
    "frontstage": "Front stage",
    "backstage": "Back stage",
    "support": "Support",
    "note": "Notes",
    "emotion": "Emotion",
}


def lane_tint(kind: str) -> QColor:
    return LANE_COLOURS.get(kind, LANE_COLOURS["note"])[0]


def lane_accent(kind: str) -> QColor:
    return LANE_COLOURS.get(kind, LANE_COLOURS["note"])[1]


_SOLID = Qt.PenStyle.SolidLine
_ROUND_CAP, _ROUND_JOIN = Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
_PENS: dict[tuple, QPen] = {}


def pen(colour: QColor, width: float = 1.0, style=_SOLID) -> QPen:
    """A round-capped pen (a copy: the caller may change it).

    Pens are made once per colour, width and style: passing Qt enums into a QPen
    constructor goes through Python's enum machinery, which made this the most expensive
    call of a frame with many arrows (benchmarks/README.md); copying a pen is cheap.
    """
    key = (colour.rgba(), width, style)
    made = _PENS.get(key)
    if made is None:
        if len(_PENS) > 512:
            _PENS.clear()
        made = _PENS[key] = QPen(colour, width, style, _ROUND_CAP, _ROUND_JOIN)
    return QPen(made)


# --------------------------------------------------------------- marker badges
#: The markers a card can show, in badge order.
MARKERS = ("fail_point", "wait_point", "moment_of_truth", "self_service")
MARKER_NAMES = {
    "fail_point": "Fail point",
    "wait_point": "Wait point",
    "moment_of_truth": "Moment of truth",
    "self_service": "Self-service",
}

# Each badge is a list of (path, brush, pen) in a 16 x 16 box at the origin.
_Part = tuple[QPainterPath, QBrush, QPen]
BADGE = 16.0


def _circle(cx: float, cy: float, r: float) -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(cx, cy), r, r)
    return p


def _no_pen() -> QPen:
    return QPen(Qt.PenStyle.NoPen)


def _outline() -> QPen:
    """A badge's outline: none, or a dark edge in a theme that asks for it."""
    return pen(QColor("#000000"), 1.0) if THEME.badge_outline else _no_pen()


@cache
def _badge_parts(kind: str) -> tuple[_Part, ...]:
    white = BADGE_INK
    if kind == "fail_point":
        bang = QPainterPath()
        bang.addRoundedRect(QRectF(6.95, 3.6, 2.1, 6.4), 1.0, 1.0)
        bang.addEllipse(QPointF(8, 12.1), 1.2, 1.2)
        # a diamond: told apart from the round wait point and emotion chip by its shape
        diamond = QPainterPath()
        diamond.addPolygon(
            QPolygonF([QPointF(8, -0.4), QPointF(16.4, 8), QPointF(8, 16.4), QPointF(-0.4, 8)])
        )
        diamond.closeSubpath()
        return ((diamond, QBrush(FAIL), _outline()), (bang, QBrush(white), _no_pen()))
    if kind == "wait_point":
        # an hourglass: its outline alone tells it from the fail point and the emotion chip
        glass = QPainterPath()
        glass.addPolygon(
            QPolygonF(
                [
                    QPointF(2.6, 0.6),
                    QPointF(13.4, 0.6),
                    QPointF(13.4, 3.0),
                    QPointF(9.3, 8.0),
                    QPointF(13.4, 13.0),
                    QPointF(13.4, 15.4),
                    QPointF(2.6, 15.4),
                    QPointF(2.6, 13.0),
                    QPointF(6.7, 8.0),
                    QPointF(2.6, 3.0),
                ]
            )
        )
        glass.closeSubpath()
        sand = QPainterPath()
        sand.addPolygon(QPolygonF([QPointF(5.0, 13.6), QPointF(11.0, 13.6), QPointF(8.0, 10.4)]))
        sand.closeSubpath()
        return ((glass, QBrush(WAIT), _outline()), (sand, QBrush(white), _no_pen()))
    if kind == "moment_of_truth":
        star = QPolygonF()
        for i in range(10):
            r = 7.8 if i % 2 == 0 else 3.4
            a = -math.pi / 2 + i * math.pi / 5
            star.append(QPointF(8 + r * math.cos(a), 8.4 + r * math.sin(a)))
        path = QPainterPath()
        path.addPolygon(star)
        path.closeSubpath()
        return ((path, QBrush(MOMENT), pen(MOMENT_EDGE, 0.9)),)
    if kind == "self_service":
        # a small phone/kiosk screen with a pointer: "the customer does it themself"
        body = QPainterPath()
        body.addRoundedRect(QRectF(1.2, 1.2, 13.6, 13.6), 3.5, 3.5)
        screen = QPainterPath()
        screen.addRoundedRect(QRectF(5.0, 3.4, 6.0, 9.2), 1.2, 1.2)
        dot = _circle(8, 11.0, 0.9)
        return (
            (body, QBrush(SELF_SERVICE), _outline()),
            (screen, QBrush(white), _no_pen()),
            (dot, QBrush(SELF_SERVICE), _no_pen()),
        )
    raise KeyError(kind)


@cache
def _emotion_parts(value: int) -> tuple[_Part, ...]:
    colour = EMOTION_COLOURS.get(value, EMOTION_COLOURS[0])
    ink = BADGE_INK
    eyes = QPainterPath()
    eyes.addEllipse(QPointF(5.6, 6.4), 1.15, 1.3)
    eyes.addEllipse(QPointF(10.4, 6.4), 1.15, 1.3)
    mouth = QPainterPath()
    curve = {-2: -3.0, -1: -1.6, 0: 0.0, 1: 1.6, 2: 3.0}.get(value, 0.0)
    y = 11.0 - curve / 2
    mouth.moveTo(4.8, y)
    mouth.quadTo(8, y + curve, 11.2, y)
    return (
        (_circle(8, 8, 7.6), QBrush(colour), _no_pen()),
        (eyes, QBrush(ink), _no_pen()),
        (mouth, QBrush(Qt.BrushStyle.NoBrush), pen(ink, 1.4)),
    )


def _draw_parts(painter: QPainter, parts, rect: QRectF) -> None:
    painter.save()
    painter.translate(rect.topLeft())
    s = min(rect.width(), rect.height()) / BADGE
    if s != 1.0:
        painter.scale(s, s)
    for path, brush, p in parts:
        painter.setPen(p)
        painter.setBrush(brush)
        painter.drawPath(path)
    painter.restore()


def paint_marker(painter: QPainter, kind: str, rect: QRectF) -> None:
    """Draw the badge of a marker (``fail_point``, ``wait_point`` ...) inside ``rect``."""
    _draw_parts(painter, _badge_parts(kind), rect)


def paint_emotion(painter: QPainter, rect: QRectF, value: int | None) -> None:
    """Draw the emotion face chip (-2 very unhappy .. +2 delighted) inside ``rect``."""
    _draw_parts(painter, _emotion_parts(0 if value is None else int(value)), rect)


def emotion_text(value: int) -> str:
    return {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}.get(
        value, ""
    )


def contrast_ratio(fg: QColor, bg: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 .. 21)."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    a, b = lum(fg), lum(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


use_theme(LIGHT)
