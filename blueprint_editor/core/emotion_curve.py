"""The emotion curve of an emotion lane: one point per column with customer emotions,
at the mean of the emotions of that column's customer steps, joined by a smooth curve.

The point's height maps the emotion range -2 (bottom) .. +2 (top) onto the lane's
height, inside its padding. The curve is a Catmull-Rom spline through the points written
as cubic Bezier segments (each ``(control1, control2, end)``), with the control points'
heights clamped to the band so the curve never leaves the lane. Canvas, exports and
tests share this; :func:`emotion_at` turns a dragged height back into an emotion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from blueprint_editor.core.layout import GridLayout
from blueprint_editor.core.model import Blueprint

Point = tuple[float, float]
#: The vertical room kept free above +2 and below -2 (scene units).
BAND_PAD = 22.0


@dataclass(frozen=True)
class EmotionPoint:
    column: str
    x: float
    y: float
    #: the mean emotion of the column's customer steps (-2.0 .. 2.0)
    value: float
    #: the customer steps with an emotion in this column (the ones a drag changes)
    steps: tuple[str, ...]


@dataclass
class EmotionCurve:
    lane: str
    #: the band the points live in: (top, bottom) = (+2, -2)
    top: float
    bottom: float
    points: list[EmotionPoint] = field(default_factory=list)
    #: cubic segments from points[i] to points[i + 1]: (control 1, control 2, end)
    segments: list[tuple[Point, Point, Point]] = field(default_factory=list)

    def y_of(self, value: float) -> float:
        return self.bottom - (value + 2.0) / 4.0 * (self.bottom - self.top)


def emotion_at(curve: EmotionCurve, y: float) -> int:
    """The whole emotion (-2 .. 2) nearest to height ``y`` in the curve's band."""
    span = curve.bottom - curve.top
    value = (curve.bottom - y) / span * 4.0 - 2.0 if span > 0 else 0.0
    return max(-2, min(2, round(value)))


def emotion_curves(bp: Blueprint, layout: GridLayout) -> list[EmotionCurve]:
    """One curve per emotion lane (the same points in each); linear in the steps."""
    kinds = {lane.id: lane.kind for lane in bp.lanes}
    by_column: dict[str, list[tuple[str, int]]] = {}
    for step in bp.steps:
        if step.emotion is not None and kinds.get(step.lane) == "customer":
            by_column.setdefault(step.column, []).append((step.id, step.emotion))
    half = layout.metrics.column_width / 2
    curves = []
    for lane in bp.lanes:
        if lane.kind != "emotion" or lane.id not in layout.lane_top:
            continue
        top = layout.lane_top[lane.id] + BAND_PAD
        bottom = layout.lane_top[lane.id] + layout.lane_height[lane.id] - BAND_PAD
        curve = EmotionCurve(lane.id, top, bottom)
        for column in bp.columns:
            found = by_column.get(column.id)
            if not found:
                continue
            value = sum(e for _, e in found) / len(found)
            curve.points.append(
                EmotionPoint(
                    column.id,
                    layout.column_left[column.id] + half,
                    curve.y_of(value),
                    value,
                    tuple(s for s, _ in found),
                )
            )
        curve.segments = _spline([(p.x, p.y) for p in curve.points], top, bottom)
        curves.append(curve)
    return curves


def _spline(pts: list[Point], top: float, bottom: float) -> list[tuple[Point, Point, Point]]:
    """Catmull-Rom through ``pts`` as cubic Bezier segments (heights kept in the band)."""

    def clamp(y: float) -> float:
        return max(top, min(bottom, y))

    segments = []
    for i in range(len(pts) - 1):
        p0 = pts[i - 1] if i > 0 else pts[i]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[i + 2] if i + 2 < len(pts) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, clamp(p1[1] + (p2[1] - p0[1]) / 6))
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, clamp(p2[1] - (p3[1] - p1[1]) / 6))
        segments.append((c1, c2, p2))
    return segments
