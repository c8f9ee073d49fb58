"""The emotion lane on the canvas: the curve, a face at each point, and the drag that
changes a point's emotion.

:class:`EmotionCurveItem` draws one :class:`~blueprint_editor.core.emotion_curve.EmotionCurve`
(points and Bezier segments computed in the core); the path and the faces' rectangles are
built in :meth:`~EmotionCurveItem.set_curve`. :class:`EmotionDrag` is the gesture: a press
on a face starts it, the face follows the cursor up and down (snapping to whole
emotions), and the release sets the emotion of the column's customer steps, one undo
entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from blueprint_editor.core import edits
from blueprint_editor.core.emotion_curve import EmotionCurve, emotion_at
from blueprint_editor.core.operations import Batch
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.gestures import Gesture

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.canvas.scene import BlueprintScene

FACE = 22.0
Z_CURVE = 6.0


class EmotionCurveItem(QGraphicsItem):
    def __init__(self, curve: EmotionCurve):
        super().__init__()
        self.setZValue(Z_CURVE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # presses go to the scene
        self.curve = curve
        self._path = QPainterPath()
        self._guides: list[float] = []
        self._faces: list[tuple[QRectF, int]] = []
        self._bounds = QRectF()
        #: (point index, y) of a face being dragged, drawn there instead
        self._dragged: tuple[int, float] | None = None
        self.set_curve(curve)

    def set_curve(self, curve: EmotionCurve) -> None:
        self.prepareGeometryChange()
        self.curve = curve
        path = QPainterPath()
        if curve.points:
            first = curve.points[0]
            path.moveTo(first.x, first.y)
            for c1, c2, end in curve.segments:
                path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
        self._path = path
        self._guides = [curve.y_of(0.0)]
        self._faces = [(self.face_rect(i, p.y), round(p.value)) for i, p in enumerate(curve.points)]
        left = min((p.x for p in curve.points), default=0.0)
        right = max((p.x for p in curve.points), default=0.0)
        self._bounds = QRectF(
            left - FACE, curve.top - FACE, right - left + 2 * FACE, curve.bottom - curve.top + 2 * FACE
        )
        self.setVisible(bool(curve.points))
        self.update()

    def face_rect(self, index: int, y: float) -> QRectF:
        p = self.curve.points[index]
        return QRectF(p.x - FACE / 2, y - FACE / 2, FACE, FACE)

    def point_at(self, pos: QPointF) -> int | None:
        """The index of the face under ``pos``, or None."""
        return next(
            (i for i, (rect, _) in enumerate(self._faces) if rect.adjusted(-3, -3, 3, 3).contains(pos)), None
        )

    def show_drag(self, index: int | None, y: float = 0.0) -> None:
        """Draw face ``index`` at height ``y`` with the emotion there (None: as it is)."""
        if index is None:
            self._dragged = None
        else:
            self._dragged = (index, max(self.curve.top, min(self.curve.bottom, y)))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self.curve.points:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(style.pen(style.FAINT, 1.0, Qt.PenStyle.DashLine))
        for y in self._guides:
            painter.drawLine(QPointF(self._bounds.left(), y), QPointF(self._bounds.right(), y))
        pen = style.pen(style.CURVE, 2.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(self._path)
        for i, (rect, value) in enumerate(self._faces):
            if self._dragged is not None and self._dragged[0] == i:
                y = self._dragged[1]
                rect = self.face_rect(i, y)
                value = emotion_at(self.curve, y)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.CARD)
            painter.drawEllipse(rect.adjusted(-2, -2, 2, 2))
            style.paint_emotion(painter, rect, value)


class EmotionDrag(Gesture):
    """Drag a face of the emotion curve up or down: the column's emotion changes."""

    def __init__(self, scene: BlueprintScene, item: EmotionCurveItem, index: int):
        super().__init__(scene)
        self.item, self.index = item, index
        self.y = item.curve.points[index].y

    def start(self, pos: QPointF) -> None:
        self.item.show_drag(self.index, self.y)

    def move(self, pos: QPointF) -> None:
        self.y = pos.y()
        self.item.show_drag(self.index, self.y)

    def finish(self, pos: QPointF | None) -> bool:
        if pos is not None:
            self.y = pos.y()
        self.item.show_drag(None)
        value = emotion_at(self.item.curve, self.y)
        doc = self.scene.doc
        point = self.item.curve.points[self.index]
        ops = tuple(
            edits.set_fields(doc, "steps", sid, emotion=value)
            for sid in point.steps
            if doc.find("steps", sid) is not None and doc.step(sid).emotion != value
        )
        if not ops:
            return False
        return self.scene.controller.push(Batch(ops, "Edit emotion"), "Edit emotion")

    def cancel(self) -> None:
        self.item.show_drag(None)
