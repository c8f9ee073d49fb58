"""The marker legend of an export: one small glyph per marker, next to its name.

Only the markers a blueprint uses are listed (:func:`used_entries`). The glyphs are the
cards' own marker badges (:func:`style.paint_marker`,
:func:`style.paint_emotion`) and workshop marks (vote dots, comment bubbles: see
:mod:`..canvas.workshop_marks`), so the legend matches the picture; the handoff glyph is
a short double-headed arrow in the canvas' arrow colour.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas import workshop_marks as marks

ENTRIES: tuple[tuple[str, str], ...] = (
    ("fail_point", "Fail point"),
    ("wait_point", "Wait point"),
    ("moment_of_truth", "Moment of truth"),
    ("self_service", "Self-service"),
    ("emotion", "Emotion (\u22122 to +2)"),
    ("two_way", "Two-way handoff"),
    ("votes", "Votes"),
    ("question", "Open question"),
    ("comment", "Open comments"),
    ("done", "Comments done"),
)
#: the comment bubbles' kinds (comment_state's), in legend order
BUBBLES = ("question", "comment", "done")
GLYPH_HEIGHT = 18.0
GLYPH_GAP = 6.0
GLYPH_WIDTH = {kind: GLYPH_HEIGHT for kind, _ in ENTRIES}
GLYPH_WIDTH["emotion"] = 2 * GLYPH_HEIGHT + 4
GLYPH_WIDTH["two_way"] = 34.0
GLYPH_WIDTH["votes"] = 3 * marks.DOT_STEP - (marks.DOT_STEP - marks.DOT) + 8
for _kind in BUBBLES:
    GLYPH_WIDTH[_kind] = marks.BUBBLE_W


def used_entries(bp) -> list[tuple[str, str]]:
    """The legend entries of the markers ``bp`` uses, in legend order (one pass)."""
    used: set[str] = set()
    markers = [kind for kind, _ in ENTRIES if kind not in ("emotion", "two_way", "votes", *BUBBLES)]
    for step in bp.steps:
        for kind in markers:
            if getattr(step, kind):
                used.add(kind)
        if step.emotion is not None:
            used.add("emotion")
        if step.votes:
            used.add("votes")
    if any(h.two_way for h in bp.handoffs):
        used.add("two_way")
    # a step's or handoff's comments show as one bubble, coloured as comment_state says
    drawn = {s.id for s in bp.steps} | {h.id for h in bp.handoffs}
    by_target: dict[str, list] = {}
    for c in bp.comments:
        if c.target in drawn:
            by_target.setdefault(c.target, []).append(c)
    used.update(marks.comment_state(comments)[1] for comments in by_target.values())
    return [(kind, label) for kind, label in ENTRIES if kind in used]


def _badge_rect(rect: QRectF, size: float = 16.0) -> QRectF:
    return QRectF(rect.left(), rect.center().y() - size / 2, size, size)


def paint_glyph(painter: QPainter, kind: str, rect: QRectF, size: float = 16.0) -> None:
    """Draw the legend glyph of ``kind`` inside ``rect`` (page units), badges ``size``."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if kind == "two_way":
        _paint_double_arrow(painter, rect)
    elif kind == "votes" or kind in BUBBLES:
        # the marks as a card draws them, scaled as the badges are (``size`` 16 at 100 %)
        painter.save()
        painter.translate(rect.left(), rect.center().y())
        painter.scale(size / 16.0, size / 16.0)
        if kind == "votes":
            pill, dots = marks.vote_pill(4.0, 0.0, 3)
            marks.paint_vote_dots(painter, pill, dots)
        else:
            h = marks.TAB_H + 4
            bubble = QRectF(0.0, -h / 2, marks.BUBBLE_W, h)
            marks.paint_bubble(painter, marks.bubble_path(bubble), bubble.adjusted(0, 0, 0, -3), kind, "1")
        painter.restore()
    elif kind == "emotion":
        left = _badge_rect(rect, size)
        _paint_marker(painter, "emotion", left, value=-2)
        _paint_marker(painter, "emotion", left.translated(left.width() + size / 4, 0), value=2)
    else:
        _paint_marker(painter, kind, _badge_rect(rect, size))


def _paint_marker(painter: QPainter, kind: str, rect: QRectF, value: int | None = None) -> None:
    painter.save()
    try:
        if kind == "emotion":
            style.paint_emotion(painter, rect, value)
        else:
            style.paint_marker(painter, kind, rect)
    finally:
        painter.restore()


def _paint_double_arrow(painter: QPainter, rect: QRectF) -> None:
    y = rect.center().y()
    left, right = rect.left() + 1, rect.right() - 1
    head = 6.0
    pen = QPen(style.ARROW, 1.6)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(left + head, y), QPointF(right - head, y))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.ARROW)
    for tip, sign in ((QPointF(left, y), 1), (QPointF(right, y), -1)):
        base = tip.x() + sign * head * 1.4
        painter.drawPolygon(QPolygonF([tip, QPointF(base, y - head * 0.7), QPointF(base, y + head * 0.7)]))
