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
- :func:`lone_steps_blueprint`: empty columns, then three unconnected steps.
- :func:`two_phase_blueprint`: two phases over three columns, five steps, no handoff.
- :func:`tall_blueprint`: one column with a tall stack of customer steps.
- :func:`row_blueprint`: one customer step in each of ``columns`` columns.
- :func:`chain_blueprint`: ``n`` steps over the five lanes, four a column, chained.
- :func:`clipboard_blueprint`: three steps over two columns, two handoffs (one two-way).
- :func:`workshop_blueprint`: :func:`two_lane_blueprint` with an emotion lane, images on
  every step and comments of each kind.
- :func:`healthy_blueprint`: no finding of its own (a customer to support chain).
- :func:`phase_layout_blueprint`: columns and phases drawn as a string (``"AAB-C"``).
- :func:`six_column_blueprint`: six columns, a chain of six customer steps.
- :func:`find_blueprint`, :func:`search_blueprint`: text to find in every field.
- :func:`stack_blueprint`, :func:`gap_phase_blueprint`: the core's edit decisions.
- :func:`six_phase_blueprint`: the size a team puts on the wall (the print tests).
- :func:`text_fields_blueprint`, :func:`ten_texts_blueprint`, :func:`many_texts_blueprint`:
  given texts in every text field (the hostile-text tests).
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
    new_blueprint,
    standard_lanes,
)

STANDARD_KINDS = ("evidence", "customer", "frontstage", "backstage", "support")
#: The smallest data each image type accepts: its signature and a few bytes (base64).
PNG_DATA = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(6)).decode("ascii")
JPEG_DATA = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(6)).decode("ascii")


def full_blueprint() -> Blueprint:
    """Every part of the format: all lane kinds, phases, a column without phase, every step
    field set somewhere, non-ASCII text, a two-way handoff."""
    return Blueprint(
        title="Hôtel stay ☕",
        description="Arrival to check-out.\nSecond line.",
        lanes=standard_lanes() + [Lane(id="notes", kind="note", title="KPIs")],
        phases=[Phase(id="arrival", title="Arrival"), Phase(id="stay", title="Stay")],
        columns=[
            Column(id="c1", phase="arrival"),
            Column(id="c2", phase="arrival"),
            Column(id="c3", phase="stay"),
            Column(id="c4"),
        ],
        steps=[
            Step(id="door", lane="evidence", column="c1", title="Hotel entrance"),
            Step(
                id="arrive",
                lane="customer",
                column="c1",
                title="Arrive at hotel",
                emotion=1,
                moment_of_truth=True,
                tags=["first", "émotion"],
            ),
            Step(
                id="greet",
                lane="frontstage",
                column="c1",
                title="Greet guest",
                owner="Reception",
                duration_minutes=2.5,
            ),
            Step(
                id="lookup",
                lane="backstage",
                column="c2",
                title="Look up booking",
                fail_point=True,
                duration_minutes=3,
            ),
            Step(id="pms", lane="support", column="c2", title="Booking system"),
            Step(id="wait", lane="customer", column="c2", title="Wait for key", wait_point=True, emotion=-2),
            Step(
                id="app",
                lane="customer",
                column="c3",
                title="Order via app",
                self_service=True,
                description="No staff involved",
            ),
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
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00" + b"".join(bytes((255 * x // max(1, width - 1), 80, 200)) for x in range(width))
        for _ in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


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
        Comment(id="q1", target="arrive", kind="question", text="Who parks the car?", owner="Front office"),
        Comment(id="a1", target="h2", kind="action", text="Log lookups: 2 weeks", done=True),
        Comment(id="n1", target=None, kind="note", text="Workshop of 3 March"),
    ]
    bp.images = [Image(id="img1", media_type="image/png", data=base64.b64encode(tiny_png()).decode("ascii"))]
    check_references(bp)
    return bp


def canvas_blueprint() -> Blueprint:
    """Five lanes, four columns (two phases and an ungrouped one), a few steps, handoffs."""
    S = Step
    return Blueprint(
        title="Canvas test",
        lanes=standard_lanes(),
        phases=[Phase(id="arrival", title="Arrival"), Phase(id="stay", title="Stay")],
        columns=[
            Column(id="c1", phase="arrival"),
            Column(id="c2", phase="arrival"),
            Column(id="c3", phase="stay"),
            Column(id="c4"),
        ],
        steps=[
            S(id="arrive", lane="customer", column="c1", title="Arrive", emotion=1),
            S(id="checkin", lane="customer", column="c2", title="Check in", wait_point=True),
            S(id="greet", lane="frontstage", column="c1", title="Greet guest", owner="Desk"),
            S(id="desk", lane="frontstage", column="c2", title="Register", fail_point=True),
            S(id="desk2", lane="frontstage", column="c2", title="Hand over key"),
            S(id="prep", lane="backstage", column="c3", title="Prepare room", duration_minutes=30),
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
        columns=[
            Column(id="c1", phase="arrival"),
            Column(id="c2", phase="arrival"),
            Column(id="c3", phase="stay"),
        ],
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
        title="Clean",
        lanes=standard_lanes(),
        columns=[Column(id="c1")],
        steps=[
            Step(id="door", lane="evidence", column="c1", title="Door"),
            Step(id="arrive", lane="customer", column="c1", title="Arrive"),
            Step(id="greet", lane="frontstage", column="c1", title="Greet", owner="Desk"),
            Step(id="prep", lane="backstage", column="c1", title="Prepare room"),
        ],
        handoffs=[
            Handoff(id="h1", source="arrive", target="greet"),
            Handoff(id="h2", source="greet", target="prep"),
        ],
    )


def findings_blueprint() -> Blueprint:
    """Arrive (customer) -> Greet (front-stage); Prepare room (back-stage) not connected;
    a key card (evidence) so the customer step has its evidence; far to the right, in
    column 8, a lone back-stage step to scroll to."""
    return Blueprint(
        title="Hotel stay",
        lanes=standard_lanes(),
        columns=[Column(id=f"c{i}") for i in range(1, 9)],
        steps=[
            Step(id="card", lane="evidence", column="c1", title="Key card"),
            Step(id="arrive", lane="customer", column="c1", title="Arrive"),
            Step(id="greet", lane="frontstage", column="c1", title="Greet guest"),
            Step(id="prepare", lane="backstage", column="c2", title="Prepare room"),
            Step(id="audit", lane="backstage", column="c8", title="Night audit"),
        ],
        handoffs=[Handoff(id="h1", source="arrive", target="greet")],
    )


def three_step_blueprint() -> Blueprint:
    """The five lanes and a note lane, three columns, three steps, one handoff."""
    return Blueprint(
        title="Property test",
        lanes=standard_lanes() + [Lane(id="notes", kind="note", title="Notes")],
        columns=[Column(id=f"c{i}") for i in range(1, 4)],
        steps=[
            Step(id="a", lane="customer", column="c1", title="Arrive"),
            Step(id="b", lane="frontstage", column="c1", title="Greet"),
            Step(id="c", lane="backstage", column="c2", title="Check"),
        ],
        handoffs=[Handoff(id="h1", source="a", target="b")],
    )


def two_lane_blueprint() -> Blueprint:
    """Lanes l1 (customer) and l2 (front stage), columns c1 and c2, steps a (l1, c1),
    b (l2, c1) and c (l2, c2), handoff h1 from a to b."""
    return Blueprint(
        lanes=[Lane(id="l1", kind="customer", title="C"), Lane(id="l2", kind="frontstage", title="F")],
        columns=[Column(id="c1"), Column(id="c2")],
        steps=[
            Step(id="a", lane="l1", column="c1", title="A"),
            Step(id="b", lane="l2", column="c1", title="B"),
            Step(id="c", lane="l2", column="c2", title="C"),
        ],
        handoffs=[Handoff(id="h1", source="a", target="b")],
    )


def lone_steps_blueprint() -> Blueprint:
    """Empty columns c1 and c2 and, in c3, three unconnected steps: a receipt (evidence),
    pay (customer) and the till (front stage)."""
    return Blueprint(
        title="Order",
        lanes=standard_lanes(),
        columns=[Column(id=f"c{i}") for i in (1, 2, 3)],
        steps=[
            Step(id="card", lane="evidence", column="c3", title="Receipt"),
            Step(id="pay", lane="customer", column="c3", title="Pay"),
            Step(id="till", lane="frontstage", column="c3", title="Till"),
        ],
    )


def two_phase_blueprint() -> Blueprint:
    """The five lanes; phases p1 (columns c1, c2) and p2 (c3); steps a, b, e (customer),
    c (front stage) and d (support), no handoff."""
    return Blueprint(
        lanes=standard_lanes(),
        phases=[Phase(id="p1", title="Before"), Phase(id="p2", title="During")],
        columns=[Column(id="c1", phase="p1"), Column(id="c2", phase="p1"), Column(id="c3", phase="p2")],
        steps=[
            Step(id="a", lane="customer", column="c1", title="Arrive"),
            Step(id="b", lane="customer", column="c3", title="Pay the bill", owner="Desk"),
            Step(id="c", lane="frontstage", column="c1", title="Greet"),
            Step(id="d", lane="support", column="c1", title="Booking system", tags=["it"]),
            Step(id="e", lane="customer", column="c3", title="Leave"),
        ],
    )


def clipboard_blueprint() -> Blueprint:
    """A new blueprint's lanes and columns with steps a (customer, c1: a fail point, emotion
    +1), b (front stage, c1: tag ``desk``) and c (back stage, c2); handoffs h1 a <-> b
    labelled ``hello`` and h2 b -> c."""
    bp = new_blueprint()
    bp.steps = [
        Step(id="a", lane="customer", column="c1", title="Arrive", fail_point=True, emotion=1),
        Step(id="b", lane="frontstage", column="c1", title="Greet", tags=["desk"]),
        Step(id="c", lane="backstage", column="c2", title="Prepare room"),
    ]
    bp.handoffs = [
        Handoff(id="h1", source="a", target="b", label="hello", two_way=True),
        Handoff(id="h2", source="b", target="c"),
    ]
    return bp


def workshop_blueprint() -> Blueprint:
    """:func:`two_lane_blueprint` plus an emotion lane ``feel``, images i1 (PNG, on step a)
    and i2 (JPEG, on b and c), and comments q1 (question on a), q2 (action on h1) and q3
    (note on the whole blueprint)."""
    bp = two_lane_blueprint()
    bp.lanes.append(Lane(id="feel", kind="emotion", title="Emotion"))
    bp.images.extend(
        [
            Image(id="i1", media_type="image/png", data=PNG_DATA),
            Image(id="i2", media_type="image/jpeg", data=JPEG_DATA),
        ]
    )
    bp.steps[0].image = "i1"
    bp.steps[1].image = "i2"
    bp.steps[2].image = "i2"
    bp.comments.extend(
        [
            Comment(id="q1", target="a", kind="question", text="Why?"),
            Comment(id="q2", target="h1", kind="action", text="Fix"),
            Comment(id="q3", target=None, kind="note", text="All"),
        ]
    )
    return bp


def healthy_blueprint(
    comments: Sequence[Comment] = (),
    images: Sequence[Image] = (),
    emotion_lane: bool = False,
    emotion: int | None = None,
) -> Blueprint:
    """A blueprint with no finding of its own: evidence, then a customer, front-stage,
    back-stage and support chain in one column; ``emotion_lane`` adds an emotion lane
    ``feel`` under the customer lane, ``emotion`` is the customer step's."""
    lanes = [Lane(id=k, kind=k, title=k) for k in STANDARD_KINDS]
    if emotion_lane:
        lanes.insert(2, Lane(id="feel", kind="emotion", title="How it feels"))
    bp = Blueprint(
        lanes=lanes,
        columns=[Column(id="c1")],
        steps=[
            Step(id="ev", lane="evidence", column="c1", title="Sign"),
            Step(id="cu", lane="customer", column="c1", title="Arrive", emotion=emotion),
            Step(id="fr", lane="frontstage", column="c1", title="Greet"),
            Step(id="bk", lane="backstage", column="c1", title="Look up"),
            Step(id="sp", lane="support", column="c1", title="Bookings"),
        ],
        handoffs=[
            Handoff(id="h1", source="cu", target="fr"),
            Handoff(id="h2", source="fr", target="bk"),
            Handoff(id="h3", source="bk", target="sp"),
        ],
        comments=list(comments),
        images=list(images),
    )
    check_references(bp)
    return bp


def phase_layout_blueprint(layout: str) -> Blueprint:
    """``"AAB-C"``: one column ``c<i>`` per letter, the letter its phase (``-``: none);
    phase ``X`` has the id ``X`` and the title ``Phase X``; one customer step ``s<i>`` per
    column, in the one lane ``cust``."""
    names = sorted({ch for ch in layout if ch != "-"})
    return Blueprint(
        lanes=[Lane(id="cust", kind="customer", title="Customer")],
        phases=[Phase(id=n, title=f"Phase {n}") for n in names],
        columns=[Column(id=f"c{i}", phase=None if ch == "-" else ch) for i, ch in enumerate(layout)],
        steps=[Step(id=f"s{i}", lane="cust", column=f"c{i}", title=f"Step {i}") for i in range(len(layout))],
    )


def six_column_blueprint() -> Blueprint:
    """The five lanes, columns c1-c6 without phases, a customer step s<i> in each column
    and handoffs chaining them (h1: s1 -> s2 ... h5: s5 -> s6)."""
    return Blueprint(
        title="Six",
        lanes=standard_lanes(),
        columns=[Column(id=f"c{i}") for i in range(1, 7)],
        steps=[Step(id=f"s{i}", lane="customer", column=f"c{i}", title=f"Step {i}") for i in range(1, 7)],
        handoffs=[Handoff(id=f"h{i}", source=f"s{i}", target=f"s{i + 1}") for i in range(1, 6)],
    )


def find_blueprint() -> Blueprint:
    """:func:`hotel_blueprint` with text to find: a description on arrive, an owner on
    greet, tags on check."""
    bp = hotel_blueprint()
    steps = [
        s.model_copy(update=u)
        for s, u in zip(
            bp.steps,
            (
                {"description": "Guest arrives by taxi"},  # arrive (c1, customer)
                {"owner": "Reception"},  # greet (c1, front-stage)
                {"tags": ["guest", "system"]},  # check (c2, back-stage)
                {"title": "Enter room"},  # room  (c3, customer)
            ),
        )
    ]
    return bp.model_copy(update={"steps": steps})


def search_blueprint() -> Blueprint:
    """Five steps over two columns where "bill" is in a title, a description, an owner
    and (as "billing") a tag, and not in the fifth."""
    return Blueprint(
        lanes=standard_lanes(),
        columns=[Column(id="c1"), Column(id="c2")],
        steps=[
            Step(id="late", lane="customer", column="c2", title="Pay the Bill"),
            Step(
                id="desc",
                lane="backstage",
                column="c1",
                title="Close till",
                description="Print the bill copy",
            ),
            Step(id="own", lane="frontstage", column="c1", title="Greet", owner="Bill Evans"),
            Step(id="tag", lane="customer", column="c1", title="Order", tags=["billing"]),
            Step(id="none", lane="support", column="c1", title="Stock"),
        ],
    )


def stack_blueprint() -> Blueprint:
    """The five lanes, columns c1 and c2; in c1 a stack of three customer steps a, b, c,
    back-stage d and support e; front-stage f in c2. No handoff."""
    return Blueprint(
        title="Grid",
        lanes=standard_lanes(),
        columns=[Column(id="c1"), Column(id="c2")],
        steps=[
            Step(id="a", lane="customer", column="c1", title="A"),
            Step(id="b", lane="customer", column="c1", title="B"),
            Step(id="c", lane="customer", column="c1", title="C"),
            Step(id="d", lane="backstage", column="c1", title="D"),
            Step(id="e", lane="support", column="c1", title="E"),
            Step(id="f", lane="frontstage", column="c2", title="F"),
        ],
    )


def gap_phase_blueprint() -> Blueprint:
    """The five lanes, no steps; columns c1 (phase p1), c2 (none), c3 (phase p2), c4
    (none)."""
    return Blueprint(
        title="Phased",
        lanes=standard_lanes(),
        phases=[Phase(id="p1", title="One"), Phase(id="p2", title="Two")],
        columns=[Column(id="c1", phase="p1"), Column(id="c2"), Column(id="c3", phase="p2"), Column(id="c4")],
    )


#: The six phases of :func:`six_phase_blueprint` and the step titles of each lane.
PHASES = ("Discover", "Book", "Arrive", "Stay", "Check out", "Follow up")
LANE_TEXT = {
    "customer": "Guest {p} step {c}",
    "frontstage": "Staff {p} action {c}",
    "backstage": "Office {p} task {c}",
    "support": "System {p} {c}",
}


def six_phase_blueprint(columns_per_phase: int = 3) -> Blueprint:
    """Six phases of ``columns_per_phase`` columns, a card in four lanes of every column,
    handoffs down each column; every step title is unique."""
    lanes = standard_lanes()
    kinds = {lane.kind: lane.id for lane in lanes}
    phases = [Phase(id=f"p{i}", title=title) for i, title in enumerate(PHASES, 1)]
    columns, steps, handoffs = [], [], []
    for i, phase in enumerate(phases, 1):
        for c in range(1, columns_per_phase + 1):
            col = f"c{i}_{c}"
            columns.append(Column(id=col, phase=phase.id))
            previous = None
            for kind, text in LANE_TEXT.items():
                sid = f"s{i}_{c}_{kind}"
                steps.append(
                    Step(
                        id=sid,
                        lane=kinds[kind],
                        column=col,
                        title=text.format(p=phase.title, c=c),
                        fail_point=(kind == "backstage" and c == 2),
                    )
                )
                if previous is not None:
                    handoffs.append(Handoff(id=f"h_{sid}", source=previous, target=sid))
                previous = sid
    bp = Blueprint(
        title="Hotel stay for the wall",
        description="Six phases, tiled on A4",
        lanes=lanes,
        phases=phases,
        columns=columns,
        steps=steps,
        handoffs=handoffs,
    )
    check_references(bp)
    return bp


def text_fields_blueprint(t: dict[str, str]) -> Blueprint:
    """Every text field of a blueprint filled from ``t`` (keys ``H01`` ... ``H09``): the
    title, description, five lane titles, two phase titles, seven steps' titles,
    descriptions, owners and a tag, two handoff labels."""
    return Blueprint(
        title=t["H02"],
        description=t["H01"],
        lanes=[
            Lane(id="evidence", kind="evidence", title=t["H07"]),
            Lane(id="customer", kind="customer", title=t["H03"]),
            Lane(id="frontstage", kind="frontstage", title=t["H04"]),
            Lane(id="backstage", kind="backstage", title=t["H05"]),
            Lane(id="support", kind="support", title=t["H06"]),
        ],
        phases=[Phase(id="p1", title=t["H08"]), Phase(id="p2", title=t["H09"])],
        columns=[Column(id="c1", phase="p1"), Column(id="c2", phase="p2"), Column(id="c3")],
        steps=[
            Step(
                id="s1",
                lane="customer",
                column="c1",
                title=t["H01"],
                description=t["H02"],
                owner=t["H04"],
                tags=["H09 <b>x</b>"],
            ),
            Step(
                id="s2", lane="frontstage", column="c1", title=t["H03"], description=t["H05"], owner=t["H06"]
            ),
            Step(id="s3", lane="backstage", column="c2", title=t["H05"]),
            Step(id="s4", lane="support", column="c3", title=t["H06"]),
            Step(id="s5", lane="evidence", column="c2", title=t["H07"]),
            Step(id="s6", lane="customer", column="c3", title=t["H08"]),
            Step(id="s7", lane="backstage", column="c3", title=t["H09"]),
        ],
        handoffs=[
            Handoff(id="h1", source="s1", target="s2", label=t["H02"]),
            Handoff(id="h2", source="s2", target="s3", label=t["H09"]),
        ],
    )


def ten_texts_blueprint(t: dict[str, str]) -> Blueprint:
    """The ten values of ``t`` in a small blueprint: title, description, two lane titles,
    a phase title, two steps' titles (one with description and owner), a handoff label."""
    v = list(t.values())
    return Blueprint(
        title=v[0],
        description=v[1],
        lanes=[
            Lane(id="customer", kind="customer", title=v[2]),
            Lane(id="frontstage", kind="frontstage", title=v[3]),
        ],
        phases=[Phase(id="p", title=v[4])],
        columns=[Column(id="c1", phase="p"), Column(id="c2")],
        steps=[
            Step(id="a", lane="customer", column="c1", title=v[5], description=v[6], owner=v[7]),
            Step(id="b", lane="frontstage", column="c2", title=v[8]),
        ],
        handoffs=[Handoff(id="h", source="a", target="b", label=v[9])],
    )


def many_texts_blueprint(texts: Sequence[str]) -> Blueprint:
    """A column and a step per text of ``texts`` (at least five), each text used as a step
    title and again as another step's description, owner and tag, as lane titles, the
    phase title, the description and the handoff labels of a chain."""
    bp = new_blueprint(texts[0], columns=len(texts))
    lanes, cols = [lane.id for lane in bp.lanes], [c.id for c in bp.columns]
    steps = [
        Step(
            id=f"s{i}",
            lane=lanes[i % len(lanes)],
            column=cols[i],
            title=text,
            description=texts[-1 - i],
            owner=texts[i - 1],
            tags=[texts[i][:30]],
        )
        for i, text in enumerate(texts)
    ]
    return bp.model_copy(
        update={
            "description": texts[1],
            "lanes": [lane.model_copy(update={"title": texts[i]}) for i, lane in enumerate(bp.lanes)],
            "phases": [Phase(id="p", title=texts[2])],
            "columns": [c.model_copy(update={"phase": "p"}) for c in bp.columns],
            "steps": steps,
            "handoffs": [
                Handoff(id=f"h{i}", source=f"s{i}", target=f"s{i + 1}", label=texts[i])
                for i in range(len(texts) - 1)
            ],
        }
    )


def tall_blueprint(steps: int = 14) -> Blueprint:
    """The five lanes, one column, ``steps`` customer steps stacked in it."""
    return Blueprint(
        title="Tall",
        lanes=standard_lanes(),
        columns=[Column(id="c1")],
        steps=[Step(id=f"s{i}", lane="customer", column="c1", title=f"Step {i}") for i in range(steps)],
    )


def row_blueprint(columns: int = 30) -> Blueprint:
    """The five lanes, ``columns`` columns ``c0...``, one customer step ``s<i>`` in each."""
    return Blueprint(
        title="Wide",
        lanes=standard_lanes(),
        columns=[Column(id=f"c{i}") for i in range(columns)],
        steps=[Step(id=f"s{i}", lane="customer", column=f"c{i}", title=f"Step {i}") for i in range(columns)],
    )


def chain_blueprint(n_steps: int) -> Blueprint:
    """``n_steps`` steps ``s<i>`` over the five lanes in turn, four a column, each handing
    off to the next."""
    lanes = standard_lanes()
    columns = [Column(id=f"c{i}") for i in range(n_steps // 4)]
    steps = [
        Step(id=f"s{i}", lane=lanes[i % 5].id, column=columns[i // 4].id, title=f"Step {i}")
        for i in range(n_steps)
    ]
    handoffs = [Handoff(id=f"h{i}", source=f"s{i}", target=f"s{i + 1}") for i in range(n_steps - 1)]
    return Blueprint(title="Wide", lanes=lanes, columns=columns, steps=steps, handoffs=handoffs)


def blueprint_of(
    steps: Sequence[tuple[Any, ...]],
    handoffs: Sequence[tuple[Any, ...]] = (),
    lanes: Sequence[str | tuple[str, str]] = STANDARD_KINDS,
    columns: int | list[Column | int] = 3,
    phases: Sequence[Phase] = (),
) -> Blueprint:
    """A checked blueprint in a compact notation. ``lanes``: kinds (id = kind) or
    ``(id, kind)`` pairs. ``columns``: a number (ids ``col1...``) or the columns.
    ``steps``: ``(id, lane, column_no[, fields])``; ``handoffs``: ``(source, target[,
    two_way])`` with ids ``h1, h2 ...`` in the given order. Titles default to ``T<id>``;
    owners to "x"."""
    lane_list = [
        Lane(id=lane, kind=lane, title=lane)
        if isinstance(lane, str)
        else Lane(id=lane[0], kind=lane[1], title=lane[0])
        for lane in lanes
    ]
    cols = [
        c if isinstance(c, Column) else Column(id=f"col{c}")
        for c in (columns if isinstance(columns, list) else range(1, columns + 1))
    ]
    step_list = []
    for sid, lane, col, *rest in steps:
        fields = {"title": f"T{sid}", "owner": "x", **(rest[0] if rest else {})}
        step_list.append(Step(id=sid, lane=lane, column=f"col{col}", **fields))
    hs = [
        Handoff(id=f"h{i}", source=h[0], target=h[1], two_way=bool(h[2:] and h[2]))
        for i, h in enumerate(handoffs, 1)
    ]
    bp = Blueprint(lanes=lane_list, phases=list(phases), columns=cols, steps=step_list, handoffs=hs)
    check_references(bp)
    return bp


def write_blueprint(path: Path, blueprint: Blueprint) -> Path:
    """``blueprint`` as a file at ``path`` (plain JSON, not through the saver)."""
    path.write_text(json.dumps(blueprint.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
    return path
