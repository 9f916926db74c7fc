"""How long work reports progress and learns it is cancelled: one protocol for every task.

A task takes ``progress(done, total, text)`` and ``cancelled()``; when ``cancelled()`` turns True
it stops, undoes what it began and raises ``upw_ttg.errors.Cancelled``. The screens hand in their
task control's ``report`` and ``cancelled``; the command line prints; a caller that wants
neither passes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from upw_ttg.errors import Cancelled

ProgressFn = Callable[[int, int, str], None]
"""``progress(done, total, text)``: ``done`` of ``total`` steps, ``text`` saying what is next."""

CancelledFn = Callable[[], bool]
"""``cancelled()``: True once the user has asked the task to stop."""


def noop_progress(done: int, total: int, text: str) -> None:
    """Progress nobody watches."""
    return None


def never_cancelled() -> bool:
    """A task nobody can cancel."""
    return False


def stop_if_cancelled(cancelled: CancelledFn | None, message: str | None = None) -> None:
    """Raise ``Cancelled`` (with ``message`` if given) if the user has asked the task to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled(message) if message else Cancelled()
