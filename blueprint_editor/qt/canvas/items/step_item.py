"""The step card: a white rounded card with a lane-coloured edge, title, footer and badges.

The item holds only its step id. :meth:`StepItem.refresh` reads the step from the document
(through the scene) and caches what ``paint()`` draws: wrapped title lines, the footer
text, the badge slots and the accent colour. Card outlines are shared painter paths (all
cards have one size), so ten thousand cards cost little memory.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.items import geometry as geo

Z_STEP = 10.0
Z_DRAGGED = 30.0
#: Below this zoom the card is drawn as a plain coloured block (no text, no badges).
LOD_PLAIN = 0.38

_TITLE_PX = 13
_FOOTER_PX = 11


class _Shapes:
    """Painter paths shared by every card of one size."""

    _cache: dict[tuple[float, float], _Shapes] = {}

    def __init__(self, w: float, h: float):
        r = geo.CARD_RADIUS
        self.rect = QRectF(0, 0, w, h)
        self.body = QPainterPath()
        self.body.addRoundedRect(self.rect, r, r)
        self.shadow = QPainterPath()
        self.shadow.addRoundedRect(self.rect.translated(0, 2.5).adjusted(-0.5, 0, 0.5, 0.5), r, r)
        strip = QPainterPath()
        strip.addRect(QRectF(0, 0, geo.ACCENT_WIDTH, h))
        self.accent = self.body.intersected(strip)
        self.footer_rule_y = h - geo.FOOTER_HEIGHT
        self.selection = QPainterPath()
        self.selection.addRoundedRect(self.rect.adjusted(-2.5, -2.5, 2.5, 2.5), r + 2, r + 2)
        self.bounds = self.rect.adjusted(-4, -4, 4, 5)

    @classmethod
    def get(cls, w: float, h: float) -> _Shapes:
        key = (w, h)
        shapes = cls._cache.get(key)
        if shapes is None:
            shapes = cls._cache[key] = _Shapes(w, h)
        return shapes


class StepItem(QGraphicsItem):
    def __init__(self, step_id: str, width: float, height: float, interactive: bool):
        super().__init__()
        self.step_id = step_id
        self._shapes = _Shapes.get(width, height)
        self._lines: list[tuple[QPointF, str]] = []
        self._footer = ""
        self._footer_pos = QPointF()
        self._badges: list[tuple[str, QRectF]] = []
        self._emotion: int | None = None
        self._emotion_rect = QRectF()
        self._accent = style.lane_accent("note")
        self._plain = QColor(self._accent)
        self._hover = False
        self._drop_target = False
        self.setZValue(Z_STEP)
        if interactive:
            flags = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                     | QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
            self.setFlags(flags)
            self.setAcceptHoverEvents(True)
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

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

    # ------------------------------------------------------------------ model
    def refresh(self, step, lane_kind: str) -> None:
        """Recompute the cached text and badges from ``step`` (read from the document)."""
        rect = self._shapes.rect
        w, h = rect.width(), rect.height()
        self._accent = style.lane_accent(lane_kind)
        plain = QColor(self._accent)
        plain.setAlpha(120)
        self._plain = plain

        badges = [m for m in style.MARKERS if getattr(step, m)]
        show_emotion = step.emotion is not None
        slots = geo.badge_slots(w, h, len(badges) + (1 if show_emotion else 0))
        self._badges = [(kind, QRectF(x, y, geo.BADGE_SIZE, geo.BADGE_SIZE))
                        for kind, (x, y) in zip(badges, slots, strict=False)]
        self._emotion = step.emotion
        self._emotion_rect = (QRectF(slots[-1][0], slots[-1][1], geo.BADGE_SIZE, geo.BADGE_SIZE)
                              if show_emotion else QRectF())

        parts = [p for p in (step.owner.strip(), style.format_duration(step.duration_minutes)) if p]
        left = geo.ACCENT_WIDTH + geo.CARD_PAD_X - 2
        footer_right = (slots[0][0] - 4) if slots else (w - geo.CARD_PAD_X)
        fm_small = QFontMetricsF(style.font(_FOOTER_PX))
        footer, room = " \u00b7 ".join(parts), max(0.0, footer_right - left)
        if footer and style.text_width(footer, _FOOTER_PX) > room:
            footer = fm_small.elidedText(footer, Qt.TextElideMode.ElideRight, room)
        self._footer = footer
        self._footer_pos = QPointF(left, h - geo.FOOTER_HEIGHT / 2 + fm_small.ascent() / 2 - 1.5)

        fm = QFontMetricsF(style.font(_TITLE_PX, True))
        text_w = w - left - geo.CARD_PAD_X
        has_footer = bool(self._footer or slots)
        max_lines = 3 if not has_footer else 2
        words = step.title.split()
        lines = geo.wrap_words(words, lambda t: style.text_width(t, _TITLE_PX, True), text_w,
                               max_lines,
                               lambda t, width: fm.elidedText(t, Qt.TextElideMode.ElideRight,
                                                              width))
        # with a footer the title starts at the top; without one it is centred
        top = geo.CARD_PAD_TOP
        if not has_footer:
            free = h - 2 * geo.CARD_PAD_TOP - len(lines) * geo.TITLE_LINE
            top += max(0.0, free / 2)
        base = fm.ascent() + (geo.TITLE_LINE - fm.height()) / 2
        self._lines = [(QPointF(left, top + i * geo.TITLE_LINE + base), line)
                       for i, line in enumerate(lines)]
        self.update()

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
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(Qt.PenStyle.NoPen)
        if lod < LOD_PLAIN:
            painter.setBrush(style.SELECTION if selected else self._plain)
            painter.drawRect(s.rect)
            return
        painter.setBrush(style.CARD_SHADOW)
        painter.drawPath(s.shadow)
        painter.setBrush(style.CARD)
        painter.setPen(style.pen(style.CARD_BORDER, 1.0))
        painter.drawPath(s.body)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._accent)
        painter.drawPath(s.accent)

        painter.setPen(style.INK)
        painter.setFont(style.font(_TITLE_PX, True))
        for pos, text in self._lines:
            painter.drawText(pos, text)
        if self._footer:
            painter.setPen(style.MUTED)
            painter.setFont(style.font(_FOOTER_PX))
            painter.drawText(self._footer_pos, self._footer)
        for kind, rect in self._badges:
            style.paint_marker(painter, kind, rect)
        if self._emotion is not None:
            style.paint_emotion(painter, self._emotion_rect, self._emotion)

        if selected or self._hover or self._drop_target:
            colour = style.SELECTION if (selected or self._drop_target) else style.HOVER
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(colour, 2.5 if selected or self._drop_target else 1.5))
            painter.drawPath(s.selection if selected or self._drop_target else s.body)

    # ------------------------------------------------------------- behaviour
    # (presses, drags and releases are Qt's own: selection and moving; the scene's
    # gestures follow them)
    def hoverEnterEvent(self, event) -> None:
        self.set_hover(True)
        scene = self.scene()
        if scene is not None:
            scene.input.card_hover(self, True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.set_hover(False)
        scene = self.scene()
        if scene is not None:
            scene.input.card_hover(self, False, event.scenePos())
        super().hoverLeaveEvent(event)
