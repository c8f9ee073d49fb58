"""Copy, paste and duplicate of steps, as plain data (Qt-free).

A *fragment* is what Copy puts on the clipboard: the selected steps and the handoffs
whose both ends are selected, as JSON-able dicts, plus where each step sat (its lane's
kind and position, its column's position) so that a paste into another blueprint, or
after the original lane or column was deleted, still finds a sensible place::

    {"format": "service-blueprint-fragment", "version": 1,
     "steps":    [{...a step, exactly as in a .blueprint file...}, ...],
     "handoffs": [{...}, ...],
     "places":   {"<step id>": {"lane_kind": "frontstage", "lane_index": 2,
                                "column_index": 0}, ...},
     "images":   [{...each image a copied step shows, as in a file...}, ...]}

Paste rules (documented for users in the same words):

- Every pasted step and handoff gets a fresh id (``doc.new_id``); handoffs are remapped
  to the new step ids. The pasted steps go to the end of the step list, so each stacks
  last in its cell.
- A step goes back to its own lane and column when they still exist. Otherwise its
  lane is the first lane of the same kind, else the lane at the same position (or the
  last lane); its column is the column at the same position (or the last column).
  Emotion lanes hold no steps, so they are never chosen.
- Pasted *at* a cell (the cell under the mouse pointer, or the selected cell): the
  fragment keeps its shape and its top-left cell (the smallest lane and column position
  among its steps' places above) lands on that cell; every other step keeps its offset
  in lanes and columns from it, clamped to the last lane and column. Pasting at the
  originals' own cell is what stacks the copy under the original. Emotion lanes are not
  counted; a cell in one stands for the lane below it.
- A pasted step shows the same image: the one already in the blueprint when it is the
  same picture under the same id, else a fresh copy of it (one per copied image).
  Comments on the copied steps are not copied (they are about the original steps).
- When the blueprint has no lane or no column at all, nothing can be placed: the steps
  are skipped (and so are handoffs that touch a skipped step); the paste is then empty.
- A fragment that is not well-formed raises :class:`FragmentError` and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from .document import Document
from .model import Collection, Handoff, Image, Step
from .operations import Batch, Insert, InsertMany, Operation

FRAGMENT_FORMAT = "service-blueprint-fragment"
FRAGMENT_VERSION = 1
#: The clipboard mime type the Qt layer uses for a fragment.
MIME_TYPE = "application/x-blueprint-fragment"


class FragmentError(ValueError):
    """Clipboard data that is not a usable fragment; ``str(err)`` says why."""


def copy_fragment(doc: Document, ids: Iterable[str]) -> dict[str, Any]:
    """The steps among ``ids`` (in document order) and the handoffs between two of them.

    Handoff ids in ``ids`` are ignored on their own: a handoff is copied only with both
    of its ends. Unknown ids are ignored.
    """
    wanted = set(ids)
    bp = doc.blueprint
    lane_pos = {lane.id: i for i, lane in enumerate(bp.lanes)}
    column_pos = {column.id: i for i, column in enumerate(bp.columns)}
    steps = [s for s in bp.steps if s.id in wanted]
    chosen = {s.id for s in steps}
    handoffs = [h for h in bp.handoffs if h.source in chosen and h.target in chosen]
    places = {
        s.id: {
            "lane_kind": doc.lane(s.lane).kind,
            "lane_index": lane_pos[s.lane],
            "column_index": column_pos[s.column],
        }
        for s in steps
    }
    shown = dict.fromkeys(s.image for s in steps if s.image is not None)
    return {
        "format": FRAGMENT_FORMAT,
        "version": FRAGMENT_VERSION,
        "steps": [s.model_dump(mode="json") for s in steps],
        "handoffs": [h.model_dump(mode="json") for h in handoffs],
        "places": places,
        "images": [doc.image(i).model_dump(mode="json") for i in shown],
    }


def fragment_to_json(fragment: Mapping[str, Any]) -> str:
    return json.dumps(fragment, ensure_ascii=False, allow_nan=False)


def fragment_from_json(text: str | bytes) -> dict[str, Any]:
    """Parse clipboard text into a fragment dict (shape checked by :func:`paste_fragment`)."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FragmentError(f"the clipboard does not hold blueprint steps ({exc})") from None
    if not isinstance(data, dict):
        raise FragmentError("the clipboard does not hold blueprint steps")
    return data


def fragment_titles(fragment: Mapping[str, Any]) -> str:
    """Plain text for other programs: one step title per line."""
    return "\n".join(str(s.get("title", "")) for s in fragment.get("steps", ()))


def _check_shape(fragment: Any) -> tuple[list[Any], list[Any], dict[str, Any], list[Any]]:
    if not isinstance(fragment, Mapping) or fragment.get("format") != FRAGMENT_FORMAT:
        raise FragmentError("the clipboard does not hold blueprint steps")
    version = fragment.get("version")
    if type(version) is not int or version > FRAGMENT_VERSION or version < 1:
        raise FragmentError("the copied steps come from a newer version of blueprint-editor")
    steps, handoffs = fragment.get("steps", []), fragment.get("handoffs", [])
    places, images = fragment.get("places", {}), fragment.get("images", [])
    if (
        not isinstance(steps, list)
        or not isinstance(handoffs, list)
        or not isinstance(places, Mapping)
        or not isinstance(images, list)
    ):
        raise FragmentError("the copied steps are damaged")
    return steps, handoffs, dict(places), images


def _place(doc: Document, step: Mapping[str, Any], place: Any) -> tuple[str, str] | None:
    bp = doc.blueprint
    lanes = [lane for lane in bp.lanes if lane.kind != "emotion"]
    if not lanes or not bp.columns:
        return None
    place = place if isinstance(place, Mapping) else {}

    def index(key: str, size: int) -> int:
        value = place.get(key)
        return min(value, size - 1) if type(value) is int and value >= 0 else 0

    lane = step.get("lane")
    if not isinstance(lane, str) or lane not in {l.id for l in lanes}:
        same_kind = [l.id for l in lanes if l.kind == place.get("lane_kind")]
        lane = same_kind[0] if same_kind else lanes[index("lane_index", len(lanes))].id
    column = step.get("column")
    if not isinstance(column, str) or doc.find("columns", column) is None:
        column = bp.columns[index("column_index", len(bp.columns))].id
    return lane, column


def _shift_to(
    doc: Document, cells: dict[int, tuple[str, str]], at: tuple[str, str]
) -> dict[int, tuple[str, str]]:
    """The cells moved so that their top-left one lands on ``at`` (shape kept, clamped).
    Emotion lanes hold no steps: they are skipped in the count, and ``at`` in one stands
    for the first lane below it that can hold steps (else the last one above it)."""
    bp = doc.blueprint
    if at[0] not in {lane.id for lane in bp.lanes} or doc.find("columns", at[1]) is None:
        raise FragmentError(f"there is no cell {at[0]}/{at[1]} to paste into")
    holders = [lane.id for lane in bp.lanes if lane.kind != "emotion"]
    if doc.lane(at[0]).kind == "emotion":
        order = [lane.id for lane in bp.lanes]
        below = [lane for lane in holders if order.index(lane) > order.index(at[0])]
        at = (below[0] if below else holders[-1], at[1])
    lanes = holders
    columns = [column.id for column in bp.columns]
    lane_pos = {lane: i for i, lane in enumerate(lanes)}
    column_pos = {column: i for i, column in enumerate(columns)}
    if not cells:
        return cells
    top = min(lane_pos[lane] for lane, _ in cells.values())
    left = min(column_pos[column] for _, column in cells.values())
    dl, dc = lane_pos[at[0]] - top, column_pos[at[1]] - left
    return {
        k: (
            lanes[min(len(lanes) - 1, lane_pos[lane] + dl)],
            columns[min(len(columns) - 1, column_pos[column] + dc)],
        )
        for k, (lane, column) in cells.items()
    }


def paste_fragment(
    doc: Document, fragment: Mapping[str, Any], label: str = "Paste", at: tuple[str, str] | None = None
) -> Batch:
    """A batch inserting a fresh copy of ``fragment`` (not applied), its top-left cell
    at the (lane, column) ``at`` when given. See the module doc."""
    steps, handoffs, places, images = _check_shape(fragment)
    cells: dict[int, tuple[str, str]] = {}
    for i, raw in enumerate(steps):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
            raise FragmentError(f"the copied steps are damaged (step {i})")
        cell = _place(doc, raw, places.get(raw["id"]))
        if cell is not None:
            cells[i] = cell
    if at is not None:
        cells = _shift_to(doc, cells, at)
    remap: dict[str, str] = {}
    taken: set[str] = set()

    def fresh(collection: Collection) -> str:
        while True:
            ident = doc.new_id(collection)
            if ident not in taken:
                taken.add(ident)
                return ident

    copied: dict[str, Image] = {}  # copied image id -> the image in the document
    new_images: list[Image] = []
    for i, raw in enumerate(images):
        try:
            image = Image.model_validate(raw)
        except ValidationError as exc:
            raise FragmentError(
                f"the copied steps are damaged (image {i}: {exc.errors()[0].get('msg', 'invalid')})"
            ) from None
        same = doc.find("images", image.id)
        if same is None or same != image:
            image = image.model_copy(update={"id": fresh("images")})
            new_images.append(image)
        copied[raw["id"]] = image

    new_steps: list[Step] = []
    for i, raw in enumerate(steps):
        cell = cells.get(i)
        if cell is None:
            continue
        new_id = fresh("steps")
        shown = raw.get("image")
        image_id = (
            copied[shown].id
            if shown in copied
            else (shown if isinstance(shown, str) and doc.find("images", shown) is not None else None)
        )
        data = dict(raw, id=new_id, lane=cell[0], column=cell[1], image=image_id)
        try:
            new_steps.append(Step.model_validate(data))
        except ValidationError as exc:
            raise FragmentError(
                f"the copied steps are damaged (step {i}: {exc.errors()[0].get('msg', 'invalid')})"
            ) from None
        remap[raw["id"]] = new_id

    new_handoffs: list[Handoff] = []
    for i, raw in enumerate(handoffs):
        if not isinstance(raw, Mapping):
            raise FragmentError(f"the copied steps are damaged (handoff {i})")
        source, target = (
            remap.get(end) if isinstance(end, str) else None for end in (raw.get("source"), raw.get("target"))
        )
        if source is None or target is None or source == target:
            continue
        data = dict(raw, id=fresh("handoffs"), source=source, target=target)
        try:
            new_handoffs.append(Handoff.model_validate(data))
        except ValidationError as exc:
            raise FragmentError(
                f"the copied steps are damaged (handoff {i}: {exc.errors()[0].get('msg', 'invalid')})"
            ) from None

    # one bulk insert per collection: its inverse (undo) is one linear pass, where an
    # insert per element would cost a position search each (undo of pasting 10,000
    # steps: 27 s)
    n_steps, n_handoffs = len(doc.blueprint.steps), len(doc.blueprint.handoffs)
    ops: list[Operation] = []
    if new_images:
        n_images = len(doc.blueprint.images)
        ops.append(InsertMany("images", tuple((n_images + k, im) for k, im in enumerate(new_images))))
    if new_steps:
        ops.append(InsertMany("steps", tuple((n_steps + k, s) for k, s in enumerate(new_steps))))
    if new_handoffs:
        ops.append(InsertMany("handoffs", tuple((n_handoffs + k, h) for k, h in enumerate(new_handoffs))))
    return Batch(tuple(ops), label)


def duplicate(doc: Document, ids: Iterable[str], at: tuple[str, str] | None = None) -> Batch:
    """Copy and paste in one step: the copies stack under the originals, in their cells,
    or go to the cell ``at`` (as :func:`paste_fragment` places them)."""
    return paste_fragment(doc, copy_fragment(doc, ids), label="Duplicate", at=at)


def inserted_step_ids(op: Operation) -> list[str]:
    """The ids of the steps a paste or duplicate batch inserts, in order."""
    if isinstance(op, Batch):
        return [i for o in op.ops for i in inserted_step_ids(o)]
    if isinstance(op, Insert) and op.collection == "steps":
        return [op.element.id]
    if isinstance(op, InsertMany) and op.collection == "steps":
        return [element.id for _, element in op.items]
    return []
