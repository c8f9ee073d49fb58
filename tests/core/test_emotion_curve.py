from blueprint_editor.core.emotion_curve import emotion_at, emotion_curves
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.core.model import Lane, Step
from factories import canvas_blueprint


def emotion_blueprint():
    bp = canvas_blueprint()
    bp.lanes.insert(2, Lane(id="feel", kind="emotion", title="Emotion"))
    bp.steps[1].emotion = -2  # checkin (c2)
    bp.steps.append(Step(id="pay", lane="customer", column="c2", title="Pay", emotion=1))
    bp.steps.append(Step(id="rest", lane="customer", column="c3", title="Rest", emotion=2))
    bp.steps[2].emotion = -2  # greet: front-stage, not drawn
    return bp


def test_one_point_per_column_at_the_mean_of_the_customer_steps():
    bp = emotion_blueprint()
    g = compute_layout(bp)
    (curve,) = emotion_curves(bp, g)
    assert curve.lane == "feel"
    assert [p.column for p in curve.points] == ["c1", "c2", "c3"]
    assert [p.value for p in curve.points] == [1.0, -0.5, 2.0]
    assert curve.points[1].steps == ("checkin", "pay")
    top, bottom = g.lane_top["feel"], g.lane_top["feel"] + g.lane_height["feel"]
    assert all(top < p.y < bottom for p in curve.points)
    assert curve.points[2].y == curve.top  # +2 at the top of the band
    assert curve.points[0].x == g.column_left["c1"] + g.metrics.column_width / 2
    # the curve passes through every point and its controls stay in the band
    assert [seg[2] for seg in curve.segments] == [(p.x, p.y) for p in curve.points[1:]]
    assert all(curve.top <= c[1] <= curve.bottom for seg in curve.segments for c in seg[:2])


def test_a_height_maps_back_to_the_nearest_whole_emotion():
    bp = emotion_blueprint()
    (curve,) = emotion_curves(bp, compute_layout(bp))
    assert emotion_at(curve, curve.top) == 2
    assert emotion_at(curve, curve.bottom) == -2
    assert emotion_at(curve, curve.y_of(0.4)) == 0
    assert emotion_at(curve, curve.top - 500) == 2  # beyond the band: clamped


def test_no_emotion_lane_no_curve_and_no_emotions_no_points():
    bp = canvas_blueprint()
    assert emotion_curves(bp, compute_layout(bp)) == []
    bp.lanes.append(Lane(id="feel", kind="emotion", title="Emotion"))
    bp.steps[0].emotion = None
    (curve,) = emotion_curves(bp, compute_layout(bp))
    assert curve.points == [] and curve.segments == []
