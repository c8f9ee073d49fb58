"""Three-way merge of blueprints by element id. Qt-free.

``merge(base, ours, theirs)`` combines what each side changed since ``base``:

- elements are matched by id in every collection (lanes, phases, columns, steps, handoffs,
  comments, images) and field by field: a field one side changed and the other did not
  takes the change; both sides making the same change is no conflict;
- an element added on one side is kept (placed after the element that precedes it on that
  side); one removed on one side and untouched on the other is removed;
- list order (lane rows, column order, the stacking of steps in a cell) follows the side
  that reordered when only one did, and OURS when both did.

A conflict (both sides changed one field differently; one side removed what the other
changed; both added different elements under one id) keeps OURS and is reported as a
:class:`Conflict`, and recorded in the result as a ``note`` comment on the element
concerned (on the blueprint when the element is not a step or handoff), so the workshop
finds it in the editor. The result always loads: references the merge would leave
dangling are repaired (an element the other side still uses is kept, a handoff or comment
whose end is gone is dropped) and each repair is a conflict too; if the combined result
still breaks the format, the result is OURS with the conflicts recorded.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .diff import SINGULAR, as_data, rows, stable_positions
from .gc_pause import gc_paused
from .io import from_data
from .model import Blueprint, BlueprintError

#: A blueprint or one of its elements as plain JSON data.
Data = dict[str, Any]

#: Every collection of the file, in file order.
MERGED: tuple[str, ...] = ("lanes", "phases", "columns", "steps", "handoffs", "comments", "images")
_TOP_FIELDS = ("title", "description")


@dataclass(frozen=True)
class Conflict:
    collection: str
    id: str
    message: str

    def line(self) -> str:
        noun = SINGULAR.get(self.collection, self.collection)
        where = noun if not self.id else f"{noun} {self.id}"
        return f"conflict in {where}: {self.message}"


@dataclass
class MergeResult:
    blueprint: Blueprint
    conflicts: list[Conflict]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(str(text).split())
    return repr(text[:60] + ("..." if len(text) > 60 else ""))


def _merge_fields(
    base: Data,
    ours: Data,
    theirs: Data,
    keys: Iterable[str],
    collection: str,
    eid: str,
    conflicts: list[Conflict],
) -> Data:
    out = dict(ours)
    for key in keys:
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t or t == b:
            continue
        if o == b:
            if t is None and key not in theirs:
                out.pop(key, None)
            else:
                out[key] = t
            continue
        conflicts.append(
            Conflict(
                collection,
                eid,
                f"field {key!r} changed on both sides: ours {_short(o)}, theirs {_short(t)} (kept ours)",
            )
        )
    return out


def _reordered(base_ids: list[str], side_ids: list[str]) -> bool:
    """Whether ``side`` changed the relative order of the ids it shares with ``base``."""
    in_base, in_side = set(base_ids), set(side_ids)
    shared_side = [i for i in side_ids if i in in_base]
    shared_base = [i for i in base_ids if i in in_side]
    return len(stable_positions(shared_base, shared_side)) != len(shared_side)


def _merge_order(
    base_ids: list[str], ours_ids: list[str], theirs_ids: list[str], keep: set[str]
) -> list[str]:
    """The merged order of the ids in ``keep``: the side that reordered the shared ids
    leads (OURS when both did, or neither); ids only the other side has follow the
    nearest id before them on their side that is already placed."""
    if not _reordered(base_ids, ours_ids) and _reordered(base_ids, theirs_ids):
        lead, other = theirs_ids, ours_ids
    else:
        lead, other = ours_ids, theirs_ids
    order = [i for i in lead if i in keep]
    placed = set(order)
    after: dict[str | None, list[str]] = {}  # id placed -> ids to insert after it
    anchor: str | None = None
    for eid in other:
        if eid in placed:
            anchor = eid
        elif eid in keep:
            after.setdefault(anchor, []).append(eid)  # a run of new ids keeps its order
            placed.add(eid)
    if not after:
        return order
    out = list(after.get(None, []))
    for eid in order:
        out.append(eid)
        out.extend(after.get(eid, ()))
    return out


def merge_data(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[Conflict]]:
    """The merged blueprint as plain data, and the conflicts (not yet repaired)."""
    conflicts: list[Conflict] = []
    out: dict[str, Any] = dict(ours)  # its collections are replaced by the merged lists
    out.update(_merge_fields(base, ours, theirs, _TOP_FIELDS, "blueprint", "", conflicts))
    for collection in MERGED:
        b = {e["id"]: e for e in rows(base, collection)}
        o = {e["id"]: e for e in rows(ours, collection)}
        t = {e["id"]: e for e in rows(theirs, collection)}
        merged: dict[str, Data] = {}
        for eid in list(o) + [i for i in t if i not in o]:
            bo, oo, to = b.get(eid), o.get(eid), t.get(eid)
            if oo is not None and to is not None:
                if bo is None and oo != to:
                    conflicts.append(
                        Conflict(collection, eid, "added on both sides with different content (kept ours)")
                    )
                    merged[eid] = dict(oo)
                else:
                    keys = list(oo) + [k for k in to if k not in oo]
                    merged[eid] = _merge_fields(bo or oo, oo, to, keys, collection, eid, conflicts)
            elif oo is not None:  # theirs removed it, or ours added it
                if bo is None:
                    merged[eid] = dict(oo)
                elif oo != bo:
                    conflicts.append(
                        Conflict(collection, eid, "theirs removed it, ours changed it (kept ours)")
                    )
                    merged[eid] = dict(oo)
            elif to is not None:  # ours removed it, or theirs added it
                if bo is None:
                    merged[eid] = dict(to)
                elif to != bo:
                    conflicts.append(
                        Conflict(
                            collection, eid, "ours removed it, theirs changed it (kept it removed, as ours)"
                        )
                    )
        order = _merge_order(list(b), list(o), list(t), set(merged))
        if merged or collection in out:
            out[collection] = [merged[i] for i in order]
    return out, conflicts


def _repair(data: Data, base: Data, ours: Data, theirs: Data, conflicts: list[Conflict]) -> None:
    """Keep the references of ``data`` whole (see the module docstring)."""
    sources = (ours, theirs, base)

    def find(collection: str, eid: str) -> Data | None:
        for side in sources:
            for element in rows(side, collection):
                if element["id"] == eid:
                    return element
        return None

    def restore(collection: str, eid: str, why: str) -> bool:
        element = find(collection, eid)
        if element is None:
            return False
        data.setdefault(collection, []).append(copy.deepcopy(element))
        conflicts.append(Conflict(collection, eid, f"kept it: {why}"))
        return True

    ids = {c: {e["id"] for e in rows(data, c)} for c in MERGED}

    def keep(collection: str, eid: str | None, why: str) -> None:
        if eid and eid not in ids[collection] and restore(collection, eid, why):
            ids[collection].add(eid)

    for step in list(rows(data, "steps")):
        keep("lanes", step["lane"], f"step {step['id']} still uses it")
        keep("columns", step["column"], f"step {step['id']} still uses it")
        keep("images", step.get("image"), f"step {step['id']} still shows it")
    for column in rows(data, "columns"):
        keep("phases", column.get("phase"), f"column {column['id']} still belongs to it")
    kept = []
    for handoff in rows(data, "handoffs"):
        if handoff["source"] in ids["steps"] and handoff["target"] in ids["steps"]:
            kept.append(handoff)
        else:
            conflicts.append(
                Conflict("handoffs", handoff["id"], "dropped: one of its steps was removed on the other side")
            )
    if "handoffs" in data:
        data["handoffs"] = kept
    targets = ids["steps"] | {h["id"] for h in kept}
    for comment in rows(data, "comments"):
        if comment.get("target") is not None and comment["target"] not in targets:
            conflicts.append(
                Conflict(
                    "comments", comment["id"], "its step or handoff was removed: moved to the whole blueprint"
                )
            )
            comment["target"] = None
    used = {s.get("image") for s in rows(data, "steps")}
    if "images" in data:
        data["images"] = [i for i in rows(data, "images") if i["id"] in used]


def _note_id(taken: set[str], n: int) -> str:
    while f"merge-conflict-{n}" in taken:
        n += 1
    return f"merge-conflict-{n}"


def _record(data: dict[str, Any], conflicts: list[Conflict]) -> None:
    """Add one ``note`` comment per conflict (on its step or handoff when it still exists)."""
    taken = {e["id"] for c in MERGED for e in rows(data, c)}
    targets = {e["id"]: (c, e) for c in ("steps", "handoffs") for e in rows(data, c)}
    comments = data.setdefault("comments", [])
    for n, conflict in enumerate(conflicts, 1):
        nid = _note_id(taken, n)
        taken.add(nid)
        target = conflict.id if conflict.id in targets else None
        comments.append(
            {
                "id": nid,
                "target": target,
                "kind": "note",
                "text": "Merge " + conflict.line(),
                "owner": "",
                "done": False,
            }
        )


def merge(base: Blueprint, ours: Blueprint, theirs: Blueprint) -> MergeResult:
    """Merge ``theirs`` into ``ours`` since ``base`` (see the module docstring)."""
    with gc_paused():  # many small objects, none of them cyclic garbage
        b, o, t = as_data(base), as_data(ours), as_data(theirs)
        data, conflicts = merge_data(b, o, t)
        _repair(data, b, o, t, conflicts)
        try:
            result = _with_notes(data, conflicts)
        except BlueprintError as exc:
            conflicts.append(
                Conflict("blueprint", "", f"the combined result would not load ({exc}); kept ours as a whole")
            )
            result = _with_notes(copy.deepcopy(o), conflicts)
    return MergeResult(result, conflicts)


def _with_notes(data: dict[str, Any], conflicts: list[Conflict]) -> Blueprint:
    if conflicts:
        data = {**data, "comments": list(rows(data, "comments"))}
        _record(data, conflicts)
    return from_data(data)
