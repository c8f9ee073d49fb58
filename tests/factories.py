"""The blueprints the tests build: every builder lives here, named after what it holds.

Each call returns a fresh, valid blueprint (tests may mutate it). Import them by name
(``from factories import canvas_blueprint``); fixtures come from the ``conftest.py`` files.

- :func:`full_blueprint`: every part of the format (all lane kinds, phases, a column without
  phase, every step field set somewhere, non-ASCII text, a two-way handoff); the
  ``sample_blueprint`` fixture.
- :func:`full_v2_blueprint`: the same plus every element version 2 adds (column titles, an
  emotion lane, channels, votes, an image, comments of each kind); ``sample_v2_blueprint``.
- :func:`tiny_png`: the bytes of a small real PNG image.
- :func:`canvas_blueprint`: the canvas tests' blueprint (the ``canvas`` fixture).
- :func:`hotel_blueprint`: the window tests' blueprint (the ``window`` fixture).
- :func:`clean_blueprint`: no error or warning from the checks.
- :func:`findings_blueprint`: findings to show, one of them far to the right.
- :func:`three_step_blueprint`: the start of the undo property test.
- :func:`two_lane_blueprint`: two lanes, two columns, three steps, one handoff.
- :func:`row_blueprint`: one customer step in each of ``columns`` columns.
- :func:`chain_blueprint`: ``n`` steps over the five lanes, four a column, chained.
- :func:`blueprint_of`: a compact notation for the checks' tests.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from blueprint_editor.core.model import (
    Blueprint,
    Column,
    Comment,
    Handoff,
    Image,
    Lane,
    Phase,
    Step,
    check_references,
    standard_lanes,
)

STANDARD_KINDS = ("evidence", "customer", "frontstage", "backstage", "support")


def full_blueprint() -> Blueprint:
    """Every part of the format: all lane kinds, phases, a column without phase, every step
    field set somewhere, non-ASCII text, a two-way handoff."""
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


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG (8-bit RGB, a red-to-blue gradient), written by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"".join(bytes((255 * x // max(1, width - 1), 80, 200))
                                        for x in range(width)) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def full_v2_blueprint() -> Blueprint:
    """:func:`full_blueprint` plus every element of format version 2: column titles, an
    emotion lane, channels, votes (up to the 999 limit), an image on a step, and a question,
    a done action (on a handoff) and a note on the whole blueprint."""
    bp = full_blueprint()
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
    check_references(bp)
    return bp


def canvas_blueprint() -> Blueprint:
    """Five lanes, four columns (two phases and an ungrouped one), a few steps, handoffs."""
    S = Step
    return Blueprint(
        title="Canvas test",
        lanes=standard_lanes(),
        phases=[Phase(id="arrival", title="Arrival"), Phase(id="stay", title="Stay")],
        columns=[Column(id="c1", phase="arrival"), Column(id="c2", phase="arrival"),
                 Column(id="c3", phase="stay"), Column(id="c4")],
        steps=[
            S(id="arrive", lane="customer", column="c1", title="Arrive", emotion=1),
            S(id="checkin", lane="customer", column="c2", title="Check in", wait_point=True),
            S(id="greet", lane="frontstage", column="c1", title="Greet guest", owner="Desk"),
            S(id="desk", lane="frontstage", column="c2", title="Register", fail_point=True),
            S(id="desk2", lane="frontstage", column="c2", title="Hand over key"),
            S(id="prep", lane="backstage", column="c3", title="Prepare room",
              duration_minutes=30),
            S(id="pms", lane="support", column="c2", title="Booking system"),
        ],
        handoffs=[
            Handoff(id="h1", source="arrive", target="greet"),
            Handoff(id="h2", source="checkin", target="desk", two_way=True, label="ID"),
            Handoff(id="h3", source="desk", target="pms"),
            Handoff(id="h4", source="arrive", target="checkin"),
        ],
    )


def hotel_blueprint() -> Blueprint:
    """Five lanes, two phases over three columns, four steps, three handoffs."""
    return Blueprint(
        title="Hotel test",
        lanes=standard_lanes(),
        phases=[Phase(id="arrival", title="Arrival"), Phase(id="stay", title="Stay")],
        columns=[Column(id="c1", phase="arrival"), Column(id="c2", phase="arrival"),
                 Column(id="c3", phase="stay")],
        steps=[
            Step(id="arrive", lane="customer", column="c1", title="Arrive at hotel"),
            Step(id="greet", lane="frontstage", column="c1", title="Greet guest"),
            Step(id="check", lane="backstage", column="c2", title="Check booking"),
            Step(id="room", lane="customer", column="c3", title="Enter room"),
        ],
        handoffs=[
            Handoff(id="h1", source="arrive", target="greet"),
            Handoff(id="h2", source="greet", target="check"),
            Handoff(id="h3", source="check", target="room"),
        ],
    )


def clean_blueprint() -> Blueprint:
    """Customer -> front stage -> back stage, with evidence: no error or warning."""
    return Blueprint(
        title="Clean", lanes=standard_lanes(), columns=[Column(id="c1")],
        steps=[Step(id="door", lane="evidence", column="c1", title="Door"),
               Step(id="arrive", lane="customer", column="c1", title="Arrive"),
               Step(id="greet", lane="frontstage", column="c1", title="Greet", owner="Desk"),
               Step(id="prep", lane="backstage", column="c1", title="Prepare room")],
        handoffs=[Handoff(id="h1", source="arrive", target="greet"),
                  Handoff(id="h2", source="greet", target="prep")])


def findings_blueprint() -> Blueprint:
    """Arrive (customer) -> Greet (front-stage); Prepare room (back-stage) not connected;
    a key card (evidence) so the customer step has its evidence; far to the right, in
    column 8, a lone back-stage step to scroll to."""
    return Blueprint(
        title="Hotel stay", lanes=standard_lanes(),
        columns=[Column(id=f"c{i}") for i in range(1, 9)],
        steps=[Step(id="card", lane="evidence", column="c1", title="Key card"),
               Step(id="arrive", lane="customer", column="c1", title="Arrive"),
               Step(id="greet", lane="frontstage", column="c1", title="Greet guest"),
               Step(id="prepare", lane="backstage", column="c2", title="Prepare room"),
               Step(id="audit", lane="backstage", column="c8", title="Night audit")],
        handoffs=[Handoff(id="h1", source="arrive", target="greet")])


def three_step_blueprint() -> Blueprint:
    """The five lanes and a note lane, three columns, three steps, one handoff."""
    return Blueprint(
        title="Property test",
        lanes=standard_lanes() + [Lane(id="notes", kind="note", title="Notes")],
        columns=[Column(id=f"c{i}") for i in range(1, 4)],
        steps=[Step(id="a", lane="customer", column="c1", title="Arrive"),
               Step(id="b", lane="frontstage", column="c1", title="Greet"),
               Step(id="c", lane="backstage", column="c2", title="Check")],
        handoffs=[Handoff(id="h1", source="a", target="b")],
    )


def two_lane_blueprint() -> Blueprint:
    """Lanes l1 (customer) and l2 (front stage), columns c1 and c2, steps a (l1, c1),
    b (l2, c1) and c (l2, c2), handoff h1 from a to b."""
    return Blueprint(
        lanes=[Lane(id="l1", kind="customer", title="C"),
               Lane(id="l2", kind="frontstage", title="F")],
        columns=[Column(id="c1"), Column(id="c2")],
        steps=[Step(id="a", lane="l1", column="c1", title="A"),
               Step(id="b", lane="l2", column="c1", title="B"),
               Step(id="c", lane="l2", column="c2", title="C")],
        handoffs=[Handoff(id="h1", source="a", target="b")])


def row_blueprint(columns: int = 30) -> Blueprint:
    """The five lanes, ``columns`` columns ``c0...``, one customer step ``s<i>`` in each."""
    return Blueprint(title="Wide", lanes=standard_lanes(),
                     columns=[Column(id=f"c{i}") for i in range(columns)],
                     steps=[Step(id=f"s{i}", lane="customer", column=f"c{i}", title=f"Step {i}")
                            for i in range(columns)])


def chain_blueprint(n_steps: int) -> Blueprint:
    """``n_steps`` steps ``s<i>`` over the five lanes in turn, four a column, each handing
    off to the next."""
    lanes = standard_lanes()
    columns = [Column(id=f"c{i}") for i in range(n_steps // 4)]
    steps = [Step(id=f"s{i}", lane=lanes[i % 5].id, column=columns[i // 4].id, title=f"Step {i}")
             for i in range(n_steps)]
    handoffs = [Handoff(id=f"h{i}", source=f"s{i}", target=f"s{i + 1}")
                for i in range(n_steps - 1)]
    return Blueprint(title="Wide", lanes=lanes, columns=columns, steps=steps, handoffs=handoffs)


def blueprint_of(steps: Sequence[tuple[Any, ...]], handoffs: Sequence[tuple[Any, ...]] = (),
                 lanes: Sequence[str | tuple[str, str]] = STANDARD_KINDS,
                 columns: int | list[Column | int] = 3, phases: Sequence[Phase] = ()) -> Blueprint:
    """A checked blueprint in a compact notation. ``lanes``: kinds (id = kind) or
    ``(id, kind)`` pairs. ``columns``: a number (ids ``col1...``) or the columns.
    ``steps``: ``(id, lane, column_no[, fields])``; ``handoffs``: ``(source, target[,
    two_way])`` with ids ``h1, h2 ...`` in the given order. Titles default to ``T<id>``;
    owners to "x"."""
    lane_list = [Lane(id=lane, kind=lane, title=lane) if isinstance(lane, str) else
                 Lane(id=lane[0], kind=lane[1], title=lane[0]) for lane in lanes]
    cols = [c if isinstance(c, Column) else Column(id=f"col{c}")
            for c in (columns if isinstance(columns, list) else range(1, columns + 1))]
    step_list = []
    for sid, lane, col, *rest in steps:
        fields = {"title": f"T{sid}", "owner": "x", **(rest[0] if rest else {})}
        step_list.append(Step(id=sid, lane=lane, column=f"col{col}", **fields))
    hs = [Handoff(id=f"h{i}", source=h[0], target=h[1], two_way=bool(h[2:] and h[2]))
          for i, h in enumerate(handoffs, 1)]
    bp = Blueprint(lanes=lane_list, phases=list(phases), columns=cols, steps=step_list,
                   handoffs=hs)
    check_references(bp)
    return bp


def write_blueprint(path: Path, blueprint: Blueprint) -> Path:
    """``blueprint`` as a file at ``path`` (plain JSON, not through the saver)."""
    path.write_text(json.dumps(blueprint.model_dump(mode="json"), indent=2) + "\n",
                    encoding="utf-8")
    return path
