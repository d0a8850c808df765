"""Keep Python's cycle collector out of bulk loading.

Loading a portfolio creates millions of small acyclic objects (dicts, models,
graph attributes). The cycle collector rescans them again and again while they
are created, which costs several times the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector, then freeze what survived.

    Frozen objects are still freed by reference counting when dropped; freezing
    only stops later collections from walking the whole workspace again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
