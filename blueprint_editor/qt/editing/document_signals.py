"""The Qt face of a :class:`~blueprint_editor.core.document.Document`: one signal.

Every Qt consumer of document changes (the canvas scene, the inspector, the checks runner,
the finding badges ...) connects to ``document_signals(doc).changed`` instead of
subscribing to the document itself::

    document_signals(doc).changed.connect(self._on_events)   # a bound method of a QObject

``changed`` carries the list of core :class:`~blueprint_editor.core.operations.Event` s
one ``Document.apply`` (or ``replace``) caused. Because the receivers are Qt
connections, Qt drops a receiver when its object is deleted: no listener has to survive
its own deletion (no ``except RuntimeError``, no unsubscribe on the way out).

A listener that raises does not stop the others, and its exception is not swallowed: it
goes to ``sys.excepthook`` (printed with its traceback; under pytest-qt it fails the
test), after the document has changed and the edit is on the undo stack.

There is one adapter per document, made on first use and kept as long as the document
(the document holds the adapter's relay; the adapter holds nothing of the document).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, Signal

from blueprint_editor.core.document import Document
from blueprint_editor.core.operations import Event


class DocumentSignals(QObject):
    """Relays a document's events as the Qt signal :attr:`changed`."""

    #: (list[Event]) after each applied operation or replaced blueprint, once per change
    changed = Signal(list)

    def __init__(self) -> None:
        super().__init__()  # no parent: lives as long as its document (see document_signals)

    def relay(self, events: list[Event]) -> None:
        self.changed.emit(events)


_adapters: WeakKeyDictionary[Document, DocumentSignals] = WeakKeyDictionary()


def document_signals(doc: Document) -> DocumentSignals:
    """The one Qt adapter of ``doc`` (made and subscribed on first use)."""
    adapter = _adapters.get(doc)
    if adapter is None:
        adapter = _adapters[doc] = DocumentSignals()
        doc.subscribe(adapter.relay)
    return adapter
