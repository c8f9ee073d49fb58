"""How the canvas looks: the bundled font, colours, pens and the drawn marker badges.

Everything the canvas, the palette and the exports draw comes from here, so a fail point
is the same red badge on a card, in the palette and in an exported legend. Badges are
drawn with painter paths (never emoji glyphs), so they are identical on every platform
and crisp at any zoom. The palette is light and calm with high contrast: it is read on a
projector from the back of a workshop room.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter, QPainterPath, QPen, QPolygonF

from blueprint_editor.core.cards import DEFAULT_TEXT_SIZE, format_duration  # noqa: F401
from blueprint_editor.core.layout import Metrics
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
            from PySide6.QtGui import QFontMetricsF
            w = table[ch] = QFontMetricsF(font(pixel_size, bold)).horizontalAdvance(ch)
        total += w
    if len(text) <= 32:  # words and short titles
        if len(_words) > 100_000:
            _words.clear()
        _words[key] = total
    return total


# ----------------------------------------------------------------------- colours
CANVAS = QColor("#f7f8fa")
INK = QColor("#1c2430")
#: secondary text (owner, duration, descriptions): 6:1 on white (WCAG AA asks 4.5:1)
MUTED = QColor("#525d6b")
FAINT = QColor("#c9d0da")
GRID = QColor("#e1e5ec")
CARD = QColor("#ffffff")
CARD_BORDER = QColor("#c3cad5")
CARD_SHADOW = QColor(20, 30, 50, 28)
#: the selection: a thick outline with corner handles (findings use a soft halo instead)
SELECTION = QColor("#1f6feb")
SELECTION_WIDTH = 3.0
SELECTION_HANDLE = 7.0
HOVER = QColor("#8db7f5")
HEADER_BG = QColor("#eef1f5")
HEADER_BORDER = QColor("#cfd6e0")
PHASE_BG = QColor("#2d3a4d")
PHASE_INK = QColor("#ffffff")
LINE_INK = QColor("#3b4a5e")
ARROW = QColor("#4a5567")
LABEL_BG = QColor("#ffffff")
LABEL_BORDER = QColor("#c3cad5")
DROP = QColor("#1f6feb")

FAIL = QColor("#d6312b")
WAIT = QColor("#e58a00")
MOMENT = QColor("#e3b008")
MOMENT_EDGE = QColor("#a87c00")
SELF_SERVICE = QColor("#0f8f83")

#: Lane kind -> (band tint, accent). The accent marks the lane header and card edges.
LANE_COLOURS: dict[str, tuple[QColor, QColor]] = {
    "evidence": (QColor("#f3effa"), QColor("#7b5cc4")),
    "customer": (QColor("#e9f2fd"), QColor("#1f78d1")),
    "frontstage": (QColor("#e8f6ee"), QColor("#23925a")),
    "backstage": (QColor("#fdf2e4"), QColor("#d9821c")),
    "support": (QColor("#eff1f4"), QColor("#5d7183")),
    "note": (QColor("#fffbe3"), QColor("#b89514")),
    "emotion": (QColor("#fdf0f5"), QColor("#c2417a")),
}

#: Lane kind -> ink of the kind's name in the lane header (4.5:1 on the header's tint).
KIND_INK: dict[str, QColor] = {
    "evidence": QColor("#5a3d9e"),
    "customer": QColor("#155a9e"),
    "frontstage": QColor("#17653d"),
    "backstage": QColor("#8a4c0a"),
    "support": QColor("#44566a"),
    "note": QColor("#6b5600"),
}


def lane_header_bg(kind: str) -> QColor:
    """The lane header's background: the lane's tint, a shade darker."""
    return QColor(lane_tint(kind)).darker(104)


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

#: Emotion -2..+2 -> chip colour.
EMOTION_COLOURS = {
    -2: QColor("#d6312b"),
    -1: QColor("#f08a24"),
    0: QColor("#9aa3ae"),
    1: QColor("#7cbf3a"),
    2: QColor("#1f9d55"),
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


@cache
def _badge_parts(kind: str) -> tuple[_Part, ...]:
    white = QColor("#ffffff")
    if kind == "fail_point":
        bang = QPainterPath()
        bang.addRoundedRect(QRectF(6.95, 3.6, 2.1, 6.4), 1.0, 1.0)
        bang.addEllipse(QPointF(8, 12.1), 1.2, 1.2)
        # a diamond: told apart from the round wait point and emotion chip by its shape
        diamond = QPainterPath()
        diamond.addPolygon(QPolygonF([QPointF(8, -0.4), QPointF(16.4, 8), QPointF(8, 16.4),
                                      QPointF(-0.4, 8)]))
        diamond.closeSubpath()
        return ((diamond, QBrush(FAIL), _no_pen()),
                (bang, QBrush(white), _no_pen()))
    if kind == "wait_point":
        # an hourglass: its outline alone tells it from the fail point and the emotion chip
        glass = QPainterPath()
        glass.addPolygon(QPolygonF([QPointF(2.6, 0.6), QPointF(13.4, 0.6), QPointF(13.4, 3.0),
                                    QPointF(9.3, 8.0), QPointF(13.4, 13.0), QPointF(13.4, 15.4),
                                    QPointF(2.6, 15.4), QPointF(2.6, 13.0), QPointF(6.7, 8.0),
                                    QPointF(2.6, 3.0)]))
        glass.closeSubpath()
        sand = QPainterPath()
        sand.addPolygon(QPolygonF([QPointF(5.0, 13.6), QPointF(11.0, 13.6), QPointF(8.0, 10.4)]))
        sand.closeSubpath()
        return ((glass, QBrush(WAIT), _no_pen()),
                (sand, QBrush(white), _no_pen()))
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
        return ((body, QBrush(SELF_SERVICE), _no_pen()),
                (screen, QBrush(white), _no_pen()),
                (dot, QBrush(SELF_SERVICE), _no_pen()))
    raise KeyError(kind)


@cache
def _emotion_parts(value: int) -> tuple[_Part, ...]:
    colour = EMOTION_COLOURS.get(value, EMOTION_COLOURS[0])
    ink = QColor("#ffffff")
    eyes = QPainterPath()
    eyes.addEllipse(QPointF(5.6, 6.4), 1.15, 1.3)
    eyes.addEllipse(QPointF(10.4, 6.4), 1.15, 1.3)
    mouth = QPainterPath()
    curve = {-2: -3.0, -1: -1.6, 0: 0.0, 1: 1.6, 2: 3.0}.get(value, 0.0)
    y = 11.0 - curve / 2
    mouth.moveTo(4.8, y)
    mouth.quadTo(8, y + curve, 11.2, y)
    return ((_circle(8, 8, 7.6), QBrush(colour), _no_pen()),
            (eyes, QBrush(ink), _no_pen()),
            (mouth, QBrush(Qt.BrushStyle.NoBrush), pen(ink, 1.4)))


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
    return {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive",
            2: "very positive"}.get(value, "")


def contrast_ratio(fg: QColor, bg: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 .. 21)."""
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    a, b = lum(fg), lum(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
