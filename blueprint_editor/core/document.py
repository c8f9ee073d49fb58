"""The document: one blueprint, its look-up indexes, and the one mutation API.

Everything that changes a blueprint goes through :meth:`Document.apply`, which applies a
reversible :class:`~blueprint_editor.core.operations.Operation`, returns its inverse and
then tells every subscriber, once, the list of :class:`Event` s the operation caused.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, Literal, overload

from .gc_pause import gc_paused
from .model import (
    COLLECTIONS,
    MODELS,
    REGISTRY,
    SINGULAR,
    Blueprint,
    Collection,
    Column,
    Comment,
    Element,
    Handoff,
    Image,
    Lane,
    Phase,
    Step,
    check_references,
    elements,
    is_valid_id,
    phases_are_runs,
)
from .operations import Event, Operation, OperationError

Listener = Callable[[list[Event]], None]

#: Prefix of ids the editor makes for each collection.
ID_PREFIX: dict[Collection, str] = {name: info.id_prefix for name, info in REGISTRY.items()}


class Document:
    """One blueprint, its indexes, and :meth:`apply`.

    Besides the queries, it implements :class:`~blueprint_editor.core.operations.Target`
    (``check_*``, ``index_*``, ``emit``), the protocol operations use to change it.

    Invariants it keeps (an operation that would break one is refused and undone):
    references resolve, ids are unique, no step sits in an emotion lane, and every phase
    covers one run of consecutive columns (checked after each outermost operation, so a
    batch may pass through a state that breaks it).
    """

    def __init__(self, blueprint: Blueprint | None = None):
        self._listeners: list[Listener] = []
        self._pending: list[Event] | None = None
        self.revision = 0
        self._set_blueprint(blueprint if blueprint is not None else Blueprint())

    # ------------------------------------------------------------------ state
    def _set_blueprint(self, blueprint: Blueprint) -> None:
        check_references(blueprint)
        self.blueprint = blueprint
        self._by_id: dict[Collection, dict[str, Element]] = {
            name: {e.id: e for e in elements(blueprint, name)} for name in COLLECTIONS
        }
        self._handoffs_of: dict[str, set[str]] = defaultdict(set)
        for h in blueprint.handoffs:
            self._handoffs_of[h.source].add(h.id)
            self._handoffs_of[h.target].add(h.id)
        self._comments_of: dict[str | None, set[str]] = defaultdict(set)
        for c in blueprint.comments:
            self._comments_of[c.target].add(c.id)
        self._users_of_image: dict[str, set[str]] = defaultdict(set)
        for s in blueprint.steps:
            if s.image is not None:
                self._users_of_image[s.image].add(s.id)
        self._id_counters = {name: itertools.count(1) for name in COLLECTIONS}

    def replace(self, blueprint: Blueprint) -> None:
        """Swap in another blueprint (open, new, restore). Not an undoable edit."""
        with gc_paused():  # listeners rebuild everything (the canvas: thousands of items)
            self._set_blueprint(blueprint)
            self.revision += 1
            self._dispatch([Event("reset")])

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # --------------------------------------------------------------- queries
    @overload
    def get(self, collection: Literal["lanes"], ident: str) -> Lane: ...
    @overload
    def get(self, collection: Literal["phases"], ident: str) -> Phase: ...
    @overload
    def get(self, collection: Literal["columns"], ident: str) -> Column: ...
    @overload
    def get(self, collection: Literal["steps"], ident: str) -> Step: ...
    @overload
    def get(self, collection: Literal["handoffs"], ident: str) -> Handoff: ...
    @overload
    def get(self, collection: Literal["comments"], ident: str) -> Comment: ...
    @overload
    def get(self, collection: Literal["images"], ident: str) -> Image: ...
    @overload
    def get(self, collection: str, ident: str) -> Element: ...

    def get(self, collection: str, ident: str) -> Element:
        """The element, or :class:`OperationError` naming what is missing."""
        if collection not in MODELS:
            raise OperationError(f"{collection!r} is not a collection of a blueprint")
        try:
            return self._by_id[collection][ident]
        except KeyError:
            raise OperationError(f"no {SINGULAR[collection]} has the id {ident!r}") from None

    @overload
    def find(self, collection: Literal["lanes"], ident: str) -> Lane | None: ...
    @overload
    def find(self, collection: Literal["phases"], ident: str) -> Phase | None: ...
    @overload
    def find(self, collection: Literal["columns"], ident: str) -> Column | None: ...
    @overload
    def find(self, collection: Literal["steps"], ident: str) -> Step | None: ...
    @overload
    def find(self, collection: Literal["handoffs"], ident: str) -> Handoff | None: ...
    @overload
    def find(self, collection: Literal["comments"], ident: str) -> Comment | None: ...
    @overload
    def find(self, collection: Literal["images"], ident: str) -> Image | None: ...
    @overload
    def find(self, collection: str, ident: str) -> Element | None: ...

    def find(self, collection: str, ident: str) -> Element | None:
        return self._by_id[collection].get(ident)  # type: ignore[index]

    def step(self, ident: str) -> Step:
        return self.get("steps", ident)

    def handoff(self, ident: str) -> Handoff:
        return self.get("handoffs", ident)

    def lane(self, ident: str) -> Lane:
        return self.get("lanes", ident)

    def column(self, ident: str) -> Column:
        return self.get("columns", ident)

    def phase(self, ident: str) -> Phase:
        return self.get("phases", ident)

    def comment(self, ident: str) -> Comment:
        return self.get("comments", ident)

    def image(self, ident: str) -> Image:
        return self.get("images", ident)

    def contains(self, ident: str) -> bool:
        return any(ident in index for index in self._by_id.values())

    def kind_of(self, ident: str) -> Collection | None:
        """The collection an id belongs to, or None."""
        for name, index in self._by_id.items():
            if ident in index:
                return name
        return None

    def position(self, collection: Collection, ident: str) -> int:
        self.get(collection, ident)
        for i, element in enumerate(elements(self.blueprint, collection)):
            if element.id == ident:
                return i
        raise OperationError(f"no {SINGULAR[collection]} has the id {ident!r}")  # pragma: no cover

    def handoffs_of(self, step_id: str) -> list[Handoff]:
        """Handoffs touching a step, in document order (a scan: not for hot loops)."""
        ids = self._handoffs_of.get(step_id)
        if not ids:
            return []
        return [h for h in self.blueprint.handoffs if h.id in ids]

    def handoff_ids_of(self, step_id: str) -> frozenset[str]:
        return frozenset(self._handoffs_of.get(step_id, ()))

    def comment_ids_of(self, target: str | None) -> frozenset[str]:
        """The comments on a step or handoff (``None``: on the whole blueprint)."""
        return frozenset(self._comments_of.get(target, ()))

    def comments_of(self, target: str | None) -> list[Comment]:
        """The comments on a step or handoff, in document order (a scan)."""
        ids = self._comments_of.get(target)
        if not ids:
            return []
        return [c for c in self.blueprint.comments if c.id in ids]

    def image_users(self, image: str) -> frozenset[str]:
        """The ids of the steps that show an image."""
        return frozenset(self._users_of_image.get(image, ()))

    def steps_in_cell(self, lane: str, column: str) -> list[Step]:
        return [s for s in self.blueprint.steps if s.lane == lane and s.column == column]

    def new_id(self, collection: Collection, prefix: str | None = None) -> str:
        """A short id not used anywhere in the blueprint (``s1``, ``h4``, ``c7`` ...)."""
        prefix = prefix or ID_PREFIX[collection]
        counter = self._id_counters[collection]
        while True:
            candidate = f"{prefix}{next(counter)}"
            if not self.contains(candidate):
                return candidate

    def snapshot(self) -> dict[str, Any]:
        """A plain-data copy of the blueprint, for comparisons."""
        return self.blueprint.model_dump(mode="json")

    # -------------------------------------------------------------- mutation
    def apply(self, op: Operation) -> Operation:
        """Apply ``op``; return its inverse; then notify subscribers once.

        An operation that leaves a phase split over two runs of columns is undone and
        refused with :class:`OperationError` (subscribers hear nothing).
        """
        if self._pending is not None:  # an operation applying another: no notice yet
            return op.apply(self)
        events: list[Event] = []
        self._pending = events
        try:
            inverse = op.apply(self)
            if any(e.collection == "columns" for e in events):
                self._check_phase_runs(inverse)
        finally:
            self._pending = None
        self.revision += 1
        self._dispatch(events)
        return inverse

    def _check_phase_runs(self, inverse: Operation) -> None:
        columns = self.blueprint.columns
        if phases_are_runs(c.phase for c in columns):
            return
        split = split_phase(columns)
        title = self.phase(split).title if split is not None else ""
        inverse.apply(self)
        raise OperationError(
            f"phase {title or split!r} would no longer cover consecutive "
            "columns (a phase is one run of columns)"
        )

    def _dispatch(self, events: list[Event]) -> None:
        for listener in list(self._listeners):
            listener(events)

    # ------------------------------- the Target protocol (used by operations only)
    def emit(self, event: Event) -> None:
        if self._pending is not None:
            self._pending.append(event)

    def _check_refs_of(self, collection: Collection, element: Element) -> None:
        by = self._by_id
        if isinstance(element, Step):
            lane = by["lanes"].get(element.lane)
            if lane is None:
                raise OperationError(f"step {element.id!r}: no lane has the id {element.lane!r}")
            if lane.kind == "emotion":  # type: ignore[union-attr]
                raise OperationError(
                    f"step {element.id!r}: lane {element.lane!r} is an emotion lane, which holds no steps"
                )
            if element.column not in by["columns"]:
                raise OperationError(f"step {element.id!r}: no column has the id {element.column!r}")
            if element.image is not None and element.image not in by["images"]:
                raise OperationError(f"step {element.id!r}: no image has the id {element.image!r}")
        elif isinstance(element, Handoff):
            for end in (element.source, element.target):
                if end not in by["steps"]:
                    raise OperationError(f"handoff {element.id!r}: no step has the id {end!r}")
            if element.source == element.target:
                raise OperationError("a handoff cannot link a step to itself")
        elif isinstance(element, Column):
            if element.phase is not None and element.phase not in by["phases"]:
                raise OperationError(f"column {element.id!r}: no phase has the id {element.phase!r}")
        elif isinstance(element, Comment):
            target = element.target
            if target is not None and target not in by["steps"] and target not in by["handoffs"]:
                raise OperationError(f"comment {element.id!r}: no step or handoff has the id {target!r}")
        elif (
            isinstance(element, Lane)
            and element.kind == "emotion"
            and any(s.lane == element.id for s in self.blueprint.steps)
        ):
            raise OperationError(f"lane {element.id!r} still has steps; an emotion lane holds none")

    def check_insert(self, collection: Collection, element: Element) -> None:
        model = MODELS.get(collection)
        if model is None:
            raise OperationError(f"{collection!r} is not a collection of a blueprint")
        if type(element) is not model:
            raise OperationError(
                f"a {type(element).__name__} cannot go into the {collection} "
                f"(they hold {model.__name__} elements)"
            )
        if not is_valid_id(element.id):
            raise OperationError(f"{element.id!r} is not a valid id")
        if self.contains(element.id):
            raise OperationError(f"the id {element.id!r} is already used")
        self._check_refs_of(collection, element)

    def check_set(self, collection: Collection, element: Element) -> None:
        self._check_refs_of(collection, element)

    def check_delete(self, collection: Collection, ident: str) -> None:
        self.get(collection, ident)
        bp = self.blueprint
        if collection == "steps" and self._handoffs_of.get(ident):
            raise OperationError(f"step {ident!r} still has handoffs")
        if collection in ("steps", "handoffs") and self._comments_of.get(ident):
            raise OperationError(f"{SINGULAR[collection]} {ident!r} still has comments")
        if collection == "images" and self._users_of_image.get(ident):
            raise OperationError(f"image {ident!r} is still shown by a step")
        if collection == "lanes" and any(s.lane == ident for s in bp.steps):
            raise OperationError(f"lane {ident!r} still has steps")
        if collection == "columns" and any(s.column == ident for s in bp.steps):
            raise OperationError(f"column {ident!r} still has steps")
        if collection == "phases" and any(c.phase == ident for c in bp.columns):
            raise OperationError(f"phase {ident!r} still has columns")

    def index_insert(self, collection: Collection, element: Element) -> None:
        self._by_id[collection][element.id] = element
        if isinstance(element, Handoff):
            self._handoffs_of[element.source].add(element.id)
            self._handoffs_of[element.target].add(element.id)
        elif isinstance(element, Comment):
            self._comments_of[element.target].add(element.id)
        elif isinstance(element, Step) and element.image is not None:
            self._users_of_image[element.image].add(element.id)

    def index_delete(self, collection: Collection, element: Element) -> None:
        del self._by_id[collection][element.id]
        if isinstance(element, Handoff):
            for end in (element.source, element.target):
                _discard(self._handoffs_of, end, element.id)
        elif isinstance(element, Comment):
            _discard(self._comments_of, element.target, element.id)
        elif isinstance(element, Step) and element.image is not None:
            _discard(self._users_of_image, element.image, element.id)


def split_phase(columns: Iterable[Column]) -> str | None:
    """The first phase that covers more than one run of ``columns``, or None."""
    ended: dict[str, int] = {}
    for i, column in enumerate(columns):
        if column.phase is not None:
            if ended.get(column.phase, i - 1) != i - 1:
                return column.phase
            ended[column.phase] = i
    return None


def _discard(index: dict[Any, set[str]], key: object, ident: str) -> None:
    ids = index.get(key)
    if ids is not None:
        ids.discard(ident)
        if not ids:
            del index[key]


def ids_of(items: Iterable[Element]) -> list[str]:
    return [e.id for e in items]
