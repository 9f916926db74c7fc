"""Python's cyclic garbage collector paused around work that makes many short-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the work inside.

    Work such as laying out a PDF or reading a year of figures makes tens of thousands of
    short-lived objects, which reference counting frees; each of them counts towards the
    collector's next full pass over every object the application holds, and those passes were
    a third of a day's work sheets and a sixth of the managers' figures. The collector resumes
    (and catches up) as soon as the work is done; where it was already off (the application
    collects on its GUI thread) this changes nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
