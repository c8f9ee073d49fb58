"""Live checks: re-run the checks a moment after the document stops changing.

The runner follows the document (its ``document_signals``). Every change
restarts one single-shot timer; when it fires the validator runs once over the current
blueprint and ``findingsChanged`` carries the new list. A burst of edits (a drag, typing,
an undo run) therefore costs one run of the checks, and the canvas never waits for it.

The checks run in the GUI thread, after the pause: it is linear in the blueprint and well
inside a frame even for thousands of steps (``last_duration_ms``; the figures are in
benchmarks/README.md), and happens once per burst of edits, never during a drag, so a
worker thread and a snapshot of the blueprint would only add copying and races.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from blueprint_editor.core.document import Document
from blueprint_editor.core.gc_pause import gc_paused
from blueprint_editor.qt.editing.document_signals import document_signals

DEBOUNCE_MS = 200


def _default_validator():
    # the validator module; imported late on purpose. The editor's variant keeps a blank
    # page quiet (no "column has no steps" before the first step).
    from blueprint_editor.core.validate import validate_in_editor

    return validate_in_editor


class ChecksRunner(QObject):
    """Debounced validator runs for one document.

    ``validator`` is ``validate(blueprint) -> list[Finding]``; the default is the core
    validator's editor variant (``validate_in_editor``). ``findings`` holds the latest
    result, ``runs`` counts validator calls.
    """

    findingsChanged = Signal(list)
    #: The validator raised; the message says why (the old findings stay shown).
    failed = Signal(str)

    def __init__(
        self,
        document: Document,
        parent: QObject | None = None,
        validator: Callable | None = None,
        delay_ms: int = DEBOUNCE_MS,
    ):
        super().__init__(parent)
        self._doc = document
        self._validator = validator
        self.findings: list = []
        self.runs = 0
        self.last_duration_ms = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)
        document_signals(document).changed.connect(self._on_events)

    # ------------------------------------------------------------------ api
    @property
    def document(self) -> Document:
        return self._doc

    @property
    def pending(self) -> bool:
        """True while a run is scheduled but has not happened yet."""
        return self._timer.isActive()

    def schedule(self) -> None:
        """(Re)start the debounce timer."""
        self._timer.start()

    def run_now(self) -> Sequence:
        """Validate at once (start-up, tests); cancels a scheduled run."""
        self._timer.stop()
        validator = self._validator or _default_validator()
        with gc_paused():  # graph, findings, then badges and rows: all new objects
            started = time.perf_counter()
            try:
                findings = list(validator(self._doc.blueprint))
            except Exception as exc:  # a validator bug must not take the editor down
                self.failed.emit(f"The checks could not run: {exc}")
                return self.findings
            finally:
                self.last_duration_ms = (time.perf_counter() - started) * 1000.0
                self.runs += 1
            self.findings = findings
            self.findingsChanged.emit(findings)
        return findings

    def detach(self) -> None:
        """Stop listening to the document (the runner is being thrown away)."""
        self._timer.stop()
        document_signals(self._doc).changed.disconnect(self._on_events)

    # ------------------------------------------------------------ internals
    def _on_events(self, events) -> None:
        self._timer.start()
