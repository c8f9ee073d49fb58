"""draw.io (diagrams.net) files: export a blueprint as swimlanes, import horizontal swimlanes.

Export: one diagram; each lane is a horizontal swimlane container (title on the left), each
step a rounded vertex inside its lane at its grid position (column, place in the stack),
with its markers as styles (fail point: thick red border, wait point: dashed border,
moment of truth: bold text) and its fields kept as the vertex's data (draw.io's ``object``
properties, so a re-import keeps ids, owners and markers). Handoffs are edges (a double
arrow when two-way); the three lines are dashed lines across the diagram at the lane
boundaries they belong to.

Images are not carried (a step's image stays in the blueprint only).

Import: any draw.io file with horizontal swimlanes. Each vertex goes to the lane it sits in
(its container, or the lane band its centre lies in) and to a column by its horizontal
position (vertices whose centres are closer than half a typical card width share a
column); edges between two placed vertices become handoffs. Lane kinds come from the lane
titles. Anything that cannot be placed is listed in the import notes.
"""

from __future__ import annotations

import base64
import html
import re
import urllib.parse
import xml.etree.ElementTree as ET
import zlib
from typing import Any
from xml.sax.saxutils import quoteattr

from ..model import Blueprint, Step
from .table import ImportResult, TableError, build, lane_kind_of

CARD_W, CARD_H, GAP = 160.0, 70.0, 20.0
LANE_HEADER = 40.0
LANE_FILL = {
    "evidence": "#f5f5f5",
    "customer": "#dae8fc",
    "frontstage": "#d5e8d4",
    "backstage": "#fff2cc",
    "support": "#e1d5e7",
    "note": "#ffffff",
    "emotion": "#f8cecc",
}
LINES = {
    ("customer", "frontstage"): "line of interaction",
    ("frontstage", "backstage"): "line of visibility",
    ("backstage", "support"): "line of internal interaction",
}
#: The step fields kept as a vertex's data: all but its place, title and image.
_FIELDS = tuple(name for name in Step.model_fields if name not in ("id", "lane", "column", "title", "image"))


def _xml_safe(text: str) -> str:
    return "".join(
        ch
        if ch in "\t\n\r" or " " <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or ch > "\uffff"
        else "\ufffd"
        for ch in text
    )


def _attr(value: Any) -> str:
    return quoteattr(_xml_safe(str(value)))


def _label(text: str) -> str:
    """A vertex label as draw.io's HTML label (html=1): escaped, lines as <br>."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def to_drawio(bp: Blueprint) -> str:
    data = bp.model_dump(mode="json")
    columns = {c["id"]: i for i, c in enumerate(data["columns"])}
    stacks: dict[tuple[str, str], int] = {}
    place: dict[str, tuple[int, int]] = {}
    for s in data["steps"]:
        key = (s["lane"], s["column"])
        place[s["id"]] = (columns.get(s["column"], 0), stacks.get(key, 0))
        stacks[key] = stacks.get(key, 0) + 1
    width = LANE_HEADER + len(columns) * (CARD_W + GAP) + GAP
    cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    y = 0.0
    lane_top: dict[str, float] = {}
    kinds = []
    for lane in data["lanes"]:
        depth = max([n for (lid, _), n in stacks.items() if lid == lane["id"]] or [1])
        height = GAP + depth * (CARD_H + GAP)
        if lane["kind"] == "emotion":
            height = 2 * CARD_H
        lane_top[lane["id"]] = y
        kinds.append((lane["kind"], y))
        style = (
            f"swimlane;horizontal=0;startSize={LANE_HEADER:g};html=1;whiteSpace=wrap;"
            f"fillColor={LANE_FILL.get(lane['kind'], '#ffffff')};swimlaneFillColor=#ffffff;"
            f"bpLaneKind={lane['kind']};"
        )
        cells.append(
            f"<object id={_attr('lane-' + lane['id'])} label={_attr(_label(lane['title']))} "
            f"bp_id={_attr(lane['id'])} bp_kind={_attr(lane['kind'])}>"
            f'<mxCell style="{style}" vertex="1" parent="1">'
            f'<mxGeometry x="0" y="{y:g}" width="{width:g}" height="{height:g}" '
            f'as="geometry"/></mxCell></object>'
        )
        y += height
    for (upper, _), (lower, ly) in zip(kinds, kinds[1:]):
        name = LINES.get((upper, lower))
        if name:
            cells.append(
                f"<mxCell id={_attr('line-' + str(len(cells)))} value={_attr(name)} "
                'style="endArrow=none;dashed=1;html=1;strokeWidth=2;strokeColor=#666666;'
                'fontColor=#333333;labelBackgroundColor=#ffffff;align=left;" edge="1" '
                'parent="1"><mxGeometry relative="1" as="geometry">'
                f'<mxPoint x="0" y="{ly:g}" as="sourcePoint"/>'
                f'<mxPoint x="{width:g}" y="{ly:g}" as="targetPoint"/></mxGeometry></mxCell>'
            )
    for s in data["steps"]:
        col, level = place[s["id"]]
        x = LANE_HEADER + GAP + col * (CARD_W + GAP)
        sy = GAP + level * (CARD_H + GAP)
        style = "rounded=1;whiteSpace=wrap;html=1;fillColor=#ffffff;strokeColor=#555555;"
        if s.get("fail_point"):
            style += "strokeColor=#c62828;strokeWidth=3;"
        if s.get("wait_point"):
            style += "dashed=1;"
        if s.get("moment_of_truth"):
            style += "fontStyle=1;"
        props = " ".join(f"bp_{k}={_attr(_prop(s.get(k)))}" for k in _FIELDS if not _default(k, s.get(k)))
        column_id = data["columns"][col]["id"] if data["columns"] else ""
        cells.append(
            f"<object id={_attr('step-' + s['id'])} label={_attr(_label(s['title']))} "
            f"bp_id={_attr(s['id'])} bp_column={_attr(column_id)} {props}>"
            f'<mxCell style="{style}" vertex="1" parent={_attr("lane-" + s["lane"])}>'
            f'<mxGeometry x="{x:g}" y="{sy:g}" width="{CARD_W:g}" height="{CARD_H:g}" '
            'as="geometry"/></mxCell></object>'
        )
    for h in data["handoffs"]:
        style = "edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=classic;"
        if h.get("two_way"):
            style += "startArrow=classic;"
        cells.append(
            f"<object id={_attr('handoff-' + h['id'])} label={_attr(_label(h['label']))} "
            f'bp_id={_attr(h["id"])}><mxCell style="{style}" edge="1" parent="1" '
            f"source={_attr('step-' + h['source'])} "
            f"target={_attr('step-' + h['target'])}>"
            '<mxGeometry relative="1" as="geometry"/></mxCell></object>'
        )
    body = "\n        ".join(cells)
    return (
        '<mxfile host="blueprint-editor">\n'
        f'  <diagram id="blueprint" name={_attr(bp.title or "Blueprint")}>\n'
        '    <mxGraphModel grid="1" gridSize="10" guides="1" page="0">\n'
        f"      <root>\n        {body}\n      </root>\n"
        "    </mxGraphModel>\n  </diagram>\n</mxfile>\n"
    )


def _default(key: str, value: Any) -> bool:
    """Whether a step field is at its default (left out of the vertex's data)."""
    return value is None or value is False or value == "" or value == [] or (key == "votes" and value == 0)


def _prop(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


# ------------------------------------------------------------------ import
def _model_root(data: bytes) -> ET.Element:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise TableError(f"not a draw.io file: {exc}") from None
    model: ET.Element | None = root
    if root.tag != "mxGraphModel":
        diagram = root.find("diagram")
        if diagram is None:
            raise TableError("not a draw.io file: no diagram in it")
        model = diagram.find("mxGraphModel")
        if model is None:  # a compressed diagram: base64, raw deflate, URL-encoded
            try:
                raw = zlib.decompress(base64.b64decode((diagram.text or "").strip()), -15)
                model = ET.fromstring(urllib.parse.unquote(raw.decode("utf-8")))
            except (ValueError, zlib.error, ET.ParseError, UnicodeDecodeError) as exc:
                raise TableError(f"the diagram cannot be read: {exc}") from None
    found = model.find("root") if model is not None else None
    if found is None:
        raise TableError("not a draw.io file: the diagram has no cells")
    return found


def _text(label: str) -> str:
    """Plain text of an HTML label."""
    text = re.sub(r"<br\s*/?>|</div>|</p>", "\n", label or "", flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return "\n".join(" ".join(line.split()) for line in html.unescape(text).split("\n")).strip()


class _Cell:
    def __init__(self, cell: ET.Element, props: dict[str, str]) -> None:
        self.id = props.get("id") or cell.get("id") or ""
        self.label = _text(props.get("label", cell.get("value", "")))
        self.style = cell.get("style") or ""
        self.parent = cell.get("parent")
        self.vertex = cell.get("vertex") == "1"
        self.edge = cell.get("edge") == "1"
        self.source, self.target = cell.get("source"), cell.get("target")
        self.props = props
        g = cell.find("mxGeometry")

        def num(key: str) -> float:
            return float(g.get(key) or 0) if g is not None else 0.0

        self.x, self.y, self.w, self.h = num("x"), num("y"), num("width"), num("height")


def _cells(root: ET.Element) -> list[_Cell]:
    out = []
    for el in root:
        if el.tag == "mxCell":
            out.append(_Cell(el, {}))
        elif el.tag in ("object", "UserObject"):
            inner = el.find("mxCell")
            if inner is not None:
                out.append(_Cell(inner, dict(el.attrib)))
    return out


def from_drawio(data: bytes, name: str) -> ImportResult:
    cells = _cells(_model_root(data))
    by_id = {c.id: c for c in cells}

    def absolute(c: _Cell) -> tuple[float, float]:
        x, y, seen = c.x, c.y, set()
        p = by_id.get(c.parent or "")
        while p is not None and p.vertex and p.id not in seen:
            seen.add(p.id)
            x, y = x + p.x, y + p.y
            p = by_id.get(p.parent or "")
        return x, y

    lanes = [c for c in cells if c.vertex and "swimlane" in c.style]
    if not lanes:
        raise TableError("the diagram has no swimlanes (lanes as swimlane containers)")
    lanes.sort(key=lambda c: absolute(c)[1])
    lane_ids: dict[str, str] = {}
    notes: list[str] = []
    out: dict[str, Any] = {
        "format": "service-blueprint",
        "version": 2,
        "title": name,
        "description": "",
        "lanes": [],
        "phases": [],
        "columns": [],
        "steps": [],
        "handoffs": [],
    }
    taken: set[str] = set()

    def new_id(prefix: str, wanted: str | None) -> str:
        if wanted and re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", wanted) and wanted not in taken:
            taken.add(wanted)
            return wanted
        n = 1
        while f"{prefix}{n}" in taken:
            n += 1
        taken.add(f"{prefix}{n}")
        return f"{prefix}{n}"

    bands = []
    for lane in lanes:
        kind = lane.props.get("bp_kind") or lane_kind_of(lane.label) or "note"
        if not lane.props.get("bp_kind"):
            notes.append(f"lane {lane.label!r} taken as a {kind} lane")
        lid = new_id("lane", lane.props.get("bp_id"))
        lane_ids[lane.id] = lid
        out["lanes"].append({"id": lid, "kind": kind, "title": lane.label or lid})
        top = absolute(lane)[1]
        bands.append((top, top + lane.h, lid, kind))
    lane_cell_ids = {lane.id for lane in lanes}
    placed: list[tuple[float, float, _Cell, str]] = []
    for c in cells:
        if not c.vertex or c.id in lane_cell_ids or c.parent not in by_id and c.parent != "1":
            continue
        if c.id in ("0", "1"):
            continue
        x, y = absolute(c)
        cx, cy = x + c.w / 2, y + c.h / 2
        lane_id = lane_ids.get(c.parent or "")
        if lane_id is None:
            lane_id = next((lid for top, bottom, lid, _ in bands if top <= cy < bottom), None)
        if lane_id is None:
            notes.append(f"not placed: {c.label or c.id!r} is outside every lane")
            continue
        if not c.label and not c.props.get("bp_id"):
            notes.append(f"not placed: an empty shape ({c.id})")
            continue
        placed.append((cx, cy, c, lane_id))
    if not placed:
        raise TableError("the diagram has no shapes inside its lanes")
    kinds = {lid: kind for _, _, lid, kind in bands}
    # columns: by the exported column ids, else by clustering the centres left to right
    typical = sorted(c.w for _, _, c, _ in placed)[len(placed) // 2] or CARD_W
    placed.sort(key=lambda p: (p[0], p[1]))
    column_of: dict[str, str] = {}
    last_x: float | None = None
    current = ""
    for cx, _, c, _ in placed:
        wanted = c.props.get("bp_column")
        if wanted:
            if wanted not in {col["id"] for col in out["columns"]}:
                out["columns"].append({"id": new_id("c", wanted), "phase": None})
            column_of[c.id] = wanted
            continue
        if last_x is None or cx - last_x > typical / 2:
            current = new_id("c", None)
            out["columns"].append({"id": current, "phase": None})
        column_of[c.id] = current
        last_x = cx
    step_of: dict[str, str] = {}
    # file order: the order of the diagram's cells, with each cell's stack top to bottom
    order = {c.id: n for n, c in enumerate(cells)}
    placed.sort(key=lambda p: order[p[2].id])
    slots: dict[tuple[str, str], list[int]] = {}
    for n, (_, _, c, lane_id) in enumerate(placed):
        slots.setdefault((lane_id, column_of[c.id]), []).append(n)
    ordered = list(placed)
    for indices in slots.values():
        for n, item in zip(indices, sorted((placed[i] for i in indices), key=lambda p: p[1])):
            ordered[n] = item
    for _, _, c, lane_id in ordered:
        if kinds[lane_id] == "emotion":
            notes.append(f"not placed: {c.label!r} is in the emotion lane, which holds no steps")
            continue
        sid = new_id("s", c.props.get("bp_id"))
        step_of[c.id] = sid
        step: dict[str, Any] = {"id": sid, "lane": lane_id, "column": column_of[c.id], "title": c.label}
        for key in _FIELDS:
            if f"bp_{key}" in c.props:
                try:
                    step[key] = _field(key, c.props[f"bp_{key}"])
                except ValueError:
                    raise TableError(
                        f"shape {c.label or c.id!r}: bp_{key} {c.props[f'bp_{key}']!r} is not a number"
                    ) from None
        if "bp_fail_point" not in c.props and "strokeColor=#c62828" in c.style:
            step["fail_point"] = True
        out["steps"].append(step)
    for c in cells:
        if not c.edge or c.id.startswith("line-"):
            continue
        source, target = step_of.get(c.source or ""), step_of.get(c.target or "")
        if source is None or target is None or source == target:
            if c.source or c.target:
                notes.append(f"not placed: the arrow {c.label or c.id!r} does not join two steps")
            continue
        out["handoffs"].append(
            {
                "id": new_id("h", c.props.get("bp_id")),
                "source": source,
                "target": target,
                "label": c.label,
                "two_way": "startArrow=classic" in c.style or "startArrow=block" in c.style,
            }
        )
    return build(out, notes)


def _field(key: str, text: str) -> Any:
    if key in ("fail_point", "wait_point", "moment_of_truth", "self_service"):
        return text in ("1", "true")
    if key in ("emotion", "votes"):
        return int(text)
    if key == "duration_minutes":
        number = float(text)
        return int(number) if number.is_integer() else number
    if key == "tags":
        return [t.strip() for t in text.split(",") if t.strip()]
    return text
