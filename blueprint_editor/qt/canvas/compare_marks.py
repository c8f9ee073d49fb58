"""Compare highlights on the canvas: the cards a comparison found added, moved or changed.

A :class:`CompareMark` is an overlay item drawn behind a card (a child of its
:class:`StepItem`, so it moves with it): a coloured outline and halo whose colour and dash
tell the kind of change. :class:`CompareHighlight` keeps the marks in step with the latest
comparison (``set_kinds``: step id -> kind); it holds nothing but that result, re-attaches
the marks after the scene re-lays or rebuilds its cards and removes them all on ``clear``.
Marks take no mouse buttons, so clicks and drags reach the card underneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from blueprint_editor.qt.canvas.items import StepItem

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene

#: kind -> (outline colour, readable name); removed cards are not on the canvas
COLOURS: dict[str, str] = {"added": "#1a7f37", "moved": "#8250df", "changed": "#bf8700"}
NAMES: dict[str, str] = {"added": "added", "moved": "moved", "changed": "changed"}
#: a card with several changes shows the first kind of this order
PRIORITY: tuple[str, ...] = ("added", "moved", "changed")
OUTLINE = 3.0
HALO = 9.0


def pen_for(kind: str, width: float = OUTLINE) -> QPen:
    """The outline of ``kind``: solid for added and changed, dashed for moved."""
    pen = QPen(QColor(COLOURS[kind]), width)
    if kind == "moved":
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


class CompareMark(QGraphicsItem):
    """A coloured outline and a soft halo around a card; never hit by the mouse."""

    def __init__(self, parent: StepItem, kind: str):
        super().__init__(parent)
        #: the card (a Python reference: a card the scene dropped stays valid until the
        #: next sync removes its mark)
        self.card = parent
        self.kind = kind
        self.rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.place()

    def place(self) -> None:
        rect = self.card.rect().adjusted(-OUTLINE, -OUTLINE, OUTLINE, OUTLINE)
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = rect

    def set_kind(self, kind: str) -> None:
        if kind != self.kind:
            self.kind = kind
            self.update()

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-HALO, -HALO, HALO, HALO)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # not hittable: clicks find the card

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        halo = QColor(COLOURS[self.kind])
        halo.setAlpha(60)
        painter.setPen(QPen(halo, HALO))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect, 10, 10)
        painter.setPen(pen_for(self.kind))
        painter.drawRoundedRect(self.rect, 10, 10)


class CompareHighlight(QObject):
    """The marks of one comparison on ``scene``'s cards."""

    def __init__(self, scene: BlueprintScene):
        super().__init__(scene)  # dies with its scene (and Qt drops its connections)
        self.scene = scene
        self._kinds: dict[str, str] = {}
        self._marks: dict[str, CompareMark] = {}
        self._resync = QTimer(self)
        self._resync.setSingleShot(True)
        self._resync.setInterval(0)
        self._resync.timeout.connect(self.sync)
        scene.relayouted.connect(self._resync.start)
        scene.rebuilt.connect(self._resync.start)

    def set_kinds(self, kinds: dict[str, str]) -> None:
        """Mark these steps (id -> added, moved or changed); others lose their mark."""
        self._kinds = dict(kinds)
        self.sync()

    def clear(self) -> None:
        self.set_kinds({})

    def marked(self) -> dict[str, str]:
        """Step id -> kind of the marks on the canvas now."""
        return {i: m.kind for i, m in self._marks.items() if m.card.scene() is self.scene}

    def mark(self, step_id: str) -> CompareMark | None:
        return self._marks.get(step_id)

    def sync(self) -> None:
        for ident in list(self._marks):
            mark = self._marks[ident]
            item = self.scene.step_item(ident)
            if ident not in self._kinds or mark.card is not item:
                self._remove(mark)
                del self._marks[ident]
        for ident, kind in self._kinds.items():
            item = self.scene.step_item(ident)
            if item is None:
                continue
            known = self._marks.get(ident)
            if known is None:
                self._marks[ident] = CompareMark(item, kind)
            else:
                known.set_kind(kind)
                known.place()

    @staticmethod
    def _remove(mark: CompareMark) -> None:
        scene = mark.card.scene()
        mark.setParentItem(None)  # type: ignore[arg-type]  # (None: no parent; the stub omits it)
        if scene is not None:
            scene.removeItem(mark)
