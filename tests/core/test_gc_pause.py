"""The collector pause used around loading, canvas rebuilds and checks."""

from __future__ import annotations

import gc
import weakref

from blueprint_editor.core.gc_pause import gc_paused


class Node:
    def __init__(self):
        self.other = None


def test_pause_restores_the_collector_and_nests():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not switch it back on early
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_bulk_work_does_not_leave_a_young_collection_behind_and_cycles_are_still_freed():
    with gc_paused():
        kept = [{"n": [i]} for i in range(30_000)]
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle that becomes garbage
        probe = weakref.ref(a)
        del a, b
    # the 60,000 new containers went straight to the old generation: the next young
    # collection has nothing of them to walk
    assert gc.get_count()[0] < 1_000
    assert gc.get_freeze_count() == 0
    assert probe() is not None  # not freed by reference counting ...
    gc.collect()
    assert probe() is None  # ... but by the next full collection
    assert len(kept) == 30_000
