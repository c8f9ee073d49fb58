"""Pause Python's cyclic garbage collector around bulk work.

Loading a file, rebuilding the canvas or re-running the checks makes tens of thousands of
objects at once (models, graph nodes, Qt wrappers), none of them garbage. Each 700 new
objects start a collection, and every few of those walk the whole heap, so on a large
blueprint the collector can take as long as the work itself (benchmarks/README.md).
Reference counting still frees everything as usual; only the search for cycles waits
until the block ends.

At the end the new objects are moved straight to the oldest generation (``gc.freeze()``
then ``gc.unfreeze()``: two list splices, no traversal), where they would end up anyway.
Otherwise the first allocation after the block starts a young collection that walks every
one of them, a third of the time of a large load. Cycles among them, if any, are still
found by the next full collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Promote only after real bulk work (a young generation far past its threshold).
_PROMOTE_AFTER = 10_000


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (nests; restores what it found)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > _PROMOTE_AFTER and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
