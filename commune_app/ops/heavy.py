"""Work that allocates a great many small objects living until it ends (a province's report
figures, the rows of a 10,000-row sheet): Python's cycle collector would rescan them again and
again, a large share of the time. Such work runs with the collector paused; it frees nothing a
reference count would not."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_gc_pauses() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
