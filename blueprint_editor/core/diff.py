"""What changed between two blueprints, element by element. Qt-free.

A diff compares two blueprints by element id, never by position, so that renaming a step,
moving it to another cell and adding a column next to it read as exactly those three
changes. For every collection of the file format (lanes, phases, columns, steps, handoffs
and, from version 2, comments) an element is

- ``added`` or ``removed``: its id is in only one of the two blueprints;
- ``moved``: a step that sits in another lane or column, or in another place of its cell's
  stack; a lane, phase or column that stands in another place of its list. Places are
  compared by the order of the elements both blueprints share (a longest increasing
  subsequence), so adding one column does not report every later column as moved;
- ``changed``: any other field differs (each field with its old and new value).

The blueprint's own fields (title, description) are reported as ``changed`` with the
collection ``blueprint``. The findings of the validator that appeared or went away are
listed too, matched by code and the elements they concern.

Cost: linear in the size of the two blueprints, plus ``n log n`` for the order checks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .gc_pause import gc_paused
from .model import Blueprint
from .validate import Finding, validate

#: The collections compared, in the order a diff lists them.
COLLECTIONS: tuple[str, ...] = ("lanes", "phases", "columns", "steps", "handoffs", "comments")

#: Collections whose list order is a place the reader sees (lane rows, column order).
_ORDERED = frozenset({"lanes", "phases", "columns"})

#: Singular names for messages.
SINGULAR = {
    "lanes": "lane",
    "phases": "phase",
    "columns": "column",
    "steps": "step",
    "handoffs": "handoff",
    "comments": "comment",
    "images": "image",
    "blueprint": "blueprint",
}

_BLUEPRINT_FIELDS = ("title", "description")


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    """One change of one element. ``kind`` is added, removed, moved or changed."""

    kind: str
    collection: str
    id: str
    title: str = ""
    fields: tuple[FieldChange, ...] = ()
    #: For ``moved``: where it was and where it is, as readable words.
    before: str = ""
    after: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "collection": self.collection,
            "id": self.id,
            "title": self.title,
        }
        if self.fields:
            out["fields"] = [{"name": f.name, "old": f.old, "new": f.new} for f in self.fields]
        if self.kind == "moved":
            out["from"] = self.before
            out["to"] = self.after
        return out


@dataclass
class Diff:
    changes: list[Change] = field(default_factory=list)
    findings_added: list[Finding] = field(default_factory=list)
    findings_removed: list[Finding] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.changes or self.findings_added or self.findings_removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "same": self.same,
            "changes": [c.to_json() for c in self.changes],
            "findings": {
                "appeared": [f.to_json() for f in self.findings_added],
                "went_away": [f.to_json() for f in self.findings_removed],
            },
        }

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "removed": 0, "moved": 0, "changed": 0}
        for change in self.changes:
            out[change.kind] += 1
        return out


def as_data(bp: Blueprint) -> dict[str, Any]:
    """The blueprint as plain JSON data (the saved file's content)."""
    return bp.model_dump(mode="json")


def rows(data: dict[str, Any], collection: str) -> list[dict[str, Any]]:
    value = data.get(collection)
    return value if isinstance(value, list) else []


def title_of(collection: str, element: dict[str, Any]) -> str:
    """A short readable name of an element (its title, text or label)."""
    for key in ("title", "text", "label"):
        value = element.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def stable_positions(old_ids: Sequence[str], new_ids: Sequence[str]) -> set[str]:
    """Ids present in both sequences whose relative order is kept: a longest increasing
    subsequence of the new order measured in old positions (O(n log n)). The ids of both
    sequences that are not returned changed place."""
    old_pos = {i: n for n, i in enumerate(old_ids)}
    seq = [(old_pos[i], i) for i in new_ids if i in old_pos]
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_at: list[int] = []  # index in seq of that tail
    back: list[int] = [-1] * len(seq)
    for k, (pos, _) in enumerate(seq):
        j = bisect_left(tails, pos)
        if j == len(tails):
            tails.append(pos)
            tail_at.append(k)
        else:
            tails[j] = pos
            tail_at[j] = k
        back[k] = tail_at[j - 1] if j else -1
    keep: set[str] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(seq[k][1])
        k = back[k]
    return keep


def _finding_key(f: Finding) -> tuple[object, ...]:
    return (f.code, f.steps, f.handoffs, f.columns)


def _place_names(data: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    lanes = {lane["id"]: lane["title"] or lane["id"] for lane in rows(data, "lanes")}
    columns = {}
    for n, col in enumerate(rows(data, "columns"), 1):
        title = col.get("title") or ""
        columns[col["id"]] = f"column {n}" + (f" ({title})" if title else "")
    return lanes, columns


def _cells(steps: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    cells: dict[tuple[str, str], list[str]] = {}
    for step in steps:
        cells.setdefault((step["lane"], step["column"]), []).append(step["id"])
    return cells


def diff_data(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The element changes between two blueprints given as plain data."""
    changes: list[Change] = []
    fields = [FieldChange(k, old.get(k), new.get(k)) for k in _BLUEPRINT_FIELDS if old.get(k) != new.get(k)]
    if fields:
        changes.append(Change("changed", "blueprint", "", new.get("title", ""), tuple(fields)))
    old_lanes, old_cols = _place_names(old)
    new_lanes, new_cols = _place_names(new)
    for collection in COLLECTIONS:
        before = {e["id"]: e for e in rows(old, collection)}
        after = {e["id"]: e for e in rows(new, collection)}
        moved: set[str] = set()
        if collection in _ORDERED:
            old_ids = [i for i in before if i in after]
            new_ids = [i for i in after if i in before]
            moved = set(new_ids) - stable_positions(old_ids, new_ids)
        elif collection == "steps":
            old_cells = _cells(before.values())
            new_cells = _cells(after.values())
            for cell, ids in new_cells.items():
                kept = [
                    i
                    for i in old_cells.get(cell, [])
                    if i in after and (after[i]["lane"], after[i]["column"]) == cell
                ]
                here = [i for i in ids if i in before and (before[i]["lane"], before[i]["column"]) == cell]
                moved |= set(here) - stable_positions(kept, here)
        for eid, element in before.items():
            if eid not in after:
                changes.append(Change("removed", collection, eid, title_of(collection, element)))
        for eid, element in after.items():
            was = before.get(eid)
            if was == element and eid not in moved:  # most elements: unchanged
                continue
            title = title_of(collection, element)
            if was is None:
                changes.append(Change("added", collection, eid, title))
                continue
            place_keys: tuple[str, ...] = ()
            if collection == "steps":
                place_keys = ("lane", "column")
                if (was["lane"], was["column"]) != (element["lane"], element["column"]):
                    changes.append(
                        Change(
                            "moved",
                            collection,
                            eid,
                            title,
                            before=f"{old_lanes.get(was['lane'], was['lane'])}, "
                            f"{old_cols.get(was['column'], was['column'])}",
                            after=f"{new_lanes.get(element['lane'], element['lane'])}, "
                            f"{new_cols.get(element['column'], element['column'])}",
                        )
                    )
                elif eid in moved:
                    changes.append(
                        Change(
                            "moved",
                            collection,
                            eid,
                            title,
                            before="another place in its cell's stack",
                            after="a new place in the stack",
                        )
                    )
            elif eid in moved:
                old_at = list(before).index(eid) + 1
                new_at = list(after).index(eid) + 1
                changes.append(
                    Change(
                        "moved",
                        collection,
                        eid,
                        title,
                        before=f"position {old_at}",
                        after=f"position {new_at}",
                    )
                )
            keys = list(element) + [k for k in was if k not in element]
            diffs = tuple(
                FieldChange(k, was.get(k), element.get(k))
                for k in keys
                if k not in place_keys and k != "id" and was.get(k) != element.get(k)
            )
            if diffs:
                changes.append(Change("changed", collection, eid, title, diffs))
    return changes


def diff(old: Blueprint, new: Blueprint, *, findings: bool = True) -> Diff:
    """The semantic difference of two blueprints, with the findings that appeared or went
    away (``findings=False`` skips running the validator)."""
    with gc_paused():  # many small objects, none of them cyclic garbage
        result = Diff(diff_data(as_data(old), as_data(new)))
        if findings:
            before = {_finding_key(f): f for f in validate(old)}
            after = {_finding_key(f): f for f in validate(new)}
            result.findings_added = [f for k, f in after.items() if k not in before]
            result.findings_removed = [f for k, f in before.items() if k not in after]
    return result


def element_index(data: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every element of ``data`` by id: id -> (collection, element)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for collection in COLLECTIONS + ("images",):
        for element in rows(data, collection):
            out[element["id"]] = (collection, element)
    return out


def id_lines(text: str) -> dict[str, int]:
    """The 1-based line of the file text on which each element is defined (where its
    ``"id"`` key stands), in one pass. Ids hold no character that JSON escapes."""
    out: dict[str, int] = {}
    line, last = 1, 0
    for match in _ID_KEY.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        out.setdefault(match.group(1), line)
    return out


_ID_KEY = re.compile(r'"id"\s*:\s*"([A-Za-z0-9_.-]{1,64})"')
