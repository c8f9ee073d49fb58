"""The step card: a white rounded card with a lane-coloured edge, title, footer and badges.

The item holds only its step id. What it shows and how big it is comes from the layout
(:func:`blueprint_editor.core.cards.card_text`, computed in core from the document and the
font's metrics): every line of the whole title, the footer lines, the badge slots and the
card's height (a card grows to hold its title; nothing is ever elided). :meth:`refresh`
keeps it; the baselines and badge rectangles are made from it when the card is first
drawn with text (most cards of a large blueprint are first seen far out, as blocks);
``paint()`` only draws.

Level of detail (chosen in ``paint`` from the zoom, drawing precomputed text only):
full card while its small text is at least 7 pixels high on screen; zoomed out further,
the *overview*: the title alone, drawn larger (core's ``cards.card_overview``, asked for
the first time it is needed), while that is at least 7 pixels high; then a plain
coloured block. Card outlines are shared painter paths (one set per
card size).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from blueprint_editor.core.cards import OVERVIEW_MAX_FACTOR, CardText, Overview, overview_line
from blueprint_editor.core.layout import Metrics
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.items import geometry as geo

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene

Z_STEP = 10.0
Z_DRAGGED = 30.0
#: Smallest on-screen text height (pixels) a level of detail is drawn with.
MIN_TEXT_PX = 7.0
#: Zoomed out, the markers are drawn this large (scene units) on the card's top edge.
OVERVIEW_BADGE = 26.0


class _Shapes:
    """Painter paths shared by every card of one size."""

    _cache: dict[tuple[float, float, float, float], _Shapes] = {}

    def __init__(self, w: float, h: float, accent: float, badge: float):
        r = geo.CARD_RADIUS
        self.rect = QRectF(0, 0, w, h)
        self.body = QPainterPath()
        self.body.addRoundedRect(self.rect, r, r)
        self.shadow = QPainterPath()
        self.shadow.addRoundedRect(self.rect.translated(0, 2.5).adjusted(-0.5, 0, 0.5, 0.5), r, r)
        strip = QPainterPath()
        strip.addRect(QRectF(0, 0, accent, h))
        self.accent = self.body.intersected(strip)
        off = style.SELECTION_WIDTH / 2 + 1.5
        self.selection = QPainterPath()
        self.selection.addRoundedRect(self.rect.adjusted(-off, -off, off, off), r + off, r + off)
        hs = style.SELECTION_HANDLE
        self.handles = [
            QRectF(x - hs / 2, y - hs / 2, hs, hs) for x in (-off, w + off) for y in (-off, h + off)
        ]
        # room above the card for the overview's markers, which straddle its top edge
        top = max(off + hs, badge / 2 + 2)
        self.bounds = self.rect.adjusted(-off - hs, -top, off + hs, off + hs)

    @classmethod
    def get(
        cls, w: float, h: float, accent: float = geo.ACCENT_WIDTH, badge: float = OVERVIEW_BADGE
    ) -> _Shapes:
        key = (w, h, accent, badge)
        shapes = cls._cache.get(key)
        if shapes is None:
            if len(cls._cache) > 4096:
                cls._cache.clear()
            shapes = cls._cache[key] = _Shapes(w, h, accent, badge)
        return shapes


class _CardDrawing:
    """A card's text lines, footer, badges and overview as drawn (baselines, rectangles).

    Made from the card's layout text when the card is first drawn with text: zoomed out
    on a large blueprint most cards are plain blocks and never need it.
    """

    __slots__ = ("lines", "footer", "overview", "badges", "overview_badges", "emotion", "emotion_rect")

    def __init__(
        self,
        text: CardText | None = None,
        metrics: Metrics | None = None,
        kinds: tuple[str, ...] = (),
        emotion: int | None = None,
        overview: Overview | None = None,
    ):
        self.lines: list[tuple[QPointF, str]] = []
        self.footer: list[tuple[QPointF, str]] = []
        self.overview: list[tuple[QPointF, str]] = []
        self.badges: list[tuple[str, QRectF]] = []
        #: the markers (kind or "emotion", rect) drawn on the top edge in the overview
        self.overview_badges: list[tuple[str, QRectF]] = []
        self.emotion = emotion
        self.emotion_rect = QRectF()
        if text is None or metrics is None:
            return  # a card not refreshed yet: no text
        size = metrics.badge_size
        slots = text.badges
        self.badges = [(kind, QRectF(x, y, size, size)) for kind, (x, y) in zip(kinds, slots, strict=False)]
        if emotion is not None and slots:
            self.emotion_rect = QRectF(slots[-1][0], slots[-1][1], size, size)
        left = text.text_left
        base = style.baseline(metrics.title_px, True, metrics.title_line)
        self.lines = [
            (QPointF(left, text.title_top + i * metrics.title_line + base), line)
            for i, line in enumerate(text.lines)
        ]
        base = style.baseline(metrics.small_px, False, metrics.small_line)
        self.footer = [
            (QPointF(left, text.footer_top + i * metrics.small_line + base), line)
            for i, line in enumerate(text.footer)
        ]
        marks = list(kinds) + (["emotion"] if emotion is not None else [])
        b = OVERVIEW_BADGE * metrics.title_px / 13.0
        right = text.width - metrics.card_pad_x
        self.overview_badges = [
            (kind, QRectF(right - (len(marks) - i) * (b + 3) + 3, -b / 2, b, b))
            for i, kind in enumerate(marks)
        ]
        if overview is not None and overview.px:
            line_h = overview_line(overview.px)
            base = style.baseline(overview.px, True, line_h)
            self.overview = [
                (QPointF(overview.left, overview.top + i * line_h + base), line)
                for i, line in enumerate(overview.lines)
            ]


_CARD_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
_CARD_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


class StepItem(QGraphicsItem):
    # What a card starts with (class attributes: thousands of cards are made at once;
    # refresh replaces them).
    #: what the text drawing is made from (set by refresh) and the drawing once made
    _source: tuple[CardText, Metrics, tuple[str, ...], int | None] | None = None
    _made: _CardDrawing | None = None
    _title_px = 13
    _small_px = 11
    _title = ""
    _overview: Overview | None = None
    _hover = False
    _drop_target = False

    def __init__(self, step_id: str, width: float, height: float, interactive: bool):
        super().__init__()
        self.step_id = step_id
        self._shapes = _Shapes.get(width, height)
        self._accent = self._plain = style.lane_accent("note")
        self.setZValue(Z_STEP)
        if interactive:
            self.setFlags(_CARD_FLAGS)
            self.setAcceptHoverEvents(True)
            self.setCacheMode(_CARD_CACHE)

    # --------------------------------------------------------------- geometry
    def boundingRect(self) -> QRectF:
        return self._shapes.bounds

    def shape(self) -> QPainterPath:
        return self._shapes.body

    def rect(self) -> QRectF:
        """The card's rectangle in item coordinates (for badges and overlays)."""
        return self._shapes.rect

    def scene_card_rect(self) -> QRectF:
        return self._shapes.rect.translated(self.pos())

    def title_lines(self) -> list[str]:
        """The title as drawn at full detail, one string per line (the whole title)."""
        return [text for _pos, text in self._text().lines]

    def marker_kinds(self) -> list[str]:
        """The marker badges drawn at full detail (kinds, in badge order)."""
        return [kind for kind, _rect in self._text().badges]

    # ------------------------------------------------------------------ model
    def refresh(self, step, lane_kind: str, text: CardText, metrics: Metrics) -> None:
        """Take the card's layout ``text`` (from core, for ``step``) and what ``paint()``
        needs of the step; resize if it grew. Baselines and badge rectangles are made
        when the card is first drawn with text (see :meth:`_text`)."""
        badge = OVERVIEW_BADGE * metrics.title_px / 13.0
        shapes = _Shapes.get(text.width, text.height, metrics.accent_width, badge)
        if shapes is not self._shapes:
            self.prepareGeometryChange()
            self._shapes = shapes
        self._accent = style.lane_accent(lane_kind)
        plain = QColor(self._accent)
        plain.setAlpha(120)
        self._plain = plain
        self._title_px, self._small_px = metrics.title_px, metrics.small_px
        self._source = (text, metrics, tuple(m for m in style.MARKERS if getattr(step, m)), step.emotion)
        self._title = step.title
        self._overview = None
        self._made = None
        self.update()

    def _zoomed_out(self) -> Overview:
        """The title drawn large when zoomed out (core's layout, asked for when needed)."""
        if self._overview is None:
            if self._source is None:
                self._overview = Overview(0, (), 0.0, 0.0)
            else:
                text, metrics = self._source[0], self._source[1]
                self._overview = metrics.overview(self._title, text.width, text.height)
        return self._overview

    def _text(self) -> _CardDrawing:
        """The text, badges and markers in item coordinates (made once per refresh)."""
        made = self._made
        if made is None:
            source = self._source
            made = self._made = (
                _CardDrawing(*source, overview=self._zoomed_out()) if source is not None else _CardDrawing()
            )
        return made

    @staticmethod
    def tooltip_for(step) -> str:
        """The card's tooltip (shown by the scene's help event, computed on demand)."""
        parts = [step.title]
        if step.description:
            parts.append(step.description)
        marks = [style.MARKER_NAMES[m] for m in style.MARKERS if getattr(step, m)]
        if step.emotion is not None:
            marks.append(f"emotion {step.emotion:+d} ({style.emotion_text(step.emotion)})")
        if marks:
            parts.append(", ".join(marks))
        return "\n".join(parts)

    def set_hover(self, on: bool) -> None:
        if on != self._hover:
            self._hover = on
            self.update()

    def set_drop_target(self, on: bool) -> None:
        if on != self._drop_target:
            self._drop_target = on
            self.update()

    # ---------------------------------------------------------------- drawing
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        s = self._shapes
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()  # (what the scene puts in option.state, read cheaply)
        full = lod * self._small_px >= MIN_TEXT_PX
        overview = (
            not full
            and lod * self._title_px * OVERVIEW_MAX_FACTOR >= MIN_TEXT_PX  # (else not worth asking)
            and lod * self._zoomed_out().px >= MIN_TEXT_PX
        )
        painter.setPen(Qt.PenStyle.NoPen)
        if not full and not overview:
            painter.setBrush(style.SELECTION if selected else self._plain)
            painter.drawRect(s.rect)
            return
        if full:
            painter.setBrush(style.CARD_SHADOW)
            painter.drawPath(s.shadow)
        painter.setBrush(style.CARD)
        painter.setPen(style.pen(style.CARD_BORDER, style.BORDER_WIDTH))
        painter.drawPath(s.body)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._accent)
        painter.drawPath(s.accent)

        painter.setPen(style.INK)
        made = self._text()
        if overview:
            painter.setFont(style.font(self._zoomed_out().px, True))
            for pos, text in made.overview:
                painter.drawText(pos, text)
            for kind, rect in made.overview_badges:  # markers stay visible, larger
                if kind == "emotion":
                    style.paint_emotion(painter, rect, made.emotion)
                else:
                    style.paint_marker(painter, kind, rect)
        else:
            painter.setFont(style.font(self._title_px, True))
            for pos, text in made.lines:
                painter.drawText(pos, text)
            if made.footer:
                painter.setPen(style.MUTED)
                painter.setFont(style.font(self._small_px))
                for pos, text in made.footer:
                    painter.drawText(pos, text)
            for kind, rect in made.badges:
                style.paint_marker(painter, kind, rect)
            if made.emotion is not None:
                style.paint_emotion(painter, made.emotion_rect, made.emotion)

        if selected or self._drop_target:
            # the selection: a thick accent outline with handles on the corners
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(style.SELECTION, style.SELECTION_WIDTH))
            painter.drawPath(s.selection)
            if selected:
                painter.setBrush(style.CARD)
                painter.setPen(style.pen(style.SELECTION, 1.6))
                for handle in s.handles:
                    painter.drawRect(handle)
        elif self._hover:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(style.HOVER, 1.5))
            painter.drawPath(s.body)

    # ------------------------------------------------------------- behaviour
    # (presses, drags and releases are Qt's own: selection and moving; the scene's
    # gestures follow them)
    def _canvas(self) -> BlueprintScene | None:
        """The canvas the card is on (cards live only on a BlueprintScene; hover events
        come only on an interactive one)."""
        return cast("BlueprintScene | None", self.scene())

    def hoverEnterEvent(self, event) -> None:
        self.set_hover(True)
        scene = self._canvas()
        if scene is not None:
            scene.input.card_hover(self, True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.set_hover(False)
        scene = self._canvas()
        if scene is not None:
            scene.input.card_hover(self, False, event.scenePos())
        super().hoverLeaveEvent(event)
