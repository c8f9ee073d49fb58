"""Reversible edit operations: the only way a :class:`Document` changes.

Every operation is a small frozen value with ``apply(doc) -> inverse``. Applying an
operation and then its inverse gives back the same blueprint, order included. There are
four primitive kinds that work on any collection of the registry in
:mod:`~blueprint_editor.core.model` (:data:`~blueprint_editor.core.model.Collection`:
``lanes``, ``phases``, ``columns``, ``steps``, ``handoffs``, ``comments``, ``images``) plus
``SetBlueprint`` and ``Batch``:

- ``Insert(collection, element, index)`` (refused for an element of another collection's
  model: ``Insert("lanes", Step(...))``)
- ``Delete(collection, id)``          (refused while something still refers to it)
- ``Reorder(collection, id, index)``
- ``Set(collection, id, fields)``      (fields validated by the element's model)

Operations reach the document only through the small public protocol :class:`Target`
(which :class:`~blueprint_editor.core.document.Document` implements): look-ups, the
checks that keep the blueprint whole, its indexes, and the event list.

Higher-level edits (delete a step with its handoffs and comments, move several steps,
phases) are built as ``Batch`` es of these by :mod:`blueprint_editor.core.edits` and
:mod:`blueprint_editor.core.phases`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError

from .model import COLLECTIONS, Blueprint, Collection, Element, elements

__all__ = [
    "COLLECTIONS",
    "Arrange",
    "Batch",
    "Delete",
    "DeleteMany",
    "Event",
    "Insert",
    "InsertMany",
    "Operation",
    "OperationError",
    "Reorder",
    "Set",
    "SetBlueprint",
    "Target",
]


class OperationError(ValueError):
    """An operation that would break the blueprint (a dangling reference, a duplicate id)."""


@dataclass(frozen=True)
class Event:
    """What changed. ``action`` is insert, delete, reorder, set or reset."""

    action: str
    collection: Collection | None = None
    id: str | None = None
    fields: tuple[str, ...] = ()


class Target(Protocol):
    """What an operation may use of the document it changes."""

    blueprint: Blueprint

    def get(self, collection: Collection, ident: str) -> Element:
        """The element, or :class:`OperationError`."""

    def position(self, collection: Collection, ident: str) -> int:
        """The element's index in its list, or :class:`OperationError`."""

    def check_insert(self, collection: Collection, element: Element) -> None:
        """Refuse (:class:`OperationError`) an element that may not be inserted."""

    def check_set(self, collection: Collection, element: Element) -> None:
        """Refuse the changed copy ``element`` of an element."""

    def check_delete(self, collection: Collection, ident: str) -> None:
        """Refuse to delete an element something still refers to."""

    def index_insert(self, collection: Collection, element: Element) -> None:
        """Add an element that is now in its list to the indexes."""

    def index_delete(self, collection: Collection, element: Element) -> None:
        """Remove an element that has left its list from the indexes."""

    def emit(self, event: Event) -> None:
        """Record what changed (subscribers hear it once the outermost operation ends)."""


class Operation:
    def apply(self, doc: Target) -> Operation:  # pragma: no cover - abstract
        raise NotImplementedError


#: Fields of each collection that refer to other elements (the document indexes them).
_REFERENCE_FIELDS: dict[str, frozenset[str]] = {
    "handoffs": frozenset({"source", "target"}),
    "comments": frozenset({"target"}),
    "steps": frozenset({"image"}),
}


def _validation_message(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg', 'invalid value')}" if where else err.get("msg", "invalid")


@dataclass(frozen=True)
class Insert(Operation):
    collection: Collection
    element: Element
    index: int

    def apply(self, doc: Target) -> Operation:
        doc.check_insert(self.collection, self.element)
        items = elements(doc.blueprint, self.collection)
        index = max(0, min(self.index, len(items)))
        items.insert(index, self.element)
        doc.index_insert(self.collection, self.element)
        doc.emit(Event("insert", self.collection, self.element.id))
        return Delete(self.collection, self.element.id)


@dataclass(frozen=True)
class Delete(Operation):
    collection: Collection
    id: str

    def apply(self, doc: Target) -> Operation:
        doc.check_delete(self.collection, self.id)
        items = elements(doc.blueprint, self.collection)
        index = doc.position(self.collection, self.id)
        element = items.pop(index)
        doc.index_delete(self.collection, element)
        doc.emit(Event("delete", self.collection, self.id))
        return Insert(self.collection, element, index)


@dataclass(frozen=True)
class Reorder(Operation):
    collection: Collection
    id: str
    index: int

    def apply(self, doc: Target) -> Operation:
        items = elements(doc.blueprint, self.collection)
        old = doc.position(self.collection, self.id)
        element = items.pop(old)
        new = max(0, min(self.index, len(items)))
        items.insert(new, element)
        doc.emit(Event("reorder", self.collection, self.id))
        return Reorder(self.collection, self.id, old)


@dataclass(frozen=True)
class Set(Operation):
    collection: Collection
    id: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    def apply(self, doc: Target) -> Operation:
        element = doc.get(self.collection, self.id)
        if "id" in self.fields:
            raise OperationError("an element's id cannot be changed")
        unknown = [name for name in self.fields if name not in type(element).model_fields]
        if unknown:
            raise OperationError(f"{self.collection}[{self.id}].{unknown[0]}: no such field")
        data = element.model_dump()
        old = {name: data[name] for name in self.fields}
        data.update(self.fields)
        try:
            checked = type(element).model_validate(data)
        except ValidationError as exc:
            raise OperationError(f"{self.collection}[{self.id}].{_validation_message(exc)}") from None
        doc.check_set(self.collection, checked)
        # an element whose references change must move in the document's indexes (a
        # handoff's ends, a comment's target, a step's image)
        reindex = not _REFERENCE_FIELDS.get(self.collection, frozenset()).isdisjoint(self.fields)
        if reindex:
            doc.index_delete(self.collection, element)
        for name in self.fields:
            setattr(element, name, getattr(checked, name))
        if reindex:
            doc.index_insert(self.collection, element)
        doc.emit(Event("set", self.collection, self.id, tuple(self.fields)))
        return Set(self.collection, self.id, old)


@dataclass(frozen=True)
class SetBlueprint(Operation):
    """Change the blueprint's own ``title`` or ``description``."""

    fields: Mapping[str, Any] = field(default_factory=dict)

    def apply(self, doc: Target) -> Operation:
        old = {}
        for name, value in self.fields.items():
            if name not in ("title", "description") or not isinstance(value, str):
                raise OperationError(f"{name}: only the title and description can be set, as text")
            old[name] = getattr(doc.blueprint, name)
        for name, value in self.fields.items():
            setattr(doc.blueprint, name, value)
        doc.emit(Event("set", None, None, tuple(self.fields)))
        return SetBlueprint(old)


@dataclass(frozen=True)
class Batch(Operation):
    """Several operations as one; the inverse undoes them in reverse order.

    If one fails, the ones already applied are reverted before the error propagates,
    so a failed batch leaves the document as it was.
    """

    ops: tuple[Operation, ...]
    label: str = ""

    def apply(self, doc: Target) -> Operation:
        inverses: list[Operation] = []
        try:
            for op in self.ops:
                inverses.append(op.apply(doc))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(doc)
            raise
        return Batch(tuple(reversed(inverses)), self.label)


@dataclass(frozen=True)
class DeleteMany(Operation):
    """Delete several elements of one collection in one pass (linear, not k x n)."""

    collection: Collection
    ids: tuple[str, ...]

    def apply(self, doc: Target) -> Operation:
        wanted = set(self.ids)
        for ident in self.ids:  # check everything before changing anything
            doc.check_delete(self.collection, ident)
        items = elements(doc.blueprint, self.collection)
        removed = tuple((i, e) for i, e in enumerate(items) if e.id in wanted)
        items[:] = [e for e in items if e.id not in wanted]
        for _, element in removed:
            doc.index_delete(self.collection, element)
            doc.emit(Event("delete", self.collection, element.id))
        return InsertMany(self.collection, removed)


@dataclass(frozen=True)
class InsertMany(Operation):
    """Insert elements at positions of the resulting list (ascending), in one pass."""

    collection: Collection
    items: tuple[tuple[int, Element], ...]

    def apply(self, doc: Target) -> Operation:
        ids = [element.id for _, element in self.items]
        if len(set(ids)) != len(ids):
            raise OperationError("the same id is inserted twice")
        for _, element in self.items:
            doc.check_insert(self.collection, element)
        current = elements(doc.blueprint, self.collection)
        rest = iter(list(current))
        merged: list[Element] = []
        for position, element in sorted(self.items, key=lambda pair: pair[0]):
            while len(merged) < position:
                nxt = next(rest, None)
                if nxt is None:
                    break
                merged.append(nxt)
            merged.append(element)
        merged.extend(rest)
        current[:] = merged
        for _, element in self.items:
            doc.index_insert(self.collection, element)
            doc.emit(Event("insert", self.collection, element.id))
        return DeleteMany(self.collection, tuple(ids))


@dataclass(frozen=True)
class Arrange(Operation):
    """Put a collection in a new order (``order``: every id, once). Inverse: the old order."""

    collection: Collection
    order: tuple[str, ...]

    def apply(self, doc: Target) -> Operation:
        items = elements(doc.blueprint, self.collection)
        old = tuple(e.id for e in items)
        if len(self.order) != len(old) or set(self.order) != set(old):
            raise OperationError(f"a new order of the {self.collection} must name each once")
        items[:] = [doc.get(self.collection, ident) for ident in self.order]
        doc.emit(Event("reorder", self.collection, None))
        return Arrange(self.collection, old)
