"""What a workshop adds to the cards: step numbers, channel icons, vote dots and comment
badges, plus the vote mode and the channel filter of the canvas.

:class:`WorkshopMarks` (``scene.workshop``) follows the document and keeps one
:class:`StepMarks` child item per card and one :class:`CommentBadge` per commented
handoff. The marks sit on the card's edges (the number, channel and comment tabs
straddle the top edge, the vote dots the bottom edge), so the card's own text keeps its
room. They are drawn from the document only, accept no mouse buttons (clicks reach the
card) and are part of the scene, so every export draws them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from blueprint_editor.core import edits
from blueprint_editor.core.cards import IMAGE_ROOM
from blueprint_editor.core.emotion_curve import emotion_curves
from blueprint_editor.core.model import MAX_VOTES, Comment
from blueprint_editor.core.operations import Event
from blueprint_editor.core.phase_summary import phase_summaries
from blueprint_editor.core.step_numbers import step_numbers
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.channel_icons import NAMES as CHANNEL_NAMES
from blueprint_editor.qt.canvas.channel_icons import paint_channel
from blueprint_editor.qt.canvas.column_titles import ColumnTitlesItem
from blueprint_editor.qt.canvas.emotion_item import EmotionCurveItem
from blueprint_editor.qt.canvas.items import StepItem
from blueprint_editor.qt.editing.document_signals import document_signals
from blueprint_editor.qt.editing.images import ImageError, read_image, thumbnail
from blueprint_editor.qt.editing.plain_text import tooltip

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene

TAB_H = 15.0
NUMBER_PX = 10
COUNT_PX = 10
DOT = 7.0
DOT_STEP = 9.5
MAX_DOTS = 5
CHIP = 17.0
BUBBLE_W = 22.0
MARKS_Z = 5.0
#: Below this zoom only the vote dots and comment bubbles are drawn.
LOD_DETAIL = 0.45
#: the opacity of the cards the channel filter leaves out
DIMMED = 0.22


def comment_state(comments: list[Comment]) -> tuple[int, str]:
    """The count shown on a badge and its kind of colour (the theme's, see
    ``style.COMMENT_COLOURS``): an open question ("question", orange), other open comments
    ("comment", blue), all done ("done", grey). The count is of the comments not done, or
    of all when all are done."""
    open_ = [c for c in comments if not c.done]
    if any(c.kind == "question" for c in open_):
        return len(open_), "question"
    if open_:
        return len(open_), "comment"
    return len(comments), "done"


def paint_bubble(painter: QPainter, path: QPainterPath, text_rect: QRectF, kind: str, count: str) -> None:
    """A comment bubble (``path``, see :func:`bubble_path`) in the theme's colour of
    ``kind`` (see :func:`comment_state`), ``count`` written in ``text_rect``."""
    painter.setPen(style.pen(style.MARK_INK, 1.0))
    painter.setBrush(style.COMMENT_COLOURS[kind])
    painter.drawPath(path)
    painter.setFont(style.font(COUNT_PX, True))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, count)


def paint_vote_dots(painter: QPainter, pill: QRectF, dots: list[QRectF]) -> None:
    """The vote dots on their pill (as a card's bottom edge shows them)."""
    painter.setPen(style.pen(style.CARD_BORDER, 1.0))
    painter.setBrush(style.CARD)
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.VOTE)
    for dot in dots:
        painter.drawEllipse(dot)


def vote_pill(x0: float, y: float, shown: int, extra: float = 0.0) -> tuple[QRectF, list[QRectF]]:
    """The pill and the dots of ``shown`` votes, the first dot at ``x0``, centred on ``y``,
    with ``extra`` room right of the dots (for a "+n")."""
    width = shown * DOT_STEP - (DOT_STEP - DOT) + extra
    dots = [QRectF(x0 + i * DOT_STEP, y - DOT / 2, DOT, DOT) for i in range(shown)]
    return QRectF(x0 - 4, y - DOT / 2 - 2.5, width + 8, DOT + 5), dots


def bubble_path(rect: QRectF) -> QPainterPath:
    """A speech bubble filling ``rect`` (a tail at the bottom left)."""
    body = rect.adjusted(0, 0, 0, -3)
    p = QPainterPath()
    p.addRoundedRect(body, 4, 4)
    tail = QPainterPath(QPointF(body.left() + 4, body.bottom() - 1))
    tail.lineTo(body.left() + 4, rect.bottom())
    tail.lineTo(body.left() + 9, body.bottom() - 1)
    tail.closeSubpath()
    return p.united(tail)


class StepMarks(QGraphicsItem):
    """The workshop marks of one card (a child item of its :class:`StepItem`)."""

    def __init__(self, parent: StepItem):
        super().__init__(parent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.setZValue(MARKS_Z)
        self._card_item = parent
        self._card = parent.rect()
        self._number = ""
        self._number_rect = QRectF()
        self._channel: str | None = None
        self._channel_rect = QRectF()
        self._votes = 0
        self._dots: list[QRectF] = []
        self._more = ""
        self._more_pos = QPointF()
        self._vote_pill = QRectF()
        self._count = ""
        self._bubble = QPainterPath()
        self._bubble_kind = "comment"
        self._count_rect = QRectF()
        self._bounds = QRectF()
        self._image = QImage()
        self._image_rect = QRectF()
        self._key: tuple | None = None

    def set_marks(
        self,
        number: str,
        channel: str | None,
        votes: int,
        comments: list[Comment],
        image: QImage | None = None,
    ) -> None:
        """Recompute what is drawn (places in card coordinates) and redraw; nothing to do
        when the same things are shown."""
        card = self._card_item.rect()  # cards grow with their text
        key = (
            number,
            channel,
            votes,
            tuple((c.kind, c.done) for c in comments),
            image.cacheKey() if image is not None else None,
            card.width(),
            card.height(),
        )
        if key == self._key:
            return
        self._key = key
        self._card = card
        w, h = self._card.width(), self._card.height()
        self.prepareGeometryChange()
        self._image = image if image is not None else QImage()
        self._image_rect = (
            QRectF(w - IMAGE_ROOM + 2, 14, IMAGE_ROOM - 8, IMAGE_ROOM - 8)
            if not self._image.isNull()
            else QRectF()
        )
        self._number = number
        self._number_rect = QRectF()
        if number:
            tw = style.text_width(number, NUMBER_PX, True)
            self._number_rect = QRectF(20, -TAB_H / 2, tw + 10, TAB_H)
        right = w - 8
        self._count = ""
        self._bubble = QPainterPath()
        if comments:
            count, self._bubble_kind = comment_state(comments)
            self._count = str(count)
            rect = QRectF(right - BUBBLE_W, -TAB_H / 2 - 1, BUBBLE_W, TAB_H + 4)
            self._bubble = bubble_path(rect)
            self._count_rect = rect.adjusted(0, 0, 0, -3)
            right = rect.left() - 4
        self._channel = channel
        self._channel_rect = QRectF(right - CHIP, -CHIP / 2, CHIP, CHIP) if channel else QRectF()
        self._votes = votes
        shown = min(votes, MAX_DOTS)
        self._more = f"+{votes - MAX_DOTS}" if votes > MAX_DOTS else ""
        more_w = style.text_width(self._more, COUNT_PX, True) + 3 if self._more else 0.0
        width = shown * DOT_STEP - (DOT_STEP - DOT) + more_w
        x0 = (w - width) / 2
        pill, self._dots = vote_pill(x0, h, shown, more_w)
        fm = QFontMetricsF(style.font(COUNT_PX, True))
        self._more_pos = QPointF(x0 + shown * DOT_STEP, h + fm.ascent() / 2 - 1)
        self._vote_pill = pill if votes else QRectF()
        parts = [
            self._number_rect,
            self._channel_rect,
            self._bubble.boundingRect(),
            self._vote_pill,
            self._image_rect,
        ]
        bounds = QRectF()
        for r in parts:
            if not r.isEmpty():
                bounds = bounds.united(r)
        self._bounds = bounds.adjusted(-1, -1, 1, 1) if not bounds.isEmpty() else QRectF()
        self.setVisible(not bounds.isEmpty())
        self.update()

    def shown(self) -> tuple[str, str | None, int, str]:
        """What the marks show: (number, channel, votes, comment count or "")."""
        return self._number, self._channel, self._votes, self._count

    def shows_image(self) -> bool:
        return not self._image.isNull()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never under the mouse: clicks reach the card

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # zoomed far out, the small text and icons are noise: votes and comments stay
        detailed = option.levelOfDetailFromTransform(painter.worldTransform()) >= LOD_DETAIL
        if detailed and not self._image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            clip = QPainterPath()
            clip.addRoundedRect(self._image_rect, 4, 4)
            painter.save()
            painter.setClipPath(clip)
            painter.drawImage(self._image_rect, self._image)
            painter.restore()
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(style.CARD_BORDER, 1.0))
            painter.drawPath(clip)
        if detailed and self._number:
            painter.setPen(style.pen(style.CARD_BORDER, 1.0))
            painter.setBrush(style.HEADER_BG)
            painter.drawRoundedRect(self._number_rect, 4, 4)
            painter.setPen(style.INK)
            painter.setFont(style.font(NUMBER_PX, True))
            painter.drawText(self._number_rect, Qt.AlignmentFlag.AlignCenter, self._number)
        if detailed and self._channel:
            paint_channel(painter, self._channel_rect, self._channel)
        if self._count:
            paint_bubble(painter, self._bubble, self._count_rect, self._bubble_kind, self._count)
        if self._votes:
            paint_vote_dots(painter, self._vote_pill, self._dots)
            if self._more:
                painter.setPen(style.VOTE)
                painter.setFont(style.font(COUNT_PX, True))
                painter.drawText(self._more_pos, self._more)


class CommentBadge(QGraphicsItem):
    """The comment bubble of a handoff, at the middle of its arrow (scene coordinates)."""

    def __init__(self, handoff_id: str):
        super().__init__()
        self.handoff_id = handoff_id
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(25.0)
        self._rect = QRectF(-BUBBLE_W / 2, -TAB_H - 4, BUBBLE_W, TAB_H + 4)
        self._path = bubble_path(self._rect)
        self._count = ""
        self._kind = "comment"

    def set_comments(self, comments: list[Comment]) -> None:
        count, self._kind = comment_state(comments)
        self._count = str(count)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_bubble(painter, self._path, self._rect.adjusted(0, 0, 0, -3), self._kind, self._count)


class WorkshopMarks(QObject):
    """The workshop marks of one scene (``scene.workshop``), the vote mode and the
    channel filter. A child of the scene: deleting the scene ends its connections."""

    def __init__(self, scene: BlueprintScene):
        super().__init__(scene)
        self.scene = scene
        #: whether cards show their step numbers (View > Step numbers; an export option)
        self.numbers = False
        #: the channel the filter keeps bright, or None (no filter)
        self.channel_filter: str | None = None
        self.vote_mode = False
        self._marks: dict[str, StepMarks] = {}
        self._handoff_badges: dict[str, CommentBadge] = {}
        #: the column titles' band
        self.column_titles = ColumnTitlesItem()
        scene.addItem(self.column_titles)
        #: the emotion lanes' curves
        self.curves: list[EmotionCurveItem] = []
        document_signals(scene.doc).changed.connect(self._on_events)
        scene.rebuilt.connect(self.refresh)
        scene.relayouted.connect(self._relayouted)

    def detach(self) -> None:
        """Stop following the document (with the scene's ``detach``)."""
        document_signals(self.scene.doc).changed.disconnect(self._on_events)

    # ------------------------------------------------------------- settings
    def set_numbers(self, on: bool) -> None:
        if on != self.numbers:
            self.numbers = on
            self.refresh()

    def set_channel_filter(self, channel: str | None) -> None:
        """Dim every card whose channel is not ``channel`` (None: no filter)."""
        if channel is not None and channel not in CHANNEL_NAMES:
            raise ValueError(f"unknown channel {channel!r}")
        self.channel_filter = channel
        self._apply_filter()

    def set_vote_mode(self, on: bool) -> None:
        """In vote mode a click on a card adds a vote and a right-click removes one."""
        on = bool(on) and self.scene.interactive
        self.vote_mode = on
        cursor = Qt.CursorShape.PointingHandCursor if on else Qt.CursorShape.ArrowCursor
        for view in self.scene.views():
            view.viewport().setCursor(cursor)

    def vote(self, step_id: str, delta: int) -> bool:
        """Add (``delta`` 1) or take away (-1) one vote on a step; one undo entry."""
        scene = self.scene
        step = scene.doc.find("steps", step_id)
        if step is None or scene.controller is None:
            return False
        votes = max(0, min(MAX_VOTES, step.votes + delta))
        if votes == step.votes:
            return False
        text = "Add vote" if delta > 0 else "Remove vote"
        op = edits.set_fields(scene.doc, "steps", step_id, votes=votes)
        return scene.controller.push(op, text)

    def set_image_from_file(self, step_id: str, path: str) -> bool:
        """Show the image file ``path`` on a step (scaled down to fit the limit, with a
        message); a file that is not a PNG or JPEG image changes nothing. One undo entry."""
        scene = self.scene
        if scene.controller is None or scene.doc.find("steps", step_id) is None:
            return False
        try:
            media_type, data, note = read_image(path)
        except ImageError as exc:
            scene.message.emit(str(exc))
            return False
        op = edits.set_step_image(scene.doc, step_id, media_type, data)  # type: ignore[arg-type]
        if not scene.controller.push(op, "Set image"):
            return False
        if note:
            scene.message.emit(note)
        return True

    # ------------------------------------------------------------- following
    def _on_events(self, events: list[Event]) -> None:
        if any(e.action == "reset" for e in events):
            return  # the scene rebuilds, then says so (rebuilt)
        only_steps = all(
            e.collection == "steps"
            and e.action == "set"
            and e.id is not None
            and "lane" not in e.fields
            and "column" not in e.fields
            for e in events
        )
        if only_steps:
            numbers = step_numbers(self.scene.doc.blueprint) if self.numbers else {}
            doc = self.scene.doc
            for e in events:
                if e.id is not None:
                    self._refresh_step(e.id, numbers, doc.comments_of(e.id))
            if any("emotion" in e.fields for e in events):
                self._refresh_curves()
            self._refresh_totals()
            self._apply_filter()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Redraw every card's marks and every handoff badge from the document."""
        scene = self.scene
        numbers = step_numbers(scene.doc.blueprint) if self.numbers else {}
        items = scene.step_items()
        for sid in [s for s in self._marks if s not in items or self._marks[s].parentItem() is not items[s]]:
            del self._marks[sid]
        comments = self._comments_by_target()
        for sid in items:
            self._refresh_step(sid, numbers, comments.get(sid, []))
        self.column_titles.set_titles(scene.layout, scene.doc.blueprint)
        self._refresh_totals()
        self._refresh_curves()
        self._refresh_handoffs()
        self._apply_filter()

    def _relayouted(self) -> None:
        self.column_titles.set_titles(self.scene.layout, self.scene.doc.blueprint)
        self._refresh_totals()
        self._refresh_curves()
        self._place_handoff_badges()

    def _refresh_curves(self) -> None:
        """One curve item per emotion lane, redrawn from the core's curves."""
        curves = emotion_curves(self.scene.doc.blueprint, self.scene.layout)
        while len(self.curves) > len(curves):
            self.scene.removeItem(self.curves.pop())
        for i, curve in enumerate(curves):
            if i < len(self.curves):
                self.curves[i].set_curve(curve)
            else:
                item = EmotionCurveItem(curve)
                self.scene.addItem(item)
                self.curves.append(item)

    def _refresh_totals(self) -> None:
        """Each phase header's tooltip: its title and its totals (as the report)."""
        doc = self.scene.doc
        summaries = phase_summaries(doc.blueprint)
        for header in self.scene.phase_header_items():
            phase = doc.find("phases", header.phase_id)
            if phase is not None:
                header.setToolTip(tooltip(f"{phase.title}\n{summaries[phase.id]}"))

    def emotion_face_at(self, pos: QPointF) -> tuple[EmotionCurveItem, int] | None:
        """The emotion curve face under ``pos`` (its item and point index), or None."""
        for item in self.curves:
            index = item.point_at(pos)
            if index is not None:
                return item, index
        return None

    def _comments_by_target(self) -> dict[str | None, list[Comment]]:
        """The comments of each step and handoff, in document order (one pass)."""
        found: dict[str | None, list[Comment]] = {}
        for c in self.scene.doc.blueprint.comments:
            found.setdefault(c.target, []).append(c)
        return found

    def _refresh_step(self, step_id: str, numbers: dict[str, str], comments: list[Comment]) -> None:
        scene = self.scene
        step = scene.doc.find("steps", step_id)
        item = scene.step_item(step_id)
        if step is None or item is None:
            return
        number = numbers.get(step_id, "")
        marks = self._marks.get(step_id)
        if marks is None or marks.parentItem() is not item:
            if not (number or step.channel or step.votes or comments or step.image):
                self._marks.pop(step_id, None)
                return  # nothing to show: no item (10,000 plain cards stay light)
            marks = self._marks[step_id] = StepMarks(item)
        image = thumbnail(scene.doc.image(step.image).data) if step.image else None
        marks.set_marks(number, step.channel, step.votes, comments, image)

    def _refresh_handoffs(self) -> None:
        scene, doc = self.scene, self.scene.doc
        comments = self._comments_by_target()
        wanted = {h for h in comments if h is not None and doc.find("handoffs", h) is not None}
        for hid in [h for h in self._handoff_badges if h not in wanted]:
            badge = self._handoff_badges.pop(hid)
            scene.removeItem(badge)
        for hid in wanted:
            if hid not in self._handoff_badges:
                self._handoff_badges[hid] = CommentBadge(hid)
                scene.addItem(self._handoff_badges[hid])
            badge = self._handoff_badges[hid]
            badge.set_comments(comments[hid])
        self._place_handoff_badges()

    def _place_handoff_badges(self) -> None:
        routes = self.scene.routes
        for hid, badge in self._handoff_badges.items():
            route = routes.get(hid)
            if route is None:
                badge.hide()
                continue
            a, b = route.points[(len(route.points) - 1) // 2], route.points[len(route.points) // 2]
            badge.setPos((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            badge.show()

    def _apply_filter(self) -> None:
        wanted = self.channel_filter
        doc = self.scene.doc
        for sid, item in self.scene.step_items().items():
            step = doc.find("steps", sid)
            bright = wanted is None or (step is not None and step.channel == wanted)
            item.setOpacity(1.0 if bright else DIMMED)

    def step_marks(self, step_id: str) -> StepMarks | None:
        """The marks item of a card (None while it has never had anything to show)."""
        return self._marks.get(step_id)

    def shown(self, step_id: str) -> tuple[str, str | None, int, str]:
        """What a card's marks show: (number, channel, votes, comment count or "")."""
        marks = self._marks.get(step_id)
        return marks.shown() if marks is not None else ("", None, 0, "")
