"""Shared fixtures (keep this file tiny).

``sample_blueprint``: a fresh, valid blueprint that uses every part of the format (all
lane kinds, phases, a column without phase, every step field set somewhere, non-ASCII
text, a two-way handoff). Tests that need a file write it with ``save_path``.

``sample_v2_blueprint``: the sample plus every element version 2 of the format adds (column
titles, an emotion lane, channels, votes, an image, comments of each kind).
``png_base64``: a tiny real PNG image, as the base64 text a file holds.
"""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from blueprint_editor.core.model import (Blueprint, Column, Comment, Handoff, Image, Lane, Phase,
                                         Step, standard_lanes)


def make_sample_blueprint() -> Blueprint:
    return Blueprint(
        title="Hôtel stay ☕",
        description="Arrival to check-out.\nSecond line.",
        lanes=standard_lanes() + [Lane(id="notes", kind="note", title="KPIs")],
        phases=[Phase(id="arrival", title="Arrival"), Phase(id="stay", title="Stay")],
        columns=[Column(id="c1", phase="arrival"), Column(id="c2", phase="arrival"),
                 Column(id="c3", phase="stay"), Column(id="c4")],
        steps=[
            Step(id="door", lane="evidence", column="c1", title="Hotel entrance"),
            Step(id="arrive", lane="customer", column="c1", title="Arrive at hotel",
                 emotion=1, moment_of_truth=True, tags=["first", "émotion"]),
            Step(id="greet", lane="frontstage", column="c1", title="Greet guest",
                 owner="Reception", duration_minutes=2.5),
            Step(id="lookup", lane="backstage", column="c2", title="Look up booking",
                 fail_point=True, duration_minutes=3),
            Step(id="pms", lane="support", column="c2", title="Booking system"),
            Step(id="wait", lane="customer", column="c2", title="Wait for key",
                 wait_point=True, emotion=-2),
            Step(id="app", lane="customer", column="c3", title="Order via app",
                 self_service=True, description="No staff involved"),
            Step(id="kpi", lane="notes", column="c4", title="Check-in under 5 min"),
        ],
        handoffs=[
            Handoff(id="h1", source="arrive", target="greet", label="hello", two_way=True),
            Handoff(id="h2", source="greet", target="lookup"),
            Handoff(id="h3", source="lookup", target="pms"),
            Handoff(id="h4", source="greet", target="wait"),
        ],
    )


@pytest.fixture
def sample_blueprint() -> Blueprint:
    return make_sample_blueprint()


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG (8-bit RGB, one red-to-blue gradient), written by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"".join(bytes((255 * x // max(1, width - 1), 80, 200))
                                        for x in range(width)) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


@pytest.fixture
def png_base64() -> str:
    return base64.b64encode(tiny_png()).decode("ascii")


def make_sample_v2_blueprint() -> Blueprint:
    bp = make_sample_blueprint()
    bp.lanes.insert(2, Lane(id="feel", kind="emotion", title="Customer emotion"))
    bp.columns[0].title = "Minute 0"
    bp.columns[2].title = "Evening"
    by_id = {s.id: s for s in bp.steps}
    by_id["arrive"].channel = "in-person"
    by_id["arrive"].votes = 3
    by_id["arrive"].image = "img1"
    by_id["app"].channel = "app"
    by_id["lookup"].votes = 999
    bp.comments = [
        Comment(id="q1", target="arrive", kind="question", text="Who parks the car?",
                owner="Front office"),
        Comment(id="a1", target="h2", kind="action", text="Log lookups: 2 weeks", done=True),
        Comment(id="n1", target=None, kind="note", text="Workshop of 3 March"),
    ]
    bp.images = [Image(id="img1", media_type="image/png",
                       data=base64.b64encode(tiny_png()).decode("ascii"))]
    return bp


@pytest.fixture
def sample_v2_blueprint() -> Blueprint:
    return make_sample_v2_blueprint()


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own recovery and templates folders: never the user's real ones."""
    monkeypatch.setenv("BLUEPRINT_EDITOR_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("BLUEPRINT_EDITOR_TEMPLATE_DIR", str(tmp_path_factory.mktemp("templates")))
