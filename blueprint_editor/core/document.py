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
from .model import Blueprint, Column, Element, Handoff, Lane, Phase, Step, check_references, is_valid_id
from .operations import COLLECTIONS, Event, Operation, OperationError

Listener = Callable[[list[Event]], None]

#: Prefix of ids the editor makes for each collection.
ID_PREFIX = {"lanes": "lane", "phases": "p", "columns": "c", "steps": "s", "handoffs": "h"}


class Document:
    def __init__(self, blueprint: Blueprint | None = None):
        self._listeners: list[Listener] = []
        self._pending: list[Event] | None = None
        self.revision = 0
        self._set_blueprint(blueprint if blueprint is not None else Blueprint())

    # ------------------------------------------------------------------ state
    def _set_blueprint(self, blueprint: Blueprint) -> None:
        check_references(blueprint)
        self.blueprint = blueprint
        self._by_id: dict[str, dict[str, Element]] = {
            name: {e.id: e for e in getattr(blueprint, name)} for name in COLLECTIONS
        }
        self._handoffs_of: dict[str, set[str]] = defaultdict(set)
        for h in blueprint.handoffs:
            self._handoffs_of[h.source].add(h.id)
            self._handoffs_of[h.target].add(h.id)
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
    def get(self, collection: str, ident: str) -> Element: ...

    def get(self, collection: str, ident: str) -> Element:
        try:
            return self._by_id[collection][ident]
        except KeyError:
            raise OperationError(f"no {collection[:-1]} has the id {ident!r}") from None

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
    def find(self, collection: str, ident: str) -> Element | None: ...

    def find(self, collection: str, ident: str) -> Element | None:
        return self._by_id[collection].get(ident)

    def step(self, ident: str) -> Step:
        element = self.get("steps", ident)
        assert isinstance(element, Step)
        return element

    def handoff(self, ident: str) -> Handoff:
        element = self.get("handoffs", ident)
        assert isinstance(element, Handoff)
        return element

    def lane(self, ident: str) -> Lane:
        element = self.get("lanes", ident)
        assert isinstance(element, Lane)
        return element

    def column(self, ident: str) -> Column:
        element = self.get("columns", ident)
        assert isinstance(element, Column)
        return element

    def phase(self, ident: str) -> Phase:
        element = self.get("phases", ident)
        assert isinstance(element, Phase)
        return element

    def contains(self, ident: str) -> bool:
        return any(ident in index for index in self._by_id.values())

    def kind_of(self, ident: str) -> str | None:
        """The collection an id belongs to, or None."""
        for name, index in self._by_id.items():
            if ident in index:
                return name
        return None

    def position(self, collection: str, ident: str) -> int:
        self.get(collection, ident)
        for i, element in enumerate(getattr(self.blueprint, collection)):
            if element.id == ident:
                return i
        raise OperationError(f"no {collection[:-1]} has the id {ident!r}")  # pragma: no cover

    def handoffs_of(self, step_id: str) -> list[Handoff]:
        """Handoffs touching a step, in document order (a scan: not for hot loops)."""
        ids = self._handoffs_of.get(step_id)
        if not ids:
            return []
        return [h for h in self.blueprint.handoffs if h.id in ids]

    def handoff_ids_of(self, step_id: str) -> frozenset[str]:
        return frozenset(self._handoffs_of.get(step_id, ()))

    def steps_in_cell(self, lane: str, column: str) -> list[Step]:
        return [s for s in self.blueprint.steps if s.lane == lane and s.column == column]

    def new_id(self, collection: str, prefix: str | None = None) -> str:
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
        """Apply ``op``; return its inverse; then notify subscribers once."""
        outermost = self._pending is None
        if outermost:
            self._pending = []
        try:
            inverse = op.apply(self)
        except Exception:
            if outermost:
                self._pending = None
            raise
        if outermost:
            events, self._pending = self._pending or [], None
            self.revision += 1
            self._dispatch(events)
        return inverse

    def _dispatch(self, events: list[Event]) -> None:
        for listener in list(self._listeners):
            listener(events)

    def _emit(self, event: Event) -> None:
        if self._pending is not None:
            self._pending.append(event)

    # ---------------------------------------------- checks used by operations
    def _check_refs_of(self, collection: str, element: Element) -> None:
        by = self._by_id
        if isinstance(element, Step):
            if element.lane not in by["lanes"]:
                raise OperationError(f"step {element.id!r}: no lane has the id {element.lane!r}")
            if element.column not in by["columns"]:
                raise OperationError(f"step {element.id!r}: no column has the id {element.column!r}")
        elif isinstance(element, Handoff):
            for end in (element.source, element.target):
                if end not in by["steps"]:
                    raise OperationError(f"handoff {element.id!r}: no step has the id {end!r}")
            if element.source == element.target:
                raise OperationError("a handoff cannot link a step to itself")
        elif (isinstance(element, Column) and element.phase is not None
              and element.phase not in by["phases"]):
            raise OperationError(f"column {element.id!r}: no phase has the id {element.phase!r}")

    def _check_insert(self, collection: str, element: Element) -> None:
        if not is_valid_id(element.id):
            raise OperationError(f"{element.id!r} is not a valid id")
        if self.contains(element.id):
            raise OperationError(f"the id {element.id!r} is already used")
        self._check_refs_of(collection, element)

    def _check_set(self, collection: str, element: Element) -> None:
        self._check_refs_of(collection, element)

    def _check_delete(self, collection: str, ident: str) -> None:
        self.get(collection, ident)
        bp = self.blueprint
        if collection == "steps" and self._handoffs_of.get(ident):
            raise OperationError(f"step {ident!r} still has handoffs")
        if collection == "lanes" and any(s.lane == ident for s in bp.steps):
            raise OperationError(f"lane {ident!r} still has steps")
        if collection == "columns" and any(s.column == ident for s in bp.steps):
            raise OperationError(f"column {ident!r} still has steps")
        if collection == "phases" and any(c.phase == ident for c in bp.columns):
            raise OperationError(f"phase {ident!r} still has columns")

    def _index_insert(self, collection: str, element: Element) -> None:
        self._by_id[collection][element.id] = element
        if isinstance(element, Handoff):
            self._handoffs_of[element.source].add(element.id)
            self._handoffs_of[element.target].add(element.id)

    def _index_delete(self, collection: str, element: Element) -> None:
        del self._by_id[collection][element.id]
        if isinstance(element, Handoff):
            for end in (element.source, element.target):
                ids = self._handoffs_of.get(end)
                if ids is not None:
                    ids.discard(element.id)
                    if not ids:
                        del self._handoffs_of[end]


def ids_of(elements: Iterable[Element]) -> list[str]:
    return [e.id for e in elements]
