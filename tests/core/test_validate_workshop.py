"""The validator's rules for the workshop elements of format version 2: open questions,
actions without an owner, an emotion lane with nothing to draw, an image no step shows."""

from __future__ import annotations

import base64

import pytest

from blueprint_editor.core.model import (
    Comment,
    Image,
    check_references,
)
from blueprint_editor.core.validate import RULES, validate
from factories import healthy_blueprint

NEW = ("open-question", "action-no-owner", "emotion-lane-empty", "image-unused")
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(8)).decode("ascii")


def found(bp):
    return [(f.code, f.severity, f.steps, f.handoffs, f.others) for f in validate(bp)]


def test_the_base_is_healthy():
    assert validate(healthy_blueprint()) == []


def test_the_new_rules_are_registered_with_their_severity():
    assert {code: RULES[code].severity for code in NEW} == {
        "open-question": "info",
        "action-no-owner": "warning",
        "emotion-lane-empty": "info",
        "image-unused": "info",
    }
    assert not any(RULES[code].contract for code in NEW)


def test_an_open_question_on_a_step_a_handoff_and_the_blueprint():
    bp = healthy_blueprint(
        comments=[
            Comment(id="q1", target="cu", kind="question", text="Who parks  the car?"),
            Comment(id="q2", target="h2", kind="question", text="Paper or screen?", owner="IT"),
            Comment(id="q3", target=None, kind="question", text="Which hotel?"),
            Comment(id="q4", target="cu", kind="question", text="Answered", done=True),
            Comment(id="n1", target="cu", kind="note", text="Just a note"),
        ]
    )
    assert found(bp) == [
        ("open-question", "info", (), (), ("q3",)),  # about the whole blueprint: first
        ("open-question", "info", ("cu",), (), ("q1",)),
        ("open-question", "info", ("fr", "bk"), ("h2",), ("q2",)),
    ]
    messages = [f.message for f in validate(bp)]
    assert messages[1] == (
        "Open question \"Who parks the car?\" on step 'Arrive': answer it "
        "in the workshop, or tick it off once it is answered."
    )
    assert "on the handoff from 'Greet' to 'Look up'" in messages[2]
    assert "on the blueprint" in messages[0]


def test_an_action_needs_an_owner_until_it_is_done():
    bp = healthy_blueprint(
        comments=[
            Comment(id="a1", target="bk", kind="action", text="Fix the lookup", owner=" "),
            Comment(id="a2", target="bk", kind="action", text="Owned", owner="IT"),
            Comment(id="a3", target="bk", kind="action", text="Finished", done=True),
            Comment(id="a4", target="fr", kind="action", text="x" * 200),
        ]
    )
    assert found(bp) == [
        ("action-no-owner", "warning", ("fr",), (), ("a4",)),  # lane order: front stage first
        ("action-no-owner", "warning", ("bk",), (), ("a1",)),
    ]
    assert "nobody owns it; name who will do it" in validate(bp)[1].message
    assert len(validate(bp)[0].message) < 160  # a long text is shortened


def test_findings_of_one_step_keep_rules_order_then_comment_order():
    bp = healthy_blueprint(
        comments=[
            Comment(id="a1", target="cu", kind="action", text="Call"),
            Comment(id="q1", target="cu", kind="question", text="Why?"),
            Comment(id="q2", target="cu", kind="question", text="When?"),
        ]
    )
    assert [f.others for f in validate(bp)] == [("q1",), ("q2",), ("a1",)]


def test_an_emotion_lane_with_nothing_to_draw():
    assert found(healthy_blueprint(emotion_lane=True)) == [("emotion-lane-empty", "info", (), (), ("feel",))]
    assert validate(healthy_blueprint(emotion_lane=True))[0].message.startswith(
        "Emotion lane 'How it feels' has nothing to draw"
    )
    assert validate(healthy_blueprint(emotion_lane=True, emotion=0)) == []  # 0 is an emotion to draw
    assert validate(healthy_blueprint(emotion=-2)) == []


def test_emotion_only_outside_customer_lanes_draws_nothing():
    bp = healthy_blueprint(emotion_lane=True)
    bp.steps[2].emotion = 2  # a front-stage step: not on the curve
    assert [f.code for f in validate(bp)] == ["emotion-lane-empty"]


def test_an_image_no_step_shows():
    used = Image(id="img1", media_type="image/png", data=PNG)
    spare = Image(id="img2", media_type="image/png", data=PNG)
    bp = healthy_blueprint(images=[used, spare])
    bp.steps[0].image = "img1"
    check_references(bp)
    assert found(bp) == [("image-unused", "info", (), (), ("img2",))]
    assert validate(bp)[0].message == ("Image img2 is shown on no step: put it on a card or delete it.")


@pytest.mark.parametrize("kind", ["question", "action"])
def test_the_json_of_a_comment_finding_keeps_the_format_keys(kind):
    bp = healthy_blueprint(comments=[Comment(id="c", target="h1", kind=kind, text="t")])
    assert [f.to_json() for f in validate(bp)] == [
        {
            "code": "open-question" if kind == "question" else "action-no-owner",
            "severity": "info" if kind == "question" else "warning",
            "message": validate(bp)[0].message,
            "steps": ["cu", "fr"],
            "handoffs": ["h1"],
        }
    ]
