"""Keep Python's cycle collector out of bulk work, without keeping garbage forever.

Loading a portfolio creates millions of small acyclic objects (dicts, models, graph
attributes). The cycle collector rescans them again and again while they are created,
which costs several times the work itself; so bulk work runs with the collector paused.

Freezing (``gc.freeze``) moves every object alive at that moment out of the collector's
sight for good, garbage cycles included. That pays once, after the first bulk load of a
process (later collections need not walk the whole workspace again), and leaks when done
again and again: the app's pages run their analyses on every rerun, and freezing after
each one grew memory with every rerun. So analyses only pause the collector, and a load
freezes at most once per process.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_froze = threading.Event()
"""Set once a bulk load has frozen what it made."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while the block runs; what it leaves behind is collected
    as usual afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def bulk_load() -> Iterator[None]:
    """:func:`collector_paused`, then, the first time in this process, freeze what
    survived. Frozen objects are still freed by reference counting when dropped."""
    with collector_paused():
        yield
        if not _froze.is_set():
            _froze.set()
            gc.freeze()
