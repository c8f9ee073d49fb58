"""Import and export of spreadsheets, draw.io, Mermaid and Markdown."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blueprint_editor.core.interchange import TableError, export_bytes, export_path, import_path
from blueprint_editor.core.io import dumps, load_path
from blueprint_editor.core.validate import validate
from blueprint_editor.resources import resource

EXAMPLES = sorted(resource("examples").glob("*.blueprint"))


def canonical(bp) -> dict:
    """The blueprint's content; handoffs in the order the table lists them (by source step:
    the order of arrows has no meaning)."""
    data = bp.model_dump(mode="json")
    order = {s["id"]: i for i, s in enumerate(data["steps"])}
    data["handoffs"].sort(key=lambda h: order[h["source"]])
    return data


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".xlsx"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_table_round_trip_gives_the_same_blueprint(example, suffix, tmp_path):
    bp = load_path(example)
    out = tmp_path / f"export{suffix}"
    export_path(bp, out)
    result = import_path(out)
    assert canonical(result.blueprint) == canonical(bp)
    assert result.notes == []  # nothing guessed: every element carries its ids


def test_the_csv_has_one_row_per_step_with_its_lane_and_handoffs():
    bp = load_path(resource("examples", "hotel-stay.blueprint"))
    rows = list(csv.DictReader(io.StringIO(export_bytes(bp, ".csv").decode("utf-8"))))
    steps = [r for r in rows if r["record"] == "step"]
    assert [r["id"] for r in steps] == [s.id for s in bp.steps]
    first = steps[0]
    lane = next(lane for lane in bp.lanes if lane.id == first["lane_id"])
    assert (first["lane_kind"], first["lane"]) == (lane.kind, lane.title)
    outgoing = [h for h in bp.handoffs if h.source == bp.steps[1].id]
    assert steps[1]["handoffs"].splitlines() == [
        f"{h.id}: {'<->' if h.two_way else '->'} {h.target}" + (f": {h.label}" if h.label else "")
        for h in outgoing
    ]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_made_by_people_is_read_with_loose_headers(tmp_path):
    path = write(
        tmp_path,
        "workshop.csv",
        "Stage;Step title;Actor;Swim lane;How long;Fail point;Next\n"
        "Arrive;Park the car;;Guest;5 min;;Greet the guest\n"
        "Arrive;Greet the guest;Doorman;Onstage staff;2;yes;Call housekeeping\n"
        "Stay;Call housekeeping;Reception;Back office;1 h 30 min;no;\n"
        "Stay;Room system updated;;IT systems;;;\n",
    )
    result = import_path(path)
    bp = result.blueprint
    assert [p.title for p in bp.phases] == ["Arrive", "Stay"]
    assert [(lane.title, lane.kind) for lane in bp.lanes] == [
        ("Guest", "customer"),
        ("Onstage staff", "frontstage"),
        ("Back office", "backstage"),
        ("IT systems", "support"),
    ]
    by_title = {s.title: s for s in bp.steps}
    assert by_title["Greet the guest"].owner == "Doorman"
    assert by_title["Greet the guest"].fail_point is True
    assert by_title["Call housekeeping"].duration_minutes == 90
    assert [(h.source, h.target) for h in bp.handoffs] == [
        (by_title["Park the car"].id, by_title["Greet the guest"].id),
        (by_title["Greet the guest"].id, by_title["Call housekeeping"].id),
    ]
    assert any("taken as a customer lane" in n for n in result.notes)
    assert any("each step has a column of its own" in n for n in result.notes)


def test_numbered_columns_are_ordered_and_shared(tmp_path):
    path = write(tmp_path, "n.csv", "column,lane,title\n2,customer,B\n1,customer,A\n1,front stage,A2\n")
    bp = import_path(path).blueprint
    assert len(bp.columns) == 2
    first = bp.columns[0].id
    assert {s.title for s in bp.steps if s.column == first} == {"A", "A2"}


def test_the_grid_layout_is_recognised_without_mapping(tmp_path):
    path = write(
        tmp_path,
        "grid.csv",
        "Phase,Arrival,,Stay\n"
        ",Door,Desk,Room\n"
        "Physical evidence,Sign,Key card,\n"
        'Customer actions,Park,Check in,"Sleep\nOrder breakfast"\n'
        "Front-stage actions,,Greet,\n"
        "Back-stage actions,,Assign room,Cook\n"
        "Support processes,,PMS,\n",
    )
    result = import_path(path)
    bp = result.blueprint
    assert [lane.kind for lane in bp.lanes] == ["evidence", "customer", "frontstage", "backstage", "support"]
    assert [p.title for p in bp.phases] == ["Arrival", "Stay"]
    assert [(c.title, c.phase) for c in bp.columns] == [
        ("Door", bp.phases[0].id),
        ("Desk", bp.phases[0].id),
        ("Room", bp.phases[1].id),
    ]
    stack = [s.title for s in bp.steps if s.column == bp.columns[2].id and s.lane == bp.lanes[1].id]
    assert stack == ["Sleep", "Order breakfast"]
    assert len(bp.steps) == 10
    assert result.notes[0].startswith("read as a grid")


@pytest.mark.parametrize(
    "text, message",
    [
        ("title,emotion\nA,9\n", "row 2, column B (emotion): '9' is not a whole number"),
        ("title,duration\nA,2 dayz\n", "row 2, column B (duration)"),
        ("title,fail point\nA,maybe\n", "row 2, column B (fail_point): 'maybe' is not yes or no"),
        (
            "title,channel\nA,pigeon\n",
            "row 2, column B (channel): 'Pigeon' is not a channel"
            if False
            else "row 2, column B (channel): 'pigeon' is not a channel",
        ),
        ("title,next\nA,Nowhere\n", "row 2, column B (handoffs): 'Nowhere': no step"),
        ("owner,lane\nX,customer\n", "row 1: no column of step titles"),
        ("title,lane kind\nA,sideways\n", "row 2, column B (lane_kind): 'sideways' is not a lane"),
    ],
)
def test_bad_values_are_refused_by_row_and_column(tmp_path, text, message):
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(TableError) as caught:
        import_path(path)
    assert message in str(caught.value)


def test_xlsx_cells_of_other_types_and_formula_like_text(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "Votes", "Self service", "Lane"])
    sheet.append(["First", 3, True, "customer"])
    sheet.append(["Second", 2.0, False, "customer"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    bp = import_path(path).blueprint
    assert [(s.title, s.votes, s.self_service) for s in bp.steps] == [
        ("First", 3, True),
        ("Second", 2, False),
    ]
    # what we write keeps a title that looks like a formula as text
    steps = list(bp.steps)
    steps[0] = steps[0].model_copy(update={"title": "=Not a formula"})
    out = tmp_path / "again.xlsx"
    export_path(bp.model_copy(update={"steps": steps}), out)
    assert [s.title for s in import_path(out).blueprint.steps] == ["=Not a formula", "Second"]


def test_not_a_workbook_is_one_clear_error(tmp_path):
    path = write(tmp_path, "fake.xlsx", "not a zip")
    with pytest.raises(TableError, match="not a readable XLSX workbook"):
        import_path(path)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_drawio_export_is_swimlanes_with_steps_inside_and_reimports(example, tmp_path):
    bp = load_path(example)
    out = tmp_path / "x.drawio"
    export_path(bp, out)
    root = ET.parse(out).getroot().find("diagram/mxGraphModel/root")
    cells = {}
    for el in root:
        cell = el if el.tag == "mxCell" else el.find("mxCell")
        cells[el.get("id")] = (el, cell)
    lanes = [k for k, (_, c) in cells.items() if "swimlane" in (c.get("style") or "")]
    steps = [k for k in cells if k.startswith("step-")]
    edges = [k for k in cells if k.startswith("handoff-")]
    lines = [k for k in cells if k.startswith("line-")]
    assert len(lanes) == len(bp.lanes) and len(steps) == len(bp.steps)
    assert len(edges) == len(bp.handoffs)
    pairs = {("customer", "frontstage"), ("frontstage", "backstage"), ("backstage", "support")}
    kinds = [lane.kind for lane in bp.lanes]
    assert len(lines) == sum((a, b) in pairs for a, b in zip(kinds, kinds[1:])) >= 2
    for sid in steps:
        _, cell = cells[sid]
        lane_el, lane_cell = cells[cell.get("parent")]
        g, lg = cell.find("mxGeometry"), lane_cell.find("mxGeometry")
        # inside its lane (geometry is relative to the container)
        assert float(g.get("x")) >= 0 and float(g.get("x")) + float(g.get("width")) <= float(lg.get("width"))
        assert float(g.get("y")) >= 0 and float(g.get("y")) + float(g.get("height")) <= float(
            lg.get("height")
        )
    again = import_path(out)
    # draw.io carries no images: the steps come back without them
    no_image = [dict(s, image=None) for s in canonical(bp)["steps"]]
    assert canonical(again.blueprint)["steps"] == no_image
    assert {(h.source, h.target, h.label, h.two_way) for h in again.blueprint.handoffs} == {
        (h.source, h.target, h.label, h.two_way) for h in bp.handoffs
    }


def test_a_drawio_file_made_in_drawio_is_placed_by_geometry(tmp_path):
    xml = """<mxfile><diagram name="Page-1"><mxGraphModel><root>
      <mxCell id="0"/><mxCell id="1" parent="0"/>
      <mxCell id="L1" value="Customer" style="swimlane;horizontal=0;" vertex="1" parent="1">
        <mxGeometry y="0" width="800" height="120" as="geometry"/></mxCell>
      <mxCell id="L2" value="Front stage" style="swimlane;horizontal=0;" vertex="1" parent="1">
        <mxGeometry y="120" width="800" height="120" as="geometry"/></mxCell>
      <mxCell id="a" value="Walk in" style="rounded=1;" vertex="1" parent="L1">
        <mxGeometry x="60" y="20" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="b" value="Say &lt;b&gt;hello&lt;/b&gt;" style="rounded=1;html=1;" vertex="1" parent="1">
        <mxGeometry x="70" y="150" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="c" value="Pay" style="rounded=1;" vertex="1" parent="L1">
        <mxGeometry x="400" y="20" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="z" value="Loose" style="rounded=1;" vertex="1" parent="1">
        <mxGeometry x="70" y="500" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="e1" value="" style="" edge="1" parent="1" source="a" target="b">
        <mxGeometry relative="1" as="geometry"/></mxCell>
      <mxCell id="e2" value="" style="" edge="1" parent="1" source="a" target="z">
        <mxGeometry relative="1" as="geometry"/></mxCell>
    </root></mxGraphModel></diagram></mxfile>"""
    path = write(tmp_path, "hand.drawio", xml)
    result = import_path(path)
    bp = result.blueprint
    steps = {s.title: s for s in bp.steps}
    assert set(steps) == {"Walk in", "Say hello", "Pay"}
    assert steps["Walk in"].column == steps["Say hello"].column != steps["Pay"].column
    assert [lane.kind for lane in bp.lanes] == ["customer", "frontstage"]
    assert steps["Say hello"].lane == bp.lanes[1].id
    assert len(bp.handoffs) == 1
    assert any("Loose" in n and "outside every lane" in n for n in result.notes)
    assert any("does not join two steps" in n for n in result.notes)


def test_mermaid_flowchart_and_journey():
    bp = load_path(resource("examples", "hotel-stay.blueprint"))
    text = export_bytes(bp, ".mmd").decode("utf-8")
    assert "flowchart TB" in text
    assert text.count("  subgraph ") == len(bp.lanes)
    for h in bp.handoffs:
        assert f"s_{h.source.replace('-', '_')} " in text
    assert "journey" in text
    customer = {lane.id for lane in bp.lanes if lane.kind == "customer"}
    felt = [s for s in bp.steps if s.lane in customer and s.emotion is not None]
    for s in felt:
        assert f": {s.emotion + 3}: " in text


def test_markdown_report_content():
    bp = load_path(resource("examples", "hotel-stay.blueprint"))
    text = export_bytes(bp, ".md").decode("utf-8")
    assert text.startswith(f"# {bp.title}\n")
    for phase in bp.phases:
        assert f"## {phase.title}" in text
    for step in bp.steps:
        assert step.title.replace("*", "\\*") in text
    assert "Customer-visible time" in text and "## Checks" in text
    for f in validate(bp):
        assert f"`{f.code}`" in text
    for c in bp.comments:
        assert c.text.split()[0] in text


def test_a_failed_import_writes_nothing(tmp_path):
    from blueprint_editor.cli import main

    bad = write(tmp_path, "bad.csv", "title,votes\nA,lots\n")
    out = tmp_path / "out.blueprint"
    assert main(["import", str(bad), "-o", str(out)]) == 2
    assert not out.exists()
    good = write(tmp_path, "good.csv", "title,lane\nA,customer\n")
    assert main(["import", str(good), "-o", str(out)]) == 0
    assert load_path(out).steps[0].title == "A"
    for suffix in (".csv", ".xlsx", ".drawio", ".mmd", ".md"):
        target = tmp_path / f"again{suffix}"
        assert main(["export", str(out), "-o", str(target)]) == 0 and target.stat().st_size
    assert json.loads(dumps(load_path(out)))["version"] == 2
