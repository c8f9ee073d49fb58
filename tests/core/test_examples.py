"""The bundled example blueprints: they load, are in canonical file layout, are rich enough to
teach with, and fire exactly the findings they were written to show in a workshop."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from blueprint_editor.core.io import dumps, load_path
from blueprint_editor.core.layout import compute_layout
from blueprint_editor.core.model import IMAGE_SIGNATURES
from blueprint_editor.core.validate import RULES, validate
from blueprint_editor.resources import resource

EXAMPLES = resource("examples")

#: The findings each example is meant to show: (code, steps) in validator order.
#: The hotel and the clinic are healthy blueprints with a few gaps worth discussing;
#: the food delivery draft is a workshop first pass with the rough edges a draft has.
EXPECTED = {
    "hotel-stay.blueprint": [
        ("customer-no-contact", ("read-upgrade",)),  # offer email nobody at the hotel answers
        ("backward-handoff", ("recheck-minibar", "clean-room")),  # minibar dispute loop
        ("open-question", ("recheck-minibar", "clean-room")),  # who owns minibar disputes?
        ("visibility-breach", ("upgrade-campaign", "read-upgrade")),  # CRM talks to the guest
        ("fail-point-no-owner", ("room-status",)),  # room status lags, nobody owns it
    ],
    "clinic-visit.blueprint": [
        ("isolated-step", ("park",)),  # parking: part of the service or not?
        ("open-question", ("park",)),  # ... asked in the comments
        ("wait-point-no-duration", ("collect-medicine",)),
        ("customer-no-evidence", ("hear-results",)),  # nothing in writing after the call
        ("frontstage-unsupported", ("tell-delays",)),  # reception cannot see running times
        ("backstage-purposeless", ("no-show-report",)),  # a report that changes nothing
        ("backstage-purposeless", ("export-no-shows",)),
    ],
    "food-delivery.blueprint": [
        ("missing-standard-lane", ()),
        ("empty-column", ()),
        ("emotion-lane-empty", ()),  # the lane is there, the emotions are still to come
        ("image-unused", ()),  # a photo of the bag not yet put on a card
        ("customer-no-evidence", ("ask-support",)),
        ("open-question", ("show-status",)),
        ("fail-point-no-owner", ("accept-order",)),
        ("action-no-owner", ("accept-order",)),
        ("empty-title", ("untitled-card",)),
        ("wait-point-no-duration", ("pick-up",)),
    ],
}

FILES = sorted(EXAMPLES.glob("*.blueprint"))


def test_the_expected_examples_are_bundled():
    assert (EXAMPLES / "hotel-stay.blueprint").is_file()  # the README quick start opens it
    assert sorted(p.name for p in FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_loads_and_is_in_canonical_layout(path: Path):
    bp = load_path(path)
    assert dumps(bp) == path.read_text(encoding="utf-8")
    layout = compute_layout(bp)
    assert set(layout.step_rect) == {s.id for s in bp.steps}  # every card has its place
    assert all(r.w > 0 and r.h > 0 for r in layout.step_rect.values())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_fires_the_findings_it_was_written_for(path: Path):
    got = [(f.code, f.steps) for f in validate(load_path(path))]
    assert got == EXPECTED[path.name]


def test_examples_together_fire_every_rule():
    fired = {code for findings in EXPECTED.values() for code, _ in findings}
    assert fired == set(RULES)


@pytest.mark.parametrize("name", ["hotel-stay.blueprint", "clinic-visit.blueprint"])
def test_main_examples_are_rich_enough_to_teach_with(name: str):
    bp = load_path(EXAMPLES / name)
    kinds = {lane.kind for lane in bp.lanes}
    assert {"evidence", "customer", "frontstage", "backstage", "support"} <= kinds
    assert 3 <= len(bp.phases) <= 4 and 8 <= len(bp.columns) <= 12
    assert 25 <= len(bp.steps) <= 45
    assert all(c.phase for c in bp.columns)
    lane_kind = {lane.id: lane.kind for lane in bp.lanes}
    customer = [s for s in bp.steps if lane_kind[s.lane] == "customer"]
    assert {s.emotion for s in customer} >= {-2, -1, 0, 1, 2}
    assert all(s.emotion is None for s in bp.steps if lane_kind[s.lane] != "customer")
    for marker in ("fail_point", "wait_point", "moment_of_truth", "self_service"):
        assert any(getattr(s, marker) for s in bp.steps), marker
    assert any(s.tags for s in bp.steps)
    titled = [s for s in bp.steps if lane_kind[s.lane] not in ("evidence", "note")]
    unowned = [s for s in titled if lane_kind[s.lane] != "customer" and not s.owner]
    assert len(unowned) <= 1  # at most the one deliberate gap
    assert sum(s.duration_minutes is not None for s in bp.steps) >= len(titled) // 2
    assert sum(bool(s.description) for s in bp.steps) >= 8
    assert any(h.two_way for h in bp.handoffs) and any(h.label for h in bp.handoffs)


def test_one_example_has_a_note_lane():
    assert any(lane.kind == "note" for p in FILES for lane in load_path(p).lanes)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_examples_use_the_workshop_elements_of_version_2(path: Path):
    bp = load_path(path)
    assert any(c.title for c in bp.columns)
    assert any(lane.kind == "emotion" for lane in bp.lanes) or path.name == "hotel-stay.blueprint"
    assert len({s.channel for s in bp.steps if s.channel}) >= 3
    assert any(s.votes for s in bp.steps)
    assert {c.kind for c in bp.comments} >= {"question", "action"}
    assert len(bp.images) == 1
    image = bp.images[0]
    raw = base64.b64decode(image.data, validate=True)
    assert raw.startswith(IMAGE_SIGNATURES[image.media_type]) and 500 < len(raw) < 10_000


def test_the_examples_show_both_image_types_on_evidence_cards():
    shown = {}
    for path in FILES:
        bp = load_path(path)
        kind = {lane.id: lane.kind for lane in bp.lanes}
        for step in bp.steps:
            if step.image:
                assert kind[step.lane] == "evidence"
                shown[step.image] = next(i.media_type for i in bp.images if i.id == step.image)
    assert set(shown.values()) == {"image/png", "image/jpeg"}
