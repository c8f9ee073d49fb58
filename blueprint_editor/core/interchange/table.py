"""Blueprints as tables: one row per step, read back from files made by this program or by
people. Qt-free; the CSV/TSV and XLSX readers and writers only move cells.

The table this program writes has a ``record`` column. Its rows, in order: one
``blueprint`` row (title, description), one row per lane, phase and column (so that lanes
and columns without steps and every order survive), one row per step (with its phase,
column and lane by id and title, all its fields, and its outgoing handoffs), then one row
per comment and per image. Reading it back gives the same blueprint: same ids, same content.

A table made by people has no ``record`` column: every row with a title is a step. Its
headers are matched loosely (case, spaces and punctuation ignored; common synonyms such as
"stage" for phase, "actor" for owner, "step" for title), lanes are matched by id or title
and new lanes get their kind from their title ("customer", "front", "onstage", "back",
"support", "evidence" ...), missing columns take their defaults, and everything guessed is
said in :attr:`ImportResult.notes`. A value a column cannot take is refused with the row
and column named (rows and columns counted from 1, as a spreadsheet shows them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..durations import DurationError, format_duration, parse_duration
from ..io import from_data
from ..model import BlueprintError, is_valid_id

#: The columns this program writes, in order.
COLUMNS: tuple[str, ...] = (
    "record",
    "id",
    "title",
    "phase_id",
    "phase",
    "column_id",
    "column",
    "lane_id",
    "lane_kind",
    "lane",
    "description",
    "owner",
    "duration",
    "fail_point",
    "wait_point",
    "moment_of_truth",
    "self_service",
    "emotion",
    "channel",
    "votes",
    "tags",
    "image",
    "handoffs",
    "target",
    "kind",
    "done",
    "media_type",
    "data",
)

#: Header words people use for each column (compared after :func:`_norm`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "record": ("record", "record type", "row type"),
    "id": ("id", "step id", "key"),
    "title": ("title", "step", "step title", "step name", "name", "action", "activity", "task", "text"),
    "phase_id": ("phase id", "stage id"),
    "phase": ("phase", "stage", "phase title", "phase name", "journey phase", "journey stage", "stage name"),
    "column_id": ("column id",),
    "column": (
        "column",
        "column title",
        "moment",
        "time",
        "touchpoint",
        "step number",
        "sequence",
        "order",
        "position",
    ),
    "lane_id": ("lane id", "swimlane id"),
    "lane_kind": ("lane kind", "lane type", "kind of lane", "layer"),
    "lane": ("lane", "lane title", "lane name", "swimlane", "swim lane", "row", "area"),
    "description": ("description", "details", "detail", "notes", "explanation"),
    "owner": ("owner", "actor", "responsible", "who", "role", "team", "department"),
    "duration": (
        "duration",
        "duration minutes",
        "duration min",
        "minutes",
        "how long",
        "time taken",
        "effort",
    ),
    "fail_point": ("fail point", "failpoint", "failure point", "risk"),
    "wait_point": ("wait point", "waitpoint", "wait", "delay"),
    "moment_of_truth": ("moment of truth", "mot", "key moment"),
    "self_service": ("self service", "selfservice"),
    "emotion": ("emotion", "feeling", "mood", "sentiment", "emotion score"),
    "channel": ("channel", "medium", "touchpoint channel"),
    "votes": ("votes", "dots", "dot votes", "vote count"),
    "tags": ("tags", "tag", "labels", "categories"),
    "image": ("image", "image id", "photo"),
    "handoffs": ("handoffs", "handoff", "arrows", "connections", "links", "next", "leads to"),
    "target": ("target", "comment target", "about"),
    "kind": ("kind", "comment kind"),
    "done": ("done", "closed", "resolved"),
    "media_type": ("media type", "mime type"),
    "data": ("data", "base64"),
}

#: Words in a lane's title that tell its kind, tried in this order.
LANE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("emotion", ("emotion", "feeling", "mood")),
    ("evidence", ("evidence", "physical", "props", "artifact", "artefact")),
    ("frontstage", ("front", "onstage", "on stage", "visible", "contact")),
    ("backstage", ("back", "offstage", "off stage", "invisible", "behind")),
    ("support", ("support", "system", "process", "partner", "infrastructure")),
    (
        "customer",
        (
            "customer",
            "user",
            "guest",
            "patient",
            "client",
            "citizen",
            "visitor",
            "traveller",
            "traveler",
            "buyer",
            "journey",
        ),
    ),
    ("note", ("note", "kpi", "policy", "policies", "comment", "metric")),
)

LANE_KINDS = ("evidence", "customer", "frontstage", "backstage", "support", "note", "emotion")
CHANNEL_WORDS = {
    "in person": "in-person",
    "inperson": "in-person",
    "face to face": "in-person",
    "phone": "phone",
    "telephone": "phone",
    "call": "phone",
    "email": "email",
    "e mail": "email",
    "mail": "email",
    "web": "web",
    "website": "web",
    "online": "web",
    "internet": "web",
    "app": "app",
    "mobile app": "app",
    "chat": "chat",
    "sms": "sms",
    "text message": "sms",
    "letter": "letter",
    "post": "letter",
    "kiosk": "kiosk",
    "video": "video",
    "video call": "video",
    "social": "social",
    "social media": "social",
}
_TRUE = {"true", "yes", "y", "1", "x", "✓", "✔", "ja", "oui", "wahr"}
_FALSE = {"false", "no", "n", "0", "", "-", "nein", "non", "falsch"}
_BOOLEAN_FIELDS = ("fail_point", "wait_point", "moment_of_truth", "self_service")
_HANDOFF = re.compile(
    r"^\s*(?:(?P<id>[A-Za-z0-9_.-]{1,64})\s*:\s*)?(?P<arrow><->|->)\s*"
    r"(?P<target>[^:]+?)\s*(?::\s*(?P<label>.*))?$"
)


class TableError(BlueprintError):
    """A table that cannot become a blueprint; the message names the row and column."""


@dataclass
class ImportResult:
    blueprint: Any  # core.model.Blueprint
    notes: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def column_name(index: int) -> str:
    """Spreadsheet letters of a 0-based column index (0 -> A, 26 -> AA)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def match_headers(header: Sequence[str]) -> dict[str, int]:
    """Which cell of the header row holds each known column (exact names first)."""
    found: dict[str, int] = {}
    normed = [_norm(h) for h in header]
    for name in COLUMNS:
        want = _norm(name.replace("_", " "))
        if want in normed and name not in found:
            found[name] = normed.index(want)
    for name, words in SYNONYMS.items():
        if name in found:
            continue
        for i, text in enumerate(normed):
            if text in words and i not in found.values():
                found[name] = i
                break
    return found


def lane_kind_of(title: str) -> str | None:
    text = _norm(title)
    if text in LANE_KINDS:
        return text
    for kind, words in LANE_WORDS:
        if any(re.search(rf"\b{re.escape(w)}", text) for w in words):
            return kind
    return None


# ------------------------------------------------------------------ writing
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _handoff_text(h: dict[str, Any]) -> str:
    arrow = "<->" if h.get("two_way") else "->"
    label = h.get("label") or ""
    return f"{h['id']}: {arrow} {h['target']}" + (f": {label}" if label else "")


def to_rows(data: dict[str, Any]) -> list[list[str]]:
    """The table of a blueprint (as plain data): the header row, then the records."""
    rows: list[list[str]] = [list(COLUMNS)]

    def row(**cells: Any) -> None:
        rows.append([_cell(cells.get(name)) for name in COLUMNS])

    phases = {p["id"]: p for p in data.get("phases", [])}
    columns = {c["id"]: c for c in data.get("columns", [])}
    lanes = {lane["id"]: lane for lane in data.get("lanes", [])}
    row(record="blueprint", title=data.get("title", ""), description=data.get("description", ""))
    for lane in lanes.values():
        row(record="lane", lane_id=lane["id"], lane_kind=lane["kind"], lane=lane["title"])
    for phase in phases.values():
        row(record="phase", phase_id=phase["id"], phase=phase["title"])
    for col in columns.values():
        phase = phases.get(col.get("phase") or "")
        row(
            record="column",
            column_id=col["id"],
            column=col.get("title", ""),
            phase_id=col.get("phase"),
            phase=phase["title"] if phase else None,
        )
    outgoing: dict[str, list[str]] = {}
    for h in data.get("handoffs", []):
        outgoing.setdefault(h["source"], []).append(_handoff_text(h))
    for s in data.get("steps", []):
        col = columns.get(s["column"], {})
        phase = phases.get(col.get("phase") or "")
        lane = lanes.get(s["lane"], {})
        row(
            record="step",
            id=s["id"],
            title=s["title"],
            phase_id=col.get("phase"),
            phase=phase["title"] if phase else None,
            column_id=s["column"],
            column=col.get("title", ""),
            lane_id=s["lane"],
            lane_kind=lane.get("kind"),
            lane=lane.get("title"),
            description=s.get("description", ""),
            owner=s.get("owner", ""),
            duration=format_duration(s.get("duration_minutes")),
            fail_point=s.get("fail_point"),
            wait_point=s.get("wait_point"),
            moment_of_truth=s.get("moment_of_truth"),
            self_service=s.get("self_service"),
            emotion=s.get("emotion"),
            channel=s.get("channel"),
            votes=s.get("votes") or None,
            tags=s.get("tags") or None,
            image=s.get("image"),
            handoffs="\n".join(outgoing.get(s["id"], [])),
        )
    for c in data.get("comments", []):
        row(
            record="comment",
            id=c["id"],
            target=c.get("target"),
            kind=c["kind"],
            description=c["text"],
            owner=c.get("owner", ""),
            done=c.get("done", False),
        )
    for image in data.get("images", []):
        row(record="image", id=image["id"], media_type=image["media_type"], data=image["data"])
    return rows


# ------------------------------------------------------------------ reading
class _Reader:
    """Turns rows of cells into the plain data of a blueprint."""

    def __init__(self, rows: list[list[str]], header_at: int, cols: dict[str, int], name: str) -> None:
        self.rows, self.header_at, self.cols, self.name = rows, header_at, cols, name
        self.notes: list[str] = []
        self.data: dict[str, Any] = {
            "format": "service-blueprint",
            "version": 2,
            "title": name,
            "description": "",
            "lanes": [],
            "phases": [],
            "columns": [],
            "steps": [],
            "handoffs": [],
            "comments": [],
            "images": [],
        }
        self.taken: set[str] = set()
        self.lanes: dict[str, dict[str, Any]] = {}
        self.lane_titles: dict[str, str] = {}
        self.phases: dict[str, dict[str, Any]] = {}
        self.phase_titles: dict[str, str] = {}
        self.columns: dict[str, dict[str, Any]] = {}
        self.column_keys: dict[tuple[object, ...], str] = {}
        self.pending_handoffs: list[tuple[int, str, str]] = []

    # -- cells
    def get(self, r: int, name: str) -> str:
        i = self.cols.get(name)
        row = self.rows[r]
        if i is None or i >= len(row):
            return ""
        return row[i].strip()

    def fail(self, r: int, name: str, message: str) -> TableError:
        i = self.cols.get(name)
        where = f"row {r + 1}" + (f", column {column_name(i)} ({name})" if i is not None else "")
        return TableError(f"{where}: {message}")

    def new_id(self, prefix: str, wanted: str = "") -> str:
        if wanted and is_valid_id(wanted) and wanted not in self.taken:
            self.taken.add(wanted)
            return wanted
        n = 1
        while f"{prefix}{n}" in self.taken:
            n += 1
        self.taken.add(f"{prefix}{n}")
        return f"{prefix}{n}"

    # -- typed values
    def boolean(self, r: int, name: str) -> bool:
        text = self.get(r, name).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise self.fail(r, name, f"{text!r} is not yes or no")

    def whole(self, r: int, name: str, low: int, high: int) -> int | None:
        text = self.get(r, name)
        if not text:
            return None
        try:
            number = float(text.replace("+", ""))
        except ValueError:
            raise self.fail(r, name, f"{text!r} is not a number") from None
        if number != int(number) or not low <= number <= high:
            raise self.fail(r, name, f"{text!r} is not a whole number from {low} to {high}")
        return int(number)

    # -- elements
    def lane(self, r: int, lane_id: str, title: str, kind: str) -> str:
        if lane_id and lane_id in self.lanes:
            return lane_id
        key = _norm(title)
        if not lane_id and key in self.lane_titles:
            return self.lane_titles[key]
        if kind and kind not in LANE_KINDS:
            raise self.fail(r, "lane_kind", f"{kind!r} is not a lane kind ({', '.join(LANE_KINDS)})")
        if not title and not lane_id:
            title, kind = "Customer actions", kind or "customer"
            key = _norm(title)
            if key in self.lane_titles:
                return self.lane_titles[key]
            self.notes.append(f"row {r + 1}: no lane given: put in 'Customer actions'")
        if not kind:
            kind = lane_kind_of(title) or ""
            if not kind:
                kind = "note"
                self.notes.append(
                    f"row {r + 1}: lane {title!r} has no known kind: taken as "
                    "a note lane (change its kind in the inspector)"
                )
            elif self.header_at >= 0 and "record" not in self.cols:
                self.notes.append(f"lane {title!r} taken as a {kind} lane")
        lid = self.new_id("lane", lane_id)
        lane = {"id": lid, "kind": kind, "title": title or lid}
        self.lanes[lid] = lane
        self.lane_titles.setdefault(_norm(lane["title"]), lid)
        self.data["lanes"].append(lane)
        return lid

    def phase(self, phase_id: str, title: str) -> str | None:
        if not phase_id and not title:
            return None
        if phase_id in self.phases:
            return phase_id
        key = _norm(title)
        if not phase_id and key in self.phase_titles:
            return self.phase_titles[key]
        pid = self.new_id("phase", phase_id)
        phase = {"id": pid, "title": title}
        self.phases[pid] = phase
        self.phase_titles.setdefault(key, pid)
        self.data["phases"].append(phase)
        return pid

    def column(self, r: int, column_id: str, title: str, phase: str | None) -> str:
        if column_id and column_id in self.columns:
            return column_id
        if column_id:
            key: tuple[object, ...] = ("id", column_id)
        elif title:
            key = ("title", phase, _norm(title))
        else:
            key = ("row", r)
        if key in self.column_keys:
            return self.column_keys[key]
        cid = self.new_id("c", column_id)
        number = re.fullmatch(r"\d+", title or "")
        col = {
            "id": cid,
            "phase": phase,
            "title": "" if number else title,
            "_order": int(title) if number else None,
        }
        self.columns[cid] = col
        self.column_keys[key] = cid
        self.data["columns"].append(col)
        return cid

    def step(self, r: int) -> None:
        title = self.get(r, "title")
        if not title and not self.get(r, "id"):
            return
        phase = self.phase(self.get(r, "phase_id"), self.get(r, "phase"))
        col = self.column(r, self.get(r, "column_id"), self.get(r, "column"), phase)
        lane = self.lane(r, self.get(r, "lane_id"), self.get(r, "lane"), self.get(r, "lane_kind").lower())
        sid = self.new_id("s", self.get(r, "id"))
        step: dict[str, Any] = {
            "id": sid,
            "lane": lane,
            "column": col,
            "title": title,
            "description": self.get(r, "description"),
            "owner": self.get(r, "owner"),
        }
        text = self.get(r, "duration")
        try:
            step["duration_minutes"] = parse_duration(text) if text else None
        except DurationError as exc:
            raise self.fail(r, "duration", str(exc)) from None
        for name in _BOOLEAN_FIELDS:
            step[name] = self.boolean(r, name)
        step["emotion"] = self.whole(r, "emotion", -2, 2)
        step["tags"] = [t.strip() for t in re.split(r"[,;]", self.get(r, "tags")) if t.strip()]
        channel = self.get(r, "channel")
        if channel:
            step["channel"] = CHANNEL_WORDS.get(_norm(channel), channel.lower())
            if step["channel"] not in CHANNEL_WORDS.values():
                raise self.fail(
                    r,
                    "channel",
                    f"{channel!r} is not a channel ({', '.join(sorted(set(CHANNEL_WORDS.values())))})",
                )
        votes = self.whole(r, "votes", 0, 999)
        if votes:
            step["votes"] = votes
        if self.get(r, "image"):
            step["image"] = self.get(r, "image")
        self.data["steps"].append(step)
        for line in self.get(r, "handoffs").splitlines():
            if line.strip():
                self.pending_handoffs.append((r, sid, line))

    def handoffs(self) -> None:
        by_title: dict[str, str] = {}
        ids = {s["id"] for s in self.data["steps"]}
        for s in self.data["steps"]:
            by_title.setdefault(_norm(s["title"]), s["id"])
        for r, source, line in self.pending_handoffs:
            match = _HANDOFF.match(line)
            text = match.group("target").strip() if match else line.strip()
            target = text if text in ids else by_title.get(_norm(text))
            if target is None:
                raise self.fail(r, "handoffs", f"{line.strip()!r}: no step with that id or title")
            if target == source:
                raise self.fail(r, "handoffs", f"{line.strip()!r}: a step cannot hand off to itself")
            hid = self.new_id("h", match.group("id") or "" if match else "")
            self.data["handoffs"].append(
                {
                    "id": hid,
                    "source": source,
                    "target": target,
                    "label": (match.group("label") or "").strip() if match else "",
                    "two_way": bool(match and match.group("arrow") == "<->"),
                }
            )

    def record(self, r: int, kind: str) -> None:
        if kind == "blueprint":
            self.data["title"] = self.get(r, "title")
            self.data["description"] = self.get(r, "description")
        elif kind == "lane":
            self.lane(r, self.get(r, "lane_id"), self.get(r, "lane"), self.get(r, "lane_kind").lower())
        elif kind == "phase":
            self.phase(self.get(r, "phase_id"), self.get(r, "phase"))
        elif kind == "column":
            phase = self.phase(self.get(r, "phase_id"), self.get(r, "phase"))
            cid = self.column(r, self.get(r, "column_id"), "", phase)
            self.columns[cid]["title"] = self.get(r, "column")
        elif kind == "step":
            self.step(r)
        elif kind == "comment":
            self.data["comments"].append(
                {
                    "id": self.new_id("q", self.get(r, "id")),
                    "target": self.get(r, "target") or None,
                    "kind": self.get(r, "kind") or "note",
                    "text": self.get(r, "description"),
                    "owner": self.get(r, "owner"),
                    "done": self.boolean(r, "done"),
                }
            )
        elif kind == "image":
            self.data["images"].append(
                {
                    "id": self.new_id("img", self.get(r, "id")),
                    "media_type": self.get(r, "media_type"),
                    "data": self.get(r, "data"),
                }
            )
        elif kind:
            raise self.fail(
                r,
                "record",
                f"{kind!r} is not a record kind (blueprint, lane, phase, column, step, comment, image)",
            )

    def finish(self) -> dict[str, Any]:
        cols = self.data["columns"]
        if cols and all(c["_order"] is not None for c in cols):  # numbered columns
            cols.sort(key=lambda c: c["_order"])
        for c in cols:
            del c["_order"]
        # a phase is one run of columns: columns of a phase seen again later join its run
        if self._split(cols):
            rank = {p: i for i, p in enumerate(dict.fromkeys(c["phase"] for c in cols))}
            cols.sort(key=lambda c: rank[c["phase"]])
            self.notes.append(
                "the columns of each phase were put side by side (a phase is one run of columns)"
            )
        self.handoffs()
        for key in ("comments", "images"):
            if not self.data[key]:
                del self.data[key]
        return self.data

    @staticmethod
    def _split(cols: list[dict[str, Any]]) -> bool:
        seen: set[object] = set()
        last = object()
        for c in cols:
            p = c["phase"]
            if p != last and p is not None and p in seen:
                return True
            seen.add(p)
            last = p
        return False


def as_table(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """The cells of ``rows`` as text, without empty rows (at least one row)."""
    table = [[_text(v) for v in row] for row in rows]
    return [row for row in table if any(cell.strip() for cell in row)] or [[]]


def from_rows(
    rows: Iterable[Sequence[Any]],
    name: str = "Imported blueprint",
    columns: dict[str, int] | None = None,
) -> ImportResult:
    """A blueprint from the rows of a table (see the module docstring). The grid layout
    (rows are lanes) is recognised by :func:`.grid.looks_like_grid` first. ``columns``
    (field -> index of the header's cell, as :func:`match_headers` gives) replaces the
    header matching, and the table is then read as one row per step."""
    from .grid import from_grid, looks_like_grid

    table = as_table(rows)
    if columns is None and looks_like_grid(table):
        return from_grid(table, name)
    cols = match_headers(table[0]) if columns is None else dict(columns)
    if "title" not in cols and "record" not in cols:
        raise TableError(
            "row 1: no column of step titles found (a header such as 'title', "
            "'step' or 'action'), and the table is not a grid of lanes"
        )
    reader = _Reader(table, 0, cols, name)
    if "record" not in cols:
        unknown = [h for i, h in enumerate(table[0]) if h.strip() and i not in cols.values()]
        if unknown:
            reader.notes.append("columns not used: " + ", ".join(repr(u) for u in unknown))
        if "column" not in cols and "column_id" not in cols:
            reader.notes.append(
                "no column of columns (such as 'column' or 'moment'): each "
                "step has a column of its own, in row order"
            )
    for r in range(1, len(table)):
        if "record" in cols:
            reader.record(r, reader.get(r, "record").lower())
        else:
            reader.step(r)
    return build(reader.finish(), reader.notes)


def build(data: dict[str, Any], notes: list[str]) -> ImportResult:
    """Load the data as a blueprint (every check of the file format applies)."""
    if not data["steps"] and not data["lanes"]:
        raise TableError("the table holds no steps")
    return ImportResult(from_data(data), notes)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
