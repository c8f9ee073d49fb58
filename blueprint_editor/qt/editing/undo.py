"""Undo commands: each wraps one core operation, so undo is the core's own inverse.

Commands change only the model. The scene, the panels and the window title follow the
document's events and the stack's signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from blueprint_editor.core.document import Document
from blueprint_editor.core.operations import Batch, Operation, OperationError


class DocCommand(QUndoCommand):
    """One undo entry: ``redo`` applies the operation, ``undo`` applies its inverse.

    The controller applies the operation before pushing (so a refused edit raises in
    Python, not inside Qt's push); ``applied_inverse`` then makes the first ``redo``,
    which QUndoStack.push always calls, a no-op.
    """

    def __init__(self, doc: Document, op: Operation, text: str, applied_inverse: Operation | None = None):
        super().__init__(text)
        self._doc = doc
        self._op = op
        self._inverse = applied_inverse
        self._skip_redo = applied_inverse is not None

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._inverse = self._doc.apply(self._op)

    def undo(self) -> None:
        assert self._inverse is not None
        self._op = self._doc.apply(self._inverse)


def is_empty(op: Operation) -> bool:
    return isinstance(op, Batch) and all(is_empty(o) for o in op.ops)


class EditController(QObject):
    """The one door for edits from the Qt layer: apply an operation as one undo entry.

    An operation the core refuses changes nothing and does not enter the stack;
    ``error`` carries the reason (for the status bar) and ``push`` returns False.
    """

    error = Signal(str)

    def __init__(self, doc: Document, stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self.stack = stack

    def push(self, op: Operation, text: str | None = None) -> bool:
        if is_empty(op):
            return False
        label = text or (op.label if isinstance(op, Batch) and op.label else "Edit")
        try:
            inverse = self.doc.apply(op)
        except (OperationError, ValueError) as exc:
            self.error.emit(str(exc))
            return False
        self.stack.push(DocCommand(self.doc, op, label, applied_inverse=inverse))
        return True
