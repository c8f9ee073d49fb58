"""Finding badges on the canvas: a problem shows where it is.

A step with a finding gets a soft tinted halo (a glow, no outline) behind its card and a
small severity symbol on its top-left corner; a handoff with a finding gets a wide tinted
glow along its arrow and the symbol beside its label or at its midpoint. The selection
looks different on purpose: a thick crisp accent outline with corner handles (see
:mod:`.items.step_item`), so a blue outline never means both. Hovering the symbol shows
the messages. The badges are child items of the canvas' own items (so they move with them
and never change them); they hold no model state, are rebuilt from the latest findings and
disappear when the finding goes.

Badges are not hit-testable except for the symbol's tooltip, and they accept no mouse
buttons, so clicks, drags and connect gestures reach the card or arrow underneath.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPaintEngine, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from blueprint_editor.core.document import Document
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.checks_style import (
    COLOURS,
    NAMES,
    paint_symbol,
    severity_of,
    symbol_pixmap,
    symbol_size_for,
    worst,
)
from blueprint_editor.qt.canvas.items import HandoffItem, StepItem
from blueprint_editor.qt.editing.document_signals import document_signals
from blueprint_editor.qt.editing.plain_text import tooltip

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene

BADGE_SIZE = 18.0
#: how far the halo's glow reaches beyond the card, in how many layers of what opacity
HALO_WIDTH = 12.0
HALO_LAYERS, HALO_ALPHA = 8, 13
#: how wide and opaque the glow along a marked arrow is
HANDOFF_HALO_WIDTH, HANDOFF_HALO_ALPHA = 12.0, 60
#: a glow narrower than this (device pixels) is drawn in a colour mixed in advance
FAR_HALO_PIXELS = 2.5
_NO_BRUSH = QBrush()
BADGE_Z = 1000.0
_SYMBOL_RECT = QRectF(-BADGE_SIZE / 2, -BADGE_SIZE / 2, BADGE_SIZE, BADGE_SIZE)
_NO_BUTTONS = Qt.MouseButton.NoButton
_BEHIND_PARENT = QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent
_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
#: a symbol pixmap's whole area (``drawPixmap`` takes the pixmap's own size for this)
_SYMBOL_SOURCE = QRectF()


def tooltip_for(findings) -> str:
    lines = []
    for f in findings:
        sev = severity_of(f)
        lines.append(f"{NAMES[sev][0].capitalize()}: {f.message}")
    return "\n".join(lines)


class SymbolBadge(QGraphicsItem):
    """The severity symbol; hovering it shows the messages (:meth:`CheckBadges.tooltip_at`)."""

    def __init__(self, parent: QGraphicsItem):
        super().__init__(parent)
        self.severity = "warning"
        self.setAcceptedMouseButtons(_NO_BUTTONS)  # (and not selectable, focusable)
        self.setZValue(BADGE_Z)

    def boundingRect(self) -> QRectF:
        return _SYMBOL_RECT

    def set_severity(self, severity: str) -> None:
        if severity != self.severity:
            self.severity = severity
            self.update()

    def paint(self, painter, option, widget=None) -> None:
        rect = self.boundingRect()
        if painter.paintEngine().type() != QPaintEngine.Type.Raster:
            paint_symbol(painter, rect, self.severity)  # PDF, SVG, print: vector shapes
            return
        # on screen and in PNG: a copy of the symbol drawn once at about this size (a
        # thousand badges in view cost a thousand copies, not a thousand drawings)
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        pixels = BADGE_SIZE * scale * painter.device().devicePixelRatioF()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawPixmap(rect, symbol_pixmap(self.severity, symbol_size_for(pixels)), _SYMBOL_SOURCE)


class _Halo(QGraphicsItem):
    """A glow in a finding's colour behind its card or arrow: never hit by the mouse,
    drawn once into a pixmap (a translucent glow is slow to fill: benchmarks/README.md),
    copied each frame, drawn again when it changes or the zoom does."""

    def __init__(self, parent: QGraphicsItem):
        super().__init__(parent)
        self.severity = "warning"
        self.rect = QRectF()
        self.setFlag(_BEHIND_PARENT, True)
        self.setCacheMode(_CACHED)
        self.setAcceptedMouseButtons(_NO_BUTTONS)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(rect)

    def set_severity(self, severity: str) -> None:
        if severity != self.severity:
            self.severity = severity
            self.update()

    def shape(self) -> QPainterPath:
        return QPainterPath()  # not hittable: itemAt() and clicks find the card or arrow


class StepHalo(_Halo):
    """A soft rounded glow around a card (``rect``: the card's)."""

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-HALO_WIDTH, -HALO_WIDTH, HALO_WIDTH, HALO_WIDTH)

    def paint(self, painter, option, widget=None) -> None:
        # a soft glow: layers of the severity's tint, widest and faintest first; the card
        # covers their middle, so only a tinted rim shows (no crisp outline). Zoomed out,
        # where the glow is a few pixels wide, fewer and denser layers look the same.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        n = max(1, min(HALO_LAYERS, round(HALO_WIDTH * scale / 2)))
        alpha = min(255, HALO_ALPHA * HALO_LAYERS // n)
        # a rim a pixel or two wide: its colour mixed in advance (blending is slow)
        thin = HALO_WIDTH * scale < FAR_HALO_PIXELS
        painter.setBrush(_tint(self.severity, alpha, thin))
        for k in range(n):  # the layers add up: denser near the card, fading outwards
            grow = HALO_WIDTH * (n - k) / n
            painter.drawRoundedRect(self.rect.adjusted(-grow, -grow, grow, grow), 8 + grow, 8 + grow)


class HandoffHalo(_Halo):
    """A wide stroke along its arrow's line. It draws the arrow's own line, so it follows
    every re-route; its bounds (``rect``) are the arrow's, copied when the badge is
    placed."""

    def __init__(self, parent: HandoffItem):
        super().__init__(parent)
        self.arrow = parent

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(self, painter, option, widget=None) -> None:
        # zoomed far out the glow is a hairline or two: drawn as such (a cosmetic pen) in
        # its colour mixed in advance, much faster than a wide translucent stroke
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        pixels = HANDOFF_HALO_WIDTH * scale
        painter.setBrush(_NO_BRUSH)
        painter.setPen(_halo_pen(self.severity, max(1, round(pixels)) if pixels < FAR_HALO_PIXELS else 0))
        painter.drawPath(self.arrow.line_path())


def _tint(severity: str, alpha: int, mixed: bool) -> QColor:
    """The severity's colour at ``alpha``; ``mixed``: already blended onto the canvas
    colour (opaque), for glows too thin to tell the difference."""
    return _tint_of(severity, alpha, style.CANVAS.rgba() if mixed else None)


@cache
def _tint_of(severity: str, alpha: int, canvas: int | None) -> QColor:
    colour = QColor(COLOURS[severity])
    if canvas is None:
        colour.setAlpha(alpha)
        return colour
    under, a = QColor.fromRgba(canvas), alpha / 255
    return QColor(
        round(colour.red() * a + under.red() * (1 - a)),
        round(colour.green() * a + under.green() * (1 - a)),
        round(colour.blue() * a + under.blue() * (1 - a)),
    )


@cache
def _halo_pen_of(severity: str, cosmetic: int, canvas: int) -> QPen:
    colour = _tint_of(severity, HANDOFF_HALO_ALPHA, canvas if cosmetic else None)
    width = float(cosmetic) if cosmetic else HANDOFF_HALO_WIDTH
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    pen.setCosmetic(bool(cosmetic))
    return pen


def _halo_pen(severity: str, cosmetic: int) -> QPen:
    """The handoff halo's pen: the severity's colour, translucent, HANDOFF_HALO_WIDTH
    units wide; or ``cosmetic`` device pixels wide, mixed onto the canvas colour."""
    return _halo_pen_of(severity, cosmetic, style.CANVAS.rgba())


def _step_rect(item: StepItem) -> QRectF:
    """The card's rectangle in its own coordinates."""
    return item.rect()


class _Marks:
    """The badge items on one canvas item."""

    def __init__(self, parent: StepItem | HandoffItem):
        self.parent = parent
        self.kind = "step" if isinstance(parent, StepItem) else "handoff"
        self.halo: StepHalo | HandoffHalo = (
            StepHalo(parent) if isinstance(parent, StepItem) else HandoffHalo(parent)
        )
        self.symbol = SymbolBadge(parent)
        self.key: tuple | None = None
        self.placed_for: tuple | None = None

    def attached(self, scene) -> bool:
        """Is the marked item still on the canvas (not removed by an edit or a rebuild)?"""
        return self.parent.scene() is scene

    def update(self, findings) -> None:
        key = tuple((f.code, f.severity, f.message) for f in findings)
        if key != self.key:
            self.key = key
            severity = worst(findings)
            self.halo.set_severity(severity)
            self.symbol.set_severity(severity)
        self.place()

    def place(self) -> None:
        """Put the badge where the item is drawn now (cheap when nothing moved)."""
        parent, halo = self.parent, self.halo
        bounds = parent.boundingRect()
        # a card keeps its size; an arrow is redrawn when its route or its label moved
        # (a route can change inside the same bounds)
        drawn = (
            (bounds, parent.route(), parent.label_rect()) if isinstance(parent, HandoffItem) else (bounds,)
        )
        if drawn == self.placed_for:
            return
        self.placed_for = drawn
        if isinstance(parent, StepItem) and isinstance(halo, StepHalo):
            rect = _step_rect(parent)
            halo.set_rect(rect)
            pos = QPointF(rect.left() + 1, rect.top() + 1)  # on the corner, clear of the title
        elif isinstance(parent, HandoffItem) and isinstance(halo, HandoffHalo):
            halo.set_rect(bounds)  # (the arrow's bounds hold its line and 8 units around)
            halo.update()  # its cached glow is of the old line
            label = parent.label_rect()
            if not label.isEmpty():
                # beside the label pill, which sits on the midpoint
                pos = QPointF(label.left() - BADGE_SIZE / 2 - 2, label.center().y())
            else:
                pos = parent.midpoint()
        if self.symbol.pos() != pos:
            self.symbol.setPos(pos)

    def remove(self) -> None:
        scene = self.parent.scene()
        for child in (self.symbol, self.halo):
            child.setParentItem(None)  # type: ignore[arg-type]  # (None: no parent; the stub omits it)
            if scene is not None:
                scene.removeItem(child)


class CheckBadges(QObject):
    """Keeps badges on ``scene``'s step and handoff items in step with the findings.

    Call :meth:`set_findings` (connect it to ``ChecksRunner.findingsChanged``). The
    badges follow their items; after document changes (which may rebuild or move items)
    they are re-attached and re-placed once the scene has caught up.
    """

    def __init__(self, scene: BlueprintScene, document: Document | None = None):
        super().__init__(scene)  # dies with its scene (and Qt drops its connections)
        self.scene = scene
        self.document = document
        self._by_id: dict[str, list] = {}
        self._marks: dict[str, _Marks] = {}
        self._shown = True
        self._resync = QTimer(self)
        self._resync.setSingleShot(True)
        self._resync.setInterval(0)
        self._resync.timeout.connect(self.sync)
        if document is not None:
            document_signals(document).changed.connect(self._on_events)
        scene.relayouted.connect(self._resync.start)
        scene.rebuilt.connect(self._resync.start)
        # a card dragged by hand re-routes its arrows without a document change: follow
        # those arrows (not scene.changed: listening to it makes Qt collect every update
        # rectangle of every frame, and a pass over all badges per frame is O(findings))
        scene.arrowsRerouted.connect(self._follow_arrows)
        # hovering a marked card or arrow (or its badge) shows what is wrong with it
        scene.installEventFilter(self)

    # ------------------------------------------------------------------ api
    def set_findings(self, findings) -> None:
        by_id: dict[str, list] = {}
        for f in findings:
            handoffs = tuple(f.handoffs or ())
            # a handoff finding marks the arrow; its end steps are named in the message
            targets = handoffs if handoffs else tuple(f.steps or ())
            for ident in targets:
                by_id.setdefault(ident, []).append(f)
        self._by_id = by_id
        self.sync()

    def set_shown(self, on: bool) -> None:
        """Show or hide every badge (presentation mode hides them; the findings stay)."""
        self._shown = bool(on)
        self._apply_shown()

    def is_shown(self) -> bool:
        return self._shown

    def _apply_shown(self) -> None:
        for marks in self._marks.values():
            marks.halo.setVisible(self._shown)
            marks.symbol.setVisible(self._shown)

    def marked_ids(self) -> set[str]:
        """Ids that carry a badge now (for tests and the status bar)."""
        return {i for i, m in self._marks.items() if m.attached(self.scene)}

    def badge(self, ident: str) -> SymbolBadge | None:
        marks = self._marks.get(ident)
        return marks.symbol if marks is not None and marks.attached(self.scene) else None

    def halo(self, ident: str):
        marks = self._marks.get(ident)
        return marks.halo if marks is not None and marks.attached(self.scene) else None

    def sync(self) -> None:
        """Attach, update, re-place or remove badges to match the latest findings."""
        scene = self.scene
        step_item, handoff_item = scene.step_item, scene.handoff_item
        for ident in list(self._marks):
            marks = self._marks[ident]
            if ident not in self._by_id or not marks.attached(scene):
                marks.remove()
                del self._marks[ident]
        for ident, findings in self._by_id.items():
            item: StepItem | HandoffItem | None = step_item(ident) or handoff_item(ident)
            if item is None:
                continue
            known = self._marks.get(ident)
            if known is not None and known.parent is not item:
                known.remove()
                known = None
            if known is None:
                known = self._marks[ident] = _Marks(item)
                if not self._shown:
                    known.halo.setVisible(False)
                    known.symbol.setVisible(False)
            known.update(findings)

    def tooltip_at(self, pos: QPointF) -> str | None:
        """The tooltip for scene position ``pos`` if a marked card or arrow is there: the
        card's own tooltip (when the scene offers one) followed by the problems."""
        for item in self.scene.items(pos):
            if isinstance(item, SymbolBadge):
                item = item.parentItem()
            if isinstance(item, StepItem):
                ident = item.step_id
            elif isinstance(item, HandoffItem):
                ident = item.handoff_id
            else:
                continue
            marks = self._marks.get(ident)
            if marks is None or not marks.attached(self.scene) or marks.parent is not item:
                return None  # the top card or arrow here has no problem
            problems = tooltip_for(self._by_id.get(ident, ()))
            own = ""
            step = self.document.find("steps", ident) if self.document is not None else None
            if isinstance(item, StepItem) and step is not None:
                own = StepItem.tooltip_for(step)
            elif item.toolTip():
                own = item.toolTip()
            return f"{own}\n\n{problems}" if own else problems
        return None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.GraphicsSceneHelp and watched is self.scene:
            text = self.tooltip_at(event.scenePos())
            if text:
                from PySide6.QtWidgets import QToolTip

                QToolTip.showText(event.screenPos(), tooltip(text), event.widget())
                event.accept()
                return True
        return False

    def _follow_arrows(self, handoff_ids) -> None:
        for ident in handoff_ids:
            marks = self._marks.get(ident)
            if marks is not None and marks.kind == "handoff" and marks.attached(self.scene):
                marks.place()

    def detach(self) -> None:
        self._resync.stop()
        if self.document is not None:
            document_signals(self.document).changed.disconnect(self._on_events)

    # ------------------------------------------------------------ internals
    def _on_events(self, _events) -> None:
        self._resync.start()
